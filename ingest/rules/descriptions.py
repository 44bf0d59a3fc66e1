"""A description resolve could not place when it met it ("The Republican nominee said", "the Vermont
senator", "The Indiana governor") names the one person the article says that of: read after the
article's roles are known (roles.py), it takes the person whose stated roles or titles have its head
noun ("Indiana Gov. Mike Pence": governor) and whose stated roles, organisations and party hold each
of its capitalised words ("Indiana", "Republican" = "GOP"). None or several such people: it stays
an unnamed source, as written."""

from __future__ import annotations

from typing import Final

from ..models import Affiliation, Mention, Paragraph, Quote, Speaker
from . import lexicon
from .sourcephrases import is_plural_noun
from .words import PREPOSITION_LINKS

# Words that make a different office of the same head noun: a vice presidential nominee is not the
# nominee, a deputy director not the director, a former governor not the governor.
RANKS: Final = frozenset("vice deputy assistant associate lieutenant under former".split())
STRIPPED: Final = ".,;:()“”\"‘’'"


def placed_descriptions(
    paragraphs: list[Paragraph], quotes: list[Quote], speakers: list[Speaker], affiliations: list[Affiliation]
) -> dict[str, str]:
    """Description speaker key → the person's name, for each description the article's roles place."""
    described = {
        q.speaker_key: description_of(q.mention)
        for q in quotes
        if q.speaker_key and q.mention is not None and q.method == "anonymous" and description_of(q.mention)
    }
    if not described:
        return {}
    people = {s.name for s in speakers if s.kind == "person"}
    stated: dict[str, list[set[str]]] = {}
    for affiliation in affiliations:
        if affiliation.speaker_name in people:
            stated.setdefault(affiliation.speaker_name, []).append(statement_words(affiliation))
    placed = {}
    for key, role in described.items():
        words = head_phrase(role.replace("-", " ").split())
        if not words or is_plural_noun(words[-1].lower()):
            continue  # "campaign aides": several people, not one named elsewhere
        fitting = [person for person, statements in stated.items() if fits(words, statements)]
        person: str | None
        if len(fitting) == 1:
            person = fitting[0]
        elif fitting:
            person = latest_named(paragraphs, quotes, key, fitting)
        else:
            person = salient_person(quotes, key, people, words, stated)
        if person is not None:
            placed[key] = person
    return placed


def head_phrase(words: list[str]) -> list[str]:
    """The words up to the head noun: "secretary" of "secretary of state", "new mayor" of "new mayor on
    Tuesday"."""
    link = next((i for i in range(1, len(words)) if words[i] in PREPOSITION_LINKS), len(words))
    return words[:link]


def description_of(mention: Mention) -> str:
    """The role words a mention describes one person by: a description's role ("the senator"), or a
    party's member named by the party alone ("the Republican", "the Wisconsin Republican"); else ""."""
    if mention.kind == "description":
        return mention.role or ""
    if mention.kind == "anonymous" and mention.role is None and mention.organization in lexicon.parties().values():
        words = mention.text.split()
        return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else ""
    return ""


def latest_named(paragraphs: list[Paragraph], quotes: list[Quote], key: str, people: list[str]) -> str | None:
    """Of several people a description fits ("the governor" where two governors speak), the one the
    text names last before its first quote, as a reader takes it; none named before it, no one."""
    quote = next(q for q in quotes if q.speaker_key == key)
    before = [p.text for p in paragraphs[: quote.paragraph_position]]
    before.append(paragraphs[quote.paragraph_position].text[: quote.start])
    text = "\n".join(before)
    latest, latest_at = None, -1
    for person in people:
        at = last_word_at(text, person.split()[-1])
        if at > latest_at:
            latest, latest_at = person, at
    return latest


