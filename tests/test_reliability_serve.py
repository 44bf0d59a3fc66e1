"""Serving safely: read-only to the public, hostile search and form input answered with 200 or 400
(never 500), a time limit on SQL, and article text rendered escaped on every page."""

from __future__ import annotations

import re
import urllib.parse

import pytest
import yaml
from datasette.app import Datasette

from scripts.faults import HOSTILE_SEARCHES

from .conftest import REPO, ingest, make_datasette

METADATA = yaml.safe_load((REPO / "metadata.yml").read_text())
QUERIES = METADATA["databases"]["quotes"]["queries"]
FTS_TABLES = ["quotes", "paragraphs", "speakers"]
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'
HOSTILE_ARTICLE = f"""{SCRIPT} Headline {IMG}

‘We will not accept {SCRIPT} in our town,’ said Jane Doe, a spokeswoman for the {IMG} Party.

Officials said the {SCRIPT} plan would fail.
"""


def query_params(sql: str) -> list[str]:
    return sorted(set(re.findall(r"(?<![:\w]):(\w+)", sql)))


def url(path: str, **params: str) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}"


@pytest.fixture(scope="module")
def hostile_datasette(tmp_path_factory) -> Datasette:
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "article.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    assert ingest(folder / "quotes.db", article, REPO / "seeds").exit_code == 0
    return make_datasette(folder / "quotes.db")


@pytest.mark.slow
@pytest.mark.parametrize("table", FTS_TABLES)
async def test_hostile_search_on_every_fts_table_is_200_or_400(hostile_datasette, table):
    for text in HOSTILE_SEARCHES:
        for extra in ({}, {"_searchmode": "raw"}, {"_search_text": text}):
            response = await hostile_datasette.client.get(url(f"/quotes/{table}", _search=text, **extra))
            assert response.status_code in (200, 400), (table, text[:40], extra, response.status_code)
            response = await hostile_datasette.client.get(url(f"/quotes/{table}.json", _search=text, **extra))
            assert response.status_code in (200, 400), (table, text[:40], extra, response.status_code)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_hostile_input_to_every_canned_query_is_200_or_400(hostile_datasette, name):
    params = query_params(QUERIES[name]["sql"])
    for text in HOSTILE_SEARCHES + ["-1", "99999999999999999999", "1.5", "0x10"]:
        for param in params or ["_"]:
            for suffix in ("", ".json"):
                response = await hostile_datasette.client.get(url(f"/quotes/{name}{suffix}", **{param: text}))
                assert response.status_code in (200, 400), (name, param, text[:40], response.status_code)
        if params:  # every parameter hostile at once
            response = await hostile_datasette.client.get(url(f"/quotes/{name}", **dict.fromkeys(params, text)))
            assert response.status_code in (200, 400), (name, text[:40], response.status_code)


def test_no_canned_query_writes_and_only_our_plugins_are_installed():
    assert not [name for name, query in QUERIES.items() if query.get("write")]
    from datasette.plugins import pm

    third_party = {
        name
        for name, plugin in pm.list_name_plugin()
        if not name.startswith("datasette.") and "/plugins/" not in str(getattr(plugin, "__file__", ""))
    }
    # Reviewed: datasette-dashboards adds GET pages that draw charts from read-only SQL (the same
    # execute-sql permission as Datasette's own query page), datasette-leaflet only serves its
    # JavaScript, datasette-render-markdown only renders text. None writes or uploads.
    reviewed = {"dashboards", "leaflet", "render_markdown"}
    assert third_party <= reviewed, "a plugin may add write or upload endpoints: review it before serving"


