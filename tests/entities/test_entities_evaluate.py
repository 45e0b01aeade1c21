"""The CoNLL evaluation harness on a tiny hand-written snippet, and the seed gold file."""

from pathlib import Path

import pytest

from ingest.entities.evaluate import document_texts, gold_spans, main, parse_mapping, read_conll, score

SNIPPET = """-DOCSTART- -X- O O

Angela NNP B-NP B-PER
Merkel NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
with IN B-PP O
Reuters NNP B-NP B-ORG
reporters NNS I-NP O
. . O O

German JJ B-NP B-MISC
officials NNS I-NP O
met VBD B-VP O
in IN B-PP O
Berlin NNP B-NP I-LOC
. . O O
"""
MAPPING = parse_mapping("B-PER=PERSON,ORG=ORG,LOC=LOC")


def test_reads_documents_sentences_and_iob1_iob2_spans():
    documents = read_conll(SNIPPET.splitlines())
    assert len(documents) == 1
    assert documents[0].sentence_starts == [0, 8]
    assert gold_spans(documents[0].labels, MAPPING) == {(0, 2, "PERSON"), (3, 4, "LOC"), (5, 6, "ORG"), (12, 13, "LOC")}


def to_iob1(lines):
    """IOB2 -> IOB1: B- stays only where the previous token of the same sentence has the same type."""
    converted, previous_type = [], None
    for line in lines:
        columns = line.split()
        if not columns or line.startswith("-DOCSTART-"):
            converted.append(line)
            previous_type = None
            continue
        label = columns[-1]
        prefix, _, entity_type = label.partition("-")
        if prefix == "B" and entity_type != previous_type:
            label = f"I-{entity_type}"
        converted.append(" ".join([*columns[:-1], label]))
        previous_type = entity_type if prefix in {"B", "I"} else None
    return converted


def test_iob1_entities_end_at_sentence_breaks():
    lines = ["He O", "saw O", "Berlin I-LOC", "", "Paris I-LOC", "was O", "next O"]
    document = read_conll(lines)[0]
    assert gold_spans(document.labels, MAPPING, document.sentence_starts) == {(2, 3, "LOC"), (3, 4, "LOC")}


def test_iob1_and_iob2_give_the_same_gold_on_wikigold(shared_dir):
    lines = (shared_dir / "corpora" / "ner" / "wikigold" / "wikigold.conll.txt").read_text(encoding="utf-8").splitlines()
    mapping = parse_mapping("PER=PERSON,ORG=ORG,LOC=LOC,MISC=MISC")

    def gold(documents):
        return [gold_spans(d.labels, mapping, d.sentence_starts) for d in documents]

    iob2, iob1 = read_conll(lines), read_conll(to_iob1(lines))
    assert len(iob2) == 145
    assert sum(len(spans) for spans in gold(iob2)) == 1014 + 934 + 898 + 712
    assert gold(iob1) == gold(iob2)
    assert sum(token == "#" for d in iob2 for token in d.tokens) == 39


def test_hash_tokens_survive_and_comments_do_not():
    lines = ["# sent_id = 1", "# O", "1 O", "Leeds B-ORG", "", "# text: a comment line"]
    document = read_conll(lines)[0]
    assert document.tokens == ["#", "1", "Leeds"]
    assert gold_spans(document.labels, MAPPING) == {(2, 3, "ORG")}


def test_without_docstart_the_file_is_one_document():
    lines = []
    for number in range(45):
        lines += [f"Word{number} O", ". O", ""]
    documents = read_conll(lines)
    assert len(documents) == 1
    assert len(documents[0].sentence_starts) == 45
    texts, offsets = document_texts(documents[0])
    assert len(texts) == 1 and texts[0].count("\n") == 44
    assert texts[0][offsets[2][1]:offsets[2][2]] == "Word1"


@pytest.mark.parametrize("part,count", [("first", 1), ("second", 1)])
def test_command_line_halves_and_plain_spacy_column(capsys, part, count, tmp_path):
    conll = tmp_path / "two.conll"
    conll.write_text(SNIPPET + SNIPPET, encoding="utf-8")
    assert main(["--conll", str(conll), "--part", part, "--errors"]) == 0
    out = capsys.readouterr().out
    assert f"{part}: {count} documents" in out
    assert "plain P" in out and "errors (ours)" in out


def test_scores_a_snippet_per_type():
    results = score(read_conll(SNIPPET.splitlines()), MAPPING)
    assert results["overall"]["gold"] == 4
    assert 0.0 <= results["overall"]["f1"] <= 1.0
    assert results["PERSON"]["correct"] == 1


def test_command_line_on_the_seed_gold(capsys):
    gold = Path(__file__).with_name("seed_gold.conll")
    assert main(["--conll", str(gold), "--map", "PER=PERSON,ORG=ORG,LOC=LOC"]) == 0
    overall = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("overall"))
    assert float(overall.split()[3]) >= 0.85
