"""Markdown captures: .md/.markdown files (and .gz), front matter into url/fetched_at, broken front matter, records."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ingest import frontmatter
from ingest.discover import read_inputs
from ingest.readers import jsonl, markdown, parquet
from ingest.record import Note, RawPage

CAPTURE = """---
title: "Ducks: a winter count"
url: https://birds.example/2024/ducks
source: Birds
date: 2024-01-12
fetch_date: 2024-02-01T08:30:00.250
---

# Ducks: a winter count

The reservoir froze at the edges.
"""


def test_md_markdown_and_gz_files_load_with_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(CAPTURE)
    (tmp_path / "b.markdown").write_text(CAPTURE.replace("/ducks", "/ducks-b"))
    (tmp_path / "c.md.gz").write_bytes(gzip.compress(CAPTURE.replace("/ducks", "/ducks-c").encode()))
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(item, RawPage) for item in items), items
    assert [(Path(item.source_uri).name, item.content_format, item.url) for item in items] == [
        ("a.md", "markdown", "https://birds.example/2024/ducks"),
        ("b.markdown", "markdown", "https://birds.example/2024/ducks-b"),
        ("c.md.gz", "markdown", "https://birds.example/2024/ducks-c"),
    ]
    assert {item.fetched_at for item in items} == {datetime(2024, 2, 1, 8, 30, 0, 250000)}
    assert items[0].body == CAPTURE  # the exact capture, front matter included


def test_fetch_time_falls_back_to_date_and_other_url_keys(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("---\nlink: https://x.example/p\ndate: 2023-05-06\n---\n\nText.\n")
    (page,) = markdown.read(path, "p.md")
    assert (page.url, page.fetched_at) == ("https://x.example/p", datetime(2023, 5, 6))
    path.write_text("---\nsource_url: https://x.example/q\ncrawled_at: 1700000000\ndate: 2023-05-06\n---\nText.\n")
    (page,) = markdown.read(path, "p.md")
    assert (page.url, page.fetched_at) == ("https://x.example/q", datetime(2023, 11, 14, 22, 13, 20))


def test_no_front_matter_loads_as_markdown(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Title\n\n---\n\nA thematic break is not front matter.\n")
    (page,) = markdown.read(path, "plain.md")
    assert (page.content_format, page.url, page.fetched_at) == ("markdown", None, None)


def test_broken_front_matter_loads_the_page_and_leaves_a_note(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\nurl: https://x.example/p\n---\n\n# Heading\n\nText.\n")
    note, page = list(markdown.read(path, "broken.md"))
    assert isinstance(note, Note) and note.kind == "invalid_front_matter"
    assert "loaded as Markdown without its front matter" in note.detail and "YAML" in note.detail
    assert isinstance(page, RawPage) and page.url is None and page.content_format == "markdown"
    path.write_text("---\n- a list\n- not a mapping\n---\nText.\n")
    note, page = list(markdown.read(path, "list.md"))
    assert note.kind == "invalid_front_matter" and "not a mapping" in note.detail
    assert isinstance(page, RawPage)


def test_empty_markdown_file_is_rejected(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("  \n")
    (reject,) = markdown.read(path, "empty.md")
    assert reject.reason == "empty_file"


def test_jina_reader_header():
    meta = frontmatter.split(
        "Title: Ducks\n\nURL Source: https://birds.example/ducks\n\nPublished Time: 2024-01-12\n\nMarkdown Content:\n# Ducks\n"
    )
    assert (meta.title, meta.url, meta.published, meta.markdown) == (
        "Ducks", "https://birds.example/ducks", "2024-01-12", "# Ducks\n"
    )


def test_jsonl_and_parquet_markdown_records(tmp_path):
    path = tmp_path / "pages.jsonl"
    lines = [
        {"markdown": CAPTURE},
        {"url": "https://own.example/1", "md": CAPTURE, "fetched_at": "2024-03-01T00:00:00Z"},
        {"text": "# declared", "format": "markdown"},
        {"text": "# not declared"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    pages = list(jsonl.read(path, str(path)))
    assert [(page.content_format, page.url, page.fetched_at) for page in pages] == [
        ("markdown", "https://birds.example/2024/ducks", datetime(2024, 2, 1, 8, 30, 0, 250000)),
        ("markdown", "https://own.example/1", datetime(2024, 3, 1)),  # the record's own fields win
        ("markdown", None, None),
        ("text", None, None),
    ]
    table_path = tmp_path / "pages.parquet"
    pq.write_table(pa.table({"markdown": [CAPTURE], "content_type": ["text/markdown"]}), table_path)
    (page,) = parquet.read(table_path, "p")
    assert (page.content_format, page.url) == ("markdown", "https://birds.example/2024/ducks")


def test_unquoted_colons_are_read_line_by_line_with_a_note(tmp_path):
    path = tmp_path / "isc.md"
    path.write_text("---\ntitle: Attempts, (Wed)\nurl: https://isc.example/d/1\nsource: ISC, InfoCON: green\n"
                    "fetch_date: 2025-12-04T03:19:38\n---\n\n# Attempts\n")
    note, page = list(markdown.read(path, "isc.md"))
    assert note.kind == "invalid_front_matter" and "read as plain key: value lines" in note.detail
    assert (page.url, page.fetched_at) == ("https://isc.example/d/1", datetime(2025, 12, 4, 3, 19, 38))
    assert frontmatter.split(page.body).fields["source"] == "ISC, InfoCON: green"
