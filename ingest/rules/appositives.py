"""The phrases around a name that say who the person is: an appositive ("Fawad Aman, a spokesman
for the Ministry of Defence": role and organisation), a party tag ("(R-Tex.)"), a hometown, an
age; and the organisation opening a role ("Clinton campaign chairman")."""

from __future__ import annotations

import re
from typing import Final

from ..models import Mention
from . import lexicon
from .namekinds import is_place
from .words import MENTION_DETERMINERS

# Prepositions that introduce the organisation in an appositive ("a spokesman for the Ministry").
ORG_PREPOSITIONS: Final = re.compile(r"\s+(?:for|of|at|with|from)\s+(?:the\s+)?")
BASED: Final = re.compile(r"^[A-Z][\w-]*-based\s+")
# "(R-Tex.)", "R-Wis.", "(I-Vt.)": a party and a state after a name; "(Vt.)" a state alone.
PARTY_TAG: Final = re.compile(r"^\(?(?:(?P<party>[A-Z])-)?(?P<state>[A-Z][A-Za-z.]*)\)?$")
POSSESSIVE_ROLE: Final = re.compile(r"^(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)[’']s?\s+(?P<role>.+)$")
RELATIVE_CLAUSE: Final = re.compile(r",?\s+(?:who|which|whose|whom|that)\s.*$")
# "Kohistani, meanwhile, said": a sentence adverb set off by commas is not an appositive role.
ADVERB_APPOSITIVE: Final = re.compile(
    r"^(?:meanwhile|however|too|also|though|then|instead|again|indeed|in turn|in contrast"
    r"|for (?:his|her|their|its) part"
    r"|on the other hand|by contrast|likewise|similarly|in response|separately|later|earlier)\W*$",
    re.IGNORECASE,
)
HOMETOWN: Final = re.compile(r"^(?:of|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")


def read_appositives(mention: Mention, appositives: str) -> None:
    """The first appositive that says something ("Fawad Aman, a spokesman for the Ministry of
    Defence") gives the mention its role and organisation; a party tag or a place its party."""
    for segment in appositives.split(", "):
        if ADVERB_APPOSITIVE.match(segment) or segment.strip(" .").isdigit() or HOMETOWN.match(segment):
            continue  # "meanwhile", "66", "of Springfield": an aside, an age or a hometown, not a role
        party = party_of(segment) or lexicon.parties().get(segment.split(" ", 1)[0])
        if party is not None or is_place(segment.strip(" .,")):
            mention.organization = mention.organization or (party or None)
            continue  # "R-Wis.", "of Springfield", "Va.": a party or a place, not a role
        role, organization = split_role(segment)
        if mention.role is None or len(mention.role.split()) == 1:
            mention.role = role or mention.role  # "General Austin Miller, commander of …": the appositive says more
        mention.organization = mention.organization or organization
        break


def party_of(phrase: str) -> str | None:
    """ "R-Wis." → "Republican Party"; "(D-Mass.)" → "Democratic Party"; "" for a state alone
    ("Vt."); None for anything else."""
    match = PARTY_TAG.match(phrase.strip(" ,"))
    if match is None:
        return None
    state = match["state"]
    if match["party"] is not None:
        return lexicon.parties().get(match["party"], "")
    return "" if state in lexicon.places() and state.endswith(".") else None


def cut_relative_clause(phrase: str) -> str:
    # The relative pronouns all hold "wh" or "that": without them there is no search to make.
    return RELATIVE_CLAUSE.sub("", phrase) if "wh" in phrase or "that" in phrase else phrase


def split_role(appositive: str) -> tuple[str | None, str | None]:
    """ "a senior analyst on Afghanistan for the International Crisis Group" →
    ("senior analyst on Afghanistan", "International Crisis Group")."""
    appositive = cut_relative_clause(appositive).strip(" ,")
    possessive = POSSESSIVE_ROLE.match(appositive)
    if possessive:
        return possessive["role"], possessive["org"]
    for match in ORG_PREPOSITIONS.finditer(appositive):
        obj = appositive[match.end() :]
        capital = re.search(r"\b[A-Z]", obj)
        if capital and not re.match(r"\d", obj):
            organization = BASED.sub("", obj[capital.start() :]).strip()
            if is_place(organization):
                return strip_determiner(appositive) or None, None  # "governor of Virginia"
            return strip_determiner(appositive[: match.start()]) or None, organization
    return strip_determiner(appositive) or None, None


def organization_in(role: str) -> str | None:
    """ "Clinton campaign chairman" → "Clinton campaign"; "White House spokesman" → "White House": the
    capitalised words opening a role, up to an organisation noun."""
    words = role.split()
    organizations = lexicon.group_words_lower()
    for index, word in enumerate(words[:-1]):
        if word.lower() in organizations and all(w[:1].isupper() for w in words[:index]) and index > 0:
            return " ".join(words[: index + 1])
        if not word[:1].isupper():
            return None
    return None


def strip_determiner(phrase: str) -> str:
    words = phrase.strip().split()
    while words and words[0].lower() in MENTION_DETERMINERS:
        words.pop(0)
    return " ".join(words)
