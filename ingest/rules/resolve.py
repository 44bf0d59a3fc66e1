"""Who said each quote: resolve decides, from the cue and mention extract found beside each quote.
A quote without its own continues a neighbour's; a name joins the article's speaker of that name
(aliases.py); a pronoun, a description or a document goes to whom it stands for (antecedents.py);
the method saying how is set in one place (method_of). Affiliations are collected as speakers are
found."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from ..models import Affiliation, Mention, Method, Paragraph, Quote, Speaker
from . import lexicon
from .aliases import (
    bearers,
    cluster_for,
    complete_family_names,
    complete_given_names,
    complete_surnames,
    surname_gender,
)
from .antecedents import (
    article_author,
    described_person,
    issuer_of,
    named_before,
    narrative_genders,
    pronoun_antecedent,
    publisher_of,
    subject_before,
)
from .credits import colon_lead_in
from .descriptions import placed_descriptions
from .extract import is_scare_quote
from .mentions import parsed_mention
from .names import in_title_case
from .pollshares import is_poll_share
from .sourcephrases import is_plural_noun
from .state import ArticleState, decide_gender, guessed_gender, remember, remember_behind
from .words import (
    CAPITALISED_WORD,
    CAPITALISED_WORD_NO_STOP,
    MENTION_DETERMINERS,
    PREPOSITIONS,
    SURNAME_PARTICLE,
    TITLES_BEFORE_NAMES,
)

TITLE_LETTERS: Final = sorted({title[0] for title in TITLES_BEFORE_NAMES})
TITLE_OPENINGS: Final = frozenset(title[:2] for title in TITLES_BEFORE_NAMES)  # "Ge", "Pr", "Se", …
# No leading \b: titled_names checks the word start.
TITLED_NAME: Final = re.compile(
    r"(?P<title>" + "|".join(re.escape(title) for title in TITLES_BEFORE_NAMES) + r")\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:" + SURNAME_PARTICLE + r"\s+)?[A-Z][\w’'-]+){0,3})"  # "Bill de Blasio"
)


def resolve_speakers(paragraphs: list[Paragraph], quotes: list[Quote]) -> tuple[list[Speaker], list[Affiliation]]:
    """Decides who said each quote: fills quote.speaker_key, quote.method and quote.reason; returns the
    article's speakers and affiliations. extract gave each quote the cue and the mention the text puts
    beside it; a quote without one continues a neighbour's (continue_within_paragraph,
    continue_lead_in, or the speaker of the paragraph before)."""
    state = ArticleState("\n".join(p.text for p in paragraphs if p.kind == "body"))
    affiliations: dict[tuple, Affiliation] = {}
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_paragraph.setdefault(quote.paragraph_position, []).append(quote)
    last_attributed: Quote | None = None
    last_attributed_paragraph = -2
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != "body" and paragraph.kind != "embed":
            continue
        paragraph_quotes = by_paragraph.get(paragraph.position, NO_QUOTES)
        continued = continue_within_paragraph(paragraph_quotes, paragraph.text) if paragraph_quotes else NO_IDS
        if index > 0 and paragraph_quotes and paragraph.kind == "body":
            continue_lead_in(paragraph_quotes[0], paragraph.text, paragraphs[index - 1])
            remember_subject(paragraph.text, state)
        # The paragraph's first quote with a speaker, per mention object: quotes get their speakers in
        # paragraph order, so this is the quote a search of the paragraph would find, without one.
        first_with_speaker: dict[int, Quote] = {}
        for quote in paragraph_quotes:
            continuation = id(quote) in continued
            if quote.mention is None and quote.kind == "direct" and starts_paragraph(quote, paragraph):
                if last_attributed is not None and last_attributed_paragraph == paragraph.position - 1:
                    quote.mention, quote.cue = last_attributed.mention, last_attributed.cue
                    quote.speaker_key, continuation = last_attributed.speaker_key, True
            elif continuation:
                twin = first_with_speaker.get(id(quote.mention))
                quote.speaker_key = twin.speaker_key if twin else None
            read: Method | None = None
            if quote.mention is not None and quote.speaker_key is None:
                context = before_quote(paragraphs, paragraph, quote) if quote.mention.kind in CONTEXTUAL else ""
                read = attribute(quote, state, context)
            quote.method = method_of(quote, paragraph.kind == "embed", continuation, read)
            mention = quote.mention
            if quote.speaker_key and mention is not None:
                first_with_speaker.setdefault(id(mention), quote)
                add_affiliation(affiliations, quote.speaker_key, mention)
                state.learn_roles(quote.speaker_key, mention)
                last_attributed, last_attributed_paragraph = quote, paragraph.position
                if state.kinds.get(quote.speaker_key) != "person":
                    remember(state.recent_groups, quote.speaker_key)
                else:
                    remember(state.recent_people, quote.speaker_key)
                    state.learn_gender_from_mention(quote.speaker_key, mention)
                    if quote.kind == "indirect" and quote.method == "explicit":
                        before = paragraph.text[: quote.start]
                        state.learn_gender_from_report(quote.speaker_key, mention, before, quote.cue or "", quote.text)
            elif quote.speaker_key is None:
                quote.reason = unattributed_reason(quote)
        for match in titled_names(paragraph.text) if not in_title_case(paragraph.text) else ():
            # A titled name outside any attribution ("Afghan commander General Mirassadullah
            # Kohistani, who…") is still the likeliest antecedent of the next "he said".
            remember_titled_name(match, paragraph.text, state)
    complete_surnames(state)
    complete_given_names(state)
    complete_family_names(state)
    name_cataphoric_pronouns(quotes, state)
    narrative_genders(state)
    return state.clusters, canonicalise(quotes, state, affiliations)


def name_cataphoric_pronouns(quotes: list[Quote], state: ArticleState) -> None:
    """A "she" or "he" that no one before it can stand for (a feature's lead: "She saw the world the
    way she did … Melanie thought the whole thing was outrageous") is the one person of that gender the
    article quotes, if it quotes only one; a first name's usual gender may decide it, so it is no
    evidence of their gender. Counted: people named by one word ("Melanie") or with a given name the
    first-name list knows; not "Great Wall", a place read as a person's name."""
    unresolved = [q for q in quotes if q.speaker_key is None and q.mention is not None and q.mention.kind == "pronoun"]
    if not unresolved:
        return
    given_names = lexicon.first_name_genders()
    people = [
        c.name for c in state.clusters if c.kind == "person" and (" " not in c.name or c.name.split()[0] in given_names)
    ]
    for quote in unresolved:
        gender = lexicon.pronoun_genders().get(quote.mention.text.lower()) if quote.mention else None
        if gender not in ("m", "f"):
            continue
        fitting = [person for person in people if usual_gender(person, state) == gender]
        if len(fitting) == 1:
            quote.speaker_key, quote.method, quote.reason = fitting[0], "pronoun", None


def usual_gender(key: str, state: ArticleState) -> str | None:
    """What the article's words say of a person's gender, else their first name's usual gender."""
    known = state.genders.get(key) or guessed_gender(key) or surname_gender(key, state)
    if known is not None:
        return known[0]
    return lexicon.first_name_genders().get(key) if " " not in key else None


# Shared empty answers, never changed: most paragraphs have no quote, or none without a cue.
NO_QUOTES: Final[list[Quote]] = []
NO_IDS: Final[set[int]] = set()


def continue_within_paragraph(quotes: list[Quote], text: str) -> set[int]:
    """‘A,’ he said. ‘B.’ — B is his too; and ‘A.’ ‘B,’ he said. — so is A: a direct quote without
    a cue of its own takes the mention of the quote before it, else of the next one with a mention;
    not a scare quote. Returns the ids of the quotes that took one."""
    if all(quote.mention is not None for quote in quotes):
        return NO_IDS  # most paragraphs with quotes: each has its own cue
    direct = [quote for quote in quotes if quote.kind == "direct"]
    following: list[Quote | None] = [None] * len(direct)
    upcoming = None
    for index in range(len(direct) - 1, -1, -1):
        following[index] = upcoming
        if direct[index].mention is not None:
            upcoming = direct[index]
    continued: set[int] = set()
    previous = None
    for index, quote in enumerate(direct):
        if quote.mention is not None:
            previous = quote
            continue
        source = previous or following[index]
        if source is not None and not is_scare_quote(quote, text):
            quote.mention, quote.cue = source.mention, source.cue
            continued.add(id(quote))
    return continued


def continue_lead_in(first: Quote, text: str, before: Paragraph) -> None:
    """A paragraph closing in a cue and a colon ("Cruz continued:") introduces the next one: the
    quotation opening it, with no speaker of its own, is the lead-in speaker's."""
    if first.kind != "direct" or first.mention is not None or text[: first.start].strip(" “\"‘'"):
        return
    lead_in = colon_lead_in(before) if before.kind == "body" else None
    if lead_in is not None:
        first.mention, first.cue = lead_in, ":"


def method_of(quote: Quote, embedded: bool, continuation: bool, read: Method | None) -> Method:
    """How the quote's speaker was found (models.Method), decided here only: unresolved without a
    speaker; the author of an embedded post; the speaker of a neighbouring quote (continuation),
    unless a description was read at this quote; else what reading its mention gave."""
    if quote.speaker_key is None:
        return "unresolved"
    if embedded:
        return "embed"
    if continuation and (read is None or quote.mention is None or quote.mention.kind != "description"):
        return "continuation"
    return read if read is not None else "explicit"


def place_descriptions(
    paragraphs: list[Paragraph], quotes: list[Quote], speakers: list[Speaker], affiliations: list[Affiliation]
) -> tuple[list[Speaker], list[Affiliation]]:
    """Descriptions left unnamed when met ("The Republican nominee said"), placed once the article's
    roles are known (descriptions.py): their quotes and affiliations go to the person they name."""
    placed = placed_descriptions(paragraphs, quotes, speakers, affiliations)
    if not placed:
        return speakers, affiliations
    for quote in quotes:
        person = placed.get(quote.speaker_key or "")
        if person is not None:
            quote.speaker_key = person
            quote.method = method_of(quote, False, quote.method == "continuation", "description")
    kept: dict[tuple, Affiliation] = {}
    for affiliation in affiliations:
        affiliation.speaker_name = placed.get(affiliation.speaker_name, affiliation.speaker_name)
        kept.setdefault((affiliation.speaker_name, affiliation.role, affiliation.organization), affiliation)
    return [s for s in speakers if s.name not in placed], list(kept.values())


def remember_titled_name(match: re.Match, text: str, state: ArticleState) -> None:
    """A titled name is a likely antecedent of the next "he said"; one after a preposition ("misgivings
    about the forces under President Barack Obama") is not what the sentence is about, so it goes
    behind the person named last, not before them."""
    name = clean_titled_name(match["name"])
    if name is not None:
        key = cluster_for(name, "person", state, match["title"]).name
        before = text[max(0, match.start() - 12) : match.start()].split()
        if before and before[-1].lower() in PREPOSITIONS:
            remember_behind(state.recent_people, key)
        else:
            remember(state.recent_people, key)
        state.kinds[key] = "person"
        state.learn_title(key, match["title"])


# A paragraph opening with a name and a verb: "Hillary Clinton is describing …", "Mr. Trump told …".
PARAGRAPH_SUBJECT: Final = re.compile(
    r"(?:" + CAPITALISED_WORD + r"\s+){0,3}" + CAPITALISED_WORD_NO_STOP + r"(?=\s+[a-z])"
)


def remember_subject(text: str, state: ArticleState) -> None:
    """The person a paragraph with quotes opens with is what it is about, and the likeliest antecedent
    of its "she says", quoted or not: a full name, or a surname the article's speakers have."""
    match = PARAGRAPH_SUBJECT.match(text)
    if match is None or match.group().endswith(("’s", "'s")):
        return
    parsed = parsed_mention(match.group())
    name = parsed.name
    if parsed.kind != "person" or not name or (" " not in name and (True, name) not in state.by_surname):
        return
    key = cluster_for(name, "person", state, parsed.title).name
    state.kinds[key] = "person"
    remember(state.recent_people, key)


METHOD_BY_KIND: Final[dict[str, Method]] = {
    "pronoun": "pronoun",
    "anonymous": "anonymous",
}  # any other kind is named explicitly


def method_for(mention: Mention) -> Method:
    return METHOD_BY_KIND.get(mention.kind, "explicit")


def unattributed_reason(quote: Quote) -> str:
    mention = quote.mention
    if mention is None:
        return "no cue"
    if mention.kind == "pronoun":
        return f'pronoun "{mention.text}" without antecedent'
    if mention.kind == "document":
        return f'document "{mention.text}" without issuer'
    return f'not a name: "{mention.text}"'


# Mentions read with the text before the quote: a document's issuer, a pronoun no speaker fits.
CONTEXTUAL: Final = ("document", "pronoun", "fragment")


def before_quote(paragraphs: list[Paragraph], paragraph: Paragraph, quote: Quote) -> str:
    """The text a reader has read when meeting the quote: the paragraph before and this one up to it."""
    previous = paragraphs[paragraph.position - 1].text if 0 < paragraph.position <= len(paragraphs) else ""
    return previous + "\n" + paragraph.text[: quote.start]


def attribute(quote: Quote, state: ArticleState, context: str) -> Method:
    """The speaker of a quote from its mention: a name, a pronoun's antecedent, the person a
    description or a document's issuer stands for. Returns the method that reading gives."""
    mention = quote.mention
    assert mention is not None
    kind = mention.kind
    if kind == "pronoun":
        quote.speaker_key = pronoun_speaker(mention.text.lower(), state, context)
        return "pronoun"
    if kind == "description":
        quote.speaker_key = described_person(mention, state)
        if quote.speaker_key is not None:
            return "description"
        quote.speaker_key = anonymous_source(mention.text, state)
        return "anonymous"
    if kind == "document":
        quote.speaker_key = issuer_of(mention, state, context)
        if quote.speaker_key is not None:
            return "document"
    if kind in CLAUSES and (publisher := publisher_of(mention.text)) is not None:
        cluster = cluster_for(*publisher, state)
        state.kinds[cluster.name] = cluster.kind
        quote.speaker_key = cluster.name
        return "document"
    if kind in CLAUSES:
        subject = clause_subject(mention.text, state, context)
        if subject is not None:
            quote.speaker_key, read = subject
            return read
    if kind == "fragment" and is_poll_share(mention.text):
        quote.speaker_key = anonymous_source(mention.text, state)  # "About four in 10": those polled
        return "anonymous"
    if kind == "fragment" or kind == "document":
        quote.speaker_key = None
    elif kind == "anonymous" or not mention.name:
        quote.speaker_key = anonymous_source(mention.text, state)
    else:
        cluster = cluster_for(mention.name, kind, state, mention.title)
        state.kinds[cluster.name] = cluster.kind
        quote.speaker_key = cluster.name
    return method_for(mention)


def pronoun_speaker(pronoun: str, state: ArticleState, context: str) -> str | None:
    """Whom a pronoun source stands for: the narrative's "I" is the author a contributor's note names
    (article_author); else the person its sentence, or the one before, names first; else the person
    named most recently it can stand for."""
    if pronoun == "i":
        author = article_author(state.text)
        if author is not None:
            cluster = cluster_for(author, "person", state)
            state.kinds[cluster.name] = "person"
            return cluster.name
    return (
        subject_before(pronoun, context, state)
        or pronoun_antecedent(pronoun, state, True, context)
        or named_before(pronoun, context, state)
    )


# Mentions that may be a whole clause the cue hangs on ("Sanders instead delivered his standard
# campaign speech, decrying …"; "Clinton delivered the speech, outlining …").
CLAUSES: Final = ("fragment", "anonymous", "document")
# A clause's subject: a pronoun or up to four capitalised words, after an opening conjunction or
# adverb, before the clause's first lower-case word.
CLAUSE_SUBJECT: Final = re.compile(
    r"(?:(?:Then|But|And|So|Yet|Also|Now|Instead)\s+)?(?P<subject>he|she|(?:[A-Z][\w.’'-]*\s+){0,3}?[A-Z][\w’'-]*)"
    r"\s+(?P<next>[a-z][\w’'-]*)"
)
# A clause's subject named after their role: "Democratic presidential nominee Hillary Clinton chimed in".
ROLE_LED_SUBJECT: Final = re.compile(
    r"(?P<subject>(?:[A-Z][\w.’'-]*\s+)?(?:[a-z][\w’'-]*\s+){0,2}(?P<role>[a-z][\w’'-]*)\s+"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?P<next>[a-z][\w’'-]*)"
)
# Words after a name that make it a noun's modifier or an object, not a subject ("Sanders advisers",
# "Trump to stop").
NOT_A_PREDICATE: Final = PREPOSITIONS | {"and", "or"}


def clause_subject(text: str, state: ArticleState, context: str) -> tuple[str, Method] | None:
    """The speaker a clause given as a source names as its subject: a person the article has named
    ("Sanders", "President Obama") or a pronoun standing for one ("Then he began"). Any other clause
    ("A newly formed super PAC", "Likewise") names no one here."""
    match = ROLE_LED_SUBJECT.match(text)
    if match is None or match["role"] not in lexicon.role_nouns():
        match = CLAUSE_SUBJECT.match(text)
    if match is None:
        return None
    subject, after = match["subject"], match["next"]
    if is_plural_noun(after) or after in NOT_A_PREDICATE or "’s" in subject or "'s" in subject:
        return None  # "Sanders advisers", "Trump to stop", "POLITICO’s Battleground States average"
    if subject.lower() in ("he", "she"):
        key = pronoun_speaker(subject.lower(), state, context)
        return (key, "pronoun") if key is not None else None
    if subject.split()[0].lower() in MENTION_DETERMINERS:
        return None
    parsed = parsed_mention(subject)
    name = parsed.name
    surname = name.split()[-1] if name else ""
    if parsed.kind != "person" or not name or not (state.by_surname.get((True, surname)) or bearers(surname, state)):
        return None  # only a person the article names: a capitalised clause opening may be anything
    cluster = cluster_for(name, "person", state, parsed.title)
    state.kinds[cluster.name] = "person"
    return cluster.name, "explicit"


def anonymous_source(text: str, state: ArticleState) -> str:
    """An unnamed source is its words as written, spaces made plain ("A\xa0Bloomberg poll")."""
    if not text.isascii():
        text = " ".join(text.split())
    if not any(c.kind == "anonymous" and c.name == text for c in state.clusters):
        state.clusters.append(Speaker(name=text, kind="anonymous", aliases={text}))
    state.kinds[text] = "anonymous"
    return text


@lru_cache(maxsize=16384)
def clean_titled_name(name: str) -> str | None:
    """The name after a title, if it is one: not "President" in "Mr. President", nor a headline word."""
    parsed = parsed_mention(name.removesuffix("’s").removesuffix("'s"))  # "Mr. Obama's remarks"
    if parsed.kind != "person" or not parsed.name or parsed.name in TITLES_BEFORE_NAMES:
        return None
    return parsed.name


def titled_names(text: str) -> Iterator[re.Match]:
    """TITLED_NAME's matches that start a word, in order, none inside the one before. The regex is
    tried only at the capitals a title can open with: str.find jumps to each (memchr) far faster than
    the regex engine tests every character against that set of capitals (6% of extraction); and of
    those, only where a title's first two letters stand (one in twelve: "Gen", not "Greece")."""
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
        if text[start : start + 2] not in TITLE_OPENINGS:
            continue
        match = TITLED_NAME.match(text, start)
        if match is not None:
            yield match
            position = match.end()


def canonicalise(quotes: list[Quote], state: ArticleState, affiliations: dict) -> list[Affiliation]:
    """Keys were taken while clusters grew; point everything at each cluster's final, fullest name,
    and give each person the gender the article's words show."""
    clusters = state.clusters
    canonical = {alias: c.name for c in clusters for alias in c.aliases} | {c.name: c.name for c in clusters}
    evidence: dict[str, list[tuple[str, str, bool]]] = {}
    for key, found in state.evidence.items():
        evidence.setdefault(canonical.get(key, key), []).extend(found)
    for cluster in clusters:
        if cluster.kind == "person" and cluster.name in evidence:
            cluster.gender, cluster.gender_evidence = decide_gender(evidence[cluster.name])
    for quote in quotes:
        if quote.speaker_key:
            quote.speaker_key = canonical.get(quote.speaker_key, quote.speaker_key)
    merged: dict[tuple, Affiliation] = {}
    for affiliation in affiliations.values():
        affiliation.speaker_name = canonical.get(affiliation.speaker_name, affiliation.speaker_name)
        facts = (affiliation.speaker_name, affiliation.role, affiliation.organization, affiliation.title)
        merged.setdefault(facts, affiliation)
    return list(merged.values())


def starts_paragraph(quote: Quote, paragraph: Paragraph) -> bool:
    return quote.start <= 2 or not paragraph.text[: quote.start - 1].strip()


def add_affiliation(affiliations: dict[tuple, Affiliation], speaker_key: str, mention: Mention) -> None:
    if not (mention.role or mention.organization or mention.title):
        return
    key = (speaker_key, mention.role, mention.organization, mention.title)
    affiliations.setdefault(
        key, Affiliation(speaker_key, mention.role, mention.organization, mention.title, mention.text)
    )
