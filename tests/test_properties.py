"""Property tests: the extractor takes any text without raising, and every quote it returns points
exactly at its words in its paragraph."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.models import Article
from ingest.pipeline import process_article

QUOTE_MARKS = "‘’“”\"'«»‹›„‚「」"
# Text that looks like news often enough for the rules to fire: quote marks, reporting verbs,
# names, pronouns, punctuation and line breaks, mixed with arbitrary unicode.
WORDS = ["said", "says", "told", "according to", "Jane Doe", "he", "she", "they", "a spokesman for", "the Party", "Mr."]
news_like = st.lists(
    st.one_of(
        st.sampled_from(list(QUOTE_MARKS)),
        st.sampled_from(WORDS),
        st.sampled_from([" ", " ", " ", "\n", "\n\n", ",", ".", ":", "—", "-", "?", "!", "(", ")"]),
        st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=8),
        st.text(max_size=3),  # anything at all: controls, surrogates, combining marks, emoji
    ),
    max_size=80,
).map("".join)


# The same examples on every run (a red CI means a change broke the extractor, not bad luck) and no
# .hypothesis/ folder in the working tree. Hunt with more examples by hand: see README.
PROPERTY_SETTINGS = settings(derandomize=True, database=None, deadline=None)


def assert_quotes_point_into_their_paragraphs(text: str) -> None:
    record = process_article(Article(path="property.txt", text=text))
    paragraphs = {p.position: p.text for p in record.paragraphs}
    assert [p.position for p in record.paragraphs] == list(range(len(record.paragraphs)))
    for quote in record.quotes:
        paragraph = paragraphs[quote.paragraph_position]
        assert 0 <= quote.start <= quote.end <= len(paragraph), quote
        assert quote.text == paragraph[quote.start : quote.end], quote
    speaker_names = {speaker.name for speaker in record.speakers}
    for quote in record.quotes:
        assert quote.speaker_key is None or quote.speaker_key in speaker_names, quote


@settings(PROPERTY_SETTINGS, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_news_like_text(text):
    assert_quotes_point_into_their_paragraphs(text)


@settings(PROPERTY_SETTINGS, max_examples=200)
@given(st.text())
def test_arbitrary_unicode(text):
    assert_quotes_point_into_their_paragraphs(text)


@settings(PROPERTY_SETTINGS, max_examples=200)
@given(st.text(alphabet=QUOTE_MARKS + " \n.,aZ", max_size=60))
def test_only_quote_marks_and_separators(text):
    assert_quotes_point_into_their_paragraphs(text)


# Once crashed the extractor (found by test_news_like_text): is_subject indexed the first letter of a
# word that was only punctuation.
@pytest.mark.parametrize("text", [".said.", "“a” .said."])
def test_known_extractor_crash(text):
    assert_quotes_point_into_their_paragraphs(text)
