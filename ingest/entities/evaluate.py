"""Entity-level precision/recall/F1 of extract_mentions on any CoNLL-format file, per type, beside plain spaCy.

    python -m ingest.entities.evaluate --conll FILE [--map PER=PERSON,ORG=ORG,LOC=LOC] [--column -1]
        [--part all|first|second] [--errors]

Tokens are joined with single spaces, sentences with newlines, into one text per document (-DOCSTART-; a file
without any is one document), recognised, and predicted spans are mapped back onto tokens. A prediction counts
only when its token span and type both match a gold entity exactly (CoNLL-2003 scoring). Gold types the mapping
leaves out (e.g. MISC) are ignored as gold, so predicting one of them as PERSON/ORG/LOC is a false positive.
"Plain spaCy" is the same model on the same text with only its labels mapped (PERSON; ORG; GPE/LOC/FAC -> LOC):
no recasing, no rules, no document voting. Lines starting with '#' whose label column is not a tag are comments."""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

from ingest.entities.ner import MAX_TEXT_CHARS, extract_mentions, load_model, model_spans
from ingest.entities.places import is_demonym, place_names, town_names
from ingest.entities.rules import MODEL_LABELS

DEFAULT_MAPPING = "PER=PERSON,PERSON=PERSON,ORG=ORG,LOC=LOC,GPE=LOC,FAC=LOC"


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


_TAG = re.compile(r"^(?:O|[BIES]-[A-Za-z_]+)$")


def _is_comment(columns: list[str], column: int) -> bool:
    """'# sent_id = 3' is a comment; '# O' is the token '#' with its label (wikigold has 39)."""
    return columns[0].startswith("#") and (len(columns) < 2 or not _TAG.match(columns[column]))


def read_conll(lines, column: int = -1) -> list[Document]:
    """CoNLL columns (token first, label in `column`) -> documents.

    With -DOCSTART- lines each marks a document; without any, the whole input is one document."""
    documents: list[Document] = []
    current = Document()
    in_sentence = False
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if current.tokens:
                documents.append(current)
            current, in_sentence = Document(), False
            continue
        columns = line.split()
        if not columns:
            in_sentence = False
            continue
        if _is_comment(columns, column):
            continue
        if not in_sentence:
            current.sentence_starts.append(len(current.tokens))
            in_sentence = True
        current.tokens.append(columns[0])
        current.labels.append(columns[column] if len(columns) > 1 else "O")
    if current.tokens:
        documents.append(current)
    return documents


def gold_spans(labels: list[str], mapping: dict[str, str], sentence_starts=()) -> set[tuple[int, int, str]]:
    """IOB1 or IOB2 labels -> {(first_token, last_token_exclusive, mapped type)}; no entity crosses a sentence
    break (in IOB1 an I- tag after a break starts a new entity)."""
    spans = set()
    breaks = set(sentence_starts)
    start, current_type = None, None
    for index, label in enumerate([*labels, "O"]):
        prefix, _, entity_type = label.partition("-") if "-" in label else (label, "", "")
        continues = prefix in {"I", "E"} and entity_type == current_type and index not in breaks
        if start is not None and not continues:
            if mapping.get(current_type):
                spans.add((start, index, mapping[current_type]))
            start, current_type = None, None
        if prefix in {"B", "I", "E", "S"} and start is None:
            start, current_type = index, entity_type
    return spans


def document_texts(document: Document) -> tuple[list[str], list[tuple[int, int, int]]]:
    """Tokens joined by spaces, sentences by newlines, in parts under MAX_TEXT_CHARS (cut at sentence breaks);
    each token's (part, start, end) character offsets."""
    parts: list[list[str]] = [[]]
    offsets: list[tuple[int, int, int]] = []
    position = 0
    sentence_starts = set(document.sentence_starts)
    for index, token in enumerate(document.tokens):
        if index in sentence_starts and position + 2000 > MAX_TEXT_CHARS:
            parts.append([])
            position = 0
        if position:
            parts[-1].append("\n" if index in sentence_starts else " ")
            position += 1
        offsets.append((len(parts) - 1, position, position + len(token)))
        parts[-1].append(token)
        position += len(token)
    return ["".join(part) for part in parts], offsets


