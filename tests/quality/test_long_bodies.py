"""The article contract on one very long body: repeats and pull quotes are still found (by joins whose cost grows
with the total text; the time is measured in docs/benchmarks.md, never asserted here)."""

from __future__ import annotations

import duckdb
import quality_marts

from expectations import runner, textsql
from expectations.suites import ARTICLES_CONTRACT

PULL_QUOTE = "“Nobody had counted the boats before the storm came,” the harbour master said."


def _flags(body: str) -> tuple:
    con = duckdb.connect()
    quality_marts.build(con)
    [(article_id,)] = con.execute("select min(article_id) from marts.articles").fetchall()
    con.execute("update marts.articles set body = ? where article_id = ?", [body, article_id])
    textsql.install(con)
    for statement in runner.PREPARE_SQL:
        con.execute(statement)
    return con.execute(
        f"""select body_repeats_paragraph, body_repeats_pull_quote, repeated_paragraph, repeated_sentence
            from ({ARTICLES_CONTRACT.indicator_sql}) where key = ?""", [article_id]).fetchone()


def _paragraphs(count: int) -> list[str]:
    return [f"Paragraph {number} of a very long page tells part {number} of the story in plain words." for number in
            range(count)]


def test_a_pull_quote_and_a_repeated_paragraph_deep_in_a_long_body_are_found():
    paragraphs = _paragraphs(3000)
    paragraphs[1500] = f"Late in the day {PULL_QUOTE[1:-1].replace('”', '')} and walked back to the quay."
    paragraphs[2500] = PULL_QUOTE
    paragraphs[2900] = paragraphs[20]
    repeats, pull_quote, repeated, sentence = _flags("\n\n".join(paragraphs))
    assert repeats and repeated == paragraphs[20].lower()
    assert pull_quote and "nobody had counted the boats" in sentence


def test_a_long_body_without_repeats_passes():
    assert _flags("\n\n".join(_paragraphs(3000)))[:2] == (False, False)
