"""The text macros give the same answers as their straightforward (slower) definitions."""

from __future__ import annotations

import duckdb
import pytest

from expectations import textsql

_WS = "translate({}, chr(9) || chr(10) || chr(13) || chr(160), '    ')"
TEXTS = ["", "plain", "  padded  ", "tab\there", "new\nline\r\n", "no\u00a0break\u00a0\u00a0", "mixed \t\n\u00a0 end\t",
         "\u2003em space end\u2003", "x" * 200 + "\t tail \u00a0", "ends with a cut wo", None]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    textsql.install(connection)
    yield connection
    connection.close()


@pytest.mark.parametrize("text", TEXTS)
def test_tail_and_squash_match_the_translate_definitions(con, text):
    reference_tail = f"rtrim({_WS.format('right(s, 160)')})"
    reference_squash = (f"trim(replace(replace(replace(replace({_WS.format('s')}, '  ', ' '), '  ', ' '), '  ', ' '),"
                        " '  ', ' '))")
    row = con.execute(f"select dq_tail(s), {reference_tail}, dq_squash(s), {reference_squash} from (select ?::varchar as s)",
                      [text]).fetchall()[0]
    assert row[0] == row[1]
    assert row[2] == row[3]
