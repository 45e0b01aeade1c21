"""The pagewarehouse dashboard: `streamlit run app.py` from this folder (`make dashboard`)."""

from __future__ import annotations

import duckdb
import streamlit as st

from layout import NOT_BUILT, remember, sidebar_filters
from queries import Warehouse, warehouse_path

PAGES = [
    st.Page("pages/articles.py", title="Articles", default=True),
    st.Page("pages/entities.py", title="Entities"),
    st.Page("pages/topics.py", title="Topics"),
    st.Page("pages/quality.py", title="Quality"),
    st.Page("pages/teasers.py", title="Teasers"),
]

st.set_page_config(page_title="pagewarehouse", layout="wide")
navigation = st.navigation(PAGES)
path = warehouse_path()
st.sidebar.caption(f"Warehouse: {path}")
if not path.exists():
    st.info(f"{NOT_BUILT}: there is no warehouse at {path}.")
    st.stop()
try:
    warehouse = Warehouse(path)
    filters = sidebar_filters(warehouse)
except duckdb.IOException as error:
    # `make build` works on a copy and never locks the dashboard out; a direct in-place writer (a bare
    # `python -m ingest load --db` or `dbt build`) does, and DuckDB's message names its process.
    st.warning("The warehouse is being written in place by another process (not `make build`, which works on a "
               "copy). Reload this page when it finishes.")
    st.text(str(error))
    st.stop()
remember(warehouse, filters)
navigation.run()
