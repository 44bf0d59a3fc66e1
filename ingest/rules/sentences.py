"""A paragraph as the cue rules read it: quoted words masked as X (same length, so offsets hold) and
split into sentences, with no sentence end after an abbreviation ("Gen. Mir", "U.S. troops")."""

from __future__ import annotations

import re
from typing import Final

from .cuewords import LOWER_CUE_WORD
from .quotemarks import QuoteSpan

# Words whose full stop ends no sentence, besides a single capital (an initial: "U.S. troops").
SENTENCE_ABBREVIATIONS: Final = (
    "Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Maj Capt Sgt St Jr Sr Prof No Jan Feb Aug Sept Oct Nov Dec "
    "vs Inc Corp Co Ft Mt Rev Adm Gens Sens Reps"
).split()
ABBREVIATION: Final = re.compile(r"(?:\b[A-Z]|\b(?:" + "|".join(SENTENCE_ABBREVIATIONS) + r"))$")
LONGEST_ABBREVIATION: Final = max(map(len, SENTENCE_ABBREVIATIONS))


SENTENCE_END_MARKS: Final = ".!?…"


def sentence_boundary(marks: str) -> re.Pattern[str]:
    """A sentence's end: closing punctuation (any of marks), closing marks, spaces, and a capital or
    digit (perhaps after an opening mark). "[m][m]*" says "[m]+" in the form the regex engine skips
    along to: it looks for a leading character class in C, and tries a leading repetition at every
    character."""
    mark = "[" + re.escape(marks) + "]"
    return re.compile(mark + mark + r"*[\"”’']*\s+(?=[\"“‘'(]?[A-Z0-9])")


SENTENCE_BOUNDARY: Final = sentence_boundary(SENTENCE_END_MARKS)
# The same boundary for a paragraph whose only closing punctuation is the full stop (most are). Led
# by one character, the engine finds each candidate as str.find does, where a leading class is
# tested character by character (benchmarks/RESULTS.md: what this saves).
FULL_STOP_BOUNDARY: Final = sentence_boundary(".")


def boundary_for(text: str) -> re.Pattern[str]:
    """The fastest of the two boundary patterns that finds every sentence end of text."""
    if any(mark in text for mark in SENTENCE_END_MARKS[1:]):
        return SENTENCE_BOUNDARY
    return FULL_STOP_BOUNDARY


QUOTE_CLOSERS: Final = frozenset("”’\"'")


# A short clause ending in a cue, right after a quote: its tail, even after a full stop.
SHORT_TAIL: Final = re.compile(r"(?:[^\s.]+\s+){1,5}?(?:" + LOWER_CUE_WORD + r")\s*[.,]")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted words without the conventional comma before the closing mark, nor outer spaces."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def mask_spans(text: str, spans: list[QuoteSpan]) -> str:
    """Quoted words replaced by 'X' (same length), so sentence and cue rules see through them."""
    if not spans:
        return text  # most paragraphs quote nothing
    pieces, position = [], 0
    for span in spans:
        before = text[position : span.start]
        if before.endswith("''"):
            before = before[:-2] + ' "'  # a typewriter double mark reads as one mark
        pieces.append(before)
        masked = x_out(text[span.start : span.end])
        if text[span.end - 1 : span.end] == "." and span.closed:
            masked = masked[:-1] + "."  # “… nominee.” The next sentence starts here
        pieces.append(masked)
        position = span.end
        if text.startswith("''", position):
            pieces.append('X"')
            position += 2
    pieces.append(text[position:])
    return "".join(pieces)


class XTable(dict):
    """A str.translate table sending every character but whitespace to 'X', filled as characters
    are met (only the common ones are kept, so odd text cannot grow it without bound)."""

    def __missing__(self, code: int) -> int:
        value = code if chr(code).isspace() else ord("X")
        if code < X_TABLE_LIMIT:
            self[code] = value
        return value


X_TABLE_LIMIT: Final = 0x3000  # Latin, Greek, Cyrillic, punctuation, quote marks, dashes


X_TABLE: Final = XTable()


# Every byte but ASCII whitespace to "X", for bytes.translate: one table lookup per byte.
ASCII_X_TABLE: Final = bytes(code if chr(code).isspace() else ord("X") for code in range(256))


NON_ASCII_SPACE: Final = re.compile(r"[^\S\x00-\x7f]")  # \s is str.isspace's whitespace: a no-break space, …


def x_out(text: str) -> str:
    """Every character but whitespace replaced by 'X'. Encoded to ASCII with "replace", every other
    character becomes one "?" byte, so bytes.translate can do it with one table lookup per byte
    (str.translate makes a dictionary lookup per character), unless the text holds whitespace beyond
    ASCII."""
    if text.isascii() or NON_ASCII_SPACE.search(text) is None:
        return text.encode("ascii", "replace").translate(ASCII_X_TABLE).decode("ascii")
    return text.translate(X_TABLE)


def after_abbreviation(text: str, mark: int) -> bool:
    """Whether the word before a sentence end mark is an abbreviation ("Gen. Mir", "U.S. troops"). A
    word longer than every abbreviation (most words before a full stop) is told by str.isalnum alone,
    for far less than the regex search costs: ABBREVIATION needs a word boundary within its reach."""
    reach = LONGEST_ABBREVIATION + 1
    if mark >= reach and text[mark - reach : mark].isalnum():
        return False
    return ABBREVIATION.search(text, max(0, mark - reach - 1), mark) is not None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets; boundaries after abbreviations ("Gen. Mir", "U.S. troops") are ignored."""
    bounds, start = [], 0
    for match in boundary_for(text).finditer(text):
        mark, after = match.span()  # read once: each read of a match's offsets is a Python method call
        if after_abbreviation(text, mark):
            continue
        if text[after - 2] in QUOTE_CLOSERS and SHORT_TAIL.match(text, after):
            continue  # “… are missing.” Trump said.
        bounds.append((start, mark + 1))
        start = after
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds
