"""The search page (plugins/quote_search.py): pages that reach every match, the full export,
facets, browsing without words, suggestions, bad parameters."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sqlite3

import pytest
import sqlite_utils

from ingest.fts import OUTLET_INDEX, outlet_token_sql

from .conftest import ingest, make_datasette

OUTLETS = ["Daily Planet", "The Ledger", "City Post"]


@pytest.fixture(scope="module")
def search_db(tmp_path_factory):
    """60 articles in 3 outlets over 6 months; each quotes Jane Doe (a senator of the Green Party)
    and Jim Roe; one more quote is the single word "Disgrace"."""
    folder = tmp_path_factory.mktemp("search")
    lines = []
    for n in range(60):
        text = (
            f"‘We will win the vote on the bridge number {n} this year,’ said Jane Doe, "
            "a senator with the Green Party.\n\n"
            f"‘The bridge budget is a disgrace,’ said Jim Roe.\n\n"
            f"Supporters chanted ‘Trump’ outside the hall, according to Jim Roe.\n"
        )
        record = {"id": f"a{n}", "title": f"Bridge story {n}", "outlet": OUTLETS[n % 3], "text": text}
        record["published"] = f"2021-{1 + n % 6:02d}-{1 + n % 28:02d}"
        record["url"] = f"https://example.org/{n}"
        lines.append(json.dumps(record))
    path = folder / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert ingest(folder / "quotes.db", path).exit_code == 0
    db = sqlite_utils.Database(folder / "quotes.db")
    # A one-word quote, as a stance's object or a scare quote gives: bm25 alone would rank it first.
    db.execute(
        "insert into quotes (article_id, paragraph_id, text, kind, start, end, position)"
        " select article_id, id, 'Disgrace', 'direct', 0, 8, 99 from paragraphs order by id limit 1"
    )
    db.conn.commit()
    return folder / "quotes.db"


@pytest.fixture
def ds(search_db):
    return make_datasette(search_db)


async def page(ds, **params):
    response = await ds.client.get("/quotes/search_quotes.json", params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def test_pages_reach_every_match_in_a_stable_order(ds):
    first = await page(ds, q="bridge", _size=7)
    assert first["count"] >= 120 and first["pages"] == -(-first["count"] // 7)
    seen = []
    for number in range(1, first["pages"] + 1):
        seen += [row["quote_id"] for row in (await page(ds, q="bridge", _size=7, page=number))["rows"]]
    assert len(seen) == len(set(seen)) == first["count"]
    again = [row["quote_id"] for row in (await page(ds, q="bridge", _size=7, page=2))["rows"]]
    assert again == seen[7:14]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
async def test_browsing_pages_reach_every_quote_in_date_order_from_either_end(ds, sort):
    """Pages past the middle of a newest-first browse are read from the oldest end: the same rows."""
    everything = (await page(ds, sort=sort, _size=1000))["rows"]
    paged = []
    for number in range(1, -(-len(everything) // 11) + 1):
        paged += (await page(ds, sort=sort, _size=11, page=number))["rows"]
    assert [row["quote_id"] for row in paged] == [row["quote_id"] for row in everything]
    assert len({row["quote_id"] for row in paged}) == 301
    dates = [row["published"] for row in paged]
    assert dates == sorted(dates, reverse=sort == "newest")


async def test_one_word_quotes_rank_after_statements(ds):
    rows = (await page(ds, q="disgrace", _size=1000))["rows"]
    assert len(rows) == 61 and rows[-1]["quote"] == "Disgrace"


async def test_fragments_rank_after_statements_and_short_sentences_among_them(search_db, tmp_path):
    """A reported phrase of fewer than six words (the object of "called the budget") is a fragment
    like a one-word quote: after every statement. A direct sentence of three words is a statement."""
    path = tmp_path / "quotes.db"
    db = sqlite_utils.Database(path)
    with contextlib.closing(sqlite3.connect(search_db)) as source:
        source.backup(db.conn)  # the file with what its write-ahead log holds
    for text, kind in [("a disgrace of a budget", "indirect"), ("Budget? A disgrace.", "direct")]:
        db.execute(
            "insert into quotes (article_id, paragraph_id, text, kind, start, end, position)"
            " select article_id, id, ?, ?, 0, 8, 98 from paragraphs order by id limit 1",
            [text, kind],
        )
    db.conn.commit()
    rows = (await page(make_datasette(path), q="disgrace", _size=1000))["rows"]
    assert len(rows) == 63
    assert rows[0]["quote"] == "Budget? A disgrace."  # bm25 favours the shortest statement
    assert {row["quote"] for row in rows[-2:]} == {"Disgrace", "a disgrace of a budget"}
    assert [row["short_quote"] for row in rows] == [0] * 61 + [1] * 2


async def test_statements_come_first_when_fragments_fill_the_best_matches(search_db, tmp_path):
    """Only the best matches by bm25 are judged statement or fragment first (quote_search.CANDIDATES):
    when 600 one-word quotes outrank every statement, the first page is still the statements, and
    the pages still reach every match once, statements then fragments, each by rank."""
    path = tmp_path / "quotes.db"
    db = sqlite_utils.Database(path)
    with contextlib.closing(sqlite3.connect(search_db)) as source:
        source.backup(db.conn)
    db.execute(
        "with recursive copies(n) as (select 1 union all select n + 1 from copies where n < 4)"
        " insert into quotes (article_id, paragraph_id, text, kind, start, end, position)"
        " select article_id, id, 'Disgrace!', 'direct', 0, 9, 96 + n from paragraphs, copies order by id, n limit 600"
    )
    db.conn.commit()
    ds = make_datasette(path)
    first = await page(ds, q="disgrace", _size=50)
    assert first["count"] == 661
    assert [row["short_quote"] for row in first["rows"]] == [0] * 50
    seen = []
    for number in range(1, first["pages"] + 1):
        seen += (await page(ds, q="disgrace", _size=50, page=number))["rows"]
    assert len({row["quote_id"] for row in seen}) == 661
    order = [(row["short_quote"], row["rank"], row["quote_id"]) for row in seen]
    assert order == sorted(order) and order[59][0] == 0 and order[60][0] == 1


async def test_an_unfiltered_search_ranks_its_most_recent_matches(ds, monkeypatch):
    """Past RANKED_LIMIT matches, the ranked matches are the RANKED_LIMIT most recently ingested."""
    from datasette.plugins import pm

    monkeypatch.setattr(pm.get_plugin("quote_search.py"), "RANKED_LIMIT", 25)
    ranked = (await page(ds, q="bridge", _size=1000))["rows"]
    newest = (await page(ds, q="bridge", sort="newest", _size=1000))["rows"]
    assert len(ranked) == 25
    assert {row["quote_id"] for row in ranked} == set(sorted(row["quote_id"] for row in newest)[-25:])


@pytest.mark.parametrize(
    ("params", "counted"),
    [
        ({"q": "bridge"}, False),  # ranked, capped: read forwards whatever the count
        ({"q": "bridge", "page": "3"}, False),
        ({"q": "bridge", "sort": "newest"}, False),  # a first page
        ({"q": "bridge", "sort": "newest", "page": "15"}, True),  # past the middle: read from the far end
        ({"page": "20"}, True),
        ({"q": "bridge", "kind": "direct", "page": "9"}, False),  # filtered: counted with its page anyway
    ],
)
async def test_the_json_array_of_rows_holds_the_objects_rows_and_counts_only_to_read_from_the_far_end(
    ds, monkeypatch, params, counted
):
    """`_shape=array` gives the rows of the JSON object without the number of matches; the matches
    are counted (a whole doclist read for a common word) only when a page past the middle is read
    from the far end, which needs it."""
    from datasette.plugins import pm

    plugin = pm.get_plugin("quote_search.py")
    counts = []
    monkeypatch.setattr(plugin, "count_sql", lambda search, real=plugin.count_sql: counts.append(1) or real(search))
    params = {**params, "size": "7"}
    response = await ds.client.get("/quotes/search_quotes.json", params={**params, "_shape": "array"})
    assert response.status_code == 200
    assert bool(counts) == counted
    expected = await page(ds, **params)
    assert response.json() == expected["rows"] and len(expected["rows"]) == 7


async def test_browse_without_words_newest_first(ds):
    data = await page(ds, outlet="the ledger", _size=1000)
    assert data["count"] == 100 and {row["outlet"] for row in data["rows"]} == {"The Ledger"}
    dates = [row["published"] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    everything = await page(ds)
    assert everything["count"] == 301


async def test_full_export_has_every_match_with_plain_columns(ds):
    response = await ds.client.get("/quotes/search_quotes.csv", params={"q": "bridge", "published_from": "2021-03"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    count = (await page(ds, q="bridge", published_from="2021-03"))["count"]
    assert len(rows) == count == len({row["quote_id"] for row in rows}) == 80
    jane = next(row for row in rows if row["speaker"] == "Jane Doe")
    assert jane["role"] == "senator" and jane["organization"] == "Green Party"
    assert jane["outlet"] in OUTLETS and jane["published"] >= "2021-03" and jane["article_url"].startswith("https://")
    assert not any("<mark>" in value or value.startswith("[") for row in rows for value in row.values())
    streamed = await ds.client.get("/quotes/search_quotes.json", params={"q": "bridge", "_stream": "on"})
    assert len(streamed.json()) == 120


async def test_page_has_facets_pages_export_link_and_suggestions(ds):
    html = (await ds.client.get("/quotes/search_quotes", params={"q": "bridge"})).text
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "120 quotes matching bridge" in text
    for outlet in OUTLETS:
        assert re.search(rf"{outlet} 40\b", text)
    assert re.search(r"Jane Doe 60\b", text) and re.search(r"Green Party 60\b", text)
    assert 'href="/quotes/search_quotes.csv?q=bridge"' in html
    assert 'rel="next" href="/quotes/search_quotes?q=bridge&amp;page=2"' in html
    assert '<option value="The Ledger">' in html  # outlets to pick from, as stored
    suggested = (await ds.client.get("/quotes/search_quotes", params={"q": "Doe"})).text
    assert "quotes by Jane Doe" in suggested and "speaker_id=" in suggested
    org = (await ds.client.get("/quotes/search_quotes", params={"q": "Green"})).text
    assert "quotes by people speaking for Green Party" in org


async def test_suggestions_offer_only_speakers_with_quotes(search_db, tmp_path):
    """A speaker row with no quote (a person named, never quoted; an id kept after a merge) is not
    offered as "quotes by X (0)"."""
    copy = tmp_path / "quotes.db"
    with contextlib.closing(sqlite3.connect(search_db)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)  # the file alone may lack what is still in the write-ahead log
    db = sqlite_utils.Database(copy)
    db["speakers"].insert({"key": "person:joan doe", "name": "Joan Doe", "kind": "person", "is_anonymous": 0})
    db.conn.commit()
    suggested = (await make_datasette(copy).client.get("/quotes/search_quotes", params={"q": "Doe"})).text
    assert "quotes by Jane Doe" in suggested
    assert "Joan Doe" not in suggested


async def test_facet_links_filter(ds):
    html = (await ds.client.get("/quotes/search_quotes", params={"q": "bridge"})).text
    href = re.search(r'<a href="(/quotes/search_quotes\?q=bridge&amp;speaker_id=\d+)">Jane Doe</a>', html).group(1)
    filtered = (await ds.client.get(href.replace("&amp;", "&"))).text
    assert "60 quotes matching" in " ".join(re.sub(r"<[^>]+>", " ", filtered).split())


@pytest.mark.parametrize(
    "params",
    [{"page": "abc"}, {"page": "0"}, {"page": "99999999999"}, {"sort": "nope"}, {"speaker_id": "x"}, {"_size": "5000"}],
)
async def test_bad_parameters_are_400_not_500(ds, params):
    for suffix in ("", ".json", ".csv"):
        response = await ds.client.get(f"/quotes/search_quotes{suffix}", params={"q": "bridge", **params})
        assert response.status_code == 400, (suffix, params)


async def test_a_page_past_the_last_is_empty_not_an_error(ds):
    data = await page(ds, q="bridge", page=999)
    assert data["rows"] == [] and data["count"] == 120


# Each outlet quotes both people in two months only (Daily Planet: January and April), so a period
# between those months has none of its quotes though it lies between its first and last.
@pytest.mark.parametrize(
    "period",
    [("2021-02", "2021-04"), ("2021-02", "2021-03"), ("2021-03", ""), ("", "2021-02"), ("2021-05", "2021-02")],
)
async def test_people_by_gender_per_outlet_counts_each_person_once_in_a_period(ds, search_db, period):
    """The chart's period counts every person an outlet quoted in those months once, by gender, as
    counting them from the quotes does (the corpus summaries give the months)."""
    published_from, published_to = period
    conn = sqlite3.connect(search_db)
    expected = {
        (outlet, gender): people
        for outlet, gender, people in conn.execute(
            """select articles.outlet,
              case speakers.gender when 'female' then 'women' when 'male' then 'men' else 'not stated' end,
              count(distinct quotes.speaker_id) from quotes
            join articles on articles.id = quotes.article_id join speakers on speakers.id = quotes.speaker_id
            where speakers.kind = 'person' and substr(articles.published, 1, 7) >= :start
              and (:end = '' or substr(articles.published, 1, 7) <= :end)
            group by 1, 2""",
            {"start": published_from, "end": published_to},
        )
    }
    response = await ds.client.get(
        "/quotes/chart_gender_by_outlet.json",
        params={"published_from": published_from, "published_to": published_to, "_shape": "array"},
    )
    assert {(row["outlet"], row["gender"]): row["people"] for row in response.json()} == expected
    assert period != ("2021-02", "2021-04") or {outlet for outlet, _ in expected} == set(OUTLETS)
    assert period != ("2021-02", "2021-03") or {outlet for outlet, _ in expected} == set(OUTLETS[1:])


@pytest.mark.parametrize(
    "params",
    [
        {"q": "bridge"},
        {"q": "disgrace", "sort": "newest"},
        {"q": "vote", "page": "2"},
        {"q": "the bridge", "sort": "oldest"},
        {"q": "bridge", "speaker": "Jane"},
        {"q": "bridge", "page": "3"},
    ],
)
async def test_words_and_an_outlet_find_the_same_quotes_with_or_without_the_outlet_index(ds, monkeypatch, params):
    """A search with words and an outlet finds them together in the outlet index (ingest/fts.py),
    which a database made before it lacks: the same count, pages, ranks and facets either way."""
    from datasette.plugins import pm

    plugin = pm.get_plugin("quote_search.py")
    params = {**params, "outlet": OUTLETS[1].lower(), "size": "7"}
    answers, plans = [], []
    for index in (plugin.OUTLET_INDEX, "no_such_index"):
        monkeypatch.setattr(plugin, "OUTLET_INDEX", index)
        html = (await ds.client.get("/quotes/search_quotes", params=params)).text
        plans.append("quotes_outlet_fts" in html)  # the page's SQL link shows the plan
        answers.append((await page(ds, **params), re.sub(r"\?sql=[^\"]*", "", html)))
    assert plans == [True, False]
    assert answers[0] == answers[1]
    assert answers[0][0]["count"] > 7 and {row["outlet"] for row in answers[0][0]["rows"]} == {OUTLETS[1]}


def test_the_outlet_index_is_no_part_of_a_plain_search(search_db):
    """`_search=` on quotes and quotes_fts search the quote's words only: an outlet's token is in the
    outlet index alone, and its words column is the quote's text."""
    conn = sqlite3.connect(search_db)
    token = conn.execute(f"select {outlet_token_sql(':outlet')}", {"outlet": OUTLETS[0]}).fetchone()[0]
    assert conn.execute("select count(*) from quotes_fts where quotes_fts match ?", [token]).fetchone() == (0,)
    assert conn.execute(f"select count(*) from {OUTLET_INDEX} where {OUTLET_INDEX} match ?", [token]).fetchone()[0]
    words = f'{{text}} : "{token}"'
    assert conn.execute(f"select count(*) from {OUTLET_INDEX} where {OUTLET_INDEX} match ?", [words]).fetchone() == (0,)
    same_case = conn.execute(f"select {outlet_token_sql(':outlet')}", {"outlet": OUTLETS[0].upper()}).fetchone()
    assert same_case == (token,)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "bridge", "outlet": OUTLETS[0]},
        {"q": "bridge", "outlet": OUTLETS[2], "published_from": "2021-03", "page": "2"},
        {"q": "disgrace", "speaker": "Roe"},
        {"q": "vote", "kind": "direct", "page": "3"},
        {"q": "bridge", "organization": "Green", "page": "99"},
    ],
)
@pytest.mark.parametrize("outlet_index", [OUTLET_INDEX, "no_such_index"])  # the outlet index used, or not
async def test_a_ranked_search_with_filters_finds_its_matches_once_with_the_same_answers(
    ds, monkeypatch, params, outlet_index
):
    """One statement (quote_search.one_pass_sql) gives the count, the page and the facets that the
    three statements give."""
    from datasette.plugins import pm

    plugin = pm.get_plugin("quote_search.py")
    monkeypatch.setattr(plugin, "OUTLET_INDEX", outlet_index)
    params = {**params, "size": "7"}
    reads_once = plugin.reads_matches_once
    assert reads_once(ds.get_database("quotes"), plugin.parse_search(params))
    answers = []
    for chosen in (reads_once, lambda db, search: False):
        monkeypatch.setattr(plugin, "reads_matches_once", chosen)
        html = (await ds.client.get("/quotes/search_quotes", params=params)).text
        answers.append((await page(ds, **params), re.sub(r"\?sql=[^\"]*", "", html)))
    assert answers[0] == answers[1]
    assert answers[0][0]["count"] > 0
