"""Data-quality results per site: the latest run of every suite (dq.*) and the shares in marts.sites."""

from __future__ import annotations

import altair as alt
import streamlit as st

from layout import LABEL_LIMIT, context, section, show

SITE_SHARES = ["truncated_teaser_share", "title_echo_teaser_share", "truncated_article_share",
               "near_duplicate_article_share"]

warehouse, filters = context()
st.title("Quality")

if section("Flagged rows per site and check", warehouse, "dq.validation_runs", "dq.expectation_results",
           "dq.defects", "marts.articles", "marts.teasers", "marts.teaser_sightings"):
    def heatmap(frame):
        base = alt.Chart(frame).encode(
            x=alt.X("site:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=LABEL_LIMIT)),
            y=alt.Y("check_name:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=["suite:N", "check_name:N", "site:N", "flagged_rows:Q", "checked_rows:Q",
                     alt.Tooltip("flagged_share:Q", format=".1%")],
        )
        st.altair_chart(
            base.mark_rect().encode(color=alt.Color("flagged_share:Q", title="flagged", scale=alt.Scale(
                scheme="orangered", domain=[0, 1]), legend=alt.Legend(format="%")))
            + base.mark_text().encode(text=alt.Text("flagged_share:Q", format=".0%")),
            width="stretch",
        )

    show(warehouse.defect_rates_per_site(filters), heatmap)
    st.caption("repeat_sighting is the duplicate-teaser rate; snippet_cut, teaser_snippet_cut and body_cut are "
               "truncation rates. Latest run of each suite, all dates.")

    st.subheader("Latest run of each suite")
    show(warehouse.latest_suite_runs(), lambda frame: st.dataframe(frame, hide_index=True, width="stretch"))

if section("Shares per site", warehouse, "marts.sites"):
    show(warehouse.sites(filters), lambda frame: st.altair_chart(
        alt.Chart(frame[["site", *SITE_SHARES]]).transform_fold(SITE_SHARES, as_=["measure", "share"]).mark_bar()
        .encode(
            x=alt.X("site:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=LABEL_LIMIT)),
            xOffset="measure:N",
            y=alt.Y("share:Q", axis=alt.Axis(format="%")),
            color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=LABEL_LIMIT)),
            tooltip=["site:N", "measure:N", alt.Tooltip("share:Q", format=".1%")],
        ),
        width="stretch",
    ))
