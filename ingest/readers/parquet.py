"""Parquet files: one page per row, with the field names of `readers.fields`.

Rows are read in record batches (one row group at a time at most), never the whole file, and
only the recognised columns are read. `max_page_bytes` is not needed here: a batch is already in
Arrow memory, and the writer applies the exact size limit to each decoded body. Each item's source_uri is "<file>#row=<n>" (0-based).
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.readers.base import ReadItem, Source
from ingest.readers.fields import ALL_FIELDS, CONTENT_FIELDS, page_from_record
from ingest.record import Reject

_ROWS_PER_BATCH = 256


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet_file = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as error:
        yield Reject(source_uri, "invalid_parquet", f"not a readable Parquet file: {error}")
        return
    present = set(parquet_file.schema_arrow.names)
    columns = [name for name in ALL_FIELDS if name in present]
    content_columns = [name for name in CONTENT_FIELDS if name in present]
    if not content_columns:
        yield Reject(
            source_uri, "missing_content", f"no content column; expected one of {', '.join(CONTENT_FIELDS)}"
        )
        return
    if parquet_file.metadata.num_rows == 0:
        yield Reject(source_uri, "empty_file", "the Parquet file has no rows")
        return

    row = 0
    try:
        for batch in parquet_file.iter_batches(batch_size=_ROWS_PER_BATCH, columns=columns):
            values = {name: _python_values(batch.column(name)) for name in columns}
            for index in range(batch.num_rows):
                yield page_from_record(
                    {name: column[index] for name, column in values.items()}, f"{source_uri}#row={row}"
                )
                row += 1
    except (pa.ArrowException, OSError) as error:
        yield Reject(
            f"{source_uri}#row={row}", "invalid_parquet", f"rows from {row} on could not be read: {error}"
        )


def _python_values(column) -> list:
    """The column as Python values; a value Python cannot hold (a timestamp in year 0) becomes None, not an error."""
    try:
        return column.to_pylist()
    except (OverflowError, ValueError):
        return [_python_value(scalar) for scalar in column]


def _python_value(scalar):
    try:
        return scalar.as_py()
    except (OverflowError, ValueError):
        return None
