"""Corpus-adapted IPTC classifier: lexicon seeds refined on the corpus's own texts, without labels.

Dataless classification in four steps, all in sparse matrices:
1. terms (words, phrase cues as one term read leftmost-longest, pairs of neighbouring terms) counted on the corpus,
   or on a fixed-size sample of it chosen by id hash, and TF-IDF over the terms that are neither rare nor common;
2. seeds: the cue lexicon read off the unpruned counts gives every text the plain lexicon's evidence per topic
   (its share is the lexicon share), and every topic a cue centroid over the TF-IDF vocabulary;
3. a few rounds of k-means with EM-estimated topic priors (seeded, dataless classification): a text's topic scores
   are a softmax of its cosine to each centroid plus its lexicon share, times the corpus prior of the topic; each
   text is assigned to its best topic, each centroid becomes CUE_WEIGHT x its cue centroid plus the mean TF-IDF
   vector of its texts, and the priors take one EM step (Saerens et al. 2002: the prior is the mean posterior; a
   sparse MAP step subtracts PRIOR_SPARSITY so topics the corpus hardly has fall further), smoothed by
   PRIOR_SMOOTHING so no topic is ever ruled out and one topic cannot swallow the corpus (PRIOR_CAP, 1 = off, is
   a sweep setting that caps every prior);
4. the priors re-estimated to convergence against the final centroids and applied in full at scoring: topics the
   corpus hardly has stop absorbing stories of the ones it has (a politics corpus stops losing stories to "crime,
   law and justice" for one word of a court, a business corpus to "labour" for one strike).

The fitted model is plain rows (`topic_id`, `prior`, `term`, `weight`, `idf`) so it can be stored in the warehouse and reused:
scoring a text needs nothing but those rows and the text, so a text's scores do not depend on its batch, and
incremental builds score new articles with the stored model. The fit is deterministic for a given set of texts
(ids sorted, no randomness).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from ingest.topics.classify import PHRASE_JOINER, _cue_matches, cue_segments, raw_topic_scores, specificity
from ingest.topics.taxonomy import IPTC_TOPIC_IDS
from ingest.topics.tokens import word_tokens

MAX_WORDS = 300
MIN_FIT_DOCS = 500
FIT_SAMPLE = 20_000
MIN_DF = 2
MAX_FEATURES = 60_000
TERMS_PER_TOPIC = 3_000
ROUNDS = 5
CUE_WEIGHT = 2.0
LEXICON_WEIGHT = 0.5
SOFTMAX_SHARPNESS = 12.0
PRIOR_ROUNDS = 10
PRIOR_POWER = 1.0
MIN_PRIOR = 1e-4
MIN_EVIDENCE = 1e-9
PRIOR_SMOOTHING = 0.01
PRIOR_SPARSITY = 0.02
PRIOR_CAP = 1.0

MAX_DF = 0.5
MIN_DF_CORPUS = 20



def classification_text(title: str | None, text: str | None) -> str:
    """What a text is classified on: its title twice (titles say what a story is about) and the body's first
    MAX_WORDS words (the lead; also bounds the cost of long articles)."""
    body = " ".join((text or "").split()[:MAX_WORDS])
    return "\n".join(part for part in (title, title, body) if part)


def terms(text: str) -> list[str]:
    """A text's terms: its words with each phrase cue read as one term, leftmost-longest as the plain lexicon reads it
    ("labour_party", so "labour" counts only where it stands alone), words starting with a digit left out, and the
    pairs of neighbouring terms."""
    segments = [segment for segment in cue_segments(word_tokens(text)) if not segment[0].isdigit()]
    return segments + [f"{first} {second}" for first, second in zip(segments, segments[1:])]


def _counts(texts: Sequence[str], known: Mapping[str, int] | None = None) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Text x term counts over every term of `texts` (no pruning), and the terms: the `known` terms first, in their
    order (`known` maps term -> 0..n-1), then the others in order of first appearance. Raises ValueError when there
    is no term at all. (Unsorted on purpose: sorting a batch's few hundred thousand terms cost more than counting.)"""
    vocabulary: defaultdict[str, int] = defaultdict(None, known or {})
    vocabulary.default_factory = vocabulary.__len__
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        indices.extend(map(vocabulary.__getitem__, terms(text)))
        indptr.append(len(indices))
    if not vocabulary:
        raise ValueError("no term in any text")
    counts = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int64),
         np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()
    return counts, np.array(list(vocabulary), dtype=object)


