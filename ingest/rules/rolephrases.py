"""One phrase an article says of a person, read as roles and organisations: "Clinton campaign
chairman" → role "campaign chairman", organisation "Clinton campaign"; "director of the Institute for
Policy Integrity at New York University's law school" → that role, and both institutions. A phrase
without a role noun is no role; a place, a person, a nationality or a clause is never an
organisation; a party word names the party. roles.py finds the phrases around each naming."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import takewhile
from typing import Final

from . import lexicon
from .namekinds import glued_tail, is_page_furniture
from .names import FUNCTION_WORDS, is_title, strip_possessive
from .words import CONNECTORS, DETERMINERS, HONORIFICS, MODALS, OPENING_TIMES, POSSESSIVE_ENDINGS, POSSESSIVES

# Words that join the capitalised words of one name: "Institute for Policy Integrity", "Speaker of the House".
NAME_JOINERS: Final = frozenset("of for on and & the de".split())
QUOTATION_MARKS: Final = "“”\"‘'"
MAX_APPOSITIVE_WORDS: Final = 30


@dataclass(frozen=True)
class Statement:
    """One phrase's reading: "Clinton campaign chairman" → role "campaign chairman", ("Clinton campaign",)."""

    role: str | None
    organizations: tuple[str, ...]
    title: str | None
    source_text: str


def appositive_statements(segment: str, people_words: frozenset[str]) -> list[Statement]:
    """ "the Republican attorney general of Oklahoma", "a tax lawyer and senior fellow at the
    Urban-Brookings Tax Policy Center": each coordinated noun phrase with a role noun."""
    words = segment.split()
    if not words or len(words) > MAX_APPOSITIVE_WORDS or words[0].lower() == "one" or not may_head_role(words):
        return []
    found = []
    for part in coordinated(words):
        found += phrase_statements(" ".join(part), people_words)
    return found


def may_head_role(words: list[str]) -> bool:
    """Whether one of the words may head a role or name a party, tested fast before an appositive is
    read: most of what follows a name after a comma (", 53,", ", meanwhile,", ", who said") says
    neither. Necessary for what phrase_statements finds: a title, a role noun, a noun with a role
    noun's ending, a party word."""
    heads = role_heads()
    for word in words:
        core = word.strip(",;:()")
        bare = strip_possessive(core.rstrip("."))
        if (
            core in heads
            or bare in heads
            or bare.rpartition("-")[2] in heads
            or (len(bare) > MIN_OPEN_CLASS_LETTERS and bare.endswith(ROLE_ENDINGS))
        ):
            return True
    return False


@cache
def role_heads() -> frozenset[str]:
    """The titles ("Sen."), role nouns ("spokesman", "Spokesman") and party words ("Democrat"), as
    they may be written, in one set."""
    nouns = lexicon.role_nouns()
    return (
        lexicon.titles() | nouns | {n.capitalize() for n in nouns} | {n.upper() for n in nouns} | set(lexicon.parties())
    )


