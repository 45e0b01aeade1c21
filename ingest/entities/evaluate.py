"""Entity-level precision/recall/F1 of extract_mentions on any CoNLL-format file, per mapped type.

    python -m ingest.entities.evaluate --conll FILE [--map PER=PERSON,ORG=ORG,LOC=LOC] [--column -1]

Tokens are joined with single spaces into one text per document (-DOCSTART- or, failing that, every
SENTENCES_PER_DOCUMENT sentences), recognised, and predicted spans are mapped back onto tokens. A prediction
counts only when its token span and type both match a gold entity exactly (CoNLL-2003 scoring). Gold types
the mapping leaves out (e.g. MISC) are ignored. Lines starting with '# ' are comments."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.entities.ner import extract_mentions

DEFAULT_MAPPING = "PER=PERSON,PERSON=PERSON,ORG=ORG,LOC=LOC,GPE=LOC,FAC=LOC"
SENTENCES_PER_DOCUMENT = 20


@dataclass(slots=True)
class Document:
    """Tokens of one document with their gold labels and sentence breaks."""

    tokens: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)


def parse_mapping(spec: str) -> dict[str, str]:
    """'PER=PERSON,LOC=LOC' -> {'PER': 'PERSON', 'LOC': 'LOC'} (B-/I- prefixes on the left are ignored)."""
    mapping = {}
    for pair in filter(None, (part.strip() for part in spec.split(","))):
        source, _, target = pair.partition("=")
        mapping[source.split("-", 1)[-1] if source[:2] in {"B-", "I-", "E-", "S-"} else source] = target
    return mapping


def read_conll(lines, column: int = -1) -> list[Document]:
    """CoNLL columns (token first, label in `column`) -> documents."""
    documents: list[Document] = []
    current = Document()
    sentences_in_current = 0
    in_sentence = False
    explicit_documents = False
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            explicit_documents = True
            if current.tokens:
                documents.append(current)
            current, sentences_in_current, in_sentence = Document(), 0, False
            continue
        if line.startswith("# "):
            continue
        if not line.strip():
            if in_sentence:
                in_sentence = False
                sentences_in_current += 1
                if not explicit_documents and sentences_in_current >= SENTENCES_PER_DOCUMENT:
                    documents.append(current)
                    current, sentences_in_current = Document(), 0
            continue
        columns = line.split()
        if not in_sentence:
            current.sentence_starts.append(len(current.tokens))
            in_sentence = True
        current.tokens.append(columns[0])
        current.labels.append(columns[column])
    if current.tokens:
        documents.append(current)
    return documents


def gold_spans(labels: list[str], mapping: dict[str, str]) -> set[tuple[int, int, str]]:
    """IOB1 or IOB2 labels -> {(first_token, last_token_exclusive, mapped type)}."""
    spans = set()
    start, current_type = None, None
    for index, label in enumerate([*labels, "O"]):
        prefix, _, entity_type = label.partition("-") if "-" in label else (label, "", "")
        continues = prefix == "I" and entity_type == current_type
        if start is not None and not continues:
            if mapping.get(current_type):
                spans.add((start, index, mapping[current_type]))
            start, current_type = None, None
        if prefix in {"B", "I"} and start is None:
            start, current_type = index, entity_type
    return spans


def document_text(document: Document) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined by spaces (sentences by newlines) and each token's character offsets."""
    parts, offsets, position = [], [], 0
    sentence_starts = set(document.sentence_starts[1:])
    for index, token in enumerate(document.tokens):
        if index:
            separator = "\n" if index in sentence_starts else " "
            parts.append(separator)
            position += 1
        offsets.append((position, position + len(token)))
        parts.append(token)
        position += len(token)
    return "".join(parts), offsets


def predicted_spans(mentions: list[dict], offsets: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """Character-offset mentions -> token spans (every token the mention overlaps)."""
    spans = set()
    for mention in mentions:
        covered = [i for i, (start, end) in enumerate(offsets) if start < mention["end_char"] and mention["start_char"] < end]
        if covered:
            spans.add((covered[0], covered[-1] + 1, mention["entity_type"]))
    return spans


def score(documents: list[Document], mapping: dict[str, str]) -> dict[str, dict[str, float]]:
    """Per-type and overall precision, recall, F1 and counts."""
    texts = [document_text(document) for document in documents]
    mentions = extract_mentions([(str(i), "body", text) for i, (text, _) in enumerate(texts)])
    by_document: dict[str, list[dict]] = {}
    for mention in mentions:
        by_document.setdefault(mention["doc_id"], []).append(mention)
    true_positive, gold_count, predicted_count = Counter(), Counter(), Counter()
    for index, (document, (_, offsets)) in enumerate(zip(documents, texts, strict=True)):
        gold = gold_spans(document.labels, mapping)
        predicted = predicted_spans(by_document.get(str(index), []), offsets)
        for spans, counter in ((gold, gold_count), (predicted, predicted_count), (gold & predicted, true_positive)):
            for *_, entity_type in spans:
                counter[entity_type] += 1
                counter["overall"] += 1
    results = {}
    for entity_type in sorted(set(gold_count) | set(predicted_count), key=lambda name: (name == "overall", name)):
        tp, g, p = true_positive[entity_type], gold_count[entity_type], predicted_count[entity_type]
        precision = tp / p if p else 0.0
        recall = tp / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results[entity_type] = {"precision": precision, "recall": recall, "f1": f1, "gold": g, "predicted": p, "correct": tp}
    return results


def format_table(results: dict[str, dict[str, float]]) -> str:
    lines = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for entity_type, row in results.items():
        lines.append(
            f"{entity_type:<8} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
            f"{row['gold']:>6} {row['predicted']:>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", required=True, type=Path, help="CoNLL file: token first, label column")
    parser.add_argument("--map", default=DEFAULT_MAPPING, help="gold type -> PERSON/ORG/LOC, e.g. PER=PERSON,LOC=LOC")
    parser.add_argument("--column", type=int, default=-1, help="label column index (default: last)")
    args = parser.parse_args(argv)
    with args.conll.open(encoding="utf-8") as handle:
        documents = read_conll(handle, args.column)
    print(format_table(score(documents, parse_mapping(args.map))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
