"""Throughput, memory, database size and search latency at corpus scale, each against a baseline
measured in the same run (absolute times on shared machines drift; ratios travel better).

    python benchmarks/bench.py [--quick] [--workers 2] [--out benchmarks/RESULTS.md]

- extraction: process_article over the PolNeAR train texts (the seed article when ../shared is
  absent), in one process, each record dropped once made as in a worker, timed in CPU seconds (best
  of 5); baseline: a bare regular-expression scan for quote spans. The extractor runs compiled when
  `make setup` built it (ingest/native.py); a second process times it as plain Python too.
- ingest: `python -m ingest --workers N` on generated corpora (benchmarks/corpus.py) of two sizes,
  wall time and peak RSS of the writer and of the largest worker; baseline: the same files read,
  split into paragraphs, regex-scanned and inserted with a bare sqlite-utils insert_all.
- web pages: reading saved pages (the HTML eval pages of ../shared/eval/html, else the fixtures in
  tests/fixtures/html) from bytes to tagged paragraphs and metadata, as `python -m ingest` reads
  them, in CPU seconds (best of 3); baseline: trafilatura's bare_extraction alone on the same bytes.
- research: every research page, chart query and facet, the ranked search and the full export on a
  realistic corpus (benchmarks/research.py: 1M quotes, 100k with --quick), each against a bare SQL
  baseline of the same run.
- search: the search_quotes canned query through Datasette (immutable mode, as `make serve`) and
  through sqlite3 directly, on databases of synthetic quotes recombined from real quote texts;
  baseline: a bare FTS5 MATCH ... ORDER BY rank on the same database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import POLNEAR_TRAIN, SEED_ARTICLE, paragraphs, write_corpus  # noqa: E402
from research import run as bench_research  # noqa: E402
from scale import run as bench_scale  # noqa: E402

import ingest  # noqa: E402
from ingest import native  # noqa: E402
from ingest.corpus_store import update_statistics  # noqa: E402
from ingest.formats import read_articles  # noqa: E402
from ingest.fts import begin_deferred, end_deferred  # noqa: E402
from ingest.models import Article  # noqa: E402
from ingest.pipeline import process_article  # noqa: E402
from ingest.schema import open_db  # noqa: E402

QUOTE_SPAN = re.compile(r"[\"“‘][^\"“”‘’]{1,2000}[\"”’]")
SPACY_REFERENCE_MB_S = 0.030  # spaCy en_core_web_sm + textacy quotations, per process (issue 5)
SECTIONS = ("extraction", "webpages", "ingest", "search", "research", "scale")
TARGETS = {
    "extraction MB/s per core": "≥ 3",
    "ingest 100k articles, minutes": "≤ 5",
    "peak RSS MB": "≤ 300",
    "search p95 ms": "≤ 50 at 1M",
}  # the scale-out targets: benchmarks/scale.py


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, figure: str, value: float, baseline: float | None, unit: str, target: str = "", fmt="{:,.2f}"):
        ratio = f"{value / baseline:,.2f}×" if baseline else "—"
        base = fmt.format(baseline) if baseline is not None else "—"
        self.rows.append((figure, f"{fmt.format(value)} {unit}", base, ratio, target))
        print(f"  {figure}: {fmt.format(value)} {unit} (baseline {base}, {ratio})", flush=True)

    def markdown(self) -> str:
        header = "| figure | ours | baseline | ours / baseline | target |\n| --- | ---: | ---: | ---: | --- |\n"
        return header + "\n".join("| " + " | ".join(row) + " |" for row in self.rows) + "\n"


# --- extraction -------------------------------------------------------------------------------


def source_texts() -> list[tuple[str, str]]:
    paths = sorted(POLNEAR_TRAIN.glob("*.txt")) if POLNEAR_TRAIN.is_dir() else [SEED_ARTICLE]
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


# Runs of the same code in one process here vary by a fifth and more (2.4 to 3.4 MB/s in eight
# back-to-back runs): the least of several, as timeit advises, is the extractor's own speed.
EXTRACTION_RUNS = 5


def best_of(runs: int, work) -> float:
    """The least CPU time of this process over runs: per core, as the figure is defined, and not
    stretched by whatever else the shared machine runs meanwhile, as wall time is."""
    timings = []
    for _ in range(runs):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings)


def extraction_seconds(texts: list[tuple[str, str]], runs: int) -> float:
    def ours():
        # Each record is dropped once made, as in a worker (which sends rows on and keeps nothing):
        # keeping all of them made the garbage collector walk a growing heap, a tenth of the time.
        for path, text in texts:
            process_article(Article(path=path, text=text))

    return best_of(runs, ours)


def plain_python_extraction_seconds(runs: int) -> float:
    """The same timing in a process that runs the extractor's source instead of its compiled build."""
    environment = {**os.environ, native.PURE_PYTHON_VARIABLE: "1"}
    command = [sys.executable, __file__, "--plain-python-extraction", str(runs)]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def bench_extraction(table: Table, texts: list[tuple[str, str]], runs: int) -> list:
    megabytes = sum(len(text.encode("utf-8")) for _, text in texts) / 1e6

    def baseline():
        for _, text in texts:
            for _ in QUOTE_SPAN.finditer(text):
                pass

    seconds, base_seconds = extraction_seconds(texts, runs), best_of(runs, baseline)
    mode = "compiled" if ingest.COMPILED else "plain Python: no compiled build"
    print(f"extraction: {len(texts)} articles, {megabytes:.1f} MB ({mode})", flush=True)
    table.add(
        f"extraction MB/s per core ({mode})",
        megabytes / seconds,
        megabytes / base_seconds,
        "MB/s",
        TARGETS["extraction MB/s per core"],
    )
    if ingest.COMPILED:
        plain_seconds = plain_python_extraction_seconds(runs)
        table.add(
            "extraction MB/s per core, plain Python (baseline: compiled)",
            megabytes / plain_seconds,
            megabytes / seconds,
            "MB/s",
        )
    table.add(
        "extraction articles/s per core", len(texts) / seconds, len(texts) / base_seconds, "articles/s", fmt="{:,.0f}"
    )
    table.add("extraction vs spaCy reference (30 KB/s)", megabytes / seconds, SPACY_REFERENCE_MB_S, "MB/s", "≥ 100×")
    return [process_article(Article(path=path, text=text)) for path, text in texts]


