"""The evaluation CLI on the hand-labelled set, and its file formats."""

import json

from ingest.topics.evaluate import evaluate, main, read_labelled, read_mapping
from tests.topics.conftest import LABELLED

MAPPING = LABELLED.parent / "labelled_map.json"


def test_hand_labelled_set_is_large_enough_and_mapped(shared_dir):
    items = list(read_labelled(LABELLED, "text", "label", shared_dir))
    mapping = read_mapping(MAPPING)
    assert len(items) >= 60
    assert {label for _, label in items} <= set(mapping)


def test_quality_on_hand_labelled_set(shared_dir):
    result = evaluate(list(read_labelled(LABELLED, "text", "label", shared_dir)), read_mapping(MAPPING))
    assert result["accuracy"] >= 0.85
    assert result["macro_f1"] >= 0.75


def test_csv_labels_with_label_names_in_mapping(tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "text,label\n"
        '"The striker scored twice and the team won the league",SPORTS\n'
        '"Troops and tanks crossed the border as the war escalated",WORLD\n'
        '"Nothing here",IGNORED\n'
    )
    mapping = tmp_path / "map.csv"
    mapping.write_text('SPORTS,sport\nWORLD,"conflict, war and peace"\nIGNORED,\n')
    assert main(["--labels", str(labels), "--map", str(mapping)]) == 0
    printed = capsys.readouterr().out
    assert "items: 2 (skipped, label not mapped: 1)" in printed
    assert "accuracy: 1.000" in printed


def test_inline_jsonl_rows(tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(row) for row in [
        {"_comment": "header"},
        {"text": "The hurricane destroyed homes and rescue crews searched the debris", "label": "d"},
        {"text": "Shares fell as investors weighed quarterly earnings", "label": "e"},
    ]))
    items = list(read_labelled(labels, "text", "label", None))
    result = evaluate(items, {"d": "medtop:03000000", "e": "medtop:04000000"})
    assert result["items"] == 2
    assert result["accuracy"] == 1.0
