"""Discovered topics: NMF on TF-IDF of the corpus's own articles, stable ids across re-discovery, and assignment.

A topic model is plain rows (`topic_id`, `label`, `term_rank`, `term`, `weight`, `idf`) so it can live in a
warehouse table; assignment needs nothing but those rows, which is what lets an incremental build place new
articles into existing topics without re-fitting.
"""

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

TOPIC_ID_PREFIX = "discovered:"
TERMS_PER_TOPIC = 40
LABEL_TERMS = 3
LABEL_PHRASE_WINDOW = 15
MIN_TOPIC_ARTICLES = 2
MIN_SURVIVAL_SIMILARITY = 0.3
MIN_ASSIGNMENT_SIMILARITY = 0.1
FIT_SAMPLE = 4_000

# News filler that every story shares; left in, it dominates the top terms of every topic.
NEWS_STOP_WORDS = frozenset(
    """said says say told according reported reports report reportedly just like also year years new
    time times week weeks month months day days today yesterday monday tuesday wednesday thursday friday
    saturday sunday people going want know think make made way did does don didn doesn isn wasn get got
    mr mrs ms read continue comment comments click share image photo getty images video watch""".split()
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"


def default_topic_count(article_count: int) -> int:
    """Roughly one topic per couple of dozen stories, at least 2 and at most 40."""
    return max(2, min(40, round(math.sqrt(article_count / 2))))


def _vectorizer(**overrides) -> TfidfVectorizer:
    settings = dict(
        stop_words=STOP_WORDS, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), sublinear_tf=True, lowercase=True
    )
    return TfidfVectorizer(**(settings | overrides))


def topic_label(terms: Sequence[str]) -> str:
    """The first few top terms, a word shown through its phrase when the phrase is also a top term
    ("hong kong", not "hong" and "kong"), skipping terms whose words a picked term already shows."""
    phrases = [term for term in terms[:LABEL_PHRASE_WINDOW] if " " in term]
    picked: list[str] = []
    for term in terms:
        term = next((phrase for phrase in phrases if term in phrase.split()), term)
        words = set(term.split())
        if any(words <= set(other.split()) or set(other.split()) <= words for other in picked):
            continue
        picked.append(term)
        if len(picked) == LABEL_TERMS:
            break
    return " · ".join(picked)


def fit_sample(docs: Iterable[Mapping]) -> list[Mapping]:
    """The docs NMF is fitted on, sorted by id: all of them, or FIT_SAMPLE chosen by a hash of the id (a topic
    big enough to matter is in the sample; the fit's cost stops growing with the corpus)."""
    docs = [doc for doc in docs if doc.get("text")]
    if len(docs) > FIT_SAMPLE:
        docs = sorted(docs, key=lambda doc: hashlib.sha1(str(doc["id"]).encode()).digest())[:FIT_SAMPLE]
    return sorted(docs, key=lambda doc: doc["id"])


def discover_topics(docs: Iterable[Mapping], n_topics: int | None = None, random_state: int = 0) -> list[dict]:
    """Fit NMF topics on `docs` ({id, text}), or on FIT_SAMPLE of them; returns model rows with provisional ids
    numbered from 1 by size (articles of the sample).

    Docs are sorted by id first, so the same set of articles gives the same model whatever order it comes in.
    Returns no rows when the corpus is too small to find two topics.
    """
    ordered = fit_sample(docs)
    if len(ordered) < 2 * MIN_TOPIC_ARTICLES:
        return []
    vectorizer = _vectorizer(min_df=2, max_df=0.5, max_features=30_000)
    try:
        matrix = vectorizer.fit_transform(doc["text"] for doc in ordered)
    except ValueError:  # no term left after pruning: nothing to discover
        return []
    n_components = min(n_topics or default_topic_count(len(ordered)), matrix.shape[0], matrix.shape[1])
    if n_components < 2:
        return []
    nmf = NMF(n_components=n_components, init="nndsvd", random_state=random_state, max_iter=500)
    doc_topic = nmf.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    sizes = np.bincount(doc_topic.argmax(axis=1), minlength=n_components)
    topics = []
    for component, size in zip(nmf.components_, sizes):
        if size < MIN_TOPIC_ARTICLES or not component.any():
            continue
        top = [index for index in np.argsort(-component, kind="stable")[:TERMS_PER_TOPIC] if component[index] > 0]
        weights = component[top] / np.linalg.norm(component[top])
        terms = [str(vocabulary[index]) for index in top]
        topics.append((int(size), terms, weights, vectorizer.idf_[top]))
    topics.sort(key=lambda topic: (-topic[0], topic[1]))
    return [
        {
            "topic_id": format_topic_id(number),
            "label": topic_label(terms),
            "term_rank": rank,
            "term": term,
            "weight": float(weight),
            "idf": float(idf),
        }
        for number, (_, terms, weights, idfs) in enumerate(topics, start=1)
        for rank, (term, weight, idf) in enumerate(zip(terms, weights, idfs), start=1)
    ]


