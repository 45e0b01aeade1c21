"""Shared clean-up: repeated title/dek/pull quotes, title echoes, reading prompts, and the batch wrappers."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ingest.segment import SEGMENT_SCHEMA, segment_batch, segment_table
from ingest.segment.clean import finish, strip_title_echo, tidy
from ingest.segment.parts import PageParts, Segment, TeaserCard

BODY = [
    "The council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate.",
    "“We cannot keep patching a structure that was built for horses,” the mayor said after the vote.",
    "Work is expected to start in the spring and take eighteen months.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, None),
        (" \u00a0\t ", None),
        ("  One\u00a0line,\t spaced  ", "One line, spaced"),
        (" First  line \n\n \u00a0\n second\tline ", "First line\nsecond line"),
        ("\n \n", None),
    ],
)
def test_tidy_collapses_spaces_inside_lines_and_drops_empty_lines(text, expected) -> None:
    assert tidy(text) == expected


def test_title_repeated_at_the_top_of_the_body_is_kept_once() -> None:
    title = "Council Votes to Rebuild the ‘Old’ Harbour Bridge — Finally"
    parts = PageParts(title=title, paragraphs=["council votes to rebuild the 'old' harbour bridge - finally", *BODY])
    out = finish(parts)
    assert out["title"] == title
    assert out["body"] == "\n\n".join(BODY)
    assert out["removed_duplicates"] == 1


def test_dek_repeated_as_first_paragraph_is_kept_once() -> None:
    dek = "The old bridge will close next year."
    out = finish(PageParts(title="Bridge", dek=dek, paragraphs=[dek, *BODY]))
    assert out["dek"] == dek
    assert out["body"].startswith(BODY[0])
    assert out["removed_duplicates"] == 1


def test_pull_quote_is_dropped_and_its_sentence_kept_in_place() -> None:
    pull_quote = "“ We cannot keep patching a structure that was built for horses. ”"
    paragraphs = [BODY[0], pull_quote, BODY[1], BODY[2]]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    assert out["body"] == "\n\n".join(BODY)
    assert out["removed_duplicates"] == 1


@pytest.mark.parametrize("quoted_first", [False, True])
def test_whole_paragraph_repeated_in_quotes_is_kept_once_unquoted(quoted_first: bool) -> None:
    quoted = f"“ {BODY[2]} ”"
    paragraphs = [BODY[0], quoted, BODY[1], BODY[2]] if quoted_first else [BODY[0], BODY[1], BODY[2], quoted]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    kept = out["body"].split("\n\n")
    assert kept.count(BODY[2]) == 1 and quoted not in kept
    assert out["removed_duplicates"] == 1


def test_exact_repeated_paragraph_is_dropped_but_short_repeats_and_structure_stay() -> None:
    table_header = "| Pier | Opened | Length in metres | Condition after the survey |"
    question = "What did the engineers find?"
    paragraphs = [BODY[0], question, table_header, BODY[1], BODY[1], question, table_header, BODY[2]]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    assert out["body"].split("\n\n") == [BODY[0], question, table_header, BODY[1], question, table_header, BODY[2]]
    assert out["removed_duplicates"] == 1


def test_short_repeated_paragraph_is_not_taken_for_a_pull_quote_of_itself() -> None:
    paragraphs = [BODY[0], "No, it is not so.", BODY[1], "No, it is not so."]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    assert out["body"].split("\n\n") == paragraphs


def test_subheading_repeated_in_the_text_is_not_a_pull_quote() -> None:
    paragraphs = [BODY[0], "Portion Fix Containers: 1 Purple", "Add the Portion Fix Containers: 1 Purple to the bowl."]
    assert finish(PageParts(title="Bowl", paragraphs=paragraphs))["removed_duplicates"] == 0


def test_short_paragraph_with_few_words_is_not_a_pull_quote() -> None:
    paragraphs = [BODY[0], "The mayor said.", BODY[1] + " The mayor said so twice."]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    assert out["removed_duplicates"] == 0


def test_whitespace_is_tidied_and_empty_parts_become_none() -> None:
    out = finish(PageParts(title="  Bridge\u00a0 news ", paragraphs=["  ", "A\u00a0 b  c."], author=""))
    assert out["title"] == "Bridge news"
    assert out["body"] == "A b c."
    assert out["author"] is None and out["dek"] is None


@pytest.mark.parametrize(
    ("title", "snippet", "expected"),
    [
        ("Look at this", "Look at this and tell us what you see", ("Look at this and tell us what you see", False)),
        ("Look at this", "Look at this, and tell us", ("Look at this, and tell us", False)),
        ("Look at this", "  Look at this. And tell us", ("And tell us", True)),
        ("Bridge to close", "Bridge to close The council said so.", ("The council said so.", True)),
        ("Bridge to close", "BRIDGE TO CLOSE 2024 plans were approved.", ("2024 plans were approved.", True)),
        ("Bridge to close", "Bridge to close “No choice,” he said.", ("“No choice,” he said.", True)),
        ("Bridge to close", "Bridge to close - The council said so.", ("The council said so.", True)),
        ("Will it close?", "Will it close? Nobody knows.", ("Nobody knows.", True)),
        ("Prince Harry’s news", "Prince Harry's news Prince Harry said", ("Prince Harry said", True)),
        ("Bridge to close", "Bridge to close", (None, True)),
        ("Bridge", "Bridge-building is an old craft.", ("Bridge-building is an old craft.", False)),
        ("Bridge to close", "Ferries will run instead.", ("Ferries will run instead.", False)),
        (None, "Ferries will run.", ("Ferries will run.", False)),
    ],
)
def test_title_echo(title: str | None, snippet: str, expected: tuple[str | None, bool]) -> None:
    assert strip_title_echo(title, snippet) == expected


def test_teasers_keep_raw_snippet_and_get_positions() -> None:
    cards = [
        TeaserCard("Ferry timetable", "Ferry timetable The ferry runs every twenty minutes.", "Related", "https://x/1"),
        TeaserCard("Market reopens", None, "Related"),
    ]
    teasers = finish(PageParts(title="Bridge", paragraphs=BODY, teasers=cards))["teasers"]
    assert teasers[0] == {
        "position": 1,
        "widget": "Related",
        "title": "Ferry timetable",
        "raw_snippet": "Ferry timetable The ferry runs every twenty minutes.",
        "snippet": "The ferry runs every twenty minutes.",
        "has_title_echo": True,
        "is_truncated": False,
        "truncation_reason": None,
        "link_url": "https://x/1",
    }
    assert teasers[1]["position"] == 2 and teasers[1]["snippet"] is None and not teasers[1]["is_truncated"]


def test_snippets_cut_at_a_shared_widget_length_are_truncated_but_a_short_caption_is_not() -> None:
    cut = [
        "The ferry will run every twenty minutes during the works and stop at both piers on the east side of",
        "Traders at the fish market said the repairs had taken far longer than promised and cost them dear in",
        "Engineers found that two of the four piers had moved since the last survey in the spring and the",
    ]
    cards = [TeaserCard(f"Story {n}", snippet, "More") for n, snippet in enumerate(cut)]
    cards.append(TeaserCard("Gallery", "Photos from the harbour at dawn", "More"))
    teasers = finish(PageParts(title="Bridge", paragraphs=BODY, teasers=cards))["teasers"]
    assert [teaser["truncation_reason"] for teaser in teasers] == [
        "cut_mid_sentence",
        "cut_mid_sentence",
        "cut_mid_sentence",
        None,
    ]


def test_paywall_prompt_marks_the_body_truncated_and_leaves_the_body() -> None:
    paragraphs = [*BODY[:2], "Subscribe to continue reading", "Already a subscriber? Sign in"]
    out = finish(PageParts(title="Bridge", paragraphs=paragraphs))
    assert out["truncation_reason"] == "paywall" and out["is_truncated"]
    assert out["body"] == "\n\n".join(BODY[:2])
    assert [segment["text"] for segment in out["segments"]] == paragraphs[2:]


def test_body_ending_with_ellipsis_is_truncated() -> None:
    out = finish(PageParts(title="Bridge", paragraphs=[BODY[0], "Work is expected to start in the spring and…"]))
    assert out["truncation_reason"] == "ellipsis"


def test_segments_are_numbered_in_page_order() -> None:
    parts = PageParts(paragraphs=BODY, segments=[Segment("boilerplate", "Menu"), Segment("comment", "Nice.")])
    assert finish(parts)["segments"] == [
        {"kind": "boilerplate", "position": 1, "text": "Menu"},
        {"kind": "comment", "position": 2, "text": "Nice."},
    ]


def test_segment_batch_gives_every_page_a_row_even_when_one_fails() -> None:
    rows = [
        {"page_id": "a", "content_format": "text", "body": "Bridge Rebuilt\n\n" + "\n\n".join(BODY), "url": None},
        {"page_id": "b", "content_format": "pdf", "body": "%PDF", "url": None},
        {"page_id": "c", "content_format": "text", "body": "", "url": None},
    ]
    out = segment_batch(rows)
    assert [row["page_id"] for row in out] == ["a", "b", "c"]
    assert out[0]["error"] is None and out[0]["title"] == "Bridge Rebuilt"
    assert out[1]["error"].startswith("ValueError") and out[1]["body"] is None and out[1]["teasers"] == []
    assert out[2]["error"] is None and out[2]["body"] is None


def test_segment_table_returns_the_documented_schema(seed_text: str) -> None:
    batch = pa.record_batch(
        {
            "page_id": ["seed", "bad"],
            "content_format": ["text", "unknown"],
            "body": [seed_text, "x"],
            "url": [None, None],
            "site": [None, None],
        }
    )
    table = segment_table(batch)
    assert table.schema == SEGMENT_SCHEMA
    assert table.num_rows == 2
    teasers = table.column("teasers").to_pylist()
    assert len(teasers[0]) == 10 and teasers[1] == []
    assert table.column("error").to_pylist()[1].startswith("ValueError")


@pytest.mark.parametrize(
    ("first", "expected_first"),
    [
        ("Harbour bridge to be rebuilt after years of debate — And Nobody Is Happy", BODY[0]),
        ("| Harbour bridge to be rebuilt after years of debate March 3, 2024 - The council met.", "March 3, 2024 - The council met."),
        ("Harbour bridge to be rebuilt after years of debate, the council said on Tuesday.",
         "Harbour bridge to be rebuilt after years of debate, the council said on Tuesday."),
    ],
)
def test_title_glued_to_the_first_paragraph_is_cut_off_but_a_lead_sentence_stays(first: str, expected_first: str) -> None:
    out = finish(PageParts(title="Harbour bridge to be rebuilt after years of debate", paragraphs=[first, *BODY]))
    assert out["body"].split("\n\n")[0] == expected_first


def test_inline_links_to_other_stories_leave_the_body_as_boilerplate() -> None:
    promo = "Read more: Council votes to close the old ferry terminal"
    out = finish(PageParts(title="Bridge", paragraphs=[BODY[0], promo, BODY[1], BODY[2]]))
    assert out["body"] == "\n\n".join(BODY)
    assert {"kind": "boilerplate", "position": 1, "text": promo} in out["segments"]


def test_title_printed_with_another_ellipsis_or_before_a_byline_leaves_the_body() -> None:
    out = finish(PageParts(title="Only the brave...", paragraphs=["Only the brave…", *BODY]))
    assert out["body"] == "\n\n".join(BODY)
    out = finish(PageParts(title="Seeking a bigger role for a big rocket",
                           paragraphs=["| | Seeking a bigger role for a big rocket by Ana Ruiz Monday, May 4 Earlier"
                                       " this month the agency announced a new milestone for the launcher.", *BODY]))
    assert out["body"].split("\n\n")[0] == (
        "by Ana Ruiz Monday, May 4 Earlier this month the agency announced a new milestone for the launcher."
    )


def test_body_paragraph_that_is_a_teaser_title_or_comment_of_the_page_leaves_the_body() -> None:
    listed = "Council votes to close the old ferry terminal"
    comment = "Finally some common sense from the council."
    parts = PageParts(
        title="Bridge",
        paragraphs=[BODY[0], listed, BODY[1], comment, BODY[2]],
        teasers=[TeaserCard(title=listed, raw_snippet=None, widget="Most read")],
        segments=[Segment("comment", comment)],
    )
    out = finish(parts)
    assert out["body"] == "\n\n".join(BODY)
    assert [segment["text"] for segment in out["segments"] if segment["kind"] == "boilerplate"] == [listed, comment]


def test_snippets_cut_at_a_shared_word_count_are_truncated_whatever_their_length() -> None:
    snippets = [
        "We had about a month left in Malaysia before our trip",
        "Clothes get scruffy and lose their shape when you are on",
        "Traveling to South East Asia this time around was a really",
        "Most people, especially those on a competitive career ladder, do not",
    ]
    cards = [TeaserCard(title=f"Post {n}", raw_snippet=snippet, widget="Recent Posts") for n, snippet in enumerate(snippets)]
    cards.append(TeaserCard(title="Another", raw_snippet="Photos from the harbour at dawn", widget="Popular"))

    teasers = finish(PageParts(title="T", paragraphs=["Body text."], teasers=cards))["teasers"]

    assert [teaser["is_truncated"] for teaser in teasers] == [True, True, True, True, False]
