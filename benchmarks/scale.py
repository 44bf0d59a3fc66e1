"""Past one machine: the Dask map against the process pool, and a corpus split into shards served
as one (search and research pages), each against a baseline measured in the same run.

    python benchmarks/scale.py [--quick] [--work DIR]     (also run by benchmarks/bench.py)

- map: the same generated files through parallel.iter_outcomes with a pool of 2 processes, and
  through dask_map.iter_outcomes_dask on a LocalCluster of 2 single-threaded workers, each
  outcome consumed as the writer would; wall time of the map alone, best of 2 alternated runs
  (the cluster's start-up is reported apart: it is paid once per run, not per article).
- load: generated articles as JSON Lines records dated over two years; CPU of the cheap load of
  their Parquet tables (ingest/bulk.py, one process) against the CPU of a full `ingest --workers 2`
  of the records; articles/s of the same load into 2 shards by 2 writer processes
  (shards.load_shards) against the one-process load, the two alternated LOAD_ROUNDS times, best of
  each; both results compared with the ingest, every table by content (shards.content_of).
- shards: the search_quotes query (JSON, as bench.py times it on one file) and the research pages
  (HTML: speaker, its profile, article, its details, quote, organisation) through Datasette, on a
  database of synthetic quotes (bench.build_search_db: real quote halves recombined, ~15 quotes per
  article, 1 speaker per 10 quotes) whose articles get a year and an outlet, split by year into 4
  shards, against the same requests on the single file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
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

# Each part imports what it uses, inside its function: the load is timed in a process of its own
# (--load), whose CPU would otherwise include importing the extractor, which a load never runs.

TARGETS = {
    "dask": "≥ 0.85× pool",
    "load": "≤ 0.2× ingest",
    "shards": "≥ 1.7× one writer",
    "search": "≤ 100 ms p95 (4 shards, ≥ 1M quotes)",
    "pages": "≤ 300 ms p95",
}
MAP_ROUNDS = 2
LOAD_ROUNDS = 3
YEARS = ["2013", "2014", "2015", "2016"]
OUTLETS = ["Daily Planet", "The Bugle", "Globe", "Courier", "Sentinel"]


# --- the map ------------------------------------------------------------------------------------


def generated_corpus(work: Path, size: int) -> Path:
    from corpus import write_corpus

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
    from ingest.formats import FieldMap
    from ingest.inputs import Inputs
    from ingest.parallel import Job, iter_outcomes

    articles = generated_corpus(work, size)
    fields = FieldMap()
    job = Job(read=Inputs(fields=fields).read)
    inputs = functools.partial(Inputs(fields=fields).items, (str(articles),))
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


# --- extract, load, shards written in parallel -----------------------------------------------------


def dated_records(work: Path, size: int) -> Path:
    """size generated articles as JSON Lines records with a date in one of two years and an outlet."""
    from corpus import generate

    path = work / f"records-{size}.jsonl"
    if not path.exists():
        rng = random.Random(9)
        with path.open("w", encoding="utf-8") as out:
            for number, text in enumerate(generate(size, seed=4)):
                published = f"{2015 + number % 2}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                record = {"id": number, "text": text, "published": published, "outlet": rng.choice(OUTLETS)}
                out.write(json.dumps(record) + "\n")
    return path


def extract_parquet(records: str, out_dir: str, workers: int = 2) -> None:
    """The map's rows of every record, to out_dir as Parquet (what `extract` writes)."""
    from ingest.formats import FieldMap
    from ingest.inputs import Inputs
    from ingest.parallel import Job, batched, iter_outcomes
    from ingest.parquet import write_parquet

    fields = FieldMap()
    job = Job(read=Inputs(fields=fields).read)
    write_parquet(batched(iter_outcomes(Inputs(fields=fields).items((records,)), job, workers), 500), out_dir)


def load_parquet(db_path: str, out_dir: str) -> None:
    """The cheap load of out_dir into a new database, in this one process (one writer)."""
    from ingest.bulk import load_batches
    from ingest.corpus import refresh_corpus
    from ingest.parquet import read_parquet
    from ingest.store import open_db

    db = open_db(db_path)
    load_batches(db, read_parquet([out_dir]))
    refresh_corpus(db)


