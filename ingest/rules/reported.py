"""Where a cue's reported words start and end: after "that", a colon or a short addressee ("told
reporters he …"), up to a second predicate, a trailing aside or the sentence end; before the cue
when it trails them ("…, he said"); and whether a stance or belief verb's object reports a view."""

from __future__ import annotations

import re
from typing import Final

from . import lexicon
from .cuewords import CUE_WORD
from .subjects import spanned, trim_end
from .words import (
    ADJUNCT_LINKS,
    ADJUNCT_PREPOSITIONS,
    AS_VERBS,
    CAPITALISED_WORD,
    CAPITALISED_WORD_NO_STOP,
    CLAUSE_OPENERS,
    FINDING_SOURCES,
    FINDING_VERBS,
    LINKING_WORDS,
    NOT_A_VIEW,
    NOT_AN_OBJECT,
    NOUN_MARKERS,
    OPEN_ENDINGS,
    PARTS_OF_TIME,
    PREPOSITIONS,
    SUBORDINATORS,
    TELL_VERBS,
    WEEKDAYS,
)

# "but called up 20,000 reservists": a second predicate of the same subject ends the reported clause.
# The alternatives are grouped by what stands before them: spaces, with or without a comma ("… but
# called", "…, but called"), or a comma only (see clause_break).
SECOND_PREDICATE_AFTER_EITHER: Final = (
    r"(?:but|and)\s+(?:then\s+|also\s+|later\s+)?[a-z]+ed\b"
    # … followed by what a verb takes ("and added that", "but called up"), not by a noun ("and unsettled weather")
    r"(?=[\s,.]*(?:$|[,.;]|(?:the|a|an|his|her|their|its|that|to|up|on|in|for|with|him|her|them|it|out|down|by|at|how|why|"
    r"what|whether|\d)\b))",
    # "… vast wealth and said it ensured …": a second speech verb is a report of its own; one before a
    # quotation may belong to the reported clause ("someone from the U.S. called … and said ‘…’").
    r"(?:but|and)\s+(?:then\s+|also\s+|later\s+|repeatedly\s+)?(?:said|says|told|tells|wrote|writes)\b"
    r"(?![\s,:]*[“\"‘']?X)",
)
SECOND_PREDICATE_AFTER_COMMA: Final = (
    # "…, but the incident still provided": a contrast with a subject of its own.
    r"but\s+(?=(?:the|a|an|his|her|their|its|he|she|they|it|[A-Z]\w*)\s)",
    # "… was smart, although he again refused …": a concession is the writer's, not the report.
    r"(?:although|though|whereas)\s",
    # "… action unconstitutional, his decision was overturned …": a clause with a subject of its own.
    r"(?:and\s+)?(?:the|his|her|its|their)\s+(?:[\w’'-]+\s+){0,2}(?:was|is|were|are|has|have|had)\s",
)


def clause_break_rule(
    after_comma: tuple[str, ...], after_spaces: tuple[str, ...], after_either: tuple[str, ...]
) -> str:
    """Where a clause breaks off, as one plain pattern: at a semicolon, or at a comma and spaces, or at
    spaces, followed by one of the alternatives for that opening."""
    comma = "|".join(after_comma + after_either)
    spaces = "|".join(after_spaces + after_either)
    # The semicolon: "…, while Clinton pushed policy", "…; hours later", "… - and her management": a new clause.
    return rf";|,\s+(?:{comma})|\s+(?:{spaces})"


def starting_at(characters: str, rule: str) -> re.Pattern:
    """A pattern for search() whose match starts where the rule's first match starts, the rule's
    matches each opening with one of characters (a class); the match itself is that one character.
    The engine skips along to a character of a leading class in C, which it cannot do for the rule's
    alternatives, so the class comes first and a lookbehind tries the rule from the character it
    matched. Each opening is entered once, not once for each alternative that shares it: most
    candidates are the spaces between words. tests/test_properties.py checks both find the same."""
    return re.compile(characters + r"(?<=(?=(?:" + rule + r"))(?s:.))")


