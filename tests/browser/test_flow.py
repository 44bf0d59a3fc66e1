"""A researcher's path through the pages in a real browser: search → quote → speaker → article → CSV.

Assertions are on what a person sees (visible text, highlighted words, links), not on HTML source.
Screenshots go to tests/screenshots/ (git-ignored)."""

from __future__ import annotations

import csv
import io
import re

WATKINS_QUOTE = "Many of the districts that have fallen"


def test_search_quote_speaker_article_csv(page, screenshot):
    page.goto("/")
    counts = page.locator("ul.counts")
    assert re.search(r"\d+\s+quotes", counts.inner_text())
    assert "organisations" in counts.inner_text()
    screenshot("1-home")

    page.get_by_role("searchbox").fill('"districts that have fallen"')
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search_quotes?**")
    result = page.locator("li.result", has_text=WATKINS_QUOTE)
    assert result.count() == 1
    assert result.locator("mark").first.inner_text() == "districts that have fallen"
    meta = result.locator(".meta").inner_text()
    assert "Andrew Watkins" in meta and "International Crisis Group" in meta and "senior analyst" in meta
    screenshot("2-search")

    result.get_by_role("link", name="Quote in context").click()
    page.wait_for_url("**/quote?id=*")
    assert page.locator("h1").inner_text() == "Quote by Andrew Watkins"
    highlighted = page.locator(".context .current mark.quote")
    assert highlighted.inner_text().startswith(WATKINS_QUOTE)
    assert highlighted.is_visible()
    facts = page.locator("dl.facts").inner_text()
    assert "International Crisis Group" in facts and "senior analyst on Afghanistan" in facts
    assert "said" in facts and "explicit" in facts
    assert page.locator(".context .neighbour").count() == 2
    screenshot("3-quote")

    page.locator("dl.facts").get_by_role("link", name="Andrew Watkins").click()
    page.wait_for_url("**/speaker?id=*")
    assert page.locator("h1").inner_text() == "Andrew Watkins"
    assert "International Crisis Group" in page.locator("ul.affiliations").inner_text()
    assert page.get_by_text(WATKINS_QUOTE).count() == 1
    screenshot("4-speaker")

    page.locator("h3 a.article").first.click()
    page.wait_for_url("**/article?id=*")
    tag = page.locator("a.speaker-tag", has_text="Andrew Watkins")
    assert tag.count() == 1
    mark = page.locator("mark.quote", has_text=WATKINS_QUOTE)
    assert mark.is_visible()
    caption = page.locator("p.para-caption").first
    assert caption.locator(".kind-label").inner_text().lower() == "caption"
    assert caption.evaluate("el => getComputedStyle(el).fontStyle") == "italic"
    paragraphs = page.locator("article.reading .para")
    positions = [int(p.removeprefix("p")) for p in paragraphs.evaluate_all("els => els.map(e => e.id)")]
    assert positions == sorted(positions) and positions[0] == 0
    screenshot("5-article")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").last.click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert len(rows) == len(positions)
    assert any(WATKINS_QUOTE in row["text"] and "Andrew Watkins" in row["quotes"] for row in rows)


def test_organisation_page_from_a_filtered_search(page, screenshot):
    page.goto("/quotes/search_quotes")
    page.get_by_label('Words or "phrase"').fill("offensive")
    page.get_by_label("Organisation").fill("Ministry of Defence")
    page.get_by_role("button", name="Search").click()
    results = page.locator("li.result")
    assert results.count() == 1 and "Fawad Aman" in results.inner_text()
    results.get_by_role("link", name="Ministry of Defence").click()
    page.wait_for_url("**/organization?name=*")
    assert page.locator("h1").inner_text() == "Ministry of Defence"
    assert "Fawad Aman" in page.locator("h2.spokesperson").inner_text()
    assert page.get_by_text("We are planning to launch a big offensive").is_visible()
    screenshot("6-organisation")


def test_search_everything_and_hostile_input(page, screenshot):
    page.goto("/quotes/search_all?q=Watkins")
    assert [h.split(" (")[0] for h in page.locator("h2").all_inner_texts()][:1] == ["Speakers"]
    assert page.locator("ol.results-speaker mark").first.inner_text() == "Watkins"
    screenshot("7-search-everything")
    for typed in ['NEAR("Taliban" *', "AND OR )(", "'; drop table quotes; --", '"unclosed phrase']:
        page.goto("/quotes/search_quotes")
        page.get_by_role("searchbox").fill(typed)
        page.get_by_role("searchbox").press("Enter")
        page.wait_for_url("**/search_quotes?**")
        assert page.locator("h1").inner_text() == "Search quotes"
        assert page.get_by_role("searchbox").input_value() == typed
        assert page.locator(".message-error").count() == 0


def test_article_html_shows_as_text_and_never_runs(page, screenshot):
    page.goto("/quotes/search_all?q=Beware")
    page.locator("ol.results-paragraph a.article").first.click()
    page.wait_for_url("**/article?id=*")
    reading = page.locator("article.reading").inner_text()
    assert "<b>Bold</b> claims" in reading
    assert "<script>alert(1)</script>" in reading and "<img src=x onerror=alert(2)>" in reading
    assert page.locator("article.reading script, article.reading img, article.reading b").count() == 0
    assert page.dialogs == []
    screenshot("8-hostile-article")
    page.goto("/quotes/search_quotes?q=Beware")
    assert "<script>alert(1)</script>" in page.locator("li.result").first.inner_text()
    assert page.dialogs == []
