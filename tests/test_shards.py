"""A corpus split into shards (ingest/shards.py) and served as one database (plugins/shards.py):
every row in exactly one shard, and the pages of the folder answering as those of the single file."""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import random
import sqlite3
import sys
import threading

import pytest

from ingest import corpus_store, quotations_store
from ingest import shards as shards_module
from ingest.corpus_shards import refresh_corpus_over_shards
from ingest.fts import OUTLET_INDEX
from ingest.shards import CORPUS_FILE, content_of, load_shards, shard_files, split_database, writer_start_method
from ingest.summaries import SUMMARIES
from scripts import compare_shards

from .conftest import REPO, SEED, ingest, load_plugin, make_datasette
from .test_bulk import extracted

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate  # noqa: E402

OUTLETS = ["Daily Planet", "The Bugle", "Globe"]


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """One database of 60 generated articles over three years and three outlets, and the seed."""
    folder = tmp_path_factory.mktemp("single")
    records = folder / "articles.jsonl"
    with records.open("w") as out:
        for number, text in enumerate(generate(60, seed=5)):
            published = f"{2014 + number % 3}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            record = {"id": number, "text": text, "published": published, "outlet": OUTLETS[number % 3]}
            out.write(json.dumps(record) + "\n")
        out.write(json.dumps({"id": "seed", "text": SEED.read_text(), "outlet": "Globe"}) + "\n")
    path = folder / "quotes.db"
    result = ingest(path, records)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def sharded(single, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sharded")
    names = split_database(single, folder, "year")
    assert sorted(names) == ["2014", "2015", "2016", "undated"]
    return folder / CORPUS_FILE


def rows(path, table):
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[1] != "ingested_at"]
    return sorted(conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table}]").fetchall())


def test_every_article_row_is_in_exactly_one_shard(single, sharded):
    shards = [path for _, path in shard_files(sharded)]
    for table in ("articles", "paragraphs", "quotes", "affiliations", "speaker_aliases"):
        union = sorted(row for path in shards for row in rows(path, table))
        assert union == rows(single, table), table
    assert rows(sharded, "speakers") == rows(single, "speakers")
    for path in shards:
        conn = sqlite3.connect(path)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        for table in ("quotes", "paragraphs", "speakers"):
            conn.execute(f"insert into {table}_fts({table}_fts) values ('integrity-check')")
            assert (
                conn.execute(f"select count(*) from {table}_fts").fetchone()
                == conn.execute(f"select count(*) from {table}").fetchone()
            )
    indexed = f"select rowid, text, outlet from {OUTLET_INDEX}"
    union = sorted(row for path in shards for row in sqlite3.connect(path).execute(indexed))
    assert union == sorted(sqlite3.connect(single).execute(indexed)) and union


