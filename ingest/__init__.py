"""pagewarehouse ingest: read raw scraped pages into DuckDB and segment them into articles and teasers."""

__version__ = "0.1.0"
