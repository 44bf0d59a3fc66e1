"""Which words are cues: every reporting, framing, stance and belief word in one regex (CUE_WORD),
the class of each (VERB_CLASS), and where a cue's words begin once the auxiliaries before the verb
are taken in ("has also said", "he’s predicting", "were frustrated that")."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final, Literal

from . import lexicon
from .words import AUX, BE_FORMS


def word_trie_pattern(words: list[str], then: tuple[str, ...] = ()) -> str:
    """A regex alternation factored by common prefixes, so matching a word costs its length, not the
    number of words in the list; then are patterns tried after the words, as further branches of the
    same group (one branch point less to enter at every position than "(?:trie|then)")."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict, then: tuple[str, ...] = ()) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        branches += then
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return f"(?:{body})?"
        return body

    return emit(trie, then)


# What a cue word reports: speech ("said"), quoted words only ("called it “a disgrace”"), a stance
# towards its object ("endorsed"), or a belief or finding, with a clause ("believes that", "found").
VerbClass = Literal["speech", "framing", "stance", "belief"]


def verb_classes() -> dict[str, VerbClass]:
    """Each cue word's class; a word in several lists takes the last class here."""
    classes: dict[str, VerbClass] = {verb: "belief" for verb in lexicon.belief_verbs() | lexicon.belief_adjectives()}
    classes |= {verb: "framing" for verb in lexicon.framing_verbs()}
    classes |= {verb: "stance" for verb in lexicon.stance_verbs()}
    classes |= {verb: "speech" for verb in lexicon.reporting_verbs()}
    return classes


VERB_CLASS: Final = verb_classes()
ALWAYS_CAPITALISED: Final = frozenset(("according to", "asked"))
# Any participle before a "that" clause ("were frustrated that", "have understood that"), read as a
# verb of belief; "that year" is a determiner, not a clause.
PARTICIPLE_BEFORE_THAT: Final = (
    r"[a-z]{3,}ed(?=\s+that\s(?!(?:year|week|month|day|night|morning|time|point|case|way)\b))"
)
# Lower-case cue words, and "Asked"/"Said" opening a clause: what a short tail after a quote holds.
LOWER_CUE_WORD: Final = (
    r"(?<![\w’'-])(?:"
    + word_trie_pattern(sorted(VERB_CLASS))
    + r"|[Aa]ccording to|Asked|Says|Say|Said|"
    + PARTICIPLE_BEFORE_THAT
    + r")(?![\w’'-])"
)
# Every cue word as written: lower-case, capitalised (kept only in title-case lines, see find_cues)
# and the all-capital forms that always count. Spelling the cases out rather than matching without
# case keeps the scan three times faster: Python's re cannot skip ahead in a case-blind alternation.
CUE_FORMS: Final = sorted(
    VERB_CLASS.keys()
    | {w.capitalize() for w in VERB_CLASS}
    | {w.title() for w in VERB_CLASS}  # "Responds To" in a headline
    | {w.upper() for w in ALWAYS_CAPITALISED}
)
# A scan with finditer tries every position, so the test that fails inside a word comes first: "\b"
# costs less than the lookbehind, and every cue word opens with a letter, so where one can match
# "\b" holds whenever the lookbehind does. (find_cue_words tries it only where a cue word can start.)
CUE_WORD: Final = re.compile(
    r"\b(?<![\w’'-])" + word_trie_pattern(CUE_FORMS, then=("[Aa]ccording to", PARTICIPLE_BEFORE_THAT)) + r"(?![\w’'-])"
)
# The first word of every cue word (bytes, see cue_word_starts), "According to" included.
OPENING_WORDS: Final = frozenset(form.split()[0].encode() for form in CUE_FORMS) | {b"according", b"According"}
SHORTEST_OPENING_WORD: Final = min(map(len, OPENING_WORDS))
# A quote's words are masked as runs of "X" (sentences.mask_spans), a fifth of a paragraph's words: no
# cue word opens with that letter, so such a word is passed over without hashing it.
QUOTED_LETTER: Final = ord("X")
# A paragraph's skeleton for cue_word_starts: ASCII letters and digits, and "_", "'" and "-", which
# join a word to its neighbours, stay; every other character becomes a space.
SKELETON: Final = bytes(code if chr(code).isalnum() or chr(code) in "_'-" else 32 for code in range(128)) + b" " * 128


