"""Quotes that travel (ingest/quotations.py): grouping rules, order independence, the stored tables."""

from __future__ import annotations

import json
import random

import pytest
import sqlite_utils

from ingest import quotations_store
from ingest.corpus import refresh_corpus
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.quotations import MIN_WORDS, QuoteRow, group_quotations
from ingest.quotations_store import refresh_quotations
from ingest.store import delete_article_rows, open_db, save_records

from .conftest import ingest, make_datasette, refreshed_copy

LONG = "We will not rest until every family in this state has clean water"


def rows(*texts_and_outlets):
    return [
        QuoteRow(i + 1, f"article-{i}", 0, text, f"2021-0{1 + i % 9}-01", outlet)
        for i, (text, outlet) in enumerate(texts_and_outlets)
    ]


def test_near_exact_copies_are_one_quotation_and_parts_are_linked():
    quotes = rows(
        (LONG, "A"),
        (LONG.upper() + "!!", "B"),  # case and punctuation
        ("  we will not rest until every family in this state has clean water. ", "C"),  # spacing
        ("will not rest until every family in this state has clean", "C"),  # a word trimmed at each end
        ("every family in this state", "D"),  # a contiguous part: linked, not merged
        ("Trump", "A"),
        ("Trump", "B"),  # under four words: no quotation across articles
    )
    quotations, assignment, parts = group_quotations(quotes)
    long_id = assignment[1]
    assert [assignment[i] for i in (1, 2, 3, 4)] == [long_id] * 4
    assert assignment[5] != long_id and (long_id, assignment[5]) in parts
    assert assignment[6] != assignment[7]
    first = next(q for q in quotations if q.id == long_id)
    assert (first.text, first.first_outlet, first.first_published) == (LONG, "A", "2021-01-01")
    assert (first.article_count, first.outlet_count, first.quote_count) == (4, 3, 4)
    assert len(quotations) == 4 and MIN_WORDS == 4


def test_the_result_does_not_depend_on_the_order_of_the_rows():
    quotes = rows(*[(LONG, "A"), (LONG[3:], "B"), ("every family in this state", "C"), ("No.", "D")] * 3)
    expected = group_quotations(quotes)
    for seed in range(5):
        shuffled = quotes[:]
        random.Random(seed).shuffle(shuffled)
        assert group_quotations(shuffled) == expected


async def test_ingest_stores_quotations_and_pages_show_them(tmp_path):
    text = f"‘{LONG},’ said Jane Doe, a senator.\n"
    records = [
        {"id": "a", "outlet": "Daily Planet", "published": "2021-07-01", "title": "First", "text": text},
        {"id": "b", "outlet": "The Ledger", "published": "2021-07-03", "title": "Copy", "text": text},
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    assert ingest(tmp_path / "quotes.db", tmp_path / "in.jsonl").exit_code == 0
    datasette = make_datasette(tmp_path / "quotes.db")
    db = datasette.get_database("quotes")
    assert (await db.execute("select count(*) from quotes where quotation_id is null")).rows[0][0] == 0
    top = (await datasette.client.get("/quotes/quotations_repeated.json?_shape=array")).json()
    assert top[0]["outlet_count"] == 2 and top[0]["first_outlet"] == "Daily Planet"
    page = await datasette.client.get(f"/quotes/quotation?id={top[0]['quotation_id']}")
    assert page.status_code == 200 and "The Ledger" in page.text and "Daily Planet" in page.text
    for bad in ("x", "-1", "99999999999999999999999"):
        assert (await datasette.client.get(f"/quotes/quotation?id={bad}")).status_code in (200, 400)


# Sentences whose cuts chain (a word or two trimmed at either end), contain each other (a longer cut)
# and repeat across articles, outlets and dates.
SENTENCES = [
    LONG,
    "The budget will be balanced by the end of next year without raising a single tax",
    "Nobody in this building believed the report until the second audit came back last week",
    "We have every reason to think the bridge will open on time and under budget",
]


def quoted_article(rng: random.Random, number: int):
    """An article of a few quotes cut from SENTENCES, each in its own paragraph with its speaker."""
    paragraphs = []
    for _ in range(rng.randint(2, 5)):
        words = rng.choice(SENTENCES).split()
        start, end = rng.choice([(0, 0), (0, 0), (1, 0), (0, 2), (2, 1), (3, 0), (0, 5), (4, 4), (6, 3)])
        cut = " ".join(words[start : len(words) - end])
        if rng.random() < 0.2:
            cut = " ".join(words[:2])  # a quote under MIN_WORDS words: a quotation of its own
        paragraphs.append(f"“{cut.capitalize()},” said {rng.choice(['Jane Doe', 'John Roe', 'Ann Poe'])}.")
    return process_article(
        Article(
            path=f"article-{number}.txt",
            text="\n\n".join(paragraphs) + "\n",
            outlet=rng.choice(["Daily Planet", "The Bugle", "Globe"]),
            published=f"2016-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        )
    )


def quotation_tables(conn) -> dict[str, list]:
    queries = {
        "quotations": "select * from quotations",
        "quotation_parts": "select * from quotation_parts",
        "quotation_keys": "select words, quotation_id from quotation_keys",
        "quotes": "select id, quotation_id from quotes",
    }
    return {table: sorted(conn.execute(sql).fetchall(), key=repr) for table, sql in queries.items()}


def regrouped(db: sqlite_utils.Database) -> dict[str, list]:
    """The quotation tables grouping every quote again gives, on a copy of the database."""
    return quotation_tables(refreshed_copy(db, lambda copy: refresh_quotations(copy, everything=True)))


@pytest.mark.parametrize("seed", range(3))
def test_quotations_of_what_changed_equal_grouping_everything_in_any_order_of_batches(tmp_path, seed, monkeypatch):
    rng = random.Random(seed)
    records = [quoted_article(rng, number) for number in range(24)]
    replacement = quoted_article(rng, 99)
    replacement.article.path = records[3].article.path  # the same article, other quotes: it replaces it
    db = open_db(str(tmp_path / "quotes.db"))
    changed_batches = []
    regroup_changed = quotations_store.regroup_changed

    def counted(db):
        changed_batches.append(db)
        regroup_changed(db)

    monkeypatch.setattr(quotations_store, "regroup_changed", counted)
    batches = [records[:8], *([record] for record in records[8:20]), [*records[20:], replacement]]
    for batch in batches:
        save_records(db, batch)
        refresh_corpus(db)
        assert quotation_tables(db.conn) == regrouped(db)
    for path in (records[0].article.path, records[9].article.path):
        (deleted,) = db.execute("select id from articles where path = ?", [path]).fetchone()
        delete_article_rows(db, deleted)
        db.conn.commit()
        refresh_corpus(db)
        assert quotation_tables(db.conn) == regrouped(db)
    # An article moved (re-keyed: its short quotes' quotations are keyed by its path) and re-dated.
    moved = records[5].article.path
    db.execute("update articles set path = 'moved.txt', published = '2015-01-01' where path = ?", [moved])
    db.conn.commit()
    refresh_corpus(db)
    tables = quotation_tables(db.conn)
    assert tables == regrouped(db)
    assert len(changed_batches) >= 15  # the comparisons compared the grouping of what changed
    assert tables["quotation_parts"] and len(tables["quotations"]) < len(tables["quotes"]) / 2
    assert not db.execute("select 1 from quotation_pending").fetchone()
