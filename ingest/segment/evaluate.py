"""Article-extraction scoring: the scrapinghub/article-extraction-benchmark word-shingle metric, plus a CLI."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

SHINGLE_SIZE = 4

# The benchmark's tokenizer: runs of word characters, punctuation dropped, case kept.
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str | None) -> list[str]:
    """Split text into the benchmark's word tokens."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter:
    """Count the word n-grams of a text; a text shorter than `size` words is one short shingle."""
    tokens = tokenize(text)
    count = Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    count.pop((), None)
    return count


def shingle_matching(true: str | None, pred: str | None, size: int = SHINGLE_SIZE) -> tuple[float, float, float]:
    """Shingle-level (tp, fp, fn) for one page, normalised to sum to 1 so long pages weigh no more."""
    true_counts, pred_counts = shingles(true, size), shingles(pred, size)
    tp = float(sum((true_counts & pred_counts).values()))
    fp = float(sum((pred_counts - true_counts).values()))
    fn = float(sum((true_counts - pred_counts).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn)


def score(pred: dict[str, str | None], truth: dict[str, str | None]) -> dict:
    """Benchmark metric over pages: precision averaged over pages that predicted something, recall over
    pages whose truth is non-empty, F1 the harmonic mean of those two averages (as the benchmark does).
    Pages missing from `pred` count as empty predictions. Also returns per-page (tp, fp, fn, f1)."""
    per_page = {}
    for page_id, true_text in truth.items():
        tp, fp, fn = shingle_matching(true_text, pred.get(page_id))
        page_p = _precision(tp, fp, fn) if tp + fp > 0 else 0.0
        page_r = _recall(tp, fp, fn) if tp + fn > 0 else 0.0
        page_f1 = 2 * page_p * page_r / (page_p + page_r) if page_p + page_r > 0 else 0.0
        per_page[page_id] = {"tp": tp, "fp": fp, "fn": fn, "f1": page_f1}
    precisions = [_precision(p["tp"], p["fp"], p["fn"]) for p in per_page.values() if p["tp"] + p["fp"] > 0]
    recalls = [_recall(p["tp"], p["fp"], p["fn"]) for p in per_page.values() if p["tp"] + p["fn"] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(per_page), "per_page": per_page}


def load_ground_truth(path: Path) -> dict[str, str]:
    """Read the benchmark's ground-truth.json into {page id: article body}."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {page_id: (item.get("articleBody") if isinstance(item, dict) else item) or "" for page_id, item in raw.items()}


def load_pages(html_dir: Path) -> dict[str, str]:
    """Read every *.html.gz of a directory into {page id: html}; the id is the file name without .html.gz."""
    pages = {}
    for path in sorted(html_dir.glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
            pages[path.name.removesuffix(".html.gz")] = handle.read()
    return pages


def _segment_batch_extractor() -> Callable[[dict[str, str]], dict[str, str]]:
    """The full segmentation, shared clean-up included: what the warehouse stores as the article body."""
    from ingest.segment import segment_batch

    def run(pages: dict[str, str]) -> dict[str, str]:
        rows = [{"page_id": pid, "content_format": "html", "body": html, "url": None} for pid, html in pages.items()]
        results = segment_batch(rows)
        errors = [row["error"] for row in results if row.get("error")]
        if errors:
            print(f"warning: {len(errors)} pages failed to segment, first error: {errors[0]}", file=sys.stderr)
        return {row["page_id"]: row["body"] or "" for row in results}

    return run


def _html_extractor() -> Callable[[dict[str, str]], dict[str, str]]:
    """The bare HTML extractor, paragraphs joined as the body would be (no shared clean-up)."""
    from ingest.segment.html import extract_parts

    def run(pages: dict[str, str]) -> dict[str, str]:
        return {pid: "\n\n".join(extract_parts(html).paragraphs) for pid, html in pages.items()}

    return run


def _default_extractor_name() -> str:
    try:
        from ingest.segment import segment_batch  # noqa: F401
    except ImportError:
        return "html"
    return "segment"


def _trafilatura_extractor(fast: bool = False) -> Callable[[dict[str, str]], dict[str, str]]:
    """Plain trafilatura.extract: default settings, or fast mode without comments (the issue's speed yardstick)."""
    import trafilatura

    options = {"fast": True, "include_comments": False} if fast else {}

    def run(pages: dict[str, str]) -> dict[str, str]:
        return {pid: trafilatura.extract(html, **options) or "" for pid, html in pages.items()}

    return run


def _timed_rounds(
    extractors: dict[str, Callable[[dict[str, str]], dict[str, str]]], pages: dict[str, str], rounds: int
) -> tuple[dict[str, dict[str, str]], dict[str, list[float]]]:
    """Each extractor's predictions and its pages/s in CPU time, once per round. The extractors take turns within
    a round, so a machine that slows down or speeds up mid-run affects them alike and the ratios stay fair. One
    untimed warm-up page first for each, so lazy imports (trafilatura loads on first use) are not counted."""
    for extract in extractors.values():
        extract(dict(list(pages.items())[:1]))
    predictions: dict[str, dict[str, str]] = {}
    speeds: dict[str, list[float]] = {name: [] for name in extractors}
    for _ in range(rounds):
        for name, extract in extractors.items():
            started = time.process_time()
            predictions[name] = extract(pages)
            speeds[name].append(len(pages) / max(time.process_time() - started, 1e-9))
    return predictions, speeds


def _print_line(name: str, metrics: dict, speeds: list[float] | None) -> None:
    quality = (
        f"precision={metrics['precision']:.3f}  recall={metrics['recall']:.3f}  F1={metrics['f1']:.3f}  "
        f"pages={metrics['pages']}"
    )
    speed = ""
    if speeds:
        spread = f" (runs {min(speeds):.1f}-{max(speeds):.1f})" if len(speeds) > 1 else ""
        speed = f"  {statistics.median(speeds):7.1f} pages/s{spread} (CPU time, one core)"
    print(f"{name:<18} {quality}{speed}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.segment.evaluate", description=__doc__)
    parser.add_argument("--html-dir", type=Path, required=True, help="directory of <page id>.html.gz files")
    parser.add_argument("--ground-truth", type=Path, required=True, help="benchmark ground-truth.json")
    parser.add_argument("--predictions", type=Path, help="JSON {page id: body} to score instead of extracting")
    parser.add_argument("--extractor", choices=("segment", "html"), default=None,
                        help="segment: ingest.segment.segment_batch (default when it exists); html: extract_parts only")
    parser.add_argument("--compare-trafilatura", action="store_true",
                        help="also run plain trafilatura.extract, default and fast mode, and print the speed ratios")
    parser.add_argument("--rounds", type=int, default=1,
                        help="timed passes over the pages, the extractors taking turns; the median is printed")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    args = parser.parse_args(argv)

    truth = load_ground_truth(args.ground_truth)
    if args.predictions:
        predictions = json.loads(args.predictions.read_text(encoding="utf-8"))
        metrics = score(predictions, truth)
        _print_line("predictions", metrics, None)
    else:
        pages = {pid: html for pid, html in load_pages(args.html_dir).items() if pid in truth}
        truth = {pid: truth[pid] for pid in pages}
        extractor = _segment_batch_extractor if (args.extractor or _default_extractor_name()) == "segment" else _html_extractor
        extractors = {"pagewarehouse": extractor()}
        if args.compare_trafilatura:
            extractors["trafilatura"] = _trafilatura_extractor()
            extractors["trafilatura fast"] = _trafilatura_extractor(fast=True)
        outputs, speeds = _timed_rounds(extractors, pages, max(args.rounds, 1))
        metrics = score(outputs["pagewarehouse"], truth)
        _print_line("pagewarehouse", metrics, speeds["pagewarehouse"])
        for name in list(extractors)[1:]:
            _print_line(name, score(outputs[name], truth), speeds[name])
            ratio = statistics.median(speeds["pagewarehouse"]) / statistics.median(speeds[name])
            print(f"speed ratio (pagewarehouse / {name}) = {ratio:.2f}x")
    for page_id, page in sorted(metrics["per_page"].items(), key=lambda item: item[1]["f1"])[: args.worst]:
        print(f"  {page['f1']:.3f}  {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
