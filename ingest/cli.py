"""Command-line interface: `python -m ingest load PATH... --db FILE`, `sample --out DIR`, `build`, `sql`."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ingest.readers.base import BYTES_PER_MB

EXIT_OK = 0
EXIT_FAILED = 1  # the warehouse could not be used (busy, unreadable)
EXIT_USAGE = 2  # bad arguments: missing paths, bad --db directory (argparse uses 2 as well)
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
_PLAIN_PROGRESS_EVERY_SECONDS = 10.0

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Load scraped web pages into the pagewarehouse DuckDB file.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (add_arguments, run, help_text) in COMMANDS.items():
        subparser = subparsers.add_parser(
            name, help=help_text, description=help_text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        add_arguments(subparser)
        subparser.set_defaults(run=run)
    return parser


def _add_load_arguments(parser: argparse.ArgumentParser) -> None:
    from ingest.writer import (
        DEFAULT_BATCH_PAGES,
        DEFAULT_CHUNK_BYTES,
        DEFAULT_LOCK_TIMEOUT_SECONDS,
        DEFAULT_MAX_PAGE_BYTES,
        DEFAULT_MEMORY_LIMIT_MB,
    )

    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, directories (read recursively) or quoted globs such as 'crawl/**/*.warc.gz'",
    )
    parser.add_argument("--db", required=True, type=Path, metavar="FILE", help="DuckDB warehouse file (created if missing)")
    parser.add_argument(
        "--batch-pages",
        type=_positive_int,
        default=DEFAULT_BATCH_PAGES,
        metavar="N",
        help=f"pages per committed batch (default {DEFAULT_BATCH_PAGES}, one DuckDB row group: "
        "multiples of it load fastest)",
    )
    parser.add_argument(
        "--max-page-mb",
        type=_positive_float,
        default=DEFAULT_MAX_PAGE_BYTES / BYTES_PER_MB,
        metavar="MB",
        help="reject pages larger than this (default %(default)g)",
    )
    parser.add_argument(
        "--lock-timeout",
        type=_non_negative_float,
        default=DEFAULT_LOCK_TIMEOUT_SECONDS,
        metavar="S",
        help="seconds to wait while another process writes the warehouse (default %(default)g)",
    )
    parser.add_argument(
        "--memory-limit-mb",
        type=_positive_int,
        default=DEFAULT_MEMORY_LIMIT_MB,
        metavar="MB",
        help="memory DuckDB may use while loading (default %(default)s; the readers add about three chunks "
        f"of {DEFAULT_CHUNK_BYTES // BYTES_PER_MB} MB)",
    )
    parser.epilog = (
        "formats: .txt .html .htm .xhtml .jsonl .ndjson .warc .parquet, each also gzipped (.gz)\n"
        "exit status: 0 when the load ran (even if some inputs were rejected: see raw.rejects),\n"
        "             1 when the warehouse could not be used (busy, not a DuckDB file, disk full),\n"
        "             2 for bad arguments (missing PATH, missing --db directory),\n"
        "             130 when stopped by Ctrl-C (whole batches stay committed; run it again to finish)"
    )


def _run_load(arguments: argparse.Namespace) -> int:
    from ingest.discover import InputStats, MissingPaths, check_paths, read_inputs
    from ingest.writer import WarehouseError, load

    try:
        check_paths(arguments.paths)
    except MissingPaths as error:
        return _fail(f"load: {error}", EXIT_USAGE)
    if not arguments.db.parent.is_dir():
        return _fail(f"load: directory of --db does not exist: {arguments.db.parent}", EXIT_USAGE)

    max_page_bytes = int(arguments.max_page_mb * BYTES_PER_MB)
    input_stats = InputStats()
    items = read_inputs(arguments.paths, max_page_bytes=max_page_bytes, stats=input_stats)
    progress = _Progress(input_stats)
    stop = threading.Event()
    try:
        with _ctrl_c_sets(stop):
            stats = load(
                items,
                arguments.db,
                inputs=[str(path) for path in arguments.paths],
                batch_pages=arguments.batch_pages,
                max_page_bytes=max_page_bytes,
                lock_timeout=arguments.lock_timeout,
                memory_limit_mb=arguments.memory_limit_mb,
                on_progress=progress.update,
                stop=stop,
            )
    except WarehouseError as error:
        return _fail(f"load: {error}", EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("load: stopped by a second Ctrl-C; whole batches stay committed, run it again to finish",
                     EXIT_INTERRUPTED)
    finally:
        progress.close()
    print(_summary(stats, input_stats))
    if stats.status == "aborted":
        return _fail(
            f"load: aborted by Ctrl-C; {stats.pages_inserted} pages in whole batches were committed "
            f"(load {stats.load_id}); run the same command again to load the rest",
            EXIT_INTERRUPTED,
        )
    return EXIT_OK


@contextmanager
def _ctrl_c_sets(stop: threading.Event) -> Iterator[None]:
    """The first Ctrl-C asks the load to stop between chunks (never inside a commit); a second one interrupts."""

    def on_interrupt(signal_number, frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _add_sample_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="directory to write the corpus into")
    parser.add_argument("--pages", type=_positive_int, metavar="N", help="number of pages (default: the generator's)")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed (default: the generator's)")


def _run_sample(arguments: argparse.Namespace) -> int:
    from ingest.sample import generate

    options = {name: value for name, value in (("pages", arguments.pages), ("seed", arguments.seed)) if value is not None}
    generate(arguments.out, **options)
    return EXIT_OK


def _add_build_arguments(parser: argparse.ArgumentParser) -> None:
    from ingest.build import add_arguments
    from ingest.sql import default_warehouse

    add_arguments(parser, default_warehouse())


def _run_build(arguments: argparse.Namespace) -> int:
    from ingest.build import run

    return run(arguments)


def _add_sql_arguments(parser: argparse.ArgumentParser) -> None:
    from ingest.sql import DEFAULT_MAX_WIDTH, FORMATS, default_warehouse

    parser.add_argument(
        "statement",
        nargs="?",
        metavar="SQL",
        help="one SQL statement to run and print; without it, the interactive prompt (harlequin) opens",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=default_warehouse(),
        metavar="FILE",
        help="the warehouse (default: $WAREHOUSE, else warehouse.duckdb; opened read-only)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output of SQL (default %(default)s)")
    parser.add_argument(
        "--max-width",
        type=_non_negative_int,
        default=DEFAULT_MAX_WIDTH,
        metavar="N",
        help="cut table cells longer than N characters (default %(default)s; 0 never cuts; csv and jsonl are never cut)",
    )
    parser.add_argument(
        "--write", action="store_true", help="open the interactive prompt read-write (default: read-only)"
    )
    parser.epilog = (
        "examples:\n"
        '  pagewarehouse sql "select site, count(*) as articles from marts.articles group by all"\n'
        "  pagewarehouse sql --format csv \"select * from marts.teasers\" > teasers.csv\n"
        "  pagewarehouse sql                      # interactive: history, completion, multi-line\n"
        "exit status: 0 when the statement ran, 1 on an SQL error (one line on stderr),\n"
        "             2 when there is no warehouse at --db"
    )


def _run_sql(arguments: argparse.Namespace) -> int:
    import os

    from ingest.sql import SqlError, interactive_command, run_statement

    if not arguments.db.is_file():
        return _fail(f"sql: no warehouse at {arguments.db} (run `make build`, or pass --db)", EXIT_USAGE)
    if arguments.statement is None:
        command = interactive_command(arguments.db, write=arguments.write)
        try:
            os.execvp(command[0], command)
        except OSError as error:
            return _fail(f"sql: cannot start the interactive prompt {command[0]}: {error}", EXIT_FAILED)
    try:
        run_statement(arguments.db, arguments.statement, arguments.format, arguments.max_width)
    except SqlError as error:
        return _fail(f"sql: {error}", EXIT_FAILED)
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error. Point stdout at /dev/null so the exit's flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "load": (_add_load_arguments, _run_load, "load raw pages from files into the raw schema"),
    "sample": (_add_sample_arguments, _run_sample, "write the deterministic sample corpus"),
    "build": (
        _add_build_arguments,
        _run_build,
        "load, run dbt build and the quality suites on a copy of the warehouse, then swap it in atomically",
    ),
    "sql": (_add_sql_arguments, _run_sql, "run ad hoc SQL on the warehouse (read-only), or open an SQL prompt"),
}


class _Progress:
    """A tqdm bar on a terminal; otherwise a plain line every few seconds, for logs."""

    def __init__(self, input_stats) -> None:
        self._input_stats = input_stats
        self._shown_pages = 0
        self._last_line = time.monotonic()
        self._bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(unit=" pages", desc="loading", file=sys.stderr, dynamic_ncols=True)

    def update(self, stats) -> None:
        if self._bar is not None:
            self._bar.update(stats.pages_seen - self._shown_pages)
            self._shown_pages = stats.pages_seen
            self._bar.set_postfix_str(
                f"{stats.page_bytes / BYTES_PER_MB:.0f} MB, {stats.rejected} rejected", refresh=False
            )
            return
        now = time.monotonic()
        if now - self._last_line >= _PLAIN_PROGRESS_EVERY_SECONDS:
            self._last_line = now
            elapsed = now - stats.started_monotonic
            print(
                f"loading: {stats.pages_seen} pages, {stats.page_bytes / BYTES_PER_MB:.0f} MB, "
                f"{stats.pages_seen / elapsed:.0f} pages/s",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _summary(stats, input_stats) -> str:
    elapsed = max(stats.elapsed_seconds, 1e-9)
    input_mb = input_stats.bytes / BYTES_PER_MB
    skipped = sum(stats.skipped.values())
    lines = [
        f"load {stats.load_id}: {stats.status} in {stats.elapsed_seconds:.1f} s",
        f"  pages: {stats.pages_seen} seen, {stats.pages_inserted} inserted, "
        f"{stats.pages_skipped_duplicate} skipped as duplicates",
        f"  rejected: {stats.rejected}" + _by_reason(stats.rejects),
        f"  skipped by rule: {skipped}" + _by_reason(stats.skipped),
        f"  notes: {sum(stats.notes.values())}" + _by_reason(stats.notes),
        f"  accounted for: {stats.pages_seen + stats.rejected + skipped} items read = {stats.pages_seen} pages "
        f"+ {stats.rejected} rejected + {skipped} skipped",
        f"  read {input_stats.files} files, {input_mb:.1f} MB ({input_mb / elapsed:.1f} MB/s); "
        f"page bodies {stats.page_bytes / BYTES_PER_MB:.1f} MB; {stats.pages_seen / elapsed:.0f} pages/s",
    ]
    return "\n".join(lines)


def _by_reason(counts) -> str:
    if not counts:
        return ""
    return " (" + ", ".join(f"{reason} {count}" for reason, count in sorted(counts.items())) + ")"


def _fail(message: str, code: int) -> int:
    print(f"python -m ingest {message}", file=sys.stderr)
    return code


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {text}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, got {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, got {text}")
    return value
