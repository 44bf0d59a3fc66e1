"""What an article says each of its people is: roles and organisations as short noun phrases.

resolve sees only the words of a cue's subject, and an article mostly says who a person is elsewhere
("Republican presidential nominee Donald Trump" in the lead, "Trump said" by the quote). So once
the speakers are known, every place the article names a person speaker is read for:
- the words before the name: "Clinton campaign chairman John Podesta", "Massachusetts Sen.
  Elizabeth Warren", "Democrat Hillary Clinton" (roles_before);
- what follows it: an appositive ("Paul Ryan, the House Speaker,"), a party tag ("(D-S.C.)"), an
  organisation ("David Woodard of Clemson University") (roles_after);
- an appositive before it: "Clinton's campaign chairman, John Podesta, said" (roles_before_comma).
Each phrase is read as a role and its organisations (statement): a phrase without a role noun is no
role; a place, a person, a nationality or a clause is never an organisation; a party word or tag
names the party. Roles are kept as written ("Massachusetts Sen.").
"""

from __future__ import annotations

import re
from functools import cache
from itertools import takewhile
from typing import Final

from ..models import Affiliation
from . import lexicon
from .described import described_people
from .namekinds import glued_tail, is_lone_role_noun, is_opening_word
from .names import (
    FUNCTION_WORDS,
    Namings,
    is_abbreviation,
    is_title,
    strip_possessive,
    word_before,
)
from .rolephrases import (
    NAME_JOINERS,
    SAME_KIND,
    Statement,
    appositive_statements,
    capitalised_run,
    head_index,
    is_acronym,
    is_compound_modifier,
    is_organization,
    is_role_noun,
    is_role_word,
    is_verb_like,
    party_of_word,
    party_statements,
    phrase_statements,
    read_phrase,
    role_words,
    strip_leading,
)
from .words import (
    CONNECTORS,
    DETERMINERS,
    HONORIFICS,
    OPENING_TIMES,
    POSSESSIVE_ENDINGS,
    POSSESSIVES,
    PREPOSITIONS,
)

OPENING_MARKS: Final = "“\"‘'(["
CLOSING_PUNCTUATION: Final = ",;:)]”\"’'—–!?"
MAX_PREMODIFIER_WORDS: Final = 8
INDEFINITE_ARTICLES: Final = ("a", "an")
# "(R-Tex.)", "(D-N.C.)", ", R-Wis.,": a party and a state after a name; "(D)" a party alone.
PARTY_TAG: Final = re.compile(r"\s*[(,]\s*(?P<party>[A-Z])(?:-[A-Z][\w.]*(?:\s?[A-Z][\w.]*)?)?\s*[),]")
# "David Woodard of Clemson University", "George Zornick of The Nation", "Peter Wherry, of Mayfield
# Memorial Missionary Baptist Church".
NAME_OF: Final = re.compile(r",?\s+(?:of|from|at)\s+(?P<organization>(?:the\s+|The\s+)?[A-Z][^,;:.()“”\"]*)")
# How what roles_after reads can open, right after a name: a mark ("Paul Ryan, the House Speaker",
# "(R-Wis.)", "— a teacher —"), or a word after a space ("of Clemson University", "is a …", "who
# served as …": the words PREDICATE and NAME_OF open with).
AFTER_NAME_MARKS: Final = ",(—–"
AFTER_NAME_WORDS: Final = frozenset("of from at is was became remains served serves worked works as".split())
AFTER_NAME_PERFECTS: Final = (" has been ", " had been ", " has served ")  # not "has said", "had told"
AFTER_NAME_DASH_MARKS: Final = ("(", "—", "–")  # and "--"


def opens_after_name(text: str, end: int) -> bool:
    """Whether what follows a name at end may say what the person is (read fast: most namings are
    followed by a verb of saying or by nothing)."""
    following = text[end : end + 1]
    if following and following in AFTER_NAME_MARKS:
        return True
    if following != " ":
        return False
    if text[end + 1 : end + 2] in AFTER_NAME_DASH_MARKS or text[end + 1 : end + 3] == "--":
        return True
    word = text[end + 1 : end + 1 + MAX_OPENING_WORD_CHARS].split(" ", 1)[0]
    return word in AFTER_NAME_WORDS or (word in ("has", "had") and text.startswith(AFTER_NAME_PERFECTS, end))


