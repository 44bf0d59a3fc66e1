"""A corpus split into shards (ingest/shards.py) and served as one database (plugins/shards.py):
every row in exactly one shard, and the pages of the folder answering as those of the single file."""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest

from ingest.corpus_shards import refresh_corpus_over_shards
from ingest.shards import CORPUS_FILE, content_of, load_shards, shard_files, split_database

from .conftest import REPO, SEED, ingest, make_datasette
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


@pytest.mark.parametrize(
    "name, params",
    [
        ("speaker", {"id": "SPEAKER"}),
        ("quote", {"id": "5"}),
        ("article", {"id": "7"}),
        ("article_info", {"id": "61"}),
        ("top_speakers", {}),
        ("quotes_by_speaker", {"name": "a"}),
    ],
)
async def test_pages_of_the_shards_answer_as_the_single_database(both, single, name, params):
    params = {k: str(most_quoted(single)) if v == "SPEAKER" else v for k, v in params.items()}
    one, many = both
    expected = await page(one, name, **params)
    assert expected
    assert comparable(await page(many, name, **params)) == comparable(expected)


def comparable(rows: list[dict]) -> list[dict]:
    """group_concat lists in any order: SQLite does not define it."""
    lists = ("roles", "organizations", "speaker_names")
    return [{k: sorted(set(v.split(","))) if k in lists and v else v for k, v in row.items()} for row in rows]


async def test_profile_and_overview_add_up_across_shards(both, single):
    one, many = both
    speaker = str(most_quoted(single))
    expected, got = await page(one, "speaker_profile", id=speaker), await page(many, "speaker_profile", id=speaker)
    assert [(r["name"], r["quotes"], r["articles"]) for r in got] == [
        (r["name"], r["quotes"], r["articles"]) for r in expected
    ]
    assert sorted(json.loads(got[0]["other_names"])) == sorted(json.loads(expected[0]["other_names"]))
    articles = {json.dumps(a, sort_keys=True) for a in json.loads(expected[0]["affiliations"])}
    assert {json.dumps(a, sort_keys=True) for a in json.loads(got[0]["affiliations"])} == articles
    (one_counts,), (many_counts,) = await page(one, "overview"), await page(many, "overview")
    for column in ("articles", "paragraphs", "quotes", "attributed_quotes"):
        assert many_counts[column] == one_counts[column]


@pytest.mark.parametrize("q", ["said", "president", '"the campaign"', "Trump Clinton"])
async def test_search_across_shards_finds_the_same_quotes(both, q):
    one, many = both
    expected, got = await page(one, "search_quotes", q=q), await page(many, "search_quotes", q=q)
    assert {r["quote_id"] for r in got} == {r["quote_id"] for r in expected}
    ranks = [(r["short_quote"], r["rank"]) for r in got]  # quotes of one or two words after statements
    assert ranks == sorted(ranks)
    # Rescaled to the corpus's IDF, each rank is within a few percent of the single file's bm25
    # (what remains is each shard's own average quote length).
    single_rank = {r["quote_id"]: r["rank"] for r in expected}
    assert all(abs(r["rank"] - single_rank[r["quote_id"]]) <= 0.15 * abs(single_rank[r["quote_id"]]) for r in got)


async def test_a_single_file_is_served_as_before(both):
    one, _ = both
    assert (await one.client.get("/quotes/search_quotes?q=said")).status_code == 200


@pytest.mark.slow
def test_shards_written_in_parallel_hold_what_one_ingest_stores(single, tmp_path):
    """load_shards: two writer processes, one shard per year; by content, the union of the shards
    is the single database, and a speaker has one id in every shard that names them."""
    conn = sqlite3.connect(single)
    (path,) = conn.execute("select path from articles limit 1").fetchone()
    records = path.split("#")[0]
    rows = extracted(records)
    counts = load_shards(rows, tmp_path / "folder", "year", writers=2)
    refresh_corpus_over_shards(tmp_path / "folder")  # as the load verb does after load_shards
    assert counts == {"added": 61, "replaced": 0, "unchanged": 0}
    shards = [p for _, p in shard_files(tmp_path / "folder" / CORPUS_FILE)]
    assert len(shards) == 4
    assert content_of(shards) == content_of([single])
    ids = {}
    for shard in shards:
        for key, speaker_id in sqlite3.connect(shard).execute("select key, id from speakers"):
            assert ids.setdefault(key, speaker_id) == speaker_id
    corpus = dict(sqlite3.connect(tmp_path / "folder" / CORPUS_FILE).execute("select key, id from speakers"))
    assert corpus == ids
    again = load_shards(rows, tmp_path / "folder", "year", writers=2)
    assert again == {"added": 0, "replaced": 0, "unchanged": 61}
