"""Parse how a text names a speaker: "Fawad Aman, a spokesman for the Ministry of Defence" →
name, title, role, organisation and kind (person, pronoun, anonymous, group)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..models import Mention
from . import lexicon
from .words import CAPITALISED_WORD, CONTEXT_WORDS, MENTION_DETERMINERS, SURNAME_PARTICLE

# Prepositions that introduce the organisation in an appositive ("a spokesman for the Ministry").
ORG_PREPOSITIONS: Final = re.compile(r"\s+(?:for|of|at|with|from)\s+(?:the\s+)?")
NAME_TOKEN: Final = re.compile(r"^(?:" + CAPITALISED_WORD + r"|[A-Z]\.|" + SURNAME_PARTICLE + r"-?)$")
RELATIVE_CLAUSE: Final = re.compile(r",?\s+(?:who|which|whose|whom|that)\s.*$")
# Each context word is a whole whitespace-separated token when this matches (see parse_head).
TRAILING_CONTEXT: Final = re.compile(
    r"\s+(?:" + "|".join(sorted(CONTEXT_WORDS)) + r")\b(?:\s+(?:a|an|the))?\s+.*$|\s+(?:yesterday|today)$"
)
CALLED: Final = re.compile(r"^(?P<role>.*?)\s+(?:called|named)\s+(?P<name>[A-Z].*)$")
POSSESSIVE_ROLE: Final = re.compile(r"^(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)[’']s?\s+(?P<role>.+)$")
BASED: Final = re.compile(r"^[A-Z][\w-]*-based\s+")


# "Instead, the study": a sentence adverb before the source is not part of it.
LEADING_CONNECTOR: Final = re.compile(
    r"^(?:Instead|However|Meanwhile|Still|Yet|Also|Now|Then|Indeed|Moreover|But|And),\s+"
)
# "Kohistani, meanwhile, said": a sentence adverb set off by commas is not an appositive role.
ADVERB_APPOSITIVE: Final = re.compile(
    r"^(?:meanwhile|however|too|also|though|then|instead|again|indeed|in turn|in contrast"
    r"|for (?:his|her|their|its) part"
    r"|on the other hand|by contrast|likewise|similarly|in response|separately|later|earlier)\W*$",
    re.IGNORECASE,
)


def parse_mention(text: str) -> Mention:
    """A new Mention on every call (resolve tells mentions apart by identity); the parse itself is
    cached, since the same names and pronouns recur through an article and a corpus."""
    return Mention(**vars(parsed_mention(text)))


@lru_cache(maxsize=16384)
def parsed_mention(text: str) -> Mention:
    text = LEADING_CONNECTOR.sub("", text.strip(" ,;:—–-"))
    lowered = text.lower()
    genders = lexicon.pronoun_genders()
    if lowered in genders:
        return Mention(text=text, kind="pronoun", gender=genders[lowered])
    head, _, appositive = text.partition(", ")
    head = cut_relative_clause(head).strip()
    mention = parse_head(text, head)
    if appositive and not ADVERB_APPOSITIVE.match(appositive):
        role, organization = split_role(appositive)
        mention.role = mention.role or role
        mention.organization = mention.organization or organization
    return mention


def cut_relative_clause(phrase: str) -> str:
    # The relative pronouns all hold "wh" or "that": without them there is no search to make.
    return RELATIVE_CLAUSE.sub("", phrase) if "wh" in phrase or "that" in phrase else phrase


def parse_head(text: str, head: str) -> Mention:
    # The substring tests and the token test only skip regexes that could not match.
    called = CALLED.match(head) if "called" in head or "named" in head else None
    if called:
        inner = parse_head(text, called["name"])
        inner.role = strip_determiner(called["role"])
        return inner
    tokens = head.split()
    if not CONTEXT_WORDS.isdisjoint(tokens):  # a context word is followed by a space or ends the head
        tokens = TRAILING_CONTEXT.sub("", head).split()
    # The name is the trailing run of capitalised tokens; what comes before it is a pre-modifier
    # ("analyst Atta Noori", "Afghan commander General Mirassadullah Kohistani").
    run_start = len(tokens)
    while run_start > 0 and NAME_TOKEN.match(tokens[run_start - 1]):
        run_start -= 1
    premodifier, run = tokens[:run_start], tokens[run_start:]
    titles = lexicon.titles()
    inner_titles = [i for i, token in enumerate(run[:-1]) if i > 0 and token in titles and run[i - 1] not in titles]
    if inner_titles:  # "Wisconsin Gov. Scott Walker": what precedes the title is a pre-modifier
        premodifier, run = premodifier + run[: inner_titles[-1]], run[inner_titles[-1] :]
    title_words = []
    while run and run[0] in titles and len(run) > 1:
        title_words.append(run.pop(0))
    first = tokens[0].lower() if tokens else ""
    if first == "the" and run and all(t.lower() == "the" for t in tokens[: len(tokens) - len(run)]):
        # "The US", "the Pentagon": a capitalised name after "the" is an institution or place.
        names = [t for t in run if t.lower() != "the"]
        if names:
            return Mention(text=text, name=" ".join(names), kind="group")
    if not run or first in MENTION_DETERMINERS:
        return describe_group_or_anonymous(text, head)
    name = " ".join(run)
    kind = "group" if is_group_name(run) else "person"
    role = strip_determiner(" ".join(premodifier)) or None
    if role and role[:1].isupper() and kind == "person" and not title_words:
        role = None if role.rstrip("’'s") in lexicon.countries() else role
    return Mention(text=text, name=name, title=" ".join(title_words) or None, role=role, kind=kind)


def describe_group_or_anonymous(text: str, head: str) -> Mention:
    words = [w.strip("’'.,").lower() for w in head.split()]
    groups = lexicon.group_words_lower()
    if words and words[0] == "the" and any(w in groups for w in words):
        return Mention(text=text, name=strip_determiner(head), kind="group")
    if not lexicon.anonymous_heads().isdisjoint(words):
        return Mention(text=text, kind="anonymous")
    return Mention(
        text=text,
        kind="anonymous" if words and words[0] in MENTION_DETERMINERS else "group",
        name=None if words and words[0] in MENTION_DETERMINERS else head,
    )


def is_group_name(run: list[str]) -> bool:
    name = " ".join(run)
    groups = lexicon.group_words()
    return name in lexicon.countries() or any(token.strip(".,") in groups for token in run)


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
            return strip_determiner(appositive[: match.start()]) or None, organization
    return strip_determiner(appositive) or None, None


def strip_determiner(phrase: str) -> str:
    words = phrase.strip().split()
    while words and words[0].lower() in MENTION_DETERMINERS:
        words.pop(0)
    return " ".join(words)
