"""Pages the HTML extractor tests share: a short article, and a sample of the benchmark's real news pages."""

from __future__ import annotations

import gzip

import pytest

from ingest.segment.html import drop_invisible, parse_html
from tests.conftest import BENCHMARK_DIR

# The first page runs the recall retry, the third measures the page text exactly (the cheap bound cannot
# settle it), the others settle the escalation check by the bound or never reach it.
BENCHMARK_SAMPLE = [
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",
    "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0",
    "5f9c5ed5d64dfe682d9bde13b9b4f032a3ebdbf165c06ec49c0705bcbe106e3b",
    "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730",
    "d90bda7ed14df19574f4ca8b1ccde5752a78f40058af1393e81cc99adb3e8756",
]
needs_benchmark = pytest.mark.skipif(not BENCHMARK_DIR.exists(), reason="article-extraction benchmark not available")

ARTICLE = "".join(
    f"<p>Paragraph {n} of the report explains how the harbour authority plans to rebuild the old sea wall, "
    f"which storms damaged twice last winter, and what the works will cost the town.</p>"
    for n in range(1, 6)
)


def benchmark_tree(page_id: str):
    """A benchmark page as the extractor first sees it: parsed, scripts and styles dropped."""
    with gzip.open(BENCHMARK_DIR / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
        tree = parse_html(handle.read())
    drop_invisible(tree)
    return tree