def load_parquet_shards(folder: str, out_dir: str, writers: int) -> None:
    """The load into shards as `load --shard-by year` does it: the shards, then the corpus-wide
    steps over all of them (as load_parquet runs refresh_corpus: the two figures compare)."""
    from ingest.corpus_shards import refresh_corpus_over_shards
    from ingest.parquet import read_parquet_values
    from ingest.shards import load_shards

    load_shards((rows for batch in read_parquet_values([out_dir]) for rows in batch), folder, "year", writers)
    refresh_corpus_over_shards(folder)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The least wall time and the least CPU time of runs of (wall, CPU)."""
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def bench_load(table, work: Path, size: int) -> None:
    from bench import run_measured

    from ingest.shards import content_of, shard_files

    records = dated_records(work, size)
    folder = work / f"load-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    ingested, loaded, out_dir = folder / "ingested.db", folder / "loaded.db", folder / "parquet"
    print(f"load: {size:,} articles: ingest, extract to Parquet, load, load into 2 shards", flush=True)
    me = [sys.executable, __file__]
    ingest_seconds, ingest_cpu, _, _ = run_measured(
        [sys.executable, "-m", "ingest", "-q", "--no-progress", "--workers", "2", str(ingested), str(records)]
    )
    extract_seconds, extract_cpu, _, _ = run_measured([*me, "--extract-parquet", str(records), str(out_dir)])
    # Alternated, best of each (wall and CPU apart): on a shared machine the load shifts between runs.
    load_runs, shard_runs = [], []
    for _ in range(LOAD_ROUNDS):
        loaded.unlink(missing_ok=True)
        shutil.rmtree(folder / "shards", ignore_errors=True)
        load_runs.append(run_measured([*me, "--load", str(loaded), str(out_dir)])[:2])
        shard_runs.append(run_measured([*me, "--load-shards", str(folder / "shards"), str(out_dir), "2"])[:2])
    (load_seconds, load_cpu), (shard_seconds, shard_cpu) = best(load_runs), best(shard_runs)
    per_k = 1000 / size
    table.add("load, CPU s per 1,000 articles (baseline: full ingest)", load_cpu * per_k, ingest_cpu * per_k, "CPU s",
              TARGETS["load"])  # fmt: skip
    table.add("extract to Parquet, CPU s per 1,000 articles (baseline: full ingest)", extract_cpu * per_k,
              ingest_cpu * per_k, "CPU s")  # fmt: skip
    table.add("2 shards written by 2 processes, articles/s (baseline: one writer)", size / shard_seconds,
              size / load_seconds, "articles/s", TARGETS["shards"], "{:,.0f}")  # fmt: skip
    # CPU depends little on other work on the machine, unlike the articles/s above: how much more
    # work the shards are than one writer, which 2 cores can at best halve.
    table.add("2 shards by 2 processes, CPU s per 1,000 articles (baseline: one writer)", shard_cpu * per_k,
              load_cpu * per_k, "CPU s")  # fmt: skip
    table.add("full ingest --workers 2, articles/s (for reference)", size / ingest_seconds, None, "articles/s",
              fmt="{:,.0f}")  # fmt: skip
    parquet_bytes = sum(f.stat().st_size for f in out_dir.rglob("*.parquet"))
    table.add("Parquet size per 1,000 articles (baseline: the ingested database)", parquet_bytes * per_k / 1e6,
              ingested.stat().st_size * per_k / 1e6, "MB")  # fmt: skip
    expected = content_of([ingested])
    shards = [path for _, path in shard_files(folder / "shards" / "quotes.db")]
    same_load, same_shards = content_of([loaded]) == expected, content_of(shards) == expected
    table.add("loaded database = ingest, every table by content (1 = yes)", float(same_load), 1.0, "", "= 1")
    table.add("2 shards = ingest, every table by content (1 = yes)", float(same_shards), 1.0, "", "= 1")


# --- shards -------------------------------------------------------------------------------------


def copied_in_quarters(source: Path):
    """A build function for sharded_corpus: a copy of an existing corpus (benchmarks/realistic.py's,
    say), its articles put in 4 shards by publication order (published_year becomes q1..q4, the
    key the split reads; dates, outlets and every page's data stay as they are)."""

    def build(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as old:
            with contextlib.closing(sqlite3.connect(path)) as new:
                old.backup(new)
                (count,) = new.execute("select count(*) from articles").fetchone()
                new.execute(
                    """update articles set published_year = 'q' || (1 + r.position * 4 / :count)
                    from (select id, row_number() over (order by published, id) - 1 as position from articles) r
                    where r.id = articles.id""",
                    {"count": count},
                )
                new.commit()

    return build


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


def sharded_corpus(work: Path, size: int, build, kind: str = "") -> tuple[Path, Path]:
    """(single file, corpus database of its 4 shards by year), built once and kept in work."""
    from ingest.shards import CORPUS_FILE, split_database

    label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
    folder = work / f"shards-{kind}{label}"
    single, corpus = folder / "single" / "quotes.db", folder / "sharded" / CORPUS_FILE
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        single.parent.mkdir(parents=True)
        print(f"shards: building {size:,} quotes in {single}", flush=True)
        started = time.perf_counter()
        build(single)
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
    """Milliseconds per request through Datasette (research pages as HTML, as a person gets them;
    searches as JSON, as bench.py times the single file's search)."""
    from bench import make_datasette

    datasette = make_datasette(path)

    async def run() -> list[float]:
        timings = []
        for page, params in requests:
            started = time.perf_counter()
            response = await datasette.client.get(f"/quotes/{page}", params={k: str(v) for k, v in params.items()})
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:  # counted in the time, and said: a slow page may hit the SQL limit
                print(f"  {page} answered {response.status_code} for {params}", flush=True)
        return timings

    return asyncio.run(run())


def bench_shards(table, work: Path, size: int, queries: list[str], build, page_count: int, kind: str = "") -> None:
    from bench import percentile

    single, corpus = sharded_corpus(work, size, build, kind)
    label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
    label = f"{label} {kind}".strip()
    searches = [("search_quotes.json", {"q": q, "_shape": "array"}) for q in queries]
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
    parser.add_argument("--realistic", type=Path, help="serve this corpus database in 4 shards (no map/load)")
    parser.add_argument("--extract-parquet", nargs=2, metavar=("RECORDS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--load", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--load-shards", nargs=3, metavar=("FOLDER", "OUT", "WRITERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.extract_parquet:
        return extract_parquet(*args.extract_parquet)
    if args.load:
        return load_parquet(*args.load)
    if args.load_shards:
        return load_parquet_shards(args.load_shards[0], args.load_shards[1], int(args.load_shards[2]))
    args.work.mkdir(parents=True, exist_ok=True)
    table = Table()
    records = [process_article(Article(path=path, text=text)) for path, text in source_texts()]
    run(table, args.work, args.quick, *search_material(records), realistic=args.realistic)
    print("\n" + table.markdown())


def run(
    table, work: Path, quick: bool, quote_texts: list[str], speaker_names: list[str], realistic: Path | None = None
) -> None:
    """The benchmarks, adding their rows to table (bench.Table). realistic: an existing corpus
    database (benchmarks/realistic.py's) to serve in 4 shards instead of synthetic quotes."""
    from bench import build_search_db, sample_queries

    if not realistic:
        bench_map(table, work, 1000 if quick else 5000)
        bench_load(table, work, 1000 if quick else 10_000)
    size = 100_000 if quick else 1_000_000
    queries = sample_queries(quote_texts, 100 if quick else 300)
    if realistic:
        build = copied_in_quarters(realistic)
    else:

        def build(path: Path) -> None:
            build_search_db(path, size, quote_texts, speaker_names)
            dated(path)

    bench_shards(table, work, size, queries, build, 100 if quick else 300, "realistic" if realistic else "")


if __name__ == "__main__":
    main()