def _sublinear(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    logged = counts.copy()
    np.log(logged.data, out=logged.data)
    logged.data += 1.0
    return logged


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear-tf x idf rows of unit length (scikit-learn's TfidfVectorizer with sublinear_tf)."""
    return normalize(_sublinear(counts) @ sparse.diags(idf.astype(np.float32)), copy=False).tocsr()


def _pruned_terms(
    counts: sparse.csr_matrix, min_df: int, max_df: float, max_features: int
) -> tuple[np.ndarray, np.ndarray]:
    """The columns kept as TF-IDF features (in at least `min_df` texts and at most a `max_df` share of them; the
    `max_features` most frequent), and their smoothed idf (as scikit-learn computes it)."""
    texts = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    kept = np.flatnonzero((document_frequency >= min_df) & (document_frequency <= max_df * texts))
    if len(kept) > max_features:
        frequency = np.asarray(counts.sum(axis=0)).ravel()[kept]
        kept = np.sort(kept[np.argsort(-frequency, kind="stable")[:max_features]])
    return kept, np.log((1.0 + texts) / (1.0 + document_frequency[kept])) + 1.0


def lexicon_evidence(
    counts: sparse.csr_matrix, vocabulary: Sequence[str], known_cues: sparse.csr_matrix | None = None
) -> np.ndarray:
    """Text x topic lexicon evidence from unpruned term counts: the plain lexicon's sum of cue weight x specificity x
    (1 + ln tf), every cue occurrence counted once (phrases are single terms). `known_cues` is the cue matrix of the
    first terms of `vocabulary`, already computed (a model's own terms)."""
    done = 0 if known_cues is None else known_cues.shape[0]
    rest = cue_matrix(vocabulary[done:], np.ones(len(vocabulary) - done))
    cues = rest if known_cues is None else sparse.vstack([known_cues, rest]).tocsr()
    return np.asarray((_sublinear(counts) @ cues).todense())


def _sample(docs: Sequence[Mapping]) -> list[Mapping]:
    """The texts the vocabulary is fitted on: all of them, or FIT_SAMPLE chosen by a hash of the id."""
    ordered = sorted(docs, key=lambda doc: str(doc["id"]))
    if len(ordered) <= FIT_SAMPLE:
        return ordered
    return sorted(ordered, key=lambda doc: hashlib.sha1(str(doc["id"]).encode()).digest())[:FIT_SAMPLE]


def cue_matrix(vocabulary: Sequence[str], idf: np.ndarray) -> sparse.csr_matrix:
    """Term x topic matrix of lexicon evidence per unit of TF-IDF: cue weight x the cue's specificity / the term's
    idf, so that (TF-IDF row @ matrix), once normalised to shares, is the lexicon's own sublinear-tf evidence
    (the row's TF-IDF norm cancels in the shares). Only single terms carry cues (a word or a joined phrase); a pair
    of terms carries none, so every cue occurrence is counted once, as the plain lexicon counts it."""
    topic_index = {topic_id: index for index, topic_id in enumerate(IPTC_TOPIC_IDS)}
    rows, columns, values = [], [], []
    for row, term in enumerate(vocabulary):
        if " " in term:
            continue
        words = tuple(term.split(PHRASE_JOINER))
        for topic_id, weight in _cue_matches(words).items():
            rows.append(row)
            columns.append(topic_index[topic_id])
            values.append(weight * specificity(" ".join(words)) / idf[row])
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(vocabulary), len(IPTC_TOPIC_IDS)), dtype=np.float32)


def _row_normalise(matrix: np.ndarray) -> np.ndarray:
    totals = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > MIN_EVIDENCE)