MAX_OPENING_WORD_CHARS: Final = 8  # "remains", "became", "served"
# A name's predicate that says what the person is: "is a …", ", who was the …".
PREDICATE: Final = re.compile(
    r"(?:,\s+who|’s|'s)?\s+(?:(?:is|was|has\s+been|had\s+been|became|remains)\s+(?:now\s+|also\s+|still\s+)?"
    r"(?=(?:an?|the)\s|[A-Z][\w.-]*(?:’s|'s)\s)|(?:serves|served|has\s+served|worked|works)\s+as\s+"
    # "With Donald Trump as the Republican nominee"; not "portrayed Obama as a climate evangelist" (a
    # likeness), nor "represent Clinton as her lawyer" (the subject's role)
    r"|as\s+(?=the\s))"
)
# A relative clause saying which organisation the person leads: ", who heads the Center of Research
# for Development", ", who runs Crosscut Strategies".
LEADS: Final = re.compile(
    r",\s+who\s+(?:now\s+)?(?:heads|leads|runs|directs|chairs|founded|co-founded)\s+"
    r"(?P<organization>(?:the\s+)?[A-Z][^,;:.()“”\"]*)"
)
DASH_OPENER: Final = re.compile(r"\s*(?:—|–|--)\s*")
# Where an appositive ends: punctuation, a relative clause or a verb of saying.
APPOSITIVE_END: Final = re.compile(
    r"[,;:()\[\]—–!?“”\"]|\.(?=[\s)”\"’]|$)|\s(?:who|which|whose|that|said|says|told|tells|and\s+(?:his|her|their))\s"
)


def article_affiliations(namings: Namings, affiliations: list[Affiliation]) -> list[Affiliation]:
    """The affiliations to store: for each person speaker, every role and organisation the article
    states wherever it names them; for the others, and for a person the cue named by a description
    only ("the Vermont senator said"), the cue's own words, read the same way."""
    texts, people_words = namings.texts, namings.words
    found: dict[tuple, Affiliation] = {}
    for affiliation in affiliations:
        if affiliation.speaker_name in namings.owners and namings.names_in(affiliation.source_text or ""):
            continue  # the name is in a paragraph, where it is read with all that surrounds it
        for statement in mention_statements(affiliation, people_words):
            if affiliation.speaker_name in namings.groups:
                # "veteran Republicans", "Republican senators": what the members are, no role of the group's
                statement = Statement(None, statement.organizations, None, statement.source_text)
            add(found, affiliation.speaker_name, statement)
    for naming in namings.found:
        for statement in statements_around(texts[naming.paragraph], naming.start, naming.end, people_words):
            add(found, naming.speaker.name, statement)
    return list(found.values())


def with_described_people(namings: Namings, affiliations: list[Affiliation]) -> list[Affiliation]:
    """The affiliations with what sentences opening with a description say of the people named before
    them ("The Vermont senator has struggled …", described.py). Read after the quotes' descriptions are
    placed, which the article's roles stated next to names decide alone."""
    found = {(a.speaker_name, (a.role or "").lower(), (a.organization or "").lower()): a for a in affiliations}
    added = len(found)
    for speaker, statement in described_people(namings, affiliations):
        add(found, speaker, statement)
    return affiliations + list(found.values())[added:] if len(found) > added else affiliations


def may_state_role(text: str, start: int, end: int) -> bool:
    """Whether the words around a naming may say what the person is, read fast: a word before it
    that may end a role phrase ("chairman John Podesta", "Sen. Cruz", "NBC's Chuck Todd"), or a
    comma, a parenthesis, a dash or an "of" after it. Most namings ("Trump said", "said Trump") have
    neither, and are not read further."""
    if opens_after_name(text, end):
        return True
    if start < 2 or text[start - 1] != " ":
        return False
    previous = word_before(text, start).lstrip(OPENING_MARKS)
    if bool(previous) and (previous in ("called", "named") or continues_premodifier(previous, [])):
        return True
    return list_role_words(text, start, end) is not None


def add(found: dict[tuple, Affiliation], speaker: str, statement: Statement) -> None:
    for written in statement.organizations or (None,):
        organization = written and full_name(written)
        key = (speaker, (statement.role or "").lower(), (organization or "").lower())
        if (statement.role or organization) and key not in found:
            found[key] = Affiliation(speaker, statement.role, organization, statement.title, statement.source_text)
    office = office_role(statement.role)
    if office is not None and (speaker, office.lower(), "") not in found:
        found[speaker, office.lower(), ""] = Affiliation(speaker, office, None, statement.title, statement.source_text)


