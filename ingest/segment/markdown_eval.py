"""Score Markdown segmentation against the labelled real captures in tests/segment/markdown_dev (labels.json).

Loads each capture through the real reader (front matter into url/fetched_at), segments it, and prints per split
(tune / report, split by site): title accuracy, teaser recall and precision (cards matched one to one by their
normalized titles, with the teaser dev set's matcher: ingest.segment.teaser_eval.match_teasers),
echo and truncation agreement on matched cards, and url / fetch-date coverage from the front matter.
`python -m ingest.segment.markdown_eval [DIR]`; the harness reads files, the segmenter it calls does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from ingest.readers.base import parse_timestamp
from ingest.readers.markdown import read as read_markdown
from ingest.record import RawPage
from ingest.segment import segment_batch
from ingest.segment.clean import content_key
from ingest.segment.teaser_eval import match_teasers

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "segment" / "markdown_dev"


def score(directory: Path) -> dict[str, dict[str, float]]:
    labels = json.loads((directory / "labels.json").read_text(encoding="utf-8"))["pages"]
    pages = []
    for label in labels:
        items = list(read_markdown(directory / "pages" / label["file"], label["file"]))
        pages.append(next(item for item in items if isinstance(item, RawPage)))
    rows = segment_batch(
        [{"page_id": str(n), "content_format": "markdown", "body": p.body, "url": p.url} for n, p in enumerate(pages)]
    )
    counts: dict[str, defaultdict] = defaultdict(lambda: defaultdict(int))
    for label, page, row in zip(labels, pages, rows):
        for split in (label["split"], "all"):
            tally = counts[split]
            tally["pages"] += 1
            tally["title_right"] += content_key(row["title"] or "") in {content_key(t) for t in label["titles"]}
            tally["url_expected"] += bool(label.get("url"))
            tally["url_right"] += bool(label.get("url")) and page.url == label["url"]
            tally["fetched_expected"] += bool(label.get("fetched_at"))
            tally["fetched_right"] += bool(label.get("fetched_at")) and page.fetched_at == parse_timestamp(
                label["fetched_at"]
            )
            tally["teasers_found"] += len(row["teasers"])
            tally["teasers_labelled"] += len(label["teasers"])
            for wanted_at, found_at in match_teasers(label["teasers"], row["teasers"]):
                wanted, teaser = label["teasers"][wanted_at], row["teasers"][found_at]
                tally["teasers_matched"] += 1
                tally["echo_agrees"] += teaser["has_title_echo"] == wanted["echo"]
                tally["truncation_agrees"] += teaser["is_truncated"] == wanted["truncated"]
    return {split: _metrics(tally) for split, tally in counts.items()}


def _metrics(tally: dict) -> dict[str, float]:
    def ratio(part: str, whole: str) -> float:
        return tally[part] / tally[whole] if tally[whole] else float("nan")

    return {
        "pages": tally["pages"],
        "title_accuracy": ratio("title_right", "pages"),
        "teaser_recall": ratio("teasers_matched", "teasers_labelled"),
        "teaser_precision": ratio("teasers_matched", "teasers_found"),
        "teasers_labelled": tally["teasers_labelled"],
        "echo_agreement": ratio("echo_agrees", "teasers_matched"),
        "truncation_agreement": ratio("truncation_agrees", "teasers_matched"),
        "url_coverage": ratio("url_right", "url_expected"),
        "fetch_date_coverage": ratio("fetched_right", "fetched_expected"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.segment.markdown_eval", description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    results = score(args.directory)
    for split in ("tune", "report", "all"):
        if split in results:
            line = "  ".join(f"{name} {value:.2f}" if isinstance(value, float) else f"{name} {value}"
                             for name, value in results[split].items())
            print(f"markdown {split:6}  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
