"""The suites: per checked table and kind, the SQL that computes one indicator column per check, and the
GX suite that validates those columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations import thresholds as t
from expectations.textsql import cut_kind_sql

ARTICLES = "marts.articles"
TEASERS = "marts.teasers"
SIGHTINGS = "marts.teaser_sightings"
SEGMENTS = "intermediate.int_page_segments"
SOURCE_TABLES = (ARTICLES, TEASERS, SIGHTINGS, SEGMENTS)

CONTRACT = "error"
DEFECT = "warn"


@dataclass(frozen=True)
class Check:
    """One boolean indicator column (true = the row has the defect) and how to describe an offending row."""

    name: str
    description: str
    detail_sql: str


@dataclass(frozen=True)
class Suite:
    """A GX suite over one table: `indicator_sql` yields `key` plus one boolean column per check."""

    name: str
    table: str
    severity: str
    indicator_sql: str
    checks: tuple[Check, ...]
    # Columns the defect details read; kept only on offending rows so the indicator table stays narrow.
    detail_columns: tuple[str, ...] = ()
    # For suites whose rows depend only on their own page: the indicator SQL over the pages a predicate on
    # `page_id` selects (`indicator_sql` is it over every page). The runner computes such a suite batch by batch
    # (ranges of page_id), so what it holds at once is bounded by a batch, not by the table.
    pages_sql: Callable[[str], str] | None = None

    def materialize_sql(self, table_name: str, pages: str | None = None) -> str:
        """Create the indicator table; with `pages` (a predicate on page_id), from those pages only."""
        return f"create or replace temp table {table_name} as {self._select(pages)}"

    def append_sql(self, table_name: str, pages: str) -> str:
        """Add the indicator rows of the pages `pages` selects to the indicator table."""
        return f"insert into {table_name} {self._select(pages)}"

    def _select(self, pages: str | None) -> str:
        checks = [c.name for c in self.checks]
        any_defect = " or ".join(checks)
        details = [f"case when {any_defect} then {column} end as {column}" for column in self.detail_columns]
        columns = ", ".join(["key", *checks, *details])
        source = self.indicator_sql if pages is None else self.pages_sql(pages)
        return f"select {columns} from ({source})"

    def expectation_suite(self) -> gx.ExpectationSuite:
        return gx.ExpectationSuite(
            name=self.name,
            expectations=[
                gxe.ExpectColumnValuesToBeInSet(
                    column=check.name,
                    value_set=[False],
                    mostly=t.MOSTLY[check.name],
                    description=check.description,
                    meta={"severity": self.severity, "table": self.table},
                )
                for check in self.checks
            ],
            meta={"severity": self.severity, "table": self.table},
        )


# Computed once per run and shared by the suites: each costs a regex pass over every teaser. Grouping
# uses 64-bit hashes of the normalized keys (collisions are negligible at 10^9 rows) to keep sorts narrow.
PREPARE_SQL = (
    f"""create or replace temp table dq_teaser_keys as
        select teaser_id, site, title_sq, hash(site, title_key) as site_title_hash, hash(title_key) as title_hash,
               hash(site) as site_hash, title_key
        from (select teaser_id, site, dq_squash(title) as title_sq, dq_norm(title) as title_key from {TEASERS})""",
    # The snippet length limit of each site: cut snippets cluster at the longest length the site shows.
    f"""create or replace temp table dq_site_snippet_limits as
        select k.site, max(length(s.raw_snippet)) as snippet_limit
        from {SIGHTINGS} s join dq_teaser_keys k using (teaser_id) group by k.site""",
    # Stored snippets that are cut (page parts of the articles contract): found once, not once per batch of pages.
    f"""create or replace temp table dq_cut_teaser_snippets as
        select teaser_id, dq_squash(snippet) as snippet_sq
        from (select teaser_id, snippet, dq_tail(snippet) as tail from {TEASERS} where snippet is not null)
        where dq_is_cut(tail)""",
)
CLEANUP_SQL = tuple(f"drop table if exists {name}"
                    for name in ("dq_teaser_keys", "dq_site_snippet_limits", "dq_cut_teaser_snippets"))


def _at_limit(length_sql: str, limit_sql: str) -> str:
    return f"({limit_sql} >= {t.MIN_SNIPPET_LIMIT_CHARS} and {length_sql} >= {t.SNIPPET_LIMIT_SHARE} * {limit_sql})"


def _cut_at_limit(tail: str, length_sql: str, limit_sql: str) -> str:
    """Cut: an ellipsis or bait ends it, or it ends open at the site's snippet length limit."""
    return f"coalesce(dq_ends_marked_cut({tail}) or (dq_ends_open({tail}) and {_at_limit(length_sql, limit_sql)}), false)"


