"""The body contract pass: it reads bodies as the articles contract suite does, and what it lets through passes."""

from __future__ import annotations

import duckdb
import pytest

from expectations import thresholds
from expectations.suites import ARTICLES_CONTRACT, PREPARE_SQL
from expectations.textsql import install
from ingest.segment import body_contract, segment_batch

_TABLES = """
create schema marts; create schema intermediate;
create table marts.articles (article_id varchar, page_id varchar, site varchar, title varchar, body varchar,
    is_truncated boolean);
create table marts.teasers (teaser_id varchar, site varchar, title varchar, snippet varchar, article_id varchar);
create table marts.teaser_sightings (teaser_id varchar, page_id varchar, position integer, raw_snippet varchar);
create table intermediate.int_page_segments (page_id varchar, kind varchar, position integer, text varchar);
"""

_LONG = "The council voted on Tuesday to keep the library open for another two years at least."
# (title, paragraphs): minimal reproductions of what real pages gave, and the edges of each check.
CASES = [
    # a lead sentence that begins like the headline and goes on in lower case: allowed
    ("Python 3.12.0", ["Python 3.12.0 is the newest major release of the Python programming language.", _LONG]),
    # the headline glued to the next sentence on one line (a release page's title and its date line)
    ("Python 3.12.0", ["Python 3.12.0 Release Date: Oct. 2, 2023", _LONG]),
    # the title split over two lines by a <br> inside the headline
    ("Neue Regeln für Mieter in Berlin", ["Neue Regeln", "für Mieter in Berlin", _LONG]),
    # the title glued to a byline, and a title that goes on in lower case after a dash (allowed)
    ("Storm closes four schools in the valley", ["Storm closes four schools in the valley By Jane Doe", _LONG]),
    ("Storm closes four schools in the valley", ["Storm closes four schools in the valley - and the roads too", _LONG]),
    # the title in other punctuation and case
    ("Bürgermeister: „Wir bleiben“", ["BÜRGERMEISTER – WIR BLEIBEN", _LONG]),
    # a first paragraph that is only the title's words, twice
    ("Local elections", ["Local elections.", "Local elections", _LONG]),
    # a short title opening a sentence: allowed (fewer than four words)
    ("Brexit", ["Brexit talks resumed in Brussels on Monday after a week of delays.", _LONG]),
    # repeats: the same paragraph twice, with different spacing (no-break space, line break)
    (None, [_LONG, "Second paragraph here.", _LONG.replace(" ", "\xa0", 3), _LONG.replace(" on ", "\non ")]),
    # repeated structure lines and short repeats stay
    (None, ["- one item that is long enough to pass the sixty character threshold easily", "Middle.",
            "- one item that is long enough to pass the sixty character threshold easily", "Yes.", "Yes."]),
    # a pull quote: a sentence paragraph whose words stand inside another paragraph
    (None, ["“Keep the library open for another two years,” the mayor said.",
            "Officials met at noon. Keep the library open for another two years, the mayor said. Then they left.",
            _LONG]),
    # a quoted sentence of another paragraph with punctuation differences, non-ASCII before the quote
    (None, ["É “the council voted on Tuesday to keep the library open”", _LONG]),
    # no title, nothing to do
    (None, [_LONG]),
]


def _suite_verdicts(rows: list[tuple[str | None, list[str]]]) -> list[dict[str, bool]]:
    con = duckdb.connect()
    con.execute(_TABLES)
    install(con)
    for statement in PREPARE_SQL:
        con.execute(statement)
    con.executemany(
        "insert into marts.articles values (?, ?, 'site', ?, ?, false)",
        [(f"a{i}", f"p{i}", title, "\n\n".join(paragraphs)) for i, (title, paragraphs) in enumerate(rows)],
    )
    checks = ("body_starts_with_title", "body_repeats_paragraph", "body_repeats_pull_quote")
    result = con.execute(f"select key, {', '.join(checks)} from ({ARTICLES_CONTRACT.indicator_sql}) order by key").fetchall()
    by_key = {key: dict(zip(checks, values)) for key, *values in result}
    return [by_key[f"a{i}"] for i in range(len(rows))]


