"""Past one machine: the Dask map against the process pool, and a corpus split into shards served
as one (search and research pages), each against a baseline measured in the same run.

    python benchmarks/scale.py [--quick] [--work DIR]     (also run by benchmarks/bench.py)

- map: the same generated files through parallel.iter_outcomes with a pool of 2 processes, and
  through dask_map.iter_outcomes_dask on a LocalCluster of 2 single-threaded workers, each
  outcome consumed as the writer would; wall time of the map alone, best of 2 alternated runs
  (the cluster's start-up is reported apart: it is paid once per run, not per article).
- shards: a database of synthetic quotes (bench.build_search_db: real quote halves recombined,
  ~15 quotes per article, 1 speaker per 10 quotes) whose articles get a year and an outlet, split
  by year into 4 shards; the search_quotes page and the research pages (speaker, its profile,
  article, quote, organisation, top speakers) through Datasette on the folder, against the same
  requests on the single file.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import write_corpus  # noqa: E402

from ingest.cli import iter_inputs, read_file  # noqa: E402
from ingest.formats import FieldMap  # noqa: E402
from ingest.parallel import Job, iter_outcomes  # noqa: E402
from ingest.shards import CORPUS_FILE, split_database  # noqa: E402

TARGETS = {
    "dask": "≥ 0.85× pool",
    "search": "≤ 100 ms p95 (4 shards, ≥ 1M quotes)",
    "pages": "≤ 300 ms p95",
}
MAP_ROUNDS = 2
YEARS = ["2013", "2014", "2015", "2016"]
OUTLETS = ["Daily Planet", "The Bugle", "Globe", "Courier", "Sentinel"]


# --- the map ------------------------------------------------------------------------------------


def generated_corpus(work: Path, size: int) -> Path:
    corpus = work / f"corpus-{size}"
    if not (corpus / "done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        print(f"generating {size:,} articles in {corpus}", flush=True)
        (corpus / "meta").mkdir(parents=True)
        nbytes = write_corpus(corpus / "articles", size)
        (corpus / "meta" / "bytes").write_text(str(nbytes))
        (corpus / "done").touch()
    return corpus / "articles"


def timed_map(outcomes) -> tuple[float, int]:
    started = time.perf_counter()
    count = sum(1 for _ in outcomes)
    return time.perf_counter() - started, count


def bench_map(table, work: Path, size: int, workers: int = 2) -> None:
    from ingest.dask_map import dask_client, iter_outcomes_dask

    articles = generated_corpus(work, size)
    fields = FieldMap()
    job = Job(read=functools.partial(read_file, fmt="auto", fields=fields))
    inputs = functools.partial(iter_inputs, (str(articles),), "auto", fields)
    print(f"map: {size:,} articles, process pool of {workers} against Dask LocalCluster of {workers}", flush=True)
    started = time.perf_counter()
    pool_runs, dask_runs = [], []
    with dask_client(workers=workers) as client:
        startup = time.perf_counter() - started
        # Alternated, best of each: on a shared machine the load shifts between runs.
        for _ in range(MAP_ROUNDS):
            pool_runs.append(timed_map(iter_outcomes(inputs(), job, workers)))
            dask_runs.append(timed_map(iter_outcomes_dask(inputs(), job, client)))
    assert {count for _, count in pool_runs + dask_runs} == {size}
    pool_seconds, dask_seconds = min(s for s, _ in pool_runs), min(s for s, _ in dask_runs)
    table.add(
        f"map {size // 1000}k articles, Dask LocalCluster ({workers} workers), articles/s",
        size / dask_seconds,
        size / pool_seconds,
        "articles/s",
        TARGETS["dask"],
        "{:,.0f}",
    )
    table.add("Dask LocalCluster start-up, seconds (once per run)", startup, None, "s")


# --- shards -------------------------------------------------------------------------------------


def dated(path: Path, seed: int = 3) -> None:
    """Give the synthetic articles a year, month and outlet (the search database has none)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    (count,) = conn.execute("select max(id) from articles").fetchone()
    rows = []
    for article in range(1, count + 1):
        year = YEARS[(article - 1) * len(YEARS) // count]  # ingested in order of publication
        month = f"{year}-{rng.randint(1, 12):02d}"
        rows.append((f"{month}-{rng.randint(1, 28):02d}", year, month, rng.choice(OUTLETS), article))
    conn.executemany(
        "update articles set published = ?, published_year = ?, published_month = ?, outlet = ? where id = ?", rows
    )
    conn.commit()
    conn.close()


def sharded_corpus(work: Path, size: int, build) -> tuple[Path, Path]:
    """(single file, corpus database of its 4 shards by year), built once and kept in work."""
    label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
    folder = work / f"shards-{label}"
    single, corpus = folder / "single" / "quotes.db", folder / "sharded" / CORPUS_FILE
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        single.parent.mkdir(parents=True)
        print(f"shards: building {size:,} quotes in {single}", flush=True)
        started = time.perf_counter()
        build(single)
        dated(single)
        split_database(single, corpus.parent, "year")
        for path in [single, corpus, *(corpus.parent / "shards").glob("*.db")]:
            conn = sqlite3.connect(path)
            conn.execute("pragma journal_mode = delete")  # one file each, as served immutable
            conn.close()
        print(f"  built and split in {time.perf_counter() - started:.0f}s", flush=True)
        (folder / "done").touch()
    return single, corpus


def page_requests(single: Path, count: int, seed: int = 5) -> list[tuple[str, dict]]:
    """Research pages for speakers, articles, quotes and organisations drawn at random."""
    rng = random.Random(seed)
    conn = sqlite3.connect(single)
    speakers = [r[0] for r in conn.execute("select speaker_id from quotes where speaker_id is not null limit 5000")]
    (articles,) = conn.execute("select max(id) from articles").fetchone()
    (quotes,) = conn.execute("select max(id) from quotes").fetchone()
    organizations = [r[0] for r in conn.execute("select distinct organization from affiliations limit 200")]
    conn.close()
    requests = []
    for _ in range(count):
        choice = rng.randrange(6 if organizations else 5)
        if choice == 0:
            requests.append(("speaker", {"id": rng.choice(speakers)}))
        elif choice == 1:
            requests.append(("speaker_profile", {"id": rng.choice(speakers)}))
        elif choice == 2:
            requests.append(("article", {"id": rng.randint(1, articles)}))
        elif choice == 3:
            requests.append(("article_info", {"id": rng.randint(1, articles)}))
        elif choice == 4:
            requests.append(("quote", {"id": rng.randint(1, quotes)}))
        else:
            requests.append(("organization", {"name": rng.choice(organizations)}))
    return requests


def latencies(path: Path, requests: list[tuple[str, dict]]) -> list[float]:
    """Milliseconds per request through Datasette (HTML page, as a person gets it)."""
    from bench import make_datasette

    datasette = make_datasette(path)

    async def run() -> list[float]:
        timings = []
        for page, params in requests:
            started = time.perf_counter()
            response = await datasette.client.get(f"/quotes/{page}", params={k: str(v) for k, v in params.items()})
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{page} answered {response.status_code} for {params}: {response.text[:300]}")
        return timings

    return asyncio.run(run())


def bench_shards(table, work: Path, size: int, queries: list[str], build, page_count: int) -> None:
    from bench import percentile

    single, corpus = sharded_corpus(work, size, build)
    label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
    searches = [("search_quotes", {"q": q}) for q in queries]
    pages = page_requests(single, page_count)
    latencies(corpus, searches[:10] + pages[:10])  # warm the page cache
    latencies(single, searches[:10] + pages[:10])
    for what, requests, target in (("search_quotes", searches, "search"), ("research pages", pages, "pages")):
        sharded, one = latencies(corpus, requests), latencies(single, requests)
        for p in (50, 95):
            table.add(
                f"{what} p{p} at {label} quotes, 4 shards (baseline: one file)",
                percentile(sharded, p),
                percentile(one, p),
                "ms",
                TARGETS[target] if p == 95 else "",
            )


def main() -> None:
    from bench import Table, search_material, source_texts

    from ingest.models import Article
    from ingest.pipeline import process_article

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "quote-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    table = Table()
    records = [process_article(Article(path=path, text=text)) for path, text in source_texts()]
    run(table, args.work, args.quick, *search_material(records))
    print("\n" + table.markdown())


def run(table, work: Path, quick: bool, quote_texts: list[str], speaker_names: list[str]) -> None:
    """Both benchmarks, adding their rows to table (bench.Table)."""
    from bench import build_search_db, sample_queries

    bench_map(table, work, 1000 if quick else 5000)
    size = 100_000 if quick else 1_000_000
    build = functools.partial(build_search_db, quote_count=size, quote_texts=quote_texts, speaker_names=speaker_names)
    queries = sample_queries(quote_texts, 100 if quick else 300)
    bench_shards(table, work, size, queries, build, 100 if quick else 300)


if __name__ == "__main__":
    main()