TEASERS_CONTRACT = Suite(
    name="teasers__contract",
    table=TEASERS,
    severity=CONTRACT,
    indicator_sql=f"""
        select tz.teaser_id as key,
               count(*) over (partition by k.site_title_hash) > 1 as duplicate_site_title,
               coalesce(tz.article_id is not null and a.article_id is null, false) as article_id_missing,
               coalesce(dq_echoes_title(tz.snippet_sq, k.title_sq), false) as snippet_still_echoes_title,
               tz.site, left(k.title_sq, 80) as title_head, tz.article_id
        from (select teaser_id, site, article_id, dq_squash(snippet) as snippet_sq from {TEASERS}) tz
        join dq_teaser_keys k using (teaser_id)
        left join (select distinct article_id from {ARTICLES}) a on a.article_id = tz.article_id
    """,
    checks=(
        Check("duplicate_site_title", "One row per (site, normalized title): the teaser key is unique.",
              "'another row has site ' || coalesce(site, 'NULL') || ' and title \"' || title_head || '\"'"),
        Check("article_id_missing", "Every article_id a teaser links to exists in marts.articles.",
              "'article_id ' || article_id || ' not in marts.articles'"),
        Check("snippet_still_echoes_title", "The stored snippet no longer starts with a repeat of the title.",
              "'snippet starts with its title \"' || title_head || '\"'"),
    ),
    detail_columns=("site", "title_head", "article_id"),
)

TEASER_SIGHTINGS_DEFECTS = Suite(
    name="teaser_sightings__defects",
    table=SIGHTINGS,
    severity=DEFECT,
    indicator_sql=f"""
        with pages as (select page_id, min(fetched_at) as fetched_at from {ARTICLES} group by page_id),
        s as (
            select page_id, position, teaser_id, length(raw_snippet) as raw_length, dq_tail(raw_snippet) as tail,
                   dq_squash(left(raw_snippet, 400)) as opening, dq_has_bait(raw_snippet) as has_bait
            from {SIGHTINGS}
        )
        select s.page_id || '#' || s.position as key,
               row_number() over (partition by coalesce(k.site_title_hash, hash(s.teaser_id))
                                  order by p.fetched_at nulls last, s.page_id, s.position) > 1 as repeat_sighting,
               coalesce(dq_echoes_title(s.opening, k.title_sq), false) as snippet_echoes_title,
               {_cut_at_limit('s.tail', 's.raw_length', 'l.snippet_limit')} as snippet_cut,
               coalesce(s.has_bait, false) as snippet_bait,
               s.teaser_id, left(k.title_sq, 80) as title_head, s.tail
        from s
        left join dq_teaser_keys k using (teaser_id)
        left join pages p using (page_id)
        left join dq_site_snippet_limits l on l.site = k.site
    """,
    checks=(
        Check("repeat_sighting", "Share of sightings that repeat a teaser (same site and title) already seen.",
              "'teaser ' || teaser_id || ' \"' || title_head || '\" seen before'"),
        Check("snippet_echoes_title", "Share of raw snippets that open by repeating their title.",
              "'snippet repeats title \"' || title_head || '\"'"),
        Check("snippet_cut", "Share of raw snippets cut at the site's length limit, by an ellipsis or bait.",
              f"{cut_kind_sql('tail')} || ': ' || dq_shown_end(tail)"),
        Check("snippet_bait", "Share of raw snippets holding 'continue reading' / 'check first comment' bait.",
              "'bait in snippet of teaser ' || teaser_id"),
    ),
    detail_columns=("teaser_id", "title_head", "tail"),
)