def coordinated(words: list[str]) -> list[list[str]]:
    """Split at "and" between two noun phrases ("a schoolteacher and Trump supporter"), not inside a
    name ("House Ways and Means Committee")."""
    parts: list[list[str]] = [[]]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        inside_name = parts[-1] and parts[-1][-1][:1].isupper() and following[:1].isupper()
        if word == "and" and parts[-1] and not inside_name:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def phrase_statements(phrase: str, people_words: frozenset[str]) -> list[Statement]:
    """A noun phrase with an optional post-modifier: "director of the Institute for Policy Integrity at
    New York University's law school" → role "director of the Institute for Policy Integrity",
    organisations "Institute for Policy Integrity" and "New York University". What follows the
    phrase ("visiting Nice on vacation", "whose new book …") is not part of it."""
    words = strip_leading(after_connector(phrase.split()))
    if words and words[0][:1] in QUOTATION_MARKS:
        return []  # "''a real black president": words quoted, someone's saying, not what the person is
    if words and opens_clause(words[0]):
        return []  # "…, will become the campaign manager", "…, with the former secretary of state"
    end = next((i for i, w in enumerate(words) if ends_noun_phrase(words, i) or (i > 0 and w in ORG_LINKS)), len(words))
    noun_phrase = words[:end]
    if not noun_phrase:
        return []
    member = ranked_member(noun_phrase)
    if member is None and head_index(noun_phrase, open_class=True) != len(noun_phrase) - 1:
        return party_statements(noun_phrase)  # "Clinton, a Democrat, said"
    post = words[end:]
    if post and post[0] in ORG_LINKS:
        post = post[: next((i for i in range(1, len(post)) if ends_noun_phrase(post, i)), len(post))]
    else:
        post = []
    role_words, organizations = list(noun_phrase), []
    works: set[str] = set()  # the words of a work's title, which names no organisation
    attached = True  # the role goes on through "of" phrases and lower-case objects
    for link, objects in post_modifiers(post):
        if is_time(strip_leading(objects)):
            break  # "ambassador to Burma from 2012", "a nurse for years": when, not what
        if not objects or objects[-1].lower().strip(".,;:") in DANGLING_WORDS or owner_without_noun(objects):
            # "a candidate with one" (overriding message), "strategist on Obama's 2008" (and 2012
            # campaigns): the phrase was cut before its noun
            break
        if objects[-1].endswith(POSSESSIVE_ENDINGS):
            # "host of MSNBC’s" (“Morning Joe”): the owner is an organisation, the role ends before it
            run = capitalised_run(strip_leading(objects))
            if run and is_organization(run, people_words, False):
                organizations.append(" ".join(strip_possessive(w) for w in run))
            break
        if link == "to" and is_bare_verb(objects[0]):
            break  # "architect of his party's plan to rein …": an infinitive, a clause of its own
        # "author of ''America's Unwritten Constitution": a work's title, in quotation marks or after
        # its author's noun, is no organisation
        titled = objects[0][:1] in QUOTATION_MARKS or role_words[-1].lower() in WORK_NOUNS
        if titled:
            works.update(strip_possessive(w.strip(".,;:“”\"‘'")) for w in objects)
        run = [] if titled else capitalised_run(strip_leading(objects))
        run += organisation_noun_after(objects, run)  # "Millbrook town council"
        named = bool(run) and is_organization(run, people_words, run[-1].islower()) and not all_places(run)
        if link in PLACE_LINKS and run and not (run[-1].islower() or any(w in lexicon.group_words() for w in run)):
            if not (link == "from" and holds_office_of_place(noun_phrase)):
                break  # "a financial adviser in Eau Claire", "a salesman from Sumter": where, not what
        if named:
            organizations.append(" ".join(strip_possessive(w) for w in run))
        # "director of the FBI", "governor of Virginia", "analyst on Afghanistan" stay in the role;
        # "spokesman for the Clinton campaign" is a spokesman, and the campaign his organisation.
        attached = attached and (link == "of" or not named or member is not None)
        if attached:
            role_words += [link, *objects]
    if member is not None:  # "the top Democrat on the House Intelligence Committee"
        role = printed_role(role_words)
        role = role.rstrip(",;:") if role else role
        return [Statement(role, tuple(dict.fromkeys([*organizations, member])), None, phrase)]
    found = read_phrase(role_words, people_words, open_class=True)
    if found is None:
        return []
    stated = [o for o in found.organizations if o.split()[0] not in works] + organizations
    return [Statement(found.role, tuple(dict.fromkeys(stated)), found.title, phrase)]


def after_connector(words: list[str]) -> list[str]:
    """ "But the star journalist", "As the LinkedIn chief executive": a cue's subject written with the
    connector that opens its sentence; the role is the noun phrase after it."""
    if len(words) > 1 and words[0][:1].isupper() and words[0].lower() in SENTENCE_CONNECTORS:
        return words[1:]
    return words


