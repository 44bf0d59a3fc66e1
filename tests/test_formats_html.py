"""HTML pages in the shapes news sites use: what is kept as body, what is tagged caption, embed,
heading or boilerplate, what is dropped, and the metadata read from the page itself."""

from __future__ import annotations

import shutil

import sqlite_utils

from ingest.formats import parse_articles
from ingest.pipeline import process_article
from ingest.webpage import read_html

from .conftest import REPO, ingest

PAGES = REPO / "tests" / "fixtures" / "html"


def page(name: str):
    path = PAGES / name
    return read_html(str(path), path.read_text(encoding="utf-8"))


def kind_of(article, start: str) -> str:
    (kind,) = [p.kind for p in article.paragraphs if p.text.startswith(start)]
    return kind


def texts_of(article, kind: str) -> list[str]:
    return [p.text for p in article.paragraphs if p.kind == kind]


def test_metadata_comes_from_json_ld_og_and_canonical_link():
    article = page("jsonld_figures_tweet.html")
    assert article.title == "Flood defences fail in river towns as rain continues"  # not the <title> with site suffix
    assert article.author == "Helen Marsh"
    assert article.published == "2021-07-05T06:30:12+00:00"  # datePublished, not dateModified
    assert article.outlet == "The Daily Ledger"
    assert article.url == "https://www.dailyledger.example/world/2021/jul/05/flood-defences-fail-river-towns"


def test_body_paragraphs_are_kept_whole_and_in_order():
    body = texts_of(page("jsonld_figures_tweet.html"), "body")
    assert body[0].startswith("Residents of three river towns were evacuated")  # the standfirst
    assert body[1].startswith("Emergency barriers protecting three towns")
    assert body[2] == (
        "“The water came over the top of the barrier in less than ten minutes,” said Margaret Oduya, the leader"
        " of Millbrook town council. “We had no time to move anything upstairs.”"
    )
    assert body[-1].startswith("Forecasters expect a further 40mm of rain")
    assert len(body) == 7


def test_captions_embeds_and_headings_are_tagged_not_mixed_into_the_body():
    article = page("jsonld_figures_tweet.html")
    assert texts_of(article, "caption") == [
        "Volunteers carry sandbags along the flooded high street in Millbrook on Sunday evening.",
        "The breached section of the temporary barrier near the old mill.",
    ]
    assert texts_of(article, "boilerplate").count("Photograph: Tom Reed/Ledger Pictures") == 2
    (tweet,) = texts_of(article, "embed")
    assert tweet.startswith("Our thoughts are with everyone in Millbrook tonight.")
    assert tweet.endswith("— Wend Valley Fire (@WendValleyFire) July 5, 2021")
    assert texts_of(article, "heading") == [
        "Flood defences fail in river towns as rain continues",
        "‘We were told it would hold’",
    ]
    assert all("Photograph" not in text and "@WendValleyFire" not in text for text in texts_of(article, "body"))


def test_page_furniture_inside_the_article_is_boilerplate_and_outside_it_is_dropped():
    article = page("jsonld_figures_tweet.html")
    boilerplate = texts_of(article, "boilerplate")
    for furniture in (
        "Related",
        "Amber rain warning issued for the north-west",
        "By Helen Marsh, environment correspondent",
    ):
        assert furniture in boilerplate
    assert any(text.startswith("Sign up to our Morning Briefing") for text in boilerplate)
    everything = article.text
    for dropped in (
        "We use cookies",
        "Accept all cookies",
        "Business",
        "Most viewed",
        "paperclips",
        "All rights reserved",
    ):
        assert dropped not in everything
    assert "platform.twitter.com" not in everything  # scripts never leak text


def test_quotes_come_from_the_body_and_the_tweet_not_from_captions():
    record = process_article(page("jsonld_figures_tweet.html"))
    by_kind = {p.position: p.kind for p in record.paragraphs}
    assert {by_kind[q.paragraph_position] for q in record.quotes} <= {"body", "embed"}
    speakers = {q.text: q.speaker_key for q in record.quotes}
    assert speakers["The water came over the top of the barrier in less than ten minutes"] == "Margaret Oduya"
    tweet = next(q for q in record.quotes if q.method == "embed")
    assert tweet.speaker_key == "Wend Valley Fire"


