"""Find the phrase that names a cue's source: the noun phrase just before the verb ("Ahmad Zaman,
another resident, told"), the one after it in an inverted cue ("said Abdul Raouf, a soldier"), or
the name or pronoun opening the sentence when the verb has no subject of its own. Whether a phrase
can be a source at all is sourcephrases.py's question."""

from __future__ import annotations

import re
from typing import Final

from . import lexicon
from .cuewords import word_trie_pattern
from .sourcephrases import is_name, is_plural_noun, is_role, is_subject
from .words import (
    CAPITALISED_WORD,
    CAPITALISED_WORD_NO_STOP,
    CLAUSE_OPENERS,
    COMPARISON_ASIDES,
    CONJUNCTIONS,
    CONNECTORS,
    DETERMINERS,
    NOT_A_SOURCE,
    NOT_SUBJECT_END,
    POSSESSIVES,
    PREPOSITIONS,
    RESTRICTIVE,
    SURNAME_PARTICLE,
    TIME_WORDS,
)

# Where a subject cannot reach back past: punctuation, a dash between spaces, a mark closing quoted
# words ('X' in the masked text) or opening them. The rule, as one plain pattern:
HARD_BOUNDARY: Final = re.compile(r"[;:\[\]“”\"—–]|\s-\s|(?<=X)[’']|[‘'](?=X)")
# The same boundaries for after_last_boundary, which runs before every cue verb: a subject's
# stretch is searched backwards, and a pattern's alternatives are told apart after one leading
# class of characters, so the regex engine skips straight to candidates (benchmarks/RESULTS.md:
# what the plain form would cost); tests/test_properties.py checks they agree.
PUNCTUATION_BOUNDARY: Final = r"(?<=[;:\[\]“”\"—–])"
QUOTE_MARK_BOUNDARY: Final = r"(?<=X[’'])|(?<=[‘'])(?=X)"
LEADING_CLASS_BOUNDARY: Final = (
    r"[;:\[\]“”\"—–\s’'‘](?:" + PUNCTUATION_BOUNDARY + r"|(?<=\s)-\s|" + QUOTE_MARK_BOUNDARY + ")"
)
# The last of them (group 1) in one backward scan: ".*" runs to the end and gives back a character at a time.
LAST_HARD_BOUNDARY: Final = re.compile(r"(?s:.*)(" + LEADING_CLASS_BOUNDARY + ")")
# Whether there is one at all, searched at a character every boundary holds (the dash of " - "):
# most stretches have none. The character's neighbours rule out hyphens and apostrophes inside words.
SOME_HARD_BOUNDARY: Final = re.compile(
    r"[;:\[\]“”\"—–’'‘-](?:" + PUNCTUATION_BOUNDARY + r"|(?<=\s-)(?=\s)|" + QUOTE_MARK_BOUNDARY + ")"
)


class SubjectBefore:
    """What stands before a cue verb: the phrase naming its source (start, end) or none (span None);
    shared when the verb follows a bare "and", "but" or "or" ("X called … and said"), so its subject
    is the one of the cue before it. (A plain class: its constructor is compiled, a dataclass's is
    not, and one is made for every cue word.)"""

    def __init__(self, span: tuple[int, int] | None, shared: bool = False) -> None:
        self.span = span
        self.shared = shared


NO_SUBJECT: Final = SubjectBefore(None)
SHARED_SUBJECT: Final = SubjectBefore(None, shared=True)


