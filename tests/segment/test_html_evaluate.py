"""The benchmark scorer reproduces scrapinghub/article-extraction-benchmark's shingle metric."""

from __future__ import annotations

import pytest

from ingest.segment.evaluate import score, shingle_matching, shingles, tokenize


def test_tokenize_keeps_word_runs_and_drops_punctuation():
    assert tokenize("a b,cd:e(foo,bar) ") == ["a", "b", "cd", "e", "foo", "bar"]
    assert tokenize(None) == []


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("!", 4, {}),
        ("a,b c ", 5, {("a", "b", "c"): 1}),
        ("aa 11 c 22", 3, {("aa", "11", "c"): 1, ("11", "c", "22"): 1}),
        ("a b c a b c", 3, {("a", "b", "c"): 2, ("b", "c", "a"): 1, ("c", "a", "b"): 1}),
    ],
)
def test_shingles_count_repeats_and_keep_one_short_shingle(text, size, expected):
    assert dict(shingles(text, size)) == expected


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("a b c", "a b c", (1, 0, 0)),
        ("a b c d", "a b c", (0.5, 0, 0.5)),
        ("a b c", "a b c d", (0.5, 0.5, 0)),
        ("", "", (0, 0, 0)),
        ("a", "", (0, 0, 1)),
        ("", "a", (0, 1, 0)),
        ("a b c a b c", "a b c", (0.25, 0, 0.75)),
        ("a b c", "a b c a b c", (0.25, 0.75, 0)),
    ],
)
def test_shingle_matching_is_normalised_per_page(true, pred, expected):
    assert shingle_matching(true, pred, size=3) == pytest.approx(expected)


def test_score_averages_precision_and_recall_over_pages_then_takes_f1():
    truth = {"perfect": "one two three four five", "half": "alpha beta gamma delta epsilon", "missed": "x y z w v"}
    pred = {"perfect": "one two three four five", "half": "alpha beta gamma delta zeta eta"}

    result = score(pred, truth)

    # "half": truth shingles {abgd, bgde}, pred {abgd, bgdz, gdze} -> tp 1, fp 2, fn 1.
    # 'missed' predicted nothing: it counts for recall (0) but not for precision.
    assert result["precision"] == pytest.approx((1 + 1 / 3) / 2)
    assert result["recall"] == pytest.approx((1 + 1 / 2 + 0) / 3)
    p, r = result["precision"], result["recall"]
    assert result["f1"] == pytest.approx(2 * p * r / (p + r))
    assert result["per_page"]["missed"]["f1"] == 0.0
    assert result["pages"] == 3


def test_score_of_truth_against_itself_is_perfect():
    truth = {"a": "The quick brown fox jumps over the lazy dog.", "b": "Short."}
    assert score(dict(truth), truth)["f1"] == pytest.approx(1.0)


def _write_pages(directory, pages: dict[str, str]) -> None:
    import gzip

    for page_id, html in pages.items():
        with gzip.open(directory / f"{page_id}.html.gz", "wt", encoding="utf-8") as handle:
            handle.write(html)


def test_cli_compares_both_trafilatura_modes_over_interleaved_rounds(tmp_path, capsys):
    import json

    from ingest.segment.evaluate import main

    body = " ".join(f"Sentence number {n} of the story says something plain about the harbour." for n in range(12))
    html = f"<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1><p>{body}</p></article></body></html>"
    _write_pages(tmp_path, {"one": html, "two": html.replace("harbour", "river")})
    truth = tmp_path / "ground-truth.json"
    truth.write_text(json.dumps({"one": {"articleBody": body}, "two": {"articleBody": body.replace("harbour", "river")}}))

    assert main(["--html-dir", str(tmp_path), "--ground-truth", str(truth), "--compare-trafilatura", "--rounds", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    by_name = {line[:18].strip(): line for line in lines if "F1=" in line}
    assert set(by_name) == {"pagewarehouse", "trafilatura", "trafilatura fast"}
    for line in by_name.values():
        assert "pages=2" in line and "(runs " in line and "pages/s" in line
    assert float(by_name["pagewarehouse"].split("F1=")[1].split()[0]) > 0.9
    ratios = [line for line in lines if line.startswith("speed ratio")]
    assert [line.split("/ ")[1].split(")")[0] for line in ratios] == ["trafilatura", "trafilatura fast"]