def last_word_at(text: str, word: str) -> int:
    """Where text last holds word as a whole word ("Cruz", not "Cruzado"), or -1."""
    at = text.rfind(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return at
        at = text.rfind(word, 0, at)
    return -1


RECENT_PEOPLE: Final = 2


def salient_person(
    quotes: list[Quote], key: str, people: set[str], words: list[str], stated: dict[str, list[set[str]]]
) -> str | None:
    """When the article states that role of no one, the description is of the person the text was
    about: one of the last people quoted before it ("Mike Pence says … The Indiana governor said"),
    the most recent whose stated party and rank do not say otherwise; none quoted before it, the
    first quoted after it."""
    first = next(i for i, q in enumerate(quotes) if q.speaker_key == key)
    recent: list[str] = []
    for quote in reversed(quotes[:first]):
        person = quote.speaker_key
        if person in people and person not in recent:
            recent.append(person)
            if not contradicts(words, stated.get(person, [])):
                return person
            if len(recent) == RECENT_PEOPLE:
                break
    if recent:
        return None
    # Quoted before anyone else: a lead that names the person later ("A former DNC chairman called
    # for … ‘…,’ Don Fowler said"), the first person quoted after it.
    person = next((q.speaker_key for q in quotes[first:] if q.speaker_key in people), None)
    return person if person is not None and not contradicts(words, stated.get(person, [])) else None


def contradicts(words: list[str], statements: list[set[str]]) -> bool:
    """What the article states of the person says otherwise: another party, another office (a
    senator is not "the billionaire investor"), or no rank ("vice") where the description has one."""
    if not statements:
        return False
    normal = [normal_word(w) for w in words]
    stated = set().union(*statements)
    if any(names_a_body(w) and normal_word(w) not in stated for w in words[:-1]):
        return True  # "the CNN anchor" is not a person the article states no tie to CNN of
    parties = {w for w in stated if w.endswith(" party")}
    if parties and any(w.endswith(" party") and w not in parties for w in normal):
        return True
    if (
        normal[-1] in lexicon.office_nouns()
        and normal[-1] not in stated
        and not lexicon.role_nouns().isdisjoint(stated)
    ):
        return True  # "the mayor" is not the article's candidate; "the mogul" may be
    return not RANKS.intersection(normal) <= stated


def names_a_body(word: str) -> bool:
    """Whether a description's capitalised modifier names an organisation or a body ("CNN", "Platte
    River"), not a place or a party, which describe people the article need not have tied to them
    ("the Wisconsin Republican", "the New York businessman")."""
    bare = word.strip(STRIPPED)
    if not bare[:1].isupper() or bare in lexicon.places() or bare in lexicon.place_words():
        return False
    return not normal_word(word).endswith(" party")


def statement_words(affiliation: Affiliation) -> set[str]:
    """The words of what the article states of a person once (role, organisation, title), lower case,
    with an abbreviated title's offices ("Gov." → governor) and a party word's party."""
    text = " ".join(filter(None, (affiliation.role, affiliation.organization, affiliation.title)))
    words: set[str] = set()
    for raw in text.replace("-", " ").split():
        words.update(lexicon.title_offices().get(raw, ()))
        words.add(normal_word(raw))
    return words


def normal_word(raw: str) -> str:
    """ "GOP", "Republicans" → "republican party"; "Indiana," → "indiana"."""
    word = raw.strip(STRIPPED).removesuffix("’s").removesuffix("'s")
    party = lexicon.parties().get(word) if len(word) > 1 else None
    return (party or word).lower()


def fits(words: list[str], statements: list[set[str]]) -> bool:
    """Whether one of a person's statements has the description's head noun and the same rank ("vice"),
    and their statements together hold each of its capitalised words (a state, a party, a body)."""
    head = normal_word(words[-1])
    modifiers = [normal_word(w) for w in words[:-1]]
    ranks = RANKS.intersection(modifiers)
    if not any(head in s and RANKS.intersection(s) == ranks for s in statements):
        return False
    stated = set().union(*statements)
    return all(normal_word(w) in stated for w in words[:-1] if w[:1].isupper())
