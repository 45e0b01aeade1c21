"""Builders for small, real-shaped loader inputs (HTML pages, WARC files), a CLI runner and a query helper."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def html_page(title: str, paragraphs: int = 3) -> str:
    body = "".join(f"<p>{title}: paragraph {number} with some words.</p>" for number in range(paragraphs))
    return f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


def write_html_files(directory: Path, count: int, paragraphs: int = 3) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = directory / f"page{number:05d}.html"
        path.write_text(html_page(f"Page {number}", paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def warc_bytes(records: list[dict], *, gzipped: bool) -> bytes:
    """A WARC file with one response record per dict: url, body (bytes), content_type, status, date and
    headers (more HTTP headers, as (name, value) pairs)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for record in records:
        headers = [("Content-Type", record["content_type"])] if record.get("content_type") else []
        headers += record.get("headers", [])
        http_headers = StatusAndHeaders(record.get("status", "200 OK"), headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": record["date"]} if record.get("date") else None
        writer.write_record(
            writer.create_warc_record(
                record["url"],
                record.get("record_type", "response"),
                payload=io.BytesIO(record["body"]),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        )
    return buffer.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


def run_cli(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def query(db_path: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.sql(sql).fetchall()
