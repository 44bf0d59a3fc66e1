"""Parse how a text names a speaker: "Fawad Aman, a spokesman for the Ministry of Defence" →
name, title, role, organisation and kind.

Kinds: person, organization, group (a collective: "Republicans", "voters"), anonymous (an unnamed
source as written: "a senior official"), description (a definite role that names one person the
article has named: "the senator"), document ("the statement", "Trump's tweet": its issuer speaks),
pronoun, and fragment: a phrase that names no one ("Around", "went on to work alongside Trump"),
whose quote is left without a speaker rather than given to a name that is not one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..models import Mention, MentionKind
from . import lexicon
from .appositives import (
    POSSESSIVE_ROLE,
    cut_relative_clause,
    organization_in,
    party_of,
    read_appositives,
    strip_determiner,
)
from .namekinds import (
    INNER_CAPITAL,
    ends_sentence,
    from_where,
    glued_tail,
    is_collective,
    is_common_noun,
    is_family,
    is_lone_role_noun,
    is_noun_of_owner,
    is_opening_word,
    is_page_furniture,
    is_party_member,
    is_party_tag,
    is_place,
    is_suffix,
    kind_of_name,
)
from .sourcephrases import is_plural_noun
from .words import (
    CAPITALISED_WORD,
    CONTEXT_WORDS,
    DETERMINERS,
    INDEFINITE_SOURCES,
    MENTION_DETERMINERS,
    NOT_IN_NAMES,
    NUMBERS,
    OBJECT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    OPENING_ADVERBS,
    OPENING_TIMES,
    POSSESSIVE_ENDINGS,
    POSSESSIVES,
    PREPOSITION_LINKS,
    PREPOSITIONS,
    QUANTIFIER_SOURCES,
    REFLEXIVES,
    SURNAME_PARTICLE,
    THIRD_PERSON_POSSESSIVES,
)

NAME_TOKEN: Final = re.compile(r"^(?:" + CAPITALISED_WORD + r"|[A-Z]\.|" + SURNAME_PARTICLE + r"-?)$")
# Each context word is a whole whitespace-separated token when this matches (see parse_head).
TRAILING_CONTEXT: Final = re.compile(
    r"\s+(?:" + "|".join(sorted(CONTEXT_WORDS)) + r")\b(?:\s+(?:a|an|the))?\s+.*$|\s+(?:yesterday|today)$"
)
CALLED: Final = re.compile(r"^(?P<role>.*?)\s+(?:called|named)\s+(?P<name>[A-Z].*)$")
PARENTHESES: Final = re.compile(r"\s*\((?P<inside>[^()]*)\)")
# "Rep. Elijah Cummings of Maryland", "Mr. Morgan of the Sierra Club": a name, then where or whom
# it is from.
NAME_OF: Final = re.compile(r"^(?P<head>.*?[A-Z][\w’'.-]*)\s+(?:of|from)\s+(?:the\s+)?(?P<tail>[A-Z][^,]*)$")
# "Instead, the study": a sentence adverb before the source is not part of it.
LEADING_CONNECTOR: Final = re.compile(
    r"^(?:Instead|However|Meanwhile|Still|Yet|Also|Now|Then|Indeed|Moreover|But|And),\s+"
)
MAX_DESCRIPTION_WORDS: Final = 8


def parse_mention(text: str) -> Mention:
    """A new Mention on every call (resolve tells mentions apart by identity); the parse itself is
    cached, since the same names and pronouns recur through an article and a corpus."""
    return parsed_mention(text).copy()


@lru_cache(maxsize=16384)
def parsed_mention(text: str) -> Mention:
    text = text.strip(" ,;:—–-")
    if "," in text:  # LEADING_CONNECTOR ends in one: most mentions have none
        text = LEADING_CONNECTOR.sub("", text)
    lowered = text.lower()
    genders = lexicon.pronoun_genders()
    if lowered in genders:
        return Mention(text=text, kind="pronoun", gender=genders[lowered])
    contracted = pronoun_contraction(lowered)
    if contracted is not None:
        # "He’s", "They’re": the pronoun with its verb run together; "You’ll", "It’s" name no one
        kind: MentionKind = "pronoun" if contracted in genders and contracted != "it" else "fragment"
        return Mention(text=text, kind=kind, gender=genders.get(contracted) if kind == "pronoun" else None)
    head, _, appositive = text.partition(", ")
    if appositive.lower() in genders or (appositive and is_opener(head)):
        # "On Wednesday, he", "Specifically, he", "Increasingly, Sanders's supporters": the phrase
        # before the comma sets the scene; the source is what follows it.
        return parsed_mention(appositive)
    head = cut_relative_clause(head).strip()
    mention = parse_head(text, head)
    if appositive:
        read_appositives(mention, appositive)
    return mention


def pronoun_contraction(lowered: str) -> str | None:
    """ "he’s" → "he", "they're" → "they", "you’ll" → "you": the pronoun a contraction opens with."""
    if "’" not in lowered and "'" not in lowered:
        return None
    pronoun = lowered.replace("’", "'").split("'", 1)[0]
    return pronoun if pronoun in CONTRACTED_PRONOUNS else None


CONTRACTED_PRONOUNS: Final = frozenset("i you he she it we they".split())


def is_opener(phrase: str) -> bool:
    """A phrase that opens a sentence before its subject and names no one: a time ("On Wednesday",
    "Last week"), a sentence adverb ("Specifically"), a place ("In Florida"); not "But Reid"."""
    words = [w.strip(".,") for w in phrase.split()]
    if not words:
        return False
    first = words[0].lower()
    if len(words) == 1 and first.endswith("ly") and first.isalpha():
        return True
    if first in MENTION_DETERMINERS or first not in NOT_IN_NAMES and first not in OPENING_TIMES | OPENING_ADVERBS:
        return False
    places = lexicon.places()
    return all(
        w.lower() in NOT_IN_NAMES
        or w.lower() in OPENING_TIMES
        or w.lower() in OPENING_ADVERBS
        or w in places
        or w.isdigit()
        or (w == "May" and words[i - 1].lower() in BEFORE_A_MONTH)  # "In May", "Last May"; not "Theresa May"
        for i, w in enumerate(words)
    )


BEFORE_A_MONTH: Final = PREPOSITIONS | frozenset("last next this early late mid".split())


def parse_head(text: str, head: str) -> Mention:
    # The substring tests and the token test only skip regexes that could not match.
    called = CALLED.match(head) if "called" in head or "named" in head else None
    if called:
        inner = parse_head(text, called["name"])
        inner.role = strip_determiner(called["role"])
        return inner
    head, party, place_or_org = head_and_tails(head, text)
    tokens = head.split()
    # Words a page ran together need a small letter followed by a capital: most heads have none, and
    # the tokens tested below are head's words.
    glued = INNER_CAPITAL.search(head) is not None
    if glued:
        tokens, head = after_page_furniture(tokens, head)
    if not CONTEXT_WORDS.isdisjoint(tokens):  # a context word is followed by a space or ends the head
        tokens = TRAILING_CONTEXT.sub("", head).split()
    # The name is the trailing run of capitalised tokens; what comes before it is a pre-modifier
    # ("analyst Atta Noori", "Afghan commander General Mirassadullah Kohistani").
    run_start = len(tokens)
    while run_start > 0 and NAME_TOKEN.match(tokens[run_start - 1]):
        run_start -= 1
    premodifier, run = tokens[:run_start], tokens[run_start:]
    other = someone_else(text, head, premodifier, run)
    if other is not None:
        return other
    owner, dropped, run = split_run(run)
    if dropped or owner or premodifier and premodifier[-1].lower() in ("and", "&"):
        # "Does Rubio", "NBC’s Dante Chinni": what came before is not a role; "… Gov. and DNC
        # Chairman Ed Rendell": the office the run holds is read from it (two_offices)
        premodifier = []
    if any((glued and is_page_furniture(token)) or is_party_tag(token) for token in run):
        return Mention(text=text, kind="fragment")  # "+ FollowSharePost", "FranA", "R-Wis.": no name
    if len(run) == 1 and run[0].lower() in NUMBERS:
        return Mention(text=text, kind="fragment")  # "Six in 10 say": a share of people, no name
    if len(run) == 1 and (
        is_common_noun(run[0]) or is_lone_role_noun(run[0]) if not owner else is_noun_of_owner(run[0])
    ):
        # "Others", "Polls", "Aides", "Pastor": capitalised because they open the sentence; "Editor’s
        # Note", "Clinton’s Spokesman": a document or someone of the owner's, capitalised as in a headline
        return describe(text, head)
    if run and not owner and is_party_member(run):
        # "Republican", "a Wisconsin Republican", "32% of Democratic": a party's member, unnamed, or
        # its adjective; no one's name
        unnamed = all(t.lower() in MENTION_DETERMINERS for t in tokens[: len(tokens) - len(run)])
        kind: MentionKind = "anonymous" if unnamed and not run[-1].endswith("ic") else "fragment"
        return Mention(text=text, kind=kind, organization=lexicon.parties()[run[-1]] if kind == "anonymous" else None)
    if premodifier and premodifier[-1].lower() in ("of", "for") and len(run) > 2:
        # "Secretary of State John F. Kerry": the department belongs to the role
        name_from = len(run) - (3 if len(run[-2].rstrip(".")) == 1 else 2)
        premodifier, run = premodifier + run[:name_from], run[name_from:]
    modifier, run = role_before_name(run)
    given = given_name_start(run)
    premodifier, run = premodifier + run[:given], run[given:]
    premodifier, run, title_words = split_titles(premodifier, modifier, run)
    first = tokens[0].lower() if tokens else ""
    organization = owner or (place_or_org if place_or_org and not is_place(place_or_org) else None)
    if first == "the" and run and all(t.lower() == "the" for t in tokens[: len(tokens) - len(run)]):
        # "The US", "the Pentagon": a capitalised name after "the" is an institution or place.
        names = [t for t in run if t.lower() != "the"]
        if names:
            kind = "group" if is_collective(names) or is_family(names) else "organization"
            return Mention(text=text, name=" ".join(names), kind=kind)
    unnamed = first in MENTION_DETERMINERS and not owner and not role_then_name(premodifier, run)
    if not run or unnamed or (owner and premodifier_is_lower(tokens, run)):
        return describe(text, head)
    if len(run) == 1 and run[0] in ("Q", "A"):
        return Mention(text=text, kind="fragment")  # an interview's question and answer labels
    if run[-1].endswith(POSSESSIVE_ENDINGS):
        # "FBI Director James Comey's" (news conference …), "Keith Lamont Scott's" (family): what the
        # name owns was cut off, and it, not the owner, is the subject; a name never ends in a possessive
        return Mention(text=text, kind="fragment")
    return named_mention(text, run, (premodifier, modifier, title_words), organization, party)


def after_page_furniture(tokens: list[str], head: str) -> tuple[list[str], str]:
    """The tokens after the last one a page ran together ("5ptsmoderatorFeaturedFebruary 6, 2016
    11:19PMDonald Trump"), from the tail of a photo credit glued to a word ("Getty ImagesRepublican
    Chris Christie" → "Republican Chris Christie"): what precedes says nothing of the speaker. Only
    a head with a small letter followed by a capital can hold one (parse_head tests that first)."""
    last = -1
    for index, token in enumerate(tokens):
        if is_page_furniture(token) or glued_tail(token) is not None:
            last = index
    if last < 0 or last == len(tokens) - 1 and glued_tail(tokens[last]) is None:
        return tokens, head  # a name that is page furniture itself ("FollowSharePost") is read as one
    tail = glued_tail(tokens[last])
    kept = ([tail] if tail else []) + tokens[last + 1 :]
    return kept, " ".join(kept)


def head_and_tails(head: str, text: str) -> tuple[str, str | None, str | None]:
    """(head, party, place or organisation): the head without what follows a name in it, a party
    tag ("Sen. Ted Cruz (R-Tex.)": an affiliation, not part of the name), where or whom it is from
    ("Mr. Morgan of the Sierra Club", from_where) and a reflexive ("Sanders himself")."""
    party = None
    if "(" in head:
        for inside in PARENTHESES.finditer(head):
            party = party_of(inside["inside"]) or party
        head = PARENTHESES.sub("", head)
    place_or_org = None
    of = NAME_OF.match(head) if " of " in head or " from " in head else None
    whence = from_where(of["head"], of["tail"], text) if of is not None else None
    if of is not None and whence is not None:
        head, place_or_org = of["head"], whence
    tokens = head.split()
    if len(tokens) > 1 and tokens[-1].lower() in REFLEXIVES:
        head = " ".join(tokens[:-1])
    return head, party, place_or_org


def someone_else(text: str, head: str, premodifier: list[str], run: list[str]) -> Mention | None:
    """A phrase whose name is not one speaker's: several people ("Khizr and Ghazala Khan", "Sens.
    Chuck Grassley and Patrick Leahy"), or someone of or for the named one ("advisers to Mr. Obama",
    "a spokesman for Trump")."""
    if premodifier and premodifier[-1].lower() in ("and", "&") and run and not two_offices(premodifier, run):
        return Mention(text=text, name=strip_determiner(head), kind="group")
    if premodifier and premodifier[-1] in OBJECT_PREPOSITIONS and premodifier[0][:1].islower():
        described = describe(text, " ".join(premodifier[:-1]))
        if described.kind in ("anonymous", "group", "description"):
            described.organization = described.organization or " ".join(run)
            described.role = described.role or strip_determiner(" ".join(premodifier[:-1])) or None
            described.kind = "anonymous" if described.kind == "description" else described.kind
            return described
    return None


def two_offices(premodifier: list[str], run: list[str]) -> bool:
    """ "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell": an office,
    "and", another office before one name: one person holding both, not two people."""
    if len(premodifier) < 2:
        return False
    before = premodifier[-2].strip(",").lower()
    ends_in_office = before in lexicon.role_nouns() or premodifier[-2] in lexicon.titles()
    return ends_in_office and bool(role_before_name(run)[0])


def split_titles(premodifier: list[str], modifier: list[str], run: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(premodifier, name run, title words): "President Ashraf Ghani", "House Speaker Paul Ryan": an
    office before the name is a role and a title; "Wisconsin Gov. Scott Walker": what precedes a title
    inside the run is a pre-modifier."""
    titles = lexicon.titles()
    inner_titles = [
        i
        for i, token in enumerate(run[:-1])
        if i > 0 and token in titles and run[i - 1] not in titles and not is_suffix(run[i + 1 :])
    ]
    if inner_titles:
        premodifier, run = premodifier + run[: inner_titles[-1]], run[inner_titles[-1] :]
    title_words = modifier[-1:] if modifier and modifier[-1] in titles else []
    while run and run[0] in titles and len(run) > 1 and not is_suffix(run[1:]):  # not "King Jr."
        title_words.append(run.pop(0))
    return premodifier, run, title_words