TEASERS_DEFECTS = Suite(
    name="teasers__defects",
    table=TEASERS,
    severity=DEFECT,
    indicator_sql=f"""
        with longest as (
            select teaser_id, max(length(raw_snippet)) as longest_raw from {SIGHTINGS} group by teaser_id
        )
        select tz.teaser_id as key,
               min(k.site_hash) over (partition by k.title_hash) <> max(k.site_hash) over (partition by k.title_hash)
                   as repeated_across_sites,
               {_cut_at_limit('tz.tail', 'lg.longest_raw', 'l.snippet_limit')} as teaser_snippet_cut,
               left(k.title_sq, 80) as title_head, tz.tail
        from (select teaser_id, site, dq_tail(snippet) as tail from {TEASERS}) tz
        join dq_teaser_keys k using (teaser_id)
        left join longest lg using (teaser_id)
        left join dq_site_snippet_limits l on l.site = tz.site
    """,
    checks=(
        Check("repeated_across_sites", "Share of teasers whose title also appears as a teaser on another site.",
              "'title \"' || title_head || '\" also on another site'"),
        Check("teaser_snippet_cut", "Share of teasers whose snippet is cut mid-word or mid-sentence.",
              f"{cut_kind_sql('tail')} || ': ' || dq_shown_end(tail)"),
    ),
    detail_columns=("title_head", "tail"),
)

# Text of the page that is not article: teaser titles and snippets, comments, widget headings. The stored
# snippet is the raw one minus the title echo, so it is found wherever the raw one is. A teaser of the
# article itself (popular-posts widgets list the current post) legitimately shares its text. A part counts only
# when it stands between word boundaries: a snippet cut mid-word ("...despite reports tha") that leaked into a
# body stands there whole, while a related story that merely shares the sentence goes on ("...reports that").
# Complete snippets are left to the title: stories of one storyline share whole sentences (wire copy, background
# paragraphs), so a complete snippet inside another story's body is no sign of a leak, while a leaked card
# brings its title along. Titles, comments and widget headings leak as lines of their own: they count when a
# body paragraph is one of them word for word, not when a sentence mentions the same words ("Red Dead
# Redemption 2" is a teaser title and the subject of the article).
def _page_parts_sql(pages: str) -> str:
    """The page parts of the pages `pages` (a predicate on page_id) selects."""
    sightings = f"(select * from {SIGHTINGS} where {pages})"
    return f"""
    select s.page_id, 'teaser title' as part_kind, k.title_sq as part_text, k.title_key as teaser_title_key
    from {sightings} s join dq_teaser_keys k using (teaser_id)
    union all
    select s.page_id, 'teaser snippet', tz.snippet_sq, k.title_key
    from {sightings} s
    join dq_cut_teaser_snippets tz using (teaser_id)
    join dq_teaser_keys k using (teaser_id)
    union all
    select page_id, 'teaser snippet', dq_squash(raw_snippet), title_key
    from (select s.page_id, s.raw_snippet, k.title_key, dq_tail(s.raw_snippet) as tail
          from {sightings} s join {TEASERS} tz using (teaser_id) join dq_teaser_keys k using (teaser_id)
          where tz.snippet is null)
    where dq_is_cut(tail)
    union all
    select page_id, replace(kind, '_', ' '), dq_squash(text), null
    from {SEGMENTS} where kind in ('comment', 'widget_heading') and ({pages})
"""

