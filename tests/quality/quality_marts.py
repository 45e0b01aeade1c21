"""Small marts shaped like the seed page (blog posts with a 'Popular posts' widget), with known defects."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

SNIPPET_LIMIT = 240

_SENTENCES = [
    "The ministry said the exercises would last until the end of the month.",
    "Officials declined to say how many troops would stay after the drills.",
    "Residents near the border reported columns of armored vehicles on Monday.",
    "The palace has not commented on the reports so far.",
    "Several analysts described the move as a warning to neighboring countries.",
    "A spokesman confirmed that the meeting had been postponed twice.",
    "Local newspapers printed the statement in full on their front pages.",
    "Critics argued that the decision had been taken without consultation.",
    "The charity thanked volunteers who had helped during the winter.",
    "Prices for heating oil rose sharply in the weeks that followed.",
    "Hundreds of people gathered outside the town hall in the rain.",
    "The report is expected to be published before the summer recess.",
]


_TEASER_SENTENCES = [
    "Fans lined the streets hours before the procession was due to begin.",
    "A former aide has now spoken about what happened behind closed doors.",
    "The couple were photographed leaving a restaurant late on Friday evening.",
    "Insiders say the invitation was sent only days before the event.",
    "The wreckage was found in shallow water a few miles from the coast.",
    "Rescue teams searched through the night despite the strong winds.",
    "Viewers were quick to share the clip across social media platforms.",
    "The statement was released shortly after midnight local time.",
]


def _text(start: int, sentences: int, pool: list[str] = _SENTENCES) -> str:
    return " ".join(pool[(start + i) % len(pool)] for i in range(sentences))


def _body(start: int, paragraphs: int) -> str:
    return "\n\n".join(f"Paragraph {i + 1} of story {start}. " + _text(start + 3 * i, 3) for i in range(paragraphs))


@dataclass(frozen=True)
class TeaserSpec:
    teaser_id: str
    site: str
    title: str
    echo: bool
    cut: bool
    pages: tuple[str, ...]
    text_start: int


TEASERS = (
    TeaserSpec("t1", "royal.example", "Prince Harry's new heartbreak revealed", True, True, ("p1", "p2"), 0),
    TeaserSpec("t2", "royal.example", "King Charles allows one royal on the balcony", True, True, ("p1",), 2),
    TeaserSpec("t3", "royal.example", "Look at this", False, False, ("p1",), 4),
    TeaserSpec("t4", "royal.example", "What annoyed the King at the ceremony", True, True, ("p2", "p3"), 5),
    TeaserSpec("t5", "royal.example", "Deadly crash: more bad news for the Kremlin", False, True, ("p3",), 7),
    TeaserSpec("t6", "world.example", "Deadly crash: more bad news for the Kremlin", True, False, ("p7",), 7),
    TeaserSpec("t7", "world.example", "Harbour reopens after the storm", False, False, ("p7", "p8"), 9),
)


@dataclass(frozen=True)
class Expected:
    """Defect counts the fixture holds by construction."""

    sightings: int
    repeat_sightings: int
    echoes: int
    cut_snippets: int
    cut_teasers: int
    cross_site_teasers: int
    cut_bodies: int
    short_bodies: int
    near_duplicates: int


def expected() -> Expected:
    sightings = sum(len(t.pages) for t in TEASERS)
    cut_sightings = sum(len(t.pages) for t in TEASERS if t.cut)
    titles = [t.title for t in TEASERS]
    return Expected(
        sightings=sightings,
        repeat_sightings=sightings - len(TEASERS),
        echoes=sum(len(t.pages) for t in TEASERS if t.echo),
        cut_snippets=cut_sightings,
        cut_teasers=sum(t.cut for t in TEASERS),
        cross_site_teasers=sum(titles.count(t.title) > 1 for t in TEASERS),
        cut_bodies=1,
        short_bodies=1,
        near_duplicates=2,
    )


def _raw_snippet(spec: TeaserSpec) -> str:
    if spec.title == "Look at this":
        # Continues the title's sentence and ends without punctuation, but is short: neither echo nor cut.
        return "Look at this and tell us what you realize in this picture  This is going viral what do you think"
    text = _text(spec.text_start, 8, _TEASER_SENTENCES)
    raw = f"{spec.title} {text}" if spec.echo else text
    if spec.cut:
        raw = raw[:SNIPPET_LIMIT].rstrip(" .,")
        if not raw[-1].isalpha():
            raw = raw[:-1]
    return raw


def _snippet(spec: TeaserSpec) -> str:
    raw = _raw_snippet(spec)
    return raw[len(spec.title):].lstrip() if spec.echo else raw


ARTICLES = (
    # article_id, page_id, site, title, body, is_truncated
    ("a1", "p1", "royal.example", "Panic as Russia drags another neighbor to the brink", _body(0, 4), False),
    ("a2", "p2", "royal.example", "Belarus braces for more troops", _body(1, 4), False),
    ("a3", "p3", "royal.example", "Lukashenko toes the line", _body(2, 4), False),
    ("a4", "p4", "royal.example", "A short note", "Paragraph 1 of story 99. The palace has not commented.", False),
    ("a5", "p5", "royal.example", "Harvest festival draws crowds", _body(4, 4), False),
    ("a6", "p6", "royal.example", "Harvest festival draws crowds again", _body(4, 4), False),
    ("a7", "p7", "world.example", "Ports count the cost of the storm",
     _body(6, 3) + "\n\nThe harbour master said repairs would take until the", True),
    ("a8", "p8", "world.example", "Ferries resume service", _body(7, 3), False),
)

SEGMENTS = (
    ("p1", "widget_heading", 1, "Popular posts from this blog"),
    ("p1", "comment", 2, "What a disgrace, the whole thing should be investigated properly."),
    ("p2", "widget_heading", 1, "Popular posts from this blog"),
    ("p3", "boilerplate", 1, "Skip to main content"),
    ("p7", "widget_heading", 1, "More from the coast desk"),
)

DDL = """
create schema if not exists marts;
create schema if not exists intermediate;
create or replace table marts.articles (article_id varchar, page_id varchar, site varchar, url varchar,
    title varchar, dek varchar, body varchar, word_count integer, fetched_at timestamp, published_at timestamp,
    is_truncated boolean, truncation_reason varchar, duplicate_group_id varchar, is_canonical boolean);
