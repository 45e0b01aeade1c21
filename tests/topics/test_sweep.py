"""The dev sweep's scoring and its balanced subset (the full sweep runs minutes, so it is not run here)."""

import pytest

from ingest.topics.sweep import _at_most_per_class, _scores, main


def test_scores_give_accuracy_macro_recall_and_share_outside_the_classes():
    gold = ["a", "a", "a", "b", None]
    predicted = ["a", "a", "c", "a", "a"]
    accuracy, recall, outside = _scores(gold, predicted, {"a", "b"})
    assert accuracy == pytest.approx(0.5)
    assert recall == pytest.approx((2 / 3 + 0) / 2)
    assert outside == pytest.approx(0.25)


def test_balanced_subset_keeps_at_most_n_per_mapped_topic_whatever_the_input_order():
    rows = [{"headline": f"h{n}", "category": "X" if n < 10 else "Y"} for n in range(13)]
    mapping = {"X": "x", "Y": "y"}
    kept = _at_most_per_class(rows, mapping, 2)
    assert sorted(row["category"] for row in kept) == ["X", "X", "Y", "Y"]
    assert _at_most_per_class(list(reversed(rows)), mapping, 2) == kept


def test_unknown_setting_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown setting"):
        main(["--shared-dir", str(tmp_path), "NOT_A_SETTING=1"])