# Sentences and paragraphs compare after lower-casing and trimming spaces and clause punctuation, so a pull
# quote ("“ You just need ... children. ”") matches the sentence it repeats ("“You just need ... children,”").
# Table rows, list items and dash-led credit lines: page structure that may repeat (the pipeline keeps them too).
_STRUCTURE_LINE = r"^\s*([|\-–—•*·]|\d{1,2}[.)]\s)"
# A pull quote reads as a quote or a sentence; a repeated list line ("½ cup cherry tomatoes") is not one.
_QUOTE_OR_SENTENCE = r"^\W*[\"“‘«„]|[.!?…][\s\"”’»)\]]*$"
_SENTENCE_SPLIT = r"[.!?…“”\"]+\s*|\n+"

def _articles_contract_sql(pages: str) -> str:
    """The articles contract's indicators for the pages `pages` (a predicate on page_id) selects: every check
    reads only the article's own body and its own page's parts, so batches of pages give the same rows."""
    return f"""
        with a as (
            select article_id, page_id, title, dq_norm(title) as title_key, body, is_truncated,
                   -- paragraph ends marked: a cut snippet leaked into the body ends a paragraph there
                   ' ' || dq_squash(replace(body, chr(10) || chr(10), ' ¶ ')) || ' ¶' as body_paragraph_ends,
                   dq_tail(body) as tail,
                   left(body, 2 * length(title) + 20) as opening,
                   dq_norm(left(body, 2 * length(title) + 20)) as opening_key,
                   dq_norm(split_part(left(body, 2 * length(title) + 20), chr(10) || chr(10), 1)) as first_paragraph_key,
                   list_filter(list_transform(string_split(body, chr(10) || chr(10)), lambda p: lower(dq_squash(p))),
                               lambda p: length(p) >= {t.MIN_REPEATED_PARAGRAPH_CHARS}
                                         and not regexp_matches(p, '{_STRUCTURE_LINE}')) as paragraphs,
                   string_split(body, chr(10) || chr(10)) as raw_paragraphs
            from {ARTICLES}
            where {pages}
        ),
        keyed as materialized (
            select *, list_transform(raw_paragraphs, lambda p: ' ' || dq_norm(p) || ' ') as paragraph_keys
            from a
        ),
        part_hits as (
            select a.article_id, min(p.part_kind || ' "' || left(p.part_text, 60) || '"') as hit
            from keyed as a join ({_page_parts_sql(pages)}) p on p.page_id = a.page_id
            where length(p.part_text) >= {t.MIN_PAGE_PART_CHARS}
              and p.teaser_title_key is distinct from a.title_key
              and case when p.part_kind = 'teaser snippet'
                       -- where the body goes on past the cut, it shares the text with the teaser's article
                       then contains(a.body_paragraph_ends, ' ' || p.part_text || ' ¶')
                       else list_contains(a.paragraph_keys, ' ' || dq_norm(p.part_text) || ' ') end
            group by a.article_id
        ),
        -- Repeats and pull quotes are found by joins, not by comparing every paragraph with every other (which
        -- made one 60 MB page cost minutes): the time grows with the total text, not with its square.
        numbered as materialized (
            select article_id, unnest(paragraph_keys) as paragraph_key, unnest(raw_paragraphs) as raw_paragraph,
                   generate_subscripts(paragraph_keys, 1) as position
            from keyed
        ),
        repeats as (
            select article_id, arg_min(paragraph, first_position) as repeated_paragraph
            from (
                select article_id, paragraph, min(position) as first_position
                from (select article_id, unnest(paragraphs) as paragraph, generate_subscripts(paragraphs, 1) as position
                      from a)
                group by article_id, paragraph
                having count(*) > 1
            )
            group by article_id
        ),
        quote_candidates as (
            select article_id, position, paragraph_key,
                   hash(array_to_string(string_split(trim(paragraph_key), ' ')[1:3], ' ')) as head,
                   len(string_split(trim(paragraph_key), ' ')) >= 3 as has_head
            from numbered
            where length(paragraph_key) between {t.MIN_REPEATED_SENTENCE_CHARS} and {t.MAX_PULL_QUOTE_CHARS}
              and regexp_matches(raw_paragraph, '{_QUOTE_OR_SENTENCE}')
        ),
        -- Every three-word window of the paragraphs of articles that have a candidate: where a candidate's
        -- first three words occur is where it can be contained. Windows are compared by a 64-bit hash (narrow
        -- join keys); a collision only adds a pair that the containment test below then rejects.
        windows as (
            select article_id, position, hash(array_to_string(words[start:start + 2], ' ')) as head
            from (
                select article_id, position, words, unnest(generate_series(1, greatest(len(words) - 2, 1))) as start
                from (select n.article_id, n.position, string_split(trim(n.paragraph_key), ' ') as words
                      from numbered as n semi join quote_candidates as c using (article_id))
            )
        ),
        quote_hits as (
            select c.article_id, c.position, c.paragraph_key
            from quote_candidates as c
            join windows as w on w.article_id = c.article_id and w.head = c.head
            join numbered as o on o.article_id = w.article_id and o.position = w.position
            where c.has_head and o.paragraph_key <> c.paragraph_key and contains(o.paragraph_key, c.paragraph_key)
            union all
            select c.article_id, c.position, c.paragraph_key
            from quote_candidates as c
            join numbered as o on o.article_id = c.article_id
            where not c.has_head and o.paragraph_key <> c.paragraph_key
              and contains(o.paragraph_key, c.paragraph_key)
        ),
        pull_quotes as (
            select article_id, arg_min(paragraph_key, position) as repeated_sentence
            from quote_hits
            group by article_id
        )
        select a.article_id as key,
               h.hit is not null as body_contains_page_part,
               coalesce(a.first_paragraph_key = a.title_key
                        or (length(string_split(a.title_key, ' ')) >= {t.MIN_TITLE_WORDS_FOR_PREFIX}
                            and starts_with(a.opening_key, a.title_key || ' ')
                            and not dq_goes_on_after_title(a.opening, a.title_key)), false) as body_starts_with_title,
               coalesce(len(a.paragraphs) > len(list_distinct(a.paragraphs)), false) as body_repeats_paragraph,
               q.repeated_sentence is not null as body_repeats_pull_quote,
               coalesce(dq_ends_marked_cut(a.tail) and not coalesce(a.is_truncated, false), false)
                   as truncated_body_not_flagged,
               h.hit, left(a.title, 80) as title_head, a.tail,
               r.repeated_paragraph,
               q.repeated_sentence
        from keyed as a
        left join part_hits as h using (article_id)
        left join repeats as r using (article_id)
        left join pull_quotes as q using (article_id)
    """