SENTENCE_CONNECTORS: Final = CONNECTORS | frozenset(("as", "even"))


def opens_clause(word: str) -> bool:
    """A role is a noun phrase: one opening with a preposition, a conjunction, a pronoun, a modal or
    an auxiliary verb is a clause or a phrase about someone else, whatever role noun it holds."""
    return word.islower() and (word in FUNCTION_WORDS or word in MODALS)


def ranked_member(words: list[str]) -> str | None:
    """ "top Democrat", "the panel's ranking Republican", "senior Democrat": a party's member ranked
    among others (on a committee, in a delegation) holds a place, a role; its party is returned. "a
    Democrat", "a Sarasota Republican" say only the party (party_statements)."""
    last = strip_possessive(words[-1]) if words else ""
    if last not in lexicon.parties() or not last.endswith(MEMBER_NOUN_ENDINGS):
        return None
    return lexicon.parties()[last] if any(w.lower() in MEMBER_RANKS for w in words[:-1]) else None


MEMBER_NOUN_ENDINGS: Final = ("an", "at")  # "Republican", "Democrat"; not "Democratic"
MEMBER_RANKS: Final = frozenset("top ranking senior leading highest-ranking most-senior".split())


def party_statements(words: list[str]) -> list[Statement]:
    """ "a Democrat", "a Sarasota Republican", "Democratic rival": a phrase without a role that still
    says the person's party: one party word, with only lower-case words or places beside it."""
    words = strip_leading(words)
    parties = [party for w in words if (party := party_of_word(w)) is not None]
    if len(parties) != 1 or len(words) > MAX_PARTY_PHRASE_WORDS:
        return []
    if any(w.islower() and w in lexicon.plural_nouns() for w in words):
        return []  # "Obama, Republican candidates …": several people, listed beside the person, not said of them
    if not all(w.islower() or party_of_word(w) is not None or all_places([w]) for w in words):
        return []  # "Democratic National Committee member", "Republican Jeb Bush"
    return [Statement(None, (parties[0],), None, " ".join(words))]


MAX_PARTY_PHRASE_WORDS: Final = 4


def is_time(words: list[str]) -> bool:
    """ "2012", "years", "the past decade": a time or a span of time."""
    first = words[0].strip(".,;:").lower() if words else ""
    return (
        first[:1].isdigit()
        or first in OPENING_TIMES
        or f"{first}." in OPENING_TIMES  # "Nov."
        or first in TIME_SPANS
        or first in ("past", "last")
    )


TIME_SPANS: Final = frozenset("years months weeks days decades decade".split())


def organisation_noun_after(objects: list[str], run: list[str]) -> list[str]:
    """The lower-case words that finish a capitalised name as an organisation's: "town council" after
    "Millbrook", "campaign" after "Clinton"; none when no organisation noun ends them."""
    if not run or run[-1].endswith(POSSESSIVE_ENDINGS):
        return []
    start = objects.index(run[-1]) + 1 if run[-1] in objects else len(objects)
    following = [w.strip(".,;:") for w in objects[start : start + 2]]
    for count in range(len(following), 0, -1):
        words = following[:count]
        if all(w.islower() and w.isalpha() for w in words) and words[-1] in lexicon.group_words_lower():
            return words
    return []


def ends_noun_phrase(words: list[str], index: int) -> bool:
    """Whether words[index] is a word no role phrase holds: a verb ("visiting", "said"), a pronoun or
    a conjunction ("who", "and", but not the "and" inside a name: "Ways and Means")."""
    word = words[index]
    lower = word.lower().strip(".,;:")
    if word[:1].isupper():
        return False
    if (
        lower == "and"
        and 0 < index < len(words) - 1
        and words[index - 1][:1].isupper()
        and words[index + 1][:1].isupper()
    ):
        return False
    return (lower in FUNCTION_WORDS and lower not in LEADING_WORDS and lower not in ORG_LINKS) or (
        (lower in lexicon.reporting_verbs() or is_verb_like(word)) and not modifies_role_noun(words, index)
    )


