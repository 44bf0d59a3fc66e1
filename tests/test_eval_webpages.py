"""The web-page scorer (evaluation/webpages.py) counts snippets as trafilatura's benchmark does."""

from __future__ import annotations

import pytest

from evaluation.webpages import HTML_EVAL, Reading, Tally, load_pages, read_ours, score_page, shares_a_word

GOLD = {"with": ["council  voted", "Café opens"], "without": ["Sign up"], "author": "Jane Doe", "date": "2021-07-05"}


def test_snippets_are_found_in_whitespace_and_nfc_normalised_text():
    tally = Tally()
    text = "The council\n voted on Monday. The Cafe\u0301 opens. Sign up to our newsletter"
    score_page(tally, "p", GOLD, Reading({"body": text}, "By JANE DOE", "2021-07-05T23:30:00-04:00"), "body")
    assert (tally.true_positives, tally.false_negatives, tally.false_positives) == (2, 0, 1)
    assert (tally.authors_right, tally.dates_right) == (1, 1)
    assert (tally.precision, tally.recall) == (2 / 3, 1.0)


def test_a_refused_page_misses_every_snippet_it_should_hold():
    tally = Tally()
    score_page(tally, "p", GOLD, Reading({"body": None}, refusal="error"), "body")
    assert (tally.true_positives, tally.false_negatives, tally.false_positives) == (0, 2, 0)
    assert tally.refused == ["p"] and tally.no_body == []
    assert (tally.authors_right, tally.authors_given, tally.dates_right, tally.dates_given) == (0, 1, 0, 1)


def test_author_is_right_when_it_shares_a_word():
    assert shares_a_word("Doe, Jane", "Jane Doe")
    assert not shares_a_word("Staff reporter", "Jane Doe")
    assert not shares_a_word(None, "Jane Doe")


def test_the_shared_pages_load_and_one_is_read():
    if not (HTML_EVAL / "eval.json").is_file():
        pytest.skip("HTML eval pages (../shared/eval/html) not present in this clone")
    pages = load_pages()
    assert len(pages) == 252
    name = sorted(pages)[0]
    reading = read_ours(HTML_EVAL / "pages" / name)
    assert reading.refusal is None and reading.texts["body"]
