"""Speakers as real people across the corpus: which of the articles' own speakers are one entity.

Each article's extraction leaves it its own speakers, every form joined to the fullest name the
article gives (resolve.py). This step decides, over the whole corpus, which of them are the same
person or organisation, names each entity and gives it a key. It is a pure function of those rows:
the result does not depend on the order in which articles arrived or on how many runs brought them,
and the rows of several shards give the same keys in each.

The rules, in order (each a function below):
- a person's name is read into given name, middle names, surname and suffix; titles, casing,
  punctuation and a possessive do not split a person (identity_names.person_name);
- full names with the same given name, surname and suffix are one person, middle names or initials
  ignored, unless the corpus gives that name two different middles (George W. / George H. W. Bush):
  then the middle decides and the bare name stays apart (identify_full_names);
- a surname alone joins the person the article itself names with a first name; failing that the
  person the corpus makes unambiguous, among those the article's gender evidence allows; else it
  stays an entity of its own, the surname (identify_surname);
- a given name alone, when no full name in the corpus ends with it, is only the same person within
  its article;
- organisations and groups are one entity per name, case, a leading "the" and punctuation ignored;
- anonymous sources are one entity per article.
Everything is decided within a block, the names that can be one entity (a person's surname, an
organisation's name, an article's anonymous source), so recomputing the blocks a change touched
gives exactly what recomputing everything would (see block_of)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Final

from .identity_names import (
    WORD,
    PersonName,
    full_form,
    is_given_name,
    is_persons_team,
    most_common_form,
    named_for_full_name,
    organization_key,
    organization_words,
    person_key,
    person_name,
    shortens,
    well_known_key,
    without_descriptor,
)
from .rules import lexicon
from .rules.pollshares import POLL_RESPONDENTS, is_poll_share
from .rules.sourcephrases import is_plural_noun
from .rules.words import DETERMINERS, INDEFINITE_SOURCES, POSSESSIVES, QUANTIFIER_SOURCES, TITLE_GENDERS

# A surname alone joins a person by the corpus's evidence when at least this share of the articles
# that name someone of that surname with a first name name that person, and at least this many do.
SURNAME_SHARE: Final = 0.8
SURNAME_MIN_ARTICLES: Final = 2
# An entity's gender is the one at least this share of its articles' text evidence gives; below
# it the evidence conflicts and the gender stays unknown.
GENDER_AGREEMENT: Final = 2 / 3
# Words before a group's name that make an unnamed part of it: "Many Democrats", "Some Republicans".
SHARE_WORDS: Final = QUANTIFIER_SOURCES - {"one", "another", "others"}
GENDER_WORDS: Final = {"female": "woman", "male": "man"}
# Unnamed informants: "officials said", "sources said" are each article's own people, never one group.
INFORMANT_HEADS: Final = frozenset(
    "sources officials authorities insiders staffers aides spokesmen spokeswomen spokespeople people others".split()
)
# Words that make a plural noun some people of the article's own ("the judges", "her aides").
NOT_IN_COLLECTIVES: Final = DETERMINERS | POSSESSIVES | QUANTIFIER_SOURCES | INDEFINITE_SOURCES


@dataclass(frozen=True)
class LocalSpeaker:
    """One speaker of one article, as the article's own resolution left it."""

    article: str  # the article's key (its path), the same in every database and shard
    name: str  # the fullest name the article gives
    kind: str  # person | organization | group | anonymous
    gender: str | None = None  # female | male, from this article's words only
    gender_evidence: str | None = None


@dataclass(frozen=True)
class Entity:
    key: str  # "person:donald trump": the same in every database and shard
    name: str
    kind: str
    gender: str | None = None
    gender_evidence: str | None = None


@dataclass(frozen=True)
class Identity:
    """Which entity a local speaker is, and why."""

    key: str
    reason: str


# Each speaker's name as identity reads it (None: no person's name).
ReadNames = dict[LocalSpeaker, PersonName | None]


@dataclass
class Identities:
    entities: dict[str, Entity]
    of: dict[tuple[str, str], Identity]  # (article, local name) → its entity


def identify(speakers: Iterable[LocalSpeaker]) -> Identities:
    """The entities of a corpus (or of some of its blocks: give every local speaker of each)."""
    blocks: dict[str, list[LocalSpeaker]] = defaultdict(list)
    for speaker in speakers:
        blocks[block_of(speaker)].append(speaker)
    result = Identities({}, {})
    for block in sorted(blocks):
        identify_block(block.split(":", 1)[0], blocks[block], result)
    return result