def modifies_role_noun(words: list[str], index: int) -> bool:
    """ "nursing home owner", "creative writing professor": a word in "-ing" or "-ed" before a role
    noun, with only lower-case nouns and modifiers between them, modifies it; "visiting Nice" does not."""
    for word in words[index + 1 : index + 4]:
        lower = word.strip(".,;:").lower()
        if not word.islower() or lower in FUNCTION_WORDS or lower in lexicon.reporting_verbs():
            return False
        if is_role_noun(lower, open_class=True):
            return True
    return False


ORG_LINKS: Final = frozenset("of for at with on from in to".split())
# Offices held for a place, whose "from" names that place as part of the office ("the senator from
# Vermont", "committeeman from Georgia"), where anyone else's "from" says where they live.
PLACE_OFFICES: Final = frozenset(
    "senator representative congressman congresswoman governor mayor legislator lawmaker committeeman "
    "committeewoman".split()
)


def holds_office_of_place(noun_phrase: list[str]) -> bool:
    return noun_phrase[-1].lower() in PLACE_OFFICES


# After a role, what follows "in" or "from" is where the person is ("a retiree in Carthage"), unless
# an organisation's word says otherwise ("an analyst in the State Department").
PLACE_LINKS: Final = frozenset(("in", "from"))


def post_modifiers(words: list[str]) -> list[tuple[str, list[str]]]:
    """ "at New York University's law school" → [("at", ["New", "York", "University's", "law", "school"])],
    one pair per preposition outside a name ("Institute for Policy Integrity" keeps its "for")."""
    pairs: list[tuple[str, list[str]]] = []
    for index, word in enumerate(words):
        inside_name = (
            word in NAME_JOINERS
            and index > 0
            and words[index - 1][:1].isupper()
            and index + 1 < len(words)
            and words[index + 1][:1].isupper()
            and words[index + 1].lower() not in OPENING_TIMES  # "founder of ISIS on Wednesday"
        )
        if word in ORG_LINKS and not (pairs and inside_name):
            pairs.append((word, []))
        elif pairs:
            pairs[-1][1].append(word)
    return pairs


# Nouns for whoever made a work, whose "of" names the work: "author of The Age of Oversupply".
WORK_NOUNS: Final = frozenset(("author", "co-author"))  # not "editor": of a paper, an organisation


def owner_without_noun(objects: list[str]) -> bool:
    """ "Obama's 2008": an owner and a number after it end the words, the noun they modify cut off."""
    last = objects[-1].strip(".,;:")
    return last.isdigit() and len(objects) > 1 and objects[-2].endswith(POSSESSIVE_ENDINGS)


def is_bare_verb(word: str) -> bool:
    """What "to" governs when it is no preposition: a lower-case word that no noun phrase opens with
    (not "the", "his", "a", a number, an adjective of a role) — "to rein", "to delete"; a noun after
    "to" without a determiner ("adviser to presidents") is rare in a role, a verb common."""
    lower = word.strip(".,;:")
    return (
        lower.isalpha()
        and lower.islower()
        and lower not in LEADING_WORDS
        and lower not in role_words()
        and not is_role_noun(lower, open_class=True)
        and not lower.endswith("s")
    )


def is_verb_like(word: str) -> bool:
    """ "visiting", "said", "managed"; not "self-described" or "long-serving": a hyphenated word in
    "-ed" or "-ing" is an adjective."""
    lower = word.lower()
    return (
        word.islower()
        and lower.endswith(("ed", "ing"))
        and "-" not in word
        and lower not in lexicon.role_modifiers()
        and lower not in lexicon.role_nouns()
    )


