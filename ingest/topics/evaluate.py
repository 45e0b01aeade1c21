"""Measure the IPTC classifier on any labelled (text, label) file: accuracy, macro-F1 and confusion matrix.

    python -m ingest.topics.evaluate --labels FILE --map MAPPING [--shared-dir DIR] [--text-field F]
        [--title-field F] [--label-field F] [--part tune|report] [--only-mapped] [--restrict] [--errors]

The classifier runs exactly as the build runs it: it is fitted, without labels, on every text of the file (the
build fits it on the warehouse's articles), then scores each text. Labels are used only for scoring.

FILE is CSV or JSONL (optionally gzipped) with a text and a label column; a JSONL row may instead carry `ref`, a pointer into
`--shared-dir` ({file, key, field} for a JSON object; {file, from, to} or {file, from, chars} for a span of a
text file; {file, id} for a row of a JSONL file, gzipped or not, with that `id`), so a labelled set can point at
texts it may not copy. MAPPING (JSON object or two-column CSV)
maps each label to an IPTC topic id or label (keys starting with `_` are comments); rows whose label maps to nothing
are not scored and are counted. `--part` keeps one half of the file (`tune` or `report`): the row's own `part`
field where it has one (a set split by site), else a hash of the text, so one half can be tuned on and the other
reported.

Every prediction is over all 17 IPTC topics, and a prediction outside the set's mapped classes counts wrong, as
a judge of a 5-class set counts it; the count of such predictions is printed. `--only-mapped` drops the unmapped
rows before fitting too, so the classifier sees only texts of the set's classes (a 5-class set holds nothing else).
`--restrict` (a diagnostic, not the build's behaviour) picks the best of the set's classes instead of the best of all
17, to show how much of the error is topics the set does not have.
"""

import argparse
import csv
import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from ingest.topics.adapt import AdaptedModel, fit_model, score_docs
from ingest.topics.taxonomy import IPTC_LABELS, IPTC_TOPIC_IDS

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
        if not target or label.startswith("_"):
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
    if "id" in ref:
        if path not in cache:
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as handle:
                cache[path] = {row["id"]: row for row in map(json.loads, handle) if "id" in row}
        return cache[path][ref["id"]][ref.get("field", "text")]
    if path not in cache:
        cache[path] = path.read_text(encoding="utf-8")
    content = cache[path]
    start = content.index(ref["from"])
    end = content.index(ref["to"], start) + len(ref["to"]) if "to" in ref else start + ref["chars"]
    return content[start:end]


def _joined(row: dict, title_field: str | None, text_field: str) -> str:
    return "\n".join(part for part in (row.get(title_field) if title_field else None, row.get(text_field)) if part)


def in_part(text: str, part: str | None) -> bool:
    """Whether a text falls in the `tune` or `report` half (a hash of the text; None keeps every text)."""
    if part is None:
        return True
    return (hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0) == (part == "tune")


