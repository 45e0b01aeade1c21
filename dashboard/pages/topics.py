"""Topic mix per site and over time, for one taxonomy at a time."""

from __future__ import annotations

import altair as alt
import streamlit as st

from layout import LABEL_LIMIT, context, section, show

warehouse, filters = context()
st.title("Topics")

if section("Topic mix per site", warehouse, "marts.articles", "marts.article_topics", "marts.topics",
           "marts.topic_daily"):
    taxonomy = st.radio("Taxonomy", warehouse.taxonomies(), horizontal=True, key="taxonomy")
    show(warehouse.topic_mix_per_site(filters, taxonomy), lambda frame: st.altair_chart(
        alt.Chart(frame).mark_bar().encode(
            x=alt.X("sum(articles):Q", stack="normalize", title="share of articles (primary topic)"),
            y=alt.Y("site:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color("topic:N", legend=alt.Legend(labelLimit=LABEL_LIMIT)),
            tooltip=["site:N", "topic:N", "articles:Q"],
        ),
        width="stretch",
    ))

    st.subheader("Topics over time")
    show(warehouse.topic_trend(filters, taxonomy), lambda frame: st.altair_chart(
        alt.Chart(frame).mark_area().encode(
            x=alt.X("yearweek(day):T", title="week"),
            y=alt.Y("sum(articles):Q", title="articles"),
            color=alt.Color("topic:N", legend=alt.Legend(labelLimit=LABEL_LIMIT)),
            tooltip=["yearweek(day):T", "topic:N", "sum(articles):Q"],
        ),
        width="stretch",
    ))

    st.subheader("Topics")
    show(warehouse.topics(taxonomy), lambda frame: st.dataframe(frame, hide_index=True, width="stretch"))
    st.caption("Article counts here are all-time; the charts follow the filters.")