def capitalised_run(words: list[str]) -> list[str]:
    """The capitalised words opening words, with the joiners inside a name ("Ways and Means"), past
    what describes the organisation ("the Kabul-based Institute of War and Peace Studies", "the
    hawkish American Enterprise Institute")."""
    run: list[str] = []
    described = next(
        (i for i, w in enumerate(words[: MAX_DESCRIBING_WORDS + 1]) if not (w.islower() or w.endswith("-based"))), 0
    )
    words = words[described:]
    for index, word in enumerate(words):
        bare = word.rstrip(".,;:")
        if bare[:1].isupper() or bare[:1].isdigit() and run:
            run.append(bare)
            if word.endswith(POSSESSIVE_ENDINGS):
                break  # "New York University's law school"
        elif word in NAME_JOINERS and run and index + 1 < len(words) and words[index + 1][:1].isupper():
            run.append(word)
        else:
            break
    return run


MAX_DESCRIBING_WORDS: Final = 3  # "the conservative super PAC America Rising"


# -- reading one phrase -------------------------------------------------------------------------


def read_phrase(words: list[str], people_words: frozenset[str], open_class: bool = False) -> Statement | None:
    """A role phrase as a role and its organisations: "Clinton campaign chairman" → "campaign chairman",
    ("Clinton campaign",); "Wells Fargo CEO" → "Wells Fargo CEO", ("Wells Fargo",); "Massachusetts
    Sen." → "Massachusetts Sen."; "Democrat" → no role, ("Democratic Party",). The same phrases recur
    through a corpus ("Republican presidential nominee"): each is read once for the people it names."""
    return read_words(tuple(words), people_in(words, people_words), open_class)


def people_in(words: list[str], people_words: frozenset[str]) -> frozenset[str]:
    """The words of the phrase, bare, that are words of the article's people: all that the reading
    of a phrase asks of people_words."""
    named = []
    for word in words:
        for form in (word, strip_possessive(word), strip_possessive(word.strip(".,;:"))):
            if form in people_words:
                named.append(form)
    return frozenset(named)


@lru_cache(maxsize=16384)
def read_words(words_read: tuple[str, ...], people_words: frozenset[str], open_class: bool) -> Statement | None:
    words = [w for w in words_read if w not in HONORIFICS]
    if not words:
        return None
    organizations: list[str] = []
    role_words = list(words)
    for run, org_noun, owner_is_person in organisation_runs(words, people_words):
        name = " ".join(strip_possessive(w) for w in run)
        if org_noun is not None:  # "Clinton campaign chairman": the campaign is his organisation
            name = f"{name.split()[-1] if owner_is_person else name} {org_noun}"
            role_words = [w for w in role_words if w not in run]
        organizations.append(name)
    organizations += [p for w in words if (p := party_of_word(w)) is not None and not in_party_name(w, words)]
    role_words = without_person_owner(role_words, people_words)
    head = head_index(role_words, open_class)
    role = printed_role(role_words) if head is not None else None
    title = next((w for w in words if is_title(w)), None)
    if role is None and not organizations:
        return None
    return Statement(role, tuple(dict.fromkeys(organizations)), title, " ".join(words))


def without_person_owner(words: list[str], people_words: frozenset[str]) -> list[str]:
    """ "Mitt Romney's top adviser" → "top adviser": the person a role serves is not part of it."""
    owner = next((i for i, w in enumerate(words) if w.endswith(POSSESSIVE_ENDINGS)), None)
    if owner is None or owner + 1 >= len(words) or not all(w[:1].isupper() for w in words[: owner + 1]):
        return words
    run = [strip_possessive(w) for w in words[: owner + 1]]
    person = any(w in people_words for w in run) or first_name(run)
    return words[owner + 1 :] if person else words


