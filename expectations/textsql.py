"""DuckDB macros that detect text defects independently of the flags the dbt models computed."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import wordfreq

from expectations import thresholds

# Characters that close a sentence or a quotation: a text ending on anything else ends open.
_CLOSING_CHARACTERS = (".", "!", "?", "…", '"', "”", "’", "'", "»", ")", "]")
_ELLIPSIS_ENDINGS = ("...", "…", "…]", "...]", "…)", "...)")
_SENTENCE_OPENING_QUOTES = ('"', "“", "‘", "'")
_WHITESPACE_CODES = (9, 10, 13, 160)


def _spaced(expr: str) -> str:
    """`expr` with tabs, newlines, carriage returns and no-break spaces turned into spaces: a chain of plain
    replaces, several times faster than `translate` (~3 s per million short strings on this machine)."""
    for code in _WHITESPACE_CODES:
        expr = f"replace({expr}, chr({code}), ' ')"
    return expr


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_list(items: tuple[str, ...]) -> str:
    return ", ".join(sql_literal(item) for item in items)


def bait_regex() -> str:
    return "(" + "|".join(thresholds.BAIT_PATTERNS) + ")"


def macro_statements() -> list[str]:
    """The macros. A regular expression costs ~2 s per million rows on this machine, so the common case is
    decided by plain string functions and a regex runs only where those cannot decide."""
    ellipsis = " or ".join(f"suffix(tail, {sql_literal(e)})" for e in _ELLIPSIS_ENDINGS)
    bait_at_end = sql_literal(bait_regex() + r"\W*$")
    return [
        # Whitespace runs collapse to one space; plain replaces (each halves a run, so runs of up to 16
        # collapse) are several times faster than regexp_replace on long bodies.
        # No-break spaces count as whitespace: scraped snippets open with them.
        f"""create or replace temp macro dq_squash(s) as
            case when contains(s, '  ') or contains(s, chr(10)) or contains(s, chr(9)) or contains(s, chr(13))
                      or contains(s, chr(160))
                 then trim(replace(replace(replace(replace({_spaced('s')},
                                   '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))
                 else trim(s) end""",
        r"create or replace temp macro dq_norm(s) as trim(regexp_replace(lower(s), '[^\p{L}\p{N}]+', ' ', 'g'))",
        # The end tests take `dq_tail(s)`: the last characters, trimmed once, so each test scans a few bytes.
        f"create or replace temp macro dq_tail(s) as rtrim({_spaced('right(s, 160)')})",
        f"create or replace temp macro dq_ends_open(tail) as right(tail, 1) not in ({_sql_list(_CLOSING_CHARACTERS)})",
        f"create or replace temp macro dq_ends_ellipsis(tail) as {ellipsis}",
        f"create or replace temp macro dq_has_bait(s) as regexp_matches(lower(s), {sql_literal(bait_regex())})",
        f"""create or replace temp macro dq_ends_bait(tail) as
            case when dq_has_bait(tail) then regexp_matches(lower(tail), {bait_at_end}) else false end""",
        # Cut without needing a length limit: an ellipsis or a bait phrase ends the text.
        "create or replace temp macro dq_ends_marked_cut(tail) as dq_ends_ellipsis(tail) or dq_ends_bait(tail)",
        "create or replace temp macro dq_is_cut(tail) as dq_ends_open(tail) or dq_ends_marked_cut(tail)",
        f"""create or replace temp macro dq_opens_sentence(c) as
            c <> lower(c) or c between '0' and '9' or c in ({_sql_list(_SENTENCE_OPENING_QUOTES)})""",
        # An echo repeats the title at the start of the snippet and a new sentence follows it; "Look at
        # this and tell us ..." under the title "Look at this" continues the title's sentence: no echo.
        # Both arguments must already be squashed (dq_squash), so that each text is squashed once.
        """create or replace temp macro dq_echoes_title(snippet_sq, title_sq) as
            length(title_sq) > 0
            and lower(left(snippet_sq, length(title_sq))) = lower(title_sq)
            and (length(snippet_sq) = length(title_sq)
                 or (substr(snippet_sq, length(title_sq) + 1, 1) = ' '
                     and dq_opens_sentence(substr(snippet_sq, length(title_sq) + 2, 1))))""",
        # A body that opens with its title's words and goes on in the same line in lower case is a lead sentence
        # that begins like the headline ("<title>, the council said"), not the title glued to the text.
        r"""create or replace temp macro dq_goes_on_after_title(opening, title_key) as
            regexp_matches(opening, '^[^\p{L}\p{N}]*(?i:' || replace(title_key, ' ', '[^\p{L}\p{N}]+')
                                    || ')[^\p{L}\p{N}\n]*\p{Ll}')""",
        r"create or replace temp macro dq_last_word(tail) as lower(regexp_extract(tail, '(\p{L}+)$', 1))",
        r"create or replace temp macro dq_word_count(s) as length(string_split_regex(trim(s), '\s+'))",
        "create or replace temp macro dq_shown_end(tail) as '…' || right(dq_squash(tail), 40)",
    ]


def cut_kind_sql(tail: str) -> str:
    """How a cut text ends (`tail` = dq_tail of it), for the defect detail: needs `dq_vocabulary`."""
    return f"""case
        when dq_ends_bait({tail}) then 'bait ending'
        when dq_ends_ellipsis({tail}) then 'ellipsis'
        when not regexp_matches({tail}, '\\p{{L}}$') then 'cut mid-sentence'
        when dq_last_word({tail}) in (select word from dq_vocabulary) then 'cut mid-sentence'
        else 'cut mid-word' end"""


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create the macros and the word list (to tell a cut word from a whole one) in `con`."""
    con.execute("set enable_progress_bar = false")
    for statement in macro_statements():
        con.execute(statement)
    words = pa.table({"word": _english_words()})
    con.register("dq_vocabulary_arrow", words)
    con.execute("create or replace temp table dq_vocabulary as select distinct word from dq_vocabulary_arrow")
    con.unregister("dq_vocabulary_arrow")


def _english_words() -> list[str]:
    # The 30k most frequent words: deeper lists hold fragments ("frid", "tha") that hide mid-word cuts.
    return [w for w in wordfreq.top_n_list("en", 30_000) if w.isalpha() and (len(w) > 1 or w in {"a", "i"})]
