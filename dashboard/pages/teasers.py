"""The most repeated teasers, each with the article it links to."""

from __future__ import annotations

import streamlit as st

from layout import context, section, show

MOST_REPEATED = 50

warehouse, filters = context()
st.title("Teasers")

if section("Most repeated teasers", warehouse, "marts.teasers", "marts.articles"):
    # Urls are shown as text, not links: a scraped href may be a javascript: url.
    show(warehouse.most_repeated_teasers(filters, MOST_REPEATED), lambda frame: st.dataframe(
        frame, hide_index=True, width="stretch",
        column_order=["sighting_count", "page_count", "title", "article_title", "site", "snippet", "has_title_echo",
                      "is_truncated", "truncation_reason", "article_url", "first_seen", "last_seen"],
        column_config={"sighting_count": st.column_config.ProgressColumn(
            "sightings", format="%d", min_value=0, max_value=int(frame["sighting_count"].max()))},
    ))
    st.caption("Teasers seen at least once in the date range; article_title is empty when the corpus lacks the "
               "linked article.")
