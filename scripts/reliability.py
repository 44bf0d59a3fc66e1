"""make reliability: run the fault scenarios against the real CLI and Datasette and print what was
tried and what survived, so the figures can be quoted.

    .venv/bin/python -m scripts.reliability [--articles 300] [--big-mb 50] [--kills 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

from scripts.faults import (
    HALF_WRITTEN_SQL,
    HOSTILE_SEARCHES,
    REPO,
    build_bad_inputs,
    database_problems,
    make_corpus,
    rejection,
    table_counts,
)
from scripts.hostile_cases import run_all


def run(db: Path, *args, **popen) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "ingest", str(db), *map(str, args)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, **popen)


def start(db: Path, *args) -> subprocess.Popen:
    command = [sys.executable, "-m", "ingest", str(db), *map(str, args)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def verdict(problems: list[str]) -> str:
    return "integrity ok" if not problems else "PROBLEMS: " + "; ".join(problems)


def bad_inputs(work: Path) -> bool:
    print("\n## Bad input")
    expected = build_bad_inputs(work / "bad")
    missing = work / "no-such-file.txt"
    result = run(work / "bad.db", work / "bad", missing)
    stored = {row[0] for row in sqlite3.connect(work / "bad.db").execute("select path from articles")}
    wrong = 0
    for item in expected:
        reason = rejection(result.stderr, item.path)
        ok = (reason is not None and item.reason in reason) if item.reason else str(item.path) in stored
        wrong += not ok
        shown = Path(item.path).relative_to(work) if str(item.path).startswith(str(work)) else item.path
        print(f"  {'ok ' if ok else 'BAD'} {str(shown):34} {reason or 'ingested'}")
    rejected = sum(1 for item in expected if item.reason) + 1
    summary = result.stderr.strip().splitlines()[-1]
    print(f"  {missing.name:38} {rejection(result.stderr, missing)}")
    print(f"inputs tried: {len(expected) + 1}, rejected with one line: {rejected}, ingested: {len(stored)},")
    print(f"  tracebacks: {result.stderr.count('Traceback')}, exit status {result.returncode} ({summary})")
    print(f"  wrong outcomes: {wrong}, {verdict(database_problems(work / 'bad.db'))}")
    return wrong == 0 and "Traceback" not in result.stderr and result.returncode == 1


def huge_line(work: Path, megabytes: int) -> bool:
    print(f"\n## A {megabytes} MB file on one line")
    path = work / "huge.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(megabytes):
            out.write(("‘Yes,’ said Jane Doe, and nothing else. " * 25_000)[:1_000_000])
    started = time.perf_counter()
    result = run(work / "huge.db", path, REPO / "seeds")
    seconds = time.perf_counter() - started
    reason = rejection(result.stderr, path)
    print(f"  {reason}")
    print(f"  refused in {seconds:.1f} s (whole run, the seed article still added: {'1 added' in result.stdout})")
    return reason is not None and "1 added" in result.stdout


def idempotency(work: Path, corpus: Path) -> bool:
    print("\n## Same files twice, then changed files")
    db = work / "twice.db"
    run(db, corpus)
    first = table_counts(db)
    second_run = run(db, corpus)
    same = table_counts(db) == first
    print(f"  second run: {second_run.stdout.split(' in ')[0]}; counts in all {len(first)} tables equal: {same}")
    changed = sorted(corpus.glob("*.txt"))[:10]
    originals = {path: path.read_text(encoding="utf-8") for path in changed}
    for path in changed:
        path.write_text("‘Only this is left,’ said Pat Rivers.\n", encoding="utf-8")
    third_run = run(db, corpus)
    conn = sqlite3.connect(db)
    leftovers = sum(
        conn.execute(
            "select count(*) from paragraphs_fts join paragraphs on paragraphs.id = paragraphs_fts.rowid"
            " join articles on articles.id = paragraphs.article_id"
            " where paragraphs_fts match 'Taliban' and articles.path = ?",
            [str(path)],
        ).fetchone()[0]
        for path in changed
    )
    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")
    problems = database_problems(db)
    print(f"  10 files changed: {third_run.stdout.split(' in ')[0]}; FTS hits for their removed text: {leftovers}")
    print(f"  {verdict(problems)}")
    return same and leftovers == 0 and not problems


def kill_nine(work: Path, corpus: Path, kills: int, articles: int) -> bool:
    print(f"\n## kill -9 in the middle of an ingest ({kills} times), then the same command again")
    reference = work / "reference.db"
    run(reference, corpus)
    expected = table_counts(reference)
    db = work / "killed.db"
    ok = True
    for number in range(1, kills + 1):
        target = articles * number // (kills + 1)
        process = start(db, corpus, "--batch-size", "5")
        while process.poll() is None and articles_in(db) < target:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        problems = database_problems(db)
        print(f"  killed at {articles_in(db)}/{articles} articles stored: {verdict(problems)}")
        ok &= not problems
    rerun = run(db, corpus)
    lost = {table: count - table_counts(db)[table] for table, count in expected.items()}
    print(f"  re-run: {rerun.stdout.split(' in ')[0]}")
    print(f"  rows lost against an uninterrupted run: {sum(abs(n) for n in lost.values())} (per table {lost})")
    problems = database_problems(db)
    print(f"  {verdict(problems)}")
    return ok and not problems and not any(lost.values())


def articles_in(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def concurrent_readers(work: Path, corpus: Path) -> bool:
    print("\n## Readers while an ingest writes (WAL)")
    db = work / "readers.db"
    run(db, REPO / "seeds")
    writer = start(db, corpus, "--batch-size", "1")
    reads, errors, half = [0], [], []

    def reader() -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0, check_same_thread=False)
        while writer.poll() is None:
            try:
                half.extend(conn.execute(HALF_WRITTEN_SQL).fetchall())
                reads[0] += 1
            except sqlite3.Error as error:
                errors.append(str(error))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = articles_in(db) - 1
    print(
        f"  {reads[0]} reads by 3 readers (no busy timeout) while {written} articles were written, one per transaction"
    )
    print(f"  'database is locked' or other errors: {len(errors)}, half-written articles seen: {len(half)}")
    return writer.returncode == 0 and not errors and not half


def hostile_requests(work: Path) -> bool:
    print("\n## Hostile search and form input to Datasette")
    from datasette.app import Datasette

    db = work / "quotes.db"
    run(db, REPO / "seeds")
    metadata = yaml.safe_load((REPO / "metadata.yml").read_text())
    queries = metadata["databases"]["quotes"]["queries"]
    datasette = Datasette(
        [str(db)],
        metadata=metadata,
        plugins_dir=str(REPO / "plugins"),
        template_dir=str(REPO / "templates"),
        settings={"sql_time_limit_ms": 3000},
    )
    paths = [f"/quotes/{t}?_search={{}}" for t in ("quotes", "paragraphs", "speakers")]
    paths += [f"/quotes/{t}?_search={{}}&_searchmode=raw" for t in ("quotes", "paragraphs", "speakers")]
    for name, query in queries.items():
        for param in sorted(set(re.findall(r"(?<![:\w]):(\w+)", query["sql"]))) or ["_"]:
            paths.append(f"/quotes/{name}?{param}={{}}")

    async def fetch() -> dict[int, int]:
        statuses: dict[int, int] = {}
        for path in paths:
            for text in HOSTILE_SEARCHES:
                response = await datasette.client.get(path.format(urllib.parse.quote(text)))
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        return statuses

    with contextlib.redirect_stderr(io.StringIO()):  # Datasette logs each refused FTS query there
        statuses = asyncio.run(fetch())
    total = sum(statuses.values())
    print(
        f"  {len(HOSTILE_SEARCHES)} hostile strings x {len(paths)} search boxes and query parameters = {total} requests"
    )
    print(f"  responses: {dict(sorted(statuses.items()))}; 500s: {statuses.get(500, 0)}")
    return set(statuses) <= {200, 400}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles in the kill -9 and re-run corpus")
    parser.add_argument("--big-mb", type=int, default=50, help="size of the one-line file")
    parser.add_argument("--kills", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reliability-") as folder:
        work = Path(folder)
        corpus = work / "corpus"
        make_corpus(corpus, args.articles)
        results = {
            "bad input": bad_inputs(work),
            "huge line": huge_line(work, args.big_mb),
            "idempotency": idempotency(work, corpus),
            "kill -9": kill_nine(work, corpus, args.kills, args.articles),
            "readers": concurrent_readers(work, corpus),
            "hostile input": hostile_requests(work),
            "issue 18 cases": run_all(work),
        }
    print("\n## Summary")
    for name, ok in results.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    sys.exit(0 if all(results.values()) else 1)


if __name__ == "__main__":
    main()
