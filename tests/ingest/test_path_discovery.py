"""PATH arguments: files, recursive directories, globs, unknown suffixes, missing paths."""

from __future__ import annotations

import gzip
import os

import pytest

from ingest.discover import MissingPaths, check_paths, input_files, read_inputs, reader_for
from ingest.readers import html, jsonl, parquet, text, warc
from ingest.record import RawPage, Reject


@pytest.mark.parametrize(
    ("name", "reader"),
    [("a.txt", text.read), ("a.TXT.gz", text.read), ("a.html.gz", html.read), ("a.htm", html.read),
     ("a.jsonl.gz", jsonl.read), ("a.ndjson", jsonl.read), ("a.warc.gz", warc.read), ("a.parquet", parquet.read),
     ("a.pdf", None), ("a.tar.gz", None), ("README", None)],
)
def test_reader_is_chosen_by_suffix(tmp_path, name, reader):
    assert reader_for(tmp_path / name) is reader


def test_directories_are_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    for relative in ["b/2.txt", "b/1.txt", "a/z/3.txt", "c.txt", ".git/x.txt", "b/.DS_Store"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    found = [path.relative_to(tmp_path).as_posix() for path in input_files([str(tmp_path)])]
    assert found == ["c.txt", "a/z/3.txt", "b/1.txt", "b/2.txt"]


def test_globs_expand_and_a_file_named_twice_is_read_once(tmp_path):
    for name in ["x1.html", "x2.html", "y.txt"]:
        (tmp_path / name).write_text("<p>hi</p>")
    found = list(input_files([str(tmp_path / "x*.html"), str(tmp_path / "x1.html")]))
    assert [path.name for path in found] == ["x1.html", "x2.html"]


def test_missing_paths_and_empty_globs_are_reported_together(tmp_path):
    (tmp_path / "real.txt").write_text("x")
    with pytest.raises(MissingPaths) as error:
        check_paths([str(tmp_path / "real.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.warc")])
    assert error.value.missing == [str(tmp_path / "nope.txt"), str(tmp_path / "*.warc")]


def test_unknown_suffix_is_rejected_and_the_rest_loads(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<p>ok</p>"))
    items = list(read_inputs([str(tmp_path)]))
    assert [type(item) for item in items] == [Reject, RawPage]
    assert items[0].reason == "unsupported_format" and items[0].source_uri == str(tmp_path / "notes.pdf")
    assert items[1].source_uri == str(tmp_path / "page.html.gz")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without permissions")
def test_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    items = list(read_inputs([str(path)]))
    assert [item.reason for item in items] == ["unreadable"]
