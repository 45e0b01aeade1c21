"""The teaser dev-set harness: title matching, scoring, and a run over the committed labelled pages."""

import json

import pytest

from ingest.segment import teaser_eval
from ingest.segment.teaser_eval import (
    DEFAULT_SET_DIR,
    Tally,
    load_labels,
    match_teasers,
    normalize_space,
    normalize_title,
    score_page,
)


def test_normalize_title_drops_case_punctuation_and_space_runs():
    expected = "pro contra hat apple den bogen überspannt"
    assert normalize_title("  Pro & Contra: Hat Apple den Bogen überspannt?") == expected
    assert normalize_title("Séisme au Népal :\u200b les images…") == "séisme au népal les images"
    assert normalize_title("ＡＢＣ") == "abc"  # NFKC folds full-width letters
    assert normalize_title(None) == ""


def test_normalize_space_keeps_case_and_punctuation():
    assert normalize_space("  Tite diz que\n errou ") == "Tite diz que errou"
    assert normalize_space("A: b") != normalize_space("a: b")


def test_match_teasers_is_one_to_one_and_ignores_unmatched():
    labelled = [{"title": "Same"}, {"title": "Same"}, {"title": "Other"}, {"title": "Missing"}]
    predicted = [{"title": "other!"}, {"title": "SAME"}, {"title": "Extra"}, {"title": None}]
    assert match_teasers(labelled, predicted) == [(0, 1), (2, 0)]


def test_match_teasers_never_matches_empty_titles():
    assert match_teasers([{"title": "…"}], [{"title": ""}, {"title": "..."}]) == []


def _label(teasers, title="The Title", split="tune"):
    return {
        "page": "pages/x.html.gz",
        "split": split,
        "site": "example.org",
        "title": title,
        "body_start": "First words,",
        "body_end": "last words.",
        "teasers": teasers,
    }


def test_score_page_counts_flags_only_on_matched_teasers():
    label = _label(
        [
            {"title": "A", "has_snippet": True, "echo": False, "truncated": True},
            {"title": "B", "has_snippet": True, "echo": True, "truncated": False},
            {"title": "C", "has_snippet": False, "echo": False, "truncated": False},
        ]
    )
    segmented = {
        "title": "The  Title",
        "teasers": [
            {"title": "a", "snippet": "cut…", "has_title_echo": False, "is_truncated": True},
            {"title": "b", "snippet": "whole.", "has_title_echo": False, "is_truncated": True},
            {"title": "Z", "snippet": "x", "has_title_echo": True, "is_truncated": True},
        ],
    }
    result = score_page(label, segmented)
    tally = result.tally
    assert (tally.labelled, tally.predicted, tally.matched) == (3, 3, 2)
    assert tally.echo_right == 1  # A right, B wrong
    assert tally.truncation_right == 1  # A right, B wrong
    assert tally.snippet_right == 2
    assert tally.titles_right == 1  # whitespace-only difference
    assert result.missed_titles == ["C"] and result.extra_titles == ["Z"]
    assert (tally.pages_with_teasers, tally.pages_missed) == (1, 0)


def test_score_page_body_ends_must_both_be_in_the_predicted_body():
    whole = {"title": None, "teasers": [], "body": "First  words, then more.\n\nAnd the LAST words"}
    assert score_page(_label([]), whole).tally.body_ends_right == 1
    assert score_page(_label([]), {**whole, "body": "First words, then a cut"}).tally.body_ends_right == 0
    assert score_page(_label([]), {**whole, "body": None}).tally.body_ends_right == 0


def test_score_page_title_is_exact_apart_from_whitespace():
    assert score_page(_label([], title="The Title"), {"title": "the title", "teasers": []}).tally.titles_right == 0


def test_score_page_widget_free_page_with_invented_teasers():
    tally = score_page(_label([]), {"title": None, "teasers": [{"title": "Invented"}]}).tally
    assert (tally.pages_without_widget, tally.pages_invented, tally.predicted, tally.matched) == (1, 1, 1, 0)


def test_score_page_labelled_page_with_nothing_found_is_missed():
    tally = score_page(_label([{"title": "A", "has_snippet": False}]), {"title": None, "teasers": []}).tally
    assert (tally.pages_with_teasers, tally.pages_missed) == (1, 1)


