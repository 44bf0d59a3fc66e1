"""The research pages in a real browser, on a small realistic corpus (benchmarks/realistic.py: twelve
outlets over six years, many speakers, repeated quotations): a search pages to its last match, its
export holds every match, facets filter, the list pages sort and page, each chart draws its data,
and names or outlets holding HTML run nothing anywhere."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import sys
import urllib.parse

import pytest

from ..conftest import REPO
from .conftest import new_tab, serving

HOSTILE_OUTLET = "<script>alert('outlet')</script>"
HOSTILE_SPEAKER = "<img src=x onerror=alert('speaker')>"
CHARTS = ["per-month", "women-share", "gender-by-outlet", "top-speakers", "speaker-over-time"]


@pytest.fixture(scope="module")
def research_server(chromium, tmp_path_factory):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from realistic import build

    from ingest.corpus import refresh_corpus
    from ingest.store import open_db

    db_path = tmp_path_factory.mktemp("research") / "quotes.db"
    build(db_path, 3000)
    db = open_db(str(db_path))
    with db.conn:  # one outlet and one frequent speaker named in HTML
        db.execute("update articles set outlet = ? where id % 97 = 0", [HOSTILE_OUTLET])
        db.execute(
            "update speakers set name = ? where id = (select min(speaker_id) from speaker_stats)", [HOSTILE_SPEAKER]
        )
    refresh_corpus(db)
    db.close()
    with serving(db_path) as base:
        yield base, db_path


@pytest.fixture
def tab(browser, research_server):
    context, tab = new_tab(browser, research_server[0])
    yield tab
    assert tab.dialogs == []  # nothing from the data ever ran
    context.close()


def shown_count(tab) -> int:
    return int(tab.locator("p.result-count strong").first.inner_text().replace(",", ""))


def query(db_path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_a_search_pages_to_its_last_match_and_back(tab, research_server):
    tab.goto("/quotes/search_quotes?q=people")
    count = shown_count(tab)
    assert count > 100  # at least three pages of 50
    first_page = tab.locator("li.result .snippet").all_inner_texts()
    assert len(first_page) == 50 and all("people" in text.lower() for text in first_page)
    tab.locator("a[rel=last]").click()
    tab.wait_for_url(re.compile(rf"page={-(-count // 50)}$"))
    pages = -(-count // 50)
    assert f"page {pages:,} of {pages:,}" in tab.locator("nav.pager").inner_text()
    assert tab.locator("li.result").count() == count - (pages - 1) * 50
    assert f"–{count:,}," in tab.locator("p.result-count").inner_text()
    tab.locator("a[rel=prev]").click()
    tab.wait_for_url(re.compile(rf"page={pages - 1}$" if pages > 2 else r"search_quotes\?q=people$"))
    assert tab.locator("li.result").count() == 50
    assert tab.locator("a[rel=next]").count() == 1


def test_the_export_holds_every_match(tab, research_server):
    _, db_path = research_server
    tab.goto("/quotes/search_quotes")  # no words: every quote, newest first
    count = shown_count(tab)
    assert count == query(db_path, "select count(*) from quotes")[0][0]
    with tab.expect_download() as download:
        tab.locator("a.download-csv").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == count and len({row["quote_id"] for row in rows}) == count
    assert {"speaker", "role", "organization", "outlet", "published", "article_url"} <= set(rows[0])
    assert not any("<mark>" in row["quote"] or row["role"].startswith("[") for row in rows)


def test_facets_filter_the_results(tab):
    tab.goto("/quotes/search_quotes?q=people")
    facet = tab.locator("ul.facet-outlet li").first
    outlet, number = facet.locator("a").inner_text(), int(facet.locator(".n").inner_text().replace(",", ""))
    facet.locator("a").click()
    tab.wait_for_url(re.compile(r"outlet="))
    assert shown_count(tab) == number
    assert set(tab.locator("li.result a.outlet").all_inner_texts()) == {outlet}
    assert tab.locator("select[name=outlet]").input_value() == outlet
    month = tab.locator("ul.facet-month li a").first
    month_value = month.inner_text()
    month.click()
    tab.wait_for_url(re.compile(r"published_to="))
    assert {d[:7] for d in tab.locator("li.result .when").all_inner_texts()} == {month_value}
    assert set(tab.locator("li.result a.outlet").all_inner_texts()) == {outlet}


def test_speakers_sort_and_page_without_sql_or_parameter_names(tab):
    tab.goto("/quotes/top_speakers")
    assert tab.title() == "Speakers · Who said what"
    assert tab.locator("pre, textarea").count() == 0
    assert "published_from" not in tab.locator("section.content").inner_text()
    quotes = [int(n.replace(",", "")) for n in tab.locator("tbody tr td:nth-child(5)").all_inner_texts()]
    assert len(quotes) == 50 and quotes == sorted(quotes, reverse=True)
    tab.locator("table").get_by_role("link", name="Articles", exact=True).click()
    assert tab.url.endswith("/quotes/top_speakers?sort=articles")
    articles = [int(n.replace(",", "")) for n in tab.locator("tbody tr td:nth-child(6)").all_inner_texts()]
    assert articles == sorted(articles, reverse=True) and articles != quotes
    tab.locator("a[rel=next]").click()
    assert tab.locator("tbody tr td:first-child").first.inner_text() == "51"
    name = tab.locator("tbody tr a.speaker").first
    speaker = name.inner_text()
    name.click()
    assert tab.locator("h1").inner_text() == speaker
    quotes = int(re.search(r"([\d,]+) quotes? in", tab.locator("p.lede").inner_text())[1].replace(",", ""))
    tab.locator("a.all-quotes-link").click()
    assert shown_count(tab) == quotes
    assert set(tab.locator("li.result .meta a.speaker").all_inner_texts()) == {speaker}


def test_organisations_and_outlets_pages(tab, research_server):
    _, db_path = research_server
    tab.goto("/quotes/top_organizations")
    assert tab.title() == "Organisations · Who said what" and tab.locator("pre, textarea").count() == 0
    first = tab.locator("tbody tr a.organization").first
    organisation = first.inner_text()
    first.click()
    assert tab.locator("h1").inner_text() == organisation
    tab.goto("/quotes/outlets")
    outlets = tab.locator("tbody tr td:first-child").all_inner_texts()
    assert sorted(outlets) == sorted(row[0] for row in query(db_path, "select outlet from outlet_stats"))
    assert HOSTILE_OUTLET in outlets  # shown as text


def test_most_repeated_quotations_lead_to_every_occurrence(tab):
    tab.goto("/quotes/quotations_repeated")
    row = tab.locator("tbody tr").first
    outlets = int(row.locator("td.n").first.inner_text())
    row.locator("a").first.click()
    tab.wait_for_url("**/quotation?id=*")
    occurrences = tab.locator("tbody tr")
    assert occurrences.count() >= 2
    assert len(set(occurrences.locator("td:nth-child(2)").all_inner_texts())) == outlets


def drawn_marks(tab, chart: str) -> int:
    """Data marks vega drew in the chart (bars, points, lines), not axes, grid lines or legends."""
    return tab.locator(f"#chart-{chart} g.role-mark path").count()


def test_each_chart_draws_its_data(tab, research_server):
    _, db_path = research_server
    speaker = query(
        db_path, "select name from speaker_stats where kind = 'person' order by quotes desc limit 1 offset 1"
    )
    tab.goto(f"/-/dashboards/research?speaker={urllib.parse.quote(speaker[0][0])}")
    links = tab.locator("#chart-downloads a[href*='/quotes/chart_']")
    links.first.wait_for()
    assert links.count() == len(CHARTS)
    for chart, link in zip(CHARTS, links.all(), strict=True):
        rows = tab.request.get(link.get_attribute("href").split("?")[0] + ".json?_shape=array").json()
        if chart == "speaker-over-time":
            rows = tab.request.get(f"/quotes/chart_speaker_over_time.json?_shape=array&speaker={speaker[0][0]}").json()
        assert rows, chart
        tab.locator(f"#chart-{chart} svg.marks").wait_for()
        bars = chart in ("gender-by-outlet", "top-speakers", "speaker-over-time")
        expected = len(rows) if bars else len([row for row in rows if row.get("women_percent", 0) is not None])
        assert drawn_marks(tab, chart) >= expected, chart
    tab.goto("/-/dashboards/research?speaker=Nobody+At+All")
    tab.locator("#chart-speaker-over-time svg.marks").wait_for()
    assert drawn_marks(tab, "speaker-over-time") == 0  # no such speaker: no bars
    assert drawn_marks(tab, "per-month") > 0


def test_pages_with_html_in_names_and_outlets_run_nothing(tab, research_server):
    _, db_path = research_server
    speaker_id = query(db_path, "select id from speakers where name = ?", [HOSTILE_SPEAKER])[0][0]
    for path in [
        "/",
        f"/quotes/search_quotes?outlet={HOSTILE_OUTLET}",
        "/quotes/search_quotes?q=people",
        "/quotes/top_speakers",
        f"/quotes/speaker?id={speaker_id}",
        "/quotes/outlets",
        "/quotes/quotations_repeated",
        "/-/dashboards/research",
        "/about",
    ]:
        tab.goto(path)
        tab.wait_for_load_state("networkidle")
        assert tab.locator("img[src='x']").count() == 0, path
        assert tab.locator("script", has_text="alert('outlet')").count() == 0, path
    tab.goto(f"/quotes/search_quotes?speaker_id={speaker_id}")
    assert HOSTILE_SPEAKER in tab.locator("p.active-filters").inner_text()


def test_about_and_data_source_links_lead_somewhere_real(tab, research_server):
    tab.goto("/")
    tab.get_by_role("link", name="Where the articles come from").first.click()
    tab.wait_for_url("**/about#sources")
    assert tab.locator("h2#sources").is_visible()
    outlets = query(research_server[1], "select count(*) from outlet_stats")[0][0]
    assert tab.locator("#sources + p + table tbody tr").count() == outlets
    tab.goto("/")
    tab.get_by_role("link", name="How it works").first.click()
    tab.locator(".readme h2").first.wait_for()  # the click returns before the about page has loaded
    assert tab.locator(".readme h2").count() > 5
    hrefs = tab.locator(".readme a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [h for h in hrefs if not h.startswith(("http://", "https://", "/", "#"))] == []  # no dead file links
    tab.locator(".readme a[href^='/about/design']").first.click()
    tab.wait_for_url("**/about/design*")
    assert tab.locator(".readme h1").inner_text().strip() != "" and tab.locator(".readme h2").count() > 3
    assert tab.request.get("/about/no-such-document").status == 404