async def test_the_public_cannot_write(hostile_datasette):
    client = hostile_datasette.client
    before = (await client.get("/quotes/articles.json?_shape=array")).json()
    attempts = [
        ("get", "/quotes.json?sql=" + urllib.parse.quote("delete from articles")),
        ("get", "/quotes.json?sql=" + urllib.parse.quote("update articles set title = 'x'")),
        ("get", "/quotes.json?sql=" + urllib.parse.quote("attach database '/tmp/x.db' as x")),
        ("get", "/quotes.json?sql=" + urllib.parse.quote("pragma writable_schema = 1")),
        ("get", "/quotes.json?sql=" + urllib.parse.quote("select 1; delete from articles")),
        ("post", "/quotes/articles/-/insert"),
        ("post", "/quotes/-/create"),
        ("post", "/quotes/articles/1/-/delete"),
        ("post", "/quotes/articles/-/drop"),
        ("post", "/quotes/search_quotes"),
    ]
    for method, path in attempts:
        response = await getattr(client, method)(
            path, **({"json": {"row": {"title": "x"}}} if method == "post" else {})
        )
        assert response.status_code in (400, 403, 404, 405), (method, path, response.status_code)
    assert (await client.get("/quotes/articles.json?_shape=array")).json() == before
    assert (await client.get("/-/actor.json")).json() == {"actor": None}


async def test_a_slow_query_is_stopped_by_the_time_limit(seed_db_path):
    serve = next(line for line in (REPO / "Makefile").read_text().splitlines() if "datasette serve" in line)
    serve += next(line for line in (REPO / "Makefile").read_text().splitlines() if "sql_time_limit_ms" in line)
    assert "--setting sql_time_limit_ms" in serve and "--root" not in serve
    datasette = Datasette([str(seed_db_path)], settings={"sql_time_limit_ms": 200})
    endless = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    response = await datasette.client.get("/quotes.json?sql=" + urllib.parse.quote(endless))
    assert response.status_code == 400
    assert "interrupted" in response.text.lower() or "time limit" in response.text.lower()


async def page_html(datasette, path: str) -> str:
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


async def test_article_text_with_html_is_escaped_on_every_page(hostile_datasette):
    db = hostile_datasette.get_database("quotes")
    article_id = (await db.execute("select id from articles where title like '%script%'")).first()[0]
    quote_id, speaker_id = (await db.execute("select id, speaker_id from quotes where text like '%script%'")).first()
    paragraph_id = (await db.execute("select id from paragraphs where text like '%script%'")).first()[0]
    pages = [f"/quotes/{table}" for table in ("articles", "paragraphs", "quotes", "speakers", "affiliations")]
    pages += [
        "/quotes/quotes_view",
        f"/quotes/articles/{article_id}",
        f"/quotes/quotes/{quote_id}",
        f"/quotes/paragraphs/{paragraph_id}",
        f"/quotes/speakers/{speaker_id}",
        url("/quotes/paragraphs", _search="script"),
        url("/quotes", sql="select text from paragraphs"),
    ]
    ids = {"id": str(article_id)}
    for name, query in QUERIES.items():
        params = query_params(query["sql"])
        values = {p: {"id": ids["id"], "q": "script", "name": "Doe"}.get(p, "") for p in params}
        if name in ("quote",):
            values["id"] = str(quote_id)
        if name in ("speaker", "speaker_profile"):
            values["id"] = str(speaker_id)
        if name == "organization":
            values["name"] = f"the {IMG} Party"
        pages.append(url(f"/quotes/{name}", **values))
    for path in pages:
        html = await page_html(hostile_datasette, path)
        assert "<script>alert(" not in html, path
        assert "<img src=x" not in html, path
    # Not vacuous: the hostile text is on the pages, escaped.
    assert "&lt;script&gt;alert(" in await page_html(hostile_datasette, f"/quotes/articles/{article_id}")


async def test_arbitrary_sql_cannot_inject_markup_through_a_snippet_column(seed_db_path):
    datasette = make_datasette(seed_db_path)
    html = await page_html(datasette, url("/quotes", sql=f"select '{SCRIPT}' as snippet"))
    assert "<script>alert(" not in html
