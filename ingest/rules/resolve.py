"""Turn speaker mentions into speakers: continue quote-only paragraphs, resolve pronouns to the
most recent compatible named speaker, merge aliases within an article ("Kohistani" = "Gen. Mir
Asadullah Kohistani" = "General Mirassadullah Kohistani"), and collect affiliations."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from ..models import Affiliation, Mention, Paragraph, Quote, Speaker
from . import lexicon
from .words import TITLE_GENDERS, TITLES_BEFORE_NAMES

TITLE_LETTERS: Final = sorted({title[0] for title in TITLES_BEFORE_NAMES})
# No leading \b: titled_names checks the word start. The name's words are words.CAPITALISED_WORD_NO_STOP
# of two letters or more: an initial after a title ("Joseph R.") is left out of the name.
TITLED_NAME: Final = re.compile(
    r"(?P<title>" + "|".join(re.escape(title) for title in TITLES_BEFORE_NAMES) + r")\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)
FIRST_NAME_SIMILARITY: Final = 0.8


def resolve_speakers(paragraphs: list[Paragraph], quotes: list[Quote]) -> tuple[list[Speaker], list[Affiliation]]:
    """Fills quote.speaker_key and quote.method; returns the article's speakers and affiliations."""
    clusters: list[Speaker] = []
    affiliations: dict[tuple, Affiliation] = {}
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_paragraph.setdefault(quote.paragraph_position, []).append(quote)
    recent_people: dict[str, None] = {}  # speaker keys of named people, most recent last
    recent_groups: dict[str, None] = {}  # speaker keys of groups and anonymous sources ("it", "they")
    genders: dict[str, str] = {}  # speaker key → "m" / "f", when a title or first name tells
    last_attributed: Quote | None = None
    last_attributed_paragraph = -2
    by_surname: dict[str, list[Speaker]] = {}
    for paragraph in paragraphs:
        if paragraph.kind != "body" and paragraph.kind != "embed":
            continue
        paragraph_quotes = by_paragraph.get(paragraph.position, [])
        # The paragraph's first quote with a speaker, per mention object: quotes get their speakers in
        # paragraph order, so this is the quote a search of the paragraph would find, without one.
        first_with_speaker: dict[int, Quote] = {}
        for quote in paragraph_quotes:
            if quote.mention is None and quote.kind == "direct" and starts_paragraph(quote, paragraph):
                if last_attributed is not None and last_attributed_paragraph == paragraph.position - 1:
                    quote.mention, quote.cue = last_attributed.mention, last_attributed.cue
                    quote.speaker_key, quote.method = last_attributed.speaker_key, "continuation"
            elif quote.mention is not None and quote.method == "continuation" and quote.speaker_key is None:
                twin = first_with_speaker.get(id(quote.mention))
                quote.speaker_key = twin.speaker_key if twin else None
            if quote.mention is not None and quote.speaker_key is None:
                quote.speaker_key = speaker_for(
                    quote.mention, clusters, by_surname, recent_people, genders, recent_groups
                )
                if quote.speaker_key is None and quote.method == "pronoun":
                    quote.method = "unresolved"
            mention = quote.mention
            if quote.speaker_key and mention is not None:
                first_with_speaker.setdefault(id(mention), quote)
                add_affiliation(affiliations, quote.speaker_key, mention)
                last_attributed, last_attributed_paragraph = quote, paragraph.position
                if mention.kind in ("group", "anonymous"):
                    remember(recent_groups, quote.speaker_key)
                if mention.kind in ("person", "pronoun"):
                    remember(recent_people, quote.speaker_key)
                    learn_gender(genders, quote.speaker_key, mention.title, mention.name)
        for match in titled_names(paragraph.text):
            # A titled name outside any attribution ("Afghan commander General Mirassadullah
            # Kohistani, who…") is still the likeliest antecedent of the next "he said".
            key = cluster_for(match["name"], "person", clusters, by_surname).name
            remember(recent_people, key)
            learn_gender(genders, key, match["title"], match["name"])
    return clusters, canonicalise(quotes, clusters, affiliations)


def titled_names(text: str) -> Iterator[re.Match]:
    """TITLED_NAME's matches that start a word, in order, none inside the one before. The regex is
    tried only at the capitals a title can open with: str.find jumps to each (memchr) far faster than
    the regex engine tests every character against that set of capitals (6% of extraction)."""
    starts: list[int] = []
    for letter in TITLE_LETTERS:
        start = text.find(letter)
        while start >= 0:
            starts.append(start)
            start = text.find(letter, start + 1)
    position = 0
    for start in sorted(starts):
        if start < position or (start and (text[start - 1].isalnum() or text[start - 1] == "_")):
            continue  # inside the last name found, or inside a word ("ExGeneral")
        match = TITLED_NAME.match(text, start)
        if match is not None:
            yield match
            position = match.end()


