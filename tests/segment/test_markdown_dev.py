"""The labelled real Markdown captures (tests/segment/markdown_dev) keep meeting the issue's targets."""

import math

from ingest.segment.markdown_eval import DEFAULT_DIR, main, score


def test_real_captures_meet_the_targets_on_both_splits():
    results = score(DEFAULT_DIR)
    assert set(results) == {"tune", "report", "all"}
    for split in ("tune", "report"):
        metrics = results[split]
        assert metrics["title_accuracy"] >= 0.9, (split, metrics)
        assert metrics["url_coverage"] == 1.0 and metrics["fetch_date_coverage"] == 1.0, (split, metrics)
        assert metrics["teasers_labelled"] > 0 and metrics["teaser_recall"] >= 0.9, (split, metrics)
        assert not math.isnan(metrics["teaser_precision"]), (split, metrics)
    # Precision is not one of the targets; the report split has 3 teasers, so it is held on all pages only.
    assert results["all"]["teaser_precision"] >= 0.9, results["all"]
    assert len({p for p in DEFAULT_DIR.joinpath("pages").iterdir()}) == results["all"]["pages"]


def test_cli_prints_one_line_per_split(capsys):
    assert main([str(DEFAULT_DIR)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["tune", "report", "all"]
    assert all("teaser_recall" in line for line in lines)
