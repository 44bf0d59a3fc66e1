"""Quotes that travel (ingest/quotations.py): grouping rules, order independence, the stored tables."""

from __future__ import annotations

import json
import random

from ingest.quotations import MIN_WORDS, QuoteRow, group_quotations

from .conftest import ingest, make_datasette

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