async def page(datasette, page_name, **params):
    response = await datasette.client.get(f"/quotes/{page_name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def both(single, sharded):
    return make_datasette(single), make_datasette(sharded)


def most_quoted(single) -> int:
    conn = sqlite3.connect(single)
    return conn.execute(
        "select speaker_id from quotes where speaker_id is not null group by 1 order by count(*) desc"
    ).fetchone()[0]


@pytest.fixture(scope="module", params=["year", "outlet"])
def folders(request, single, tmp_path_factory):
    """The single database split by year or by outlet, its corpus-wide tables emptied and then made
    again by the corpus-wide steps over the shards (as after a load into shards)."""
    folder = tmp_path_factory.mktemp(f"by-{request.param}")
    split_database(single, folder, request.param)
    with contextlib.closing(sqlite3.connect(folder / CORPUS_FILE)) as corpus:
        for table in ("quotations", "quotation_parts", *SUMMARIES):
            corpus.execute(f"delete from [{table}]")
        corpus.commit()
    for _, path in shard_files(folder / CORPUS_FILE):
        with contextlib.closing(sqlite3.connect(path)) as shard:
            shard.execute("update quotes set quotation_id = null")
            shard.commit()
    refresh_corpus_over_shards(folder)
    return make_datasette(single), make_datasette(folder / CORPUS_FILE), folder


def test_the_corpus_wide_tables_over_shards_are_the_single_databases(single, folders):
    _, _, folder = folders
    for table in ("quotations", "quotation_parts", *SUMMARIES):
        assert rows(folder / CORPUS_FILE, table) == rows(single, table), table
    quotation_ids = sorted(row for _, path in shard_files(folder / CORPUS_FILE) for row in quotation_of_quotes(path))
    assert quotation_ids == quotation_of_quotes(single)


def quotation_of_quotes(path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("select id, quotation_id from quotes").fetchall())


@pytest.mark.parametrize("query", sorted(compare_shards.QUERIES))
async def test_every_canned_query_answers_on_shards_as_on_the_single_database(single, folders, query):
    """Blank, then with each filter, sort and page the query takes (scripts/compare_shards.py)."""
    if query in compare_shards.DIFFERENT_ON_SHARDS:
        pytest.skip(compare_shards.DIFFERENT_ON_SHARDS[query])
    one, many, _ = folders
    sample = compare_shards.Sample(single)
    cases = [params for name, params in compare_shards.canned_query_cases(sample) if name == query]
    assert cases
    for params in cases:
        expected = await compare_shards.canned_answer(one, query, params)
        assert expected[0] == 200
        assert await compare_shards.canned_answer(many, query, params) == expected, params


async def test_search_everything_on_shards_lists_each_hit_once_in_order(single, folders):
    one, many, _ = folders
    expected, got = await page(one, "search_all", q="said"), await page(many, "search_all", q="said")
    kinds = {"speaker": 0, "quote": 1, "paragraph": 2}
    assert [(kinds[r["type"]], r["rank"]) for r in got] == sorted((kinds[r["type"]], r["rank"]) for r in got)
    assert len({(r["type"], r["id"]) for r in got}) == len(got)
    assert {(r["type"], r["id"]) for r in expected} <= {(r["type"], r["id"]) for r in got}


async def test_the_search_answers_on_shards_as_on_the_single_database(single, folders):
    """The page (counts, facets, suggestions, results), its JSON and the full CSV export of each
    search: equal, except the order of ranked results (bm25 with each shard's own average length)."""
    one, many, _ = folders
    for params in compare_shards.search_cases(compare_shards.Sample(single)):
        expected = await compare_shards.search_answer(one, params)
        assert expected[0] == (200, 200, 200)
        assert await compare_shards.search_answer(many, params) == expected, params


@pytest.mark.parametrize("q", ["said", "president", '"the campaign"', "Trump Clinton"])
async def test_search_across_shards_finds_the_same_quotes(both, q):
    one, many = both
    expected, got = await page(one, "search_quotes", q=q), await page(many, "search_quotes", q=q)
    assert {r["quote_id"] for r in got} == {r["quote_id"] for r in expected}
    ranks = [(r["short_quote"], r["rank"]) for r in got]  # fragments (too short for a statement) after statements
    assert ranks == sorted(ranks)
    # Rescaled to the corpus's IDF, each rank is within a few percent of the single file's bm25
    # (what remains is each shard's own average quote length).
    single_rank = {r["quote_id"]: r["rank"] for r in expected}
    assert all(abs(r["rank"] - single_rank[r["quote_id"]]) <= 0.15 * abs(single_rank[r["quote_id"]]) for r in got)


async def test_shards_together_rank_the_matches_a_single_file_ranks(both, monkeypatch):
    """An unfiltered search past RANKED_LIMIT matches ranks the corpus's RANKED_LIMIT most recently
    ingested matches over shards too (not RANKED_LIMIT in each shard)."""
    from datasette.plugins import pm

    monkeypatch.setattr(pm.get_plugin("quote_search.py"), "RANKED_LIMIT", 9)
    one, many = both
    expected, got = await page(one, "search_quotes", q="said"), await page(many, "search_quotes", q="said")
    assert len(expected) == 9
    assert {r["quote_id"] for r in got} == {r["quote_id"] for r in expected}


async def test_the_count_of_one_phrase_over_shards_is_what_ranking_it_needs(sharded, monkeypatch):
    """Each shard's count of a search of one word or phrase is the number bm25's IDF needs of it
    (plugins/shards.py phrase_count): kept from the search's count, not counted again to rank. The
    ranks are those of counting it for ranking. (The JSON object: the array of rows makes no count.)"""
    answers = []
    for kept in (True, False):
        many = make_datasette(sharded)  # nothing counted yet
        await many.invoke_startup()
        db = many.get_database("quotes")
        if not kept:
            monkeypatch.setattr(db, "keep_phrase_counts", lambda *args: asyncio.sleep(0))
        statements = []
        for shard in db.shards:

            async def execute(sql, *args, real=shard.execute, seen=statements, **kwargs):
                seen.append(sql)
                return await real(sql, *args, **kwargs)

            monkeypatch.setattr(shard, "execute", execute)
        response = await many.client.get("/quotes/search_quotes.json", params={"q": "said"})
        answers.append(response.json()["rows"])
        counted_to_rank = [sql for sql in statements if "match :p" in sql]
        assert len(counted_to_rank) == (0 if kept else len(db.shards))
    assert answers[0] == answers[1] and answers[0]


async def test_a_single_file_is_served_as_before(both):
    one, _ = both
    assert (await one.client.get("/quotes/search_quotes?q=said")).status_code == 200


def test_writers_are_spawned_while_another_thread_runs():
    """A fork copies the locks other threads hold: writers are forked only where no other runs."""
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert writer_start_method() == "spawn"
    finally:
        stop.set()
        waiting.join()
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        assert writer_start_method() == "fork"


@pytest.mark.slow
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_shards_written_in_parallel_hold_what_one_ingest_stores(single, tmp_path, monkeypatch, start_method):
    """load_shards: two writer processes (forked or spawned), one shard per year; by content, the
    union of the shards is the single database, and a speaker has one id in every shard that names
    them."""
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} here")
    monkeypatch.setattr(shards_module, "writer_start_method", lambda: start_method)
    conn = sqlite3.connect(single)
    (path,) = conn.execute("select path from articles limit 1").fetchone()
    records = path.split("#")[0]
    rows = extracted(records)
    counts = load_shards(rows, tmp_path / "folder", "year", writers=2)
    refresh_corpus_over_shards(tmp_path / "folder")  # as the load verb does after load_shards
    assert counts == {"added": 61, "replaced": 0, "unchanged": 0, "moved": 0}
    shards = [p for _, p in shard_files(tmp_path / "folder" / CORPUS_FILE)]
    assert len(shards) == 4
    assert content_of(shards) == content_of([single])
    # and the corpus-wide tables (summaries, quotations), ids replaced by what they name
    assert compare_shards.same_content(single, tmp_path / "folder" / CORPUS_FILE) == []
    ids = {}
    for shard in shards:
        for key, speaker_id in sqlite3.connect(shard).execute("select key, id from speakers"):
            assert ids.setdefault(key, speaker_id) == speaker_id
    corpus = dict(sqlite3.connect(tmp_path / "folder" / CORPUS_FILE).execute("select key, id from speakers"))
    assert corpus == ids
    again = load_shards(rows, tmp_path / "folder", "year", writers=2)
    assert again == {"added": 0, "replaced": 0, "unchanged": 61, "moved": 0}


