"""WCEB side-by-side body evaluation: a fixed sample per dataset, split into a tuning and a held-out half, scored
for the warehouse's bodies and for trafilatura default and fast on the same pages (see docs/benchmarks.md)."""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Callable

from ingest.segment.evaluate import score

# Pages per dataset and half: enough to tell extractors apart by a few F1 points, few enough that `make eval`
# scores all six datasets with three extractors in about ten minutes on two cores.
DEFAULT_PAGES_PER_HALF = 150
DEV, HELD_OUT = "dev", "held-out"


def dataset_dirs(wceb_dir: Path) -> list[Path]:
    """The dataset folders of the corpus: those with an html/ folder and a ground truth, sorted by name."""
    return sorted(path for path in wceb_dir.iterdir() if (path / "html").is_dir() and (path / "ground-truth.jsonl.gz").is_file())


def page_ids(dataset_dir: Path) -> list[str]:
    return sorted(path.name.removesuffix(".html.gz") for path in (dataset_dir / "html").glob("*.html.gz"))


def _listed(dataset_dir: Path, *names: str) -> set[str]:
    ids: set[str] = set()
    for name in names:
        for line in (dataset_dir / name).read_text(encoding="utf-8").split():
            ids.add(line.strip().removesuffix(".html"))
    return ids


def _hash_rank(dataset: str, page_id: str) -> str:
    return hashlib.sha1(f"{dataset}/{page_id}".encode("utf-8")).hexdigest()


def split(dataset_dir: Path) -> dict[str, str]:
    """{page id: DEV or HELD_OUT}. The dataset's own split where it ships one (Dragnet training/test, BoilerNet's
    Google-Trends train+dev/test); otherwise by a hash of the id, so the halves never change and never mix."""
    ids = page_ids(dataset_dir)
    dataset = dataset_dir.name
    if (dataset_dir / "training.txt").is_file() and (dataset_dir / "test.txt").is_file():
        held_out = _listed(dataset_dir, "test.txt")
    elif (dataset_dir / "split-50-30-100.test_set.txt").is_file():
        held_out = _listed(dataset_dir, "split-50-30-100.test_set.txt")
    else:
        held_out = {page_id for page_id in ids if int(_hash_rank(dataset, page_id)[:8], 16) % 2 == 1}
    return {page_id: HELD_OUT if page_id in held_out else DEV for page_id in ids}


def sample(dataset_dir: Path, pages_per_half: int | None) -> dict[str, str]:
    """{page id: half}: per half, the first `pages_per_half` ids in the order of a hash of dataset and id
    (all of them when None). Deterministic: the same pages on every machine and run."""
    halves = split(dataset_dir)
    chosen: dict[str, str] = {}
    for half in (DEV, HELD_OUT):
        ids = sorted((page_id for page_id, h in halves.items() if h == half), key=lambda i: _hash_rank(dataset_dir.name, i))
        chosen.update((page_id, half) for page_id in ids[:pages_per_half])
    return dict(sorted(chosen.items()))


