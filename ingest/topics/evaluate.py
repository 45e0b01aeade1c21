"""Measure the taxonomy scorer on any labelled (text, label) file: accuracy and macro-F1 of the primary topic.

    python -m ingest.topics.evaluate --labels FILE --map MAPPING [--shared-dir DIR] [--errors]

FILE is CSV or JSONL with a text and a label column; a JSONL row may instead carry `ref`, a pointer into
`--shared-dir` ({file, key, field} for a JSON object; {file, from, to} or {file, from, chars} for a span of a
text file), so a labelled set can point at texts it may not copy. MAPPING (JSON object or two-column CSV)
maps each label to an IPTC topic id or label; rows whose label maps to nothing are skipped and counted.
"""

import argparse
import csv
import json
from collections.abc import Iterator
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score

from ingest.topics.classify import primary_topic_ids
from ingest.topics.taxonomy import IPTC_LABELS

NO_TOPIC = "(none)"


def read_mapping(path: Path) -> dict[str, str]:
    if path.suffix == ".json":
        raw = json.loads(path.read_text(encoding="utf-8"))
    else:
        with path.open(newline="", encoding="utf-8") as handle:
            raw = {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}
    by_label = {label.lower(): topic_id for topic_id, label in IPTC_LABELS.items()}
    mapping = {}
    for label, target in raw.items():
        if not target:
            continue
        topic_id = target if target in IPTC_LABELS else by_label.get(target.lower())
        if topic_id is None:
            raise ValueError(f"mapping target {target!r} for {label!r} is not an IPTC topic id or label")
        mapping[label] = topic_id
    return mapping


def resolve_ref(ref: dict, shared_dir: Path, cache: dict) -> str:
    path = shared_dir / ref["file"]
    if "key" in ref:
        if path not in cache:
            cache[path] = json.loads(path.read_text(encoding="utf-8"))
        return cache[path][ref["key"]][ref.get("field", "text")]
    if path not in cache:
        cache[path] = path.read_text(encoding="utf-8")
    content = cache[path]
    start = content.index(ref["from"])
    end = content.index(ref["to"], start) + len(ref["to"]) if "to" in ref else start + ref["chars"]
    return content[start:end]


def read_labelled(path: Path, text_field: str, label_field: str, shared_dir: Path | None) -> Iterator[tuple[str, str]]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield row[text_field], row[label_field]
        return
    cache: dict = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line) if line.strip() else {}
            if label_field not in row:
                continue
            if text_field in row:
                yield row[text_field], row[label_field]
            elif "ref" in row:
                if shared_dir is None:
                    raise ValueError(f"{path} has ref rows: pass --shared-dir")
                yield resolve_ref(row["ref"], shared_dir, cache), row[label_field]


def evaluate(items: list[tuple[str, str]], mapping: dict[str, str]) -> dict:
    """Accuracy and macro-F1 (over the gold topics present) of the primary topic against mapped labels."""
    kept = [(text, mapping[label]) for text, label in items if label in mapping]
    texts = [text for text, _ in kept]
    gold = [topic_id for _, topic_id in kept]
    predicted = [topic or NO_TOPIC for topic in primary_topic_ids({"id": i, "text": t} for i, t in enumerate(texts))]
    gold_topics = sorted(set(gold))
    return {
        "items": len(kept),
        "skipped_unmapped": len(items) - len(kept),
        "accuracy": accuracy_score(gold, predicted) if kept else 0.0,
        "macro_f1": f1_score(gold, predicted, labels=gold_topics, average="macro", zero_division=0) if kept else 0.0,
        "per_topic_f1": dict(zip(gold_topics, f1_score(gold, predicted, labels=gold_topics, average=None, zero_division=0))),
        "errors": [(text, g, p) for text, g, p in zip(texts, gold, predicted) if g != p],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--map", type=Path, required=True)
    parser.add_argument("--shared-dir", type=Path)
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--label-field", default="label")
    parser.add_argument("--errors", action="store_true", help="list misclassified items")
    args = parser.parse_args(argv)
    items = list(read_labelled(args.labels, args.text_field, args.label_field, args.shared_dir))
    result = evaluate(items, read_mapping(args.map))
    print(f"items: {result['items']} (skipped, label not mapped: {result['skipped_unmapped']})")
    print(f"accuracy: {result['accuracy']:.3f}")
    print(f"macro-F1: {result['macro_f1']:.3f}")
    for topic_id, f1 in result["per_topic_f1"].items():
        print(f"  {IPTC_LABELS[topic_id]:<45} F1 {f1:.2f}")
    if args.errors:
        for text, gold, predicted in result["errors"]:
            print(f"- gold {IPTC_LABELS[gold]!r} predicted {IPTC_LABELS.get(predicted, predicted)!r}: {text[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
