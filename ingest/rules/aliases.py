"""Which names in one article are one speaker: "Kohistani" = "Gen. Mir Asadullah Kohistani" =
"General Mirassadullah Kohistani"; a surname takes the one full name the article gives it; two
people with one surname stay apart."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Final

from ..models import Speaker, SpeakerKind
from . import lexicon
from .mentions import parsed_mention
from .namekinds import ends_sentence
from .state import ArticleState
from .words import (
    CONNECTORS,
    DETERMINERS,
    HONORIFICS,
    NAME_SUFFIXES,
    PREPOSITIONS,
    SURNAME_PARTICLES,
    TITLE_GENDERS,
    TITLES_BEFORE_NAMES,
)

FIRST_NAME_SIMILARITY: Final = 0.8
# What follows a first name in a full name: an initial, a surname ("O'Neill", not a possessive's
# "’s"; not an initial, "Robert C. “Bobby” Scott"), a suffix ("Donald Trump Jr." is not Donald Trump).
NAME_AFTER_GIVEN: Final = re.compile(r"(?P<middle>(?:[A-Z]\.\s)?)(?P<surname>[A-Z][a-z][\w-]*(?:['’][A-Z][\w-]*)?)")
# A suffix after a surname: "Joseph R. Biden Jr." is named so in full, and is not Joseph R. Biden.
SUFFIX_AFTER: Final = re.compile(r",?\s(?P<suffix>Jr\.|Sr\.|(?:II|III|IV)\b)")


def cluster_for(name: str, kind: SpeakerKind, state: ArticleState, title: str | None = None) -> Speaker:
    """The first cluster of the same kind with an alias that is the same person, else a new one. A
    full name joins only a cluster whose full names all agree with it ("Khan" may be Ghazala Khan,
    but "Khizr Khan" is not); a surname alone that the article gives two people is first read as
    one of them (surname_bearer). same_person never matches names with different surnames, so only
    the clusters filed under this surname are compared: an article naming thousands of people costs
    no more per name than one naming ten."""
    person = kind == "person"
    if person and " " in name:
        name = name_itself(name)
    if person and " " not in name:
        bearer = surname_bearer(name, title, state)
        if bearer != name:
            cluster = cluster_for(bearer, kind, state)
            if name not in cluster.aliases:
                cluster.aliases.add(name)
                cluster.alias_reasons[name] = f"surname of {cluster.name}, whom the article names so most"
            return cluster
    clusters, by_surname = state.clusters, state.by_surname
    surname = name.split()[-1:]
    key = surname[0].replace("’", "'") if surname else ""  # "O’Neill" is "O'Neill"
    candidates = by_surname.setdefault((person, key), []) if surname else []
    other_kind = by_surname.get((not person, key), []) if surname else []
    named = next((cluster for cluster in other_kind if name in cluster.aliases), None)
    if named is not None:
        return named  # one name is one speaker in an article, whatever each mention made of it
    honorific = title.split()[0] if person and title else ""
    stated = TITLE_GENDERS.get(honorific)
    if stated is not None:
        others = [cluster for cluster in candidates if cluster_gender(cluster, state) not in (None, stated)]
        if others:
            # "Mr. Clinton" in an article whose "Clinton" is Hillary: another person, kept under
            # the honorific so that the bare surname stays hers.
            candidates = [cluster for cluster in candidates if cluster not in others]
            if any(name in cluster.aliases for cluster in others):
                name = f"{honorific} {name}"
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
    if surname:
        by_surname[person, key].append(cluster)  # not candidates: that may be a filtered copy
    return cluster


# Words a person's name never holds before its surname; one shows that a capitalised run read as a
# name opens with something else ("Neither Donald J. Trump", "Strong Statement About Trump",
# "Another Slaughter", "Everything Trump").
NOT_IN_NAMES: Final = (
    PREPOSITIONS | CONNECTORS | DETERMINERS | {"neither", "either", "nor", "or", "not", "only", "even"}
) | {"everything", "everyone", "nothing", "nobody"}


@lru_cache(maxsize=16384)
def name_itself(name: str) -> str:
    """A person's name without the words a headline, a clause or a description put before it (what
    follows the last word no name holds, and lower-case words but a particle) or the full stop of the
    sentence it ends ("Donald J. Trump."; not "Jr."). A verb form before a name ("Painting Trump") is
    left: "-ing" and "-ed" end too many names, "Sterling", "Jared", to tell without a dictionary."""
    words = name.split()
    start = 0
    for index, word in enumerate(words[:-1]):
        if word.lower() in NOT_IN_NAMES:
            start = index + 1
    while start < len(words) - 1 and words[start].islower() and words[start] not in SURNAME_PARTICLES:
        start += 1  # "A teary-eyed Bush": what is left of a description before the name
    last = words[-1]
    if (
        len(words) > 1
        and len(last) > 2
        and last.endswith(".")
        and last[1:-1].islower()
        and last[:-1].lower() not in NAME_SUFFIXES
    ):
        words[-1] = last[:-1]
    elif not start:
        return name
    return " ".join(words[start:])


def cluster_gender(cluster: Speaker, state: ArticleState) -> str | None:
    """The gender an honorific or a noun in the article gives the cluster's person, else the one its
    full name's first name usually has (to keep two people apart, never as evidence), else None. A
    pronoun is left out: one resolved wrongly must not split a person in two."""
    for alias in cluster.aliases:
        for gender, _, strong in state.evidence.get(alias, ()):
            if strong:
                return gender
    full = fullest(cluster.aliases).split()
    return lexicon.first_name_genders().get(full[0]) if len(full) > 1 else None


def surname_bearer(surname: str, title: str | None, state: ArticleState) -> str:
    """Who a surname alone names when the article gives it to several people ("Bill Clinton" and
    "Hillary Clinton"): one an honorific's gender fits ("Mrs. Clinton"; a first name's usual gender
    keeps two people apart, it is never evidence), else the one the article names in full first (the
    one a bare surname most often means: "Donald Trump … his daughter Ivanka Trump … Trump said").
    The surname itself when the article names at most one person so."""
    people = bearers(surname, state)
    if len(people) < 2:
        return surname
    gender = TITLE_GENDERS.get(title.split()[0]) if title else None
    if gender is not None:
        people = [p for p in people if lexicon.first_name_genders().get(p[0].split()[0], gender) == gender]
        if not people:
            return surname  # "Mrs. Trump" where the article names only men so: someone else
    return people[0][0]


def surname_gender(key: str, state: ArticleState) -> tuple[str, bool] | None:
    """A surname alone ("Sanders"): the usual gender of the given names the article writes it with
    ("Bernie Sanders"), when they agree; a guess that keeps "she" from him, never evidence."""
    if " " in key:
        return None
    genders = {lexicon.first_name_genders().get(name.split()[0]) for name, _ in bearers(key, state)}
    gender = genders.pop() if len(genders) == 1 else None
    return (gender, False) if gender else None


def bearers(surname: str, state: ArticleState) -> list[tuple[str, int]]:
    """people_named over the article's text, read once per surname."""
    people = state.bearers.get(surname)
    if people is None:
        people = state.bearers[surname] = people_named(surname, state.text)
    return people


