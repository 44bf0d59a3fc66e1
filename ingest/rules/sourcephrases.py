"""Whether a phrase can name a source: a subject ("Ahmad Zaman", "local officials", "67 percent of
voters", not "Instead" or "his rubble"), a name, a role after a name ("a spokesman for …")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from . import lexicon
from .appositives import party_of
from .words import (
    APPROXIMATORS,
    CLAUSE_WORDS,
    CONNECTORS,
    DETERMINERS,
    FRACTIONS,
    LEADING_APPROXIMATORS,
    NAME_PARTICLES,
    NOT_A_SOURCE,
    NOT_SUBJECT_END,
    NUMBERS,
    PLURAL_ENDINGS,
    PREPOSITIONS,
    QUANTITY_HEADS,
    THIRD_PERSON_POSSESSIVES,
)

PARENTHETICAL: Final = re.compile(r"\s*\([^()]{0,40}\)")
MAX_SUBJECT_WORDS: Final = 12
MAX_LOWER_SUBJECT_WORDS: Final = 6


def words_outside_parentheses(phrase: str) -> list[str]:
    return (PARENTHETICAL.sub("", phrase) if "(" in phrase else phrase).split()


def is_name(phrase: str) -> bool:
    """ "Gen. Mir Asadullah Kohistani", "Human Rights Watch": capitalised words (and particles)."""
    words = words_outside_parentheses(phrase)
    if not words or len(words) > 7:
        return False
    return all(w[0].isupper() or w in NAME_PARTICLES for w in words) and words[-1][0].isupper()


def is_role(phrase: str) -> bool:
    """An appositive after a name: "a spokesman for …", "Bagram’s new commander", "52", a party tag
    or a state ("R-Ky.", "Va.")."""
    words = words_outside_parentheses(phrase)
    if not words or len(words) > 20 or words[-1].lower() in NOT_SUBJECT_END:
        return False  # "hours after Trump unleashed a flurry of": a phrase cut off, not a role
    first = words[0]
    return (
        first.lower() in DETERMINERS
        or first.isdigit()
        or bool(party_of(phrase))  # "Mitch McConnell, R-Ky., said": a party and its state
        or first.islower()
        or (first.endswith(("’s", "'s")) and len(words) > 1)
        or (not is_name(phrase) and words[-1].islower())
        or (len(words) == 1 and party_of(first) is not None)
    )


@lru_cache(maxsize=16384)  # the same subjects ("he", "Trump", "officials") recur through a corpus
def is_subject(phrase: str) -> bool:
    words = words_outside_parentheses(phrase)
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return False
    lowered = [w.lower().strip(",.") for w in words]
    if lowered[-1] in NOT_SUBJECT_END or not CLAUSE_WORDS.isdisjoint(lowered):
        return False
    if ("'" in phrase or "’" in phrase) and any(w.endswith(("n't", "n’t")) for w in lowered):
        return False
    last = words[-1]
    if (last.islower() and last.endswith("ing")) or last.endswith(("’s", "'s", "’", "'")):
        return False
    if " ".join(lowered[:2]) in LEADING_APPROXIMATORS and len(words) > 2:
        return is_subject(" ".join(words[2:]))  # "at least a dozen members of Congress", "more than 100 economists"
    first = lowered[0]
    approximate = (
        first in APPROXIMATORS and len(words) > 1 and (words[1][0].isdigit() or words[1].split("-")[0] in NUMBERS)
    )  # "About 40 percent", "About three-quarters"
    if (first in PREPOSITIONS and not approximate) or (
        len(words) == 1 and (first in CONNECTORS or first in NOT_A_SOURCE or first.endswith("ly"))
    ):
        return False  # "Instead, he said", "Politically, …": an adverb opening the sentence
    if words[0][0].isupper() or first in lexicon.pronoun_genders() or first in DETERMINERS:
        return True
    # Lower-case openings: a source noun ("sources", "officials"), a role before a name ("analyst Atta
    # Noori"), a share of a group ("67 percent of voters", "six in 10") or a short plural ("donors").
    if first in lexicon.anonymous_heads() or any(w[0].isupper() for w in words[1:]):
        return True
    if len(words) > 1 and is_plural_noun(first) and lowered[1] in PREPOSITIONS:
        # "advocates within the scientific community", "donors to the campaign": a plural head noun
        # and what follows it
        return True
    # "local officials", "his campaign", "six in 10": a short phrase ending in a source noun, one
    # opening with a possessive, or a share ("N in 10").
    return len(words) <= MAX_LOWER_SUBJECT_WORDS and (
        first[:1].isdigit()
        or lowered[-1] in QUANTITY_HEADS
        or lowered[-1].rsplit("-", 1)[-1] in FRACTIONS  # "three-quarters", "two-thirds"
        or is_plural_noun(lowered[-1])
        or lowered[-1] in lexicon.anonymous_heads()
        or (first in THIRD_PERSON_POSSESSIVES and len(words) > 1)
        or (first == "those" and len(words) > 1)  # "those surveyed", "those who voted"
        or (len(words) >= 3 and lowered[-2] in ("in", "of") and (lowered[-1].isdigit() or lowered[-1] in NUMBERS))
    )


def is_plural_noun(word: str) -> bool:
    """ "donors", "experts", "officials": a plural noun, not a verb ("does") or adverb ("always")."""
    return word.isalpha() and word.endswith(PLURAL_ENDINGS)
