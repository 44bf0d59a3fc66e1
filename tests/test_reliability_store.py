"""The database stays correct whatever happens: re-runs, changed files, a failure half-way through an
article, kill -9 in the middle of a large ingest, and readers running while an ingest writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils

import ingest.store as store
from scripts.faults import HALF_WRITTEN_SQL, QUOTE, build_bad_inputs, database_problems, make_corpus, table_counts

from .conftest import REPO, SEED, ingest, make_datasette


def run_ingest(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", *map(str, args)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_same_files_twice_give_the_same_counts_in_every_table(tmp_path):
    build_bad_inputs(tmp_path / "corpus")
    make_corpus(tmp_path / "corpus" / "articles", 5)
    ingest(tmp_path / "q.db", tmp_path / "corpus")
    first = table_counts(tmp_path / "q.db")
    result = ingest(tmp_path / "q.db", tmp_path / "corpus")
    assert "0 added, 0 replaced, 12 unchanged" in result.stdout
    assert table_counts(tmp_path / "q.db") == first
    assert first["articles"] == 12 and first["quotes_fts"] == first["quotes"] > 200


def test_a_changed_file_is_replaced_completely(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(tmp_path / "q.db", article)
    article.write_text(QUOTE, encoding="utf-8")
    result = ingest(tmp_path / "q.db", article)
    assert "1 replaced" in result.stdout

    fresh = tmp_path / "fresh.db"
    ingest(fresh, article)
    assert table_counts(tmp_path / "q.db") == table_counts(fresh)  # nothing of the old version is left
    db = sqlite_utils.Database(tmp_path / "q.db")
    for fts, word in [("quotes_fts", "morale"), ("paragraphs_fts", "Taliban"), ("speakers_fts", "Watkins")]:
        assert db.execute(f"select count(*) from {fts} where {fts} match ?", [word]).fetchone()[0] == 0, fts
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'bridge'").fetchone()[0] == 1
    assert database_problems(tmp_path / "q.db") == []


@pytest.mark.parametrize("replacing", [False, True])
def test_a_failure_half_way_through_an_article_leaves_no_trace(tmp_path, monkeypatch, replacing):
    """Paragraphs, speakers and quotes are written before affiliations: make that last step fail
    and nothing of the article may remain (or, when replacing, the old version stays whole)."""
    article = tmp_path / "article.txt"
    article.write_text(QUOTE, encoding="utf-8")
    if replacing:
        ingest(tmp_path / "q.db", article)
        article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        ingest(tmp_path / "q.db", tmp_path / "other.txt")  # creates the database, adds nothing
    before = table_counts(tmp_path / "q.db")

    real_insert_rows = store.insert_rows

    def failing(db, table, *args, **kwargs):
        if table == "affiliations":
            raise sqlite3.OperationalError("disk I/O error")
        return real_insert_rows(db, table, *args, **kwargs)

    monkeypatch.setattr(store, "insert_rows", failing)
    result = ingest(tmp_path / "q.db", article)
    assert result.exit_code == 1 and "database error: disk I/O error" in result.stderr
    assert table_counts(tmp_path / "q.db") == before
    assert database_problems(tmp_path / "q.db") == []
    monkeypatch.undo()
    assert ingest(tmp_path / "q.db", article).exit_code == 0


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_a_sound_database_and_a_rerun_completes_it(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 300)  # long enough to be caught mid-way by a 50 ms poll
    reference = tmp_path / "reference.db"
    assert run_ingest(reference, corpus).wait() == 0

    db_path = tmp_path / "killed.db"
    process = run_ingest(db_path, corpus, "--batch-size", "4")
    while process.poll() is None and (not db_path.exists() or articles_in(db_path) < 30):
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = articles_in(db_path)
    assert 30 <= stored < 300
    assert database_problems(db_path) == []

    rerun = run_ingest(db_path, corpus)
    out, err = rerun.communicate()
    assert rerun.returncode == 0, err
    assert f"{300 - stored} added, 0 replaced, {stored} unchanged" in out
    assert table_counts(db_path) == table_counts(reference)
    assert database_problems(db_path) == []


def articles_in(db_path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # the writer has not created the table yet
        return 0


@pytest.mark.slow
def test_readers_never_see_a_locked_database_or_a_half_written_article(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 80)
    db_path = tmp_path / "q.db"
    ingest(db_path, SEED)  # the schema exists before the readers start
    writer = run_ingest(db_path, corpus, "--batch-size", "1")
    problems: list[str] = []
    reads = [0] * 3

    def reader(number: int) -> None:
        # Read-only, no busy timeout: as Datasette opens a database file.
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0, check_same_thread=False)
        while writer.poll() is None:
            try:
                problems.extend(map(str, conn.execute(HALF_WRITTEN_SQL).fetchall()))
                conn.execute("select count(*) from quotes_fts where quotes_fts match 'morale'").fetchone()
                reads[number] += 1
            except sqlite3.Error as error:
                problems.append(str(error))
        conn.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(len(reads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert writer.returncode == 0, writer.stderr.read()
    assert problems == []
    assert min(reads) > 0
    assert articles_in(db_path) == 81


def test_an_ingest_into_an_existing_database_never_changes_its_schema(tmp_path):
    """Readers re-read the schema whenever it changes, and a Datasette search doing so mid-ingest
    once failed to open the FTS index: batches must defer indexing without touching the schema."""
    make_corpus(tmp_path / "corpus", 30)
    db_path = tmp_path / "q.db"
    ingest(db_path, SEED)
    version = sqlite3.connect(db_path).execute("pragma schema_version").fetchone()[0]
    result = ingest(db_path, tmp_path / "corpus", "--batch-size", "3")
    assert "30 added" in result.stdout
    assert sqlite3.connect(db_path).execute("pragma schema_version").fetchone()[0] == version
    assert database_problems(db_path) == []
    assert sqlite3.connect(db_path).execute("select count(*) from fts_deferred").fetchone() == (0,)


@pytest.mark.slow
async def test_datasette_serves_every_request_while_an_ingest_writes(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 200)  # enough transactions that several rounds of requests overlap them
    db_path = tmp_path / "quotes.db"  # Datasette names the database after the file
    ingest(db_path, SEED)
    datasette = make_datasette(db_path)
    # Batches of 1: the most commits, each one a moment a reader could see something half done. (When
    # each batch swapped the FTS triggers, about 1 run in 20 got "vtable constructor failed".)
    writer = run_ingest(db_path, corpus, "--batch-size", "1")
    statuses = []
    while writer.poll() is None:
        for path in (
            "/quotes/articles.json",
            "/quotes/quotes_view.json?_size=5",
            "/quotes/search_quotes.json?q=bridge",
        ):
            response = await datasette.client.get(path)
            statuses.append((path, response.status_code, response.text[-400:] if response.status_code != 200 else ""))
    assert writer.returncode == 0
    assert [s for s in statuses if s[1] != 200] == []
    assert len(statuses) >= 3, "at least one round of requests ran while the ingest wrote"


@pytest.mark.slow
def test_two_ingests_into_one_database_both_complete(tmp_path):
    """Write transactions begin IMMEDIATE, so the second writer waits for the lock instead of
    failing with "database is locked" when its read transaction cannot be upgraded."""
    make_corpus(tmp_path / "a", 40)
    make_corpus(tmp_path / "b", 40)
    db_path = tmp_path / "q.db"
    ingest(db_path, SEED)
    writers = [run_ingest(db_path, tmp_path / name, "--batch-size", "1") for name in ("a", "b")]
    for writer in writers:
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert "40 added" in out
    assert articles_in(db_path) == 81
    assert database_problems(db_path) == []


def test_an_fts_index_left_without_its_triggers_is_rebuilt_on_open(seed_db_path):
    """enable_fts commits its statements one by one: a crash between them must not leave an
    index that later inserts never reach."""
    db = sqlite_utils.Database(seed_db_path)
    db.execute("drop trigger quotes_ai")
    db.execute("update paragraphs set text = text")  # any write; then a row the index misses:
    db.execute(
        "insert into quotes (article_id, paragraph_id, text, kind, start, [end], position)"
        " select article_id, paragraph_id, 'zanzibarian words', kind, 0, 5, 999 from quotes limit 1"
    )
    db.conn.commit()
    db.conn.close()
    assert any("quotes_fts integrity-check" in problem for problem in database_problems(seed_db_path))
    db = store.open_db(str(seed_db_path))
    assert not any("fts" in problem for problem in database_problems(seed_db_path))
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'zanzibarian'").fetchone()[0] == 1
    assert {"quotes_ai", "quotes_ad", "quotes_au"} <= {t.name for t in db.triggers}