def canonicalise(quotes: list[Quote], clusters: list[Speaker], affiliations: dict) -> list[Affiliation]:
    """Keys were taken while clusters grew; point everything at each cluster's final, fullest name."""
    canonical = {alias: c.name for c in clusters for alias in c.aliases} | {c.name: c.name for c in clusters}
    for quote in quotes:
        if quote.speaker_key:
            quote.speaker_key = canonical.get(quote.speaker_key, quote.speaker_key)
    merged: dict[tuple, Affiliation] = {}
    for affiliation in affiliations.values():
        affiliation.speaker_name = canonical.get(affiliation.speaker_name, affiliation.speaker_name)
        key = (affiliation.speaker_name, affiliation.role, affiliation.organization, affiliation.title)
        merged.setdefault(key, affiliation)
    return list(merged.values())


def starts_paragraph(quote: Quote, paragraph: Paragraph) -> bool:
    return quote.start <= 2 or not paragraph.text[: quote.start - 1].strip()


def speaker_for(
    mention: Mention,
    clusters: list[Speaker],
    by_surname: dict,
    recent_people: dict[str, None],
    genders: dict,
    recent_groups: dict[str, None],
) -> str | None:
    if mention.kind == "pronoun":
        if mention.gender in ("m", "f", "s"):
            # The most recent named person the pronoun can stand for: "she" is never a known man.
            compatible = (
                k
                for k in reversed(recent_people)
                if genders.get(k, mention.gender) == mention.gender and not k.endswith(("’s", "'s"))
            )
            return next(compatible, None) if mention.gender != "s" else next(reversed(recent_people), None)
        if mention.text.lower() in ("it", "they"):
            return next(reversed(recent_groups), None)  # "The union said …. It added": the last group
        return None
    if mention.kind == "anonymous" or not mention.name:
        cluster = Speaker(name=mention.text, kind="anonymous", aliases={mention.text})
        existing = next((c for c in clusters if c.kind == "anonymous" and c.name == mention.text), None)
        if existing is None:
            clusters.append(cluster)
        return mention.text
    return cluster_for(mention.name, mention.kind, clusters, by_surname).name


def cluster_for(name: str, kind: str, clusters: list[Speaker], by_surname: dict[str, list[Speaker]]) -> Speaker:
    """The first cluster with an alias that is the same person, else a new one. same_person never
    matches names with different surnames, so only the clusters filed under this surname are
    compared: an article naming thousands of people costs no more per name than one naming ten."""
    surname = name.split()[-1:]
    candidates = by_surname.setdefault(surname[0], []) if surname else []
    for cluster in candidates:
        if cluster.kind != "anonymous" and name in cluster.aliases:
            return cluster  # a name seen before: its cluster's aliases and name stay as they are
        if cluster.kind != "anonymous" and any(same_person(name, alias) for alias in cluster.aliases):
            cluster.aliases.add(name)
            cluster.name = fullest(cluster.aliases)
            return cluster
    cluster = Speaker(name=name, kind=kind, aliases={name})
    clusters.append(cluster)
    candidates.append(cluster)
    return cluster


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Second references use the surname: "Raouf" is Abdul Raouf, but "Abdul" is not. (cluster_for
    relies on names with different last words never being the same person.)"""
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    if a == b:
        return True
    if ta[-1] != tb[-1]:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    first_a, first_b = "".join(ta[:-1]).lower(), "".join(tb[:-1]).lower()
    return difflib.SequenceMatcher(None, first_a, first_b).ratio() >= FIRST_NAME_SIMILARITY


def fullest(aliases: set[str]) -> str:
    return max(aliases, key=lambda n: (len(n.split()), len(n), n))


def learn_gender(genders: dict[str, str], key: str, title: str | None, name: str | None) -> None:
    """A speaker's gender from a title (Mr., Mrs., Ms.) or a common first name, once known."""
    if key in genders:
        return  # the first gender learnt stays
    words = name.split() if name else []
    first = words[0] if len(words) > 1 else ""
    gender = TITLE_GENDERS.get(title.split()[0] if title else "") or lexicon.first_name_genders().get(first)
    if gender:
        genders[key] = gender


def remember(recent: dict[str, None], key: str) -> None:
    """Move key to the end: a dict keeps insertion order, and moving costs no scan."""
    recent.pop(key, None)
    recent[key] = None


def add_affiliation(affiliations: dict[tuple, Affiliation], speaker_key: str, mention: Mention) -> None:
    if not (mention.role or mention.organization or mention.title):
        return
    key = (speaker_key, mention.role, mention.organization, mention.title)
    affiliations.setdefault(
        key, Affiliation(speaker_key, mention.role, mention.organization, mention.title, mention.text)
    )
