"""`python -m ingest build`: load, `dbt build` and the quality suites on a copy of the warehouse, then publish it.

Each step runs as its own process exactly as it would by hand, pointed at the copy (see ingest/staging.py):
`python -m ingest load`, `dbt build` (with WAREHOUSE set to the copy, which dbt's profile reads) and
`python -m expectations run`. With `--engine spark` the load and dbt steps run on Apache Spark instead, together in
one process (`python -m ingest.spark.build`, see docs/scaling.md). Readers of the warehouse (the dashboard, BI
tools, `pagewarehouse sql`) are never blocked, and see the new build from their next connection on.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ingest.staging import DEFAULT_LOCK_TIMEOUT_SECONDS, BuildError, staged_warehouse

STEPS = ("load", "dbt", "dq")
ENGINES = ("duckdb", "spark")
DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
# `python -m expectations run` exits 1 when contract suites failed; their results are stored in dq.* all the
# same, so that build is published (as an in-place build was) for the dashboard and dq.* to show the failures.
_DQ_CHECKS_FAILED = 1


class StepFailed(Exception):
    def __init__(self, step: str, returncode: int):
        super().__init__(f"{step} failed (exit {returncode})")
        self.step = step
        self.returncode = returncode


def add_arguments(parser: argparse.ArgumentParser, default_warehouse: Path) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="inputs of the load step (as for `load`)")
    parser.add_argument("--db", type=Path, default=default_warehouse, metavar="FILE",
                        help="the warehouse to build (default: $WAREHOUSE, else warehouse.duckdb; created if missing)")
    parser.add_argument("--steps", type=_steps, default=STEPS, metavar="LIST",
                        help=f"comma-separated steps to run, in this order: {','.join(STEPS)} (default: all)")
    parser.add_argument("--dbt-args", type=shlex.split, default=[], metavar="ARGS",
                        help="extra arguments for `dbt build`, e.g. '--full-refresh' or '--select +articles'")
    parser.add_argument("--project-dir", type=Path, default=DBT_PROJECT_DIR, metavar="DIR",
                        help="the dbt project (default: %(default)s)")
    parser.add_argument("--no-docs", action="store_true", help="skip the quality suites' Data Docs")
    parser.add_argument("--engine", choices=ENGINES, default="duckdb",
                        help="where the load and dbt steps run: duckdb (default) or spark (the readers in Spark tasks, "
                        "dbt-spark in a SparkSession: SPARK_MASTER, default local[*], or SPARK_REMOTE; Parquet tables "
                        "in FILE.spark/, copied into FILE; needs `make spark`)")
    parser.add_argument("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT_SECONDS, metavar="S",
                        help="seconds to wait for another build, or for an in-place writer (default %(default)g)")
    parser.epilog = (
        "The steps run on a copy of the warehouse (<FILE>.build/), which replaces FILE atomically at the end:\n"
        "dashboards and other read-only connections keep working during the build and see the new data from\n"
        "their next connection on. A failed load or dbt build publishes nothing (FILE is unchanged; the copy\n"
        "stays in <FILE>.build/ to inspect); failed contract suites are published with their dq.* results.\n"
        "exit status: 0 built and published; 1 a step failed or the warehouse is busy; 2 bad arguments"
    )


def run(arguments: argparse.Namespace) -> int:
    if "load" in arguments.steps and not arguments.paths:
        print("python -m ingest build: the load step needs at least one PATH", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        checks_failed = build(arguments.db, arguments.paths, arguments.steps, arguments.dbt_args,
                              arguments.project_dir, arguments.lock_timeout, docs=not arguments.no_docs,
                              engine=arguments.engine)
    except StepFailed as failure:
        print(f"python -m ingest build: {failure}; nothing was published: {arguments.db} is unchanged "
              f"(the unpublished copy is in {arguments.db}.build/)", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"python -m ingest build: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"python -m ingest build: interrupted; nothing was published: {arguments.db} is unchanged",
              file=sys.stderr)
        return 130
    print(f"build: published {os.path.abspath(arguments.db)} in {time.monotonic() - started:.1f} s")
    if checks_failed:
        print("build: contract suites failed (see above and dq.expectation_results); the build was published",
              file=sys.stderr)
        return 1
    return 0


def build(warehouse: Path, paths: Sequence[str], steps: Sequence[str], dbt_args: Sequence[str] = (),
          project_dir: Path = DBT_PROJECT_DIR, lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
          docs: bool = True, engine: str = "duckdb") -> bool:
    """Run the steps on a copy of `warehouse` and publish it; True when contract suites failed (still published)."""
    checks_failed = False
    with staged_warehouse(warehouse, lock_timeout) as staged:
        for step in steps:
            if engine == "spark" and step == "dbt" and "load" in steps:
                continue  # it ran with the load, in the same SparkSession
            together = engine == "spark" and step == "load" and "dbt" in steps
            label = "load,dbt" if together else step
            print(f"== build step {label} (on the copy {staged})", flush=True)
            command = _command(step, staged, paths, dbt_args, project_dir, docs, engine, Path(warehouse),
                               with_dbt=together)
            returncode = subprocess.run(command,
                                        env=_environment(staged, project_dir)).returncode
            if step == "dq" and returncode == _DQ_CHECKS_FAILED:
                checks_failed = True
            elif returncode != 0:
                raise StepFailed(label, returncode)
    return checks_failed


def _command(step: str, staged: Path, paths: Sequence[str], dbt_args: Sequence[str], project_dir: Path,
             docs: bool, engine: str = "duckdb", published: Path | None = None, with_dbt: bool = False) -> list[str]:
    """The command of one step; with ENGINE=spark the load runs on Spark, and `with_dbt` runs the dbt step after it
    in the same process (one SparkSession, one JVM start)."""
    if step in ("load", "dbt") and engine == "spark":
        from ingest.spark.build import lake_dir

        command = [sys.executable, "-m", "ingest.spark.build", "--db", str(staged), "--project-dir",
                   str(project_dir), "--lake", str(lake_dir((published or staged).resolve()))]
        if step == "load":
            command += ["--load", *paths, *([] if with_dbt else ["--no-dbt"])]
        return [*command, "--", *dbt_args]
    if step == "load":
        return [sys.executable, "-m", "ingest", "load", *paths, "--db", str(staged)]
    if step == "dbt":
        return [str(Path(sys.executable).with_name("dbt")), "build", "--project-dir", str(project_dir), *dbt_args]
    return [sys.executable, "-m", "expectations", "run", "--db", str(staged), *([] if docs else ["--no-docs"])]


def _environment(staged: Path, project_dir: Path) -> dict[str, str]:
    return {**os.environ, "WAREHOUSE": str(staged),
            "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(project_dir))}


def _steps(text: str) -> tuple[str, ...]:
    chosen = {step.strip() for step in text.split(",") if step.strip()}
    unknown = chosen - set(STEPS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"steps are {', '.join(STEPS)}; got {text!r}")
    return tuple(step for step in STEPS if step in chosen)