def people_named(surname: str, text: str) -> list[tuple[str, int]]:
    """(fullest name, times named in full) of each person the text names in full with this surname
    and a known given name ("Hillary Clinton", not a headline's "Mom Corners Obama"), in the order the
    text first names them."""
    names: list[str] = []
    given_names = lexicon.first_name_genders()
    start = text.find(surname)
    while start >= 0:
        end = start + len(surname)
        if text[start - 1 : start] == " " and (
            end == len(text) or not is_word_character(text[end]) or is_possessive_end(text, end)
        ):
            # The word before: a given name ("Hillary Clinton") or an initial ("Donald J. Trump"); most
            # uses have neither ("Trump said", "Mr. Trump") and are not read further.
            opening = max(text.rfind(" ", max(0, start - 40), start - 1), text.rfind("\n", max(0, start - 40), start))
            previous = text[opening + 1 : start - 1]
            if previous in given_names or (len(previous) == 2 and previous[1] == "."):
                name = full_name(capitalised_words_before(text, start), surname)
                if name is not None and name.split(" ", 1)[0] in given_names:
                    names.append(with_suffix(name, text, end))
        start = text.find(surname, end)
    if not names:
        return []
    people = distinct_people(set(names))
    counted = [(fullest(p), sum(1 for n in names if n in p), min(names.index(n) for n in p)) for p in people]
    counted.sort(key=lambda c: c[2])
    return [(name, count) for name, count, _ in counted]


