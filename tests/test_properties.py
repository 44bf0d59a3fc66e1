"""Property tests: the extractor takes any text without raising, and every quote it returns points
exactly at its words in its paragraph."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.models import Article
from ingest.pipeline import process_article
from ingest.rules.cuewords import CUE_WORD, find_cue_words
from ingest.rules.resolve import TITLED_NAME, titled_names
from ingest.rules.words import TITLES_BEFORE_NAMES as TITLES

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


# Text made to put cue words next to everything that may or may not stand beside one: apostrophes,
# hyphens, underscores, digits, letters beyond ASCII, quote marks, odd spaces, "-ed" words before "that".
CUE_WORD_NEIGHBOURS = st.lists(
    st.one_of(
        st.sampled_from(["said", "Said", "SAID", "says", "according to", "According to", "ACCORDING TO", "told"]),
        st.sampled_from(["called for", "vote for", "claimed that ", "frustrated that ", "understood\n that ", "that"]),
        st.sampled_from(["reported that year", "Lied that ", "fled that ", "worried, that "]),
        st.sampled_from([" ", " ", "  ", "\n", "\xa0", "\u2009", "’", "'", "-", "_", "é", "7", "“", "”", ",", "."]),
        st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Pd", "Pi", "Pf", "Zs"]), max_size=4),
    ),
    max_size=40,
).map("".join)


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("saidsaid", [4])  # a stretch that ends inside a word: finditer stops there, so "said" matches
@example("He said'quoted'", [7])  # a cue word right before an opening "'"
@given(CUE_WORD_NEIGHBOURS, st.lists(st.integers(min_value=0, max_value=300), max_size=6))
def test_cue_words_are_found_exactly_where_a_scan_of_every_character_finds_them(text, cuts):
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    stretches = list(zip(bounds[::2], bounds[1::2], strict=False))  # every other stretch: outside quotes
    expected = [match.span() for start, end in stretches for match in CUE_WORD.finditer(text, start, end)]
    assert [match.span() for match in find_cue_words(text, stretches)] == expected


def titled_names_by_search(text: str) -> list[tuple]:
    """What titled_names must find: TITLED_NAME searched for from the start, a match inside a word
    skipped (the search goes on from its next character), each other match taken and the search
    going on from its end."""
    found, position = [], 0
    while match := TITLED_NAME.search(text, position):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            position = start + 1
        else:
            found.append((match.span(), match.groups()))
            position = match.end()
    return found


TITLED_TEXT = st.lists(
    st.one_of(
        st.sampled_from(TITLES),
        st.sampled_from(["Smith", "Mir", "Ex", "Jones", "de", "O’Brien", "the", "said"]),
        st.sampled_from([" ", " ", "\n", ".", ",", "-", "_", "’", "é", "X"]),
    ),
    max_size=30,
).map("".join)


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("ExGeneral Gen. Mir Gen. Smith")
@given(TITLED_TEXT)
def test_titled_names_finds_what_a_search_from_every_character_finds(text):
    assert [(match.span(), match.groups()) for match in titled_names(text)] == titled_names_by_search(text)