def organisation_runs(words: list[str], people_words: frozenset[str]) -> Iterator[tuple[list[str], str | None, bool]]:
    """The organisations named inside a role phrase: (capitalised words, the lower-case organisation
    noun after them or None, whether the capitalised words are a person's name)."""
    organization_nouns = lexicon.group_words_lower()
    index = 0
    while index < len(words):
        run: list[str] = []
        while index < len(words) and in_organisation_run(words, index, run):
            run.append(words[index])
            index += 1
            if run[-1].endswith(POSSESSIVE_ENDINGS):
                break
        if not run:
            index += 1
            continue
        while (
            len(run) > 1
            and run[-1].lower() in lexicon.role_modifiers()
            and run[-1] not in lexicon.group_words()  # "Green Party", "Democratic Party"
            and index < len(words)
        ):
            run.pop()  # "Senate Majority Leader": the modifier belongs to the office, not to the body
        following = strip_possessive(words[index]).lower() if index < len(words) else ""
        org_noun = following if following in organization_nouns and not words[index][:1].isupper() else None
        person = any(strip_possessive(w) in people_words for w in run) or first_name(run)
        named = (len(run) > 1 or is_acronym(run[0])) and is_organization(run, people_words, False)
        if org_noun is None and seeks_office(words[index:]) and not names_party(run):
            # "White House hopeful", "U.S. Senate candidate": the office sought, not yet held ("Green
            # Party candidate": the party the candidate runs for is theirs)
            continue
        if org_noun is not None and named and not person and org_noun in role_words():
            yield run, None, False  # "White House press secretary": the press office is the White House's
        elif org_noun is not None and not all_places(run):
            yield run, org_noun, person
        elif named:
            # One word that is not an acronym names an office with the role ("House Speaker", "Senate
            # leader"), not an organisation of its own.
            yield run, None, False


def seeks_office(following: list[str]) -> bool:
    """Whether the role after an institution's name is a candidacy ("White House hopeful", "U.S.
    Senate candidate", "Supreme Court nominee"): the person seeks a place in it, and belongs to no
    organisation by that name. The role's head is the first role noun past lower-case modifiers."""
    for word in following:
        lower = strip_possessive(word).lower()
        if not word.islower():
            return False
        if is_role_noun(lower):
            return lower in CANDIDACY_NOUNS
    return False


def names_party(run: list[str]) -> bool:
    return " ".join(strip_possessive(w) for w in run) in lexicon.parties().values()


# Nouns for someone running for an office rather than holding it.
CANDIDACY_NOUNS: Final = frozenset(
    "hopeful candidate contender nominee challenger aspirant front-runner frontrunner".split()
)


def in_organisation_run(words: list[str], index: int, run: list[str]) -> bool:
    word = words[index]
    bare = strip_possessive(word)
    if word in NAME_JOINERS:
        return bool(run) and index + 1 < len(words) and words[index + 1][:1].isupper()
    if not bare[:1].isupper() or is_title(word) or bare.lower() in lexicon.role_nouns() or bare.endswith("-based"):
        return False
    if "-" in bare and bare.rsplit("-", 1)[1].islower():
        return False  # "Ivy League-trained", "Chicago-born": a modifier, not a name
    # A party word is the party ("Republican presidential nominee", "Republican U.S. House Speaker":
    # the institution is the organisation), unless it opens a name ("Republican National Committee").
    return party_of_word(word) is None or in_party_name(word, words)