def _unit_columns(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=0, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _topic_scores(features: sparse.csr_matrix, centroids: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """Per text and topic: softmax over topics of cosine-to-centroid plus weighted lexicon share; rows without any
    known term or cue are all zero."""
    similarity = np.asarray(features @ centroids)
    lexicon_share = _row_normalise(evidence)
    combined = similarity + LEXICON_WEIGHT * lexicon_share
    has_terms = (np.asarray(features.sum(axis=1)).ravel() > 0) | (evidence.max(axis=1) > 0)
    has_evidence = has_terms & (combined.max(axis=1) > MIN_EVIDENCE)
    exponent = np.exp(SOFTMAX_SHARPNESS * (combined - combined.max(axis=1, keepdims=True)))
    scores = exponent / exponent.sum(axis=1, keepdims=True)
    scores[~has_evidence] = 0.0
    return scores


def corpus_priors(scores: np.ndarray, start: np.ndarray | None = None, rounds: int = PRIOR_ROUNDS) -> np.ndarray:
    """Topic priors by EM over the texts' scores, starting from `start` (uniform by default); texts without evidence
    do not vote."""
    scores = scores[scores.max(axis=1) > 0]
    priors = np.full(len(IPTC_TOPIC_IDS), 1.0 / len(IPTC_TOPIC_IDS)) if start is None else start
    if not len(scores):
        return priors
    for _ in range(rounds):
        mean_posterior = _row_normalise(_with_priors(scores, priors)).mean(axis=0)
        priors = np.maximum(mean_posterior - PRIOR_SPARSITY, MIN_PRIOR) + PRIOR_SMOOTHING
        priors = np.minimum(priors / priors.sum(), PRIOR_CAP)
        priors /= priors.sum()
    return priors


def _hard(scores: np.ndarray) -> np.ndarray:
    """One-hot rows of each text's best topic; rows without evidence stay 0."""
    hard = np.zeros_like(scores)
    has_evidence = scores.max(axis=1) > 0
    hard[np.flatnonzero(has_evidence), scores.argmax(axis=1)[has_evidence]] = 1.0
    return hard


def _with_priors(scores: np.ndarray, priors: np.ndarray) -> np.ndarray:
    return _row_normalise(scores * priors**PRIOR_POWER)


def fit_model(docs: Iterable[Mapping], min_docs: int = MIN_FIT_DOCS) -> list[dict]:
    """Fit the adapted classifier on `docs` ({id, title?, text}); returns model rows
    {topic_id, prior, term, weight, idf}: each topic's heaviest TERMS_PER_TOPIC centroid terms with their idf.

    No rows (so the plain lexicon scores) when the corpus has fewer than `min_docs` texts: centroids and priors
    from a few dozen stories describe those stories, not their topics (on 16 articles, royal-family teasers went
    to "labour" and "conflict"), or when it has no usable term."""
    docs = [doc for doc in docs if doc.get("title") or doc.get("text")]
    sample = _sample(docs)
    if not sample or len(docs) < min_docs:
        return []
    texts = [classification_text(doc.get("title"), doc.get("text")) for doc in sample]
    # Words in over half the texts (the, and, said) carry no topic, nor do one-off words; a tiny corpus keeps both,
    # or nothing is left.
    small = len(texts) < MIN_DF_CORPUS
    try:
        counts, all_terms = _counts(texts)
    except ValueError:  # no term at all: nothing to fit
        return []
    kept, idf = _pruned_terms(counts, 1 if small else MIN_DF, 1.0 if small else MAX_DF, MAX_FEATURES)
    if not len(kept):
        return []
    features = _tfidf(counts[:, kept], idf)
    vocabulary = all_terms[kept]
    evidence = lexicon_evidence(counts, all_terms)
    cue_centroids = _unit_columns(cue_matrix(vocabulary, idf).multiply((idf**2)[:, None]).toarray().astype(np.float32))
    centroids = cue_centroids
    priors = np.full(len(IPTC_TOPIC_IDS), 1.0 / len(IPTC_TOPIC_IDS))
    for _ in range(ROUNDS):
        scores = _topic_scores(features, centroids, evidence)
        # E step: each text goes to its best topic under the current corpus priors (hard k-means assignment);
        # M step: the priors move one EM step, the centroids become cue centroid + mean of the assigned texts.
        assignment = _hard(_with_priors(scores, priors))
        priors = corpus_priors(scores, priors, rounds=1)
        corpus_centroids = _unit_columns((features.T @ sparse.csr_matrix(assignment)).toarray())
        centroids = _unit_columns(CUE_WEIGHT * cue_centroids + corpus_centroids)
    priors = corpus_priors(_topic_scores(features, centroids, evidence), priors)
    rows = []
    for column, topic_id in enumerate(IPTC_TOPIC_IDS):
        weights = centroids[:, column]
        # A topic with no term at all (no cue in the vocabulary, no text assigned: small corpora) still gets one row,
        # weight 0, so its prior is stored and the stored priors sum to 1.
        top = [index for index in np.argsort(-weights, kind="stable")[:TERMS_PER_TOPIC] if weights[index] > 0] or [0]
        rows.extend(
            {"topic_id": topic_id, "prior": float(priors[column]), "term": str(vocabulary[index]), "weight": float(weights[index]),
             "idf": float(idf[index])}
            for index in top
        )
    return rows


class AdaptedModel:
    """A fitted model's rows made ready for scoring: the model's vocabulary, idf, centroids and priors."""

    def __init__(self, model_rows: Sequence[Mapping]):
        idf = {row["term"]: row["idf"] for row in model_rows}
        self.vocabulary = sorted(idf)
        self.term_index = term_index = {term: index for index, term in enumerate(self.vocabulary)}
        self.idf = np.array([idf[term] for term in self.vocabulary], dtype=np.float64)
        self.cues = cue_matrix(self.vocabulary, np.ones(len(self.vocabulary)))
        topic_index = {topic_id: index for index, topic_id in enumerate(IPTC_TOPIC_IDS)}
        self.priors = np.full(len(IPTC_TOPIC_IDS), 1.0 / len(IPTC_TOPIC_IDS))
        for row in model_rows:
            self.priors[topic_index[row["topic_id"]]] = row["prior"]
        self.centroids = np.zeros((len(self.vocabulary), len(IPTC_TOPIC_IDS)), dtype=np.float32)
        for row in model_rows:
            self.centroids[term_index[row["term"]], topic_index[row["topic_id"]]] = row["weight"]

    def scores(self, docs: Sequence[Mapping]) -> np.ndarray:
        """Text x topic scores; the terms of the batch are counted once, then read as the model's TF-IDF features
        and as lexicon evidence (every cue, known to the model or not), so a text's scores do not depend on its
        batch."""
        if not self.vocabulary or not docs:
            return np.zeros((len(docs), len(IPTC_TOPIC_IDS)), dtype=np.float32)
        texts = [classification_text(doc.get("title"), doc.get("text")) for doc in docs]
        counts, batch_terms = _counts(texts, known=self.term_index)
        features = _tfidf(counts[:, : len(self.vocabulary)], self.idf)
        scores = _topic_scores(features, self.centroids, lexicon_evidence(counts, batch_terms, self.cues))
        return _with_priors(scores, self.priors)


def lexicon_scores(docs: Sequence[Mapping]) -> np.ndarray:
    """The plain lexicon's shares, for a corpus too small or too empty to fit a model on."""
    raw = np.array(
        [[scores[topic_id] for topic_id in IPTC_TOPIC_IDS]
         for scores in (raw_topic_scores(doc.get("title"), doc.get("text")) for doc in docs)],
        dtype=np.float64,
    ).reshape(len(docs), len(IPTC_TOPIC_IDS))
    return _row_normalise(raw)


def score_docs(docs: Sequence[Mapping], model: "AdaptedModel | None") -> np.ndarray:
    """Text x topic scores (rows sum to 1, or are all 0 when nothing in the text is known), by the fitted model,
    or by the plain lexicon when there is no model."""
    return model.scores(docs) if model is not None and model.vocabulary else lexicon_scores(docs)


def topic_columns(ids: Sequence, scores: np.ndarray) -> dict[str, np.ndarray]:
    """One row per (text, IPTC topic) as columns `id`, `topic_id`, `score`, `is_primary`; the primary topic is the
    top score (ties go to the earlier topic in IPTC order); a text whose scores are all 0 has no primary."""
    count, topics = scores.shape
    primary = np.zeros_like(scores, dtype=bool)
    has_evidence = scores.max(axis=1) > 0 if count else np.zeros(0, dtype=bool)
    primary[np.flatnonzero(has_evidence), scores.argmax(axis=1)[has_evidence]] = True
    return {
        "id": np.repeat(np.asarray(ids, dtype=object), topics),
        "topic_id": np.tile(np.asarray(IPTC_TOPIC_IDS, dtype=object), count),
        "score": scores.astype(np.float64).ravel(),
        "is_primary": primary.ravel(),
    }