def test_tally_rates_and_sum():
    total = Tally()
    total.add(Tally(pages=1, labelled=4, predicted=2, matched=2, echo_right=2, truncation_right=1, titles_right=1))
    total.add(Tally(pages=1, labelled=0, predicted=0))
    rates = total.rates()
    assert rates["teaser_recall"] == 0.5 and rates["teaser_precision"] == 1.0
    assert rates["echo_accuracy"] == 1.0 and rates["truncation_accuracy"] == 0.5
    assert rates["title_accuracy"] == 0.5
    assert Tally().rates()["teaser_recall"] is None


def test_committed_labels_are_well_formed():
    labels = load_labels(DEFAULT_SET_DIR)
    assert labels
    for label in labels:
        assert (DEFAULT_SET_DIR / label["page"]).is_file(), label["page"]
        assert label["split"] in teaser_eval.SPLITS
        assert label["content_format"] in ("html", "text")
        assert label["title"] and label["site"] and label["source"] and label["language"]
        for teaser in label["teasers"]:
            assert teaser["title"].strip()
            assert {type(teaser[flag]) for flag in ("has_snippet", "echo", "truncated")} == {bool}
            if not teaser["has_snippet"]:
                assert not teaser["echo"] and not teaser["truncated"]
    sites_by_split = {}
    for label in labels:
        sites_by_split.setdefault(label["split"], set()).add(label["site"])
    # Split by site: tuning never sees a report site.
    assert not sites_by_split.get("tune", set()) & sites_by_split.get("report", set())


@pytest.fixture(scope="module")
def evaluated():
    """One real run of the harness over the committed pages (segmentation is the slow part)."""
    return teaser_eval.evaluate(DEFAULT_SET_DIR)


@pytest.fixture
def main_on_committed_set(evaluated, monkeypatch):
    monkeypatch.setattr(teaser_eval, "evaluate", lambda set_dir, twin=None: evaluated)
    return teaser_eval.main


def test_harness_runs_over_the_committed_set(main_on_committed_set, capsys):
    assert main_on_committed_set(["--json", "--only", "html"]) == 0
    summary = json.loads(capsys.readouterr().out)
    labels = load_labels(DEFAULT_SET_DIR)
    assert set(summary) == {"tune", "report", "overall"}
    overall = summary["overall"]
    assert overall["pages"] == len(labels)
    assert overall["labelled"] == sum(len(label["teasers"]) for label in labels)
    assert overall["pages"] == summary["tune"]["pages"] + summary["report"]["pages"]
    for split in summary.values():
        assert 0 <= split["matched"] <= min(split["labelled"], split["predicted"])
        for rate in ("teaser_recall", "teaser_precision", "echo_accuracy", "truncation_accuracy", "title_accuracy",
                     "body_ends_accuracy"):
            assert split[rate] is None or 0.0 <= split[rate] <= 1.0


def test_harness_verbose_prints_a_row_per_page_and_the_summary(main_on_committed_set, capsys):
    assert main_on_committed_set(["--verbose", "--only", "html"]) == 0
    out = capsys.readouterr().out
    for label in load_labels(DEFAULT_SET_DIR):
        assert label["page"][-44:] in out
    assert out.count("\noverall ") == 1 and "recall" in out


def test_harness_segments_every_committed_page_without_error(evaluated):
    _, results = evaluated
    assert len(results) == len(load_labels(DEFAULT_SET_DIR))
    assert [result.name for result in results if result.error] == []


def _body_text(label):
    """The text nodes of the page's body (no head, scripts, styles or image alt text), normalized."""
    import lxml.html

    document = lxml.html.fromstring(teaser_eval.read_page(DEFAULT_SET_DIR / label["page"], label["content_format"]))
    for element in document.xpath("//head|//script|//style|//noscript"):
        element.drop_tree()
    return normalize_title(" ".join(document.itertext()))


