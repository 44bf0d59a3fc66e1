"""Where an article names each of its person speakers: every place a form of their name stands
("Donald Trump", "Trump", "Mr. Trump"), with the full name the article gives a surname ("Donald
Trump" for a speaker quoted only as "Trump"). roles.py reads what the article says around each
naming, gender.py what it says of the person named. A form two people share names neither, and no
naming is read inside a longer name ("Clinton" in "Bill Clinton") or in a headline in title case."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from ..models import Affiliation, Paragraph, Quote, Speaker
from . import lexicon
from .quotemarks import CLOSING_MARKS
from .words import (
    CONJUNCTIONS,
    CONNECTORS,
    DETERMINERS,
    HONORIFICS,
    OPENING_TIMES,
    POSSESSIVE_ENDINGS,
    POSSESSIVES,
    PREPOSITIONS,
)

# Words that end a phrase read back from a name: it is a clause, a list or a time, not a role.
FUNCTION_WORDS: Final = (
    DETERMINERS
    | PREPOSITIONS
    | CONNECTORS
    | POSSESSIVES
    | frozenset(CONJUNCTIONS)
    | frozenset("he she they we i you it him them us me who not no is are was were be been has have had".split())
    # "Neither Speaker Ryan nor …", "Nothing the president said": a negation opens a clause, not a role
    | frozenset("neither either nor nothing none".split())
)
INITIALISM: Final = re.compile(r"^(?:[A-Z]\.){2,}$")  # "U.S.", "F.B.I."


@dataclass
class Naming:
    paragraph: int  # index into Namings.texts
    start: int  # offsets of the name in that paragraph's text, first name included
    end: int
    speaker: Speaker

    def __init__(self, paragraph: int, start: int, end: int, speaker: Speaker) -> None:  # see shapes.CueWord
        self.paragraph, self.start, self.end, self.speaker = paragraph, start, end, speaker


@dataclass
class Namings:
    """An article's namings of its person speakers, in text order, and the paragraphs they are in."""

    owners: dict[str, Speaker]  # each form of a name → the one speaker it names
    words: frozenset[str]  # the words of every speaker's names, to tell a person from an organisation
    texts: list[str]  # the body and heading paragraphs' texts
    positions: list[int]  # and their positions in the article (Paragraph.position)
    found: list[Naming] = field(default_factory=list)
    first_names: dict[str, str] = field(default_factory=dict)  # surname form → the one first name given it
    # Every place a form of one person's name stands, kept or not: (offset in the texts joined by line
    # breaks, the speaker), in text order; roles.py reads who was named last before a description.
    named_at: list[tuple[int, Speaker]] = field(default_factory=list)
    groups: frozenset[str] = frozenset()  # the names of the article's group speakers ("Republicans")

    def names_in(self, text: str) -> bool:
        return any(form in text for form in self.owners)


