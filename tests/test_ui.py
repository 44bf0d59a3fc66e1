"""The research pages (templates/, plugins/, canned queries in metadata.yml) through Datasette's
test client: what each page shows, its downloads, hostile search input and escaping."""

from __future__ import annotations

import asyncio
import csv
import io
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from .conftest import ingest, load_plugin, make_datasette

# Each page, how to reach it on the seed, and the canned queries whose downloads it links to.
PAGES = {
    "home": ("/", {}, {"overview"}),
    "search": ("/quotes/search_quotes", {"q": "districts"}, {"search_quotes"}),
    "search everything": ("/quotes/search_all", {"q": "Taliban"}, {"search_all"}),
    "quote": ("/quotes/quote", "watkins quote", {"quote"}),
    "speaker": ("/quotes/speaker", "watkins", {"search_quotes", "speaker_profile"}),
    "article": ("/quotes/article", {"id": 1}, {"article", "article_info"}),
    "organisation": ("/quotes/organization", {"name": "Ministry of Defence"}, {"organization", "search_quotes"}),
}


def speaker_id(db, name: str) -> int:
    return db.execute("select id from speakers where name = ?", [name]).fetchone()[0]


def watkins_quote_id(db) -> int:
    row = db.execute("select id from quotes where text like 'Many of the districts that have fallen%'").fetchone()
    return row[0]