def token_spans(mentions: list[tuple[int, int, int, str]], offsets: list[tuple[int, int, int]]) -> set[tuple[int, int, str]]:
    """(part, start_char, end_char, type) mentions -> token spans (every token the mention overlaps)."""
    by_part: dict[int, list[tuple[int, int, int]]] = {}
    for index, (part, start, end) in enumerate(offsets):
        by_part.setdefault(part, []).append((index, start, end))
    spans = set()
    for part, start_char, end_char, entity_type in mentions:
        covered = [i for i, start, end in by_part.get(part, ()) if start < end_char and start_char < end]
        if covered:
            spans.add((covered[0], covered[-1] + 1, entity_type))
    return spans


def predictions(documents: list[Document]) -> dict:
    """Token spans per document for 'ours' (extract_mentions) and 'plain' (the model alone, labels mapped), and
    the CPU seconds each took (`cpu_seconds`). Before timing, the model, gazetteers and word frequencies are loaded
    and the model reads every text once untimed: spaCy adds each new word to its vocabulary on first sight, so
    whichever of the two ran first used to pay for that (a second pass of the model over wikigold ran 5-10% faster)."""
    texts = [document_texts(document) for document in documents]
    rows = [(str(d), f"part{p}", text) for d, (parts, _) in enumerate(texts) for p, text in enumerate(parts)]
    ours: dict[str, list[tuple[int, int, int, str]]] = {}
    load_model()
    place_names()
    town_names()
    is_demonym("Warm")
    zipf_frequency("warm", "en")
    model_spans([text for *_, text in rows])
    started = time.process_time()
    found = extract_mentions(rows)
    seconds = {"ours": time.process_time() - started}
    for mention in found:
        part = int(mention["source"][4:])
        ours.setdefault(mention["doc_id"], []).append((part, mention["start_char"], mention["end_char"], mention["entity_type"]))
    plain: dict[str, list[tuple[int, int, int, str]]] = {}
    started = time.process_time()
    plain_output = model_spans([text for *_, text in rows])
    seconds["plain"] = time.process_time() - started
    for (doc_id, source, _), spans in zip(rows, plain_output, strict=True):
        part = int(source[4:])
        plain.setdefault(doc_id, []).extend(
            (part, start, end, MODEL_LABELS[label]) for start, end, label in spans if label in MODEL_LABELS
        )
    spans = {
        name: [token_spans(found.get(str(d), []), offsets) for d, (_, offsets) in enumerate(texts)]
        for name, found in (("ours", ours), ("plain", plain))
    }
    return {**spans, "cpu_seconds": seconds}


def _metrics(gold: list[set], predicted: list[set]) -> dict[str, dict[str, float]]:
    true_positive, gold_count, predicted_count = Counter(), Counter(), Counter()
    for gold_spans_, predicted_spans in zip(gold, predicted, strict=True):
        for spans, counter in ((gold_spans_, gold_count), (predicted_spans, predicted_count),
                               (gold_spans_ & predicted_spans, true_positive)):
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


def error_kinds(gold: list[set], predicted: list[set], ignored: list[set]) -> Counter:
    """Every error once, by kind: wrong type (same tokens), wrong span (overlapping, another extent), missed
    (nothing overlaps), spurious (overlaps no gold entity), ignored-type (a MISC-like gold entity predicted)."""
    kinds: Counter = Counter()
    for gold_spans_, predicted_spans, ignored_spans in zip(gold, predicted, ignored, strict=True):
        for start, end, entity_type in gold_spans_ - predicted_spans:
            same_tokens = [p for p in predicted_spans if p[:2] == (start, end)]
            overlapping = [p for p in predicted_spans if p[0] < end and start < p[1]]
            kind = "wrong type" if same_tokens else "wrong span" if overlapping else "missed"
            kinds[(kind, entity_type)] += 1
        for start, end, entity_type in predicted_spans - gold_spans_:
            if any(g[0] < end and start < g[1] for g in gold_spans_):
                continue
            kind = "ignored-type" if any(g[0] < end and start < g[1] for g in ignored_spans) else "spurious"
            kinds[(kind, entity_type)] += 1
    return kinds


