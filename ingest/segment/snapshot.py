"""Fingerprints of segmentation output on real pages, to prove that a change (an optimisation) changes nothing.

`python -m ingest.segment.snapshot --shared ../shared --write build/segment-snapshot.json` segments every page of
the snapshot corpus and stores one hash per page of everything `segment_batch` returns (title, dek, body, author,
dates, truncation, teasers with all their fields and flags, segments, error); `--check FILE` segments again and
lists every page whose output differs. The corpus: the 181 article-extraction-benchmark pages, the teaser dev set
(HTML pages and their text and lynx twins), the seed page, the generated sample corpus (all formats, read by the
loader's readers) and a fixed sample of WCEB pages (25 per dataset and half). Also prints the segmentation's CPU
time per group, a rough figure only: the pages are segmented once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ingest.segment import segment_batch

REPO_DIR = Path(__file__).resolve().parents[2]
TEASER_DEV_DIR = REPO_DIR / "tests" / "segment" / "teaser_dev"
WCEB_PAGES_PER_HALF = 25
SAMPLE_PAGES = 60


def fingerprint(row: dict) -> str:
    """SHA-256 of a segmented row, every field included, in a canonical JSON form."""
    return hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def _loaded_rows(paths: list[Path], prefix: str) -> list[dict]:
    """The pages of `paths` as the loader reads them (its readers, decoding and content formats)."""
    from ingest.discover import read_inputs
    from ingest.record import RawPage

    rows, seen = [], {}
    for item in read_inputs([str(path) for path in paths]):
        if isinstance(item, RawPage):
            key = f"{prefix}{Path(item.source_uri).name}"
            seen[key] = seen.get(key, 0) + 1
            page_id = key if seen[key] == 1 else f"{key}#{seen[key]}"
            rows.append({"page_id": page_id, "content_format": item.content_format, "body": item.body, "url": item.url})
    return rows


def _teaser_dev_rows() -> list[dict]:
    from ingest.segment.teaser_eval import TWINS, load_labels, read_page, twin_labels

    labels = load_labels(TEASER_DEV_DIR)
    rows = []
    for kind, group in (("html", labels), *((twin, twin_labels(labels, twin)) for twin in TWINS)):
        for label in group:
            body = read_page(TEASER_DEV_DIR / label["page"], label["content_format"])
            rows.append({"page_id": f"teaser-{kind}/{label['page']}", "content_format": label["content_format"],
                         "body": body, "url": None})
    return rows


def _wceb_rows(wceb_dir: Path) -> list[dict]:
    from ingest.segment.wceb import dataset_dirs, load_page, sample

    rows = []
    for dataset_dir in dataset_dirs(wceb_dir):
        for page_id in sample(dataset_dir, WCEB_PAGES_PER_HALF):
            rows.append({"page_id": f"wceb/{dataset_dir.name}/{page_id}", "content_format": "html",
                         "body": load_page(dataset_dir, page_id), "url": None})
    return rows


def corpus(shared_dir: Path, work_dir: Path) -> Iterator[tuple[str, list[dict]]]:
    """(group name, rows) for every group of the snapshot corpus."""
    from ingest.sample import generate

    benchmark = shared_dir / "corpora" / "article-extraction-benchmark" / "html"
    yield "benchmark-181", _loaded_rows([benchmark], "benchmark/")
    yield "teaser-dev", _teaser_dev_rows()
    yield "seed", _loaded_rows(sorted((shared_dir / "seeds").glob("*.txt")), "seed/")
    generate(work_dir / "sample", pages=SAMPLE_PAGES)
    sample_dirs = [work_dir / "sample" / name for name in ("html", "text", "warc", "jsonl", "markdown")]
    yield "sample", _loaded_rows([path for path in sample_dirs if path.is_dir()], "sample/")
    yield "wceb-300", _wceb_rows(shared_dir / "corpora" / "wceb")


def snapshot(shared_dir: Path) -> dict[str, str]:
    """{page key: fingerprint} over the whole corpus, printing the CPU time spent segmenting each group."""
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work_dir:
        for group, rows in corpus(shared_dir, Path(work_dir)):
            started = time.process_time()
            results = segment_batch(rows)
            seconds = time.process_time() - started
            print(f"{group:<14} {len(rows):4d} pages  {seconds:6.2f} s CPU", file=sys.stderr)
            for row in results:
                hashes[row["page_id"]] = fingerprint(row)
    return hashes


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Page keys whose fingerprint differs, or that only one of the two snapshots holds."""
    return sorted(key for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.segment.snapshot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO_DIR.parent / "shared", help="the shared folder")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="store the fingerprints in this JSON file")
    action.add_argument("--check", type=Path, help="compare with the fingerprints stored in this JSON file")
    args = parser.parse_args(argv)
    hashes = snapshot(args.shared)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(hashes, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(hashes)} pages written to {args.write}")
        return 0
    changed = differences(json.loads(args.check.read_text(encoding="utf-8")), hashes)
    for key in changed:
        print(f"differs: {key}")
    print(f"{len(hashes)} pages, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