def full_name(organization: str) -> str:
    """ "RNC", "F.B.I." → "Republican National Committee", "Federal Bureau of Investigation": one
    organisation is one string, the full name lexicon/short_forms.txt gives it, as identity names an
    organisation that speaks (identity_names.full_form)."""
    return full_names().get(organization.replace(".", "").casefold(), organization)


@cache
def full_names() -> dict[str, str]:
    return {short.replace(".", "").casefold(): full for short, full in lexicon.short_forms().items()}


def office_role(role: str | None) -> str | None:
    """ "Massachusetts Sen." → "Massachusetts senator", "Rep." → "representative": the office an
    abbreviated title stands for, stored beside it, so that a role reads the same whether the article
    wrote "Sen. Warren" or "the senator"."""
    if not role:
        return None
    words = role.split()
    office = lexicon.office_names().get(words[-1])
    if office is None or any(is_title(w) for w in words[:-1]):
        return None  # "Chairman Rep.", "Retired Lt. Gen.": titles side by side are written as they stand
    return " ".join([*words[:-1], office])


def statements_around(text: str, start: int, end: int, people_words: frozenset[str]) -> list[Statement]:
    return (
        roles_before(text, start, end, people_words)
        + roles_before_comma(text, start, end, people_words)
        + roles_after(text, start, end, people_words)
    )


def named_as_object(text: str, start: int) -> bool:
    """ "a mentor to Mr. Obama at Harvard Law School", "with Trump at the rally": a name governed by a
    preposition is no subject that an "of"/"at"/"from" phrase after it describes; that phrase tells
    where or whose the clause is. "according to David Woodard of Clemson University" names a source."""
    previous = word_before(text, start)
    if previous in HONORIFICS or is_title(previous):  # "to Mr. Obama"
        start -= len(previous) + 1
        previous = word_before(text, start)
    previous = previous.lower()
    return previous in PREPOSITIONS and not (previous == "to" and word_before(text, start - 3).lower() == "according")


def mention_statements(affiliation: Affiliation, people_words: frozenset[str]) -> list[Statement]:
    """What a cue's subject said of a speaker, kept only when it reads as a role or an organisation."""
    statements = []
    role = affiliation.role
    if role and role.lower().rsplit(" ", 1)[-1] == SAME_KIND:
        role = None  # "Fellow Republicans said", "numerous fellow Democrats": of the same kind, no role
    elif role and role[:1].isupper() and is_lone_role_noun(role):
        role = None  # "Lawmaker urges …", "Pastor Wants …": a headline's subject, no role the article states
    if role:
        statements += phrase_statements(premodifier_of(role), people_words)
    if affiliation.organization and is_organization(affiliation.organization.split(), people_words, False):
        statements.append(Statement(None, (affiliation.organization,), None, affiliation.source_text or ""))
    return [
        Statement(s.role, s.organizations, s.title or affiliation.title, affiliation.source_text or s.source_text)
        for s in statements
    ]


def premodifier_of(role: str) -> str:
    """A cue's role in capitalised words ("Cape Breton Will Welcome American Refugees Fleeing
    President") read as a role before a name is: back from its end, as far as a role phrase goes."""
    words = role.split()
    if not all(w[:1].isupper() for w in words):
        return role  # "a spokesman for the campaign": an appositive, read as one
    start = len(words)
    while start > 0 and continues_premodifier(words[start - 1], words[start:][::-1]):
        start -= 1
    return " ".join(words[start:])