def is_organization(words: list[str], people_words: frozenset[str], has_org_noun: bool) -> bool:
    """Capitalised words that name an organisation: not a place, a nationality, a person, a title,
    a party adjective or a time."""
    if any(is_title(w) or is_title(f"{w}.") for w in words[:-1]):
        return False  # "Secretary of State Madeline Albright", "Ohio Gov. John Kasich": a person
    words = [strip_possessive(w.strip(".,;:")) for w in words]
    words = [w for w in words if w]
    if any(is_page_furniture(w) or glued_tail(w) is not None for w in words):
        return False  # "Getty ImagesRepublican": a photo credit glued to the next word
    named = words[: len(words) - len(list(takewhile(str.islower, reversed(words))))] if has_org_noun else words
    if not named or not all(w[:1].isupper() or w in NAME_JOINERS or w[:1].isdigit() for w in named):
        return False
    if named[0].lower() in FUNCTION_WORDS and named[0] != "The" or named[-1].lower() in NAME_JOINERS:
        return False  # "As the LinkedIn", "Cleveland Jobs With": words of a clause, or a name cut short
    if words[-1] in lexicon.place_words() and not any(w in lexicon.group_words() for w in words):
        return False  # "Atlantic City", "Ponte Vedra Beach": a place; not "University of North Carolina"
    if all_places(words) or any(w.lower() in OPENING_TIMES or f"{w.lower()}." in OPENING_TIMES for w in words):
        return False  # "Iowa", "the Nov. 8 election": a place or a time
    if all(w in COMMON_NOUN_ACRONYMS for w in named):
        return False  # "the TV show", "the super PAC"
    groups = lexicon.group_words()
    if has_org_noun or any(w in groups for w in words):
        return True
    if all(is_role_word(w) or w in NAME_JOINERS or party_of_word(w) is not None or all_places([w]) for w in words):
        return False  # "Time’s Assistant Managing Editor", "Republican South Carolina": role, party and place words
    if any(w in people_words for w in words) or first_name(words):
        return False  # "Sanders", "Bill Clinton"
    # One word is an organisation when it is an acronym ("FBI", "NBC"); a capitalised word alone is
    # as often a place ("Reno") or a person the article does not quote ("Cruz").
    return len(words) > 1 or is_acronym(words[0])


def is_role_word(word: str) -> bool:
    return word.lower() in role_words()


@cache
def role_words() -> frozenset[str]:
    """The words a role phrase is made of, lower case: role nouns and role modifiers in one set (one
    look-up per word read back from a name)."""
    return lexicon.role_nouns() | lexicon.role_modifiers()


def is_acronym(word: str) -> bool:
    """ "FBI", "NBC", "AFL-CIO": an organisation's initials; not a common noun in capitals ("TV")."""
    return ACRONYM.match(word) is not None and word not in COMMON_NOUN_ACRONYMS


ACRONYM: Final = re.compile(r"^[A-Z][A-Z0-9&.-]*[A-Z0-9]$")
# Common nouns written in capitals: "a TV interviewer", "the super PAC", "an IPO".
COMMON_NOUN_ACRONYMS: Final = frozenset("TV TVs PAC PACs IPO GDP PR HR AI ID".split())


def in_party_name(word: str, words: list[str]) -> bool:
    """ "Republican" in "Republican National Committee": part of another organisation's name."""
    index = words.index(word)
    following = words[index + 1] if index + 1 < len(words) else ""
    # "Republican South Carolina Sen.", "Republican U.S. House": a place after the party word is
    # where, not a name
    return following[:1].isupper() and not is_title(following) and not all_places([following])


def party_of_word(word: str) -> str | None:
    bare = strip_possessive(word.strip(".,;:()"))
    return lexicon.parties().get(bare) if len(bare) > 1 else None


def head_index(words: list[str], open_class: bool = False) -> int | None:
    """Where the role's head is: the last role noun or title, followed by nothing or by a prepositional
    phrase ("Secretary of State", "member for transport"). open_class also takes a noun that has a
    role noun's ending ("hydrologist", "salesman"): right after a name and a determiner, that is
    what such a noun is."""
    stop = next((i for i, w in enumerate(words) if i > 0 and w in ORG_LINKS), len(words))
    for index in range(stop - 1, -1, -1):
        word = words[index]
        if is_heading_title(word) or is_role_noun(strip_possessive(word), open_class):
            return index if index == stop - 1 else None
    return None