def clause_break(
    after_comma: tuple[str, ...], after_spaces: tuple[str, ...], after_either: tuple[str, ...]
) -> re.Pattern:
    """clause_break_rule, for search(): only a match's start counts."""
    return starting_at(r"[,;\s]", clause_break_rule(after_comma, after_spaces, after_either))


SECOND_PREDICATE: Final = clause_break(SECOND_PREDICATE_AFTER_COMMA, (), SECOND_PREDICATE_AFTER_EITHER)
# Every break SECOND_PREDICATE finds holds one of these: the semicolon, a comma, or a word the
# alternatives after spaces open with (SECOND_PREDICATE_AFTER_EITHER).
SECOND_PREDICATE_MARKERS: Final = (";", ",", "but", "and")
THAT: Final = re.compile(r"(?:\s+[^\s,;:X]+){0,4}?\s+that\s+")
LEAD_IN: Final = re.compile(r"\s*(?:[,:]\s*)?(?:that\s+)?")
MAX_CONTENT: Final = 1500  # characters: reported speech runs to the sentence end, but never further than this


def introduced_content(masked: str, verb_end: int, end: int) -> tuple[int, bool]:
    """Where the reported words start, past ", that", ":" after the cue; and whether a "that" or a colon
    introduces them."""
    # Most cues have no "that" after them: one scan for the word rules THAT out at once.
    that = THAT.match(masked, verb_end, end) if masked.find("that", verb_end, end) >= 0 else None
    if that and not CUE_WORD.search(masked, verb_end, that.end()):
        return that.end(), True
    lead_in = LEAD_IN.match(masked, verb_end, end)  # it always matches: every part of it is optional
    lead_end = lead_in.end() if lead_in is not None else verb_end
    return lead_end, masked[verb_end:lead_end].strip().endswith(":")


def tail_context(masked: str, start: int, end: int) -> int | None:
    """Where reported words end when the cue follows them: "‘…,’ he said" or "…, he said"."""
    lead = masked[max(start, end - 300) : end].rstrip()
    start = end - 300 if end - 300 > start else start
    if not lead:
        return None
    # Three words or more: splitting off the first three tells, without splitting all 300 characters.
    if lead[-1] in ",—–" and len(lead.split(maxsplit=2)) >= 3:
        return start + len(lead) - 1
    if lead[-1] in "”’\"'" and "X" in lead[-3:-1]:
        return start + len(lead)
    return None


MAX_ADJUNCT_WORDS: Final = 8


def opening_adjunct(lead: str) -> bool:
    """ "In the deposition", "Despite the negative sheen": a short phrase opening with a preposition, or
    a subordinate clause ("When Congress cut funding …")."""
    words = lead.split()
    if len(words) > 1 and "asked" in (words[0].lower(), words[1]) and "X" not in lead:
        return True  # "Asked by Starnes if he believed …": the question put to the speaker
    opener = words[1:2] if words and words[0].lower() in ADJUNCT_LINKS else words[:1]
    if opener and opener[0].lower() in SUBORDINATORS and "X" not in lead and "," not in lead:
        return True  # "But when Congress cut funding for the pilot program two years later, Mexico said …"
    if not 0 < len(words) <= MAX_ADJUNCT_WORDS or "X" in lead or "," in lead:
        return False
    first = words[0].lower()
    if first in ADJUNCT_LINKS and len(words) > 1:
        first = words[1].lower()  # "But when Congress cut funding …", "As with so much …"
    return first in PREPOSITIONS or (first.endswith("ing") and words[0][0].isupper())  # "Campaigning against …"


INTERRUPTED_GOES_ON: Final = re.compile(r",\s+(?:but\s+)?(?!adding\b|saying\b|noting\b)[\w’']+\s+\S+\s+\S+")