def block_of(speaker: LocalSpeaker) -> str:
    """The names that can be one entity with this speaker: every rule below compares a speaker only
    with speakers of its own block."""
    speaker = as_collective(speaker)
    if speaker.kind == "anonymous":
        return f"anonymous:{speaker.article}"
    if speaker.kind == "person":
        name = person_name(speaker.name)
        return f"person:{name.surname if name else speaker.name.casefold()}"
    return collective_key(speaker)


def provisional_key(speaker: LocalSpeaker) -> str:
    """The key a new article's speaker most likely gets, before the corpus-wide step decides."""
    speaker = as_collective(speaker)
    if speaker.kind == "anonymous":
        return anonymous_key(speaker)
    if speaker.kind == "person":
        name = person_name(speaker.name)
        return person_key(name) if name else f"person:{speaker.name.casefold()}"
    return collective_key(speaker)


def as_collective(speaker: LocalSpeaker) -> LocalSpeaker:
    """ "Many Democrats", "some prominent Republicans": an unnamed share of a group the text names
    is counted with that group; a poll's share ("67 percent of voters", "About four in 10") is those
    polled (pollshares.py); a broad collective named by a plural noun alone ("voters", "Analysts",
    "tax experts", "Clinton supporters") is one group across the corpus; any other speaker stays as
    it is."""
    if speaker.kind in ("anonymous", "group") and is_poll_share(speaker.name):
        return LocalSpeaker(speaker.article, POLL_RESPONDENTS, "group")
    words = speaker.name.split()
    if speaker.kind == "anonymous" and is_broad_collective(words):
        if words[0].casefold() in SHARE_WORDS:
            words = words[1:]  # "Many lawmakers" are counted with "lawmakers"
        return LocalSpeaker(speaker.article, " ".join(words), "group", speaker.gender, speaker.gender_evidence)
    if speaker.kind != "anonymous" or len(words) < 2 or words[0].casefold() not in SHARE_WORDS:
        return speaker
    rest = words[1:]
    while len(rest) > 1 and rest[0].islower():
        rest = rest[1:]  # "prominent"
    if not all(WORD.fullmatch(word) and word[0].isupper() for word in rest) or not rest[-1].endswith("s"):
        return speaker
    return LocalSpeaker(speaker.article, " ".join(rest), "group", speaker.gender, speaker.gender_evidence)


def is_broad_collective(words: list[str]) -> bool:
    """ "voters", "Legal experts", "Democratic leaders": up to three words, the last a plural noun that
    is no informant's ("officials", "sources": each article's own), none a determiner, a possessive, a
    number or a clause's word ("the judges", "her aides", "10 voters", "voters in Saturday's primary"
    are the article's own people)."""
    if words and words[0].casefold() in SHARE_WORDS:
        words = words[1:]
    if not words or len(words) > 3 or not is_plural_noun(words[-1].casefold()):
        return False
    if words[-1].casefold() in INFORMANT_HEADS:
        return False
    return all(word.replace("-", "").isalpha() and word.casefold() not in NOT_IN_COLLECTIVES for word in words)


def collective_key(speaker: LocalSpeaker) -> str:
    """An organisation or group is one per name across the corpus ("New York Times", "Democrats",
    "voters"); an organisation named by a common noun alone ("the agency", "police") is only the
    one its article means. A well-known short form is its organisation ("GOP" = "Republican Party")."""
    key = f"{speaker.kind}:{well_known_key(organization_key(speaker.name))}"
    if speaker.kind == "organization" and (
        not any(character.isupper() for character in speaker.name) or is_source_noun(speaker.name)
    ):
        return f"{key} [{speaker.article}]"
    return key


def is_source_noun(name: str) -> bool:
    """ "Police", "Authorities": a common noun of sources (lexicon/anonymous_heads.txt) capitalised only
    because it opens a sentence; the police of one article are not those of another."""
    words = organization_words(name)
    return len(words) == 1 and words[0] in lexicon.anonymous_heads()


