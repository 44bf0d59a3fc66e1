"""Turn speaker mentions into speakers: continue quote-only paragraphs, resolve pronouns to the
most recent compatible named speaker, merge aliases within an article ("Kohistani" = "Gen. Mir
Asadullah Kohistani" = "General Mirassadullah Kohistani"), and collect affiliations."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from ..models import Affiliation, Mention, Paragraph, Quote, Speaker, SpeakerKind
from . import lexicon
from .mentions import parse_mention, parsed_mention
from .words import TITLE_GENDERS, TITLES_BEFORE_NAMES

TITLE_LETTERS: Final = sorted({title[0] for title in TITLES_BEFORE_NAMES})
# No leading \b: titled_names checks the word start.
TITLED_NAME: Final = re.compile(
    r"(?P<title>" + "|".join(re.escape(title) for title in TITLES_BEFORE_NAMES) + r")\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)
FIRST_NAME_SIMILARITY: Final = 0.8


def resolve_speakers(paragraphs: list[Paragraph], quotes: list[Quote]) -> tuple[list[Speaker], list[Affiliation]]:
    """Fills quote.speaker_key, quote.method and quote.reason; returns the article's speakers and
    affiliations."""
    state = ArticleState()
    affiliations: dict[tuple, Affiliation] = {}
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_paragraph.setdefault(quote.paragraph_position, []).append(quote)
    last_attributed: Quote | None = None
    last_attributed_paragraph = -2
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
                context = before_quote(paragraphs, paragraph, quote) if quote.mention.kind == "document" else ""
                attribute(quote, state, context)
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
            elif quote.speaker_key is None:
                quote.method = "unresolved"
                quote.reason = quote.reason or unattributed_reason(quote)
        for match in titled_names(paragraph.text):
            # A titled name outside any attribution ("Afghan commander General Mirassadullah
            # Kohistani, who…") is still the likeliest antecedent of the next "he said".
            remember_titled_name(match, state)
    complete_surnames(paragraphs, state)
    return state.clusters, canonicalise(quotes, state, affiliations)


def remember_titled_name(match: re.Match, state: ArticleState) -> None:
    name = clean_titled_name(match["name"])
    if name is not None:
        key = cluster_for(name, "person", state.clusters, state.by_surname).name
        remember(state.recent_people, key)
        state.kinds[key] = "person"
        state.learn_title(key, match["title"])


def unattributed_reason(quote: Quote) -> str:
    mention = quote.mention
    if mention is None:
        return "no cue"
    if mention.kind == "pronoun":
        return f'pronoun "{mention.text}" without antecedent'
    if mention.kind == "document":
        return f'document "{mention.text}" without issuer'
    return f'not a name: "{mention.text}"'


class ArticleState:
    """What the resolver knows of one article so far: its speakers, who was mentioned last, each
    person's roles, and the gender evidence the text gives."""

    def __init__(self) -> None:
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

    def note_gender(self, key: str, gender: str, evidence: str, strong: bool) -> None:
        self.evidence.setdefault(key, []).append((gender, evidence, strong))
        if strong or key not in self.genders or not self.genders[key][1]:
            self.genders[key] = (gender, True)


def before_quote(paragraphs: list[Paragraph], paragraph: Paragraph, quote: Quote) -> str:
    """The text a reader has read when meeting the quote: the paragraph before and this one up to it."""
    previous = paragraphs[paragraph.position - 1].text if 0 < paragraph.position <= len(paragraphs) else ""
    return previous + "\n" + paragraph.text[: quote.start]


@lru_cache(maxsize=256)
def title_words(title: str) -> tuple[str, ...]:
    """ "Sen." → ("sen",); "Prime Minister" → ("prime", "minister")."""
    return tuple(title.lower().replace(".", "").split())


