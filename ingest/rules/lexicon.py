"""Word lists kept as data files under lexicon/, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import cast, get_args

from ..models import Gender
from .words import FINDING_SOURCES

LEXICON_DIR = Path(__file__).parent / "lexicon"


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line.split())


def _lower_words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _words(name))


@cache
def reporting_verbs() -> frozenset[str]:
    """Every listed form of every reporting verb, lower case."""
    return _lower_words("reporting_verbs.txt")


@cache
def framing_verbs() -> frozenset[str]:
    """Verbs that attribute only quoted words ("called it “a disgrace”")."""
    return _lower_words("framing_verbs.txt")


@cache
def stance_verbs() -> frozenset[str]:
    """Verbs and verb phrases reporting a stance towards their object ("endorsed", "called for")."""
    return frozenset(line.lower() for line in _lines("stance_verbs.txt"))


@cache
def belief_verbs() -> frozenset[str]:
    """Verbs of thought and findings, attributions only with a "that" clause or quoted words."""
    return _lower_words("belief_verbs.txt")


@cache
def belief_adjectives() -> frozenset[str]:
    """Adjectives of conviction ("sure", "confident"), read like belief verbs after "is/was"."""
    return _lower_words("belief_adjectives.txt")


@cache
def titles() -> frozenset[str]:
    return _words("titles.txt")


@cache
def pronoun_genders() -> dict[str, Gender]:
    """Pronoun → its gender letter (models.Gender; lexicon/pronouns.txt says what each means)."""
    genders: dict[str, Gender] = {}
    for line in _lines("pronouns.txt"):
        pronoun, gender = line.split()
        if gender not in get_args(Gender):
            raise ValueError(f"lexicon/pronouns.txt: {gender!r} is not one of {', '.join(get_args(Gender))}")
        genders[pronoun] = cast(Gender, gender)
    return genders


@cache
def anonymous_heads() -> frozenset[str]:
    return _words("anonymous_heads.txt")


@cache
def group_words() -> frozenset[str]:
    return _words("groups.txt")


@cache
def group_words_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in group_words())


@cache
def countries() -> frozenset[str]:
    return _words("countries.txt")


@cache
def boilerplate() -> frozenset[str]:
    return frozenset(line.lower() for line in _lines("boilerplate.txt"))


@cache
def comment_words() -> tuple[frozenset[str], frozenset[str]]:
    """The word for a reader's comment in each language, lower case: (singular forms, plural forms)."""
    pairs = [line.lower().split() for line in _lines("comments.txt")]
    return frozenset(pair[0] for pair in pairs), frozenset(pair[1] for pair in pairs)


@cache
def calls_to_action() -> tuple[str, ...]:
    """Words and phrases asking the reader to subscribe, follow or sign up, lower case, longest first."""
    return tuple(sorted((line.lower() for line in _lines("calls_to_action.txt")), key=len, reverse=True))


@cache
def advert_labels() -> tuple[str, ...]:
    """Labels marking advertising ("Anzeige", "Sponsored content"), lower case, longest first."""
    return tuple(sorted((line.lower() for line in _lines("advert_labels.txt")), key=len, reverse=True))


@cache
def photo_credit_labels() -> tuple[str, ...]:
    """Labels opening a photo credit ("Foto", "Photo credit"), longest first."""
    return tuple(sorted((line.lower() for line in _lines("photo_credits.txt")), key=len, reverse=True))


@cache
def first_name_genders() -> dict[str, str]:
    """Given name → "m" or "f" (lexicon/first_names.txt: a gender letter, then names)."""
    genders = {}
    for line in _lines("first_names.txt"):
        gender, *names = line.split()
        genders.update(dict.fromkeys(names, gender))
    return genders


@cache
def control_verbs() -> frozenset[str]:
    """Verbs whose subject is also the subject of the infinitive after them ("tended to support")."""
    return _lower_words("control_verbs.txt")


@cache
def role_nouns() -> frozenset[str]:
    """Head nouns of roles and descriptions of people ("spokesman", "senator", "nominee"), lower case."""
    return _lower_words("roles.txt")


@cache
def gendered_nouns() -> dict[str, str]:
    """Noun → "female" or "male", for nouns that say a person's gender ("spokeswoman", "husband")."""
    genders = {}
    for line in _lines("gendered_nouns.txt"):
        letter, *nouns = line.split()
        genders.update(dict.fromkeys(nouns, "female" if letter == "f" else "male"))
    return genders


@cache
def role_modifiers() -> frozenset[str]:
    """Lower-case words that stand inside a role before its head ("former", "presidential", "press")."""
    return _lower_words("role_modifiers.txt")


@cache
def title_offices() -> dict[str, frozenset[str]]:
    """An abbreviated title → the office nouns it stands for ("Gov." → governor; lexicon/title_offices.txt)."""
    offices: dict[str, frozenset[str]] = {}
    for line in _lines("title_offices.txt"):
        titles, _, nouns = line.partition(":")
        offices.update(dict.fromkeys(titles.split(), frozenset(nouns.split())))
    return offices