def article_keys(article: str, speakers: Iterable[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """The provisional key of each of an article's speakers (name, kind), by name, and why a name
    takes another's key. Within one article:
    - a name in capitals that is the surname of one person the article names is that person
      ("TRUMP:" in a transcript, whatever kind the extraction thought it);
    - a first name alone (lexicon/first_names.txt) that is the given name of one person the article
      names in full, and nobody's surname there, is that person ("Hillary" after "Hillary Clinton");
    - an organisation's short form is the one organisation the article names that it abbreviates
      or ends or begins ("IMF", "Post", "Commission" after "International Monetary Fund", "New
      York Post", "Commission on Presidential Debates")."""
    speakers = list(speakers)
    keys = {name: provisional_key(LocalSpeaker(article, name, kind)) for name, kind in speakers}
    people = {name: person_name(name) for name, kind in speakers if kind == "person"}
    people = {name: written for name, written in people.items() if written is not None}
    organizations = {name: organization_key(name) for name, kind in speakers if kind in ("organization", "group")}
    reasons: dict[str, str] = {}
    for name, kind in speakers:
        written = people.get(name)
        word = written.surname if written else name.replace("’", "'").casefold()
        by_surname = {keys[other] for other, p in people.items() if p.surname == word} - {keys[name]}
        by_given = {keys[other] for other, p in people.items() if p.given and p.given == word} - {keys[name]}
        shortened = {keys[other] for other in organizations if shortens(name, other)} - {keys[name]}
        if kind != "anonymous" and name.isupper() and len(by_surname) == 1:
            keys[name] = by_surname.pop()
            reasons[name] = "in capitals, the surname of a person this article names"
        elif written and not written.given and is_given_name(written.display) and not by_surname and len(by_given) == 1:
            keys[name] = by_given.pop()
            reasons[name] = "given name of the only person of that first name this article names in full"
        elif kind in ("organization", "group") and len(shortened) == 1:
            keys[name] = shortened.pop()
            reasons[name] = "short form of the only organisation of that name this article names"
        elif kind == "anonymous" and len(same_noun := same_common_noun(name, organizations, keys)) == 1:
            keys[name] = same_noun.pop()  # "police" beside "Police", one sentence's opening word
            reasons[name] = "the same noun as an organisation this article names, case aside"
    for name, kind in speakers:
        gender = honorific_gender(name) if kind == "person" else None
        if gender and any(keys[other] == keys[name] for other, _ in speakers if other != name):
            keys[name] = gendered_key(keys[name], gender)  # "Mrs. Khan" beside Mr. Khan: resolve kept two
    return keys, reasons


def same_common_noun(name: str, organizations: dict[str, str], keys: dict[str, str]) -> set[str]:
    """The keys of the article's organisations and groups named by the same source noun as an
    anonymous source ("police" and "Police"), case and a leading "the" aside."""
    if not is_source_noun(name):
        return set()
    word = organization_key(name)
    return {keys[other] for other, key in organizations.items() if key == word and other != name}


def honorific_gender(name: str) -> str | None:
    """The gender an honorific opening a name states ("Mrs. Khan": female); resolve names a person so
    only when the article's bare surname is someone else."""
    letter = TITLE_GENDERS.get(name.split(" ", 1)[0])
    return {"f": "female", "m": "male"}.get(letter or "")


def gendered_key(key: str, gender: str) -> str:
    """The key of one of two people of a surname whom only their honorifics tell apart."""
    return f"{key} ({gender})"


def identify_block(kind: str, speakers: list[LocalSpeaker], result: Identities) -> None:
    speakers = sorted(set(speakers), key=lambda s: (s.article, s.name, s.kind))
    if kind == "anonymous":
        for speaker in speakers:
            add_entity(result, anonymous_key(speaker), speaker.name, kind, [speaker])
            result.of[speaker.article, speaker.name] = Identity(anonymous_key(speaker), "anonymous: this article only")
    elif kind == "person":
        identify_people(speakers, result)
    else:
        collectives = {speaker: as_collective(speaker) for speaker in speakers}
        key = collective_key(collectives[speakers[0]])
        name = full_form(key.split(":", 1)[1]) or most_common_form([c.name for c in collectives.values()])
        add_entity(result, key, name, kind, speakers)
        for speaker in speakers:
            reason = "same name" if speaker.name == name else "same name, case and punctuation ignored"
            if well_known_key(organization_key(speaker.name)) != organization_key(speaker.name):
                reason = f"a well-known short form of {name}"
            elif is_persons_team(speaker.name, organization_words(speaker.name)):
                reason = f"a candidate's team is their campaign: {name}"
            elif named_for_full_name(organization_words(speaker.name)):
                reason = f"named for the person by full name: {name}"
            elif key.endswith(f" [{speaker.article}]"):
                reason = "a common noun: this article's organisation only"
            elif collectives[speaker].name == POLL_RESPONDENTS:
                reason = "a share of those a poll asked"
            elif speaker.kind == "anonymous" and speaker.name.split()[0].casefold() in SHARE_WORDS:
                reason = f"a share of the group: {name}"
            elif speaker.kind == "anonymous":
                reason = f"a plural noun alone, as the group is named across the corpus: {name}"
            result.of[speaker.article, speaker.name] = Identity(key, reason)


def identify_people(speakers: list[LocalSpeaker], result: Identities) -> None:
    written = {speaker: person_name(speaker.name) for speaker in speakers}
    full_names = {(n.given, n.surname, n.suffix) for n in written.values() if n and n.given}
    names = {speaker: name and without_descriptor(name, full_names) for speaker, name in written.items()}
    formal = formal_given_names(name for name in names.values() if name and name.given)
    names = {
        speaker: replace(name, given=formal[name.given, name.surname])
        if name and (name.given, name.surname) in formal
        else name
        for speaker, name in names.items()
    }
    names = with_compound_surnames(names)
    full = [s for s in speakers if names[s] and names[s].given]
    rest = [s for s in speakers if not (names[s] and names[s].given)]
    members, middles = identify_full_names(full, names, written)
    entity_names = {key: most_common_form([names[s].display for s in group]) for key, group in members.items()}
    reasons = {
        speaker: full_name_reason(speaker, written[speaker], names[speaker], entity_names[key], middles[key])
        for key, group in members.items()
        for speaker in group
    }
    known = Candidates(
        dict(entity_names),
        {key: {s.article for s in group} for key, group in members.items()},
        {key: aggregate_gender(group)[0] for key, group in members.items()},
    )
    for speaker in rest:
        stated = stated_gender(speaker)
        if stated and names[speaker]:
            known.stated_here.setdefault((speaker.article, names[speaker].surname), set()).add(stated)
    in_article: dict[str, dict[str, LocalSpeaker]] = defaultdict(dict)
    for key, group in members.items():
        for speaker in group:
            in_article[speaker.article].setdefault(key, speaker)
    for speaker in rest:
        key, reasons[speaker], shown = identify_short_name(speaker, names[speaker], in_article, known)
        members[key].append(speaker)
        entity_names.setdefault(key, shown)
    for key, group in members.items():
        add_entity(result, key, entity_names[key], "person", group)
        for speaker in group:
            result.of[speaker.article, speaker.name] = Identity(key, reasons[speaker])


def with_compound_surnames(names: dict[LocalSpeaker, PersonName | None]) -> dict[LocalSpeaker, PersonName | None]:
    """A two-word surname written alone ("Wasserman Schultz", "Lopez Obrador") reads as a given name
    and a surname; when its first word is no given name and the corpus names exactly one person
    whose full name ends with it ("Debbie Wasserman Schultz"), it is that person."""
    full = {n.display: n for n in names.values() if n and n.given and is_given_name(n.display.split()[0])}
    compound = {}
    for speaker, name in names.items():
        if name is None or not name.given or is_given_name(name.display.split()[0]) or name.display in full:
            continue
        owners = {
            (n.given, n.middle, n.surname, n.suffix): n for d, n in full.items() if d.endswith(" " + name.display)
        }
        if len(owners) == 1:
            compound[speaker] = next(iter(owners.values()))
    return names | compound if compound else names


def identify_short_name(
    speaker: LocalSpeaker, name: PersonName | None, in_article: dict[str, dict[str, LocalSpeaker]], known: Candidates
) -> tuple[str, str, str]:
    """A person named without a given name: its entity key, why, and the entity's name if new."""
    if name is None:
        return f"person:{speaker.name.casefold()}", "same words", speaker.name
    if name.suffix:
        return person_key(name), "same surname and suffix", name.display
    if not known.articles and is_given_name(name.display):
        return f"person:{name.surname} [{speaker.article}]", "a given name alone: this article only", name.display
    if not known.articles:
        return *surname_alone(speaker, name, known, "same name; the corpus gives it no first name"), name.display
    key, reason = identify_surname(speaker, name, in_article.get(speaker.article, {}), known)
    return key, reason, name.display


def formal_given_names(names: Iterable[PersonName]) -> dict[tuple[str, str], str]:
    """(short given name, surname) → the formal given name it is one person with: "Joe Biden" is
    "Joseph R. Biden" when the corpus names no other Biden whose given name "Joe" can stand for
    (lexicon/nicknames.txt); "Ted Cruz" stays as written when no Edward or Theodore Cruz is named."""
    given_names: dict[str, set[str]] = defaultdict(set)
    for name in names:
        given_names[name.surname].add(name.given)
    formal = {}
    for surname, givens in given_names.items():
        for given in givens:
            candidates = lexicon.formal_names().get(given, frozenset()) & givens
            if len(candidates) == 1:
                formal[given, surname] = next(iter(candidates))
    return formal


def identify_full_names(
    full: list[LocalSpeaker], names: ReadNames, written: ReadNames
) -> tuple[dict[str, list[LocalSpeaker]], dict[str, list[str]]]:
    """Full names → entity key → its speakers, and the middles that split it. Middle names and
    initials do not split a person unless the corpus gives the same given name and surname with two
    different middles: then each middle is a person, and the name without one another. A suffix
    splits a person unless suffix_aside says otherwise."""
    same_name: dict[tuple[str, str, str], list[LocalSpeaker]] = defaultdict(list)
    for speaker in full:
        name = names[speaker]
        same_name[name.given, name.surname, name.suffix].append(speaker)
    for (given, surname, suffix), group in list(same_name.items()):
        plain = same_name.get((given, surname, ""))
        if suffix and plain and suffix_aside(group, plain, written):
            plain.extend(group)
            del same_name[given, surname, suffix]
    members: dict[str, list[LocalSpeaker]] = defaultdict(list)
    splitting: dict[str, list[str]] = defaultdict(list)
    for (_, _, suffix), group in same_name.items():
        middles = sorted({names[s].middle for s in group} - {""})
        for speaker in group:
            key = person_key(replace(names[speaker], suffix=suffix), with_middle=len(middles) > 1)
            members[key].append(speaker)
            splitting[key] = middles if len(middles) > 1 else []
    return members, splitting


def suffix_aside(suffixed: list[LocalSpeaker], plain: list[LocalSpeaker], written: ReadNames) -> bool:
    """ "Joseph R. Biden Jr." is "Joe Biden": a suffixed name is the person the corpus names without it
    by a short form of the given name (lexicon/nicknames.txt), the name that person goes by, when no
    article names both as two people. Written with the same given name ("Donald Trump" beside
    "Donald Trump Jr."), the suffix is what tells a father from his son: they stay two."""
    if {s.article for s in suffixed} & {s.article for s in plain}:
        return False
    formal = {names.given for s in suffixed if (names := written[s])}
    return any((name := written[s]) and name.given not in formal for s in plain)


def full_name_reason(
    speaker: LocalSpeaker, written: PersonName, name: PersonName, entity_name: str, middles: list[str]
) -> str:
    if middles:
        shown = ", ".join(m.upper() for m in middles)
        return f"same full name; the corpus gives this given name and surname several middle initials ({shown})"
    if name.display.endswith(" " + written.display):
        return f"compound surname of {entity_name}"
    if name.suffix and not (person_name(entity_name) or name).suffix:
        return f"{entity_name} without the suffix: the name the corpus gives this person, by a short given name"
    if written.display != name.display:
        return f"same full name after a description ({written.display.split()[0]})"
    if written.given != name.given:
        given = name.given.capitalize()
        return f"{written.display.split()[0]} is short for {given}: the only {given} of this surname the corpus names"
    if name.display == entity_name:
        return "same full name" if speaker.name == entity_name else "same full name; titles, case and punctuation aside"
    if name.middle != (person_name(entity_name) or name).middle:
        return "same given name and surname; middle name aside"
    return "same full name; titles, case and punctuation aside"


@dataclass
class Candidates:
    """The people of one surname the corpus names with a first name."""

    names: dict[str, str]  # key → entity name
    articles: dict[str, set[str]]  # key → the articles naming them with a first name
    genders: dict[str, str | None]  # key → gender from the text of those articles
    # (article, surname) → the genders honorifics and nouns state of people named by it alone there
    stated_here: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def gender_for_choosing(self, key: str, here: LocalSpeaker | None = None) -> str | None:
        """What this article's text says, else what the corpus's text says, else the first name's
        usual gender: good enough to choose between people ("Mrs. Clinton": Hillary, not Bill),
        never stored as anyone's gender."""
        if here is not None and here.gender:
            return here.gender
        if self.genders.get(key):
            return self.genders[key]
        first = self.names[key].split()[0]
        return {"f": "female", "m": "male"}.get(lexicon.first_name_genders().get(first, ""))


def identify_surname(
    speaker: LocalSpeaker, name: PersonName, in_article: dict[str, LocalSpeaker], known: Candidates
) -> tuple[str, str]:
    """A surname alone: the person the article names with a first name (not one its honorific says
    is someone else), else the one the corpus makes unambiguous, else the surname's own entity."""
    surname = name.display
    stated = stated_gender(speaker)
    keys = [k for k in sorted(in_article) if fits_gender(stated, known.gender_for_choosing(k, in_article[k]))]
    if keys:
        if len(keys) == 1:
            return keys[0], f"surname of {known.names[keys[0]]}, the only {surname} with a first name in this article"
        fitting = [k for k in keys if fits_gender(speaker.gender, known.gender_for_choosing(k, in_article[k]))]
        if speaker.gender and len(fitting) == 1:
            who = f"the only {GENDER_WORDS[speaker.gender]} named {surname} in this article"
            return fitting[0], f"surname and {speaker.gender_evidence}: {known.names[fitting[0]]}, {who}"
        shown = ", ".join(known.names[k] for k in keys)
        return f"person:{name.surname}", f"surname; this article names several people called {surname} ({shown})"
    fitting = [k for k in known.articles if fits_gender(speaker.gender, known.gender_for_choosing(k))]
    counts = sorted(((len(known.articles[k]), k) for k in fitting), reverse=True)
    total = sum(count for count, _ in counts)
    if counts and counts[0][0] >= SURNAME_MIN_ARTICLES and counts[0][0] >= SURNAME_SHARE * total:
        count, key = counts[0]
        if speaker.gender and len(fitting) < len(known.articles):
            who = f"a {GENDER_WORDS[speaker.gender]} called {surname}"
            return key, (
                f"surname and {speaker.gender_evidence} here; corpus: {known.names[key]} in {count} of the "
                f"{total} articles naming {who} with a first name"
            )
        shown = f"{known.names[key]} in {count} of the {total} articles naming a {surname} with a first name"
        return key, f"surname; corpus: {shown}"
    return surname_alone(speaker, name, known, "surname; the corpus does not say which person of this surname")


def surname_alone(speaker: LocalSpeaker, name: PersonName, known: Candidates, reason: str) -> tuple[str, str]:
    """A surname no full name takes is an entity of its own; two people of it whom only honorifics
    tell apart in one article ("Mr. Khan", "Mrs. Khan") are two, by the gender those state."""
    stated = stated_gender(speaker)
    if stated and len(known.stated_here.get((speaker.article, name.surname), ())) > 1:
        who = f"the article's {GENDER_WORDS[stated]} called {name.display}"
        return gendered_key(person_key(name), stated), f"surname and {speaker.gender_evidence}: {who}"
    return person_key(name), reason


def stated_gender(speaker: LocalSpeaker) -> str | None:
    """The gender an honorific or a noun gives the speaker in its article ("Mr. Clinton" where the
    article names Hillary Clinton in full is someone else); a pronoun's may come from a wrong
    antecedent and does not keep a surname from the person its article names in full."""
    evidence = speaker.gender_evidence or ""
    return speaker.gender if evidence.startswith(("honorific", "noun")) else None


def fits_gender(stated: str | None, known: str | None) -> bool:
    return not stated or not known or stated == known


def add_entity(result: Identities, key: str, name: str, kind: str, speakers: list[LocalSpeaker]) -> None:
    gender, evidence = aggregate_gender(speakers)
    result.entities[key] = Entity(key, name, kind, gender, evidence)


def aggregate_gender(speakers: list[LocalSpeaker]) -> tuple[str | None, str | None]:
    """The gender the articles' own words give, when they agree (GENDER_AGREEMENT); with the evidence
    counted by kind: 'pronoun "she" in 12 articles; honorific Ms. in 3'."""
    votes = Counter(s.gender for s in speakers if s.gender in ("female", "male"))
    if not votes:
        return None, None
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    gender, count = ranked[0]
    total = sum(votes.values())
    if count < GENDER_AGREEMENT * total:
        shown = ", ".join(f"{g} in {articles(n)}" for g, n in ranked)
        return None, f"conflicting: {shown}"
    evidence = Counter(s.gender_evidence or "text" for s in speakers if s.gender == gender)
    shown = "; ".join(f"{e} in {articles(n)}" for e, n in sorted(evidence.items(), key=lambda i: (-i[1], i[0]))[:3])
    if count < total:
        shown += f" ({articles(total - count)} said otherwise)"
    return gender, shown


def articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"


def anonymous_key(speaker: LocalSpeaker) -> str:
    return f"anonymous:{speaker.name.casefold()} [{speaker.article}]"