create or replace table marts.teasers (teaser_id varchar, site varchar, title varchar, snippet varchar,
    has_title_echo boolean, is_truncated boolean, truncation_reason varchar, sighting_count integer,
    page_count integer, first_seen_at timestamp, last_seen_at timestamp, article_id varchar);
create or replace table marts.teaser_sightings (teaser_id varchar, page_id varchar, position integer,
    raw_snippet varchar, widget varchar, has_title_echo boolean, is_truncated boolean,
    truncation_reason varchar, link_url varchar);
create or replace table intermediate.int_page_segments (page_id varchar, kind varchar, position integer,
    text varchar);
"""


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create marts.* and intermediate.int_page_segments holding the clean fixture."""
    con.execute(DDL)
    for index, (article_id, page_id, site, title, body, truncated) in enumerate(ARTICLES):
        con.execute(
            "insert into marts.articles values (?, ?, ?, ?, ?, null, ?, ?, ?::timestamp + to_days(?), null, ?, ?,"
            " null, true)",
            [article_id, page_id, site, f"https://{site}/{article_id}", title, body, len(body.split()),
             "2023-07-01", index, truncated, "cut_mid_sentence" if truncated else None],
        )
    for spec in TEASERS:
        con.execute(
            "insert into marts.teasers values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?)",
            [spec.teaser_id, spec.site, spec.title, _snippet(spec), spec.echo, spec.cut,
             "cut_mid_word" if spec.cut else None, len(spec.pages), len(spec.pages),
             "a8" if spec.teaser_id == "t7" else None],
        )
        for page_id in spec.pages:
            position = 1 + [t.teaser_id for t in TEASERS if page_id in t.pages].index(spec.teaser_id)
            con.execute(
                "insert into marts.teaser_sightings values (?, ?, ?, ?, 'Popular posts from this blog', ?, ?, ?, null)",
                [spec.teaser_id, page_id, position, _raw_snippet(spec), spec.echo, spec.cut,
                 "cut_mid_word" if spec.cut else None],
            )
    con.executemany("insert into intermediate.int_page_segments values (?, ?, ?, ?)", [list(s) for s in SEGMENTS])


def execute(path, sql: str) -> None:
    con = duckdb.connect(str(path))
    con.execute(sql)
    con.close()


def query(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    rows = con.sql(sql).fetchall()
    con.close()
    return rows