ARTICLES_CONTRACT = Suite(
    name="articles__contract",
    table=ARTICLES,
    severity=CONTRACT,
    indicator_sql=_articles_contract_sql("true"),
    pages_sql=_articles_contract_sql,
    checks=(
        Check("body_contains_page_part",
              "No body contains a teaser title/snippet, a widget heading or a comment of its own page.",
              "'body contains ' || hit"),
        Check("body_starts_with_title",
              "No body starts with its own title: no first paragraph is the title, and no body opens with a title of "
              "four words or more unless the same sentence goes on after it in lower case (a lead sentence).",
              "'body opens with title \"' || title_head || '\"'"),
        Check("body_repeats_paragraph", "No body repeats one of its paragraphs.",
              "'paragraph repeated: \"' || left(repeated_paragraph, 60) || '\"'"),
        Check("body_repeats_pull_quote",
              "No standalone paragraph (a pull quote) repeats text of another paragraph of its body.",
              "'pull quote repeated: \"' || trim(left(repeated_sentence, 60)) || '\"'"),
        Check("truncated_body_not_flagged",
              "Every body whose end is marked cut (ellipsis, 'continue reading' bait) has is_truncated = true.",
              f"{cut_kind_sql('tail')} || ' but is_truncated is not true: ' || dq_shown_end(tail)"),
    ),
    detail_columns=("hit", "title_head", "tail", "repeated_paragraph", "repeated_sentence"),
)

