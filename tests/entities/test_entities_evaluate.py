"""The CoNLL evaluation harness on a tiny hand-written snippet, and the seed gold file."""

from pathlib import Path

from ingest.entities.evaluate import gold_spans, main, parse_mapping, read_conll, score

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