def named_mention(
    text: str,
    run: list[str],
    before: tuple[list[str], list[str], list[str]],
    organization: str | None,
    party: str | None,
) -> Mention:
    """A mention naming its speaker: the name run and what stands before it (pre-modifier, a
    capitalised role, title words): the role ("Clinton campaign chairman"), a party word read as the
    organisation ("Democrat Hillary Clinton")."""
    premodifier, modifier, title_words = before
    kind = kind_of_name(run)
    role = strip_determiner(" ".join(premodifier + modifier)) or None
    parties = lexicon.parties()
    if role is not None and role in parties:
        party, role = party or parties[role], None  # "Democrat Hillary Clinton": a party, not a role
    elif role is not None:
        party = party or next((parties[w] for w in role.split() if w in parties), None)
    if role and role[:1].isupper() and kind == "person" and not title_words and not modifier:
        role = None if role.rstrip("’'s") in lexicon.countries() else role
    return Mention(
        text=text,
        name=" ".join(run),
        title=" ".join(title_words) or None,
        role=role,
        organization=organization or (organization_in(role) if role else None) or party or None,
        kind=kind,
    )


DOCUMENT_BY: Final = re.compile(r"\s(?:from|by)\s+(?:the\s+)?(?P<issuer>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)")


def split_run(run: list[str]) -> tuple[str | None, bool, list[str]]:
    """(owner, dropped, name run): the capitalised run without what cannot be in a name. A possessive
    names an owner ("NBC’s Dante Chinni", "It's All CNN's Fault Ted Cruz"); sentence openers,
    function words and times are dropped ("Does Rubio", "Then Trump", "On Tuesday")."""
    owner, dropped, start = None, False, 0
    for index, token in enumerate(run):
        bare = token.strip(".,:;").lower()
        if index < len(run) - 1 and ends_sentence(token):
            dropped, owner, start = True, None, index + 1  # "Benghazi. Bob", "Bain Capital. To Frank"
        elif token.endswith(POSSESSIVE_ENDINGS) and index < len(run) - 1:
            owner = " ".join(run[start : index + 1]).rstrip("s’'").rstrip("’'")
            owner = None if owner.lower() in NOT_IN_NAMES else owner
            start = index + 1
        elif index == start and not (token.isupper() and len(token) > 1) and is_opening_word(bare):
            dropped, owner, start = True, None, index + 1  # only leading words: "Omar Said", "the US"
        elif index < len(run) - 1 and (
            index > start
            and len(token) > 1
            and token[-1] != "."
            and bare in HEADLINE_WORDS
            or index == start
            and is_participle_opener(token)
        ):
            # "Reagan’s Daughter Makes Strong Statement About Trump": a preposition or an article
            # capitalised inside the run makes it a headline's words, and the name follows the last;
            # "Painting Trump as …": a participle opening the clause, before the name
            dropped, owner, start = True, None, index + 1
    return owner, dropped, run[start:]