def full_name(before: str, surname: str) -> str | None:
    """The full name the capitalised words before a surname make with it ("Tom " + "Clarke"), if any:
    not a title ("President Obama"), nor words no name holds."""
    if not before:
        return None
    parsed = parsed_mention(before + surname)
    name = parsed.name or ""
    words = name.split()
    if parsed.kind != "person" or len(words) < 2 or words[-1] != surname or words[0] in TITLES_BEFORE_NAMES:
        return None
    return name if name_itself(name) == name else None  # not "Stealth Over Health"


def with_suffix(name: str, text: str, end: int) -> str:
    """The full name with the suffix the text writes after it at end, if any ("Joseph R. Biden Jr.")."""
    match = SUFFIX_AFTER.match(text, end) if text[end : end + 1] in (" ", ",") else None
    return f"{name} {match['suffix']}" if match else name


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
    if a == b:
        return True
    ta, tb = without_leading_particle(a.split()), without_leading_particle(b.split())
    if not ta or not tb:
        return False
    if ta[-1] != tb[-1] and ta[-1].replace("’", "'") != tb[-1].replace("’", "'"):
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    first_a, first_b = "".join(ta[:-1]).lower(), "".join(tb[:-1]).lower()
    return difflib.SequenceMatcher(None, first_a, first_b).ratio() >= FIRST_NAME_SIMILARITY


def without_leading_particle(words: list[str]) -> list[str]:
    """ "De Blasio" (a sentence's first word) is a surname alone, as "de Blasio" is in "Bill de Blasio";
    so is "Mr. Clinton", the name cluster_for gives a second person of that surname."""
    if len(words) > 1 and (words[0].lower() in SURNAME_PARTICLES or words[0] in HONORIFICS):
        return words[1:]
    return words


def fullest(aliases: set[str]) -> str:
    """The name with the most words, a leading particle or honorific not counted ("Clinton" over
    "Mrs. Clinton"), then the longest, then the last in alphabetical order. Written out: it runs for
    every name an article joins."""
    best, best_rank = "", (-1, False, -1)
    for name in aliases:
        space = name.find(" ")
        first = name[:space] if space > 0 else ""
        leading = bool(first) and (first in HONORIFICS or first.lower() in SURNAME_PARTICLES)
        rank = (name.count(" ") + 1 - leading, first not in HONORIFICS, len(name))
        if rank > best_rank or (rank == best_rank and name > best):
            best, best_rank = name, rank
    return best


