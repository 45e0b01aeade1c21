"""One reader per input format; each yields RawPage, Reject and Skipped items and never touches DuckDB."""