def is_heading_title(word: str) -> bool:
    """A title that says an office ("Sen.", "President"); not one that only modifies the office after
    it ("Former", "Acting", "Vice"): "Former" alone is no role."""
    return is_title(word) and word not in modifying_titles()


@cache
def modifying_titles() -> frozenset[str]:
    modifiers, nouns = lexicon.role_modifiers(), lexicon.role_nouns()
    return frozenset(t for t in lexicon.titles() if t.lower() in modifiers and t.lower() not in nouns)


def is_role_noun(word: str, open_class: bool = False) -> bool:
    lower = word.lower()
    if lower in lexicon.relation_nouns():
        return False  # "his wife", "a Trump supporter": whom they stand with, not what they are
    if lower in lexicon.role_nouns():
        return True
    prefix, _, noun = lower.rpartition("-")
    if prefix in ROLE_PREFIXES and noun in lexicon.role_nouns() and noun not in lexicon.relation_nouns():
        return True  # "co-director", "vice-chairman", "ex-president"
    return (
        open_class
        and word.isalpha()
        and word.islower()
        and lower.endswith(ROLE_ENDINGS)
        and not lower.endswith(("ment", "cent"))  # "statement", "15 percent"
        and len(lower) > MIN_OPEN_CLASS_LETTERS
    )


# Words no post-modifier ends in: a determiner, a number, a preposition.
DANGLING_WORDS: Final = FUNCTION_WORDS | frozenset("one two three some many several".split())
ROLE_PREFIXES: Final = frozenset(("co", "vice", "ex"))
# Endings of nouns for what people do: "hydrologist", "historian", "salesman", "consultant",
# "resident" (not "-ment": "statement"). Nouns in "-er", "-or" and "-ee" are as often things or
# acts ("temper", "favor", "committee"), even where a text says what a person is ("her infamous
# temper"): those that are roles are listed in lexicon/roles.txt.
ROLE_ENDINGS: Final = ("ist", "ian", "man", "woman", "ant", "ent")
MIN_OPEN_CLASS_LETTERS: Final = 4  # an open-class role noun is longer: not "lent", "cant"


def printed_role(words: list[str]) -> str | None:
    """The role as written, without a leading determiner or a lower-case owner ("the campaign's
    press secretary" → "press secretary")."""
    words = strip_leading(words)
    while words and (words[0].endswith(POSSESSIVE_ENDINGS) and words[0][:1].islower() or AGE.match(words[0])):
        words = words[1:]
    if len(words) > 1 and words[0].lower() == SAME_KIND:
        words = words[1:]  # "fellow candidate": one of the same kind as another, a candidate
    return " ".join(words) or None


AGE: Final = re.compile(r"\d+-year-old$")  # "a 55-year-old salesman": how old, not what the person is
# "a senior fellow at Brookings" is a role; "fellow Republicans", "fellow Kentuckian Rand Paul",
# "fellow candidate" say that someone is of the same kind as another.
SAME_KIND: Final = "fellow"


def strip_leading(words: list[str]) -> list[str]:
    """Without the determiners and possessive pronouns opening a phrase ("the", "a", "his")."""
    index = 0
    while index < len(words) and words[index].lower() in LEADING_WORDS:
        index += 1
    return words[index:]


LEADING_WORDS: Final = DETERMINERS | POSSESSIVES | frozenset(("the", "of", "for"))


def is_compound_modifier(word: str) -> bool:
    """ "vice-presidential", "two-term", "real-estate": a hyphenated modifier."""
    return "-" in word and all(part.isalpha() for part in word.split("-"))


def all_places(words: list[str]) -> bool:
    places, place_words = lexicon.places(), lexicon.place_words()
    return all(w in places or w.strip(".,") in places or w in place_words or w in NAME_JOINERS for w in words)


def first_name(words: list[str]) -> bool:
    return len(words) > 1 and words[0] in lexicon.first_name_genders()