# Words that a name never holds capitalised, only a headline in title case does: prepositions and
# articles ("Statement About Trump", "Tells The Truth"); not "and" ("Khizr And Ghazala Khan").
HEADLINE_WORDS: Final = PREPOSITIONS | frozenset(("the", "a", "an"))
MIN_PARTICIPLE_LETTERS: Final = 6  # "Painting", "Calling", "Citing"; "King", "Ewing" are names


def is_participle_opener(token: str) -> bool:
    """ "Painting", "Calling", "Citing" before a name: a participle that opens a clause, no given
    name ("Sterling" is one)."""
    return (
        token.endswith("ing")
        and len(token) >= MIN_PARTICIPLE_LETTERS
        and token[1:].islower()
        and token not in lexicon.first_name_genders()
    )


def role_before_name(run: list[str]) -> tuple[list[str], list[str]]:
    """ "Spokeswoman Jessica Ditto", "Democrat Hillary Clinton", "Clinton Senior Adviser Sidney
    Blumenthal": a capitalised role or party word before the name is a modifier, not part of it."""
    roles, parties = lexicon.role_nouns(), lexicon.parties()
    last = -1
    for index, token in enumerate(run[:-1]):
        bare = token.strip(".,").lower()
        compound = "-" in bare and all(part in roles for part in bare.split("-"))  # "Secretary-Treasurer"
        if (bare in roles or compound or token in parties) and not is_suffix(run[index + 1 :]):
            last = index
    return run[: last + 1], run[last + 1 :]


