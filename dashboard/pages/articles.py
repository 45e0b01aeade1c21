"""Articles over time per site, the sites mart, and a reader that shows scraped text as plain text."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from layout import LABEL_LIMIT, SHARE_COLUMNS, context, section, show

warehouse, filters = context()
st.title("Articles")

if section("Articles over time per site", warehouse, "marts.articles"):
    show(warehouse.articles_per_day(filters), lambda frame: st.altair_chart(
        alt.Chart(frame).mark_bar().encode(
            x=alt.X("day:T", title="day"),
            y=alt.Y("sum(articles):Q", title="articles", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("site:N", legend=alt.Legend(labelLimit=LABEL_LIMIT)),
            tooltip=["day:T", "site:N", "articles:Q"],
        ),
        width="stretch",
    ))
    st.caption("Day = publication date, else fetch date. Undated pages are not charted.")

if section("Sites", warehouse, "marts.sites"):
    show(warehouse.sites(filters), lambda frame: st.dataframe(frame, hide_index=True, width="stretch",
                                                               column_config=SHARE_COLUMNS))
    st.caption("All-time figures per site (the date filter does not apply).")

if section("Read articles", warehouse, "marts.articles"):
    # The search term lives in the address so a view can be shared (and opened by the browser test).
    term = st.text_input("Title or body contains", value=st.query_params.get("q", ""), key="article_search")
    st.query_params["q"] = term
    matches = warehouse.search_articles(filters, term)

    def reader(frame):
        st.dataframe(frame.drop(columns=["article_id", "dek", "body"]), hide_index=True, width="stretch",
                     column_config={"day": st.column_config.DateColumn("day")})
        chosen = st.selectbox("Article", frame.index, format_func=lambda row: f"{frame.at[row, 'site']} · "
                              f"{frame.at[row, 'title'] or '(no title)'}")
        article = frame.loc[chosen]
        # Scraped text is untrusted: st.text never parses Markdown or HTML.
        st.text(article["title"] or "(no title)")
        day = None if pd.isna(article["day"]) else pd.Timestamp(article["day"]).date()
        st.text(" · ".join(str(part) for part in (article["site"], day, article["author"], article["url"]) if part))
        if article["dek"]:
            st.text(article["dek"])
        st.text(article["body"] or "(no body)")

    show(matches, reader)
