"""Markup that would take the HTML reader minutes or hours, or that parsers silently cut short, is
refused before reading with a message saying what it is; real pages all pass the check."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from ingest.markup import MAX_ATTRIBUTES, MAX_DEPTH, markup_problem, markup_shape
from scripts.faults import rejection

from .conftest import REPO, SEED, SHARED, ingest

QUOTE_P = "<p>‘We will rebuild the bridge by spring,’ said Maria Lopez, a spokeswoman.</p>"


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"


PATHOLOGICAL = {
    "bold_words.html": (page(QUOTE_P + "<p>" + "<b>w</b> " * 40_000 + "</p>"), "40,000 elements inside one paragraph"),
    "spans_in_cell.html": (page("<table><tr><td>" + "<span>w</span>" * 5_000 + "</td></tr></table>"), "5,000 elements"),
    "links_in_div.html": (page("<div>" + "<a href='#'>w</a>" * 3_000 + "</div>"), "3,000 elements"),
    "attributes.html": (page("<p " + " ".join(f'a{i}="x"' for i in range(80_000)) + ">Hi.</p>"), "1,000 attributes"),
    "bare_attributes.html": (page("<p " + " ".join(f"a{i}" for i in range(80_000)) + ">Hi.</p>"), "over 1,000 attrib"),
    "deep_divs.html": (page("<div>" * 300 + QUOTE_P + "</div>" * 300), "markup nested 301 elements deep"),
    "deep_unclosed.html": (page("<font>" * 1_000 + QUOTE_P), "markup nested 1,001 elements deep"),
    "one_paragraph.html": (page("<p>" + "Word salad said he. " * 550_000 + "</p>"), "11,000,000 characters of text"),
}  # fmt: skip


def test_each_pathology_is_refused_with_what_it_is(tmp_path):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    for name, (html, _) in PATHOLOGICAL.items():
        (corpus / name).write_text(html, encoding="utf-8")
    records = corpus / "records.jsonl"
    records.write_text(json.dumps({"id": "r1", "text": PATHOLOGICAL["bold_words.html"][0]}) + "\n", encoding="utf-8")
    result = ingest(tmp_path / "q.db", corpus, SEED)
    for name, (_, reason) in PATHOLOGICAL.items():
        assert reason in (rejection(result.stderr, corpus / name) or ""), (name, result.stderr)
    assert "40,000 elements inside one paragraph" in rejection(result.stderr, f"{records}:1")
    assert result.exit_code == 1 and "1 added" in result.stdout


def test_the_check_reads_tags_as_browsers_do():
    assert markup_problem(page('<div data-props=\'{"html": "<b>' + "<i>x</i>" * 3000 + "</b>\"}'>ok</div>")) is None
    assert markup_problem(page("<script>" + "if (a<b) x = '<p>';" * 50_000 + "</script>" + QUOTE_P)) is None
    assert markup_problem(page('<img height="63"" alt=x>' + QUOTE_P * 10)) is None  # a stray quote
    assert markup_shape(page("<p>" * 5000 + "x")).depth < 5  # <p> closes the open <p>
    assert markup_shape("<p " + "a " * 5000 + ">").attributes == MAX_ATTRIBUTES + 1


def test_the_depth_limit_is_where_the_parser_starts_losing_text():
    for depth, kept in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        html = "<html><body>" + "<div>" * depth + QUOTE_P + "</div>" * depth + "</body></html>"
        parsed = lxml.html.document_fromstring(html.encode(), parser=lxml.html.HTMLParser(encoding="utf-8"))
        assert ("Maria Lopez" in parsed.text_content()) == kept
        assert (markup_problem(html) is None) == kept


def test_malformed_markup_does_not_make_the_check_itself_slow():
    for html in ("<a " * 1_000_000, "<a " * 1_000_000 + ">", "<a '" + "<a " * 500_000, "<a \" <b ' " * 200_000 + ">"):
        markup_shape(html)  # each finishes in well under a second (was minutes with backtracking)


def real_pages() -> list[Path]:
    pages = sorted((REPO / "tests" / "fixtures" / "html").glob("*.html"))
    return pages + sorted((SHARED / "eval" / "html").glob("**/*.html"))


def test_real_pages_pass():
    pages = real_pages()
    refused = {page.name: markup_problem(page.read_text(encoding="utf-8", errors="replace")) for page in pages}
    assert {name: problem for name, problem in refused.items() if problem} == {}
    if len(pages) < 10:
        pytest.skip("only the fixtures: ../shared/eval/html not present")