def given_name_start(run: list[str]) -> int:
    """Where a person's name opens inside a longer capitalised run: at a given name after words that
    are none ("Deputy Secretary of State Tom Nides" read from "State", "White House Chief of Staff
    Denis McDonough" from "Staff"); 0 when the run opens with a given name, an initial or a title
    ("Martin Luther King", "J. Edgar Hoover") or holds no given name after its first word."""
    given_names = lexicon.first_name_genders()
    if len(run) < 3 or run[0] in given_names:
        return 0
    start = next((i for i in range(1, len(run) - 1) if run[i] in given_names), 0)
    return start if all(is_office_word(word) for word in run[:start]) else 0


def is_office_word(word: str) -> bool:
    """A capitalised word of an office or a body, never a given name: "State" (Secretary of State),
    "Treasurer", "Workers" (United Auto Workers). An unknown word may be a given name the list lacks
    ("Cornell William Brooks")."""
    bare = word.strip(".,")
    lower = bare.lower()
    return (
        lower in lexicon.role_nouns()
        or lower in lexicon.role_modifiers()
        or bare in lexicon.group_words()
        or bare in lexicon.place_words()
        or bare in lexicon.parties()
        or (lower.endswith("s") and not lower.endswith("ss") and lower[:-1] in lexicon.group_words_lower())
        or ("-" in lower and all(part in lexicon.role_nouns() for part in lower.split("-")))
    )


