"""Find quoted spans in paragraphs, reading quote marks in context rather than pairing them blindly.

A document quotes either with double marks (“…” or "…") or with single ones (‘…’ or '…'); the
single closing mark is also the apostrophe, so the style is decided once per document and marks
of the other style are left alone (they are nested quotes or apostrophes). Two straight single
marks ('') are a double mark, as typewriter-style text writes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

OPEN_CONTEXT: Final = set(" \t\n([{—–-/“‘\"'") | {""}
# The marks that close a quote, double and single, curly and straight (the single one is also
# the apostrophe: readers of text before a word ask it together with what precedes the mark).
CLOSING_MARKS: Final = ("”", '"', "’", "'")
# A mark opens a quote at the start of a word (after a space, a bracket or a dash, or at the
# start), with a word after it; “ always opens. The rule, as one plain pattern per style:
SINGLE_OPENER: Final = re.compile(r"(?<![^\s(\[{—–/“\"])[‘'](?=[^\s'])")
DOUBLE_OPENER: Final = re.compile(r"“|(?<![^\s(\[{—–/‘'-])(?:\"|'')(?=[^\s'])")


def opener_patterns(marks: tuple[str, ...], before: str) -> tuple[re.Pattern, ...]:
    """The rule above for detect_quote_style, one pattern per mark, each led by the mark itself: led by
    one character, the regex engine jumps from one occurrence to the next like str.find, where a
    pattern led by a lookbehind is tried at every character (benchmarks/RESULTS.md has the figure).
    Matches of different marks start at different places, so the counts add up to the plain
    pattern's (tests/test_properties.py checks it)."""
    return tuple(re.compile(re.escape(mark) + rf"(?<![^{before}]{re.escape(mark)})(?=[^\s'])") for mark in marks)


SINGLE_OPENERS: Final = opener_patterns(("‘", "'"), r"\s(\[{—–/“\"")
DOUBLE_OPENERS: Final = (re.compile("“"), *opener_patterns(('"', "''"), r"\s(\[{—–/‘'-"))


@dataclass
class QuoteSpan:
    start: int  # offset of the first quoted character (after the opening mark)
    end: int  # offset just past the last quoted character (before the closing mark)
    closed: bool  # False when the paragraph ended inside the quote

    def __init__(self, start: int, end: int, closed: bool) -> None:  # compiled: see shapes.CueWord
        self.start, self.end, self.closed = start, end, closed


def detect_quote_style(texts: list[str]) -> str:
    """'single' when single marks open more quotes than double marks do, else 'double'."""
    # The paragraphs as one text, so each pattern scans once per article instead of once per paragraph:
    # every opener pattern sees whitespace around a mark as it sees the start or end of a text, so the
    # line breaks joining them change no count.
    joined = "\n".join(texts)
    singles = sum(len(pattern.findall(joined)) for pattern in SINGLE_OPENERS)
    if singles == 0:
        return "double"  # no single mark opens a quote (most texts): no count of double marks to compare
    doubles = sum(len(pattern.findall(joined)) for pattern in DOUBLE_OPENERS)
    return "single" if singles > doubles else "double"


# The quote marks of each style; a typewriter double mark ('') reads as one mark. MARKS is the rule as
# patterns, MARK_STRINGS the same marks for find_marks (tests/test_properties.py checks they agree).
MARKS: Final = {"double": re.compile(r"“|”|\"|''"), "single": re.compile(r"[‘’']")}
MARK_STRINGS: Final = {"double": ("“", "”", '"', "''"), "single": ("‘", "’", "'")}


def find_marks(text: str, style: str, start: int = 0, stop: int = -1) -> list[tuple[int, int]]:
    """(start, end) of each of MARKS[style]'s matches in text[start:stop] (to the end when stop is
    -1), in order. Each mark is found with str.find, which jumps from one to the next in C, where the
    regex engine tests every character against the marks (benchmarks/RESULTS.md, round 8). No two
    marks overlap (each '' is found from the end of the one before), so in order they are its matches."""
    stop = len(text) if stop < 0 else min(stop, len(text))
    found: list[tuple[int, int]] = []
    for mark in MARK_STRINGS[style]:
        position = text.find(mark, start, stop)
        while position >= 0:
            found.append((position, position + len(mark)))
            position = text.find(mark, position + len(mark), stop)
    found.sort()
    return found


