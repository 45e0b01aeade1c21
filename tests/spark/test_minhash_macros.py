"""The MinHash shingle macros (dbt_project/macros/minhash.sql) give the same words and hashes in DuckDB and Spark.

Both engines' SQL is rendered from the macro file itself and run on texts where the engines' string functions
differ (Java lowercases a word-final capital sigma to final sigma and a dotted capital I to "i" plus a combining
dot; DuckDB does neither), besides ordinary ones. Marked `spark`: it starts a local SparkSession.
"""

from __future__ import annotations

import duckdb
import jinja2
import pytest

from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.spark]

SHINGLE_WORDS = 5
TEXTS = [
    "The Minister said on Tuesday that the 2026 budget would be cut by 4.5% -- again.",
    "ΟΙ ΚΑΤΟΙΚΟΙ ΤΗΣ ΑΘΗΝΑΣ ΨΗΦΙΖΟΥΝ ΣΗΜΕΡΑ ΓΙΑ ΤΟΝ ΝΕΟ ΔΗΜΑΡΧΟ ΤΗΣ ΠΟΛΗΣ",
    "Οι κάτοικοι της Αθήνας ψηφίζουν σήμερα, είπε ο ΥΠΟΥΡΓΟΣ ΟΙΚΟΝΟΜΙΚΩΝ ΣΤΟ ΓΡΑΦΕΙΟ ΤΟΥ",
    "İSTANBUL'DA İki gün süren toplantı İzmir'de devam edecek, dedi BAKAN ÖZTÜRK",
    "DIE STRASSE in München heißt Straße; ÉCOLE, Crème Brûlée und ǅemal",
    "東京で新しい博物館が開館した 2026年 ニュース",
    "short text",
    "Emoji 🎉 and — dashes – and “quotes” don't split words-like-this_or_that",
    "",
    "!!! ... ???",
]


def _macros() -> jinja2.runtime.TemplateModule:
    return jinja2.Environment().from_string((REPO_ROOT / "dbt_project" / "macros" / "minhash.sql").read_text()).module


def _sql(engine: str, table: str) -> str:
    macros = _macros()
    word_list = getattr(macros, f"{engine}__word_list")
    shingle_hashes = getattr(macros, f"{engine}__shingle_hashes")
    return (f"select id, words, {shingle_hashes('words', SHINGLE_WORDS)} as hashes "
            f"from (select id, {word_list('body')} as words from {table})")


def _by_id(rows) -> dict[int, tuple[list[str], list[int]]]:
    return {row[0]: (list(row[1]), sorted(row[2])) for row in rows}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    try:
        import pyspark  # noqa: F401
    except ImportError as error:
        pytest.fail(f"ENGINE=spark is not installed ({error}); run `make spark`")
    from ingest.spark.session import start

    session = start(tmp_path_factory.mktemp("spark_macros") / "warehouse", master="local[1]")
    yield session
    session.stop()


def test_duckdb_and_spark_cut_the_same_words_and_hashes(spark):
    duck = duckdb.connect()
    duck.execute("create table texts (id integer, body varchar)")
    duck.executemany("insert into texts values (?, ?)", list(enumerate(TEXTS)))
    duck_rows = _by_id(duck.execute(_sql("default", "texts")).fetchall())
    spark.createDataFrame(list(enumerate(TEXTS)), "id int, body string").createOrReplaceTempView("texts")
    spark_rows = _by_id(spark.sql(_sql("spark", "texts")).collect())
    assert set(duck_rows) == set(spark_rows) == set(range(len(TEXTS)))
    for index, text in enumerate(TEXTS):
        assert duck_rows[index][0] == spark_rows[index][0], f"words differ for {text!r}"
        assert duck_rows[index][1] == spark_rows[index][1], f"shingle hashes differ for {text!r}"


def test_words_are_lowercased_and_hashes_are_non_negative_60_bit():
    duck = duckdb.connect()
    duck.execute("create table texts (id integer, body varchar)")
    duck.executemany("insert into texts values (?, ?)", list(enumerate(TEXTS)))
    rows = _by_id(duck.execute(_sql("default", "texts")).fetchall())
    assert rows[1][0][:3] == ["οι", "κατοικοι", "τησ"]
    assert rows[3][0][:2] == ["istanbul", "da"]
    assert rows[6] == (["short", "text"], rows[6][1]) and len(rows[6][1]) == 1
    assert len(rows[0][1]) == len(rows[0][0]) - SHINGLE_WORDS + 1
    assert all(0 <= value < 2 ** 60 for _, hashes in rows.values() for value in hashes)
