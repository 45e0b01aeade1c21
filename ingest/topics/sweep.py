"""Dev sweep of the adapted classifier's settings on one half of the dev sets, full articles and short items at once.

    python -m ingest.topics.sweep --shared-dir DIR [--part tune|report] [SETTING=VALUE ...]

Each SETTING overrides a constant of `ingest.topics.adapt` for this run (`PRIOR_SMOOTHING=0.005`). Prints accuracy
(macro recall) and the share of predictions outside the set's classes for: HuffPost all 12 mapped topics (`hp12`),
its 5 classes of the judged full-article set fitted on those only (`hp5`), the same 5 with at most 110 items per
class (`hp5bal`, a balanced proxy), sport / business+money / tech+science (`hp3`) and the same 3 fitted together
with WORLD NEWS (`hp3+world`), and the hand-labelled L3S-GN1 full articles (`gn1`), fitted without labels on all 621
GN1 texts plus the 181 benchmark bodies, beside the plain lexicon (`gn1-lexicon`). `hp5bal` and `hp3` have under 500
texts, so they are fitted with a 100-text minimum (the build would use the lexicon at that size). Labels only score.
"""

import argparse
import ast
import gzip
import hashlib
import json
from pathlib import Path

import numpy as np

from ingest.topics import adapt
from ingest.topics.classify import primary_topic_ids
from ingest.topics.evaluate import in_part, read_labelled, read_mapping
from ingest.topics.taxonomy import IPTC_TOPIC_IDS

LABELS_DIR = Path(__file__).resolve().parents[2] / "tests" / "topics"
NEWS_CATEGORY = "corpora/news-category/News_Category_Dataset_v3.PARTIAL-first-10000-lines.jsonl.gz"
FIVE = ("POLITICS", "ENTERTAINMENT", "SPORTS", "BUSINESS", "MONEY", "TECH", "SCIENCE")
THREE = ("SPORTS", "BUSINESS", "MONEY", "TECH", "SCIENCE")
PER_CLASS = 110
SMALL_FIT = 100


def _scores(gold: list, predicted: list, classes: set) -> tuple[float, float, float]:
    pairs = [(g, p) for g, p in zip(gold, predicted) if g is not None]
    recall = [np.mean([g == p for g, p in pairs if g == topic]) for topic in {g for g, _ in pairs}]
    outside = np.mean([p not in classes for _, p in pairs])
    return float(np.mean([g == p for g, p in pairs])), float(np.mean(recall)), float(outside)


def _predict(fit_docs: list[dict], docs: list[dict], min_docs: int | None = None) -> list:
    model = adapt.AdaptedModel(adapt.fit_model(fit_docs, min_docs=adapt.MIN_FIT_DOCS if min_docs is None else min_docs))
    scores = adapt.score_docs(docs, model)
    return [IPTC_TOPIC_IDS[best] if row.max() > 0 else None for best, row in zip(scores.argmax(axis=1), scores)]


def _at_most_per_class(rows: list[dict], mapping: dict[str, str], per_class: int) -> list[dict]:
    """The first `per_class` rows of each mapped topic in the order of a hash of the headline."""
    taken: dict[str, int] = {}
    kept = []
    for row in sorted(rows, key=lambda row: hashlib.sha1(row["headline"].encode("utf-8")).digest()):
        topic_id = mapping[row["category"]]
        if taken.get(topic_id, 0) < per_class:
            taken[topic_id] = taken.get(topic_id, 0) + 1
            kept.append(row)
    return kept


def huffpost_sets(shared_dir: Path, part: str) -> dict[str, tuple[float, float, float]]:
    mapping = read_mapping(LABELS_DIR / "news_category_map.json")
    with gzip.open(shared_dir / NEWS_CATEGORY, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [row for row in rows if in_part(f"{row['headline']}\n{row['short_description']}", part)]
    results = {}
    for name, categories, scored, per_class, min_docs in (
        ("hp12", None, None, None, None),
        ("hp5", FIVE, FIVE, None, None),
        ("hp5bal", FIVE, FIVE, PER_CLASS, SMALL_FIT),
        ("hp3", THREE, THREE, None, SMALL_FIT),
        ("hp3+world", (*THREE, "WORLD NEWS"), THREE, None, None),
    ):
        kept = [row for row in rows if categories is None or row["category"] in categories]
        set_mapping = mapping if scored is None else {label: mapping[label] for label in scored}
        if per_class:
            kept = _at_most_per_class(kept, set_mapping, per_class)
        docs = [{"id": index, "text": f"{row['headline']}\n{row['short_description']}"} for index, row in enumerate(kept)]
        gold = [set_mapping.get(row["category"]) for row in kept]
        results[name] = _scores(gold, _predict(docs, docs, min_docs), set(set_mapping.values()))
    return results


def gn1_sets(shared_dir: Path, part: str) -> dict[str, tuple[float, float, float]]:
    mapping = read_mapping(LABELS_DIR / "labelled_map.json")
    items = list(read_labelled(LABELS_DIR / "gn1_labelled.jsonl", "text", "label", shared_dir, part=part))
    with gzip.open(shared_dir / "corpora/wceb/l3s-gn1/ground-truth.jsonl.gz", "rt", encoding="utf-8") as handle:
        fit_docs = [{"id": row["id"], "text": row["text"]} for row in map(json.loads, handle)]
    benchmark = json.loads((shared_dir / "corpora/article-extraction-benchmark/ground-truth.json").read_text())
    fit_docs += [{"id": key, "text": value["articleBody"]} for key, value in sorted(benchmark.items())]
    docs = [{"id": index, "text": text} for index, (text, _) in enumerate(items)]
    gold = [mapping[label] for _, label in items]
    classes = set(mapping.values())
    return {"gn1": _scores(gold, _predict(fit_docs, docs), classes),
            "gn1-lexicon": _scores(gold, primary_topic_ids(docs), classes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-dir", type=Path, required=True)
    parser.add_argument("--part", choices=["tune", "report"], default="tune")
    parser.add_argument("settings", nargs="*", help="NAME=VALUE overrides of ingest.topics.adapt constants")
    args = parser.parse_args(argv)
    for setting in args.settings:
        name, value = setting.split("=", 1)
        if not name.isupper() or not hasattr(adapt, name):
            raise SystemExit(f"unknown setting {name!r}")
        setattr(adapt, name, type(getattr(adapt, name))(ast.literal_eval(value)))
    results = huffpost_sets(args.shared_dir, args.part) | gn1_sets(args.shared_dir, args.part)
    for name, (accuracy, recall, outside) in results.items():
        print(f"{name:<12} accuracy {accuracy:.3f}  macro recall {recall:.3f}  outside the classes {outside:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
