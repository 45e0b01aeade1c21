"""The evaluation CLI on the hand-labelled set, and its file formats."""

import gzip
import json

from ingest.topics.evaluate import NO_TOPIC, confusion_table, evaluate, in_part, main, read_labelled, read_mapping
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


def test_gzipped_jsonl_with_title_field_part_split_and_confusion_matrix(tmp_path, capsys):
    rows = [{"headline": f"Striker scores twice in cup final {n}", "short_description": "The team won the league.",
             "category": "SPORTS"} for n in range(6)]
    rows += [{"headline": f"Storm {n} floods the valley", "short_description": "Rescue teams evacuated residents.",
              "category": "DISASTER"} for n in range(6)]
    labels = tmp_path / "labels.jsonl.gz"
    with gzip.open(labels, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(row) for row in rows))
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"_comment": "ignored", "SPORTS": "sport",
                                   "DISASTER": "disaster, accident and emergency incident"}))
    common = ["--labels", str(labels), "--map", str(mapping), "--title-field", "headline",
              "--text-field", "short_description", "--label-field", "category"]
    texts = [text for text, _ in read_labelled(labels, "short_description", "category", None, "headline")]
    assert texts[0] == "Striker scores twice in cup final 0\nThe team won the league."
    tune = {text for text in texts if in_part(text, "tune")}
    report = {text for text in texts if in_part(text, "report")}
    assert tune and report and not tune & report and tune | report == set(texts)

    assert main(common) == 0
    printed = capsys.readouterr().out
    assert "items: 12 (skipped, label not mapped: 0)" in printed and "accuracy: 1.000" in printed
    matrix = printed[printed.index("confusion matrix"):].splitlines()
    assert matrix[1].split() == ["disaster", "sport"]
    assert matrix[2].split() == ["disaster", "6", "0"] and matrix[3].split() == ["sport", "0", "6"]
    assert main([*common, "--part", "tune"]) == 0
    assert f"items: {len(tune)} " in capsys.readouterr().out


def test_confusion_matrix_lists_wrong_topics_after_the_gold_ones():
    confusion = confusion_table(["medtop:15000000", "medtop:15000000"], ["medtop:15000000", NO_TOPIC], ["medtop:15000000"])
    assert confusion["columns"] == ["medtop:15000000", NO_TOPIC]
    assert confusion["counts"] == [[1, 1]]