# --- web pages ----------------------------------------------------------------------------------

HTML_EVAL_PAGES = REPO.parent / "shared" / "eval" / "html" / "pages"
HTML_FIXTURES = REPO / "tests" / "fixtures" / "html"
WEBPAGE_RUNS = 3


def web_pages(quick: bool) -> list[Path]:
    """The eval pages (every fourth with --quick), else the fixtures."""
    pages = sorted(HTML_EVAL_PAGES.glob("*.html")) or sorted(HTML_FIXTURES.glob("*.html"))
    return pages[::4] if quick and len(pages) > 20 else pages


def bench_webpages(table: Table, pages: list[Path], runs: int) -> None:
    import trafilatura  # imported here, as ingest.webpage does: only this figure needs it

    contents = [(str(path), path.read_bytes()) for path in pages]
    megabytes = sum(len(data) for _, data in contents) / 1e6

    def ours():
        for path, _ in contents:
            list(read_articles(path, "html"))

    def baseline():
        for _, data in contents:
            trafilatura.bare_extraction(data, include_comments=False, with_metadata=True)

    ours()  # the first page pays trafilatura's imports and caches: not reading
    seconds, base_seconds = best_of(runs, ours), best_of(runs, baseline)
    print(f"web pages: {len(contents)} pages, {megabytes:.1f} MB", flush=True)
    table.add(
        "web pages/s per core (baseline: trafilatura alone)",
        len(contents) / seconds,
        len(contents) / base_seconds,
        "pages/s",
    )
    table.add(
        "web page MB/s per core (baseline: trafilatura alone)", megabytes / seconds, megabytes / base_seconds, "MB/s"
    )


# --- ingest -------------------------------------------------------------------------------------