def roles_before(text: str, start: int, end: int, people_words: frozenset[str]) -> list[Statement]:
    """ "Republican vice-presidential nominee Gov. Mike Pence" → "Republican vice-presidential nominee"
    (Republican Party) and "governor": the role words read back from the name."""
    if start == 0 or text[start - 1] != " ":
        return []
    previous = word_before(text, start).lstrip(OPENING_MARKS)
    words = list_role_words(text, start, end)  # "Democratic presidential candidates X and Y"
    if words is None:
        if not previous or (previous not in ("called", "named") and not continues_premodifier(previous, [])):
            return []  # "said Trump", "to Clinton": most namings have no role before them
        words = text[max(0, start - 200) : start].split()
    taken: list[str] = []
    called = bool(words) and words[-1] in ("called", "named")
    if called:
        words.pop()  # "one local resident called Abdul", "an entrepreneur named Donald Trump"
    for index in range(len(words) - 1, -1, -1):
        opened = words[index][0] in OPENING_MARKS
        word = words[index].lstrip(OPENING_MARKS)
        if word == "and" and taken and index > 0 and is_role_noun(strip_possessive(words[index - 1])):
            taken.append(word)  # "GOP presidential contender and former neurosurgeon Ben Carson"
            continue
        tail = glued_tail(word)
        if tail is not None:
            taken.append(tail)  # "Getty ImagesRepublican presidential candidate": the credit is no role
            break
        if not word or len(taken) >= MAX_PREMODIFIER_WORDS or not continues_premodifier(word, taken):
            if word.lower() in INDEFINITE_ARTICLES and taken and not called:
                return []  # "called a Republican Obama": a kind of person likened to the one named
            break
        taken.append(word)
        if opened:
            break  # “Sen. …: the phrase opens with the quotation
    taken.reverse()
    if taken and taken[-1].lower() == SAME_KIND:
        taken.pop()  # "fellow Kentuckian Rand Paul", "fellow Republicans"
    taken = taken[sentence_start(taken) :]
    taken = [w for w in taken if w not in HONORIFICS]
    while taken and (taken[0].lower() in FUNCTION_WORDS):
        taken.pop(0)  # "of Republican nominee", "the Latvian journalist"
    if not taken:
        return []
    if not ends_with_role(taken):
        return party_statements(taken)  # "Democratic rival Hillary Clinton": no role, but a party
    if taken[-1].endswith(POSSESSIVE_ENDINGS):
        return owners_of(taken, people_words)
    return [s for part in premodifier_parts(taken) if (s := read_phrase(part, people_words)) is not None]


def list_role_words(text: str, start: int, end: int) -> list[str] | None:
    """The words before a list of two names, its plural role made singular, when the name at start is
    one of the two: "Democratic presidential candidates Hillary Clinton and Bernie Sanders", "Sens.
    Tom Carper and Chris Coons" → [..., "Democratic", "presidential", "candidate"], [..., "senator"].
    A plural noun alone before the names is the object of a verb ("told reporters Trump and Cruz
    were tied"): the role needs a title or a word of a role phrase before it."""
    # Slices compared, not startswith at an offset: a compiled module calls that as a Python method.
    listed_after = text[end : end + len(LIST_JOINER)] == LIST_JOINER and is_name_word(
        text[end + len(LIST_JOINER) : end + len(LIST_JOINER) + 1]
    )
    if not listed_after and text[max(0, start - len(LIST_JOINER)) : start] != LIST_JOINER:
        return None
    if listed_after and singular_role(word_before(text, start)) is None:
        return None  # read fast: most names before "and" ("Trump and Clinton") have no plural role before them
    words = text[max(0, start - 200) : start].split()
    if words and words[-1] == "and":
        words.pop()
        first_name = list(takewhile(is_listed_name_word, reversed(words[-MAX_LISTED_NAME_WORDS:])))
        if not first_name:
            return None
        del words[-len(first_name) :]
    if not words:
        return None
    singular = singular_role(words[-1])
    if singular is None or not (
        is_title(words[-1]) or singular in lexicon.parties() or len(words) > 1 and continues_premodifier(words[-2], [])
    ):
        return None
    return [*words[:-1], singular]


MAX_LISTED_NAME_WORDS: Final = 4  # "Martin Luther King Jr."
LIST_JOINER: Final = " and "


def is_name_word(word: str) -> bool:
    return word[:1].isupper()


def is_listed_name_word(word: str) -> bool:
    # "Sens. Tom Carper and …", "Democrats Hillary Clinton and …": the title, the party is the role
    return is_name_word(word) and not is_title(word) and singular_role(word) is None and word[-1:] not in ",;:"


def singular_role(word: str) -> str | None:
    """ "candidates" → "candidate", "Sens." → "senator", "Democrats" → "Democrat": the role or the
    party one of several people holds."""
    if is_title(word):
        office = lexicon.office_names().get(word)
        return office if word.endswith("s.") else None
    if word[:1].isupper() and word.endswith("s") and word[:-1] in lexicon.parties():
        return word[:-1]  # "Republicans Ted Cruz and Marco Rubio"
    if not word.islower() or word not in lexicon.plural_nouns():
        return None
    for singular in (word[:-1], word[:-2], word[:-3] + "y"):
        if singular in lexicon.role_nouns():
            return singular
    return None


