"""Command line: `python -m expectations [run] --db FILE` validates the marts; `docs` rebuilds Data Docs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from expectations import report as text_report
from expectations import thresholds
from expectations.project import PROJECT_ROOT, Project
from expectations.runner import MissingTablesError, run
from expectations.suites import ALL_SUITES

SUITES_BY_NAME = {s.name: s for s in ALL_SUITES}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m expectations",
        description="Data-quality suites for the pagewarehouse marts. Contract suites (severity error) "
                    "fail the run; defect suites (severity warn) only measure. Results go to the "
                    "warehouse's dq schema and to GX Data Docs under expectations/uncommitted/.",
    )
    commands = parser.add_subparsers(dest="command")
    run_parser = commands.add_parser("run", help="validate the suites (default command)")
    _add_run_arguments(run_parser)
    docs_parser = commands.add_parser("docs", help="rebuild Data Docs from the stored results and print the path")
    docs_parser.add_argument("--project", type=Path, default=PROJECT_ROOT, help="GX project root (default: %(default)s)")
    return parser


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, type=Path, help="DuckDB warehouse file with marts.* built")
    parser.add_argument("--suite", action="append", choices=sorted(SUITES_BY_NAME),
                        help="run only this suite (repeatable; default: all)")
    parser.add_argument("--chunk-rows", type=int, default=thresholds.CHUNK_ROWS,
                        help="rows per validated chunk (default: %(default)s)")
    parser.add_argument("--no-docs", action="store_true", help="skip building Data Docs")
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT, help="GX project root (default: %(default)s)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in {"run", "docs", "-h", "--help"}:
        argv.insert(0, "run")
    args = _parser().parse_args(argv)
    if args.command == "docs":
        print(f"Data Docs: {Project(args.project).build_docs()}")
        return 0
    if not args.db.exists():
        print(f"error: no warehouse at {args.db}", file=sys.stderr)
        return 2
    suites = tuple(SUITES_BY_NAME[name] for name in args.suite) if args.suite else ALL_SUITES
    try:
        result = run(args.db, project_root=args.project, suites=suites, chunk_rows=args.chunk_rows,
                     build_docs=not args.no_docs)
    except MissingTablesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(text_report.summary(result))
    if not result.success:
        print(text_report.failures(result), file=sys.stderr)
        return 1
    return 0