def role_then_name(premodifier: list[str], run: list[str]) -> bool:
    """ "the star journalist Jorge Ramos", "the Vermont senator Bernie Sanders": a determiner opens a
    role, and a full name follows it: the person named, not someone unnamed."""
    if len(run) < 2 or not premodifier:
        return False
    roles = lexicon.role_nouns()
    # "the former secretary of state Hillary Clinton": the role noun before its "of" phrase
    of_phrase = len(premodifier) > 2 and premodifier[-2] == "of" and premodifier[-3].lower() in roles
    return premodifier[-1].lower() in roles or of_phrase


def premodifier_is_lower(tokens: list[str], run: list[str]) -> bool:
    return len(tokens) > len(run) and tokens[-len(run) - 1 if run else -1][:1].islower()


def describe(text: str, head: str) -> Mention:
    """A source phrase without a name: a document ("the statement"), a collective ("voters", "the
    Clinton campaign"), an unnamed source ("a senior official"), a definite role ("the senator"),
    or a fragment that names no one."""
    words = [w.strip("’'.,").lower() for w in head.split()]
    if not words:
        return Mention(text=text, kind="fragment")
    if len(words) == 1 and (words[0] in QUANTIFIER_SOURCES or words[0] in INDEFINITE_SOURCES):
        return Mention(text=text, kind="anonymous")  # "Many said", "One told reporters", "Someone"
    owner = possessor(head)
    # The head noun: "Her submission to the court", "the attorney general of the state of New York".
    last = next((words[i - 1] for i in range(1, len(words)) if words[i] in PREPOSITION_LINKS), words[-1])
    last = last.rsplit("-", 1)[-1]  # "ex-wife", "co-founder"
    roles, organizations = lexicon.role_nouns(), lexicon.group_words_lower()
    if last in lexicon.document_nouns():
        by = DOCUMENT_BY.search(head)  # "a statement from the White House"
        return Mention(text=text, kind="document", issuer=owner or (by["issuer"] if by else None))
    if owner is not None and last in organizations:
        # "Clinton's campaign", "his campaign": the owner's organisation
        return Mention(text=text, name=f"{owner} {last}", kind="organization", issuer=owner)
    if owner is not None and last in roles:
        # "Pagliano's lawyer", "Obama's former campaign strategist": someone else, unnamed
        organization = None if owner in THIRD_PERSON_POSSESSIVES else owner
        return Mention(
            text=text, kind="anonymous", role=strip_determiner(head.split(" ", 1)[-1]), organization=organization
        )
    if owner is not None and last.endswith("s") and looks_like_noun_phrase(words):
        return Mention(text=text, kind="group", name=head)  # "his advisers", "Sanders's supporters"
    if owner is not None:
        return Mention(text=text, kind="fragment")  # "Duterte's latest", "his rubble": a thing, not a source
    if words[0] == "the" and last in organizations:
        return Mention(text=text, name=strip_determiner(head), kind="organization")
    if words[0] not in ("a", "an") and last in roles and looks_like_noun_phrase(words):
        # "the senator", "The Republican nominee", "Former DNC chairman": one person, named elsewhere
        return Mention(text=text, kind="description", role=strip_determiner(head))
    if not lexicon.anonymous_heads().isdisjoint(words):
        return Mention(text=text, kind="anonymous")
    if len(words) > MAX_DESCRIPTION_WORDS or not looks_like_noun_phrase(words):
        return subject_of_clause(text, head)
    if words[0] in MENTION_DETERMINERS:
        return Mention(text=text, kind="anonymous")
    if is_name_and_verb(head.split()):
        return subject_of_clause(text, head)  # "Trump avoids": a name and its verb, not a group
    if last.endswith("s") or last in organizations:
        return Mention(text=text, kind="group", name=head)  # "Democrats", "tax experts", "Oversight Committee"
    return Mention(text=text, kind="fragment")