def find_namings(
    paragraphs: list[Paragraph], speakers: list[Speaker], keep: Callable[[str, int, int], bool] | None = None
) -> Namings:
    """Every naming of a person speaker in the article's body and headings. A form two people share
    ("Trump" for Donald and Melania) names neither, nor does a surname the article gives two first
    names ("Bill Clinton" and "Hillary Clinton"); a surname with one first name before it is named
    from that first name on ("Donald J. Trump" for a speaker quoted only as "Trump"). keep(text,
    start, end), when given, says which namings to keep: roles.py reads only those with words around
    them that may say a role, and most namings ("Trump said") have none."""
    forms: dict[str, list[Speaker]] = {}
    for speaker in speakers:
        if speaker.kind == "person" and speaker.name:
            for form in speaker.aliases | {speaker.name}:
                if same_first_name(form, speaker.name):
                    forms.setdefault(form.replace(NO_BREAK_SPACE, " "), []).append(speaker)
    owners = {form: owners[0] for form, owners in forms.items() if len(owners) == 1 and form[:1].isupper()}
    words = frozenset(word.strip(".,") for form in forms for word in form.split())
    read = [p for p in paragraphs if p.kind in ("body", "heading")]
    # A no-break space ("Gov.\u00a0Mike Pence") is read as a space: the offsets stay the paragraph's.
    texts = [p.text.replace(NO_BREAK_SPACE, " ") for p in read]
    namings = Namings(owners, words, texts, [p.position for p in read])
    namings.groups = frozenset(speaker.name for speaker in speakers if speaker.kind == "group")
    if not owners:
        return namings
    text = "\n".join(texts)
    spots = forms_at(text, owners)
    firsts = {form: own_first_names(owners[form]) for form in owners if " " not in form}
    first_before: dict[int, str] = {}
    # The word before each surname form, read once: it says the honorific and the first name.
    previous = {start: word_before(text, start) for start, form in spots if form in firsts}
    genders = honorific_genders(spots, previous, firsts)
    for start, form in spots:
        first = name_before(text, start, previous[start]) if form in firsts else ""
        if first and not stands_before_name(first) and first.lower() not in OPENING_TIMES:
            if genders[form] and lexicon.first_name_genders().get(first, genders[form]) != genders[form]:
                continue  # "Mr. Obama and the first lady, Michelle Obama": another person of that name
            firsts[form].add(first)
            first_before[start] = first
    shared = {form for form, names in firsts.items() if len(names) > 1}
    namings.first_names = {form: next(iter(names)) for form, names in firsts.items() if len(names) == 1}
    namings.named_at = [(start, owners[form]) for start, form in spots if form not in shared]
    starts = paragraph_starts(texts)
    title_case: dict[int, bool] = {}
    for start, form in spots:
        end = start + len(form)
        if form in shared:
            continue
        given = first_before.get(start)
        if given is not None:  # "Donald J. Trump": named from the first name on
            start = text.rfind(given, max(0, start - MAX_WORD_CHARS), start)
        if (keep is not None and not keep(text, start, end)) or attributive(text, end):
            continue
        if inside_longer_name(text, end, end) if given is not None else inside_longer_name(text, start, end):
            continue
        index = bisect_right(starts, start) - 1
        offset = starts[index]
        if index not in title_case:
            title_case[index] = in_title_case(texts[index])
        if end <= offset + len(texts[index]) and not title_case[index]:
            namings.found.append(Naming(index, start - offset, end - offset, owners[form]))
    return namings


def same_first_name(form: str, name: str) -> bool:
    """Whether a form of a speaker's name gives no other first name than the name does: "Melania
    Trump" is no form of "Donald Trump", whatever joined them."""
    words, own = form.split(), name.split()
    if len(words) < 2 or len(own) < 2 or words[0] == own[0]:
        return True
    given = lexicon.first_name_genders()
    return not (words[0] in given and own[0] in given)  # "Rudy" may be "Rudolph"; "Bill" is not "Hillary"


def paragraph_starts(texts: list[str]) -> list[int]:
    """Where each text starts in the texts joined by line breaks."""
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    return starts


def forms_at(text: str, owners: dict[str, Speaker]) -> list[tuple[int, str]]:
    """(start, form) of each form in text, in order, none inside the one before (the longest wins
    where two start together: "Donald Trump" over "Donald"). The forms sharing a last word ("Trump",
    "Donald Trump", "Mr. Trump") are found from one search for that word."""
    by_last: dict[str, list[str]] = {}
    for form in owners:
        by_last.setdefault(form.rsplit(" ", 1)[-1], []).append(form)
    found: list[tuple[int, int, str]] = []
    for last, forms in by_last.items():
        end = text.find(last)
        while end >= 0:
            end += len(last)
            after = text[end : end + 1]
            if not (after.isalnum() or after == "-"):
                for form in forms:
                    start = end - len(form)
                    before = text[start - 1 : start] if start > 0 else ""
                    if start >= 0 and text[start:end] == form and not (before.isalnum() or before in WORD_JOINERS):
                        found.append((start, -len(form), form))
            end = text.find(last, end)
    spots: list[tuple[int, str]] = []
    position = 0
    for start, _, form in sorted(found):
        if start >= position:
            spots.append((start, form))
            position = start + len(form)
    return spots


WORD_JOINERS: Final = ("’", "'", ".", "-", "_")


