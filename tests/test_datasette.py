"""Datasette as configured by metadata.yml: search, canned queries, downloads, metadata."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import ingest, make_datasette

TABLES = ["articles", "paragraphs", "quotes", "speakers", "affiliations", "speaker_aliases", "quotes_view"]
QUERIES = {
    "quotes_by_speaker": "name=Kohistani",
    "top_speakers": "",
    "top_organizations": "",
}


async def get_json(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


@pytest.mark.asyncio
async def test_search_quotes_is_ranked_and_highlighted(datasette):
    rows = await get_json(datasette, "/quotes/search_quotes.json?q=Taliban&_shape=array")
    assert len(rows) >= 3
    assert all("<mark>Taliban</mark>" in row["snippet"] for row in rows)
    ranks = [row["rank"] for row in rows]
    assert ranks == sorted(ranks)
    phrase = await get_json(datasette, '/quotes/search_quotes.json?q="war+over+districts"&_shape=array')
    assert [row["speaker"] for row in phrase] == ["Tamim Asey"]


@pytest.mark.asyncio
async def test_search_with_empty_or_hostile_query_never_errors(datasette):
    browsed = await get_json(datasette, "/quotes/search_quotes.json?q=&_shape=array")  # no words: browse
    assert len(browsed) == (await datasette.get_database("quotes").execute("select count(*) from quotes")).rows[0][0]
    for hostile in ['"', "NEAR(", "*", "AND OR", "a" * 5000, "\x01\x02", "Taliban)"]:
        response = await datasette.client.get("/quotes/search_quotes.json", params={"q": hostile, "_shape": "array"})
        assert response.status_code == 200, hostile


@pytest.mark.asyncio
async def test_snippets_escape_html_before_highlighting(tmp_path):
    article = tmp_path / "xss.txt"
    article.write_text("‘Beware <script>alert(1)</script> of the Taliban,’ said Jane Roe, a reporter.\n")
    ingest(tmp_path / "quotes.db", article)
    datasette = make_datasette(tmp_path / "quotes.db")
    rows = await get_json(datasette, "/quotes/search_quotes.json?q=Taliban&_shape=array")
    assert "&lt;script&gt;" in rows[0]["snippet"] and "<script>" not in rows[0]["snippet"]
    page = (await datasette.client.get("/quotes/search_quotes?q=Taliban")).text
    assert "<mark>Taliban</mark>" in page
    assert "<script>alert(1)" not in page


@pytest.mark.asyncio
async def test_canned_queries_answer(datasette):
    by_speaker = await get_json(datasette, "/quotes/quotes_by_speaker.json?name=Kohistani&_shape=array")
    assert {row["speaker"] for row in by_speaker} == {"Mir Asadullah Kohistani"}
    assert len(by_speaker) >= 3
    top = await get_json(datasette, "/quotes/top_speakers.json?_shape=array")
    assert top[0]["quotes"] >= top[-1]["quotes"]
    assert any(
        row["speaker"] == "Andrew Watkins" and row["organizations"] == "International Crisis Group" for row in top
    )
    orgs = await get_json(datasette, "/quotes/top_organizations.json?_shape=array")
    assert "Ministry of Defence" in {row["organization"] for row in orgs}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", TABLES + list(QUERIES))
async def test_every_table_and_query_downloads_as_csv_and_json(datasette, name):
    params = QUERIES.get(name, "")
    response = await datasette.client.get(f"/quotes/{name}.csv?_stream=on&{params}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows, f"{name}.csv is empty"
    data = await get_json(datasette, f"/quotes/{name}.json?_shape=array&{params}")
    assert isinstance(data, list) and data


@pytest.mark.asyncio
async def test_metadata_is_shown(datasette):
    home = (await datasette.client.get("/")).text
    assert "Who said what" in home
    table = (await datasette.client.get("/quotes/quotes")).text
    assert "Direct quotes (words in quotation marks) and indirect speech" in table
    columns = await get_json(datasette, "/-/metadata.json")
    described = columns["databases"]["quotes"]["tables"]["quotes"]["columns"]
    assert {"text", "kind", "cue", "speaker_mention", "start", "end"} <= set(described)


def test_every_table_and_column_is_described(seed_db):
    import yaml

    from .conftest import REPO

    tables = yaml.safe_load((REPO / "metadata.yml").read_text())["databases"]["quotes"]["tables"]
    fts_parts = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")
    for name in seed_db.table_names() + seed_db.view_names():
        if name.endswith(fts_parts) or name.startswith("sqlite_"):
            continue
        assert tables.get(name, {}).get("description"), f"{name} has no description"
        undescribed = set(seed_db[name].columns_dict) - set(tables[name].get("columns", {}))
        assert not undescribed, f"{name}: no description for {sorted(undescribed)}"
