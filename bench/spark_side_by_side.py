"""`python -m bench.spark_side_by_side --pages N`: one generated corpus, loaded once, built by both engines.

The load is measured once (it is the same loader for both engines); then `python -m ingest build --steps dbt,dq`
runs on two copies of the loaded file, with `--engine duckdb` and with `--engine spark` (SPARK_MASTER, default
local[*]); with `--select MODELS` only those models are built (`--steps dbt`, data tests only where every parent is
selected), each measured as bench/measure.py measures a stage (wall time, peak RSS of the whole process tree:
dbt, its workers, the JVM and Spark's Python workers). Prints a Markdown table for docs/scaling.md. With
`--engines duckdb` and `--engines spark` in two invocations (separate --out-dir, same corpus) the two builds run at
the same time, each beside the other: half the wall time on a shared machine, and each measured under the same load.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench import measure
from bench.run import FORMAT_FOLDERS

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024



def generated_inputs(corpus: Path, pages: int, seed: int, log: Path) -> list[str] | None:
    """Generate the corpus once (kept if its manifest exists) and list its format folders; None if generation failed."""
    if not (corpus / "manifest.jsonl").exists():
        generated = measure.run([sys.executable, "-m", "ingest", "sample", "--out", str(corpus), "--pages", str(pages),
                                 "--seed", str(seed)], log=log)
        if not generated.ok:
            print(generated.output_tail, file=sys.stderr)
            return None
    return [str(corpus / name) for name in FORMAT_FOLDERS if (corpus / name).exists()]

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spark_side_by_side")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, default=REPO / "build" / "bench-spark")
    parser.add_argument("--select", help="dbt selection, e.g. +articles (default: the whole build and its suites)")
    parser.add_argument("--engines", default="duckdb,spark",
                        help="comma-separated engines to build with, in this order (default: duckdb,spark); one engine "
                             "per invocation with separate --out-dir lets the two builds run side by side")
    arguments = parser.parse_args(argv)
    out = arguments.out_dir
    corpus = out / "corpus"
    inputs = generated_inputs(corpus, arguments.pages, arguments.seed, out / "logs" / "generate.log")
    if inputs is None:
        return 1
    base = out / "base" / "warehouse.duckdb"
    shutil.rmtree(base.parent, ignore_errors=True)
    base.parent.mkdir(parents=True)
    rows = [("load (both engines)", measure.run([sys.executable, "-m", "ingest", "load", *inputs, "--db", str(base)],
                                                log=out / "logs" / "load.log"))]
    for engine in arguments.engines.split(","):
        warehouse = out / engine / "warehouse.duckdb"
        shutil.rmtree(warehouse.parent, ignore_errors=True)
        warehouse.parent.mkdir(parents=True)
        shutil.copy(base, warehouse)
        selection = f"--select {arguments.select} --indirect-selection cautious " if arguments.select else ""
        command = [sys.executable, "-m", "ingest", "build", "--steps", "dbt" if arguments.select else "dbt,dq",
                   "--db", str(warehouse), "--engine", engine, "--no-docs", "--dbt-args",
                   f"{selection}--target-path {out / engine / 'target'} --log-path {out / engine / 'logs'}"]
        stage = f"dbt build --select {arguments.select}" if arguments.select else "dbt build + quality suites"
        rows.append((f"{stage}, ENGINE={engine}", measure.run(command, log=out / "logs" / f"{engine}.log", cwd=REPO)))
    print(f"| {arguments.pages:,} pages | status | wall s | peak RSS MiB |")
    print("|---|---|---:|---:|")
    for name, measured in rows:
        print(f"| {name} | {'ok' if measured.ok else 'FAILED'} | {measured.wall_s:.1f} | {measured.peak_rss_bytes / MIB:,.0f} |")
    return 0 if all(measured.ok for _, measured in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
