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


GN1 = LABELLED.parent / "gn1_labelled.jsonl"


def test_full_article_dev_set_resolves_is_mapped_and_split_by_site(shared_dir):
    rows = [json.loads(line) for line in GN1.read_text().splitlines() if line.strip()]
    rows = [row for row in rows if "id" in row]
    mapping = read_mapping(MAPPING)
    assert len(rows) >= 200 and {row["label"] for row in rows} <= set(mapping)
    sites = {part: {row["site"] for row in rows if row["part"] == part} for part in ("tune", "report")}
    assert sites["tune"] and sites["report"] and not sites["tune"] & sites["report"]
    tune = list(read_labelled(GN1, "text", "label", shared_dir, part="tune"))
    report = list(read_labelled(GN1, "text", "label", shared_dir, part="report"))
    assert len(tune) + len(report) == len(rows)
    assert len(tune) == sum(row["part"] == "tune" for row in rows)
    assert all(len(text.split()) >= 50 for text, _ in tune + report)  # full articles, not items


def test_id_refs_into_gzipped_jsonl_and_a_rows_own_part(tmp_path):
    with gzip.open(tmp_path / "texts.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps({"id": f"t{n}", "text": f"text number {n}"}) for n in range(4)))
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps({"label": "x", "part": "tune" if n < 3 else "report",
                                            "ref": {"file": "texts.jsonl.gz", "id": f"t{n}"}}) for n in range(4)))
    assert [text for text, _ in read_labelled(labels, "text", "label", tmp_path, part="tune")] == [
        "text number 0", "text number 1", "text number 2"]
    assert [text for text, _ in read_labelled(labels, "text", "label", tmp_path, part="report")] == ["text number 3"]


def test_predictions_outside_the_sets_classes_count_wrong_and_are_counted():
    items = [
        ("The striker scored twice and the team won the league final", "S"),
        ("Police arrested the striker after the murder trial and the jury verdict", "S"),  # mostly crime, gold sport
        ("Troops and tanks crossed the border as the war escalated", "unmapped"),
    ]
    mapping = {"S": "medtop:15000000"}
    result = evaluate(items, mapping)
    assert result["items"] == 2 and result["skipped_unmapped"] == 1
    assert result["outside_classes"] == 1 and result["accuracy"] == 0.5
    restricted = evaluate(items, mapping, only_mapped=True, restrict=True)
    assert restricted["skipped_unmapped"] == 1 and restricted["items"] == 2
    assert restricted["outside_classes"] == 0 and restricted["accuracy"] == 1.0


def test_cli_prints_the_outside_count_and_accepts_the_restriction_flags(tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text('text,label\n"The striker scored twice and the team won the league",SPORTS\n'
                      '"Shares fell as investors weighed quarterly earnings",SPORTS\n"Nothing here",OTHER\n')
    mapping = tmp_path / "map.csv"
    mapping.write_text("SPORTS,sport\n")
    assert main(["--labels", str(labels), "--map", str(mapping), "--only-mapped"]) == 0
    printed = capsys.readouterr().out
    assert "items: 2 (skipped, label not mapped: 1)" in printed
    assert "predicted outside the set's classes (counted wrong): 1" in printed and "accuracy: 0.500" in printed
