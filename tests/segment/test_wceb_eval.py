"""The WCEB evaluation: fixed halves and samples, staging for one load, scoring exported bodies per dataset."""

from __future__ import annotations

import gzip
import json

import duckdb

from ingest.export_articles import export_bodies
from ingest.segment import wceb

_TEXT = "The river rose overnight and the town closed the old bridge to traffic until the water falls again."


def _dataset(root, name, ids, lists=None):
    directory = root / name
    (directory / "html").mkdir(parents=True)
    for page_id in ids:
        with gzip.open(directory / "html" / f"{page_id}.html.gz", "wt", encoding="utf-8") as handle:
            handle.write(f"<html><body><article><p>{_TEXT} {page_id}</p></article></body></html>")
    with gzip.open(directory / "ground-truth.jsonl.gz", "wt", encoding="utf-8") as handle:
        for page_id in ids:
            handle.write(json.dumps({"id": page_id, "url": None, "text": f"{_TEXT} {page_id}"}) + "\n")
    for file_name, listed in (lists or {}).items():
        (directory / file_name).write_text("\n".join(listed) + "\n", encoding="utf-8")
    return directory


def test_halves_follow_the_datasets_own_split_or_a_stable_hash(tmp_path):
    listed = _dataset(tmp_path, "dragnet", ["1", "2", "3", "R4"], {"training.txt": ["1", "2"], "test.txt": ["3", "R4"]})
    hashed = _dataset(tmp_path, "cleaneval", [f"dev-{i}" for i in range(40)])
    assert wceb.split(listed) == {"1": "dev", "2": "dev", "3": "held-out", "R4": "held-out"}
    halves = wceb.split(hashed)
    assert halves == wceb.split(hashed)
    assert 10 <= sum(half == "dev" for half in halves.values()) <= 30
    sampled = wceb.sample(hashed, 3)
    assert sorted(sampled.values()) == ["dev"] * 3 + ["held-out"] * 3
    assert all(halves[page_id] == half for page_id, half in sampled.items())
    assert wceb.sample(hashed, None) == halves


def test_staged_sample_loads_once_and_scores_per_dataset(tmp_path, capsys):
    corpus = tmp_path / "wceb"
    _dataset(corpus, "cleanportaleval", ["bbc.co.uk_news_01", "bbc.co.uk_news_02", "x.y_3"])
    _dataset(corpus, "dragnet", ["1", "2"], {"training.txt": ["1"], "test.txt": ["2"]})
    staged = tmp_path / "pages"
    assert wceb.stage(corpus, staged, None) == 5
    assert (staged / "cleanportaleval" / "bbc.co.uk_news_01.html.gz").is_symlink()
    assert set(json.loads((staged / "sample.json").read_text())) == {"cleanportaleval", "dragnet"}

    # a warehouse shaped like a built one: the dotted stem keeps its dots, the dataset folder names it
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema raw; create schema marts")
        con.execute("create table raw.pages (page_id varchar, source_uri varchar)")
        con.execute("create table marts.articles (page_id varchar, body varchar)")
        con.execute(f"insert into raw.pages values ('a', '{staged}/cleanportaleval/bbc.co.uk_news_01.html.gz'), "
                    f"('b', '{staged}/dragnet/2.html.gz')")
        con.execute(f"insert into marts.articles values ('a', '{_TEXT} bbc.co.uk_news_01'), ('b', 'Something else entirely here.')")
    bodies = export_bodies(db, key_parent=True)
    assert bodies == {"cleanportaleval/bbc.co.uk_news_01": f"{_TEXT} bbc.co.uk_news_01", "dragnet/2": "Something else entirely here."}
    assert export_bodies(db) == {"bbc.co.uk_news_01": f"{_TEXT} bbc.co.uk_news_01", "2": "Something else entirely here."}

    predictions = tmp_path / "articles.json"
    predictions.write_text(json.dumps(bodies), encoding="utf-8")
    out = tmp_path / "scores.json"
    assert wceb.main(["--wceb-dir", str(corpus), "--pages-per-half", "0", "score", "--predictions", str(predictions),
                      "--no-trafilatura", "--json", str(out)]) == 0
    scores = json.loads(out.read_text())
    # one of three cleanportaleval pages right, the others missing (empty predictions); dragnet's one test page wrong
    assert scores["cleanportaleval"]["all"]["pagewarehouse"]["pages"] == 3
    assert abs(scores["cleanportaleval"]["all"]["pagewarehouse"]["recall"] - 1 / 3) < 1e-9
    assert scores["dragnet"]["held-out"]["pagewarehouse"]["f1"] == 0.0
    assert scores["dragnet"]["dev"]["pagewarehouse"]["pages"] == 1
    assert "cleanportaleval" in capsys.readouterr().out