def owners_of(words: list[str], people_words: frozenset[str]) -> list[Statement]:
    """ "NBC's Chuck Todd", "The Huffington Post’s Scott Conroy": whose the person is names their
    organisation, never their role ("Mr. King's Russia Today" is no king)."""
    found = read_phrase(words, people_words)
    if found is None or not found.organizations:
        return []
    return [Statement(None, found.organizations, None, found.source_text)]


def sentence_start(words: list[str]) -> int:
    """Where a sentence opens inside the words: a modifier capitalised after other words ("… the
    Middle East Former Florida Gov."), as a live blog's lines run together."""
    for index in range(len(words) - 1, 0, -1):
        if (
            words[index][:1].isupper()
            and words[index].lower() in lexicon.role_modifiers()
            and words[index - 1][:1].isupper()
            and party_of_word(words[index - 1]) is None  # "Green Party", "Republican National Committee"
            and not is_role_word(words[index - 1])  # "Assistant Managing Editor": one role
            and words[index - 1] not in lexicon.group_words()  # "Senate Majority Leader": the body's office
            and words[index] not in lexicon.place_words()  # "New York City entrepreneur": a place's name
            and words[index] not in lexicon.group_words()  # "Fox News anchor": an organisation's name
        ):
            if not is_title(words[index]):
                return index
    return 0


def continues_premodifier(word: str, taken: list[str]) -> bool:
    """Whether word (read backwards from a name, taken: the words after it) belongs to the role phrase."""
    if word.endswith(POSSESSIVE_ENDINGS):
        owner = strip_possessive(word)
        return owner[:1].isupper() and owner.lower() not in FUNCTION_WORDS
    if word[-1] in CLOSING_PUNCTUATION:
        return False
    if word.endswith("."):
        return is_abbreviation(word)
    lower = word.lower()
    if lower == "of":  # "Secretary of State", "Speaker of the House"
        return bool(taken) and (taken[-1][:1].isupper() or taken[-1] == "the")
    if lower == "the":
        return bool(taken) and taken[-1][:1].isupper()
    if lower in FUNCTION_WORDS or lower in OPENING_TIMES or word[0].isdigit():
        return False
    if word[0].isupper():
        return not in_headline(word)
    return lower in role_words() or is_compound_modifier(lower)


def in_headline(word: str) -> bool:
    """A capitalised word that is no part of a name or a role: a headline's verb or adverb ("Finally
    Endorses House Speaker Paul Ryan", "Refugees Fleeing President Trump"), a kicker in capitals
    ("DEADLY ISTANBUL EXPLOSION Turkish President"), or words a page ran together ("BushASSOCIATED
    PRESSOhio Gov."). Read back from a name, the role phrase stops there."""
    bare = word.rstrip(".,:;")
    lower = bare.lower()
    if lower in role_words() or bare in lexicon.group_words() or bare in lexicon.places():
        return False  # "Managing Editor", "Washington Post reporter", "Reading": a role's, a name's, a place's
    return (
        is_opening_word(lower)
        or (lower.endswith("ing") and len(lower) > MIN_PARTICIPLE_LETTERS)
        or lower in lexicon.verb_forms()
        or (bare.isalpha() and bare.isupper() and len(bare) > MAX_ACRONYM_LETTERS)
        or RUN_TOGETHER.search(bare) is not None
    )


MIN_PARTICIPLE_LETTERS: Final = 5  # "Fleeing", "Saying"; "King", "Ming" are names
MAX_ACRONYM_LETTERS: Final = 6  # "NAACP", "UNESCO", "AFL-CIO"; "EXPLOSION" is a headline shouting
# "BushASSOCIATED", "PRESSOhio", "PMDonald": two words run together ("McDonald", "LaHood" are names).
RUN_TOGETHER: Final = re.compile(r"[a-z][A-Z]{2}|[A-Z]{3}[a-z]")


def ends_with_role(words: list[str]) -> bool:
    """The phrase says what the person is: it ends in a role ("… nominee", "Secretary of State"), a
    party ("Democrat") or an owner ("NBC's")."""
    last = words[-1]
    return (
        head_index(words) is not None
        or party_of_word(last) is not None
        or (last.endswith(POSSESSIVE_ENDINGS) and len(words) <= 3)
    )