def load_truth(dataset_dir: Path) -> dict[str, str]:
    with gzip.open(dataset_dir / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as handle:
        return {item["id"]: item["text"] for item in map(json.loads, handle)}


def load_page(dataset_dir: Path, page_id: str) -> str:
    """The page decoded as the loader decodes it (BOM, declared charset, detection), so every extractor reads
    the same text the warehouse stored."""
    from ingest.encoding import DecodeFailure, decode_bytes

    with gzip.open(dataset_dir / "html" / f"{page_id}.html.gz", "rb") as handle:
        data = handle.read()
    try:
        return decode_bytes(data).text
    except DecodeFailure:
        return ""


def stage(wceb_dir: Path, out_dir: Path, pages_per_half: int | None) -> int:
    """Symlink the sampled pages into out_dir/<dataset>/<id>.html.gz, for one `ingest load` of them all; writes
    out_dir/sample.json ({dataset: {id: half}}). Returns the number of pages staged."""
    chosen = {}
    for dataset_dir in dataset_dirs(wceb_dir):
        chosen[dataset_dir.name] = sample(dataset_dir, pages_per_half)
        target = out_dir / dataset_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for page_id in chosen[dataset_dir.name]:
            link = target / f"{page_id}.html.gz"
            if not link.exists():
                link.symlink_to((dataset_dir / "html" / f"{page_id}.html.gz").resolve())
    (out_dir / "sample.json").write_text(json.dumps(chosen, indent=1), encoding="utf-8")
    return sum(len(ids) for ids in chosen.values())


def _trafilatura(fast: bool) -> Callable[[str], str]:
    import trafilatura

    options = {"fast": True, "include_comments": False} if fast else {}
    return lambda html: trafilatura.extract(html, **options) or ""


def _segment() -> Callable[[str], str]:
    from ingest.segment import segment_batch

    return lambda html: segment_batch([{"page_id": "", "content_format": "html", "body": html, "url": None}])[0]["body"] or ""


def evaluate(
    wceb_dir: Path, chosen: dict[str, dict[str, str]], ours: dict[str, dict[str, str]] | None, trafilatura: bool
) -> dict[str, dict[str, dict[str, dict]]]:
    """{dataset: {half: {extractor: score}}}. `ours` holds the warehouse's bodies per dataset and id; without it
    the segmentation runs in this process (for tuning: the same code, without the load and dbt)."""
    extractors: dict[str, Callable[[str], str]] = {}
    if ours is None:
        extractors["pagewarehouse"] = _segment()
    if trafilatura:
        extractors["trafilatura"] = _trafilatura(fast=False)
        extractors["trafilatura fast"] = _trafilatura(fast=True)
    results: dict[str, dict[str, dict[str, dict]]] = {}
    for dataset, halves in chosen.items():
        dataset_dir = wceb_dir / dataset
        truth = load_truth(dataset_dir)
        predictions: dict[str, dict[str, str]] = {name: {} for name in extractors}
        if ours is not None:
            predictions = {"pagewarehouse": ours.get(dataset, {}), **predictions}
        for page_id in halves:
            html = load_page(dataset_dir, page_id)
            for name, extract in extractors.items():
                predictions[name][page_id] = extract(html)
        results[dataset] = {}
        for half in (DEV, HELD_OUT, "all"):
            half_truth = {page_id: truth[page_id] for page_id, h in halves.items() if half in (h, "all")}
            if half_truth:
                results[dataset][half] = {name: score(pred, half_truth) for name, pred in predictions.items()}
    return results


def format_tables(results: dict[str, dict[str, dict[str, dict]]]) -> str:
    lines = []
    for dataset, halves in results.items():
        lines.append(f"\n{dataset}  (word 4-gram P/R/F1, pages averaged)")
        lines.append(f"  {'half':<9} {'pages':>5}  {'extractor':<17} {'P':>6} {'R':>6} {'F1':>6}")
        for half, by_extractor in halves.items():
            for name, metrics in by_extractor.items():
                lines.append(
                    f"  {half:<9} {metrics['pages']:>5}  {name:<17} {metrics['precision']:6.3f} {metrics['recall']:6.3f} "
                    f"{metrics['f1']:6.3f}"
                )
    return "\n".join(lines)


def worst_pages(results: dict, dataset: str, half: str, n: int) -> list[tuple[str, float, float]]:
    """(page id, our F1, trafilatura default's F1) of the pages where we trail trafilatura most."""
    ours = results[dataset][half]["pagewarehouse"]["per_page"]
    theirs = results[dataset][half].get("trafilatura", {}).get("per_page", {})
    gaps = [(pid, page["f1"], theirs.get(pid, {}).get("f1", 0.0)) for pid, page in ours.items()]
    return sorted(gaps, key=lambda g: g[1] - g[2])[:n]


def _predictions_by_dataset(path: Path) -> dict[str, dict[str, str]]:
    """Bodies exported by `ingest.export_articles --key-parent` ({"<dataset>/<id>": body}) regrouped by dataset."""
    grouped: dict[str, dict[str, str]] = {}
    for key, body in json.loads(path.read_text(encoding="utf-8")).items():
        dataset, _, page_id = key.rpartition("/")
        grouped.setdefault(dataset, {})[page_id] = body
    return grouped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.segment.wceb", description=__doc__)
    parser.add_argument("--wceb-dir", type=Path, required=True, help="../shared/corpora/wceb")
    parser.add_argument("--pages-per-half", type=int, default=DEFAULT_PAGES_PER_HALF,
                        help="sampled pages per dataset and half (0: all pages)")
    parser.add_argument("--dataset", action="append", help="only these datasets (repeatable)")
    commands = parser.add_subparsers(dest="command", required=True)
    staged = commands.add_parser("stage", help="symlink the sample into OUT/<dataset>/ for `ingest load`")
    staged.add_argument("--out", type=Path, required=True)
    scored = commands.add_parser("score", help="print the per-dataset tables")
    scored.add_argument("--predictions", type=Path,
                        help="warehouse bodies from `ingest.export_articles --key-parent`; without: segment in process")
    scored.add_argument("--no-trafilatura", action="store_true", help="score ours only")
    scored.add_argument("--half", choices=(DEV, HELD_OUT, "all"), default="all",
                        help="score only this half (and list --worst pages from it)")
    scored.add_argument("--worst", type=int, default=0, help="list the N pages per dataset where we trail trafilatura most")
    scored.add_argument("--json", type=Path, help="also write the scores (without per-page detail) here")
    args = parser.parse_args(argv)

    per_half = args.pages_per_half or None
    if args.command == "stage":
        count = stage(args.wceb_dir, args.out, per_half)
        print(f"staged {count} WCEB pages under {args.out} ({per_half or 'all'} per dataset and half)", file=sys.stderr)
        return 0
    chosen = {d.name: sample(d, per_half) for d in dataset_dirs(args.wceb_dir) if not args.dataset or d.name in args.dataset}
    if args.half != "all":
        chosen = {name: {i: h for i, h in halves.items() if h == args.half} for name, halves in chosen.items()}
    ours = _predictions_by_dataset(args.predictions) if args.predictions else None
    results = evaluate(args.wceb_dir, chosen, ours, trafilatura=not args.no_trafilatura)
    print(f"WCEB sample: {per_half or 'all'} pages per dataset and half (fixed by a hash of the id); dev = the half "
          f"tuned on, held-out = never looked at while tuning (see docs/benchmarks.md)")
    print(format_tables(results))
    for dataset in results if args.worst else ():
        print(f"\n{dataset} {args.half}: pages where pagewarehouse trails trafilatura most (ours, trafilatura)")
        for page_id, ours_f1, theirs_f1 in worst_pages(results, dataset, args.half, args.worst):
            print(f"  {ours_f1:.3f} {theirs_f1:.3f}  {page_id}")
    if args.json:
        summary = {
            dataset: {half: {name: {k: v for k, v in m.items() if k != "per_page"} for name, m in by.items()}
                      for half, by in halves.items()}
            for dataset, halves in results.items()
        }
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