def process_tree_peaks(pid: int, peaks: dict[int, int]) -> None:
    """Record VmHWM (peak resident set) of pid and its descendants (Linux /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    if match:
        peaks[pid] = max(peaks.get(pid, 0), int(match.group(1)) * 1024)
    for child in children:
        process_tree_peaks(int(child), peaks)


def run_measured(command: list[str]) -> tuple[float, float, int, int]:
    """Run command; returns (wall seconds, CPU seconds of it and its workers, peak RSS of the main
    process, largest peak RSS of a child). CPU time is the steadier figure on a loaded machine."""
    cpu_before = children_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        process_tree_peaks(process.pid, peaks)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(command)}")
    main_peak = peaks.pop(process.pid, 0)
    return seconds, children_cpu_seconds() - cpu_before, main_peak, max(peaks.values(), default=0)


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_ingest(db_path: str, corpus: str) -> None:
    """The throughput baseline: read, split into paragraphs, regex scan, bare sqlite-utils insert."""

    def rows():
        for root, dirs, files in os.walk(corpus):
            dirs.sort()
            for name in sorted(files):
                text = Path(root, name).read_text(encoding="utf-8")
                for position, paragraph in enumerate(paragraphs(text)):
                    spans = sum(1 for _ in QUOTE_SPAN.finditer(paragraph))
                    yield {"path": name, "position": position, "text": paragraph, "quote_spans": spans}

    sqlite_utils.Database(db_path)["paragraphs"].insert_all(rows(), batch_size=1000)


def bench_ingest(table: Table, work: Path, sizes: list[int], workers: int) -> None:
    rss_at = {}
    for size in sizes:
        corpus = work / f"corpus-{size}"
        if not (corpus / "done").exists():
            shutil.rmtree(corpus, ignore_errors=True)
            print(f"generating {size:,} articles in {corpus}", flush=True)
            (corpus / "meta").mkdir(parents=True)
            nbytes = write_corpus(corpus / "articles", size)
            (corpus / "meta" / "bytes").write_text(str(nbytes))
            (corpus / "done").touch()
        megabytes = int((corpus / "meta" / "bytes").read_text()) / 1e6
        db_path, base_path = work / f"ingest-{size}.db", work / f"bare-{size}.db"
        for path in (db_path, base_path):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        print(f"ingest: {size:,} articles ({megabytes:.0f} MB), --workers {workers}", flush=True)
        command = [sys.executable, "-m", "ingest", "-q", "--no-progress", "--workers", str(workers)]
        seconds, cpu, writer_rss, worker_rss = run_measured([*command, str(db_path), str(corpus / "articles")])
        base_command = [sys.executable, __file__, "--bare-ingest", str(base_path), str(corpus / "articles")]
        base_seconds, base_cpu, base_rss, _ = run_measured(base_command)
        label = f"{size // 1000}k" if size >= 1000 else str(size)
        target = TARGETS["ingest 100k articles, minutes"] if size == 100_000 else ""
        table.add(
            f"ingest {label} articles, articles/s (--workers {workers})",
            size / seconds,
            size / base_seconds,
            "articles/s",
            fmt="{:,.0f}",
        )
        table.add(f"ingest {label} articles, MB/s", megabytes / seconds, megabytes / base_seconds, "MB/s")
        table.add(f"ingest {label} articles, minutes", seconds / 60, base_seconds / 60, "min", target)
        per_k = 1000 / size
        table.add(f"ingest {label}, CPU seconds per 1,000 articles", cpu * per_k, base_cpu * per_k, "CPU s")
        mb = 1024 * 1024
        table.add(
            f"peak RSS at {label}, writer process",
            writer_rss / mb,
            base_rss / mb,
            "MB",
            TARGETS["peak RSS MB"],
            "{:,.0f}",
        )
        table.add(
            f"peak RSS at {label}, largest worker",
            worker_rss / mb,
            base_rss / mb,
            "MB",
            TARGETS["peak RSS MB"],
            "{:,.0f}",
        )
        per_thousand = 1000 / size / 1e6
        table.add(
            f"DB size per 1,000 articles ({label})",
            db_path.stat().st_size * per_thousand,
            base_path.stat().st_size * per_thousand,
            "MB",
        )
        rss_at[size] = max(writer_rss, worker_rss)
    if len(rss_at) > 1:
        small, large = min(rss_at), max(rss_at)
        table.add(
            f"peak RSS growth {small // 1000}k → {large // 1000}k articles",
            rss_at[large] / rss_at[small],
            1.0,
            "×",
            "≈ 1 (flat)",
        )


# --- search -------------------------------------------------------------------------------------


def build_search_db(
    path: Path, quote_count: int, quote_texts: list[str], speaker_names: list[str], seed: int = 7
) -> None:
    """A database of quote_count synthetic quotes: each joins the first half of one real quote to
    the second half of another; ~15 quotes per article, ~1 speaker per 10 quotes."""
    rng = random.Random(seed)
    words = [text.split() for text in quote_texts if len(text.split()) >= 2]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(str(path))
    article_count, speaker_count = max(1, quote_count // 15), max(1, quote_count // 10)
    with db.atomic():
        begin_deferred(db)
        db.conn.executemany(
            "insert into articles (id, path, title, content_hash) values (?, ?, ?, ?)",
            ((i, f"synthetic/{i}.txt", f"Synthetic article {i}", str(i)) for i in range(1, article_count + 1)),
        )
        db.conn.executemany(
            "insert into speakers (id, key, name, kind, is_anonymous) values (?, ?, ?, 'person', 0)",
            (
                (i, f"{rng.choice(speaker_names)} {i}", f"{rng.choice(speaker_names)} {i}")
                for i in range(1, speaker_count + 1)
            ),
        )

        def quotes():
            for i in range(1, quote_count + 1):
                first, second = rng.choice(words), rng.choice(words)
                text = " ".join(first[: len(first) // 2] + second[len(second) // 2 :])
                speaker = rng.randint(1, speaker_count) if rng.random() < 0.8 else None
                yield (
                    i,
                    rng.randint(1, article_count),
                    speaker,
                    text,
                    rng.choice(["direct", "indirect"]),
                    "said",
                    i % 15,
                )

        db.conn.executemany(
            "insert into quotes (id, article_id, speaker_id, text, kind, cue, position) values (?, ?, ?, ?, ?, ?, ?)",
            quotes(),
        )
        end_deferred(db)
    update_statistics(db)
    db.execute("insert into quotes_fts(quotes_fts) values ('optimize')")
    db.conn.commit()
    db.execute("pragma journal_mode = delete")  # one file, as served immutable
    db.close()


def sample_queries(quote_texts: list[str], count: int, seed: int = 11) -> list[str]:
    """Words drawn by frequency from real quotes (so common words, the slow case, come up as often
    as in real searches), plus some two-word phrases."""
    rng = random.Random(seed)
    tokens = [w.lower() for text in quote_texts for w in re.findall(r"[A-Za-z]{4,}", text)]
    texts = [t for t in quote_texts if len(re.findall(r"[A-Za-z]{4,}", t)) >= 2]
    queries = [rng.choice(tokens) for _ in range(count * 3 // 4)]
    for _ in range(count - len(queries)):
        pair = re.findall(r"[A-Za-z]{4,}", rng.choice(texts))[:2]
        queries.append(f'"{pair[0]} {pair[1]}"')
    return queries


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def search_plugin():
    """plugins/quote_search.py, which holds the search's SQL."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("quote_search", REPO / "plugins" / "quote_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def search_sql() -> str:
    """The first page of a ranked search, as the search page runs it."""
    plugin = search_plugin()
    return plugin.page_sql(plugin.parse_search({"q": "x"}))