def name_before(text: str, start: int, word: str) -> str:
    """The capitalised word before start, past a middle initial: "Donald" before "J. Trump" (word:
    the word just before start)."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        word = word_before(text, start - 3)
    return word if word[:1].isupper() and word[1:].isalpha() and word[1:].islower() else ""


def honorific_genders(spots: list[tuple[int, str]], previous: dict[int, str], forms: dict) -> dict[str, str]:
    """Each surname form → "m" when the article writes it "Mr. …" only, "f" for "Mrs."/"Ms. …" only,
    "" otherwise: a first name of the other gender before it names someone else (previous: the word
    before each spot of a surname form)."""
    titled: dict[str, set[str]] = {form: set() for form in forms}
    for start, form in spots:
        if form in titled:
            titled[form].add(HONORIFICS.get(previous[start], ""))
    return {form: (genders - {""}).pop() if len(genders - {""}) == 1 else "" for form, genders in titled.items()}


def own_first_names(speaker: Speaker) -> set[str]:
    firsts = {form.split()[0] for form in speaker.aliases | {speaker.name} if len(form.split()) > 1}
    return {first for first in firsts if not stands_before_name(first)}


def attributive(text: str, end: int) -> bool:
    """ "Trump campaign manager", "Clinton supporter": the name modifies a noun, and names someone else."""
    if text[end : end + 1] not in SPACES or text[end + 1 : end + 2].isupper():
        return False  # "Trump's", "Trump." and "Trump Tower": no lower-case noun follows
    word = word_after(text, end).strip(".,;:")
    return word.islower() and (
        word in lexicon.role_nouns()
        or word in lexicon.role_modifiers()
        or word in lexicon.group_words_lower()
        or word in lexicon.relation_nouns()
    )


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """ "Clinton" in "Bill Clinton" or "Clinton Foundation" is not a mention of Hillary Clinton: a
    capitalised word before start (that is no title, role or owner) or after end makes a longer name."""
    previous = word_before(text, start) if start < end else ""
    owner = previous.endswith(POSSESSIVE_ENDINGS)  # "The Huffington Post’s Scott Conroy": his employer
    if previous[:1].isupper() and previous[-1:].isalpha() and not owner and not stands_before_name(previous):
        return True
    bare = word_after(text, end).strip(".,;:!?”’\"'")
    return bare[:1].isupper() and bare.lower() not in FUNCTION_WORDS and bare.lower() not in OPENING_TIMES


def word_before(text: str, start: int) -> str:
    """The word that ends in the spaces just before start ("" when no space is there)."""
    end = start
    while end > 0 and end > start - 3 and text[end - 1] in SPACES:
        end -= 1
    if end == start or end == 0:
        return ""
    word = text[text.rfind(" ", max(0, end - MAX_WORD_CHARS), end) + 1 : end]
    if has_line_space(word):  # seldom: tested first, as a loop over LINE_SPACES costs more than the tests
        for space in LINE_SPACES:
            word = word[word.rfind(space) + 1 :]
    return word


def word_after(text: str, end: int) -> str:
    """The word that starts in the spaces just after end ("" when no space is there)."""
    start = end
    while start < len(text) and start < end + 3 and text[start] in SPACES:
        start += 1
    if start == end:
        return ""
    stop = text.find(" ", start, start + MAX_WORD_CHARS)
    word = text[start : stop if stop >= 0 else start + MAX_WORD_CHARS]
    if has_line_space(word):
        for space in LINE_SPACES:
            if space in word:
                word = word[: word.find(space)]
    return word


def has_line_space(word: str) -> bool:
    return "\n" in word or "\t" in word or NO_BREAK_SPACE in word  # LINE_SPACES


MAX_WORD_CHARS: Final = 60
NO_BREAK_SPACE: Final = "\u00a0"
SPACES: Final = " \t\u00a0"  # between words of one line, not between paragraphs
LINE_SPACES: Final = ("\n", "\t", "\u00a0")  # spaces other than " " that end a word (has_line_space)


def stands_before_name(word: str) -> bool:
    """A capitalised word that can precede a name without being part of it: a title, a role, a party."""
    lower = word.lower()
    return (
        is_title(word)
        or word in HONORIFICS
        or lower in lexicon.role_nouns()
        or lower in lexicon.role_modifiers()
        or word in lexicon.parties()
        or lower in FUNCTION_WORDS
    )


def in_title_case(text: str) -> bool:
    """A headline in title case ("Trump Campaign Manager Says …"): its capitals are not names."""
    if len(text) > MAX_HEADLINE_CHARS or text.rstrip()[-1:] in SENTENCE_ENDS:
        return False  # a headline is short, and seldom ends a sentence
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.7 * len(words)


MAX_HEADLINE_CHARS: Final = 200
SENTENCE_ENDS: Final = ".!?”\"’'"


def strip_possessive(word: str) -> str:
    ending = word[-2:]  # every possessive ending has two characters: "’s", "s’"
    if ending not in POSSESSIVE_ENDINGS:
        return word
    return word[:-2] + ("s" if ending[0] == "s" else "")


def is_title(word: str) -> bool:
    return word in lexicon.titles() and word not in HONORIFICS


def is_abbreviation(word: str) -> bool:
    return (
        word in lexicon.titles()
        or word in HONORIFICS
        or word in lexicon.places()
        or INITIALISM.match(word) is not None
        or word.lower() in OPENING_TIMES  # "the Nov. 8 election"
    )


def common_word_names(paragraphs: list[Paragraph], speakers: list[Speaker]) -> set[str]:
    """The one-word person names that are common words of this article: words it writes in lower
    case more often than capitalised inside a sentence ("Early", "Federal", "Public" opening a
    sentence or a headline as a cue's subject). A name is capitalised wherever it stands; a common
    word only where a sentence or a title opens."""
    words = {s.name for s in speakers if s.kind == "person" and " " not in s.name and s.name[1:].islower()}
    if not words:
        return set()
    text = "\n".join(p.text for p in paragraphs)
    return {word for word in words if is_common_word(text, word)}


def is_common_word(text: str, word: str) -> bool:
    """Whether the article writes word in lower case more often than capitalised inside a sentence,
    or never capitalised inside one and it is inflected as a common word is: a plural, an adverb, a
    participle ("Questions and answers have been edited", "Mourners", "Publicly", "Blistering")."""
    inside = uses(text, word, True)
    if uses(text, word.lower(), False) > inside:
        return True
    lower = word.lower()
    return inside == 0 and lower.endswith(COMMON_INFLECTIONS) and not lower.endswith(NAME_ENDINGS_IN_S)


# Endings of plurals, adverbs and participles ("Estimates", "Shortly", "Consulting", "Courted"), and
# the endings in -s of names as often as of plurals ("Harris", "Cyrus", "Ross"), which prove nothing.
COMMON_INFLECTIONS: Final = ("s", "ly", "ing", "ed")
NAME_ENDINGS_IN_S: Final = ("ss", "us", "is", "os")


def uses(text: str, word: str, inside_sentence: bool) -> int:
    """How often text writes word as a whole word (no letter, digit, apostrophe or hyphen joined to
    it, but for a possessive ending); inside_sentence: only after a word or a comma and a space ("…
    said Early"), not where a sentence or a line opens. Found with str.find: most articles have few
    such words to count."""
    count, start = 0, text.find(word)
    while start >= 0:
        end = start + len(word)
        if (end == len(text) or not joins_word(text[end]) or text[end : end + 2] in POSSESSIVE_ENDINGS) and (
            (start >= 2 and text[start - 1] == " " and (joins_sentence(text[start - 2]) or goes_on_before(text, start)))
            if inside_sentence
            else (start == 0 or not joins_word(text[start - 1]))
        ):
            count += 1
        start = text.find(word, end)
    return count


def joins_word(character: str) -> bool:
    return character.isalnum() or character in "_’'-"


def joins_sentence(character: str) -> bool:
    return character.isalnum() or character in "_,"


def goes_on_before(text: str, start: int) -> bool:
    """Whether the sentence goes on before the word at start, after a space and a mark: "“We will
    win,” Evans said" (quoted words closed by a comma), "Mr. Sanders’s bid" (an honorific or a title)."""
    if text[start - 2 : start - 1] == ".":
        previous = word_before(text, start)
        return previous in HONORIFICS or is_title(previous)
    return text[start - 2 : start - 1] in CLOSING_MARKS and text[start - 3 : start - 2] == ","


def without_speakers(
    names: set[str], quotes: list[Quote], speakers: list[Speaker], affiliations: list[Affiliation]
) -> tuple[list[Speaker], list[Affiliation]]:
    """The article's speakers and affiliations without the named ones; their quotes are left without
    a speaker, saying why."""
    for quote in quotes:
        if quote.speaker_key in names:
            quote.reason = f'not a name: "{quote.speaker_key}" (a common word here)'
            quote.speaker_key, quote.method = None, "unresolved"
    kept = [s for s in speakers if s.name not in names]
    return kept, [a for a in affiliations if a.speaker_name not in names]
