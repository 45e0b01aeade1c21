"""Convert every labelled HTML page of the teaser dev set to the Markdown a crawler would save, stored as
markdown/<name>.md.gz: html2text (the converter crawl4ai and many scrapers use) with its line wrapping off, the
whole page converted (menus, sidebars and footers included, as a crawler that does no extraction of its own
keeps them), no front matter (so the title must come from the page's text, as for the text twins).

Run once, from the repository root, when pages are added (CI never runs it; the captures are committed; needs
html2text, which the product does not: `.venv/bin/pip install html2text==2025.4.15`):

    .venv/bin/python tests/segment/teaser_dev/make_markdown_twin.py

The page is decoded as `ingest load` decodes it; html2text options: body_width=0 (no hard wrap), everything
else at its defaults (links as [text](url), images as ![alt](src), emphasis kept). Written with gzip mtime 0,
so a re-run with the same html2text gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

SET_DIR = Path(__file__).resolve().parent
ROOT = SET_DIR.parents[2]
sys.path[:0] = [str(ROOT)]

import html2text  # noqa: E402

from ingest.segment.teaser_eval import load_labels, read_page, twin_page  # noqa: E402


def write_gzip(target: Path, text: str) -> None:
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))


def to_markdown(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.body_width = 0
    return converter.handle(html)


def main() -> int:
    (SET_DIR / "markdown").mkdir(exist_ok=True)
    for label in load_labels(SET_DIR):
        if label["content_format"] != "html":
            continue
        markdown = to_markdown(read_page(SET_DIR / label["page"], "html"))
        write_gzip(SET_DIR / twin_page(label, "markdown"), markdown)
        print(json.dumps({"page": label["page"], "twin": twin_page(label, "markdown"), "chars": len(markdown)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