def interrupted_end(masked: str, verb_end: int, end: int, lead_end: int) -> int:
    """ "In several cases, tech executives say, they have been asked …": a cue set inside its sentence
    reports all of it (the end of the sentence), not only the words before it."""
    if INTERRUPTED_GOES_ON.match(masked, verb_end, end) and "X" not in masked[verb_end:end]:
        return trim_end(masked, verb_end, end)
    return lead_end


def second_predicate_start(masked: str, start: int, end: int) -> int | None:
    """Where SECOND_PREDICATE first matches in masked[start:end], if it does. Half the contents hold
    none of SECOND_PREDICATE_MARKERS, and str.find rules them out for less than the search costs."""
    if all(masked.find(marker, start, end) < 0 for marker in SECOND_PREDICATE_MARKERS):
        return None
    second = SECOND_PREDICATE.search(masked, start, end)
    return second.start() if second is not None else None


# "… in partnership with NATO, a military alliance …": an appositive closing the clause is the
# writer's gloss, not part of what was reported.
TRAILING_ASIDE: Final = re.compile(r",\s+(?:a|an|another|the latest|one of)\s(?=[^,;X]*$)")


def trailing_aside_start(masked: str, start: int, end: int) -> int | None:
    """Where TRAILING_ASIDE matches in masked[start:end], if it does: its comma is looked for first,
    as three contents in four have none."""
    if masked.find(",", start, end) < 0:
        return None
    aside = TRAILING_ASIDE.search(masked, start, end)
    return aside.start() if aside is not None else None


# Where a stance verb's object ends: a second predicate, a participle or subordinate clause after a comma.
OBJECT_END_AFTER_COMMA: Final = SECOND_PREDICATE_AFTER_COMMA + (
    r"(?:[a-z]+ing|after|because|as|when|while|since|before|although|though|who|which|where|but|and)\b",
    # "sought to protect breaks important to real estate, the bedrock of his business": an
    # appositive after the object is the writer's gloss.
    r"(?:the|a|an)\s",
)
OBJECT_END_AFTER_SPACES: Final = (
    r"and\s+(?:has|have|had|is|was|will|would|then|also|later)\b",
    # "supported Democrats during his time on MSNBC": when the stance was taken is not its object.
    r"(?:during|while|since|amid|following)\s",
    # "signaled willingness to change ACA but has been met with opposition", "has championed gay
    # rights and extended benefits to gay couples": the subject's next predicate.
    r"but\s+(?:has|have|had|is|was|also|then)\b",
    r"and\s+[a-z]+ed\s",
    # "offered some pointed advice to Clinton on Friday", "denounced the annexation in an on-air
    # diatribe": when, and in what words, the stance was taken.
    r"(?:on|last|this|early|late|earlier)\s+(?:" + "|".join(WEEKDAYS + PARTS_OF_TIME) + r")\b",
    r"in\s+(?:an?|his|her|their|its)\s+(?:[\w’'-]+\s+){0,2}(?:tweets?|interview|speech|statement|remarks|"
    r"letter|op-ed|post|ad|rally|debate|appearance|diatribe|email)\b",
    # "praised the deal as he toured the plant", "condemned the launch as Pyongyang fired three
    # missiles": a clause of its own.
    r"as\s+(?:he|she|they|it|" + CAPITALISED_WORD_NO_STOP + r"\s+[a-z]+ed)\s",
)
OBJECT_END_AFTER_EITHER: Final = SECOND_PREDICATE_AFTER_EITHER + (
    # "demands accountability and transparency from our president, yet refuses to release …"
    r"yet\s",
)
OBJECT_END: Final = clause_break(OBJECT_END_AFTER_COMMA, OBJECT_END_AFTER_SPACES, OBJECT_END_AFTER_EITHER)


