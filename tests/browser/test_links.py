"""In a real browser: no link on any page or table view leads anywhere but to a web address or back
into the site, whatever an article's url says, and clicking what shows a hostile url runs nothing."""

from __future__ import annotations

import pytest

from ..conftest import ingest
from ..test_urls import write_records
from .conftest import new_tab, serving

# What the browser itself resolved each link to (a.protocol), so its own URL parsing is the judge.
LINK_PROTOCOLS = "els => els.map(e => [e.protocol, e.getAttribute('href')])"


@pytest.fixture(scope="module")
def url_server(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-urls")
    db_path = folder / "quotes.db"
    result = ingest(db_path, write_records(folder / "records.jsonl"))
    assert result.exit_code == 0, result.output
    with serving(db_path) as base:
        yield base


@pytest.fixture
def tab(browser, url_server):
    context, tab = new_tab(browser, url_server)
    yield tab
    context.close()


def test_hostile_urls_are_never_links_and_clicking_them_runs_nothing(tab):
    tab.goto("/quotes/articles.json?_shape=array&_size=max")
    ids = [row["id"] for row in tab.evaluate("() => JSON.parse(document.body.innerText)")]
    # Every article's page; the other pages hold the same values (tests/test_urls.py reads them all).
    pages = ["/quotes/articles", "/quotes/articles?_facet=url", f"/quotes/article_info?id={ids[0]}"]
    pages += [f"/quotes/article?id={i}" for i in ids] + [f"/quotes/articles/{i}" for i in ids[:3]]
    for path in pages:
        tab.goto(path)
        links = tab.eval_on_selector_all("a[href], area[href]", LINK_PROTOCOLS)
        assert [link for link in links if link[0] not in ("http:", "https:")] == [], path
        original = tab.locator("span.original")  # a hostile url, shown as text
        if original.count():
            original.click(timeout=2000, no_wait_after=True)
    tab.wait_for_timeout(200)
    assert tab.dialogs == []