def format_topic_id(number: int) -> str:
    return f"{TOPIC_ID_PREFIX}{number:04d}"


def topic_number(topic_id: str) -> int:
    return int(topic_id.removeprefix(TOPIC_ID_PREFIX))


def _term_vectors(model_rows: Iterable[Mapping]) -> dict[str, dict[str, float]]:
    vectors: dict[str, dict[str, float]] = {}
    for row in model_rows:
        vectors.setdefault(row["topic_id"], {})[row["term"]] = row["weight"]
    return vectors


def topic_similarity(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """Cosine of two unit-length term-weight vectors."""
    return sum(weight * right.get(term, 0.0) for term, weight in left.items())


def carry_topic_ids(previous_rows: Sequence[Mapping], new_rows: Sequence[Mapping]) -> list[dict]:
    """Give re-discovered topics the ids of the previous topics they continue.

    Old and new topics are paired by Hungarian matching on top-term similarity; a pair at least
    MIN_SURVIVAL_SIMILARITY alike keeps the old id; any other new topic gets a fresh id above every old one,
    so an id is never reused for a different story.
    """
    previous = _term_vectors(previous_rows)
    fresh = _term_vectors(new_rows)
    if not previous:
        return [dict(row) for row in new_rows]
    old_ids, new_ids = sorted(previous), sorted(fresh, key=topic_number)
    similarity = np.array([[topic_similarity(previous[old], fresh[new]) for new in new_ids] for old in old_ids])
    renamed = {}
    for old_index, new_index in zip(*linear_sum_assignment(similarity, maximize=True)):
        if similarity[old_index, new_index] >= MIN_SURVIVAL_SIMILARITY:
            renamed[new_ids[new_index]] = old_ids[old_index]
    next_number = max(topic_number(topic_id) for topic_id in old_ids) + 1
    for new_id in new_ids:
        if new_id not in renamed:
            renamed[new_id] = format_topic_id(next_number)
            next_number += 1
    return [dict(row, topic_id=renamed[row["topic_id"]]) for row in new_rows]


def assign_topics(docs: Iterable[Mapping], model_rows: Sequence[Mapping]) -> list[dict]:
    """Best discovered topic per doc ({id, text}) as {id, topic_id, score}; score is the cosine between the
    doc's TF-IDF vector (over the model's terms, with the model's idf) and the topic's term weights.
    Docs below MIN_ASSIGNMENT_SIMILARITY to every topic get no row.
    """
    docs = [doc for doc in docs if doc.get("text")]
    vectors = _term_vectors(model_rows)
    if not docs or not vectors:
        return []
    idf = {row["term"]: row["idf"] for row in model_rows}
    vocabulary = sorted(idf)
    counter = _vectorizer(vocabulary=vocabulary, use_idf=False, norm=None)
    doc_terms = counter.fit_transform(doc["text"] for doc in docs).multiply(np.array([idf[t] for t in vocabulary]))
    doc_terms = doc_terms.tocsr()
    norms = np.sqrt(np.asarray(doc_terms.multiply(doc_terms).sum(axis=1))).ravel()
    topic_ids = sorted(vectors, key=topic_number)
    term_index = {term: index for index, term in enumerate(vocabulary)}
    topic_matrix = np.zeros((len(vocabulary), len(topic_ids)))
    for column, topic_id in enumerate(topic_ids):
        for term, weight in vectors[topic_id].items():
            topic_matrix[term_index[term], column] = weight
    similarity = np.asarray(doc_terms @ topic_matrix) / np.where(norms > 0, norms, 1.0)[:, None]
    assigned = []
    for doc, row in zip(docs, similarity):
        best = int(np.argmax(row))
        if row[best] >= MIN_ASSIGNMENT_SIMILARITY:
            assigned.append({"id": doc["id"], "topic_id": topic_ids[best], "score": float(row[best])})
    return assigned