ARTICLES_DEFECTS = Suite(
    name="articles__defects",
    table=ARTICLES,
    severity=DEFECT,
    # The whole-table parts (site medians, shared openings) come from a narrow table of numbers per article; the
    # bodies and their sentence lists stream through once, joined to it by rowid. (A window over the wide rows
    # held every body and its sentences at once.)
    indicator_sql=f"""
        with stats as materialized (
            select rowid as row_id, article_id, site, body is not null as has_body, dq_word_count(body) as words,
                   case when length(body) >= {t.MIN_NEAR_DUPLICATE_BODY_CHARS}
                        then hash(left(dq_norm(left(body, 2 * {t.NEAR_DUPLICATE_PREFIX_CHARS})),
                                       {t.NEAR_DUPLICATE_PREFIX_CHARS})) end as opening_hash
            from {ARTICLES}
        ),
        site_words as (
            select site, median(words) as median_words, count(*) as articles
            from stats where has_body group by site
        ),
        openings as (
            select opening_hash, count(*) as articles, min(article_id) as first_id, max(article_id) as last_id
            from stats group by opening_hash
        ),
        a as (
            select rowid as row_id, body, dq_tail(body) as tail,
                   list_filter(list_transform(regexp_split_to_array(body, '{_SENTENCE_SPLIT}'),
                                              lambda x: lower(trim(x, ' ,;:' || chr(9)))),
                               lambda x: length(x) >= {t.MIN_REPEATED_SENTENCE_CHARS}) as sentences
            from {ARTICLES}
        )
        select s.article_id as key,
               coalesce(dq_is_cut(a.tail), false) as body_cut,
               coalesce(dq_has_bait(a.body), false) as body_bait,
               coalesce(sw.articles >= {t.MIN_SITE_ARTICLES_FOR_MEDIAN}
                        and s.words < {t.SHORT_BODY_SHARE_OF_MEDIAN} * sw.median_words, false)
                   as body_far_below_site_median,
               coalesce(s.opening_hash is not null and o.articles > 1, false) as near_duplicate_body,
               coalesce(len(a.sentences) > len(list_distinct(a.sentences)), false) as body_repeats_sentence,
               list_filter(a.sentences, lambda x: len(list_filter(a.sentences, lambda y: y = x)) > 1)[1]
                   as repeated_sentence,
               s.words, sw.median_words, a.tail,
               case when o.first_id = s.article_id then o.last_id else o.first_id end as other_same_opening
        from a join stats as s using (row_id)
        left join site_words as sw on sw.site = s.site
        left join openings as o on o.opening_hash is not distinct from s.opening_hash
    """,
    checks=(
        Check("body_cut", "Share of bodies cut mid-word or mid-sentence, by an ellipsis or bait.",
              f"{cut_kind_sql('tail')} || ': ' || dq_shown_end(tail)"),
        Check("body_bait", "Share of bodies holding 'continue reading' / 'check first comment' bait.",
              "'bait phrase in body'"),
        Check("body_far_below_site_median", "Share of bodies far shorter than their site's median.",
              "words || ' words, site median ' || median_words"),
        Check("near_duplicate_body", "Share of articles whose opening matches another article's.",
              "'same opening as ' || other_same_opening"),
        Check("body_repeats_sentence", "Share of bodies that repeat one of their long sentences.",
              "'sentence repeated: \"' || left(repeated_sentence, 60) || '\"'"),
    ),
    detail_columns=("words", "median_words", "tail", "other_same_opening", "repeated_sentence"),
)

ALL_SUITES: tuple[Suite, ...] = (
    TEASERS_CONTRACT,
    ARTICLES_CONTRACT,
    TEASER_SIGHTINGS_DEFECTS,
    TEASERS_DEFECTS,
    ARTICLES_DEFECTS,
)