def _python_verdicts(title: str | None, paragraphs: list[str]) -> dict[str, bool]:
    return {
        "body_starts_with_title": body_contract.opens_with_title(paragraphs, title),
        "body_repeats_paragraph": bool(body_contract.repeated_paragraph_keys(paragraphs)),
        "body_repeats_pull_quote": bool(body_contract.pull_quote_indexes(paragraphs)),
    }


def test_thresholds_are_the_suites():
    assert body_contract.MIN_TITLE_WORDS_FOR_PREFIX == thresholds.MIN_TITLE_WORDS_FOR_PREFIX
    assert body_contract.MIN_REPEATED_PARAGRAPH_CHARS == thresholds.MIN_REPEATED_PARAGRAPH_CHARS
    assert body_contract.MIN_REPEATED_SENTENCE_CHARS == thresholds.MIN_REPEATED_SENTENCE_CHARS
    assert body_contract.MAX_PULL_QUOTE_CHARS == thresholds.MAX_PULL_QUOTE_CHARS


def test_the_checks_read_bodies_as_the_contract_suite_does():
    suite = _suite_verdicts(CASES)
    python = [_python_verdicts(title, paragraphs) for title, paragraphs in CASES]
    assert python == suite
    # the cases exercise every check both ways
    for check in ("body_starts_with_title", "body_repeats_paragraph", "body_repeats_pull_quote"):
        assert {verdict[check] for verdict in suite} == {True, False}, check


def test_enforced_bodies_pass_the_contract_suite():
    enforced = [(title, body_contract.enforce(list(paragraphs), title)[0]) for title, paragraphs in CASES]
    assert not any(any(verdict.values()) for verdict in _suite_verdicts(enforced))


@pytest.mark.parametrize(
    ("title", "paragraphs", "expected"),
    [
        ("Python 3.12.0", ["Python 3.12.0 is the newest major release.", _LONG],
         ["Python 3.12.0 is the newest major release.", _LONG]),
        ("Python 3.12.0", ["Python 3.12.0 Release Date: Oct. 2, 2023", _LONG], ["Release Date: Oct. 2, 2023", _LONG]),
        ("Neue Regeln für Mieter in Berlin", ["Neue Regeln", "für Mieter in Berlin", _LONG], [_LONG]),
        ("Local elections", ["Local elections.", "Local elections", _LONG], [_LONG]),
        ("Brexit", ["Brexit talks resumed.", _LONG], ["Brexit talks resumed.", _LONG]),
        (None, [_LONG, "Second.", _LONG.replace(" ", "\xa0", 3)], [_LONG, "Second."]),
    ],
)
def test_enforce_cuts_the_title_and_later_copies_only(title, paragraphs, expected):
    assert body_contract.enforce(paragraphs, title)[0] == expected


def test_segmented_page_body_never_opens_with_a_title_split_by_a_line_break():
    html = (
        "<html><head><title>Neue Regeln für Mieter in Berlin</title></head><body><article>"
        "<h1>Neue Regeln für Mieter in Berlin</h1>"
        "<p><b>Neue Regeln<br>für Mieter in Berlin</b></p>"
        + "".join(f"<p>{_LONG} Absatz {i} bleibt im Text stehen.</p>" for i in range(5))
        + "</article></body></html>"
    )
    row = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": None}])[0]
    assert row["error"] is None
    assert row["body"].startswith(_LONG)
    assert not body_contract.opens_with_title(row["body"].split("\n\n"), row["title"])


def test_lines_without_words_are_layout_and_leave_the_body():
    html = (
        "<html><body><article><table><tr><td></td><td></td></tr><tr><td>"
        + "".join(f"<p>{_LONG} Row {i} of the story.</p>" for i in range(4))
        + "</td><td></td></tr></table><p>* * *</p><p>The end of the story came quietly that night.</p></article></body></html>"
    )
    row = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": None}])[0]
    assert row["body"] and "The end of the story" in row["body"]
    assert all(any(c.isalnum() for c in paragraph) for paragraph in row["body"].split("\n\n"))
