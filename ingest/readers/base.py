"""The reader protocol and the helpers every reader shares (opening, size caps, timestamps)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from ingest.encoding import decode_page
from ingest.readers.gzipstream import GZIP_MAGIC, InflatingReader
from ingest.record import Note, RawPage, Reject, Skipped

Source = Path | str | BinaryIO
ReadItem = RawPage | Reject | Skipped | Note

_BUFFER_BYTES = 1 << 20


class Reader(Protocol):
    """Turns one input into pages; never touches DuckDB.

    Problems become `Reject` items (one per bad record when the format has records) and the
    reader carries on; records that are fine but deliberately not pages become `Skipped`; a page stored with a
    change or a guess (NULs removed, charset guessed) is preceded by a `Note`.
    `max_page_bytes` lets a reader refuse to hold an oversized record in memory at all.
    """

    def __call__(
        self, source: Source, source_uri: str, *, max_page_bytes: int | None = None
    ) -> Iterator[ReadItem]: ...


@contextmanager
def open_input(source: Source) -> Iterator[BinaryIO]:
    """Open a path or wrap a stream; gzip is recognised by its magic bytes, not by the file name."""
    if isinstance(source, (str, Path)):
        with open(source, "rb", buffering=0) as raw:
            yield _decompressed(io.BufferedReader(raw, _BUFFER_BYTES))
    else:
        buffered = source if hasattr(source, "peek") else io.BufferedReader(source, _BUFFER_BYTES)
        yield _decompressed(buffered)


def _decompressed(stream: io.BufferedReader) -> BinaryIO:
    if stream.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(InflatingReader(stream), _BUFFER_BYTES)
    return stream


def damage_of(stream: BinaryIO) -> tuple[str, str] | None:
    """(reason, detail) when a gzip stream ended early or was corrupt, else None."""
    inner = getattr(stream, "raw", None)
    return getattr(inner, "damage", None)


def read_capped(stream: BinaryIO, max_bytes: int | None) -> bytes | None:
    """All bytes of the stream, or None as soon as it exceeds max_bytes (without reading on)."""
    if max_bytes is None:
        return stream.read()
    # read(n) allocates n bytes up front: read a file at its known size, and on only if it grew meanwhile.
    size = _remaining_bytes(stream)
    data = stream.read(max_bytes + 1 if size is None else min(size, max_bytes) + 1)
    if size is not None and size < len(data) <= max_bytes:
        data += stream.read(max_bytes + 1 - len(data))
    return None if len(data) > max_bytes else data


def _remaining_bytes(stream: BinaryIO) -> int | None:
    """Bytes left in a plain file; None for streams whose length is unknown (pipes, decompressors)."""
    try:
        return os.fstat(stream.fileno()).st_size - stream.tell()
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


BYTES_PER_MB = 1024 * 1024  # what --max-page-mb counts in


def megabytes(size: int) -> str:
    """A byte count in the unit of --max-page-mb: the default limit shows as '10', not '10.4858'."""
    return f"{size / BYTES_PER_MB:.4g} MB"


def too_large(source_uri: str, max_page_bytes: int, what: str = "page") -> Reject:
    return Reject(
        source_uri,
        "page_too_large",
        f"{what} is larger than the limit of {megabytes(max_page_bytes)} (raise --max-page-mb to load it)",
    )


def read_single_page(
    source: Source, source_uri: str, content_format: str, max_page_bytes: int | None
) -> Iterator[ReadItem]:
    """One file holds one page (plain text or HTML), possibly gzipped."""
    with open_input(source) as stream:
        data = read_capped(stream, max_page_bytes)
        damage = damage_of(stream)
    if data is None:
        yield too_large(source_uri, max_page_bytes)
        return
    if damage:
        yield Reject(source_uri, *damage)
        return
    if not data.strip():
        yield Reject(source_uri, "empty_file", "the file has no content (0 bytes or only whitespace)")
        return
    decoded = decode_page(data, source_uri)
    if isinstance(decoded, Reject):
        yield decoded
        return
    yield from decoded.notes
    yield RawPage(source_uri=source_uri, body=decoded.text, content_format=content_format, utf8=decoded.utf8)


def parse_timestamp(value: object) -> datetime | None:
    """A naive UTC datetime from ISO 8601, HTTP dates, 14-digit WARC/CDX stamps or epoch seconds/ms."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _as_naive_utc(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    text = str(value).strip()
    if text.isdigit() and len(text) == 14:
        try:
            return datetime.strptime(text, "%Y%m%d%H%M%S")
        except ValueError:
            return None
    try:
        return _from_epoch(float(text))
    except ValueError:
        pass
    try:
        return _as_naive_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return _as_naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _from_epoch(seconds: float) -> datetime | None:
    # Values this large are milliseconds: 1e11 seconds would be the year 5138.
    if abs(seconds) >= 1e11:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def _as_naive_utc(moment: datetime) -> datetime | None:
    """None when the moment has no UTC equivalent datetime can hold (0001-01-01T00:00+05:00 is in year 0)."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return None