def test_meta_author_published_time_instagram_and_promo_box():
    article = page("meta_author_instagram.html")
    assert (article.author, article.published, article.outlet) == (
        "Priya Lal",
        "2022-03-14T18:05:00+00:00",
        "Northgate Evening Post",
    )
    assert kind_of(article, "Traffic on the ring road near the station") == "caption"
    assert kind_of(article, "A post shared by Northgate Cycle Campaign") == "embed"
    assert kind_of(article, "Traders fear for footfall") == "heading"
    assert kind_of(article, "Read more:") == "boilerplate"
    assert kind_of(article, "Parking charges to rise in town centre ca") == "boilerplate"
    # trafilatura keeps this app promotion as text; its container's class marks it as furniture
    assert kind_of(article, "Get the latest Northgate news straight to") == "boilerplate"
    assert kind_of(article, "“Half of my customers drive in from the v") == "body"
    for dropped in (
        "This website uses cookies",
        "Most read",
        "giant marrow",
        "About time too",
        "Registered in England",
    ):
        assert dropped not in article.text


def test_page_without_article_element_or_metadata():
    article = page("plain_blog_post.html")
    assert article.title == "Notes from the harbour meeting"
    assert article.published == "2019-11-02"
    assert article.url is None and article.outlet is None
    assert [p.kind for p in article.paragraphs] == ["heading", "body", "body", "body"]
    assert "Harbour Watch" not in article.text and "RSS" not in article.text


def test_page_too_short_for_trafilatura_still_gives_its_paragraphs():
    html = "<html><body><nav><a href='/'>Home</a></nav><p>“It is done,” said Ana Ruiz.</p></body></html>"
    article = read_html("short.html", html)
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("boilerplate", "Home"),
        ("body", "“It is done,” said Ana Ruiz."),
    ]


def test_html_is_detected_by_content_whatever_the_extension(tmp_path):
    saved = tmp_path / "saved-page.txt"
    shutil.copy(PAGES / "jsonld_figures_tweet.html", saved)
    (article,) = parse_articles(str(saved), saved.read_text(encoding="utf-8"))
    assert article.outlet == "The Daily Ledger" and "We use cookies" not in article.text
    (as_text,) = parse_articles(str(saved), saved.read_text(encoding="utf-8"), fmt="text")
    assert as_text.paragraphs is None and "<article" in as_text.text


def test_ingesting_pages_stores_metadata_and_paragraph_kinds(tmp_path):
    db_path = tmp_path / "quotes.db"
    result = ingest(db_path, PAGES)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    row = db.execute(
        "select title, url, published, outlet, author, published_year, published_month from articles where path = ?",
        [str(PAGES / "jsonld_figures_tweet.html")],
    ).fetchone()
    assert row == (
        "Flood defences fail in river towns as rain continues",
        "https://www.dailyledger.example/world/2021/jul/05/flood-defences-fail-river-towns",
        "2021-07-05T06:30:12+00:00",
        "The Daily Ledger",
        "Helen Marsh",
        "2021",
        "2021-07",
    )
    stored = dict(db.execute("select kind, count(*) from paragraphs group by kind").fetchall())
    assert stored["caption"] == 3 and stored["embed"] == 2 and stored["heading"] == 5
    again = ingest(db_path, PAGES)
    assert "0 added, 0 replaced, 3 unchanged" in again.output


def test_page_with_no_text_is_one_clear_error(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<!doctype html><html><head><title>x</title></head><body><script>var a;</script></body></html>")
    result = ingest(tmp_path / "quotes.db", empty, PAGES / "plain_blog_post.html")
    assert result.exit_code == 1
    assert f"error: {empty}: no text found in the HTML page" in result.stderr
    assert "Traceback" not in result.output
    assert sqlite_utils.Database(tmp_path / "quotes.db")["articles"].count == 1


def test_page_in_its_declared_charset_is_read_but_undeclared_bytes_are_refused(tmp_path):
    page = tmp_path / "old-site.html"
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        b"<title>Caf\xe9 news</title></head><body><article><p>\x93We will reopen the caf\xe9,\x94 said"
        b" Jos\xe9 Mart\xednez, the owner, on Tuesday morning.</p></article></body></html>"
    )
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"caf\xe9 without a declared charset")
    result = ingest(tmp_path / "quotes.db", page, notes)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {notes}: not valid UTF-8")
    db = sqlite_utils.Database(tmp_path / "quotes.db")
    assert db.execute("select title from articles").fetchall() == [("Café news",)]
    assert db.execute("select name from speakers").fetchall() == [("José Martínez",)]