def visible_text(html: str) -> str:
    """Roughly what a reader sees: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


async def get_page(datasette, path: str, **params) -> str:
    response = await datasette.client.get(path, params=params)
    assert response.status_code == 200, (path, params, response.text[:300])
    return response.text


async def test_home_shows_counts_search_box_and_links(datasette, seed_db):
    html = await get_page(datasette, "/")
    text = visible_text(html)
    organizations = seed_db.execute(
        "select count(distinct organization) from affiliations where organization is not null"
    ).fetchone()[0]
    for count, label in [
        (seed_db["articles"].count, "articles"),
        (seed_db["quotes"].count, "quotes"),
        (seed_db["speakers"].count, "speakers"),
        (organizations, "organisations"),
    ]:
        assert f"{count:,} {label}" in text
    assert 'action="/quotes/search_quotes"' in html and 'name="q"' in html
    for link in ["/quotes/search_all", "/quotes/top_speakers", "/quotes/top_organizations", "/quotes/articles"]:
        assert f'href="{link}"' in html
    assert 'href="/quotes/overview.csv' in html


async def test_search_shows_highlights_speaker_role_organisation_and_quote_link(datasette, seed_db):
    html = await get_page(datasette, "/quotes/search_quotes", q="districts fallen")
    quote_id = watkins_quote_id(seed_db)
    assert "<mark>districts</mark>" in html and "<mark>fallen</mark>" in html
    result = html[html.index("<mark>districts</mark>") :]
    result = result[: result.index("</li>")]
    assert ">Andrew Watkins</a>" in result
    assert "senior analyst on Afghanistan" in result
    assert ">International Crisis Group</a>" in result
    assert f'href="/quotes/quote?id={quote_id}"' in result


async def test_search_filters_narrow_the_results(datasette):
    async def speakers(**params):
        rows = (await datasette.client.get("/quotes/search_quotes.json", params={**params, "_shape": "array"})).json()
        return [row["speaker"] for row in rows]

    everyone = await speakers(q="the")
    assert len(set(everyone)) > 3
    assert set(await speakers(q="the", speaker="watkins")) == {"Andrew Watkins"}
    assert set(await speakers(q="the", organization="Crisis Group")) == {"Andrew Watkins"}
    assert await speakers(q="offensive", organization="Ministry of Defence") == ["Fawad Aman"]
    rows = (await datasette.client.get("/quotes/search_quotes.json?q=the&kind=indirect&_shape=array")).json()
    assert rows and {row["kind"] for row in rows} == {"indirect"}
    assert len(await speakers(q="the", article="1")) == len(everyone)
    assert len(await speakers(q="the", article="Afghan troops")) == len(everyone)
    assert await speakers(q="the", article="2") == []
    assert await speakers(q="the", article="no such title") == []


async def test_search_everything_finds_speakers_quotes_and_paragraphs(datasette):
    rows = (await datasette.client.get("/quotes/search_all.json?q=Watkins&_shape=array")).json()
    types = {row["type"] for row in rows}
    assert {"speaker", "paragraph"} <= types
    assert any(row["type"] == "speaker" and row["snippet"] == "Andrew <mark>Watkins</mark>" for row in rows)
    html = await get_page(datasette, "/quotes/search_all", q="districts")
    headings = re.findall(r"<h2>(\w+)", html)
    assert headings == ["Quotes", "Paragraphs"]
    assert "<mark>districts</mark>" in html


HOSTILE = ['"', "NEAR(", "*", "AND OR NOT", "a" * 5000, "\x01\x02", "Taliban)", 'text:"x', "-", "^foo", "'; drop"]


@pytest.mark.parametrize("page", ["search_quotes", "search_all"])
@pytest.mark.parametrize("query", HOSTILE)
async def test_hostile_search_input_never_errors(datasette, page, query):
    # The text filters are LIKE patterns, bounded in length (plugins/limits.py): longer is a 400.
    too_long = page == "search_quotes" and len(query.encode()) > 250
    for suffix in ("", ".json"):
        params = {"q": query, "speaker": query, "organization": query, "article": query, "kind": query}
        response = await datasette.client.get(f"/quotes/{page}{suffix}", params=params)
        assert response.status_code == (400 if too_long else 200), (page, query, response.text[:300])
        if too_long:
            assert "must be at most 250 bytes" in response.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
@example(query='"\n\x08')  # escape_fts left a stray quote here: an FTS5 syntax error
def test_any_search_text_answers(seed_db_path, query):
    datasette = make_datasette(seed_db_path)

    async def statuses():
        return [
            (await datasette.client.get(f"/quotes/{page}.json", params={"q": query})).status_code
            for page in ("search_quotes", "search_all")
        ]

    assert asyncio.run(statuses()) == [200, 200]


async def test_quote_page_shows_quote_in_its_paragraph_with_neighbours(datasette, seed_db):
    quote_id = watkins_quote_id(seed_db)
    html = await get_page(datasette, "/quotes/quote", id=quote_id)
    text = visible_text(html)
    marked = re.search(r'<mark class="quote quote-direct"[^>]*>(.*?)</mark>', html).group(1)
    assert marked.startswith("Many of the districts that have fallen")
    assert re.search(r'<p class="current[^"]*">[^<]+<mark', html), "the quote sits inside its paragraph's text"
    assert html.count('<p class="neighbour') == 2
    for fact in [
        "Speaker Andrew Watkins",
        "Role senior analyst on Afghanistan",
        "Organisation International Crisis Group",
    ]:
        assert fact in text
    assert "Cue said" in text and "Speaker found by explicit" in text
    assert f'href="/quotes/speaker?id={speaker_id(seed_db, "Andrew Watkins")}"' in html
    assert f'href="/quotes/article?id=1#q{quote_id}"' in html


async def test_speaker_page_lists_quotes_roles_organisations_and_other_names(datasette, seed_db):
    html = await get_page(datasette, "/quotes/speaker", id=speaker_id(seed_db, "Andrew Watkins"))
    text = visible_text(html)
    assert "<h1>Andrew Watkins</h1>" in html
    assert "senior analyst on Afghanistan, International Crisis Group" in text
    assert "Many of the districts that have fallen" in text
    # Other names: whichever speaker the extractor gave several name forms.
    speaker, alias = seed_db.execute(
        """select speakers.id, alias from speaker_aliases join speakers on speakers.id = speaker_id
           where alias != speakers.name order by speakers.id limit 1"""
    ).fetchone()
    html = await get_page(datasette, "/quotes/speaker", id=speaker)
    other_names = re.search(r'<dd class="other-names">(.*?)</dd>', html).group(1)
    assert alias in other_names


async def test_article_page_reads_in_order_with_labelled_quotes_and_set_apart_captions(datasette, seed_db):
    html = await get_page(datasette, "/quotes/article", id=1)
    positions = [int(p) for p in re.findall(r'<(?:p|h2) id="p(\d+)"', html)]
    assert positions == list(range(seed_db["paragraphs"].count))
    quote_id = watkins_quote_id(seed_db)
    tag = re.search(rf'<a class="speaker-tag" id="q{quote_id}" href="/quotes/quote\?id={quote_id}">([^<]+)</a>', html)
    assert tag and tag.group(1) == "Andrew Watkins"
    assert html.count('class="speaker-tag"') == seed_db["quotes"].count + 1  # +1: the legend
    captions = seed_db.execute("select count(*) from paragraphs where kind = 'caption'").fetchone()[0]
    assert html.count('class="para para-caption"') == captions
    assert '<span class="kind-label">embedded post</span>' in html


async def test_organisation_page_lists_who_speaks_for_it(datasette):
    html = await get_page(datasette, "/quotes/organization", name="Ministry of Defence")
    assert "<h1>Ministry of Defence</h1>" in html
    assert re.search(
        r'<h2 class="spokesperson"><a class="speaker" [^>]+>Fawad Aman</a> <span class="meta">spokesman', html
    )
    assert "We are planning to launch a big offensive" in html


@pytest.mark.parametrize(
    "path", ["/quotes/quote?id=999999", "/quotes/quote?id=abc", "/quotes/speaker", "/quotes/article?id=-1"]
)
async def test_missing_things_get_a_friendly_page(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200
    assert 'class="empty"' in response.text


@pytest.mark.parametrize("page", PAGES)
async def test_every_page_downloads_as_csv_and_json(datasette, seed_db, page):
    path, params, queries = PAGES[page]
    if params == "watkins quote":
        params = {"id": watkins_quote_id(seed_db)}
    elif params == "watkins":
        params = {"id": speaker_id(seed_db, "Andrew Watkins")}
    html = await get_page(datasette, path, **params)
    links = {
        kind: [link.replace("&amp;", "&") for link in re.findall(rf'class="download-{kind}" href="([^"]+)"', html)]
        for kind in ("csv", "json")
    }
    assert {re.match(r"/quotes/(\w+)\.csv", link).group(1) for link in links["csv"]} == queries
    for link in links["csv"]:
        response = await datasette.client.get(link)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith("attachment")
        assert list(csv.DictReader(io.StringIO(response.text))), link
    for link in links["json"]:
        response = await datasette.client.get(link)
        assert response.status_code == 200 and isinstance(response.json(), list) and response.json(), link


async def test_table_cells_and_row_pages_link_to_the_research_pages(datasette, seed_db):
    watkins = speaker_id(seed_db, "Andrew Watkins")
    speakers = await get_page(datasette, "/quotes/speakers")
    assert f'<a href="/quotes/speaker?id={watkins}">Andrew Watkins</a>' in speakers
    top = await get_page(datasette, "/quotes/top_organizations")
    assert 'href="/quotes/organization?name=Ministry+of+Defence">Ministry of Defence</a>' in top
    row = await get_page(datasette, f"/quotes/speakers/{watkins}")
    assert f'<a href="/quotes/speaker?id={watkins}">' in row


@pytest.fixture
def hostile_db(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "<b>Bold</b> claims & <i>italics</i> about the Taliban.\n\n"
        "‘Beware <script>alert(1)</script> of the Taliban,’ said Jane Roe, a reporter for <Evil & Co>.\n\n"
        '<img src=x onerror="alert(2)"> A caption-like line\n'
    )
    result = ingest(tmp_path / "quotes.db", article)
    assert result.exit_code == 0, result.output
    return make_datasette(tmp_path / "quotes.db")


@pytest.mark.parametrize(
    "path",
    [
        "/quotes/article?id=1",
        "/quotes/quote?id=1",
        "/quotes/search_quotes?q=Taliban",
        "/quotes/search_all?q=Taliban",
        "/quotes/speaker?id=1",
        "/",
    ],
)
async def test_article_html_renders_as_text(hostile_db, path):
    html = (await hostile_db.client.get(path)).text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html
    if "article" in path:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "&lt;img src=x" in html


def test_annotate_escapes_text_and_marks_nested_quotes():
    annotate = load_plugin("pages").annotate
    text = "He said <b>‘we are here’</b> & left."
    outer = {"quote_id": 1, "start": 8, "end": 28, "kind": "indirect", "speaker": "Raouf <x>"}
    inner = {"quote_id": 2, "start": 12, "end": 23, "kind": "direct", "speaker": None}
    broken = {"quote_id": 3, "start": 30, "end": 999, "kind": "direct", "speaker": "Nobody"}
    html = str(annotate(text, [inner, outer, broken], "/q?id="))
    without_tags = re.sub(r"<[^>]+>", "", re.sub(r'<a class="speaker-tag".*?</a>', "", html))
    assert without_tags == str(escape(text)), "every character of the text, once, escaped"
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; left" in html
    assert html.index('id="q1"') < html.index('id="q2"'), "outer quote's tag comes first"
    assert '<a class="speaker-tag" id="q1" href="/q?id=1">Raouf &lt;x&gt;</a>' in html
    assert '<a class="speaker-tag" id="q2" href="/q?id=2">speaker unknown</a>' in html
    assert 'data-quote-id="2"' in html and 'id="q3"' not in html
    assert str(annotate(text, [outer], labels=False)).count("speaker-tag") == 0
