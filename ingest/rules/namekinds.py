"""What a capitalised name names: a person, an organisation ("FBI", "Human Rights Watch"), a place
standing for its government ("Mexico said"), or a group ("Republicans", "the Khans"); and the
capitalised words that are no name ("Others", "Polls", "Republican", "Benghazi." ending a sentence)."""

from __future__ import annotations

import re
from typing import Final

from ..models import SpeakerKind
from . import lexicon
from .words import (
    ABBREVIATIONS,
    INDEFINITE_SOURCES,
    NAME_SUFFIXES,
    NOT_IN_NAMES,
    OPENING_ADVERBS,
    OPENING_TIMES,
    QUANTIFIER_SOURCES,
    SENTENCE_ADVERB_ENDINGS,
)


def kind_of_name(run: list[str]) -> SpeakerKind:
    if is_collective(run):
        return "group"
    if is_organization_name(run) or is_place(" ".join(run)):
        return "organization"  # "Mexico said": its government
    return "person"


def is_collective(run: list[str]) -> bool:
    """ "Republicans", "House Democrats", "Americans": a people or a party's members."""
    last = run[-1]
    return last in lexicon.parties() and last.endswith("s") or last.endswith(COLLECTIVE_ENDINGS)


# A people, a faith, a generation, a persuasion: "Americans", "Hispanics", "Millennials",
# "Evangelicals", "Baptists", "Conservatives" (no surname ends so).
COLLECTIVE_ENDINGS: Final = ("icans", "ians", "eans", "ics", "ials", "icals", "ists", "atives", "essives")


def is_family(names: list[str]) -> bool:
    """ "the Khans", "the Clintons": a family."""
    return len(names) == 1 and names[0].endswith("s") and not names[0].endswith("ss")


def is_organization_name(run: list[str]) -> bool:
    groups = lexicon.group_words()
    # "FBI", "CNN", "NAACP": an acronym (transcript labels such as "TRUMP:" are title-cased first);
    # "Politico", "Twitter", "Factcheck.org": an outlet, a platform, a website
    return (
        any(token.strip(".,") in groups for token in run)
        or (len(run) == 1 and run[0].isupper() and run[0].isalpha() and 2 <= len(run[0]) <= 5)
        or " ".join(run).casefold() in lexicon.organizations()
        or run[-1].lower().endswith(WEB_DOMAINS)
    )


WEB_DOMAINS: Final = (".com", ".org", ".net", ".gov", ".edu")


def is_place(phrase: str) -> bool:
    """ "Iowa", "Fla.", "New York", "South Carolina": one place word, or several words of place names."""
    words = phrase.replace(",", " ").split()
    places, place_words = lexicon.places(), lexicon.place_words()
    if len(words) == 1:
        return words[0] in places
    return bool(words) and (phrase in places or all(w in places or w in place_words for w in words))


def from_where(head: str, tail: str, text: str) -> str | None:
    """What follows "of" after a name, when it says where or whom the person is from: a place ("of
    Maryland"; after a full name, a town whose state follows: "Stacy Baker of Columbia, South
    Carolina") → "", an organisation ("of the Sierra Club", "of the Armenian Patriarchate of
    Jerusalem") → its name."""
    state = text.partition(", ")[2].split(", ", 1)[0].strip(" .") if len(head.split()) > 1 else ""
    if is_place(tail) or (state and (state in lexicon.places() or is_place(state))):
        return ""
    if is_organization_name(tail.split()) or is_place(tail.rsplit(" of ", 1)[-1]):
        return tail
    return None


def is_common_noun(word: str) -> bool:
    """ "Others", "Polls", "Aides", "Friends": a quantifier, or the plural of a noun for people or
    for what they write, is a common noun wherever it is capitalised, never a name."""
    bare = word.lower()
    return bare in QUANTIFIER_SOURCES or bare in INDEFINITE_SOURCES or bare in lexicon.plural_nouns()


def is_lone_role_noun(word: str) -> bool:
    """ "Editor", "Pastor", "Anchor", "Senator": a role noun alone, capitalised as it opens a sentence,
    a headline or a label ("Editor’s Note:"), says what someone is, not who: a description, never a
    name. A given name or a surname that is also a role noun ("Dean", "Justice") may be a name."""
    bare = word.rstrip(".,:;")
    lower = bare.lower()
    return lower in lexicon.role_nouns() and lower.endswith(AGENT_ENDINGS) and bare not in lexicon.first_name_genders()