def score(documents: list[Document], mapping: dict[str, str], with_plain: bool = False):
    """Per-type and overall precision, recall, F1 and counts of ours (and plain spaCy's when asked)."""
    gold = [gold_spans(document.labels, mapping, document.sentence_starts) for document in documents]
    predicted = predictions(documents)
    ours = _metrics(gold, predicted["ours"])
    if not with_plain:
        return ours
    return ours, _metrics(gold, predicted["plain"])


def ignored_spans(documents: list[Document], mapping: dict[str, str]) -> list[set]:
    """Gold entities of the types the mapping leaves out (MISC), as token spans."""
    types = {label.partition("-")[2] for document in documents for label in document.labels if "-" in label}
    left_out = {entity_type: "IGNORED" for entity_type in types if not mapping.get(entity_type)}
    return [gold_spans(document.labels, left_out, document.sentence_starts) for document in documents]


def format_table(results: dict[str, dict[str, float]], plain: dict[str, dict[str, float]] | None = None) -> str:
    header = f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"
    lines = [header + (f"   {'plain P':>7} {'R':>6} {'F1':>6} {'pred':>6}" if plain else "")]
    for entity_type, row in results.items():
        line = (f"{entity_type:<8} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
                f"{row['gold']:>6} {row['predicted']:>6}")
        if plain:
            base = plain.get(entity_type, {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0})
            line += f"   {base['precision']:>7.3f} {base['recall']:>6.3f} {base['f1']:>6.3f} {base['predicted']:>6}"
        lines.append(line)
    return "\n".join(lines)


def select_part(documents: list[Document], part: str) -> list[Document]:
    """'first' / 'second' half of the documents in file order (a split by document for tune / held-out)."""
    half = (len(documents) + 1) // 2
    return {"all": documents, "first": documents[:half], "second": documents[half:]}[part]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", required=True, type=Path, help="CoNLL file: token first, label column")
    parser.add_argument("--map", default=DEFAULT_MAPPING, help="gold type -> PERSON/ORG/LOC, e.g. PER=PERSON,LOC=LOC")
    parser.add_argument("--column", type=int, default=-1, help="label column index (default: last)")
    parser.add_argument("--part", choices=("all", "first", "second"), default="all", help="half of the documents")
    parser.add_argument("--errors", action="store_true", help="also count our errors by kind and type")
    args = parser.parse_args(argv)
    with args.conll.open(encoding="utf-8") as handle:
        documents = select_part(read_conll(handle, args.column), args.part)
    mapping = parse_mapping(args.map)
    gold = [gold_spans(document.labels, mapping, document.sentence_starts) for document in documents]
    predicted = predictions(documents)
    print(f"{args.conll.name} ({args.part}: {len(documents)} documents, {sum(len(d.tokens) for d in documents)} tokens)")
    print(format_table(_metrics(gold, predicted["ours"]), _metrics(gold, predicted["plain"])))
    words = sum(len(document.tokens) for document in documents)
    seconds = predicted["cpu_seconds"]
    print(f"speed (tokens per CPU second, one process): ours {words / max(seconds['ours'], 1e-9):,.0f}, "
          f"plain spaCy {words / max(seconds['plain'], 1e-9):,.0f}")
    if args.errors:
        kinds = error_kinds(gold, predicted["ours"], ignored_spans(documents, mapping))
        print("errors (ours)")
        for (kind, entity_type), count in sorted(kinds.items(), key=lambda item: -item[1]):
            print(f"  {kind:<13} {entity_type:<8} {count:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