def subject_before(masked: str, floor: int, end: int) -> SubjectBefore:
    """The noun phrase ending just before the cue, or none, or that the verb shares the subject of the
    cue before it (see SubjectBefore)."""
    tail = masked[max(floor, end - 4) : end].rstrip()
    aside = DASH_ASIDE.search(masked, max(floor, end - 300), end) if tail.endswith(("—", "–", "-")) else None
    if aside is not None:
        end = aside.start()  # "The Supreme Court justice -- who has been … -- said"
    region_start = after_last_boundary(masked, max(floor, end - 300), end)
    segments = comma_segments(masked, region_start, end)
    # "Beck, who supported Sen. Ted Cruz, last week said": a relative clause or a time between them.
    while len(segments) >= 2 and is_aside(spanned(masked, segments[-1]), "," in masked[segments[-1][1] : end]):
        segments.pop()
    if not segments:
        return NO_SUBJECT
    core_start, core_end = segments[-1]
    if len(segments) >= 2:  # most subjects have no comma: no appositive, no connector between commas
        named = name_before_roles(masked, segments)
        if named is not None:
            return SubjectBefore((named, core_end))  # "Fawad Aman, a spokesman for the Ministry of Defence"
        if masked[core_start:core_end].lower() in CONNECTORS:
            while masked[core_start:core_end].lower() in CONNECTORS and len(segments) >= 2:
                segments.pop()
                core_start, core_end = segments[-1]  # "Kohistani, meanwhile, said"
            named = name_before_roles(masked, segments)  # unchanged segments were tried above
            if named is not None:
                return SubjectBefore((named, core_end))
    cut = LAST_CONJUNCTION.match(masked, core_start, min(end, core_end + 1))
    if cut is not None:
        word = cut[1].strip()
        if cut.end() >= core_end:
            if word.lower() in ("who", "that"):
                return SubjectBefore(antecedent(masked, segments, cut.start(1)))  # "a roster of donors that shows"
            return SHARED_SUBJECT if word in ("and", "but", "or") else NO_SUBJECT
        if word.lower() in RESTRICTIVE and not is_subject(masked[cut.end() : core_end]):
            head = (core_start, trim_end(masked, core_start, cut.start(1)))
            # "The state officials whose laws have been invalidated say": the noun before the clause
            phrase = spanned(masked, head)
            participle = (masked[end : end + 20].split() or [""])[0].endswith("ing")
            short = 0 < len(phrase.split()) <= MAX_RESTRICTED_HEAD_WORDS
            return SubjectBefore(head if short and not participle and is_subject(phrase) else None)
        core_start = cut.end()
    last_word = masked[max(core_start, core_end - 5) : core_end].split()[-1:]
    if last_word and last_word[0] in CLAUSE_OPENERS and last_word[0] not in ("there", "you"):
        return SubjectBefore((core_end - len(last_word[0]), core_end))  # "the impact it said …": the pronoun
    return SubjectBefore((core_start, core_end) if is_subject(masked[core_start:core_end]) else None)


def after_last_boundary(masked: str, start: int, end: int) -> int:
    """Where the text after the last hard boundary in masked[start:end] begins (start if none): the
    end of the last HARD_BOUNDARY match in order, found from the end of the text, where the subject is."""
    if SOME_HARD_BOUNDARY.search(masked, start, end) is None:
        return start
    last = LAST_HARD_BOUNDARY.match(masked, start, end)
    if last is None:
        return start
    boundary_start = last.start(1)
    if last.end() - boundary_start == 3 and masked[boundary_start - 1 : boundary_start] == "-":
        # " - - ": matches in order skip a " - " that overlaps the one before it; the rightmost
        # need not be the last, so scan in order.
        for boundary in HARD_BOUNDARY.finditer(masked, start, end):
            start = boundary.end()
        return start
    return last.end()


DASH_ASIDE: Final = re.compile(r"\s*(?:—|–|--|\s-\s)[^—–]{1,250}?(?:—|–|--|\s-)\s*$")
RELATIVE_START: Final = re.compile(r"(?:who|which)\s")


def opens_relative(text: str) -> bool:
    """Whether text opens with "who" or "which" and a space (RELATIVE_START): the regex is asked
    only of a text opening with one of the words, most phrases open with neither."""
    return text.startswith(("who", "which")) and RELATIVE_START.match(text) is not None


MAX_ASIDE_WORDS: Final = 5


def is_aside(phrase: str, closed: bool) -> bool:
    """A relative clause closed by a comma ("who supported Sen. Ted Cruz,") or a time ("last week")
    between a subject and its verb."""
    words = [w.lower() for w in phrase.split()]
    if closed and words and words[0] in COMPARISON_ASIDES:
        return True  # "Democratic economists, like their Republican counterparts, say"
    if closed and (opens_relative(phrase) or (words and words[0].endswith("ing") and words[0].isalpha())):
        return True  # "Eric Garner, gasping facedown on a sidewalk, said"
    if closed and words and words[0] in PREPOSITIONS and len(words) <= MAX_ASIDE_WORDS:
        return True  # "The administration, for its part, expressed", "Trump, in a statement, said"
    return all(w in TIME_WORDS for w in words) and not all(w in DETERMINERS for w in words)


