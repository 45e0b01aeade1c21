"""Merge mentions into entities: per-document surname joins and type voting, then corpus-wide stable ids."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from ingest.entities.lexicon import HEAD_TITLES, NAME_TITLES
from ingest.entities.normalize import display_name, name_key

# A rule or word-list decision outweighs one model guess when a document's mentions disagree on the type.
ORIGIN_WEIGHT = {"model": 1.0, "gazetteer": 2.0, "rule": 2.0, "context": 2.0, "document": 1.0}
# When votes tie, the more specific type wins.
TYPE_PRIORITY = {"PERSON": 0, "ORG": 1, "LOC": 2}


def entity_id_for(entity_type: str, key: str) -> str:
    """Stable id: the same canonical name and type give the same id in every build."""
    return hashlib.sha1(f"{entity_type}|{key}".encode()).hexdigest()[:16]


def _name_tokens(key: str) -> list[str]:
    tokens = key.split(" ")
    return tokens[1:] if tokens and tokens[0] in NAME_TITLES else tokens


def _surname_index(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Last name (and, for 'Prince Harry'-style names, the given name) -> the full-name keys it may stand for."""
    index: dict[str, set[str]] = defaultdict(set)
    for key in full_names:
        tokens = _name_tokens(key)
        if len(tokens) >= 1 and len(key.split(" ")) >= 2:
            index[tokens[-1]].add(key)
    return index


def _vote(votes: list[tuple[str, str, int]]) -> str:
    weights: Counter[str] = Counter()
    for entity_type, origin, count in votes:
        weights[entity_type] += ORIGIN_WEIGHT.get(origin, 1.0) * count
    return min(weights, key=lambda entity_type: (-weights[entity_type], TYPE_PRIORITY[entity_type]))


def _resolve_document(mentions: list[dict]) -> None:
    """Within one document: join lone surnames to the one full name they fit, then vote one type per name."""
    full_names = {m["_key"] for m in mentions if m["entity_type"] == "PERSON" and len(m["_key"].split(" ")) >= 2}
    surnames = _surname_index(full_names)
    for mention in mentions:
        key = mention["_key"]
        joinable = mention["entity_type"] != "LOC" or mention["origin"] == "model"
        if " " not in key and joinable and len(surnames.get(key, ())) == 1:
            mention["_key"] = next(iter(surnames[key]))
            # Fitting the surname of a person named in the same document is itself evidence of a person.
            mention["_joined"] = True
    votes: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for mention in mentions:
        voted_type = "PERSON" if mention.pop("_joined", False) else mention["entity_type"]
        votes[mention["_key"]].append((voted_type, mention["origin"], mention["_count"]))
    decided = {key: _vote(key_votes) for key, key_votes in votes.items()}
    for mention in mentions:
        mention["_type"] = decided[mention["_key"]]


def _is_bare_title(name: str) -> bool:
    return all(token.lower() in HEAD_TITLES for token in name.split(" "))


def canonicalize(mentions: Iterable[dict]) -> list[dict]:
    """Mentions (from `extract_mentions`, any extra keys kept) -> the same mentions with entity_id, entity_name,
    entity_type (voted), name_key and alias (this mention's own clean name, e.g. "Putin"). Mentions that are only a title ("President") are dropped.

    Documents are grouped by doc_id; surnames left alone in their document join a full name when exactly one
    full name in the whole batch ends with that surname. A mention may carry `count`: it then stands for that
    many identical mentions (same doc_id, surface, entity_type and origin), which get identical results."""
    rows: list[dict] = []
    for mention in mentions:
        row = dict(mention)
        row["_name"] = display_name(row["surface"], row["entity_type"])
        if not row["_name"] or _is_bare_title(row["_name"]):
            continue
        row["_key"] = name_key(row["_name"])
        row["_count"] = row.pop("count", 1)
        rows.append(row)

    by_document: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_document[row["doc_id"]].append(row)
    for document_mentions in by_document.values():
        _resolve_document(document_mentions)

    # One type per name across the corpus: every mention's vote counts, whichever document it sits in.
    corpus_votes: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for row in rows:
        corpus_votes[row["_key"]].append((row["_type"], row["origin"], row["_count"]))
    corpus_type = {key: _vote(key_votes) for key, key_votes in corpus_votes.items()}
    for row in rows:
        row["_type"] = corpus_type[row["_key"]]

    corpus_surnames = _surname_index({row["_key"] for row in rows if row["_type"] == "PERSON"})
    for row in rows:
        key = row["_key"]
        if row["_type"] == "PERSON" and " " not in key and len(corpus_surnames.get(key, ())) == 1:
            row["_key"] = next(iter(corpus_surnames[key]))

    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if name_key(row["_name"]) == row["_key"]:
            names[(row["_type"], row["_key"])][row["_name"]] += row["_count"]
    for row in rows:
        entity = (row["_type"], row["_key"])
        spellings = names.get(entity) or Counter({row["_name"]: 1})
        row["alias"] = row["_name"]
        row["entity_name"] = min(spellings, key=lambda name: (-spellings[name], -len(name), name))
        row["entity_type"] = row["_type"]
        row["name_key"] = row["_key"]
        row["entity_id"] = entity_id_for(*entity)
        del row["_name"], row["_key"], row["_type"], row["_count"]
    return rows
