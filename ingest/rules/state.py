"""What the resolver knows of one article as it reads: its speakers so far, who was named last,
each person's roles and titles, and the gender evidence its words give (decide_gender)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..models import Mention, Speaker
from . import lexicon
from .words import TITLE_GENDERS


class ArticleState:
    """What the resolver knows of one article so far: its speakers, who was mentioned last, each
    person's roles, and the gender evidence the text gives."""

    def __init__(self, text: str) -> None:
        self.text = text  # the body paragraphs' texts, a line each
        self.bearers: dict[str, list[tuple[str, int]]] = {}  # surname → the people named in full with it
        self.clusters: list[Speaker] = []
        self.by_surname: dict[tuple[bool, str], list[Speaker]] = {}
        self.recent_people: dict[str, None] = {}  # speaker keys of named people, most recent last
        self.recent_groups: dict[str, None] = {}  # keys of organisations, groups, anonymous sources ("it", "they")
        self.kinds: dict[str, str] = {}  # speaker key → kind of speaker
        # speaker key → "m" / "f" and whether the article's own words said so (a title, a noun)
        self.genders: dict[str, tuple[str, bool]] = {}
        self.evidence: dict[str, list[tuple[str, str, bool]]] = {}  # key → (gender, evidence, strong)
        self.roles: dict[str, set[str]] = {}  # key → words of the roles and titles the article gives

    def learn_roles(self, key: str, mention: Mention) -> None:
        if mention.role is None and mention.title is None:
            return  # most mentions: a name or a pronoun alone
        words = " ".join(filter(None, (mention.role, mention.title))).lower().replace(".", "").split()
        if words:
            self.roles.setdefault(key, set()).update(words)

    def learn_title(self, key: str, title: str) -> None:
        self.roles.setdefault(key, set()).update(title_words(title))
        gender = TITLE_GENDERS.get(title)
        if gender:
            self.note_gender(key, gender, f"honorific {title}", strong=True)

    def learn_gender_from_mention(self, key: str, mention: Mention) -> None:
        if mention.role is None and mention.title is None and (key in self.genders or mention.name is None):
            return  # nothing to learn: no title, no role, and the first name was read already
        title = (mention.title or "").split()[:1]
        if title and title[0] in TITLE_GENDERS:
            self.note_gender(key, TITLE_GENDERS[title[0]], f"honorific {title[0]}", strong=True)
        for word in (mention.role or "").lower().replace("-", " ").split():
            gender = lexicon.gendered_nouns().get(word)
            if gender:
                self.note_gender(key, gender[0], f"noun {word}", strong=True)
        if key not in self.genders and mention.name:
            words = mention.name.split()
            first = lexicon.first_name_genders().get(words[0]) if len(words) > 1 else None
            if first:
                self.genders[key] = (first, False)  # helps choose an antecedent; never evidence

    def learn_gender_from_report(self, key: str, mention: Mention, before: str, cue: str, reported: str) -> None:
        """Reported words that open with "he" or "she" right after a cue whose subject is a named
        person ("Marley Anderson, 21, a junior from Las Vegas, said she turned out …", "Peter Morency
        says that he"): the reported clause's subject is, as a rule, the speaker. Only when the mention
        is the name, perhaps with an appositive, and the cue follows it: not "Kelly confronted him …
        about crude remarks he’d made". Evidence only where every pronoun agrees (decide_gender); it does
        not steer the resolver (a misread cue must not split a person)."""
        match = REPORTED_SUBJECT.match(reported)
        if match is None or not mention.name or not names_only(mention.text, mention.name):
            return
        subject = before.rstrip().removesuffix(" that").removesuffix(cue).rstrip().rstrip(",")
        if subject.endswith(mention.text.rstrip(",")):
            pronoun = match["pronoun"].lower()
            found = self.evidence.setdefault(key, [])
            found.append(("m" if pronoun == "he" else "f", f'pronoun "{pronoun}" after the cue', False))

    def note_gender(self, key: str, gender: str, evidence: str, strong: bool) -> None:
        self.evidence.setdefault(key, []).append((gender, evidence, strong))
        if strong or key not in self.genders or not self.genders[key][1]:
            self.genders[key] = (gender, True)


# The subject of reported words: "she turned out …", "that he would …", "he’s" (not "hers", "herself").
REPORTED_SUBJECT: Final = re.compile(r"(?:that\s+)?(?P<pronoun>[Hh]e|[Ss]he)\b")


def names_only(text: str, name: str) -> bool:
    """Whether a mention's text is its name, with perhaps a title before it and an appositive after a
    comma ("Nevada Sen. Harry Reid", "Marley Anderson, 21, a junior"), not a clause holding it."""
    at = text.find(name)
    return at >= 0 and text[at + len(name) : at + len(name) + 1] in ("", ",")


@lru_cache(maxsize=256)
def title_words(title: str) -> tuple[str, ...]:
    """ "Sen." → ("sen",); "Prime Minister" → ("prime", "minister")."""
    return tuple(title.lower().replace(".", "").split())


def remember(recent: dict[str, None], key: str) -> None:
    """Move key to the end: a dict keeps insertion order, and moving costs no scan."""
    recent.pop(key, None)
    recent[key] = None


def remember_behind(recent: dict[str, None], key: str) -> None:
    """Move key to just before the last key: named, but not the one the text is about."""
    if not recent or next(reversed(recent)) == key:
        remember(recent, key)
        return
    last = next(reversed(recent))
    recent.pop(last)
    remember(recent, key)
    recent[last] = None


def decide_gender(found: list[tuple[str, str, bool]]) -> tuple[str | None, str | None]:
    """A title or a gendered noun decides when every one agrees; else pronouns, when every one agrees."""
    for strong in (True, False):
        genders = {gender for gender, _, is_strong in found if is_strong == strong}
        if len(genders) > 1:
            return None, None  # the article's words disagree (or a resolution went wrong): say nothing
        if genders:
            gender = genders.pop()
            words = sorted({evidence for g, evidence, is_strong in found if is_strong == strong})
            return GENDER_NAMES[gender], ", ".join(words)
    return None, None


GENDER_NAMES: Final = {"f": "female", "m": "male"}


def guessed_gender(name: str) -> tuple[str, bool] | None:
    """The usual gender of a full name's first name, as a guess (never evidence): it keeps a pronoun
    from choosing a person its gender does not fit ("she" is not "Bill Clinton")."""
    words = name.split()
    gender = lexicon.first_name_genders().get(words[0]) if len(words) > 1 else None
    return (gender, False) if gender else None