# Endings of nouns for what a person does ("editor", "pastor", "anchor", "lawmaker", "activist"):
# a role noun without one is as often a surname ("Dean", "Judge", "Justice", "Bishop").
AGENT_ENDINGS: Final = ("or", "er", "ist", "ian", "ant", "ent", "man", "woman")


def is_page_furniture(word: str) -> bool:
    """ "FollowSharePost", "FranA": words a page ran together (buttons, broken characters), never a
    name. A name has at most one capital inside it ("McDonald", "DeSantis") and never ends in one
    after a small letter."""
    return len(INNER_CAPITAL.findall(word)) > 1 or FINAL_CAPITAL.search(word) is not None


def glued_tail(word: str) -> str | None:
    """ "ImagesRepublican" → "Republican": a photo credit ("Getty Images") glued by the page to the
    word after it. Two words run together are told from a name with a capital inside ("McDonald",
    "DeSantis", "PolitiFact") by their tail: a word a role phrase or a name is made of (a party, a
    role, a title, a place, a given name) after at least three small letters."""
    if word[3:].islower():
        return None  # no capital after three letters, as GLUED needs: most words
    match = GLUED.search(word)
    if match is None:
        return None
    tail = word[match.start() + len(match["head"]) :]
    bare = tail.rstrip(".,:;’'s")
    known = (
        bare in lexicon.parties()
        or bare.lower() in lexicon.role_nouns()
        or bare.lower() in lexicon.role_modifiers()
        or bare in lexicon.titles()
        or bare in lexicon.places()
        or bare in lexicon.first_name_genders()
    )
    return tail if known else None


INNER_CAPITAL: Final = re.compile(r"[a-z][A-Z]")
FINAL_CAPITAL: Final = re.compile(r"[a-z][A-Z]$")
GLUED: Final = re.compile(r"(?P<head>[a-z]{3})[A-Z][a-z]")


def is_party_tag(word: str) -> bool:
    """ "R-Wis.", "I-Vt.", "D-N.Y.": a party and a state written after a name, never a name itself."""
    return "-" in word and PARTY_TAG_WORD.match(word) is not None  # most words hold no hyphen


PARTY_TAG_WORD: Final = re.compile(r"^\(?[A-Z]-[A-Z][a-zA-Z.]*,?\)?$")


def is_noun_of_owner(word: str) -> bool:
    bare = word.lower()
    return bare in lexicon.document_nouns() or bare in lexicon.role_nouns()


def is_party_member(run: list[str]) -> bool:
    """ "Republican", "Wisconsin Republican", "Democratic": a party's member noun or adjective, alone or
    after a place (not "Republicans", a group, nor "Green", a surname as often as a party)."""
    last = run[-1]
    if last not in lexicon.parties() or not last.endswith(("an", "at", "ic")):
        return False
    return all(is_place(word) for word in run[:-1])


def is_suffix(words: list[str]) -> bool:
    """ "Jr.", "III": what follows a surname, never a name alone ("Martin Luther King Jr.")."""
    return len(words) == 1 and words[0].rstrip(".").lower() in NAME_SUFFIXES


def ends_sentence(token: str) -> bool:
    """A name never spans a sentence end: a full stop after a word ends its sentence unless it marks
    an initial ("J."), an abbreviation ("U.S.", "Fla.", "St.") or a title ("Sen.", "Pres.")."""
    if not token.endswith("."):
        return False
    bare = token[:-1]
    return (
        len(bare) > 1
        and "." not in bare
        and bare.lower() not in ABBREVIATIONS
        and token not in lexicon.titles()
        and token not in lexicon.places()
    )


def is_opening_word(bare: str) -> bool:
    return (
        bare in NOT_IN_NAMES
        or bare in OPENING_TIMES
        or bare.isdigit()
        or bare.endswith(SENTENCE_ADVERB_ENDINGS)
        or bare in OPENING_ADVERBS
        or (bare.endswith("ing") and bare in lexicon.verb_participles())  # "Having", "Speaking"
    )