def latencies_sqlite(path: Path, sql: str, queries: list[str]) -> list[float]:
    """sqlite3 directly, with the SQL functions Datasette and our plugins register."""
    from datasette.plugins import pm

    datasette = make_datasette(path)
    conn = sqlite3.connect(path)
    pm.hook.prepare_connection(conn=conn, database="quotes", datasette=datasette)
    params_in_sql = set(re.findall(r"(?<!:):(\w+)", sql))
    timings = []
    for query in queries:
        params = {name: "" for name in params_in_sql} | {"q": query, "limit": 50, "offset": 0}
        started = time.perf_counter()
        conn.execute(sql, params).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def make_datasette(path: Path):
    from datasette.app import Datasette

    return Datasette(
        immutables=[str(path)],
        metadata=yaml.safe_load((REPO / "metadata.yml").read_text()),
        plugins_dir=str(REPO / "plugins"),
        template_dir=str(REPO / "templates"),
        settings={"sql_time_limit_ms": 3000},
    )


def latencies_datasette(path: Path, queries: list[str]) -> list[float]:
    datasette = make_datasette(path)

    async def run() -> list[float]:
        timings = []
        for query in queries:
            started = time.perf_counter()
            response = await datasette.client.get("/quotes/search_quotes.json", params={"q": query, "_shape": "array"})
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"search_quotes answered {response.status_code} for {query!r}: {response.text[:300]}")
        return timings

    return asyncio.run(run())


