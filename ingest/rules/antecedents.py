"""Who a mention without a name stands for: a pronoun's antecedent, the person a description
("the senator") names, the issuer of a document ("the statement", "Trump's tweet")."""

from __future__ import annotations

import re
from typing import Final

from ..models import Mention
from . import lexicon
from .aliases import cluster_for, surname_gender
from .mentions import parse_mention, parsed_mention
from .namekinds import ends_sentence
from .state import ArticleState, guessed_gender
from .words import CAPITALISED_WORD, CAPITALISED_WORD_NO_STOP

NO_GENDER: Final = ("", False)


def pronoun_antecedent(pronoun: str, state: ArticleState, evidence: bool, context: str = "") -> str | None:
    """The most recent named person the pronoun can stand for ("she" is never a known man); "it" and
    "they" stand for the last organisation or group. A gendered pronoun that resolves without
    passing over anyone on a guessed gender is evidence of the speaker's gender. A person nothing
    in the article gives a gender yields to one the text before the quote names in full after them
    ("Obama …. … Hillary Clinton. She said"), when their given name fits (named_since)."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender == "s":
        return next(reversed(state.recent_people), None)
    if gender in ("m", "f"):
        guessed = False
        for key in reversed(state.recent_people):
            if key.endswith(("’s", "'s")):
                continue
            known, from_text = state.genders.get(key) or guessed_gender(key) or surname_gender(key, state) or NO_GENDER
            if not known:
                named = named_since(key, pronoun, context, state) if context else None
                if named is not None:
                    return named
                known, from_text = gender, True
            if known == gender:
                if evidence and not guessed:
                    state.note_gender(key, gender, f'pronoun "{pronoun}"', strong=False)
                return key
            guessed = guessed or not from_text
        return None
    if pronoun in ("it", "they", "its", "their"):
        return next(reversed(state.recent_groups), None)  # "The union said …. It added": the last group
    return None


# Two to four capitalised words: a full name, perhaps ("Rakeyia Scott", "Keith Lamont Scott").
FULL_NAME: Final = re.compile(r"(?<![\w’'.-])(?:" + CAPITALISED_WORD + r"\s+){1,3}" + CAPITALISED_WORD_NO_STOP)


def named_before(pronoun: str, context: str, state: ArticleState, given_name_fits: bool = False) -> str | None:
    """A "he" or "she" no speaker so far fits: the person the text just before names in full last, if
    their given name does not say otherwise ("Rakeyia Scott can be heard yelling … “…,” she says"),
    or, with given_name_fits, if it says the same. Chosen by a guess on the given name, so it is no
    evidence of their gender."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender != "m" and gender != "f":
        return None
    for match in reversed(list(FULL_NAME.finditer(context))):
        parsed = parsed_mention(within_sentence(match.group()))
        name = parsed.name or ""
        guess = guessed_gender(name)
        if parsed.kind != "person" or " " not in name or (guess is not None and guess[0] != gender):
            continue
        if given_name_fits and guess is None:
            continue
        cluster = cluster_for(name, "person", state)
        state.kinds[cluster.name] = "person"
        return cluster.name
    return None


def within_sentence(words: str) -> str:
    """Capitalised words up to a sentence's end: "Hillary Clinton" of "Hillary Clinton. She"."""
    if "." not in words:
        return words
    kept = []
    for word in words.split():
        if ends_sentence(word):
            kept.append(word[:-1])
            break
        kept.append(word)
    return " ".join(kept)


