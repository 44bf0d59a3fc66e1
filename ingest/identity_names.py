"""How identity reads a speaker's name: a person's name into given name, middle initials, surname
and suffix (titles, casing, punctuation and a possessive aside), and the keys names are compared by.
Pure functions of one name at a time; identity.py decides who is whom with them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from .rules import lexicon
from .rules.words import NAME_SUFFIXES, SURNAME_PARTICLES

WORD: Final = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")


POSSESSIVE: Final = re.compile(r"[’']s?$")


INITIALS: Final = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]{1,3}$")


@dataclass(frozen=True)
class PersonName:
    given: str  # casefolded; "" for a surname alone
    middle: str  # initials of the middle names: "j", "hw", ""
    surname: str  # casefolded
    suffix: str  # "jr", ""
    display: str  # the name as it should be printed: no titles, no shouting


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName | None:
    """Read a person's name: titles before it, a possessive after it, punctuation and casing aside.
    None when it is not a name at all (a lower-case word other than a particle)."""
    words = name.replace("’", "'").split()
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    words = [word.strip(',;:()[]"“”') for word in words]
    words = [word for word in words if WORD.search(word)]
    while len(words) > 1 and words[0].rstrip(".").casefold() in title_words():
        words = words[1:]
    suffix = ""
    if len(words) > 1 and words[-1].rstrip(".").casefold() in NAME_SUFFIXES:
        suffix, words = words[-1].rstrip(".").casefold(), words[:-1]
    if not words or any(not w[0].isupper() and w.casefold() not in SURNAME_PARTICLES for w in words):
        return None  # "went on to work alongside Trump"
    display = " ".join(unshouted(word) for word in words)
    if suffix:
        display += f" {suffix.capitalize()}." if suffix in ("jr", "sr") else f" {suffix.upper()}"
    start = surname_start(words)
    given = words[0].casefold() if start > 0 else ""
    middle = "".join(initials(word) for word in words[1:start])
    return PersonName(given, middle, " ".join(words[start:]).casefold(), suffix, display)


def surname_start(words: list[str]) -> int:
    """Where the surname begins: its last word with the particles before it ("Bill de Blasio",
    "Ursula von der Leyen"). A name that begins with a particle is a surname alone ("De Blasio"),
    unless that word is a given name ("Al Gore")."""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in SURNAME_PARTICLES:
        start -= 1
    if start == 1 and words[0].casefold() in SURNAME_PARTICLES and not is_given_name(words[0]):
        start = 0
    return start


def without_descriptor(name: PersonName, full_names: set[tuple[str, str, str]]) -> PersonName:
    """ "Billionaire Donald Trump", "It's All CNN's Fault Ted Cruz": words before a full name the
    corpus also gives on its own are a description, not part of the name, unless the word just
    before it is a given name ("Mary Ann Smith" is not Ann Smith)."""
    words = name.display.split()
    for start in range(1, len(words) - 1):
        rest = person_name(" ".join(words[start:]))
        if rest is not None and (rest.given, rest.surname, rest.suffix) in full_names:
            return name if is_given_name(words[start - 1]) else rest
    return name


@cache
def title_words() -> frozenset[str]:
    """Titles as compared with a name's first word: "Sen." and "SEN" alike."""
    return frozenset(title.rstrip(".").casefold() for title in lexicon.titles())


def initials(word: str) -> str:
    """A middle name's initials: "J." → "j", "HW" or "H.W." → "hw", "Rodham" → "r"."""
    if INITIALS.match(word):
        return word.replace(".", "").casefold()
    return word[0].casefold()


def unshouted(word: str) -> str:
    """ "TRUMP" → "Trump"; initials ("J.", "HW") and mixed case ("McCain") stay as written."""
    if word.isupper() and len(word.replace(".", "")) > 3:
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def person_key(name: PersonName, with_middle: bool = False) -> str:
    parts = [name.given, name.middle if with_middle else "", name.surname, name.suffix]
    return "person:" + " ".join(part for part in parts if part)


def organization_key(name: str) -> str:
    """ "The New York Times" = "New York Times" = "NEW YORK TIMES"; "the U.S. Army" = "US Army";
    "conservative-leaning Tax Foundation" = "Tax Foundation" (lower-case words before a name
    describe it); "the Donald Trump campaign" = "Trump campaign"."""
    words = organization_words(name)
    if is_persons_team(name, words):
        words = [words[0], "campaign"]
    return " ".join(words[-2:] if named_for_full_name(words) else words)


def is_persons_team(name: str, words: list[str]) -> bool:
    """ "Clinton team", "the Trump team": a person's team, written with their surname, is their
    campaign, as the press uses both of a candidate's staff; not a place's or a body's team."""
    if len(words) != 2 or words[1] != "team" or not name.endswith(" team"):
        return False
    surname = name.split()[-2]
    return surname[:1].isupper() and surname not in lexicon.places() and surname not in lexicon.place_words()


def organization_words(name: str) -> list[str]:
    """An organisation's name as organization_key compares it, word by word, before the campaign rule."""
    words = WORD.findall(name.replace(".", "").replace("’", "'"))
    while len(words) > 1 and words[0][0].islower() and any(word[0].isupper() for word in words[1:]):
        words = words[1:]
    words = [word.casefold() for word in words]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    return words


# Organisations the press names after a person, by full name or surname alone: "the Hillary Clinton
# campaign" is the Clinton campaign.
NAMED_FOR_SURNAME: Final = frozenset({"campaign"})


def named_for_full_name(words: list[str]) -> bool:
    """Whether an organisation's words end with a person's full name and a NAMED_FOR_SURNAME noun,
    whatever describes it before ("Rival Hillary Clinton campaign", at a sentence's start)."""
    return len(words) > 2 and words[-1] in NAMED_FOR_SURNAME and is_given_name(words[-3].capitalize())


def well_known_key(key: str) -> str:
    """An organisation's key, its well-known short form read as its full name (lexicon/short_forms.txt):
    "gop" → "republican party", "un" → "united nations"."""
    return full_form_keys().get(key, key)


@cache
def full_form_keys() -> dict[str, str]:
    return {organization_key(short): organization_key(full) for short, full in lexicon.short_forms().items()}


def full_form(key: str) -> str | None:
    """The full name of the organisation a key stands for, when the lexicon writes it."""
    return full_names().get(key)


@cache
def full_names() -> dict[str, str]:
    return {organization_key(full): full for full in lexicon.short_forms().values()}


def shortens(short: str, name: str) -> bool:
    """ "IMF" for "International Monetary Fund"; "Post" for "New York Post"; "Commission" for
    "Commission on Presidential Debates": initials, or the last or first words of a longer name."""
    short_words, words = organization_key(short).split(), organization_key(name).split()
    if not short_words or len(short_words) >= len(words):
        return False
    if len(short_words) == 1 and short.isupper() and len(short) > 1:
        return short_words[0] == "".join(word[0] for word in words if word not in ("of", "for", "and", "the"))
    return words[-len(short_words) :] == short_words or words[: len(short_words)] == short_words


def most_common_form(forms: list[str]) -> str:
    """The form most articles use; ties go to the one not in capitals, the shorter ("Hillary Clinton",
    not "Hillary Rodham Clinton"), then the alphabetically first."""
    counts = Counter(forms)
    return min(counts, key=lambda form: (-counts[form], form.isupper(), len(form.split()), form))


def is_given_name(word: str) -> bool:
    return word in lexicon.first_name_genders()
