"""Expand PATH arguments (files, directories, globs) into input files and pick each file's reader by suffix."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import html, jsonl, markdown, parquet, text, warc
from ingest.readers.base import Reader, ReadItem
from ingest.record import Reject, Skipped

# Gzipped variants (.html.gz, .jsonl.gz, .warc.gz, ...) use the reader of the inner suffix.
READERS_BY_SUFFIX: dict[str, Reader] = {
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".warc": warc.read,
    ".parquet": parquet.read,
}
_GLOB_CHARACTERS = frozenset("*?[")


class MissingPaths(Exception):
    """Some PATH arguments name nothing: no file, no directory, no glob match."""

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = list(missing)
        super().__init__("no such file, directory or glob match: " + ", ".join(self.missing))


@dataclass
class InputStats:
    """What discovery handed to readers, for throughput figures."""

    files: int = 0
    bytes: int = 0


def check_paths(arguments: Sequence[str]) -> None:
    """Raise MissingPaths before any work starts, so a typo cannot produce a half-done load."""
    missing = [argument for argument in arguments if not _exists_or_matches(argument)]
    if missing:
        raise MissingPaths(missing)


def reader_for(path: Path) -> Reader | None:
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return READERS_BY_SUFFIX.get(suffixes[-1]) if suffixes else None


def input_files(arguments: Sequence[str]) -> Iterator[Path | Reject | Skipped]:
    """Every file named by the arguments, each once; directories are walked recursively in sorted order.

    Symbolic links to directories are followed; a directory reached again (a link loop, or two links to one
    directory) is walked once. Hidden files and directories (names starting with '.') inside a walked
    directory are not read: they are tool state (.git, .DS_Store, build markers), not inputs, and each is
    counted as a `Skipped` item. Named explicitly, they load. A directory that cannot be listed is a Reject.
    """
    seen: set[tuple[int, int] | str] = set()
    walked_directories: set[tuple[int, int] | str] = set()
    for argument in arguments:
        for match in _expand(argument):
            for entry in _walk(match, walked_directories):
                if not isinstance(entry, Path):
                    yield entry
                    continue
                key = _identity(entry)
                if key not in seen:
                    seen.add(key)
                    yield entry


def read_inputs(
    arguments: Sequence[str], *, max_page_bytes: int | None = None, stats: InputStats | None = None
) -> Iterator[ReadItem]:
    """All pages, rejects and skips from all inputs, in a deterministic order."""
    for entry in input_files(arguments):
        if not isinstance(entry, Path):
            yield entry
            continue
        yield from read_file(entry, max_page_bytes=max_page_bytes, stats=stats)


def read_file(path: Path, *, max_page_bytes: int | None = None, stats: InputStats | None = None) -> Iterator[ReadItem]:
    """The pages, rejects, notes and skips of one input file; never raises for a bad file (it becomes a Reject).

    The one per-file step of every load: the DuckDB loader calls it for each file in turn (read_inputs), an
    ENGINE=spark load in Spark's Python workers (ingest.spark.load).
    """
    source_uri = os.path.abspath(path)
    refusal = _not_a_regular_file(path, source_uri)
    if refusal is not None:
        yield refusal
        return
    reader = reader_for(path)
    if reader is None:
        yield Reject(
            source_uri,
            "unsupported_format",
            f"no reader for this file name; supported: {', '.join(READERS_BY_SUFFIX)} (each also as .gz)",
        )
        return
    if stats is not None:
        stats.files += 1
        stats.bytes += _size_of(path)
    yield from _read_guarded(reader, path, source_uri, max_page_bytes)


_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def _not_a_regular_file(path: Path, source_uri: str) -> Reject | None:
    """A Reject for anything but a regular file. Never opened: reading a FIFO blocks until a writer comes."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return Reject(source_uri, "unreadable", f"could not read the file: {error.strerror or error}")
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return Reject(source_uri, "not_a_regular_file", f"{kind}, not a regular file; it was not opened")


def _read_guarded(reader: Reader, path: Path, source_uri: str, max_page_bytes: int | None) -> Iterator[ReadItem]:
    """One broken file must not end a long load: its failure becomes a Reject and loading goes on."""
    try:
        yield from reader(path, source_uri, max_page_bytes=max_page_bytes)
    except OSError as error:
        yield Reject(source_uri, "unreadable", f"could not read the file: {error}")
    except Exception as error:
        yield Reject(source_uri, "reader_error", f"the reader failed: {type(error).__name__}: {error}")


def _exists_or_matches(argument: str) -> bool:
    if os.path.exists(argument):
        return True
    return _is_glob(argument) and any(True for _ in glob.iglob(argument, recursive=True))


def _is_glob(argument: str) -> bool:
    return not _GLOB_CHARACTERS.isdisjoint(argument)


def _expand(argument: str) -> list[Path]:
    if os.path.exists(argument) or not _is_glob(argument):
        return [Path(argument)]
    return [Path(match) for match in sorted(glob.glob(argument, recursive=True))]


def _walk(path: Path, walked_directories: set) -> Iterator[Path | Reject | Skipped]:
    """Files under `path` top-down (a directory's files, then its subdirectories, each in name order)."""
    if not path.is_dir():
        yield path
        return
    pending = [path]
    while pending:
        directory = pending.pop()
        identity = _identity(directory)
        if identity in walked_directories:
            continue
        walked_directories.add(identity)
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield Reject(
                os.path.abspath(directory),
                "unreadable",
                f"could not list the directory, so none of its files were read: {error.strerror or error}",
            )
            continue
        subdirectories = []
        for entry in entries:
            if entry.name.startswith("."):
                yield Skipped(os.path.abspath(entry.path), "hidden")
            elif entry.is_dir():  # follows symbolic links
                subdirectories.append(Path(entry.path))
            else:
                yield Path(entry.path)
        pending.extend(reversed(subdirectories))


def _identity(path: Path) -> tuple[int, int] | str:
    """The same for every name of one file; one stat() is much cheaper than realpath() on a deep tree."""
    try:
        status = path.stat()
    except OSError:
        return os.path.realpath(path)
    return status.st_dev, status.st_ino


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
