"""Word lists kept as data files under lexicon/, each read once, when this module is imported.

Each list is a module constant, and the function of the same name returns it: the rules call these
tens of thousands of times an article batch, and compiled with them (ingest/native.py) a call is a
native function call that returns a global, where a functools.cache lookup was a Python call."""

from __future__ import annotations

from importlib.resources import files
from typing import Final, cast, get_args

from ..models import Gender
from .words import FINDING_SOURCES

# Found through the package, not beside this file: compiled, this module is loaded from build/native,
# and the word lists stay with the source.
LEXICON_DIR: Final = files("ingest.rules") / "lexicon"


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line.split())


def _lower_words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _words(name))


REPORTING_VERBS: Final[frozenset[str]] = _lower_words("reporting_verbs.txt")


def reporting_verbs() -> frozenset[str]:
    """Every listed form of every reporting verb, lower case."""
    return REPORTING_VERBS


FRAMING_VERBS: Final[frozenset[str]] = _lower_words("framing_verbs.txt")


def framing_verbs() -> frozenset[str]:
    """Verbs that attribute only quoted words ("called it “a disgrace”")."""
    return FRAMING_VERBS


STANCE_VERBS: Final[frozenset[str]] = frozenset(line.lower() for line in _lines("stance_verbs.txt"))


def stance_verbs() -> frozenset[str]:
    """Verbs and verb phrases reporting a stance towards their object ("endorsed", "called for")."""
    return STANCE_VERBS


BELIEF_VERBS: Final[frozenset[str]] = _lower_words("belief_verbs.txt")


def belief_verbs() -> frozenset[str]:
    """Verbs of thought and findings, attributions only with a "that" clause or quoted words."""
    return BELIEF_VERBS


BELIEF_ADJECTIVES: Final[frozenset[str]] = _lower_words("belief_adjectives.txt")


def belief_adjectives() -> frozenset[str]:
    """Adjectives of conviction ("sure", "confident"), read like belief verbs after "is/was"."""
    return BELIEF_ADJECTIVES


TITLES: Final[frozenset[str]] = _words("titles.txt")


def titles() -> frozenset[str]:
    return TITLES


def _read_pronoun_genders() -> dict[str, Gender]:
    genders: dict[str, Gender] = {}
    for line in _lines("pronouns.txt"):
        pronoun, gender = line.split()
        if gender not in get_args(Gender):
            raise ValueError(f"lexicon/pronouns.txt: {gender!r} is not one of {', '.join(get_args(Gender))}")
        genders[pronoun] = cast(Gender, gender)
    return genders


PRONOUN_GENDERS: Final[dict[str, Gender]] = _read_pronoun_genders()


def pronoun_genders() -> dict[str, Gender]:
    """Pronoun → its gender letter (models.Gender; lexicon/pronouns.txt says what each means)."""
    return PRONOUN_GENDERS


ANONYMOUS_HEADS: Final[frozenset[str]] = _words("anonymous_heads.txt")


def anonymous_heads() -> frozenset[str]:
    return ANONYMOUS_HEADS


GROUP_WORDS: Final[frozenset[str]] = _words("groups.txt")


def group_words() -> frozenset[str]:
    return GROUP_WORDS


GROUP_WORDS_LOWER: Final[frozenset[str]] = frozenset(w.lower() for w in group_words())


def group_words_lower() -> frozenset[str]:
    return GROUP_WORDS_LOWER


COUNTRIES: Final[frozenset[str]] = _words("countries.txt")


def countries() -> frozenset[str]:
    return COUNTRIES


BOILERPLATE: Final[frozenset[str]] = frozenset(line.lower() for line in _lines("boilerplate.txt"))


def boilerplate() -> frozenset[str]:
    return BOILERPLATE


def _read_comment_words() -> tuple[frozenset[str], frozenset[str]]:
    pairs = [line.lower().split() for line in _lines("comments.txt")]
    return frozenset(pair[0] for pair in pairs), frozenset(pair[1] for pair in pairs)


COMMENT_WORDS: Final[tuple[frozenset[str], frozenset[str]]] = _read_comment_words()


def comment_words() -> tuple[frozenset[str], frozenset[str]]:
    """The word for a reader's comment in each language, lower case: (singular forms, plural forms)."""
    return COMMENT_WORDS


CALLS_TO_ACTION: Final[tuple[str, ...]] = tuple(
    sorted((line.lower() for line in _lines("calls_to_action.txt")), key=len, reverse=True)
)


def calls_to_action() -> tuple[str, ...]:
    """Words and phrases asking the reader to subscribe, follow or sign up, lower case, longest first."""
    return CALLS_TO_ACTION


