"""Side by side on the same HTML pages and the same cores: our segmentation against trafilatura.extract.

`python -m bench.reference --db FILE --pages N --out result.json` reads up to N HTML pages from raw.pages
(ordered by page_id, i.e. an arbitrary but repeatable sample of sites), then runs each extractor over them on a
pool of worker processes, in A-B-B-A order over two halves of the pages. Workers return only counts, so both
sides pay the same cost to move pages in and nothing to move results out.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb

CHUNK_PAGES = 20


def _ours(chunk: list[tuple[str, str | None, str]]) -> tuple[int, int]:
    from ingest.segment import segment_batch

    rows = [{"page_id": page_id, "content_format": "html", "body": body, "url": url} for page_id, url, body in chunk]
    results = segment_batch(rows)
    return len(results), sum(1 for r in results if r["body"] and not r["error"])


def _trafilatura(chunk: list[tuple[str, str | None, str]]) -> tuple[int, int]:
    import trafilatura

    texts = [trafilatura.extract(body, url=url) for _, url, body in chunk]
    return len(texts), sum(1 for t in texts if t)


EXTRACTORS = {"ours": _ours, "trafilatura": _trafilatura}


WARM_UP_PAGE = ("warm-up", None, "<html><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
                + "<p>A first page makes each worker import its library and compile its patterns.</p>" * 5
                + "</article></body></html>")


def _warm_up(name: str) -> int:
    """Run the extractor once in a worker before the clock starts (both sides get the same treatment)."""
    return EXTRACTORS[name]([WARM_UP_PAGE])[0]


def time_extractor(name: str, chunks: list[list[tuple]], workers: int) -> dict:
    function = EXTRACTORS[name]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(_warm_up, [name] * (2 * workers)))
        started = time.perf_counter()
        in_flight, pages, extracted = deque(), 0, 0
        for chunk in chunks:
            in_flight.append(pool.submit(function, chunk))
            if len(in_flight) >= 2 * workers:
                done, kept = in_flight.popleft().result()
                pages, extracted = pages + done, extracted + kept
        while in_flight:
            done, kept = in_flight.popleft().result()
            pages, extracted = pages + done, extracted + kept
        seconds = time.perf_counter() - started
    return {"pages": pages, "with_text": extracted, "seconds": seconds}


def read_pages(db: Path, limit: int) -> list[tuple[str, str | None, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        sql = "select page_id, url, body from raw.pages where content_format = 'html' order by page_id"
        if limit > 0:
            sql += f" limit {int(limit)}"
        return con.execute(sql).fetchall()


def compare(db: Path, limit: int, workers: int) -> dict:
    pages = read_pages(db, limit)
    chunks = [pages[i:i + CHUNK_PAGES] for i in range(0, len(pages), CHUNK_PAGES)]
    result = {
        "pages": len(pages),
        "mb": round(sum(len(body.encode("utf-8")) for _, _, body in pages) / 1e6, 1),
        "workers": workers,
    }
    # A-B-B-A over two halves of the pages: a change in the machine's load during the run hits both sides alike.
    halves = (chunks[: len(chunks) // 2], chunks[len(chunks) // 2:])
    timed = {name: [] for name in EXTRACTORS}
    for name, half in (("ours", 0), ("trafilatura", 0), ("trafilatura", 1), ("ours", 1)):
        if halves[half]:
            timed[name].append(time_extractor(name, halves[half], workers))
    for name, parts in timed.items():
        pages, seconds = sum(p["pages"] for p in parts), sum(p["seconds"] for p in parts)
        result[name] = {"pages": pages, "with_text": sum(p["with_text"] for p in parts), "seconds": round(seconds, 2),
                        "pages_per_s": round(pages / seconds, 2) if seconds else None}
    ours, reference = result["ours"]["pages_per_s"], result["trafilatura"]["pages_per_s"]
    result["ratio"] = round(ours / reference, 2) if ours and reference else None
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reference", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=2000, help="HTML pages to compare on (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    result = compare(arguments.db, arguments.pages, arguments.workers)
    arguments.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
