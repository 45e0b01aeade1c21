"""PATH arguments: files, recursive directories, globs, unknown suffixes, missing paths."""

from __future__ import annotations

import gzip
import os

import pytest

from ingest.discover import MissingPaths, check_paths, input_files, read_inputs, reader_for
from ingest.readers import html, jsonl, parquet, text, warc
from ingest.record import RawPage, Reject, Skipped


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
    entries = list(input_files([str(tmp_path)]))
    found = [entry.relative_to(tmp_path).as_posix() for entry in entries if not isinstance(entry, Skipped)]
    assert found == ["c.txt", "a/z/3.txt", "b/1.txt", "b/2.txt"]
    hidden = sorted(entry.source_uri for entry in entries if isinstance(entry, Skipped) and entry.reason == "hidden")
    assert hidden == [str(tmp_path / ".git"), str(tmp_path / "b" / ".DS_Store")]


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


def test_a_fifo_is_rejected_without_being_opened(tmp_path):
    (tmp_path / "a.html").write_text("<p>first</p>")
    os.mkfifo(tmp_path / "b.html")  # opening it for reading would block until a writer appears
    (tmp_path / "c.html").write_text("<p>last</p>")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(item) for item in items] == [RawPage, Reject, RawPage]
    assert items[1].reason == "not_a_regular_file" and "FIFO" in items[1].detail
    assert items[1].source_uri == str(tmp_path / "b.html")


def test_a_broken_symlink_is_rejected_not_skipped_silently(tmp_path):
    (tmp_path / "gone.html").symlink_to(tmp_path / "missing.html")
    assert [item.reason for item in read_inputs([str(tmp_path)])] == ["unreadable"]


def test_symlinked_directories_are_followed_and_a_link_loop_is_walked_once(tmp_path):
    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "real" / "inner" / "page.html").write_text("<p>inner</p>")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "own.html").write_text("<p>own</p>")
    (tmp_path / "corpus" / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "inner" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    found = [entry.relative_to(tmp_path).as_posix() for entry in input_files([str(tmp_path / "corpus")])]
    assert found == ["corpus/own.html", "corpus/linked/inner/page.html"]


def _directory_too_deep_to_list(root):
    """A directory whose path is longer than PATH_MAX: listing it fails with ENAMETOOLONG, even for root."""
    descriptor = os.open(root, os.O_RDONLY)
    name = "d" * 250
    try:
        for _ in range(18):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with open(os.open("page.html", os.O_WRONLY | os.O_CREAT, dir_fd=descriptor), "w") as page:
            page.write("<p>deep</p>")
    finally:
        os.close(descriptor)


def test_a_directory_that_cannot_be_listed_is_an_unreadable_reject(tmp_path):
    (tmp_path / "a.html").write_text("<p>ok</p>")
    _directory_too_deep_to_list(tmp_path)
    items = list(read_inputs([str(tmp_path)]))
    assert isinstance(items[0], RawPage)
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [reject.reason for reject in rejects] == ["unreadable"]
    assert "could not list the directory" in rejects[0].detail and "d" * 250 in rejects[0].source_uri


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a directory without permissions")
def test_a_directory_without_read_permission_is_an_unreadable_reject(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "page.html").write_text("<p>hidden</p>")
    locked.chmod(0)
    try:
        assert [item.reason for item in read_inputs([str(tmp_path)])] == ["unreadable"]
    finally:
        locked.chmod(0o755)