ADVERT_LABELS: Final[tuple[str, ...]] = tuple(
    sorted((line.lower() for line in _lines("advert_labels.txt")), key=len, reverse=True)
)


def advert_labels() -> tuple[str, ...]:
    """Labels marking advertising ("Anzeige", "Sponsored content"), lower case, longest first."""
    return ADVERT_LABELS


PHOTO_CREDIT_LABELS: Final[tuple[str, ...]] = tuple(
    sorted((line.lower() for line in _lines("photo_credits.txt")), key=len, reverse=True)
)


def photo_credit_labels() -> tuple[str, ...]:
    """Labels opening a photo credit ("Foto", "Photo credit"), longest first."""
    return PHOTO_CREDIT_LABELS


def _read_first_name_genders() -> dict[str, str]:
    genders = {}
    for line in _lines("first_names.txt"):
        gender, *names = line.split()
        genders.update(dict.fromkeys(names, gender))
    return genders


FIRST_NAME_GENDERS: Final[dict[str, str]] = _read_first_name_genders()


def first_name_genders() -> dict[str, str]:
    """Given name → "m" or "f" (lexicon/first_names.txt: a gender letter, then names)."""
    return FIRST_NAME_GENDERS


CONTROL_VERBS: Final[frozenset[str]] = _lower_words("control_verbs.txt")


def control_verbs() -> frozenset[str]:
    """Verbs whose subject is also the subject of the infinitive after them ("tended to support")."""
    return CONTROL_VERBS


ROLE_NOUNS: Final[frozenset[str]] = _lower_words("roles.txt")


def role_nouns() -> frozenset[str]:
    """Head nouns of roles and descriptions of people ("spokesman", "senator", "nominee"), lower case."""
    return ROLE_NOUNS


def _read_gendered_nouns() -> dict[str, str]:
    genders = {}
    for line in _lines("gendered_nouns.txt"):
        letter, *nouns = line.split()
        genders.update(dict.fromkeys(nouns, "female" if letter == "f" else "male"))
    return genders


GENDERED_NOUNS: Final[dict[str, str]] = _read_gendered_nouns()


def gendered_nouns() -> dict[str, str]:
    """Noun → "female" or "male", for nouns that say a person's gender ("spokeswoman", "husband")."""
    return GENDERED_NOUNS


ROLE_MODIFIERS: Final[frozenset[str]] = _lower_words("role_modifiers.txt")


def role_modifiers() -> frozenset[str]:
    """Lower-case words that stand inside a role before its head ("former", "presidential", "press")."""
    return ROLE_MODIFIERS


def _read_title_offices() -> dict[str, frozenset[str]]:
    offices: dict[str, frozenset[str]] = {}
    for line in _lines("title_offices.txt"):
        titles, _, nouns = line.partition(":")
        offices.update(dict.fromkeys(titles.split(), frozenset(nouns.split())))
    return offices


TITLE_OFFICES: Final[dict[str, frozenset[str]]] = _read_title_offices()


def title_offices() -> dict[str, frozenset[str]]:
    """An abbreviated title → the office nouns it stands for ("Gov." → governor; lexicon/title_offices.txt)."""
    return TITLE_OFFICES


def _read_office_names() -> dict[str, str]:
    offices: dict[str, str] = {}
    for line in _lines("title_offices.txt"):
        titles, _, nouns = line.partition(":")
        offices.update(dict.fromkeys(titles.split(), nouns.split()[0]))
    return offices


OFFICE_NAMES: Final[dict[str, str]] = _read_office_names()


def office_names() -> dict[str, str]:
    """An abbreviated title → the noun that names its office, the first listed ("Sen." → senator)."""
    return OFFICE_NAMES


def _read_office_nouns() -> frozenset[str]:
    offices = {noun for nouns in title_offices().values() for noun in nouns}
    return frozenset(offices | (_lower_words("titles.txt") & role_nouns()))


OFFICE_NOUNS: Final[frozenset[str]] = _read_office_nouns()


def office_nouns() -> frozenset[str]:
    """Role nouns that name an office a person holds one of at a time, lower case: the titles written
    before names ("Senator", "Judge") and the offices of abbreviated ones ("Gov." → governor)."""
    return OFFICE_NOUNS


def _read_parties() -> dict[str, str]:
    names = {}
    for line in _lines("parties.txt"):
        party, _, words = line.partition(":")
        names.update(dict.fromkeys(words.split(), party.strip()))
    return names


PARTIES: Final[dict[str, str]] = _read_parties()


def parties() -> dict[str, str]:
    """A party word or party-state tag letter → the party ("GOP" → "Republican Party")."""
    return PARTIES


def _read_short_forms() -> dict[str, str]:
    names = {}
    for line in _lines("short_forms.txt"):
        full, _, forms = line.partition(":")
        names.update(dict.fromkeys((form.strip() for form in forms.split(",")), full.strip()))
    return names


