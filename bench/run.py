"""`python -m bench`: generate corpora, run load -> dbt build -> quality suites on each, measure, write the report.

Every stage runs as its own child process (the same commands a user runs) and is measured from outside: wall
time and the peak RSS of the child's whole process tree. A stage that cannot run yet (a missing module, a dbt
selection that matches nothing) becomes a 'not available' row; a stage that fails is reported with its
output tail and the run goes on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb
import psutil

from bench import measure, report, trace
from bench.report import AREA_BUILD, CORE_BUILD

REPO = Path(__file__).resolve().parents[1]
PROJECT_DIR = REPO / "dbt_project"
BIN = Path(sys.executable).parent
SHARED_DIR = Path(os.environ.get("PAGEWAREHOUSE_SHARED", REPO.parent / "shared"))
REAL_PAGES = SHARED_DIR / "corpora" / "article-extraction-benchmark" / "html"
FORMAT_FOLDERS = ("html", "text", "warc", "jsonl", "markdown")
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
# Corpora from this size up are deleted after the run unless --keep (a 100k corpus is several GB).
LARGE_CORPUS = 100_000
# The core build is every model the articles and quality marts need: marts.teasers joins each teaser's primary
# topic, so that includes teaser_topics and int_iptc_topics. Cautious indirect selection leaves out the tests that
# also read an entity or topic mart, which does not exist yet on a first build. The second build selects the
# entity and topic models by tag, so it builds those two topic models again and runs the tests left out.
CORE_MODELS = ("+tag:articles", "+tag:quality", "path:models/staging")
CORE_SELECTION = ("--select", *CORE_MODELS, "--indirect-selection", "cautious")
AREA_SELECTION = ("--select", "tag:entities", "tag:topics")

INCREMENT_SHARE = 0.01
TOP_MODELS = 5
# --trace-memory: seconds between RSS samples of a dbt build's process tree (bench/trace.py)
TRACE_SECONDS = 1.0


def _label(pages: int) -> str:
    return f"{pages // 1000}k" if pages >= 1000 and pages % 1000 == 0 else str(pages)


def _bytes_under(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total


def _warehouse_bytes(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return sum(p.stat().st_size for p in (db, wal) if p.exists())


def _last_load(db: Path) -> tuple[int, int]:
    """Pages inserted by the newest load, and their decoded body bytes."""
    with duckdb.connect(str(db), read_only=True) as con:
        load_id, inserted = con.execute(
            "select load_id, pages_inserted from raw.loads order by started_at desc limit 1").fetchone()
        body_bytes = con.execute("select coalesce(sum(byte_length), 0) from raw.pages where load_id = ?",
                                 [load_id]).fetchone()[0]
    return int(inserted), int(body_bytes)


def _warehouse_pages(db: Path) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        pages, body_bytes = con.execute("select count(*), coalesce(sum(byte_length), 0) from raw.pages").fetchone()
    return int(pages), int(body_bytes)


class Bench:
    def __init__(self, out_dir: Path, reference_pages: int, on_row=None, trace_memory: bool = False) -> None:
        self.out_dir = out_dir
        self.reference_pages = reference_pages
        self.trace_memory = trace_memory
        self.on_row = on_row
        self.rows: list[dict] = []
        self.extra: dict = {}

    def _row(self, corpus: str, stage: str, status: str, **values) -> dict:
        row = {"corpus": corpus, "stage": stage, "status": status, **values}
        self.rows.append(row)
        shown = {k: v for k, v in row.items() if k not in {"top_models", "detail", "memory_models"}}
        print(f"[bench] {json.dumps(shown)}", flush=True)
        if status == "failed":
            print(f"[bench] {corpus} {stage} failed:\n{row.get('detail', '')}", flush=True)
        if self.on_row is not None:
            self.on_row()
        return row

    def _measured_row(self, corpus: str, stage: str, measured: measure.Measured, db: Path, *,
                      failed_checks: str | None = None, **values) -> dict:
        """A stage whose checks failed (dbt data tests, GX contracts) still ran to the end: its timing counts."""
        if measured.ok:
            status = "ok"
        elif failed_checks:
            status = f"ok, {failed_checks} failed"
        else:
            status = "failed"
        detail = None if measured.ok else measured.output_tail
        return self._row(corpus, stage, status, wall_s=round(measured.wall_s, 2), peak_rss_bytes=measured.peak_rss_bytes,
                         warehouse_bytes=_warehouse_bytes(db), detail=detail, **values)

    def generate(self, out: Path, pages: int, seed: int) -> Path:
        """Generate a corpus once; one on disk with the same size and seed, newer than the generator, is reused."""
        manifest = out / "manifest.json"
        generator_changed = max(p.stat().st_mtime for p in (REPO / "ingest").glob("sample*.py"))
        if manifest.exists() and manifest.stat().st_mtime > generator_changed:
            known = json.loads(manifest.read_text())
            if known.get("pages") == pages and known.get("seed") == seed:
                return out
        measured = measure.run([sys.executable, "-m", "ingest", "sample", "--out", str(out), "--pages", str(pages),
                                "--seed", str(seed)], log=self.out_dir / "logs" / f"generate-{out.name}.log")
        if not measured.ok:
            raise RuntimeError(f"generating {out} failed:\n{measured.output_tail}")
        print(f"[bench] generated {pages} pages in {out} ({measured.wall_s:.0f} s)", flush=True)
        return out

    def load(self, corpus: str, inputs: list[Path], db: Path) -> bool:
        measured = measure.run([sys.executable, "-m", "ingest", "load", *map(str, inputs), "--db", str(db)],
                               log=self.out_dir / "logs" / f"{corpus}-load.log")
        values = {"input_bytes": _bytes_under(inputs)}
        if measured.ok:
            values["pages"], values["body_bytes"] = _last_load(db)
        return self._measured_row(corpus, "load", measured, db, **values)["status"] == "ok"

    def reference(self, corpus: str, db: Path, pages: int) -> None:
        out = self.out_dir / f"reference-{corpus}.json"
        measured = measure.run([sys.executable, "-m", "bench.reference", "--db", str(db), "--pages", str(pages),
                                "--out", str(out)], log=self.out_dir / "logs" / f"{corpus}-reference.log", cwd=REPO)
        values = {}
        if measured.ok:
            compared = json.loads(out.read_text())
            values = {"pages": compared["pages"], "body_bytes": int(compared["mb"] * 1e6), "reference": compared}
        self._measured_row(corpus, "segmentation vs trafilatura", measured, db, **values)

    def dbt_build(self, corpus: str, stage: str, db: Path, selection: tuple[str, ...], pages: int,
                  body_bytes: int) -> bool:
        slug = f"{corpus}-{'core' if selection == CORE_SELECTION else 'areas'}".replace(" ", "").replace("%", "pct")
        run_dir = self.out_dir / "dbt" / slug
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        target = _dbt_target(db)
        command = [str(BIN / "dbt"), "build", "--project-dir", str(PROJECT_DIR), "--target-path", str(target),
                   "--log-path", str(run_dir / "logs"), *selection]
        environment = {"WAREHOUSE": str(db.resolve()), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
        (target / "run_results.json").unlink(missing_ok=True)
        measured = measure.run(command, log=self.out_dir / "logs" / f"{slug}.log", env=environment,
                               trace_every=TRACE_SECONDS if self.trace_memory else None,
                               trace_log=run_dir / "memory-samples.jsonl" if self.trace_memory else None)
        if (target / "run_results.json").exists():
            shutil.copy(target / "run_results.json", run_dir / "run_results.json")
        results = _run_results(run_dir / "run_results.json")
        if self.trace_memory:
            run_results = json.loads((run_dir / "run_results.json").read_text()) \
                if (run_dir / "run_results.json").exists() else None
            traced = trace.write(run_dir / "memory-trace.json", measured.samples, run_results, command)
            results["memory_models"] = sorted(traced["models"], key=lambda m: -(m["peak_rss"] or 0))
        if measured.ok and not results["models"]:
            self._row(corpus, stage, "not available", detail="the dbt selection matched no model")
            return True
        failed_checks = None
        if results.get("failed_models") == 0 and results.get("failed_tests"):
            failed_checks = f"{results['failed_tests']} data tests"  # status 'fail' or 'error'; see the stage's log
        row = self._measured_row(corpus, stage, measured, db, pages=pages, body_bytes=body_bytes,
                                 failed_checks=failed_checks, **results)
        return row["status"].startswith("ok")

    def quality(self, corpus: str, db: Path, pages: int) -> None:
        if importlib.util.find_spec("expectations") is None:
            self._row(corpus, "quality suites", "not available", detail="no expectations package")
            return
        command = [sys.executable, "-m", "expectations", "run", "--db", str(db), "--no-docs", "--project",
                   str(self.out_dir / "gx")]
        measured = measure.run(command, log=self.out_dir / "logs" / f"{corpus}-quality.log", cwd=REPO)
        contracts_failed = measured.returncode == 1 and "FAILED " in measured.output_tail \
            and "Traceback" not in measured.output_tail
        self._measured_row(corpus, "quality suites", measured, db, pages=pages,
                           failed_checks="contract checks" if contracts_failed else None)

    def pipeline(self, corpus: str, inputs: list[Path], db: Path, *, reference_pages: int | None,
                 new_pages_only: bool = False) -> None:
        if not self.load(corpus, inputs, db):
            return
        inserted, inserted_bytes = _last_load(db)
        pages, body_bytes = (inserted, inserted_bytes) if new_pages_only else _warehouse_pages(db)
        if reference_pages is not None:
            self.reference(corpus, db, reference_pages)
        if not self.dbt_build(corpus, CORE_BUILD, db, CORE_SELECTION, pages, body_bytes):
            self._row(corpus, AREA_BUILD, "skipped", detail="the core build failed")
            self._row(corpus, "quality suites", "skipped", detail="the core build failed")
            return
        self.dbt_build(corpus, AREA_BUILD, db, AREA_SELECTION, pages, body_bytes)
        self.quality(corpus, db, pages)

    def corpus_run(self, pages: int, seed: int) -> Path:
        corpus = _label(pages)
        corpus_dir = self.generate(self.out_dir / f"corpus-{corpus}", pages, seed)
        db = self.out_dir / f"warehouse-{corpus}.duckdb"
        _remove_warehouse(db)
        self.pipeline(corpus, [corpus_dir / f for f in FORMAT_FOLDERS if (corpus_dir / f).exists()], db,
                      reference_pages=self.reference_pages)
        return db

    def incremental_run(self, pages: int, seed: int, db: Path) -> None:
        """Add 1% new pages (another seed, so other titles and urls) to a built warehouse and build again."""
        corpus = f"{_label(pages)} +1%"
        extra = max(1, round(pages * INCREMENT_SHARE))
        increment = self.generate(self.out_dir / f"increment-{_label(pages)}", extra, seed + 1)
        with duckdb.connect(str(db), read_only=True) as con:
            known = {url for (url,) in con.execute("select distinct url from raw.pages where url is not null").fetchall()}
        manifest = [json.loads(line) for line in (increment / "manifest.jsonl").open(encoding="utf-8")]
        self.extra["increment"] = {
            "pages": len(manifest),
            "new_urls": sum(1 for page in manifest if page.get("url") and page["url"] not in known),
            "with_url": sum(1 for page in manifest if page.get("url")),
        }
        self.pipeline(corpus, [increment / f for f in FORMAT_FOLDERS if (increment / f).exists()], db,
                      reference_pages=None, new_pages_only=True)

    def real_run(self) -> None:
        if not REAL_PAGES.is_dir():
            self._row("real 181", "load", "not available", detail=f"no benchmark pages at {REAL_PAGES}")
            return
        db = self.out_dir / "warehouse-real.duckdb"
        _remove_warehouse(db)
        self.pipeline("real 181", [REAL_PAGES], db, reference_pages=0)

    def quality_at_scale(self, teasers: int) -> None:
        stage = f"quality suites, {teasers:,} synthetic teasers"
        if importlib.util.find_spec("expectations.bench") is None:
            self._row("synthetic", stage, "not available", detail="no expectations.bench module")
            return
        out = self.out_dir / "quality-scale.json"
        # A module, not `python -c`: with pyspark installed (ENGINE=spark), Great Expectations imports
        # pyspark.sql.connect, which takes a `__main__` without a spec or file for a doctest run and exits 0 when grpc
        # is missing, before anything is written.
        out.unlink(missing_ok=True)
        measured = measure.run([sys.executable, "-m", "expectations.bench", str(teasers), "--out", str(out)],
                               log=self.out_dir / "logs" / "quality-scale.log", cwd=REPO)
        if not measured.ok:
            self._row("synthetic", stage, "failed", wall_s=round(measured.wall_s, 2),
                      peak_rss_bytes=measured.peak_rss_bytes, detail=measured.output_tail)
            return
        if not out.exists():
            self._row("synthetic", stage, "failed", wall_s=round(measured.wall_s, 2),
                      peak_rss_bytes=measured.peak_rss_bytes, detail="exited 0 without writing its timings: "
                      + measured.output_tail)
            return
        timings = json.loads(out.read_text())
        self._row("synthetic", stage, "ok", wall_s=timings["suites_s"], peak_rss_bytes=measured.peak_rss_bytes,
                  scale=timings)


def _run_results(path: Path) -> dict:
    """Per-model timings from dbt's run_results.json: the slowest models and the time spent in data tests."""
    if not path.exists():
        return {"models": 0}
    results = json.loads(path.read_text())["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    slowest = sorted(models, key=lambda r: r["execution_time"], reverse=True)[:TOP_MODELS]
    passed = {"success", "pass"}
    return {
        "failed_models": sum(1 for r in models if r["status"] not in passed),
        "failed_tests": sum(1 for r in tests if r["status"] not in passed),
        "models": len(models),
        "models_s": round(sum(r["execution_time"] for r in models), 2),
        "tests": len(tests),
        "tests_s": round(sum(r["execution_time"] for r in tests), 2),
        "top_models": [{"model": r["unique_id"].split(".")[-1], "seconds": round(r["execution_time"], 2),
                        "status": r["status"]} for r in slowest],
    }


def _dbt_target(db: Path) -> Path:
    """dbt's target directory for the builds of one warehouse.

    Shared by those builds, as a user's project directory is: a later build re-parses only what changed (dbt's
    partial parsing), so an incremental build is not charged a full parse of the project."""
    return db.with_name(f"{db.stem}.dbt-target")


def _remove_warehouse(db: Path) -> None:
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(_dbt_target(db), ignore_errors=True)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), cpu)
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "versions": {
            "python": platform.python_version(),
            "duckdb": duckdb.__version__,
            "dbt-core": _version("dbt-core"),
            "dbt-duckdb": _version("dbt-duckdb"),
            "trafilatura": _version("trafilatura"),
            "great-expectations": _version("great_expectations"),
        },
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"corpora of {', '.join(map(_label, QUICK_SIZES))} only")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        help="comma-separated corpus sizes in pages (overrides --quick)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, default=REPO / "build" / "bench",
                        help="corpora, warehouses, logs and results.json (default: %(default)s)")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "benchmarks.md",
                        help="report to write (default: %(default)s)")
    parser.add_argument("--reference-pages", type=int, default=2000,
                        help="HTML pages per corpus for the side-by-side with trafilatura (0: all; default %(default)s)")
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the side-by-side with trafilatura on the generated corpora")
    parser.add_argument("--quality-teasers", type=int, default=1_000_000,
                        help="teasers in the synthetic warehouse for the quality-suite scale run (0: skip)")
    parser.add_argument("--no-generated", action="store_true",
                        help="skip the generated corpora and the incremental run (only the real pages and the scale run)")
    parser.add_argument("--no-real", action="store_true", help="skip the 181 real benchmark pages")
    parser.add_argument("--no-incremental", action="store_true", help="skip the +1%% incremental run")
    parser.add_argument("--trace-memory", action="store_true",
                        help="sample the RSS of each dbt build every second and attribute it to the running models "
                             "(dbt/<run>/memory-trace.json; a per-model table in the report)")
    parser.add_argument("--keep", action="store_true",
                        help=f"keep corpora and warehouses of {_label(LARGE_CORPUS)} pages and more")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    sizes = [] if arguments.no_generated else arguments.sizes or (QUICK_SIZES if arguments.quick else FULL_SIZES)
    out_dir = arguments.out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc)
    info = machine()
    print(f"[bench] sizes {sizes}; load average {info['load_average_start']}", flush=True)

    def save(finished: bool = False) -> None:
        """Results and report after every stage, so a long run that is stopped still leaves its numbers."""
        info["load_average_end" if finished else "load_average_now"] = [round(x, 2) for x in os.getloadavg()]
        results = {
            "started_at": started.isoformat(timespec="seconds"),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds") if finished else None,
            "sizes": list(sizes),
            "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
            "machine": info,
            "rows": bench.rows,
            **bench.extra,
        }
        (out_dir / "results.json").write_text(json.dumps(results, indent=2))
        report.write(results, arguments.doc)

    reference_pages = None if arguments.no_reference else arguments.reference_pages
    bench = Bench(out_dir, reference_pages, on_row=save, trace_memory=arguments.trace_memory)
    warehouses = {pages: bench.corpus_run(pages, arguments.seed) for pages in sizes}
    if sizes and not arguments.no_incremental and _warehouse_bytes(warehouses[max(sizes)]):
        bench.incremental_run(max(sizes), arguments.seed, warehouses[max(sizes)])
    if not arguments.no_real:
        bench.real_run()
    if arguments.quality_teasers:
        bench.quality_at_scale(arguments.quality_teasers)
    info.pop("load_average_now", None)
    save(finished=True)
    print(f"[bench] results: {out_dir / 'results.json'}; report: {arguments.doc}", flush=True)

    if not arguments.keep:
        for pages in sizes:
            if pages >= LARGE_CORPUS:
                shutil.rmtree(out_dir / f"corpus-{_label(pages)}", ignore_errors=True)
                shutil.rmtree(out_dir / f"increment-{_label(pages)}", ignore_errors=True)
                _remove_warehouse(warehouses[pages])
    return 0 if all(row["status"] != "failed" for row in bench.rows) else 1