@pytest.mark.slow
def test_a_second_load_into_shards_redoes_only_what_changed_and_holds_what_one_ingest_stores(
    single, tmp_path, monkeypatch
):
    """The corpus-wide steps after a second load into a folder of shards read what the shards'
    triggers noted (summary_pending, quotation_pending) and redo only that, as on one database:
    the folder then holds what one ingest of every article stores."""
    (path,) = sqlite3.connect(single).execute("select path from articles limit 1").fetchone()
    rows = extracted(path.split("#")[0])
    folder = tmp_path / "folder"
    load_shards(rows[:45], folder, "year", writers=2)
    refresh_corpus_over_shards(folder)
    incremental = []
    for module, name in ((quotations_store, "regroup_changed"), (corpus_store, "note_changed_keys")):
        monkeypatch.setattr(module, name, counted(getattr(module, name), incremental))
    load_shards(rows[45:], folder, "year", writers=2)
    refresh_corpus_over_shards(folder)
    assert len(incremental) == 2  # the quotations and the summaries of what changed only
    shards = [p for _, p in shard_files(folder / CORPUS_FILE)]
    assert content_of(shards) == content_of([single])
    assert compare_shards.same_content(single, folder / CORPUS_FILE) == []
    for shard in shards:
        with contextlib.closing(sqlite3.connect(shard)) as conn:
            assert not conn.execute(
                "select 1 from summary_pending union all select 1 from quotation_pending"
            ).fetchall()


def counted(step, calls: list):
    def step_counted(*args, **kwargs):
        calls.append(step)
        return step(*args, **kwargs)

    return step_counted


@pytest.mark.parametrize("seed", range(4))
def test_merged_rows_are_ordered_as_sqlite_orders_them(seed):
    """plugins/shards.py `ordered` (one pass for neighbouring columns of one type, sort_key for the
    rest) against SQLite's ORDER BY of the same rows: NULLs, numbers and text mixed in some columns,
    ties everywhere, directions mixed; rows equal on every key keep their order (the row number)."""
    rng = random.Random(seed)
    values = [None, 1, 2, 2.5, "2016-01-02", "2016-01-10", "b", "B"]
    rows = []
    for number in range(400):
        mixed = rng.choice(values)
        published = rng.choice(values[4:]) if seed % 2 else rng.choice([None, *values[4:]])  # NULLs, or text alone
        rows.append((rng.randrange(2), published, rng.randrange(5), mixed, rng.randrange(3), number))
    columns = ["undated", "published", "article_id", "mixed", "small", "number"]
    order = [(c, rng.random() < 0.5) for c in columns[:5]]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"create table t ({', '.join(columns)})")
    conn.executemany("insert into t values (?, ?, ?, ?, ?, ?)", rows)
    by = ", ".join(f"{c}{' desc' if d else ''}" for c, d in order)
    expected = conn.execute(f"select * from t order by {by}, number").fetchall()
    shards = load_plugin("shards")
    got = shards.ordered(rows, order, {c: i for i, c in enumerate(columns)})
    assert got == expected


def test_the_corpus_latest_matches_start_where_a_sort_of_every_listed_id_says():
    """quote_search.latest_from merges the shards' lists (each highest id first) and reads only
    the first n: the same id as sorting every listed id, and 0 when fewer than n are listed."""
    rng = random.Random(3)
    ids = rng.sample(range(1, 100_000), 5_000)
    lists = [sorted(ids[part::4], reverse=True) for part in range(4)]
    listed = [",".join(map(str, ids)) for ids in lists] + [None]  # a shard with no match lists nothing
    latest_from = load_plugin("quote_search").latest_from
    for n in (1, 7, 1_000, 4_999, 5_000):
        assert latest_from(listed, n) == sorted(ids, reverse=True)[n - 1]
    assert latest_from(listed, 5_001) == 0
    assert latest_from([None, None], 1) == 0