SHORT_FORMS: Final[dict[str, str]] = _read_short_forms()


def short_forms() -> dict[str, str]:
    """An organisation's well-known short form → its full name ("GOP" → "Republican Party")."""
    return SHORT_FORMS


PLACES: Final[frozenset[str]] = _words("places.txt") | countries()


def places() -> frozenset[str]:
    """US states and their abbreviations, and the countries: places, never speakers or organisations."""
    return PLACES


DOCUMENT_NOUNS: Final[frozenset[str]] = _lower_words("documents.txt")


def document_nouns() -> frozenset[str]:
    """Head nouns of documents and messages ("statement", "tweet", "email"), lower case."""
    return DOCUMENT_NOUNS


RELATION_NOUNS: Final[frozenset[str]] = _lower_words("relations.txt")


def relation_nouns() -> frozenset[str]:
    """Kin and allegiance ("wife", "supporter"): whom a person stands with, never a role."""
    return RELATION_NOUNS


PLACE_WORDS: Final[frozenset[str]] = _words("place_words.txt")


def place_words() -> frozenset[str]:
    """The words of place names of several words ("New", "York", "Carolina")."""
    return PLACE_WORDS


def _read_verb_forms() -> frozenset[str]:
    files = ("reporting_verbs.txt", "stance_verbs.txt", "belief_verbs.txt", "framing_verbs.txt", "control_verbs.txt")
    return frozenset(word.lower() for name in files for line in _lines(name) for word in line.split())


VERB_FORMS: Final[frozenset[str]] = _read_verb_forms()


def verb_forms() -> frozenset[str]:
    """Every form, lower case, of every verb the lexicon lists (reporting, stance, belief, framing and
    control verbs): a capitalised one before a name is a headline's verb ("Trump Finally Endorses
    House Speaker Paul Ryan"), never part of a role."""
    return VERB_FORMS


def _read_verb_participles() -> frozenset[str]:
    files = ("reporting_verbs.txt", "stance_verbs.txt", "belief_verbs.txt", "framing_verbs.txt", "control_verbs.txt")
    words = {word.lower() for name in files for line in _lines(name) for word in line.split()}
    return frozenset(word for word in words if word.endswith("ing")) | {"having", "being", "doing"}


VERB_PARTICIPLES: Final[frozenset[str]] = _read_verb_participles()


def verb_participles() -> frozenset[str]:
    """The -ing forms of the verbs the lexicon lists, and of the auxiliaries ("saying", "speaking",
    "having"): a capitalised one opening a phrase opens a clause, it is never a name."""
    return VERB_PARTICIPLES


ORGANIZATIONS: Final[frozenset[str]] = frozenset(line.casefold() for line in _lines("organizations.txt"))


def organizations() -> frozenset[str]:
    """Well-known news outlets, platforms, pollsters and organisations whose names hold no
    organisation word ("Politico", "Twitter", "Al Jazeera"), casefolded, one name a line."""
    return ORGANIZATIONS


def _read_plural_nouns() -> frozenset[str]:
    nouns = role_nouns() | relation_nouns() | document_nouns() | FINDING_SOURCES
    nouns |= {word.lower() for word in anonymous_heads()}
    plurals = {noun for noun in nouns if noun.endswith("s")} | {"people", "children", "men", "women"}
    for noun in nouns:
        if noun.endswith(("s", "x", "ch", "sh")):
            plurals.add(noun + "es")
        elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
            plurals.add(noun[:-1] + "ies")
        else:
            plurals.add(noun + "s")
    return frozenset(plurals)


PLURAL_NOUNS: Final[frozenset[str]] = _read_plural_nouns()


def plural_nouns() -> frozenset[str]:
    """Plurals of the nouns for people and for what they write (lexicon roles, relations, anonymous
    heads, documents; words.FINDING_SOURCES): "aides", "friends", "critics", "polls", "emails"."""
    return PLURAL_NOUNS


def _read_formal_names() -> dict[str, frozenset[str]]:
    formal: dict[str, set[str]] = {}
    for line in _lines("nicknames.txt"):
        name, _, forms = line.partition(":")
        for form in forms.split():
            formal.setdefault(form.casefold(), set()).add(name.strip().casefold())
    return {form: frozenset(names) for form, names in formal.items()}


FORMAL_NAMES: Final[dict[str, frozenset[str]]] = _read_formal_names()


def formal_names() -> dict[str, frozenset[str]]:
    """A short given name → the formal names it stands for ("joe" → {"joseph"}; "ted" → {"edward",
    "theodore"}), casefolded (lexicon/nicknames.txt)."""
    return FORMAL_NAMES
