"""What an article says of a person by a description alone: a sentence that opens with "The" and
a role phrase, then its verb ("The Vermont senator has struggled to win the South", "The former
Florida governor entered the race") says, of someone it named just before, what they are. It is
placed as descriptions.py places a quote's description: on the one person named before it whose
stated roles have its head noun and its capitalised words (descriptions.fits: "The Ohio governor" is
"Ohio Gov. John Kasich"); else on the last or the next-to-last person named before it, the first whom
nothing the article states contradicts (another office, party, rank or state; a body the description
names that the article never ties to them). Someone the same sentence names is not its subject.

Descriptions that are the source of a quote ("The senator said") are placed by descriptions.py;
both readings of one phrase agree on its role (rolephrases.phrase_statements)."""

from __future__ import annotations

from bisect import bisect_left
from typing import Final

from ..models import Affiliation, Speaker
from . import lexicon
from .descriptions import contradicts, fits, head_phrase, names_a_body, normal_word, statement_words
from .names import Namings, strip_possessive
from .quotemarks import CLOSING_MARKS
from .rolephrases import Statement, is_compound_modifier, is_role_noun, phrase_statements, role_words
from .words import AUX, BE_FORMS, MODALS, POSSESSIVE_ENDINGS, PREPOSITIONS

MAX_DESCRIPTION_WORDS: Final = 7  # "The presumptive Republican presidential nominee"; "The former secretary of state"
# Modifiers that make a description generic, or about someone to come ("The next president should
# be …", "The only Democratic candidate"): no one named before it.
GENERIC_MODIFIERS: Final = frozenset(
    "next first only best last future eventual ideal typical average likely possible potential same other "
    "right perfect".split()
)
RECENT_PEOPLE: Final = 2
NEGATED_AUX: Final = ("n’t", "n't")  # "hasn’t", "didn't"


def described_people(namings: Namings, stated: list[Affiliation]) -> list[tuple[str, Statement]]:
    """(speaker name, statement) for each sentence that opens with a description of a person named
    before it; stated: the affiliations the article states next to its people's names."""
    if not namings.named_at:
        return []
    text = "\n".join(namings.texts)
    described = [
        (start, statement)
        for start in sentence_openings(text, "The ")
        if (statement := description_at(text, start, namings.words)) is not None and statement.role is not None
    ]
    if not described:
        return []  # most articles: read no further
    statements: dict[str, list[set[str]]] = {}
    places: dict[str, set[str]] = {}
    for affiliation in stated:
        statements.setdefault(affiliation.speaker_name, []).append(statement_words(affiliation))
        places.setdefault(affiliation.speaker_name, set()).update(
            places_in(f"{affiliation.role or ''} {affiliation.organization or ''}")
        )
    starts = [start for start, _ in namings.named_at]
    found = []
    for start, statement in described:
        words = head_phrase((statement.role or "").replace("-", " ").split())
        before = bisect_left(starts, start)
        ending = bisect_left(starts, sentence_end(text, start + 4))
        in_sentence = {speaker.name for _, speaker in namings.named_at[before:ending]}
        named = [(at, speaker) for at, speaker in namings.named_at[:before] if speaker.name not in in_sentence]
        person = described_person(words, named, statements, places)
        if person is not None:
            found.append((person.name, statement))
    return found


def sentence_openings(text: str, word: str) -> list[int]:
    """Where word opens a line or a sentence: after a full stop, question or exclamation mark and a
    space, or those and a closing quotation mark ("… in the South. The Vermont senator …"). Found
    with str.find: the word is seldom there."""
    found = []
    start = text.find(word)
    while start >= 0:
        if (
            start == 0
            or text[start - 1] == "\n"
            or (
                text[start - 1] == " "
                and (
                    text[start - 2 : start - 1] in SENTENCE_ENDS
                    or text[start - 3 : start - 2] in SENTENCE_ENDS
                    and text[start - 2 : start - 1] in CLOSING_MARKS
                )
            )
        ):
            found.append(start)
        start = text.find(word, start + len(word))
    return found


SENTENCE_ENDS: Final = (".", "?", "!")


def sentence_end(text: str, start: int) -> int:
    """Where the sentence going on at start ends: at a full stop and a space, or at its line's end."""
    ends = [at for at in (text.find(". ", start), text.find("\n", start)) if at >= 0]
    return min(ends, default=len(text))


