"""JSON Lines (.jsonl, .ndjson, optionally gzipped): one page per line; field names in `readers.fields`.

A broken line becomes a Reject naming its line number and the other lines still load; a truncated
gzip keeps every complete line before the damage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ingest.readers.base import ReadItem, Source, damage_of, open_input, too_large
from ingest.readers.fields import page_from_record
from ingest.record import Reject

# JSON escaping (\" \n \uXXXX) can make a line several times longer than the page it holds;
# this only stops unbounded memory use, the exact page size limit is applied to the decoded body.
_LINE_BYTES_PER_PAGE_BYTE = 2
_LINE_SLACK_BYTES = 1 << 20
_SKIP_CHUNK_BYTES = 1 << 20


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    line_cap = None if max_page_bytes is None else max_page_bytes * _LINE_BYTES_PER_PAGE_BYTE + _LINE_SLACK_BYTES
    with open_input(source) as stream:
        last_number = 0
        records_seen = 0
        for number, line in _numbered_lines(stream, line_cap):
            last_number = number
            line_uri = f"{source_uri}#line={number}"
            if line is None:
                yield too_large(line_uri, line_cap, "line")
                continue
            if not line.endswith(b"\n") and damage_of(stream):
                break  # the cut-off tail of a truncated file; reported once below
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            records_seen += 1
            yield _page_from_line(line, line_uri)
        damage = damage_of(stream)
    if damage:
        reason, detail = damage
        yield Reject(f"{source_uri}#line={last_number}", reason, f"{detail}; lines before line {last_number} were read")
    elif records_seen == 0:
        yield Reject(source_uri, "empty_file", "the file has no non-blank lines")


def _numbered_lines(stream: BinaryIO, line_cap: int | None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when longer than line_cap (its rest is skipped)."""
    number = 0
    while True:
        line = stream.readline() if line_cap is None else stream.readline(line_cap + 1)
        if not line:
            return
        number += 1
        if line_cap is not None and len(line) > line_cap and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _page_from_line(line: bytes, line_uri: str):
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as error:
        return Reject(line_uri, "invalid_json", f"not valid JSON: {error}")
    if not isinstance(record, dict):
        return Reject(line_uri, "invalid_record", f"expected a JSON object, found a {type(record).__name__}")
    return page_from_record(record, line_uri)