def premodifier_parts(words: list[str]) -> list[list[str]]:
    """ "Republican vice-presidential nominee Gov.", "panel Chairman Rep." → two roles: a role phrase
    ends at its lower-case head noun, so a capitalised word after that head opens another ("Pentagon
    spokesman Navy Capt.", "Vatican spokesman the Rev."), and so does a lower-case modifier that is no
    noun ("his running mate presidential nominee Donald Trump")."""
    parts: list[list[str]] = [[]]
    nouns = lexicon.role_nouns()
    for word in words:
        if word == "and":
            parts.append([])  # "real estate mogul and reality television star"
            continue
        previous = parts[-1][-1] if parts[-1] else ""
        opens = word[:1].isupper() or word == "the" or (word in lexicon.role_modifiers() and word not in nouns)
        # "panel Chairman Rep. Jason Chaffetz", "Speaker of the House Rep. Paul Ryan": an office's title
        # after a role phrase with a role noun written in full is a second office (not "Lt. Gen.", one rank)
        second_office = (
            word.endswith(".") and word in lexicon.office_names() and any(w.lower() in nouns for w in parts[-1])
        )  # not "Chief Justice": one office written in full
        if (previous.islower() and opens and previous in nouns) or second_office:
            parts.append([])
            if word == "the":
                continue
        parts[-1].append(word)
    return parts


# -- the words after a name ---------------------------------------------------------------------


def roles_after(text: str, start: int, end: int, people_words: frozenset[str]) -> list[Statement]:
    """A party tag, "of ORGANISATION" (not after a name governed by a preposition), and an appositive
    after the name."""
    if not opens_after_name(text, end):
        return []  # "Trump said", "Clinton’s", "Trump.": most namings have nothing after them
    rest = text[end : end + 400]
    found: list[Statement] = []
    tag = PARTY_TAG.match(rest) if rest.lstrip()[:1] in ("(", ",") else None
    if tag is not None and (party := lexicon.parties().get(tag["party"])):
        found.append(Statement(None, (party,), None, tag.group().strip(" ,")))
        rest = rest[tag.end() - 1 :] if tag.group().rstrip().endswith(",") else rest[tag.end() :]
    of = NAME_OF.match(rest) if rest[:1].isspace() or rest[:5] in (", of ", ", at ") else None  # "Wherry, of …"
    if of is not None and not named_as_object(text, start):
        phrase = cut_at_end(of["organization"])
        words = capitalised_run(strip_leading(phrase.split()))
        # "of Vermont", "from Nassau County" say where a person is from: only a name with an
        # organisation's word, an acronym or "The" ("George Zornick of The Nation") is an organisation.
        named = bool(words) and (
            phrase.startswith("The ") or any(w in lexicon.group_words() for w in words) or is_acronym(words[0])
        )
        if named and is_organization(words, people_words, False):
            found.append(Statement(None, (" ".join(words),), None, of.group().strip()))
        rest = rest[of.end() :]  # "Rep. Adam Schiff of California, the top Democrat on …": read on
    leads = LEADS.match(rest) if rest[:1] == "," else None
    if leads is not None:
        led = strip_leading(cut_at_end(leads["organization"]).split())
        words = capitalised_run(led)
        # the whole object is the name: not "Mill Lane" of "the Mill Lane traders’ association"
        if words and len(words) == len(led) and is_organization(words, people_words, False):
            found.append(Statement(None, (" ".join(words),), None, leads.group().strip(" ,")))
        return found
    predicate = PREDICATE.match(rest)
    if predicate is not None:  # "Kaine is a former civil rights lawyer", "Trump, who was a reality TV star"
        if rest[:1] != "," and is_reported_subject(text, start):
            return found  # "Trump said Obama was the founder of ISIS": someone's claim, not the article's
        return found + appositive_statements(next_segment(rest, predicate.end())[0], people_words)
    dash = DASH_OPENER.match(rest)
    if dash is not None:
        # "Jason Sims — a teacher from Mount Pleasant — says", "Mehmet Oz — Ivy League-trained surgeon —"
        return found + appositive_statements(next_segment(rest, dash.end())[0], people_words)
    if not rest.startswith(","):
        return found
    position = 1
    for _ in range(2):  # "Nicky Driscoll, 24, a nurse": past an age
        segment, position = next_segment(rest, position)
        if not segment.strip().rstrip(".").isdigit():
            break
    return found + appositive_statements(segment, people_words)