def read_labelled(
    path: Path, text_field: str, label_field: str, shared_dir: Path | None, title_field: str | None = None,
    part: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(text, label) pairs; with `title_field`, the text is the title and the text field on two lines; with `part`,
    only the rows of that half (a row's own `part` field, else a hash of its text)."""
    for text, label, row_part in _read_rows(path, text_field, label_field, shared_dir, title_field):
        if part is None or (row_part == part if row_part else in_part(text, part)):
            yield text, label


def _read_rows(
    path: Path, text_field: str, label_field: str, shared_dir: Path | None, title_field: str | None
) -> Iterator[tuple[str, str, str | None]]:
    opener = gzip.open if path.suffix == ".gz" else open
    if path.suffixes[-2:-1] == [".csv"] or path.suffix == ".csv":
        with opener(path, "rt", newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield _joined(row, title_field, text_field), row[label_field], None
        return
    cache: dict = {}
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line) if line.strip() else {}
            if label_field not in row:
                continue
            if text_field in row:
                yield _joined(row, title_field, text_field), row[label_field], row.get("part")
            elif "ref" in row:
                if shared_dir is None:
                    raise ValueError(f"{path} has ref rows: pass --shared-dir")
                yield resolve_ref(row["ref"], shared_dir, cache), row[label_field], row.get("part")


def predict(texts: list[str], among: set[str] | None = None) -> list[str]:
    """The primary IPTC topic per text (NO_TOPIC when nothing is known), by a model fitted on these texts, as the
    build runs it; with `among`, the best of those topics only (a diagnostic)."""
    docs = [{"id": index, "text": text} for index, text in enumerate(texts)]
    scores = score_docs(docs, AdaptedModel(fit_model(docs)))
    if among is not None:
        scores = scores * np.array([topic_id in among for topic_id in IPTC_TOPIC_IDS])
    return [IPTC_TOPIC_IDS[best] if row.max() > 0 else NO_TOPIC for best, row in zip(scores.argmax(axis=1), scores)]


def evaluate(
    items: list[tuple[str, str]], mapping: dict[str, str], only_mapped: bool = False, restrict: bool = False
) -> dict:
    """Accuracy, macro-F1 (over the gold topics present) and confusion matrix of the primary topic against mapped
    labels. The model is fitted on every text, mapped or not (with `only_mapped`, on the mapped ones only): the labels
    decide only what is scored. A prediction outside the mapped classes counts wrong."""
    skipped = sum(label not in mapping for _, label in items)
    if only_mapped:
        items = [(text, label) for text, label in items if label in mapping]
    classes = set(mapping.values())
    predictions = predict([text for text, _ in items], among=classes if restrict else None)
    kept = [(text, mapping[label], guess) for (text, label), guess in zip(items, predictions) if label in mapping]
    texts = [text for text, _, _ in kept]
    gold = [topic_id for _, topic_id, _ in kept]
    predicted = [guess for _, _, guess in kept]
    gold_topics = sorted(set(gold))
    return {
        "items": len(kept),
        "skipped_unmapped": skipped,
        "outside_classes": sum(guess not in classes for guess in predicted),
        "accuracy": accuracy_score(gold, predicted) if kept else 0.0,
        "macro_f1": f1_score(gold, predicted, labels=gold_topics, average="macro", zero_division=0) if kept else 0.0,
        "per_topic_f1": dict(zip(gold_topics, f1_score(gold, predicted, labels=gold_topics, average=None, zero_division=0))),
        "confusion": confusion_table(gold, predicted, gold_topics),
        "errors": [(text, g, p) for text, g, p in zip(texts, gold, predicted) if g != p],
    }


def confusion_table(gold: list[str], predicted: list[str], gold_topics: list[str]) -> dict:
    """Rows: gold topics; columns: the gold topics, then every other predicted topic, then NO_TOPIC if any."""
    others = sorted(set(predicted) - set(gold_topics) - {NO_TOPIC})
    columns = gold_topics + others + ([NO_TOPIC] if NO_TOPIC in predicted else [])
    matrix = confusion_matrix(gold, predicted, labels=columns) if gold else []
    return {"rows": gold_topics, "columns": columns, "counts": [list(map(int, row)) for row in matrix[: len(gold_topics)]]}


def _short(topic_id: str) -> str:
    return IPTC_LABELS.get(topic_id, topic_id).split(",")[0].split(" and ")[0][:11]


def format_confusion(confusion: dict) -> list[str]:
    width = max([11, *(len(_short(column)) for column in confusion["columns"])])
    lines = ["confusion matrix (rows: gold, columns: predicted):",
             " " * 14 + " ".join(f"{_short(column):>{width}}" for column in confusion["columns"])]
    for topic_id, counts in zip(confusion["rows"], confusion["counts"]):
        lines.append(f"  {_short(topic_id):<12}" + " ".join(f"{count:>{width}}" for count in counts))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--map", type=Path, required=True)
    parser.add_argument("--shared-dir", type=Path)
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--title-field", help="a title column, put before the text")
    parser.add_argument("--label-field", default="label")
    parser.add_argument("--part", choices=["tune", "report"],
                        help="keep one half of the file (the row's `part` field, else a hash of the text)")
    parser.add_argument("--only-mapped", action="store_true",
                        help="fit on the rows whose label is mapped only, as a set of just those classes would be")
    parser.add_argument("--restrict", action="store_true",
                        help="diagnostic: predict the best of the set's classes instead of all 17 topics")
    parser.add_argument("--errors", action="store_true", help="list misclassified items")
    args = parser.parse_args(argv)
    items = list(read_labelled(
        args.labels, args.text_field, args.label_field, args.shared_dir, args.title_field, args.part
    ))
    result = evaluate(items, read_mapping(args.map), only_mapped=args.only_mapped, restrict=args.restrict)
    print(f"items: {result['items']} (skipped, label not mapped: {result['skipped_unmapped']})")
    print(f"accuracy: {result['accuracy']:.3f}")
    print(f"predicted outside the set's classes (counted wrong): {result['outside_classes']}")
    print(f"macro-F1: {result['macro_f1']:.3f}")
    for topic_id, f1 in result["per_topic_f1"].items():
        print(f"  {IPTC_LABELS[topic_id]:<45} F1 {f1:.2f}")
    for line in format_confusion(result["confusion"]):
        print(line)
    if args.errors:
        for text, gold, predicted in result["errors"]:
            print(f"- gold {IPTC_LABELS[gold]!r} predicted {IPTC_LABELS.get(predicted, predicted)!r}: {text[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