def search_material(records: list) -> tuple[list[str], list[str]]:
    """(quote texts, speaker names) of extracted records: what the synthetic search databases recombine."""
    quote_texts = [q.text for r in records for q in r.quotes if q.text.strip()]
    speaker_names = sorted({s.name for r in records for s in r.speakers}) or ["Jane Doe"]
    return quote_texts, speaker_names


def bench_search(table: Table, work: Path, sizes: list[int], records: list, query_count: int) -> None:
    quote_texts, speaker_names = search_material(records)
    queries = sample_queries(quote_texts, query_count)
    sql = search_sql()
    bare = "select rowid from quotes_fts where quotes_fts match ? order by rank limit 100"
    for size in sizes:
        label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
        folder = work / f"search-{label}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "quotes.db"  # Datasette names the database after the file: quotes
        print(f"search: building {size:,} quotes in {path}", flush=True)
        started = time.perf_counter()
        build_search_db(path, size, quote_texts, speaker_names)
        print(f"  built in {time.perf_counter() - started:.0f}s, {path.stat().st_size / 1e6:.0f} MB", flush=True)
        latencies_sqlite(path, sql, queries[:10])  # warm the page cache
        ours_sqlite = latencies_sqlite(path, sql, queries)
        ours_datasette = latencies_datasette(path, queries)
        baseline = latencies_sqlite(path, bare.replace("?", ":q"), [escape(q) for q in queries])
        for name, timings in (("sqlite3", ours_sqlite), ("Datasette", ours_datasette)):
            for p in (50, 95):
                target = TARGETS["search p95 ms"] if p == 95 and size == 1_000_000 and name == "Datasette" else ""
                table.add(
                    f"search_quotes p{p} at {label} quotes ({name})",
                    percentile(timings, p),
                    percentile(baseline, p),
                    "ms",
                    target,
                )


def escape(query: str) -> str:
    from datasette.utils import escape_fts

    return escape_fts(query)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: 1k/5k articles, 10k/100k quotes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "quote-bench")
    parser.add_argument("--out", type=Path, help="also write the table (markdown) to this file")
    parser.add_argument("--skip-scale", action="store_true", help="leave out benchmarks/scale.py (Dask, shards)")
    parser.add_argument("--realistic", type=Path, help="research: time this realistic database, not a new one")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("--bare-ingest", nargs=2, metavar=("DB", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--plain-python-extraction", type=int, metavar="RUNS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_ingest:
        bare_ingest(*args.bare_ingest)
        return
    if args.plain_python_extraction:
        print(extraction_seconds(source_texts(), args.plain_python_extraction))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    ingest_sizes = [1000, 5000] if args.quick else [10_000, 100_000]
    search_sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    table = Table()
    started = time.perf_counter()
    sections = args.only or SECTIONS
    if {"extraction", "search", "scale"} & set(sections):
        records = bench_extraction(table, source_texts(), runs=1 if args.quick else EXTRACTION_RUNS)
    if "webpages" in sections:
        bench_webpages(table, web_pages(args.quick), runs=1 if args.quick else WEBPAGE_RUNS)
    if "ingest" in sections:
        bench_ingest(table, args.work, ingest_sizes, args.workers)
    if "search" in sections:
        bench_search(table, args.work, search_sizes, records, query_count=100 if args.quick else 300)
    if "research" in sections:
        bench_research(table, args.work, args.quick, args.realistic)
    if "scale" in sections and not args.skip_scale:
        bench_scale(table, args.work, args.quick, *search_material(records))
    header = (
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}."
        f" Mode: {'quick' if args.quick else 'full'}; run took {(time.perf_counter() - started) / 60:.1f} min.\n\n"
    )
    print("\n" + header + table.markdown())
    if args.out:
        args.out.write_text(header + table.markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
