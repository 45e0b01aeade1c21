"""Top entities in the chosen articles and how often they come up over time."""

from __future__ import annotations

import altair as alt
import streamlit as st

from layout import LABEL_LIMIT, context, section, show

TOP_ENTITIES = 15
TRENDED_ENTITIES = 5

warehouse, filters = context()
st.title("Entities")

if section("Top entities", warehouse, "marts.articles", "marts.article_entities", "marts.entities"):
    top = warehouse.top_entities(filters, TOP_ENTITIES)
    show(top, lambda frame: st.altair_chart(
        alt.Chart(frame).mark_bar().encode(
            x=alt.X("articles:Q", title="articles mentioning it"),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color("entity_type:N", title="type"),
            tooltip=["name:N", "entity_type:N", "articles:Q", "mentions:Q", "aliases:N"],
        ),
        width="stretch",
    ))
    show(top, lambda frame: st.dataframe(frame.drop(columns=["entity_id"]), hide_index=True, width="stretch"))

    st.subheader(f"Trend of the top {TRENDED_ENTITIES}")
    trend = warehouse.entity_trend(filters, top["entity_id"].head(TRENDED_ENTITIES).tolist()) if len(top) else top
    show(trend, lambda frame: st.altair_chart(
        alt.Chart(frame).mark_line(point=True).encode(
            x=alt.X("yearweek(day):T", title="week"),
            y=alt.Y("sum(articles):Q", title="articles"),
            color=alt.Color("name:N", title="entity"),
            tooltip=["yearweek(day):T", "name:N", "sum(articles):Q"],
        ),
        width="stretch",
    ))
