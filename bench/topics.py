"""Cost of the IPTC topic step at warehouse scale, alone: fit + score N generated articles in this process.

    python -m bench.topics [--articles 100000] [--seed 7]

Articles come from the sample-corpus generator (`ingest.sample`, the same story lines `make bench` loads), held as
dicts, not pages. The fit is what `int_iptc_topic_models` runs (at most FIT_SAMPLE articles, chosen by a hash of
the id); scoring is what `article_topics` runs (batches of its BATCH_ROWS, all 17 scores per article kept as
columns). Prints CPU and wall seconds per part, articles/s per core for scoring and the peak RSS of this process
(generation included). One process: the dbt build scores on one thread, so per-core is what counts.
"""

import argparse
import hashlib
import resource
import time

import numpy as np

from ingest.sample import FORMATS, _Corpus
from ingest.topics.adapt import FIT_SAMPLE, AdaptedModel, fit_model, score_docs, topic_columns

BATCH_ROWS = 2_000


def generated_articles(count: int, seed: int) -> list[dict]:
    corpus = _Corpus(seed=seed, pages=count, formats=FORMATS)
    articles = []
    for site in corpus.sites:
        for slot in range(site.page_count):
            article = corpus.article(site, slot)
            articles.append({"id": article.url, "title": article.title,
                             "text": "\n".join(filter(None, [article.dek, *article.paragraphs]))})
    return articles[:count]


def _timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _score_all(model: AdaptedModel, articles: list[dict]) -> int:
    rows = 0
    for start in range(0, len(articles), BATCH_ROWS):
        batch = articles[start : start + BATCH_ROWS]
        columns = topic_columns([a["id"] for a in batch], score_docs(batch, model))
        rows += len(columns["id"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    articles, wall, cpu = _timed(generated_articles, args.articles, args.seed)
    words = np.mean([len(a["text"].split()) for a in articles])
    print(f"generated {len(articles):,} articles ({words:.0f} words on average) in {wall:.1f} s")
    sample = sorted(articles, key=lambda a: hashlib.md5(a["id"].encode()).digest())[:FIT_SAMPLE]
    rows, wall, cpu = _timed(fit_model, sample)
    print(f"fit on {len(sample):,} articles: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(rows):,} model rows")
    model, wall, cpu = _timed(AdaptedModel, rows)
    print(f"model loaded: {wall:.1f} s wall")
    scored, wall, cpu = _timed(_score_all, model, articles)
    print(f"scored {len(articles):,} articles ({scored:,} topic rows): {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{len(articles) / cpu:,.0f} articles/s per core")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