def is_name_and_verb(tokens: list[str]) -> bool:
    """ "Trump slams", "Clinton insists": capitalised words and a verb the lexicon lists, in -s, that is
    no plural noun ("Trump supporters", "Clinton allies", "Multiple reports"). A word the lexicon does
    not list ("Multiple outlets", "Trump avoids") may be a noun: the phrase stays a group."""
    if len(tokens) < 2 or not all(NAME_TOKEN.match(t) and not t.endswith("ing") for t in tokens[:-1]):
        return False  # not "Polling averages", "Voting rights": a noun in "-ing" and its head
    last = tokens[-1]
    return (
        last.isalpha()
        and last.islower()
        and last.endswith("s")
        and last in lexicon.verb_forms()
        and not is_plural_noun(last)
        and last not in lexicon.plural_nouns()
        and last[:-1] not in lexicon.group_words_lower()
    )


def subject_of_clause(text: str, head: str) -> Mention:
    """ "Trump unleashed a series of tweets", "Clinton restricted": a clause whose subject is a name
    names its speaker; any other clause names no one ("went on to work alongside Trump")."""
    tokens = head.split()
    end = 0
    while end < len(tokens) and NAME_TOKEN.match(tokens[end]) and not tokens[end].endswith(POSSESSIVE_ENDINGS):
        end += 1
    owner, dropped, run = split_run(tokens[:end])
    if not run or dropped or (len(run) == 1 and run[0].endswith("s")) or end == len(tokens):
        return Mention(text=text, kind="fragment")  # "Depositions released in March quote Trump"
    if not tokens[end][:1].islower() or tokens[end] in NOT_AFTER_SUBJECT:
        return Mention(text=text, kind="fragment")  # "Let me", "Contrast that with Trump": a verb, not a name
    return parse_head(text, " ".join(run))  # "Mr. Obama scrutinized": the name without its title