def find_cue_words(masked: str, stretches: list[tuple[int, int]]) -> list[re.Match]:
    """CUE_WORD's matches in each (start, end) stretch of masked, exactly those that
    CUE_WORD.finditer(masked, start, end) finds, but tried only where cue_word_starts says a cue word
    can start instead of at every character: that scan took a quarter of the extraction's time."""
    words: list[re.Match] = []
    starts = cue_word_starts(masked, [end for _, end in stretches])
    for start, end in stretches:
        after = start  # finditer goes on from the end of each match
        for index in range(bisect_left(starts, start), len(starts)):
            position = starts[index]
            if position >= end:
                break
            if position >= after:
                match = CUE_WORD.match(masked, position, end)
                if match is not None:
                    words.append(match)
                    after = match.end()
    return words


def cue_word_starts(masked: str, ends: list[int]) -> list[int]:
    """Every place where CUE_WORD may match, in order, and a few more: the words that open some cue
    word, and any word ending in "ed" before "that" (PARTICIPLE_BEFORE_THAT). A cue word is ASCII
    letters and spaces after a character that is not a letter, digit, "_", "’", "'" or "-"; in the
    skeleton that character is a space (a character beyond ASCII encodes as "?", which becomes one),
    so the cue word's first word is one of the skeleton's words split on spaces. A match may also end
    where a stretch ends (a quote's opening mark, even "'"), so the skeleton has a space there too."""
    skeleton = bytearray(masked.encode("ascii", "replace").translate(SKELETON))  # a byte per character
    for end in ends:
        if end < len(skeleton):
            skeleton[end] = 32
    starts: list[int] = []
    position = previous_start = 0
    previous = b""
    for word in bytes(skeleton).split(b" "):
        if word:
            if word == b"that" and previous.endswith(b"ed") and not (starts and starts[-1] == previous_start):
                starts.append(previous_start)
            if word[0] != QUOTED_LETTER and len(word) >= SHORTEST_OPENING_WORD and word in OPENING_WORDS:
                starts.append(position)
            previous, previous_start = word, position
        position += len(word) + 1
    return starts


def in_title_case(masked: str, start: int, end: int, match: re.Match) -> bool:
    """ "Trump Slams Clinton Over Emails", "Says Clinton Would Stack …": a capitalised word after the cue
    word and none but capitalised ones before it; not "Omar Said, the city engineer", nor a capitalised
    participle, which is more often part of a name ("CNA’s Countering Threats Program")."""
    before = masked[max(start, match.start() - 30) : match.start()].split()[-1:]
    after = masked[match.end() : match.end() + 30].split()[:1]
    return (
        bool(after)
        and (not before or before[0][0].isupper())
        and after[0][0].isupper()
        and not match.group().isupper()
        and not match.group().endswith("ing")
    )


def after_be(masked: str, start: int, verb_start: int) -> bool:
    """ "she was sure", "Democrats are confident", but not "It is certain" or "There is no doubt"."""
    before = masked[max(start, verb_start - 30) : verb_start].split()[-3:]
    if not before or before[-1].lower() not in BE_FORMS:
        return False
    return len(before) < 2 or before[-2].lower() not in ("it", "there", "this", "that")


def takes_be(masked: str, verb_start: int) -> bool:
    """Whether a cue word keeps the "is/was" before it: a progressive, or an adjectival participle
    (not a reporting verb's passive: "was informed that" is not the subject's words)."""
    following = masked[verb_start : verb_start + 30].split()[:2]
    if not following:
        return False
    word = following[0]
    return (
        word.endswith("ing")
        or word.lower() in lexicon.belief_adjectives()
        or (word.endswith("ed") and following[1:] == ["that"] and word not in VERB_CLASS)
    )


def strip_auxiliaries(masked: str, floor: int, verb_start: int) -> int:
    """Where the cue begins once "has also", "later", "reportedly" are taken in."""
    lowest = max(floor, verb_start - 40)
    position = verb_start
    for token in reversed(masked[lowest:verb_start].split()):
        if (
            token in AUX
            or (token.endswith("ly") and token.isalpha() and token.islower())
            # "Trump is talking about …": a progressive takes its "is"; a passive ("was asked") does not,
            # but an adjectival participle before "that" does ("Protesters were frustrated that …").
            or (token in BE_FORMS and takes_be(masked, verb_start))
        ):
            position = masked.rfind(token, lowest, position)  # the word just before position
        else:
            break
    before = masked[max(floor, position - 5) : position]
    if "’" not in before and "'" not in before:
        return position  # no auxiliary glued to a pronoun, the common case
    contraction = CONTRACTED_AUXILIARY.search(masked, max(floor, position - 8), position)
    return contraction.start("aux") if contraction is not None else position


# "he’s predicting", "they’ve said", "she’d told": the auxiliary glued to a pronoun subject.
CONTRACTED_AUXILIARY: Final = re.compile(
    r"\b(?:he|she|it|they|we|I|you|who)(?P<aux>[’'](?:s|re|ve|d|ll|m))\s*$", re.IGNORECASE
)
