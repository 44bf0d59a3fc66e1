"""The research pages on a realistic corpus: every page, chart query and facet, the ranked search and
the full export, each against a bare SQL baseline measured in the same run.

    python benchmarks/research.py [--quick] [--work DIR] [--db PATH] [--cpu] [--skip-export]
                                  [--only TEXT]... [--shards CORPUS_DB]
    (also run by bench.py)

- corpus: benchmarks/realistic.py (1M quotes, about 48k articles from 12 outlets over six years,
  a long tail of speakers and five very frequent ones; 100k quotes with --quick), built once in
  WORK/realistic-SIZE.db and reused; --db times an existing one.
- pages: each research page (HTML, as a browser asks for it) and each chart's data (JSON, as the
  Charts page asks for it) through Datasette in immutable mode, as `make serve` runs it, over
  REQUESTS different requests each (speakers drawn from the head and the tail, outlets, periods,
  sort orders, the last page); p95 in ms. Baseline: a bare SQL read of one page of rows (50 quotes
  by id through sqlite3), the least any page does.
- ranked search: search_quotes.json with words drawn from the corpus's own quotes (as bench.py's
  search figure), its default page of 1,000 rows and a page of 50; baseline: the bare FTS5
  `MATCH ... ORDER BY rank LIMIT 100` of the same words.
- ranked search across shards (--shards: the corpus database of a folder of shards holding the
  same quotes as --db, as benchmarks/scale.py --realistic splits it): the same searches asked of
  the folder served as one database (plugins/shards.py), 50 and 1,000 rows; and the search pages
  with words (alone, and with an outlet at its last page) asked of the folder too.
- --only TEXT: only the figures whose name holds TEXT (repeatable; "ranked", "Search page", ...).
- export: a real `datasette serve` streaming search_quotes.csv for a search matching about 100k
  quotes, read as it arrives; rows/s, and the server's resident memory sampled while it streams
  (flat: the last sample against the one after the first 10k rows). Baseline: the same quotes read
  through sqlite3 and written as CSV in this process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import os
import random
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

REQUESTS = 20
# How a request is timed: wall-clock, what a user waits (the default); or, with --cpu, the CPU time of
# this process (Datasette's threads included), which other programs' load barely moves: for
# comparing two versions on a busy machine.
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]
TARGETS = {
    "pages": "≤ 300 ms p95",
    "search": "≤ 50 ms p95",
    "shards": "≤ 100 ms p95",
    "export": "≥ 20,000 rows/s, flat memory",
}
EXPORT_MATCHES = 100_000
BARE_PAGE = "select * from quotes where id >= :id order by id limit 50"


def realistic_corpus(work: Path, quotes: int) -> Path:
    """WORK/realistic-N.db, built once (a marker file says it is complete)."""
    from realistic import build

    path = work / f"realistic-{quotes // 1000}k" / "quotes.db"  # Datasette names the database: quotes
    done = path.with_name("done")
    if not done.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"research: building a realistic corpus of {quotes:,} quotes in {path}", flush=True)
        seconds = build(path, quotes)
        print(f"  written in {seconds['write']:.0f}s, corpus steps {seconds['refresh']:.0f}s", flush=True)
        done.touch()
    return path


class Sample:
    """What the requests ask about, drawn from the corpus itself."""

    def __init__(self, path: Path, seed: int = 5):
        rng = random.Random(seed)
        conn = sqlite3.connect(path)
        one = lambda sql: [row[0] for row in conn.execute(sql)]  # noqa: E731
        self.frequent = one("select speaker_id from speaker_stats order by quotes desc limit 5")
        tail = one("select speaker_id from speaker_stats where quotes between 2 and 50")
        self.speakers = self.frequent + rng.sample(tail, min(len(tail), REQUESTS))
        self.names = one(f"select name from speakers where id in ({','.join(map(str, self.speakers))})")
        self.outlets = one("select outlet from outlet_stats order by outlet")
        self.months = one("select distinct month from monthly_stats order by month")
        self.organizations = one("select organization from organization_stats order by quotes desc limit 40")
        self.quotations = one("select id from quotations where article_count > 1 order by outlet_count desc limit 200")
        self.quotations = rng.sample(self.quotations, min(len(self.quotations), REQUESTS))
        self.max_article = one("select max(id) from articles")[0]
        self.max_quote = one("select max(id) from quotes")[0]
        self.texts = one(f"select text from quotes where id % {max(1, self.max_quote // 5000)} = 0")
        conn.close()
        self.rng = rng

    def pick(self, values: list):
        return self.rng.choice(values)

    def period(self) -> tuple[str, str]:
        start = self.rng.randrange(len(self.months) - 6)
        return self.months[start][:7], self.months[start + self.rng.randrange(1, 6)][:7]

    def years(self) -> tuple[str, str]:
        """A period of whole years, two or more ("2016" to "2018")."""
        years = sorted({month[:4] for month in self.months})
        start = self.rng.randrange(len(years) - 1)
        return years[start], years[self.rng.randrange(start + 1, len(years))]


def page_requests(s: Sample, words: list[str]) -> dict[str, list[tuple[str, dict]]]:
    """figure -> REQUESTS (path, params) pairs, each figure one page or chart query."""
    n = range(REQUESTS)
    period = [s.period() for _ in n]
    years = [s.years() for _ in n]
    sorts = ["", "name", "articles", "outlets", "first", "last"]
    charts = {
        "chart: quotes per month by outlet": ("chart_quotes_per_month", lambda i: {"outlet": s.pick(["", *s.outlets])}),
        "chart: share of women by outlet and month": (
            "chart_women_share",
            lambda i: {"outlet": s.pick(["", *s.outlets]), "published_from": period[i][0], "published_to": ""},
        ),
        "chart: people quoted by gender, per outlet": (
            "chart_gender_by_outlet",
            lambda i: {"published_from": period[i][0] if i % 2 else "", "published_to": period[i][1] if i % 2 else ""},
        ),
        # A period open at one end ("from 2016-01") spans most of the corpus's months.
        "chart: people quoted by gender, per outlet, open period": (
            "chart_gender_by_outlet",
            lambda i: {"published_from": period[i][0], "published_to": ""} if i % 2 else {"published_to": period[i][1]},
        ),
        "chart: people quoted by gender, per outlet, period of years": (
            "chart_gender_by_outlet",
            lambda i: {"published_from": years[i][0], "published_to": years[i][1]},
        ),
        "chart: top speakers per outlet and period": (
            "chart_top_speakers",
            lambda i: {"outlet": s.pick(s.outlets), "published_from": period[i][0], "published_to": period[i][1]},
        ),
        "chart: a speaker over time": ("chart_speaker_over_time", lambda i: {"speaker": s.names[i % len(s.names)]}),
    }
    q = "/quotes/"
    requests = {
        "Home": [("/", {}) for _ in n],
        "Search page, words (results, facets, suggestions)": [
            (q + "search_quotes", {"q": w}) for w in words[:REQUESTS]
        ],
        "Search page, words, last page": [
            (q + "search_quotes", {"q": w, "outlet": s.pick(s.outlets), "page": "last"}) for w in words[:REQUESTS]
        ],
        "Search page, browse by outlet and period": [
            (q + "search_quotes", {"outlet": s.pick(s.outlets), "published_from": a, "published_to": b})
            for a, b in period
        ],
        "Search page, browse everything, last page": [(q + "search_quotes", {"page": "last"}) for _ in n],
        # Deep into a browse, before its middle (read newest first from the start): over shards each
        # shard sends every row up to the page (20,000).
        "Search page, browse by outlet, page 400": [
            (q + "search_quotes", {"outlet": s.pick(s.outlets), "page": "400"}) for _ in n
        ],
        "Search page, one frequent speaker": [
            (q + "search_quotes", {"speaker_id": str(s.frequent[i % len(s.frequent)])}) for i in n
        ],
        "Speakers": [(q + "top_speakers", {"sort": s.pick(sorts)}) for _ in n],
        "Speakers, by outlet and period": [
            (q + "top_speakers", {"outlet": s.pick(s.outlets), "published_from": a, "published_to": b})
            for a, b in period
        ],
        "Organisations": [(q + "top_organizations", {"sort": s.pick(["", "name", "speakers", "articles"])}) for _ in n],
        "Organisations, by outlet and period": [
            (q + "top_organizations", {"outlet": s.pick(s.outlets), "published_from": a, "published_to": b})
            for a, b in period
        ],
        "Outlets": [(q + "outlets", {"sort": s.pick(["", "name", "articles", "speakers"])}) for _ in n],
        "Speaker page (head and tail)": [(q + "speaker", {"id": str(i)}) for i in s.speakers[:REQUESTS]],
        "Organisation page": [(q + "organization", {"name": s.pick(s.organizations)}) for _ in n],
        "Quotation page": [(q + "quotation", {"id": str(i)}) for i in s.quotations],
        "Most repeated quotations": [(q + "quotations_repeated", {"page": str(1 + i % 3)}) for i in n],
        "Quote page": [(q + "quote", {"id": str(s.rng.randint(1, s.max_quote))}) for _ in n],
        "Article page": [(q + "article", {"id": str(s.rng.randint(1, s.max_article))}) for _ in n],
        "Charts page": [("/-/dashboards/research", {"speaker": s.names[i % len(s.names)]}) for i in n],
    }
    for figure, (query, params) in charts.items():
        requests[figure] = [(q + query + ".json", {**params(i), "_shape": "array"}) for i in n]
    return requests


def last_page(path: str, params: dict, count: int) -> dict:
    return {**params, "page": str(max(1, -(-count // 50)))}


def timed_requests(datasette, requests: dict[str, list[tuple[str, dict]]], failures: dict[str, list[int]]):
    """figure -> latencies in ms; a request answered other than 200 (a query past Datasette's time
    limit answers 400 or 500) is timed as it answered and its status noted in failures."""

    async def run() -> dict[str, list[float]]:
        await datasette.invoke_startup()  # plugins/shards.py gives a corpus database its shards here
        timings: dict[str, list[float]] = {}
        for figure, pairs in requests.items():
            timings[figure], failures[figure] = [], []
            for path, params in pairs:
                if params.get("page") == "last":  # the page count first, as the pager's "last" link knows it
                    counted = await datasette.client.get(path + ".json", params={**params, "page": "1", "_size": "1"})
                    params = last_page(
                        path, params, counted.json().get("count", 0) if counted.status_code == 200 else 0
                    )
                started = clock()
                response = await datasette.client.get(path, params=params)
                timings[figure].append((clock() - started) * 1000)
                if response.status_code != 200:
                    failures[figure].append(response.status_code)
        return timings

    return asyncio.run(run())


def bare_page_latencies(path: Path, max_quote: int, count: int) -> list[float]:
    conn = sqlite3.connect(path)
    rng = random.Random(3)
    timings = []
    for _ in range(count):
        started = clock()
        conn.execute(BARE_PAGE, {"id": rng.randint(1, max_quote)}).fetchall()
        timings.append((clock() - started) * 1000)
    conn.close()
    return timings


def chosen(figures: dict, only: list[str] | None) -> dict:
    return {k: v for k, v in figures.items() if not only or any(text in k for text in only)}


# The search pages also timed across shards (--shards): words alone, words with an outlet, a deep browse.
SHARDED_PAGES = [
    "Search page, words (results, facets, suggestions)",
    "Search page, words, last page",
    "Search page, browse by outlet, page 400",
]


def bench_pages(
    table, path: Path, sample: Sample, words: list[str], only: list[str] | None = None, shards: Path | None = None
) -> None:
    """Each page's figure on the database; with shards, the search pages of SHARDED_PAGES also asked
    of the folder of shards (the same requests)."""
    requests = page_requests(sample, words)
    served = [(path, requests)]
    if shards:
        served.append((shards, {f"{figure}, across 4 shards": requests[figure] for figure in SHARDED_PAGES}))
    for db, figures in served:
        bench_served_pages(table, db, path, sample, chosen(figures, only))


def bench_served_pages(table, db: Path, path: Path, sample: Sample, requests: dict) -> None:
    """The figures of requests, asked of db (a database, or the corpus database of a folder of shards);
    the bare SQL baseline is read from path (the single file)."""
    from bench import make_datasette, percentile

    if not requests:
        return
    datasette = make_datasette(db)
    timed_requests(datasette, {figure: pairs[:2] for figure, pairs in requests.items()}, {})  # warm caches
    failures: dict[str, list[int]] = {}
    timings = timed_requests(datasette, requests, failures)
    bare = bare_page_latencies(path, sample.max_quote, REQUESTS * 5)
    base = percentile(bare, 95)
    for figure, values in timings.items():
        failed = failures[figure]
        target = TARGETS["pages"] + (
            f"; {len(failed)} of {len(values)} answered {sorted(set(failed))}" if failed else ""
        )
        table.add(f"{figure} p95 (realistic)", percentile(values, 95), base, "ms", target)


def search_latencies(path: Path, words: list[str], size: int | None, failures: list[int]) -> list[float]:
    """search_quotes.json for each search, with its default page size (1,000 rows) or `size` rows;
    a search answered other than 200 (past the time limit) is timed as it answered, noted in failures.
    path: a database, or the corpus database of a folder of shards (served as one)."""
    from bench import make_datasette

    datasette = make_datasette(path)
    sized = {"_size": str(size)} if size else {}

    async def run() -> list[float]:
        await datasette.invoke_startup()  # plugins/shards.py gives a corpus database its shards here
        for query in words[:10]:  # warm the page cache
            await datasette.client.get("/quotes/search_quotes.json", params={"q": query, "_size": "50"})
        timings = []
        for query in words:
            started = clock()
            response = await datasette.client.get(
                "/quotes/search_quotes.json", params={"q": query, "_shape": "array", **sized}
            )
            timings.append((clock() - started) * 1000)
            if response.status_code != 200:
                failures.append(response.status_code)
        return timings

    return asyncio.run(run())


def bare_search_latencies(path: Path, words: list[str]) -> list[float]:
    from bench import escape

    conn = sqlite3.connect(path)
    sql = "select rowid from quotes_fts where quotes_fts match :q order by rank limit 100"
    timings = []
    for word in words:
        started = clock()
        conn.execute(sql, {"q": escape(word)}).fetchall()
        timings.append((clock() - started) * 1000)
    conn.close()
    return timings


def bench_ranked_search(
    table, path: Path, words: list[str], shards: Path | None = None, only: list[str] | None = None
) -> None:
    """The JSON of a ranked search: its default page (1,000 rows, each with a snippet FTS5 makes by
    matching that quote again) and a page of 50 (what the search page shows); with shards, the same
    searches asked of the folder of shards too."""
    from bench import percentile

    served = [(path, "", TARGETS["search"])] + ([(shards, "across 4 shards, ", TARGETS["shards"])] if shards else [])
    runs = [
        (size, label, db, where, goal)
        for size, label in ((None, "1,000 rows"), (50, "50 rows"))
        for db, where, goal in served
        if chosen({f"ranked search_quotes.json, {where}{label}": 1}, only)
    ]
    if not runs:
        return
    bare = bare_search_latencies(path, words)
    for size, label, db, where, goal in runs:
        failed: list[int] = []
        ours = search_latencies(db, words, size, failed)
        for p in (50, 95):
            target = goal if p == 95 else ""
            if failed and p == 95:
                target += f"; {len(failed)} of {len(ours)} answered {sorted(set(failed))}"
            figure = f"ranked search_quotes.json, {where}{label}, p{p} (realistic)"
            table.add(figure, percentile(ours, p), percentile(bare, p), "ms", target)


def export_query(path: Path, sample: Sample) -> tuple[str, int]:
    """The word of the corpus's quotes whose matches are nearest EXPORT_MATCHES (at least half of it)."""
    conn = sqlite3.connect(path)
    counts = []
    for word in ("people", "think", "would", "going", "president", "campaign", "country", "believe", "because"):
        count = conn.execute("select count(*) from quotes_fts where quotes_fts match ?", [word]).fetchone()[0]
        counts.append((abs(count - EXPORT_MATCHES), word, count))
    conn.close()
    _, word, count = min(counts)
    return word, count


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@contextlib.contextmanager
def served(path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`datasette serve -i PATH` as `make serve` runs it; yields its base URL and process."""
    from tests.browser.conftest import free_port, wait_until_answering

    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(path), "--metadata", str(REPO / "metadata.yml")]
    command += ["--plugins-dir", str(REPO / "plugins"), "--template-dir", str(REPO / "templates")]
    command += ["--port", str(port), "--setting", "sql_time_limit_ms", "3000"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/", process)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def bench_export(table, path: Path, sample: Sample) -> None:
    from bench import escape

    word, count = export_query(path, sample)
    print(f"export: {count:,} quotes match {word!r}", flush=True)
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    out = io.StringIO()
    writer = csv.writer(out)
    bare_rows = 0
    sql = """select quotes.* from quotes_fts join quotes on quotes.id = quotes_fts.rowid
      where quotes_fts match :q order by quotes_fts.rowid"""
    for row in conn.execute(sql, {"q": escape(word)}):
        writer.writerow(row)
        bare_rows += 1
        if bare_rows % 10_000 == 0:
            out.seek(0), out.truncate()
    bare_seconds = time.perf_counter() - started
    conn.close()
    with served(path) as (base, process):
        started = time.perf_counter()
        rows, samples = 0, []
        with urllib.request.urlopen(f"{base}/quotes/search_quotes.csv?q={word}", timeout=600) as response:
            reader = csv.reader(io.TextIOWrapper(response, encoding="utf-8", newline=""))
            next(reader)
            for _ in reader:
                rows += 1
                if rows % 10_000 == 0:
                    samples.append(rss_kb(process.pid))
        seconds = time.perf_counter() - started
    if rows != count:
        raise SystemExit(f"the export of {word!r} gave {rows:,} rows, not the {count:,} that match")
    growth = samples[-1] / samples[0] if len(samples) > 1 else 1.0
    table.add(
        f"full export CSV of {rows:,} matches, rows/s (realistic)",
        rows / seconds,
        bare_rows / bare_seconds,
        "rows/s",
        TARGETS["export"],
        fmt="{:,.0f}",
    )
    table.add(
        "  server RSS while exporting: last sample / after 10k rows",
        growth,
        None,
        f"× ({samples[0] / 1024:.0f} → {samples[-1] / 1024:.0f} MB)" if samples else "×",
        "flat (≈ 1×)",
    )


def run(
    table,
    work: Path,
    quick: bool,
    db: Path | None = None,
    export: bool = True,
    only: list[str] | None = None,
    shards: Path | None = None,
) -> None:
    from bench import sample_queries

    path = db or realistic_corpus(work, 100_000 if quick else 1_000_000)
    sample = Sample(path)
    words = sample_queries(sample.texts, 100 if quick else 300)
    bench_pages(table, path, sample, words, only, shards)
    bench_ranked_search(table, path, words, shards, only)
    if export and chosen({"full export": 1}, only):
        bench_export(table, path, sample)


def main() -> None:
    from bench import Table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100k quotes instead of 1M")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "quote-bench")
    parser.add_argument("--db", type=Path, help="time this realistic database instead of building one")
    parser.add_argument("--cpu", action="store_true", help="time requests by this process's CPU time, not wall-clock")
    parser.add_argument("--skip-export", action="store_true", help="leave out the full export (a served process)")
    parser.add_argument("--only", action="append", help="only the figures whose name holds this text (repeatable)")
    parser.add_argument("--shards", type=Path, help="also search this folder of shards' corpus database (same quotes)")
    args = parser.parse_args()
    table = Table()
    global clock
    clock = CLOCKS["cpu" if args.cpu else "wall"]
    run(table, args.work, args.quick, args.db, not args.skip_export, args.only, args.shards)
    print("\n" + table.markdown())


if __name__ == "__main__":
    main()
