"""Every tunable of the quality suites in one place: `mostly` per check, text limits and bait phrases."""

from __future__ import annotations

# Share of rows that must pass each check. Contract checks are promises of the marts: 1.0, and a failure
# fails the build. Defect checks measure the scraped data: a miss is only a warning.
MOSTLY: dict[str, float] = {
    # contract: marts.teasers
    "duplicate_site_title": 1.0,
    "article_id_missing": 1.0,
    "snippet_still_echoes_title": 1.0,
    # contract: marts.articles
    "body_contains_page_part": 1.0,
    "body_starts_with_title": 1.0,
    "body_repeats_paragraph": 1.0,
    "body_repeats_pull_quote": 1.0,
    "truncated_body_not_flagged": 1.0,
    # defects: marts.teaser_sightings
    "repeat_sighting": 0.5,
    "snippet_echoes_title": 0.8,
    "snippet_cut": 0.8,
    "snippet_bait": 0.95,
    # defects: marts.teasers
    "repeated_across_sites": 0.95,
    "teaser_snippet_cut": 0.8,
    # defects: marts.articles
    "body_cut": 0.9,
    "body_bait": 0.95,
    "body_far_below_site_median": 0.9,
    "near_duplicate_body": 0.95,
    "body_repeats_sentence": 0.95,
}

# Page parts (teaser titles, snippets, comments, widget headings) shorter than this are common phrases,
# so finding one inside a body proves nothing.
MIN_PAGE_PART_CHARS = 20
# A first paragraph that merely starts with the title counts as a glued title only for titles this long;
# a one-word title ("Brexit") legitimately opens many bodies.
MIN_TITLE_WORDS_FOR_PREFIX = 4
# Paragraphs and sentences shorter than this may repeat legitimately ("He said no.", a table header row); the
# pipeline removes repeated paragraphs from 60 characters on, so that is what the contract checks.
MIN_REPEATED_PARAGRAPH_CHARS = 60
MIN_REPEATED_SENTENCE_CHARS = 50
# A standalone paragraph up to this long that repeats text of another paragraph is a pull quote.
MAX_PULL_QUOTE_CHARS = 320
# A snippet is cut at the site's snippet length limit when it is at least this share of the longest
# snippet the site shows (limits are applied in characters, so cut snippets cluster at the top).
SNIPPET_LIMIT_SHARE = 0.9
# Ignore limits shorter than this: a site whose longest snippet is tiny shows titles, not cut text.
MIN_SNIPPET_LIMIT_CHARS = 80
# A body is "far shorter" than its site's median below this share of the median word count ...
SHORT_BODY_SHARE_OF_MEDIAN = 0.25
# ... computed only for sites with at least this many articles.
MIN_SITE_ARTICLES_FOR_MEDIAN = 5
# Near-duplicate articles share the same opening: this many normalized characters of the body ...
NEAR_DUPLICATE_PREFIX_CHARS = 300
# ... for bodies at least this long (short bodies share openings by chance).
MIN_NEAR_DUPLICATE_BODY_CHARS = 200
# Bait phrases that ask the reader to go elsewhere for the rest of the text (lower case, regex).
BAIT_PATTERNS: tuple[str, ...] = (
    r"continue reading",
    r"read more",
    r"read the full (story|article)",
    r"check (the )?first comment",
    r"see (the )?(first )?comments? (below|for)",
    r"click here to read",
    r"full story (here|below)",
    r"link in (the )?(first )?comment",
)
# The articles contract splits bodies into paragraphs and three-word windows: it runs over batches of pages of
# about this many body characters (plus BATCH_ARTICLE_CHARS per article for its title and keys), so the memory it
# holds is bounded by a batch, not by the table (at 100k pages the whole table at once peaked at 5.9 GB; a 20k
# warehouse, 31M characters of body, is 4 batches).
BATCH_BODY_CHARS = 10_000_000
BATCH_ARTICLE_CHARS = 500
# Validation streams the indicator columns in chunks of this many rows.
CHUNK_ROWS = 500_000
# How many offending rows a failure message and the GE result keep as examples.
EXAMPLE_ROWS = 3