def description_at(text: str, start: int, people_words: frozenset[str]) -> Statement | None:
    """The role phrase after "The" at start, when a verb follows it or it owns what does: "The Ohio
    governor beat back …" → "Ohio governor", "The senator's advisers were …" → "senator"; None for
    "The delegate lead for …", "The insurance model …", "The next president should …" (a noun or no
    verb after the role, a word no role phrase holds, a generic modifier)."""
    first = text[start + 4 : text.find(" ", start + 4, start + 4 + MAX_WORD_CHARS)]
    if not is_role_phrase_word(strip_possessive(first)):
        return None  # most sentences opening with "The": "The report", "The poll"
    words = text[start : start + MAX_LINE_CHARS].split("\n", 1)[0].split()[1 : MAX_DESCRIPTION_WORDS + 2]
    end = next((i for i, word in enumerate(words) if is_verb_after_subject(word) or owns(word)), None)
    if end is None:
        return None
    phrase = [*words[:end], strip_possessive(words[end])] if owns(words[end]) else words[:end]
    if not phrase or not is_role_noun(phrase[-1]) and "of" not in phrase:
        return None  # the role noun ends the phrase, or an "of" phrase does ("secretary of state")
    of = phrase.index("of") if "of" in phrase else len(phrase)
    if not all(is_role_phrase_word(word) for word in phrase[:of]):
        return None
    if any(word[-1:] in CLAUSE_MARKS or word.lower() in GENERIC_MODIFIERS for word in phrase):
        return None
    statements = phrase_statements("the " + " ".join(phrase), people_words)
    return statements[0] if len(statements) == 1 else None


def owns(word: str) -> bool:
    """ "senator’s": a role noun that owns the subject ("The senator’s advisers were optimistic")."""
    return word.endswith(POSSESSIVE_ENDINGS) and is_role_noun(strip_possessive(word))


def is_role_phrase_word(word: str) -> bool:
    """A word a role phrase before its head is made of: a role noun or modifier ("former", "real
    estate"), a hyphenated modifier ("Slovenian-born") or a capitalised word (a state, a party, a body)."""
    lower = word.lower()
    return word[:1].isupper() or lower in role_words() or is_compound_modifier(lower)


MAX_LINE_CHARS: Final = 120
MAX_WORD_CHARS: Final = 30
CLAUSE_MARKS: Final = tuple(',;:“”"()—')


def is_verb_after_subject(word: str) -> bool:
    """A word that follows a sentence's subject and is no noun: an auxiliary or an adverb before the
    verb ("has", "also", "hasn’t", "repeatedly"), a verb the lexicon lists ("said", "declined"), or a
    past tense in "-ed" ("entered", "struggled")."""
    lower = word.lower().strip(".,;:")
    if lower in PREPOSITIONS:
        return False  # the lexicon's verbs have their particles ("speak of", "rail against")
    return (
        (lower.endswith("ly") and word.islower())  # "The former secretary of state aggressively pushed"
        or lower in AUX
        or lower in BE_FORMS
        or lower in MODALS
        or lower.endswith(NEGATED_AUX)
        or lower in lexicon.verb_forms()
        or (lower.endswith("ed") and lower.isalpha() and word.islower())
    )


def described_person(
    words: list[str],
    named_before: list[tuple[int, Speaker]],
    statements: dict[str, list[set[str]]],
    places: dict[str, set[str]],
) -> Speaker | None:
    """The one person named before a description whom it fits, else of the last RECENT_PEOPLE people
    named before it the most recent it may describe (statements, places: what the article states of
    each person, as words and as places)."""
    fitting = {speaker.name: speaker for _, speaker in named_before if fits(words, statements.get(speaker.name, []))}
    if len(fitting) == 1:
        return next(iter(fitting.values()))
    described_places = places_in(" ".join(words))
    recent: list[Speaker] = []
    for _, speaker in reversed(named_before):
        if speaker in recent:
            continue
        recent.append(speaker)
        stated = statements.get(speaker.name, [])
        if may_describe(words, stated, described_places, places.get(speaker.name, set())):
            return speaker
        if len(recent) == RECENT_PEOPLE:
            break
    return None


def may_describe(words: list[str], statements: list[set[str]], places: set[str], stated_places: set[str]) -> bool:
    """Nothing the article states of the person says otherwise (descriptions.contradicts), no place
    the description names is another than theirs ("the Louisiana governor" is not the New Jersey
    governor), and a body it names ("The Pentagon's top adviser", "The CNN president") is one the
    article ties to them."""
    if contradicts(words, statements) or places and stated_places and places.isdisjoint(stated_places):
        return False
    stated = set().union(*statements) if statements else set()
    return not any(names_a_body(word) and normal_word(word) not in stated for word in words[:-1])


def places_in(text: str) -> set[str]:
    """The places a role names: a run of capitalised place words with a place of its own or two
    words or more ("Ohio governor" → {"Ohio"}, "New Jersey governor" → {"New Jersey"})."""
    places, place_words = lexicon.places(), lexicon.place_words()
    found: set[str] = set()
    run: list[str] = []
    for word in [strip_possessive(word.strip(",;:()")) for word in text.split()] + [""]:
        if word in places or word in place_words or word.rstrip(".") in places:
            run.append(word)
            continue
        if len(run) > 1 or run and run[0] in places:
            found.add(" ".join(run))
        run = []
    return found
