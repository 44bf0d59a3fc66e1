"""Property tests: the extractor takes any text without raising, and every quote it returns points
exactly at its words in its paragraph."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.models import Article, Mention
from ingest.pipeline import process_article
from ingest.rules import reported
from ingest.rules.antecedents import (
    ISSUED,
    PERSONAL_PRONOUN,
    PLAIN_CAPITALISED_RUN,
    PLAIN_SUBJECT_PRONOUN,
    SUBJECT_PRONOUN,
    capitalised_runs,
    issuer_before,
)
from ingest.rules.cuewords import CUE_WORD, OPENING_WORDS, QUOTED_LETTER, find_cue_words
from ingest.rules.quotemarks import (
    DOUBLE_OPENER,
    DOUBLE_OPENERS,
    MARKS,
    SINGLE_OPENER,
    SINGLE_OPENERS,
    find_marks,
)
from ingest.rules.resolve import TITLED_NAME, titled_names
from ingest.rules.sentences import SENTENCE_BOUNDARY, SENTENCE_END_MARKS, boundary_for
from ingest.rules.subjects import CONJUNCTION_FIRST_LETTERS, HARD_BOUNDARY, LAST_CONJUNCTION, after_last_boundary
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
# .hypothesis/ folder in the working tree. Hunt with more examples by hand: raise max_examples.
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


def test_no_cue_word_opens_with_the_letter_quoted_words_are_masked_with():
    # cue_word_starts passes over a word opening with it unread: a cue word that did would be lost.
    assert not [word for word in OPENING_WORDS if word[0] == QUOTED_LETTER]


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


# The fast forms of two rules, derived from the plain pattern that states each, find what it finds.
BOUNDARY_TEXT = st.text(alphabet=";:[]“”\"—–-’'‘X xa\n.,", max_size=60)


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("a - - b", 0)
@example("X' said", 0)
@given(BOUNDARY_TEXT, st.integers(min_value=0, max_value=10))
def test_the_last_hard_boundary_is_where_the_plain_pattern_finds_it(text, start):
    plain = start
    for boundary in HARD_BOUNDARY.finditer(text, start, len(text)):
        plain = boundary.end()
    assert after_last_boundary(text, start, len(text)) == plain


SENTENCE_TEXT = st.text(alphabet=SENTENCE_END_MARKS + "\"”’'“‘( \n\xa0aZ7", max_size=60)


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("a. B! C… D? E.. F")
@example("a. “B c.” D")
@given(SENTENCE_TEXT)
def test_the_boundary_chosen_for_a_text_finds_every_sentence_end_the_full_pattern_finds(text):
    found = [match.span() for match in boundary_for(text).finditer(text)]
    assert found == [match.span() for match in SENTENCE_BOUNDARY.finditer(text)]


CONJUNCTION_TEXT = st.lists(
    st.sampled_from(["and", "AND", "But", "who", "that", "whose", "so", "as", "sand", "ask", "Zoe", "ſo", "X"]),
    max_size=12,
).map(" ".join)
ANY_WORD_CONJUNCTION = re.compile(LAST_CONJUNCTION.pattern.replace(f"(?=[{CONJUNCTION_FIRST_LETTERS}])", ""), re.I)


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("the man and the woman who said")
@given(CONJUNCTION_TEXT)
def test_the_last_conjunction_is_found_without_entering_the_trie_at_every_word(text):
    assert ANY_WORD_CONJUNCTION.pattern != LAST_CONJUNCTION.pattern
    fast, plain = LAST_CONJUNCTION.match(text), ANY_WORD_CONJUNCTION.match(text)
    assert (fast and fast.span(1)) == (plain and plain.span(1))


# Documents, issuers and issuing words: issuer_before skips the scan of a context holding none.
# Documents, issuers and issuing words: issuer_before skips the scan of a context holding none, and
# of its paragraphs without the document's noun.
ISSUING_WORDS = "The|Council|White House|he|they|issued|put out|sent|a|the|statement|statements|tweet|from|by|said"
ISSUING_TEXT = st.lists(
    st.sampled_from([*ISSUING_WORDS.split("|"), ",", ".", "X", "\n"]),
    max_size=30,
).map(" ".join)


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("The Council issued a statement", "the statement")
@example("a statement from the White House", "The statements.")
@given(ISSUING_TEXT, st.sampled_from(["the statement", "The statements.", "his tweet", "it"]))
def test_an_issuer_is_the_one_a_scan_of_each_paragraph_of_the_context_finds(context, document):
    noun = document.lower().rstrip(".,").split()[-1]
    plain = None
    for paragraph in context.split("\n"):
        for match in ISSUED.finditer(paragraph):
            if (match["noun"] or match["noun2"]) in (noun, noun.rstrip("s"), noun + "s"):
                plain = match["subject"] or match["by"]
    assert issuer_before(Mention(text=document, kind="document"), context) == plain


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("He said his; Sheila she herself. Himself ashe the_he Herself")
@given(st.text(alphabet="HhSseimrlf_ .\n’'X", max_size=40))
def test_subject_pronouns_are_found_where_the_plain_pattern_finds_them(text):
    assert [m.span() for m in SUBJECT_PRONOUN.finditer(text)] == [
        m.span() for m in PLAIN_SUBJECT_PRONOUN.finditer(text)
    ]


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("iPhone Trump said, ''Khan O'Neill Mr. B. Smith. Sen. Ted\u00a0Cruz")
@given(st.text(alphabet="ABKaip .’'-_\u00a0\n", max_size=40))
def test_capitalised_runs_are_the_ones_the_plain_pattern_finds(text):
    assert capitalised_runs(text, len(text)) == PLAIN_CAPITALISED_RUN.findall(text)


OPENER_TEXT = st.text(alphabet="‘’“”\"'([{—–/- \naX", max_size=40)


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("''a'' \"b\" “c” 'd' x''y -\"z\"")
@given(OPENER_TEXT)
def test_quote_openers_are_counted_as_the_plain_pattern_counts_them(text):
    assert sum(len(p.findall(text)) for p in SINGLE_OPENERS) == len(SINGLE_OPENER.findall(text))
    assert sum(len(p.findall(text)) for p in DOUBLE_OPENERS) == len(DOUBLE_OPENER.findall(text))


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("''a''' \"b\" “c” 'd' x''y’", 1, 9)
@given(OPENER_TEXT, st.integers(0, 45), st.integers(-1, 45))
def test_quote_marks_are_found_where_the_plain_pattern_finds_them(text, start, stop):
    for style, pattern in MARKS.items():
        matches = pattern.finditer(text, start, len(text) if stop < 0 else stop)
        assert find_marks(text, style, start, stop) == [match.span() for match in matches]


# The two clause breaks: (the pattern used, the plain rule it is derived from).
CLAUSE_BREAKS = [
    (
        reported.SECOND_PREDICATE,
        reported.clause_break_rule(reported.SECOND_PREDICATE_AFTER_COMMA, (), reported.SECOND_PREDICATE_AFTER_EITHER),
    ),
    (
        reported.OBJECT_END,
        reported.clause_break_rule(
            reported.OBJECT_END_AFTER_COMMA, reported.OBJECT_END_AFTER_SPACES, reported.OBJECT_END_AFTER_EITHER
        ),
    ),
]
CLAUSE_TEXT = st.lists(
    st.sampled_from(
        [
            " ",
            "  ",
            ",",
            ";",
            "\n",
            "X",
            "the",
            "his",
            "was",
            "has",
            "but",
            "and",
            "yet",
            "although",
            "during",
            "filing",
            "Trump",
            "on",
            "Friday",
            "in",
            "an",
            "interview",
            "as",
            "he",
            "tweeted",
            "said",
            "who",
        ]
    ),
    max_size=30,
).map("".join)


def first_start(pattern, text: str, start: int, end: int) -> int | None:
    match = pattern.search(text, start, end)
    return None if match is None else match.start()


@settings(PROPERTY_SETTINGS, max_examples=600)
@example("a, but the b; c and has d, yet e", 0, 40)
@given(CLAUSE_TEXT, st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=200))
def test_a_clause_break_starts_where_its_plain_rule_first_matches(text, start, end):
    for pattern, rule in CLAUSE_BREAKS:
        assert first_start(pattern, text, start, end) == first_start(re.compile(rule), text, start, end)
    # The searches that first rule out a content without the characters their matches need.
    assert reported.second_predicate_start(text, start, end) == first_start(reported.SECOND_PREDICATE, text, start, end)
    assert reported.trailing_aside_start(text, start, end) == first_start(reported.TRAILING_ASIDE, text, start, end)


def test_the_fast_forms_agree_on_polnear(polnear):
    for path in sorted((polnear / "dev" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert sum(len(p.findall(text)) for p in DOUBLE_OPENERS) == len(DOUBLE_OPENER.findall(text))
        assert sum(len(p.findall(text)) for p in SINGLE_OPENERS) == len(SINGLE_OPENER.findall(text))
        for end in range(0, len(text), 97):
            plain = max(end - 300, 0)
            for boundary in HARD_BOUNDARY.finditer(text, max(end - 300, 0), end):
                plain = boundary.end()
            assert after_last_boundary(text, max(end - 300, 0), end) == plain, path.name
        for pattern, rule in CLAUSE_BREAKS:
            plain_rule = re.compile(rule)
            for start in range(0, len(text), 89):
                assert first_start(pattern, text, start, start + 400) == first_start(
                    plain_rule, text, start, start + 400
                )


@settings(PROPERTY_SETTINGS, max_examples=400)
@example("He said his; Sheila she herself. Him, her, ashe the_he Hers")
@given(st.text(alphabet="HhSseimrl_ .\n’'X", max_size=40))
def test_personal_pronouns_are_found_where_the_plain_pattern_finds_them(text):
    assert [m.span() for m in PERSONAL_PRONOUN.finditer(text)] == [
        m.span() for m in re.finditer(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b", text)
    ]
