"""Only web addresses become links: an article whose url is `javascript:…` (any casing, behind spaces
or control characters, with a newline inside), `data:` or `vbscript:` shows it as text on every page
and table view, never as a link a reader could click."""

from __future__ import annotations

import html.parser
import json
import re
import urllib.parse
from pathlib import Path

import pytest

from scripts.faults import HOSTILE_URLS, QUOTE, SAFE_URL

from .conftest import REPO, ingest, make_datasette

LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def link_scheme(value: str) -> str | None:
    """The scheme a browser would follow for this attribute value (None: a relative link). Browsers
    strip leading and trailing spaces and control characters and drop tabs and newlines anywhere."""
    value = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = SCHEME.match(value)
    return match.group(1).lower() if match else None


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.values += [value for name, value in attrs if name in LINK_ATTRIBUTES and value is not None]


def unsafe_links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return [value for value in parser.values if link_scheme(value) not in (None, "http", "https")]


def write_records(path: Path) -> Path:
    urls = [*HOSTILE_URLS, SAFE_URL]
    lines = [
        json.dumps({"id": f"u{n}", "url": url, "title": f"Article {n}", "text": QUOTE}) for n, url in enumerate(urls)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def url_datasette(tmp_path_factory):
    folder = tmp_path_factory.mktemp("urls")
    result = ingest(folder / "quotes.db", write_records(folder / "records.jsonl"))
    assert result.exit_code == 0, result.output
    return make_datasette(folder / "quotes.db")


def test_link_scheme_reads_urls_as_browsers_do():
    assert [link_scheme(url) for url in HOSTILE_URLS[:6]] == ["javascript"] * 6
    assert link_scheme("/quotes/article?id=1") is None and link_scheme(SAFE_URL) == "https"


async def test_no_page_links_a_url_that_is_not_a_web_address(url_datasette):
    client = url_datasette.client
    ids = [row["id"] for row in (await client.get("/quotes/articles.json?_shape=array&_size=max")).json()]
    assert len(ids) == len(HOSTILE_URLS) + 1
    pages = ["/", "/quotes", "/quotes/articles", "/quotes/articles?_facet=url", "/quotes/quotes_view"]
    pages += ["/quotes?sql=" + urllib.parse.quote("select url, url as href, id from articles")]
    for article_id in ids:
        pages += [f"/quotes/article?id={article_id}", f"/quotes/article_info?id={article_id}"]
        pages += [f"/quotes/articles/{article_id}"]
    for path in pages:
        response = await client.get(path)
        assert response.status_code == 200, path
        assert unsafe_links(response.text) == [], path


async def test_a_web_address_is_still_the_original_link_and_the_rest_is_text(url_datasette):
    client = url_datasette.client
    rows = (await client.get("/quotes/articles.json?_shape=array&_size=max")).json()
    by_url = {row["url"]: row["id"] for row in rows}
    page = (await client.get(f"/quotes/article?id={by_url[SAFE_URL]}")).text
    assert f'<a class="original" href="{SAFE_URL.replace("&", "&amp;")}"' in page
    page = (await client.get(f"/quotes/article?id={by_url['javascript:alert(1)']}")).text
    assert '<span class="original">javascript:alert(1)</span>' in page


def test_every_template_link_is_built_from_datasette_urls_or_checked():
    """A template that writes a stored value into href= must go through |http_url."""
    unchecked = []
    for template in sorted((REPO / "templates").glob("*.html")):
        for expression in re.findall(r'(?:href|src|action)="\{\{(.*?)\}\}', template.read_text()):
            # link(), export_link() and sql_url: built from datasette.urls by plugins/quote_search.py
            if not re.search(
                r"\burls\.|page_url\(|\|\s*http_url\b|^\s*(edit_sql_url|sql_url|(export_)?link\(.*)\s*$", expression
            ):
                unchecked.append(f"{template.name}: {expression.strip()}")
    assert unchecked == []