# Words inside quotation marks: a name a speaker says is not what the narrative's "she" stands for.
QUOTED: Final = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def named_since(key: str, pronoun: str, context: str, state: ArticleState) -> str | None:
    """Whom the text before the quote names after it last names this speaker, if their gender fits
    the pronoun: a speaker so far, by surname ("Clinton … she has called"), else a full name whose
    given name fits (named_before)."""
    since = QUOTED.sub(" ", context[max(0, context.rfind(key.split()[-1])) :])
    gender = lexicon.pronoun_genders().get(pronoun)
    latest, latest_at = None, -1
    for other in state.recent_people:
        if other == key or other.endswith(("’s", "'s")):
            continue
        known = state.genders.get(other) or guessed_gender(other) or surname_gender(other, state)
        at = since.rfind(other.split()[-1]) if known is not None and known[0] == gender else -1
        if at > latest_at:
            latest, latest_at = other, at
    return latest or named_before(pronoun, since, state, given_name_fits=True)


POSSESSIVE_GENDERS: Final = {"his": "he", "her": "she", "its": "it", "their": "they"}


def described_person(mention: Mention, state: ArticleState) -> str | None:
    """ "the senator", "The Republican nominee", "the Prime Minister": the person the article gave
    that role, the most recent of them, preferring one whose role shares more of the words."""
    words = set((mention.role or "").lower().replace(".", "").split())
    head = (mention.role or "").lower().split()[-1:]
    best, best_overlap = None, 0
    for key in reversed(state.recent_people):
        roles = state.roles.get(key, set())
        if head and head[0] in roles and len(words & roles) > best_overlap:
            best, best_overlap = key, len(words & roles)
    if best is not None:
        for word in words:
            gender = lexicon.gendered_nouns().get(word)
            if gender:
                state.note_gender(best, gender[0], f"noun {word}", strong=True)
    return best


def issuer_of(mention: Mention, state: ArticleState, context: str) -> str | None:
    """A document speaks for its issuer: "Trump's tweet" → Trump; "her statement" → her antecedent;
    "The statement said" → whoever the text just said issued one ("The council issued a statement")."""
    issuer = mention.issuer or issuer_before(mention, context)
    if issuer is None:
        return None
    if issuer.lower() in POSSESSIVE_GENDERS:
        return pronoun_antecedent(POSSESSIVE_GENDERS[issuer.lower()], state, evidence=False)
    if issuer.lower() in lexicon.pronoun_genders():
        return pronoun_antecedent(issuer.lower(), state, evidence=False)
    parsed = parse_mention(issuer)
    if not parsed.name or parsed.kind not in ("person", "organization", "group"):
        return None
    cluster = cluster_for(parsed.name, parsed.kind, state, parsed.title)
    state.kinds[cluster.name] = cluster.kind
    return cluster.name


# "The Security Council issued a statement", "a statement from the White House".
ISSUING_VERBS: Final = "issued|released|put out|sent|posted|published|tweeted|wrote|filed|signed"
ISSUED: Final = re.compile(
    r"(?P<subject>(?:[Tt]he\s+)?(?:[A-Z][\w.’'&-]*\s+){0,4}[A-Z][\w.’'&-]*|he|she|they|it)\s+"
    r"(?:\w+\s+)?(?:" + ISSUING_VERBS + r")\s+"
    r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z-]+)\b"
    r"|(?P<noun2>[a-z-]+)\s+(?:from|by)\s+(?:the\s+)?(?P<by>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)"
)
# Words every match of ISSUED holds between spaces: the regex is slow, and most texts hold none.
ISSUING_WORD: Final = re.compile(r"\s(?:" + ISSUING_VERBS + r"|from|by)\s")


def issuer_before(mention: Mention, context: str) -> str | None:
    """Who the text says issued a document of this kind, the last such statement before the quote."""
    noun = mention.text.lower().rstrip(".,").split()[-1:]
    if not noun or noun[0].rstrip("s") not in context or ISSUING_WORD.search(context) is None:
        return None  # a match would name the noun and hold an issuing word
    issuer = None
    for match in ISSUED.finditer(context):
        if (match["noun"] or match["noun2"]) in (noun[0], noun[0].rstrip("s"), noun[0] + "s"):
            issuer = match["subject"] or match["by"]
    return issuer