@cache
def office_names() -> dict[str, str]:
    """An abbreviated title → the noun that names its office, the first listed ("Sen." → senator)."""
    offices: dict[str, str] = {}
    for line in _lines("title_offices.txt"):
        titles, _, nouns = line.partition(":")
        offices.update(dict.fromkeys(titles.split(), nouns.split()[0]))
    return offices


@cache
def office_nouns() -> frozenset[str]:
    """Role nouns that name an office a person holds one of at a time, lower case: the titles written
    before names ("Senator", "Judge") and the offices of abbreviated ones ("Gov." → governor)."""
    offices = {noun for nouns in title_offices().values() for noun in nouns}
    return frozenset(offices | (_lower_words("titles.txt") & role_nouns()))


@cache
def parties() -> dict[str, str]:
    """A party word or party-state tag letter → the party ("GOP" → "Republican Party")."""
    names = {}
    for line in _lines("parties.txt"):
        party, _, words = line.partition(":")
        names.update(dict.fromkeys(words.split(), party.strip()))
    return names


@cache
def short_forms() -> dict[str, str]:
    """An organisation's well-known short form → its full name ("GOP" → "Republican Party")."""
    names = {}
    for line in _lines("short_forms.txt"):
        full, _, forms = line.partition(":")
        names.update(dict.fromkeys((form.strip() for form in forms.split(",")), full.strip()))
    return names


@cache
def places() -> frozenset[str]:
    """US states and their abbreviations, and the countries: places, never speakers or organisations."""
    return _words("places.txt") | countries()


@cache
def document_nouns() -> frozenset[str]:
    """Head nouns of documents and messages ("statement", "tweet", "email"), lower case."""
    return _lower_words("documents.txt")


@cache
def relation_nouns() -> frozenset[str]:
    """Kin and allegiance ("wife", "supporter"): whom a person stands with, never a role."""
    return _lower_words("relations.txt")


@cache
def place_words() -> frozenset[str]:
    """The words of place names of several words ("New", "York", "Carolina")."""
    return _words("place_words.txt")


@cache
def verb_forms() -> frozenset[str]:
    """Every form, lower case, of every verb the lexicon lists (reporting, stance, belief, framing and
    control verbs): a capitalised one before a name is a headline's verb ("Trump Finally Endorses
    House Speaker Paul Ryan"), never part of a role."""
    files = ("reporting_verbs.txt", "stance_verbs.txt", "belief_verbs.txt", "framing_verbs.txt", "control_verbs.txt")
    return frozenset(word.lower() for name in files for line in _lines(name) for word in line.split())


@cache
def verb_participles() -> frozenset[str]:
    """The -ing forms of the verbs the lexicon lists, and of the auxiliaries ("saying", "speaking",
    "having"): a capitalised one opening a phrase opens a clause, it is never a name."""
    files = ("reporting_verbs.txt", "stance_verbs.txt", "belief_verbs.txt", "framing_verbs.txt", "control_verbs.txt")
    words = {word.lower() for name in files for line in _lines(name) for word in line.split()}
    return frozenset(word for word in words if word.endswith("ing")) | {"having", "being", "doing"}


@cache
def organizations() -> frozenset[str]:
    """Well-known news outlets, platforms, pollsters and organisations whose names hold no
    organisation word ("Politico", "Twitter", "Al Jazeera"), casefolded, one name a line."""
    return frozenset(line.casefold() for line in _lines("organizations.txt"))


@cache
def plural_nouns() -> frozenset[str]:
    """Plurals of the nouns for people and for what they write (lexicon roles, relations, anonymous
    heads, documents; words.FINDING_SOURCES): "aides", "friends", "critics", "polls", "emails"."""
    nouns = role_nouns() | relation_nouns() | document_nouns() | FINDING_SOURCES
    nouns |= {word.lower() for word in anonymous_heads()}
    plurals = {noun for noun in nouns if noun.endswith("s")} | {"people", "children", "men", "women"}
    for noun in nouns:
        if noun.endswith(("s", "x", "ch", "sh")):
            plurals.add(noun + "es")
        elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
            plurals.add(noun[:-1] + "ies")
        else:
            plurals.add(noun + "s")
    return frozenset(plurals)


@cache
def formal_names() -> dict[str, frozenset[str]]:
    """A short given name → the formal names it stands for ("joe" → {"joseph"}; "ted" → {"edward",
    "theodore"}), casefolded (lexicon/nicknames.txt)."""
    formal: dict[str, set[str]] = {}
    for line in _lines("nicknames.txt"):
        name, _, forms = line.partition(":")
        for form in forms.split():
            formal.setdefault(form.casefold(), set()).add(name.strip().casefold())
    return {form: frozenset(names) for form, names in formal.items()}