def antecedent(masked: str, segments: list[tuple[int, int]], who: int) -> tuple[int, int] | None:
    """The speaker of "… who said": the noun phrase before "who" ("voters who", "Nicky Driscoll, 24,
    from Manchester, who")."""
    start = segments[-1][0]
    if who > start:
        phrase = (start, trim_end(masked, start, who))
        if is_subject(spanned(masked, phrase)):
            return phrase
        return noun_before(masked, *phrase)  # "a backlash from … business leaders who say"
    candidates = list(reversed(segments[-4:-1]))
    named = [c for c in candidates if is_name(spanned(masked, c))]
    if named:
        return named[0]
    short = [c for c in candidates[:1] if is_subject(spanned(masked, c)) and len(spanned(masked, c).split()) <= 4]
    if short:
        return short[0] if not masked[short[0][0]].isdigit() else None
    # "Trump was out-brutalizing Ted Cruz, who said", "with help from Labor Secretary Thomas Perez, who
    # said": the name closing the clause before the comma.
    closing = TRAILING_NAME.search(masked, *candidates[0]) if candidates else None
    return (closing.start(), closing.end()) if closing is not None and is_name(closing.group()) else None


TRAILING_NAME: Final = re.compile(
    r"(?<![\w’'.-])(?:"
    + CAPITALISED_WORD
    + r"\s+(?:"
    + SURNAME_PARTICLE
    + r"\s+)?){0,4}"
    + CAPITALISED_WORD_NO_STOP
    + r"$"
)
MAX_HEAD_WORDS: Final = 3


