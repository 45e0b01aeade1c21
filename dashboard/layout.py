"""Shared page furniture: the sidebar filters, the per-session context, and the empty and not-built notices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from queries import Filters, Warehouse

NOT_BUILT = "Not built yet: run `make build`"
NO_DATA = "No data for the chosen sites and dates."
SHARE_COLUMNS = {name: st.column_config.NumberColumn(format="percent") for name in (
    "truncated_teaser_share", "title_echo_teaser_share", "truncated_article_share", "near_duplicate_article_share")}
# Long site names and check names stay readable on chart axes.
LABEL_LIMIT = 260


def sidebar_filters(warehouse: Warehouse) -> Filters:
    """Site and date filters; every page reads them, so they live in the app's sidebar."""
    st.sidebar.header("Filters")
    if warehouse.missing("marts.sites", "marts.articles", "marts.teasers"):
        st.sidebar.info(f"{NOT_BUILT} to filter by site and date.")
        return Filters(sites=(), start=date.min, end=date.max, include_undated=True)
    sites = st.sidebar.multiselect("Sites", warehouse.site_names(), key="sites", placeholder="All sites")
    bounds = warehouse.date_bounds() or (date.today(), date.today())
    chosen = st.sidebar.date_input("Dates", value=bounds, min_value=bounds[0], max_value=bounds[1], key="dates")
    # While a range is being picked the widget briefly holds only its first day.
    start, end = (chosen[0], chosen[-1]) if len(chosen) else bounds
    include_undated = st.sidebar.checkbox(
        "Include undated pages", value=True, key="include_undated",
        help="Plain-text dumps carry no publication or fetch time; they are never in the charts over time.")
    return Filters(sites=tuple(sites), start=start, end=end, include_undated=include_undated)


def remember(warehouse: Warehouse, filters: Filters) -> None:
    st.session_state["context"] = (warehouse, filters)


def context() -> tuple[Warehouse, Filters]:
    return st.session_state["context"]


def section(title: str, warehouse: Warehouse, *tables: str) -> bool:
    """Start a section; when a table it reads is not built, say so instead of failing."""
    st.subheader(title)
    missing = warehouse.missing(*tables)
    if missing:
        st.info(f"{NOT_BUILT} (missing {', '.join(missing)}).")
    return not missing


def show(frame: pd.DataFrame, render: Callable[[pd.DataFrame], object]) -> None:
    if frame.empty:
        st.info(NO_DATA)
    else:
        render(frame)