def _page_texts(label):
    """The page's text (and image alt text) twice: text nodes joined with spaces and joined directly (drop caps)."""
    import lxml.html

    document = lxml.html.fromstring(teaser_eval.read_page(DEFAULT_SET_DIR / label["page"], label["content_format"]))
    for element in document.xpath("//script|//style"):
        element.drop_tree()
    for image in document.xpath("//img[@alt]"):  # headlines drawn as images of text
        image.tail = f" {image.get('alt')} {image.tail or ''}"
    return [f" {normalize_title(joiner.join(document.itertext()))} " for joiner in (" ", "")]


def test_every_label_quotes_text_that_is_on_its_page():
    """Catches typos in hand-written labels: titles, body ends and teaser titles must occur in the page text."""
    absent = []
    for label in load_labels(DEFAULT_SET_DIR):
        texts = _page_texts(label)
        # Headlines are whole runs of words; body ends may sit inside a longer run (no spaces in CJK text).
        whole = [label["title"]] + [t["title"] for t in label["teasers"]]
        inner = [label["body_start"], label["body_end"]]
        absent += [(label["page"], text) for text in whole if not any(f" {normalize_title(text)} " in p for p in texts)]
        absent += [(label["page"], text) for text in inner if not any(normalize_title(text) in p for p in texts)]
    assert absent == []


@pytest.mark.parametrize("kind", teaser_eval.TWINS)
def test_every_html_page_has_a_twin_of_each_kind_scored_in_its_format(kind):
    labels = load_labels(DEFAULT_SET_DIR)
    twins = teaser_eval.twin_labels(labels, kind)
    assert [twin["title"] for twin in twins] == [label["title"] for label in labels]
    for label, twin in zip(labels, twins, strict=True):
        if label["content_format"] == "html":
            assert twin["content_format"] == teaser_eval.twin_format(kind)
            suffix = ".md.gz" if kind in teaser_eval.MARKDOWN_TWINS else ".txt.gz"
            assert twin["page"].startswith(f"{kind}/") and twin["page"].endswith(suffix)
        else:
            assert twin["content_format"] == "text"
        path = DEFAULT_SET_DIR / twin["page"]
        assert path.is_file(), twin["page"]
        # The rendered text holds the article's headline whenever the HTML shows it as text (not only as an
        # image's alt text, which no text dump carries): the labels stay valid for the twin.
        if label["content_format"] == "html" and normalize_title(label["title"]) not in _body_text(label):
            continue
        text = normalize_title(teaser_eval.read_page(path, twin["content_format"]))
        assert normalize_title(label["title"]) in text, twin["page"]


@pytest.fixture(scope="module")
def evaluated_twin():
    return teaser_eval.evaluate(DEFAULT_SET_DIR, twin="text")


def test_harness_scores_the_text_twin_as_its_own_block(evaluated, evaluated_twin, monkeypatch, capsys):
    tallies, results = evaluated_twin
    assert [result.error for result in results if result.error] == []
    assert tallies["overall"].pages == len(load_labels(DEFAULT_SET_DIR))
    # The lynx and Markdown blocks are scored by the same code; they reuse the text-twin result here to keep the
    # test cheap (test_markdown_twin_pages_segment_without_errors segments the Markdown twin itself).
    blocks = {None: evaluated, "text": evaluated_twin, "lynx": evaluated_twin, "markdown": evaluated_twin}
    monkeypatch.setattr(teaser_eval, "evaluate", lambda set_dir, twin=None: blocks[twin])
    assert teaser_eval.main(["--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) == {"html", "text", "lynx", "markdown"}
    assert summary["text"]["overall"]["matched"] == tallies["overall"].matched
    assert teaser_eval.main([]) == 0
    out = capsys.readouterr().out
    assert "text twin" in out and "lynx twin" in out and "Markdown twin" in out and out.count("\noverall ") == 4


def test_markdown_twin_pages_segment_without_errors():
    labels = teaser_eval.twin_labels(load_labels(DEFAULT_SET_DIR), "markdown")
    rows = teaser_eval.segment_pages(DEFAULT_SET_DIR, labels)
    assert [row["error"] for row in rows if row["error"]] == []
    # Every page but the few whose headline html2text cannot show as text has a title; most have teasers.
    assert sum(bool(row["title"]) for row in rows) >= 0.9 * len(rows)
    assert sum(bool(row["teasers"]) for row in rows) >= 0.5 * len(rows)