def is_reported_subject(text: str, start: int) -> bool:
    """Whether the name at start, followed by its verb, opens a reported clause ("said Obama was",
    "claims that Clinton is"): what the clause says of the person is the speaker's word, not the
    article's. ("said Victor Cha, who served as …": the relative clause is the article's.)"""
    previous = word_before(text, start).lower()
    return previous == "that" or previous in lexicon.reporting_verbs()


def next_segment(text: str, position: int) -> tuple[str, int]:
    """The text from position to where an appositive ends, and where the next one starts."""
    for match in APPOSITIVE_END.finditer(text, position):
        if match.group() == "." and is_abbreviation(text[position : match.end()].split()[-1:][0]):
            continue
        return text[position : match.start()], match.end()
    return text[position:], len(text)


def cut_at_end(text: str) -> str:
    return next_segment(text, 0)[0]


def determined_phrase(words: list[str]) -> list[str]:
    """The noun phrase ending words that a determiner or an owner opens: "his senior climate adviser"
    in "he summoned his senior climate adviser", "Apple's chief executive" in "which Apple's chief
    executive"; [] when none does."""
    for index in range(len(words) - 1, max(-1, len(words) - MAX_PREMODIFIER_WORDS - 1), -1):
        word = words[index]
        lower = word.lower()
        if lower in DETERMINERS or lower in POSSESSIVES or (word.endswith(POSSESSIVE_ENDINGS) and word[:1].isupper()):
            return words[index:]
        if word.endswith(POSSESSIVE_ENDINGS) and strip_possessive(word).isalpha():
            continue  # "the group's president", "the campaign's": an owner inside the noun phrase
        if not word.replace("-", "").isalpha() or lower in FUNCTION_WORDS or is_verb_like(word):
            return []
    return []


def sentence_opening(text: str) -> int:
    """Where the last sentence in text opens: after a full stop, question or exclamation mark and a
    space, unless the stop ends an abbreviation ("the F.B.I. director", "Sen. Cruz's aide")."""
    for match in reversed(list(SENTENCE_END.finditer(text))):
        following = text[match.end() :].split(None, 1)[:1]
        opens = bool(following) and following[0].lower() in FUNCTION_WORDS  # "… in the U.S. The nominee"
        if match.group()[0] != "." or opens or not is_abbreviation(text[: match.start() + 1].rsplit(None, 1)[-1]):
            return match.end()
    return 0


SENTENCE_END: Final = re.compile(r"[.?!] ")


def titled_start(text: str, start: int) -> int:
    """Where the titles and capitalised role words right before a name open ("Indiana Gov. Mike
    Pence" → "Indiana"), up to MAX_TITLED_WORDS back; start when the word before is no such word."""
    for _ in range(MAX_TITLED_WORDS):
        previous = word_before(text, start)
        if not previous or not previous[:1].isupper() or not continues_premodifier(previous, ["Name"]):
            break
        start -= len(previous) + 1
    return start


MAX_TITLED_WORDS: Final = 3  # "Indiana Gov.", "U.S. Rep.", "Senate Majority Leader"


def roles_before_comma(text: str, start: int, end: int, people_words: frozenset[str]) -> list[Statement]:
    """ "Clinton's campaign chairman, John Podesta, said", "the F.B.I. director, James B. Comey,": a
    role set before the name, closed by a comma after it; also before a titled name ("Trump's running
    mate, Indiana Gov. Mike Pence,")."""
    if text[end : end + 1] != ",":
        return []
    start = titled_start(text, start)
    if text[max(0, start - 2) : start] != ", ":
        return []
    before = text[max(0, start - 200) : start - 2]
    opening = max(before.rfind(mark) + 1 for mark in ',;:“”"(—–')
    phrase = before[max(opening, sentence_opening(before), 0) :]
    words = phrase.split()
    if not words:
        return []
    opened = words[0].lower() in PREPOSITIONS or words[0].lower() in CONNECTORS  # "In 2012,", "And Mrs. …"
    words = strip_leading(words)
    if opened or any(not (w[:1].isupper() or continues_premodifier(w, []) or w in NAME_JOINERS) for w in words):
        # A clause ("…, a decision that angered Trump, Sanders said"), unless a determiner or an owner
        # opens a noun phrase at its end ("he summoned his senior climate adviser, Brian Deese,").
        words = strip_leading(determined_phrase(phrase.split()))
    if not words or len(words) > MAX_PREMODIFIER_WORDS or head_index(words) is None:
        return []
    found = read_phrase(words, people_words)
    return [found] if found is not None else []