def object_end(masked: str, start: int, end: int) -> int:
    """Where a stance verb's object ends: the first OBJECT_END that leaves it a whole phrase. A time
    phrase after "at"/"in"/"on" takes the preposition with it ("cited the figure at last week's forum");
    after any other opening word it is part of the object ("by the end of this year"), and so is what
    follows "the" ("issued the following statement")."""
    for stop in OBJECT_END.finditer(masked, start, end):
        before = last_word_start(masked, start, stop.start())
        if masked[before : stop.start()].lower() in ADJUNCT_PREPOSITIONS and before > start:
            return before - 1
        if not ends_open(masked, start, stop.start()):
            return stop.start()
    return end


def last_word_start(text: str, start: int, end: int) -> int:
    return max(start, text.rfind(" ", start, end) + 1)


def ends_open(text: str, start: int, end: int) -> bool:
    """Whether the words end on one that opens what follows: "sold by the end of the", "less than a"."""
    return text[last_word_start(text, start, end) : end].lower() in OPEN_ENDINGS


NAME_THEN_VERB: Final = re.compile(
    r"(?:" + CAPITALISED_WORD + r"\s+){1,3}(?:[a-z]+(?:s|ed)|is|was|will|would|can|could|has|had|may|might)\b"
    # "I think the public will respond": a determiner-led noun phrase and its auxiliary
    r"|(?:the|a|an|this|these|those|his|her|their|its|our|my|your|most|many|some|all|\d[\d.,]*%?)\s+(?:[\w’'-]+\s+){0,5}?"
    r"(?:is|are|was|were|will|would|can|could|should|must|has|have|had|may|might)\b"
    # "the poll finds immigration is a second-tier issue": a bare noun and its verb
    r"|[a-z][\w’'-]+\s+(?:is|are|was|were|will|would|has|have|had)\s"
)


MAX_ADDRESSEE_WORDS: Final = 5


def addressee_end(masked: str, verb: str, after_start: int) -> int | None:
    """Where the reported clause starts after a short addressee with no "that": "told reporters he …"
    (verb: the cue word in lower case)."""
    if verb not in TELL_VERBS:
        return None
    position = after_start
    for _ in range(MAX_ADDRESSEE_WORDS):
        space = masked.find(" ", position, position + 40)
        previous = masked[position:space].lower()
        if space < 0 or previous.endswith((",", ".", ";", ":")):
            return None
        position = space + 1
        word = masked[position : masked.find(" ", position, position + 20)]
        if word in CLAUSE_OPENERS or (previous not in LINKING_WORDS and opens_clause(masked, position)):
            return position
    return None


def opens_clause(masked: str, position: int) -> bool:
    """ "I think Hillary is …", "voters believe Trump will …": a name followed by its verb."""
    return bool(NAME_THEN_VERB.match(masked, position, position + 60))


AS_AFTER: Final = re.compile(r"(?:\s+[^\s,;:.]+){1,6}?\s+as\s")


def takes_view(masked: str, subject: tuple[int, int], verb: str) -> bool:
    """Whether a belief verb (verb: in lower case) with a noun phrase, not a clause, after it still
    reports a view: what a study finds, or what someone expects, fears or believes."""
    head = spanned(masked, subject).split()[-1].lower()
    return (verb in FINDING_VERBS and head in FINDING_SOURCES) or (
        verb not in FINDING_VERBS and verb not in NOT_A_VIEW and verb not in lexicon.belief_adjectives()
    )


def takes_object(masked: str, end: int, cue_start: int, verb_end: int, content_start: int) -> bool:
    """Whether a stance word is a verb with an object (starting at content_start, see introduced_content):
    not a noun ("a call for", "their support") nor a passive or phrasal use ("supported by", "hailed as",
    "blamed in part")."""
    if masked[cue_start:verb_end].split()[-1].lower() in AS_VERBS and not AS_AFTER.match(masked, verb_end, end):
        return False  # "we'll see", "saw the film": only "see X as Y" reports a view
    first = masked[content_start : content_start + 12].split(maxsplit=1)
    before = masked[max(0, cue_start - 12) : cue_start].split()
    if before and before[-1].lower() in NOUN_MARKERS:
        return False
    return bool(first) and first[0].lower() not in NOT_AN_OBJECT