VERB_ENDINGS: Final = ("ed",)
# Words that never follow a sentence's subject: after a capitalised word they show it is a verb
# ("Let me", "Contrast her accomplishments", "Thank you"); a floating quantifier or a time may
# ("Trump this week unleashed", "Democrats all agreed", "Trump most recently said").
NOT_AFTER_SUBJECT: Final = (DETERMINERS | POSSESSIVES | OBJECT_PRONOUNS) - set("this one some all both most".split())


def looks_like_noun_phrase(words: list[str]) -> bool:
    """No finite verb, nor a preposition or determiner at its end ("Trump unleashed a series",
    "benefit others" pass the first test; "his rubble" passes both)."""
    if words[-1] in NOT_IN_NAMES and not (len(words) > 1 and words[-1] in NUMBERS):  # "mother of three"
        return False
    # An -ed word right after the determiner is an adjective: "the retired neurosurgeon".
    after = words[2:] if words[0] in MENTION_DETERMINERS or words[0] in THIRD_PERSON_POSSESSIVES else words[1:]
    return not any(w in NOT_IN_DESCRIPTIONS or w.endswith(VERB_ENDINGS) for w in after) and not any(
        w in NOT_IN_DESCRIPTIONS for w in words[1:2]
    )


NOT_IN_DESCRIPTIONS: Final = NOT_IN_NAMES - MENTION_DETERMINERS - PREPOSITION_LINKS


def possessor(head: str) -> str | None:
    """ "Trump's tweet" → "Trump"; "her account" → "her"."""
    first = head.split(" ", 1)[0]
    if first.lower() in THIRD_PERSON_POSSESSIVES:
        return first.lower()
    match = POSSESSIVE_ROLE.match(head)
    return match["org"] if match else None