def noun_before(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest short source phrase ending at end ("business leaders", "18%"), if any."""
    words = masked[start:end].split()
    for count in range(min(MAX_HEAD_WORDS, len(words) - 1), 0, -1):
        tail = words[-count:]
        if tail[0].lower() in PREPOSITIONS or tail[0].lower() in CONNECTORS or tail[0].lower() in RESTRICTIVE:
            continue
        head = tail[-1].lower()
        if not (head[:1].isdigit() or head in lexicon.anonymous_heads() or is_plural_noun(head)):
            return None
        if is_subject(" ".join(tail)):
            position = end
            for word in reversed(tail):
                position = masked.rfind(word, start, position)
            return position, end
    return None


MAX_ROLES: Final = 3


def name_before_roles(masked: str, segments: list[tuple[int, int]]) -> int | None:
    """Where the name starts when the last segments are its appositives: "Scott Pruitt, the attorney
    general of Oklahoma, one of the states suing the EPA, said", "Johnnie Wilson, of Springfield, Va.,
    said" (where someone is from is no name)."""
    for count in range(1, min(MAX_ROLES, len(segments) - 1) + 1):
        role = spanned(masked, segments[-count])
        first = role.split(maxsplit=1)[0]
        if not is_role(role) or opens_relative(role + " ") or (first.islower() and first.endswith("ed")):
            return None  # "…, who said": the antecedent rule's case
        name = spanned(masked, segments[-count - 1])
        if (
            is_name(name)
            and name.lower() not in CONNECTORS
            and name.lower() not in NOT_A_SOURCE
            and not name.startswith(("of ", "from "))
        ):
            return segments[-count - 1][0]  # not "However, slower growth …, the IMF said"
    return None


# The last conjunction (group 1) in one backward scan: ".*" runs to the end and gives back one
# character at a time. Two conjunctions never overlap, so the rightmost is the last one found in order.
# The words go in as a trie (word_trie_pattern, from the plain list): the engine cannot skip a
# case-blind alternative by its first letter, so a flat list is entered once per word at every word
# boundary, a trie a few times; and the trie only at a word opening with one of their first letters
# (one class test at each word boundary instead of entering the trie there).
CONJUNCTION_FIRST_LETTERS: Final = "".join(sorted({word[0] for word in CONJUNCTIONS}))
LAST_CONJUNCTION: Final = re.compile(
    r"(?s:.*)(\b(?=[" + CONJUNCTION_FIRST_LETTERS + "])" + word_trie_pattern(CONJUNCTIONS) + r"\s+)", re.IGNORECASE
)


def comma_segments(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of masked[start:end], each without its outer spaces."""
    text = masked[start:end]
    if "," not in text:  # most subjects: one piece
        rest = text.strip()
        first = start + len(text) - len(text.lstrip())
        return [(first, first + len(rest))] if rest else []
    trimmed = []
    position = start
    for segment in text.split(","):
        rest = segment.lstrip()
        a = position + len(segment) - len(rest)
        trimmed.append((a, a + len(rest.rstrip())))
        position += len(segment) + 1
    while trimmed and trimmed[-1][0] == trimmed[-1][1]:
        trimmed.pop()
    return trimmed[-1:] if len(trimmed) > 1 and any(a == b for a, b in trimmed) else trimmed


MAX_RESTRICTED_HEAD_WORDS: Final = 5
SENTENCE_SUBJECT: Final = re.compile(
    r"\s*(?:(?:And|But|So|Yet|Still|Then|Now)\s+)?"  # "And he managed …, slamming …"
    r"((?:" + CAPITALISED_WORD + r"\s+){0,4}" + CAPITALISED_WORD + r"|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?=\s+[a-z]|,)"
)


def is_predicate(masked: str, subject: tuple[int, int] | None, cue_start: int) -> bool:
    """ "Dean, a former chairman, poked at Trump's sniffing, tweeting, “…”": before a participle, a
    phrase opening with a lower-case verb is the sentence's predicate, not the speaker."""
    after_comma = masked[max(0, cue_start - 3) : cue_start].rstrip().endswith(",")
    if not after_comma:
        return False
    participle = (masked[cue_start : cue_start + 30].split() or [""])[0].rstrip(",:").endswith("ing")
    if subject is None or not participle or not after_comma:
        return subject is None and participle and after_comma
    comma = masked.rfind(",", max(subject[0], cue_start - 300), cue_start - 2)
    clause_start = comma + 1 if comma >= 0 else subject[0]  # the phrase between the last comma and the cue
    first = (masked[clause_start : clause_start + 30].split(maxsplit=1) or [""])[0]
    return (
        first.isalpha()
        and first.islower()
        and first.endswith(("ed", "s"))
        and not is_plural_noun(first)
        and first not in lexicon.anonymous_heads()
    )


def sentence_subject(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The name or pronoun opening the sentence, for a verb whose own subject was left out."""
    comma = masked.find(",", start, min(end, start + 40))
    for position in (start, comma + 1) if comma >= 0 else (start,):
        # "In August, several environmental groups …", "Instead, the study …": past the opener.
        match = SENTENCE_SUBJECT.match(masked, position, end)
        first = match.group(1).split()[0].lower() if match is not None else ""
        if match is not None and first not in PREPOSITIONS and first not in CONNECTORS:
            return match.start(1), match.end(1)
    return None


def names_a_holder(phrase: str) -> bool:
    """A subject that can hold a stance, not the modifier of a noun: "his Republican support",
    "60 pledged delegates", "the tweet"."""
    words = phrase.split()
    last = words[-1].strip(",.()")
    if not last or last.isdigit() or last.lower() in NOT_SUBJECT_END:
        return False
    return not (last[0].isupper() and words[0].lower() in POSSESSIVES)


def inverted_mention(masked: str, verb_end: int, end: int) -> tuple[int, int] | None:
    """ "said Abdul Raouf, a soldier of 10 years." → the source phrase after the verb."""
    end = min(end, verb_end + 400)
    rest = masked[verb_end:end]
    stripped = rest.lstrip()
    words = stripped.split()[:4]
    if not words or words[0].lower() in PREPOSITIONS or stripped.lstrip(",: ")[:1] in ("“", '"', "‘", "'"):
        return None  # ", tweeting, “Notice …”": quoted words are what was said, not who said it
    first = words[0]
    if not (
        first[0].isupper()
        or first.lower() in DETERMINERS
        or first in lexicon.pronoun_genders()
        or any(w[0].isupper() for w in words[1:])
    ):
        return None
    mention_start = verb_end + len(rest) - len(stripped)
    mention_end = trim_end(masked, mention_start, end)
    if len(masked[mention_start:mention_end].split()) > 30:
        return None
    return mention_start, mention_end


def spanned(text: str, span: tuple[int, int]) -> str:
    """text[start:end] for a (start, end) span: compiled, a plain slice, where text[slice(*span)] is a
    Python call that makes a slice object first."""
    start, end = span
    return text[start:end]


def trim_end(masked: str, start: int, end: int) -> int:
    while end > start and masked[end - 1] in " .!?;,”’\"'":
        end -= 1
    return end