def holds_a_mark(text: str, style: str) -> bool:
    """Whether MARKS[style] finds anything in text: substring tests, far faster scans than a pattern led
    by a set of marks, settle most paragraphs, which quote nothing."""
    if style == "single":
        return "‘" in text or "’" in text or "'" in text
    return "“" in text or "”" in text or '"' in text or "''" in text


def find_quote_spans(text: str, style: str) -> list[QuoteSpan]:
    """Only the marks are visited (find_marks), so long paragraphs cost little."""
    if not holds_a_mark(text, style):
        return []
    openers, closers = ("‘'", "’'") if style == "single" else ('“"', '”"')
    spans: list[QuoteSpan] = []
    start = None
    skip_to = 0  # past the closing mark of a quote nested in the open one
    for i, after in find_marks(text, style):
        if i < skip_to:
            continue
        char = '"' if after - i == 2 else text[i]  # '' is a double mark
        if start is None:
            if (char in openers or misturned(text, i, after, char)) and is_opening(text, i, after):
                start = after
        elif char in closers and is_closing(text, i, after, style):
            if i > start:
                spans.append(QuoteSpan(start, i, True))
            start = None
        elif char in openers and char not in closers and is_opening(text, i, after) and style == "double":
            inner_end = nested_close(text, i, after)
            if inner_end is not None:
                skip_to = inner_end  # “… what he calls “hell” than …”: a quote inside the quote
            else:
                start = after  # A new “ while one is open: the first was never closed; restart here.
    if start is not None and start < len(text):
        spans.append(QuoteSpan(start, len(text), False))
    return spans


NESTED_LOOKAHEAD: Final = 2000


def nested_close(text: str, i: int, after: int) -> int | None:
    """Where a curly “ opened inside an open quote closes, when the next two marks are both ”."""
    if text[i] != "“":
        return None
    marks = find_marks(text, "double", after, after + NESTED_LOOKAHEAD)[:2]
    if len(marks) == 2 and all(text[start:end] == "”" for start, end in marks):
        return marks[0][1]
    return None


def misturned(text: str, i: int, end: int, char: str) -> bool:
    """ "”Fortunately, Mr. Trump is …": a closing curly mark at the start of a word opens a quote."""
    before = text[i - 1] if i > 0 else ""
    return char == "”" and (not before or before.isspace()) and end < len(text) and text[end].isalpha()


def is_opening(text: str, i: int, end: int) -> bool:
    """Whether the mark text[i:end] opens a quote."""
    before = text[i - 1] if i > 0 else ""
    after = text[end] if end < len(text) else ""
    if not after or after.isspace():
        return False
    # Curly openers are unambiguous unless glued to a word; straight ones need an opening context.
    return before in OPEN_CONTEXT or (text[i] in "“‘" and not before.isalnum())


def is_closing(text: str, i: int, end: int, style: str) -> bool:
    """Whether the mark text[i:end] closes a quote."""
    before = text[i - 1] if i > 0 else ""
    after = text[end] if end < len(text) else ""
    if not before or before.isspace():
        return False
    if after.isalnum():
        return False  # don’t, Bagram’s, o’clock: an apostrophe inside a word
    if style == "single" and before in "sS" and after == " " and plural_possessive(text, i):
        return False
    return True


def plural_possessive(text: str, i: int) -> bool:
    """ "the militants’ strongholds": a ’ after -s, followed by a lower-case word and with a later
    closing mark in the same paragraph, is a possessive rather than the end of the quote."""
    if not LOWER_CASE_WORD.match(text, i + 1):
        return False
    return CLOSING_MARK.search(text, i + 1) is not None


LOWER_CASE_WORD: Final = re.compile(r" [a-z]")
CLOSING_MARK: Final = re.compile(r"\S[’'](?=[\s,.;:!?—–)]|$)")  # a single mark after a word, closing it