def complete_surnames(state: ArticleState) -> None:
    """A speaker named only by a surname ("Clarke", "Mr. Clarke") takes the full name the article
    gives that surname ("Tom Clarke, who owns …"), when it gives only one, unless the article
    introduced the surname with a title instead ("President Obama" is not "Michelle Obama", named
    later). One scan of the article's body text per surname."""
    single = {c.name: c for c in state.clusters if c.kind == "person" and len(c.name.split()) == 1}
    if not single:
        return
    full_names: dict[str, set[str]] = {}
    introduced: dict[str, bool] = {}  # surname → whether its first use is not after a title
    for surname, before, end in surname_uses(state.text, single):
        introduced.setdefault(surname, not (before and before.split()[-1] in TITLES_BEFORE_NAMES))
        name = full_name(before, surname)
        if name is not None:
            full_names.setdefault(surname, set()).add(with_suffix(name, state.text, end))
    for surname, names in full_names.items():
        people = distinct_people(names)
        cluster = single[surname]
        full = fullest(people[0])
        if len(people) == 1 and introduced.get(surname) and not contradicts(state, cluster.name, full):
            cluster.aliases.add(full)
            cluster.alias_reasons.setdefault(surname, f"surname of {full}, named so in the article")
            cluster.name = full


def complete_given_names(state: ArticleState) -> None:
    """A speaker named only by a first name ("Donald", "Bill") that is nobody's surname here is the
    one person the article names in full with that first name ("Donald J. Trump", "former President
    Bill Clinton"). The first-name list only says which words are first names; it is never evidence
    of anyone's gender. Two such people ("Donald Trump", "Donald Trump Jr.") or none: it stays as
    written."""
    given_names = lexicon.first_name_genders()
    for cluster in [c for c in state.clusters if c.kind == "person" and c.name in given_names]:
        people = distinct_people(set(named_with_given_name(cluster.name, state.text)))
        if not people:
            people = distinct_people(set(named_as_kin(cluster.name, state.text)))
        if len(people) == 1 and not bearers(cluster.name, state):  # "Paul" beside Rand Paul: a surname
            join_full_name(cluster, fullest(people[0]), state)


# Kin who, as a rule, share the family's surname: "Clinton's husband, Bill" is Bill Clinton.
KIN_SHARING_SURNAME: Final = ("husband", "wife", "son", "daughter", "brother", "sister", "father", "mother")
KIN_NAMING: Final = re.compile(r"\b(?P<surname>[A-Z][a-z][\w-]*)[’']s (?:" + "|".join(KIN_SHARING_SURNAME) + r"), ")


def named_as_kin(given: str, text: str) -> Iterator[str]:
    """The full names the text gives a first name as a named person's kin ("Clinton's husband, Bill")."""
    for match in KIN_NAMING.finditer(text):
        if text.startswith(given, match.end()) and not is_word_character(
            text[match.end() + len(given) : match.end() + len(given) + 1] or " "
        ):
            yield f"{given} {match['surname']}"


# A Korean given name after the family name: syllables joined by a hyphen, the second in lower case
# ("Ban Ki-moon", "Park Geun-hye"); not a compound adjective ("New York-based", "Reagan-like").
GIVEN_NAME_AFTER_FAMILY_NAME: Final = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,4}\b")


def complete_family_names(state: ArticleState) -> None:
    """A speaker named by a family name written first in full ("Ban" for U.N. Secretary-General Ban
    Ki-moon): the article names one person so, and the word is no given name; the speaker is that
    person. The surname rules (complete_surnames) read the last word and cannot see it."""
    given_names = lexicon.first_name_genders()
    for cluster in [c for c in state.clusters if c.kind == "person" and " " not in c.name]:
        if cluster.name in given_names:
            continue
        names = set(named_before_given_name(cluster.name, state.text))
        if len(names) == 1:
            join_full_name(cluster, names.pop(), state)


def named_before_given_name(family: str, text: str) -> Iterator[str]:
    """The full names the text writes family name first with this family name ("Ban Ki-moon")."""
    for match in names_after_word(family, GIVEN_NAME_AFTER_FAMILY_NAME, text):
        yield f"{family} {match.group()}"


def named_with_given_name(given: str, text: str) -> Iterator[str]:
    """The full names the text gives with this first name ("Bill " + "Clinton", "Donald J. Trump")."""
    for match in names_after_word(given, NAME_AFTER_GIVEN, text):
        name = full_name(f"{given} {match['middle']}", match["surname"])
        if name is not None:
            yield with_suffix(name, text, match.end())