def attribute(quote: Quote, state: ArticleState, context: str) -> None:
    """The speaker of a quote from its mention: a name, a pronoun's antecedent, the person a
    description or a document's issuer stands for; quote.reason says why there is none."""
    mention = quote.mention
    assert mention is not None
    kind = mention.kind
    if kind == "pronoun":
        quote.speaker_key = pronoun_antecedent(mention.text.lower(), state, evidence=True)
    elif kind == "description":
        quote.speaker_key = described_person(mention, state)
        if quote.speaker_key is not None:
            quote.method = "description"
        else:
            quote.speaker_key, quote.method = anonymous_source(mention.text, state), "anonymous"
    elif kind == "document":
        quote.speaker_key = issuer_of(mention, state, context)
        if quote.speaker_key is not None and quote.method != "continuation":
            quote.method = "document"
    elif kind == "fragment":
        quote.speaker_key = None
    elif kind == "anonymous" or not mention.name:
        quote.speaker_key = anonymous_source(mention.text, state)
    else:
        cluster = cluster_for(mention.name, kind, state.clusters, state.by_surname)
        state.kinds[cluster.name] = cluster.kind
        quote.speaker_key = cluster.name
    if quote.speaker_key is None:
        quote.reason = unattributed_reason(quote)


def pronoun_antecedent(pronoun: str, state: ArticleState, evidence: bool) -> str | None:
    """The most recent named person the pronoun can stand for ("she" is never a known man); "it" and
    "they" stand for the last organisation or group. A gendered pronoun that resolves without
    passing over anyone on a guessed gender is evidence of the speaker's gender."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender == "s":
        return next(reversed(state.recent_people), None)
    if gender in ("m", "f"):
        guessed = False
        for key in reversed(state.recent_people):
            if key.endswith(("’s", "'s")):
                continue
            known, from_text = state.genders.get(key, (gender, True))
            if known == gender:
                if evidence and not guessed:
                    state.note_gender(key, gender, f'pronoun "{pronoun}"', strong=False)
                return key
            guessed = guessed or not from_text
        return None
    if pronoun in ("it", "they", "its", "their"):
        return next(reversed(state.recent_groups), None)  # "The union said …. It added": the last group
    return None


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
    cluster = cluster_for(parsed.name, parsed.kind, state.clusters, state.by_surname)
    state.kinds[cluster.name] = cluster.kind
    return cluster.name


# "The Security Council issued a statement", "a statement from the White House".
ISSUED: Final = re.compile(
    r"(?P<subject>(?:[Tt]he\s+)?(?:[A-Z][\w.’'&-]*\s+){0,4}[A-Z][\w.’'&-]*|he|she|they|it)\s+"
    r"(?:\w+\s+)?(?:issued|released|put out|sent|posted|published|tweeted|wrote|posted|filed|signed)\s+"
    r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z-]+)\b"
    r"|(?P<noun2>[a-z-]+)\s+(?:from|by)\s+(?:the\s+)?(?P<by>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)"
)


def issuer_before(mention: Mention, context: str) -> str | None:
    """Who the text says issued a document of this kind, the last such statement before the quote."""
    noun = mention.text.lower().rstrip(".,").split()[-1:]
    if not noun:
        return None
    issuer = None
    for match in ISSUED.finditer(context):
        if (match["noun"] or match["noun2"]) in (noun[0], noun[0].rstrip("s"), noun[0] + "s"):
            issuer = match["subject"] or match["by"]
    return issuer


def anonymous_source(text: str, state: ArticleState) -> str:
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


def complete_surnames(paragraphs: list[Paragraph], state: ArticleState) -> None:
    """A speaker named only by a surname ("Clarke", "Mr. Clarke") takes the full name the article
    gives that surname ("Tom Clarke, who owns …"), when it gives only one, unless the article
    introduced the surname with a title instead ("President Obama" is not "Michelle Obama", named
    later)."""
    single = {c.name: c for c in state.clusters if c.kind == "person" and len(c.name.split()) == 1}
    if not single:
        return
    full_names: dict[str, set[str]] = {}
    introduced: dict[str, bool] = {}  # surname → whether its first use is not after a title
    for paragraph in paragraphs:
        if paragraph.kind != "body":
            continue
        for surname, before in surname_uses(paragraph.text, single):
            introduced.setdefault(surname, not (before and before.split()[-1] in TITLES_BEFORE_NAMES))
            if before:
                parsed = parsed_mention(before + surname)
                name = parsed.name or ""
                words = name.split()
                if (
                    parsed.kind == "person"
                    and len(words) > 1
                    and words[-1] == surname
                    and words[0] not in TITLES_BEFORE_NAMES
                ):
                    full_names.setdefault(surname, set()).add(name)
    for surname, names in full_names.items():
        people = distinct_people(names)
        cluster = single[surname]
        full = fullest(people[0])
        if len(people) == 1 and introduced.get(surname) and not contradicts(state, cluster.name, full):
            cluster.aliases.add(full)
            cluster.alias_reasons.setdefault(surname, f"surname of {full}, named so in the article")
            cluster.name = full


def surname_uses(text: str, surnames: dict[str, Speaker]) -> Iterator[tuple[str, str]]:
    """Each use of one of the surnames as a word, in no particular order across surnames, with the
    capitalised words before it ("Tom ", "Mr. ", or ""). Found with str.find: most paragraphs hold
    none of them, and a regex alternation would be tried at every character."""
    for surname in surnames:
        start = text.find(surname)
        while start >= 0:
            end = start + len(surname)
            if (start == 0 or not is_word_character(text[start - 1])) and (
                end == len(text) or not is_word_character(text[end])
            ):
                yield surname, capitalised_words_before(text, start)
            start = text.find(surname, end)


def is_word_character(character: str) -> bool:
    return character.isalnum() or character in "’'-_"


def capitalised_words_before(text: str, position: int) -> str:
    """Up to three capitalised words just before a position, with the space after each ("Tom ",
    "Donald J. ", "Mr. "), or "" when a space and a capital do not come right before it."""
    words = text[max(0, position - 60) : position].split(" ")
    if len(words) < 2 or words[-1]:
        return ""  # not "… Name Surname": the surname follows no single space
    count = 0
    while count < 3 and count + 2 <= len(words) and words[-count - 2][:1].isupper() and words[-count - 2][-1:] != ",":
        count += 1
    return " ".join(words[-count - 1 :]) if count else ""


def contradicts(state: ArticleState, key: str, full: str) -> bool:
    """ "Mr. Obama" is not "Michelle Obama": the speaker's gender, as the text shows it, against the
    gender the first name usually has (used to keep two people apart, never as evidence)."""
    known = state.genders.get(key)
    usual = lexicon.first_name_genders().get(full.split()[0])
    return known is not None and known[1] and usual is not None and usual != known[0]


def distinct_people(names: set[str]) -> list[set[str]]:
    people: list[set[str]] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        same = next((p for p in people if all(same_person(name, other) for other in p)), None)
        if same is None:
            people.append({name})
        else:
            same.add(name)
    return people


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


def cluster_for(
    name: str, kind: SpeakerKind, clusters: list[Speaker], by_surname: dict[tuple[bool, str], list[Speaker]]
) -> Speaker:
    """The first cluster of the same kind with an alias that is the same person, else a new one. A
    full name joins only a cluster whose full names all agree with it ("Khan" may be Ghazala Khan,
    but "Khizr Khan" is not). same_person never matches names with different surnames, so only the
    clusters filed under this surname are compared: an article naming thousands of people costs no
    more per name than one naming ten."""
    surname = name.split()[-1:]
    person = kind == "person"
    candidates = by_surname.setdefault((person, surname[0]), []) if surname else []
    other_kind = by_surname.get((not person, surname[0]), []) if surname else []
    named = next((cluster for cluster in other_kind if name in cluster.aliases), None)
    if named is not None:
        return named  # one name is one speaker in an article, whatever each mention made of it
    for cluster in candidates:
        if name in cluster.aliases:
            return cluster  # a name seen before: its cluster's aliases and name stay as they are
        if compatible(name, cluster.aliases) if person else False:
            cluster.aliases.add(name)
            cluster.alias_reasons.setdefault(name, alias_reason(name, cluster.name))
            cluster.name = fullest(cluster.aliases)
            return cluster
    cluster = Speaker(name=name, kind=kind, aliases={name})
    clusters.append(cluster)
    candidates.append(cluster)
    return cluster


def compatible(name: str, aliases: set[str]) -> bool:
    """Whether a name can be the person these aliases name: the same as one of them, and no full
    name among them says otherwise."""
    if not any(same_person(name, alias) for alias in aliases):
        return False
    return len(name.split()) == 1 or all(same_person(name, alias) for alias in aliases if len(alias.split()) > 1)


def alias_reason(alias: str, name: str) -> str:
    if len(alias.split()) == 1:
        return f"surname of {name}"
    return f"same surname and first name as {name}"


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
