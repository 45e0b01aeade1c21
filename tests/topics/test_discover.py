"""Discovered topics on the benchmark's real news bodies: recognisable terms, determinism, stable ids, assignment."""

import pytest

from ingest.topics.discover import (
    assign_topics,
    carry_topic_ids,
    discover_topics,
    format_topic_id,
    topic_label,
    topic_number,
)


def top_terms(model_rows, count=10):
    terms = {}
    for row in model_rows:
        if row["term_rank"] <= count:
            terms.setdefault(row["topic_id"], []).append(row["term"])
    return terms


@pytest.fixture(scope="module")
def model(benchmark_docs):
    return discover_topics(benchmark_docs)


def test_topics_have_recognisable_terms(model):
    topics = top_terms(model).values()
    assert len(topics) >= 4
    # The benchmark has clusters of stories on NASA's Europa finding, the 16-inch MacBook Pro and the
    # impeachment hearings; each should surface as a topic of its own.
    for story_terms in ({"nasa", "moon"}, {"macbook", "apple"}, {"impeachment", "trump"}):
        assert any(story_terms <= set(terms) for terms in topics), story_terms


def test_discovery_ignores_input_order(benchmark_docs, model):
    assert discover_topics(list(reversed(benchmark_docs))) == model


def test_every_topic_has_unit_weights_and_a_label(model):
    for topic_id in {row["topic_id"] for row in model}:
        rows = [row for row in model if row["topic_id"] == topic_id]
        assert sum(row["weight"] ** 2 for row in rows) == pytest.approx(1.0)
        assert rows[0]["label"] and len({row["label"] for row in rows}) == 1


def test_label_prefers_phrases_over_their_words():
    assert topic_label(["china", "hong", "hong kong", "kong", "trade"]) == "china · hong kong · trade"


def test_rediscovery_on_same_data_keeps_every_id(model):
    assert carry_topic_ids(model, model) == model


def test_rediscovery_on_grown_corpus_keeps_surviving_ids(benchmark_docs):
    older = discover_topics(benchmark_docs[:120])
    newer = carry_topic_ids(older, discover_topics(benchmark_docs))
    old_terms, new_terms = top_terms(older, 5), top_terms(newer, 5)
    survivors = set(old_terms) & set(new_terms)
    assert survivors, "no topic survived a 50% larger corpus"
    for topic_id in survivors:
        assert set(old_terms[topic_id]) & set(new_terms[topic_id])
    highest_old = max(map(topic_number, old_terms))
    assert all(topic_number(topic_id) > highest_old for topic_id in set(new_terms) - survivors)


def test_unmatched_topic_gets_a_fresh_id():
    previous = [{"topic_id": format_topic_id(7), "label": "a", "term_rank": 1, "term": "alpha", "weight": 1.0, "idf": 1.0}]
    new = [
        {"topic_id": format_topic_id(1), "label": "b", "term_rank": 1, "term": "beta", "weight": 1.0, "idf": 1.0},
        {"topic_id": format_topic_id(2), "label": "a", "term_rank": 1, "term": "alpha", "weight": 1.0, "idf": 1.0},
    ]
    assert [row["topic_id"] for row in carry_topic_ids(previous, new)] == [format_topic_id(8), format_topic_id(7)]


def test_new_articles_are_assigned_to_existing_topics(benchmark_docs):
    older = discover_topics(benchmark_docs[:120])
    assigned = assign_topics(benchmark_docs[120:], older)
    assert len(assigned) >= len(benchmark_docs[120:]) // 2
    assert {row["topic_id"] for row in assigned} <= {row["topic_id"] for row in older}
    assert all(0 < row["score"] <= 1 + 1e-9 for row in assigned)


def test_assignment_is_per_article(benchmark_docs, model):
    together = {row["id"]: row["topic_id"] for row in assign_topics(benchmark_docs, model)}
    alone = {row["id"]: row["topic_id"] for doc in benchmark_docs[:20] for row in assign_topics([doc], model)}
    assert alone == {doc_id: together[doc_id] for doc_id in alone}


def test_too_small_corpus_gives_no_topics():
    assert discover_topics([{"id": "1", "text": "one story"}, {"id": "2", "text": "another story"}]) == []