def names_after_word(word: str, rest: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Where the rest of a name matches right after the word and a space, the word starting a word."""
    start = text.find(word + " ")
    while start >= 0:
        end = start + len(word) + 1
        if start == 0 or not is_word_character(text[start - 1]):
            match = rest.match(text, end)
            if match is not None:
                yield match
        start = text.find(word + " ", end)


def join_full_name(cluster: Speaker, full: str, state: ArticleState) -> None:
    """The first name's cluster becomes the person's: joined to the cluster already holding the full
    name, or named by it."""
    given = cluster.name
    surname = full.split()[-1].replace("’", "'")
    holder = next(
        (c for c in state.by_surname.get((True, surname), ()) if " " in c.name and compatible(full, c.aliases)), None
    )
    if holder is None:
        cluster.aliases.add(full)
        cluster.name = full
        state.by_surname.setdefault((True, surname), []).append(cluster)
        holder = cluster
    else:
        holder.aliases |= cluster.aliases
        state.clusters.remove(cluster)
    word = "first name" if full.split()[0] == given and given in lexicon.first_name_genders() else "family name"
    holder.alias_reasons[given] = f"{word} of {holder.name}, the only person of that {word} the article names"
    state.by_surname[True, given].remove(cluster)


def surname_uses(text: str, surnames: Iterable[str]) -> Iterator[tuple[str, str, int]]:
    """Each use of one of the surnames as a word, possessive or not ("Tom Clarke’s"), in no particular
    order across surnames, with the capitalised words before it ("Tom ", "Mr. ", or "") and its end. Found with
    str.find: most paragraphs hold none of them, and a regex alternation would be tried at every
    character."""
    for surname in surnames:
        start = text.find(surname)
        while start >= 0:
            end = start + len(surname)
            if (start == 0 or not is_word_character(text[start - 1])) and (
                end == len(text) or not is_word_character(text[end]) or is_possessive_end(text, end)
            ):
                yield surname, capitalised_words_before(text, start), end
            start = text.find(surname, end)


def is_possessive_end(text: str, end: int) -> bool:
    """Whether "’s" or "'s" ends a word at end."""
    after = end + 2
    return text[end : end + 2] in ("’s", "'s") and (after == len(text) or not is_word_character(text[after]))


def is_word_character(character: str) -> bool:
    return character.isalnum() or character in "’'-_"


def capitalised_words_before(text: str, position: int) -> str:
    """Up to three capitalised words just before a position, with the space after each ("Tom ",
    "Donald J. ", "Mr. "), or "" when a space and a capital do not come right before it."""
    if position < 2 or text[position - 1] != " ":
        return ""  # not "… Name Surname": the surname follows no space
    start = max(0, position - 60)
    previous = max(text.rfind(" ", start, position - 1), text.rfind("\n", start, position - 1)) + 1
    if not text[previous : previous + 1].isupper():
        return ""  # most uses: "said Trump", "of Trump"
    before = text[start:position]
    words = before[before.rfind("\n") + 1 :].split(" ")  # a name does not span two paragraphs
    if len(words) < 2 or words[-1]:
        return ""  # two spaces before the surname
    count = 0
    while count < 3 and count + 2 <= len(words) and in_name_before(words[-count - 2]):
        count += 1
    return " ".join(words[-count - 1 :]) if count else ""


def in_name_before(word: str) -> bool:
    """A capitalised word that can stand in a name before its surname: not one closing a clause
    ("Rand Paul, Trump") or a sentence ("Rand Paul. Trump"); an initial or a title keeps its point."""
    if not word[:1].isupper() or word.endswith(","):
        return False
    return word in TITLES_BEFORE_NAMES or not ends_sentence(word)


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
