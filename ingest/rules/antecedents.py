"""Who a mention without a name stands for: a pronoun's antecedent, the person a description
("the senator") names, the issuer of a document ("the statement", "Trump's tweet")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..models import Mention, Speaker, SpeakerKind
from . import lexicon
from .aliases import bearers, capitalised_words_before, cluster_for, same_person, surname_gender
from .descriptions import names_a_body
from .mentions import parse_mention, parsed_mention
from .namekinds import ends_sentence
from .quotemarks import holds_a_mark
from .sentences import SENTENCE_BOUNDARY, after_abbreviation, sentences
from .state import ArticleState, guessed_gender
from .words import CAPITALISED_WORD, CAPITALISED_WORD_NO_STOP, TITLES_BEFORE_NAMES, WEEKDAYS

NO_GENDER: Final = ("", False)


def pronoun_antecedent(pronoun: str, state: ArticleState, evidence: bool, context: str = "") -> str | None:
    """The most recent named person the pronoun can stand for ("she" is never a known man); "it" and
    "they" stand for the last organisation or group. A gendered pronoun that resolves without
    passing over anyone on a guessed gender is evidence of the speaker's gender. A person nothing
    in the article gives a gender yields to one the text before the quote names in full after them
    ("Obama …. … Hillary Clinton. She said"), when their given name fits (named_since)."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender == "s":
        return next(reversed(state.recent_people), None)
    if gender in ("m", "f"):
        guessed = False
        for key in reversed(state.recent_people):
            if key.endswith(("’s", "'s")):
                continue
            known, from_text = state.genders.get(key) or guessed_gender(key) or surname_gender(key, state) or NO_GENDER
            if not known:
                named = named_since(key, pronoun, context, state) if context else None
                if named is not None:
                    return named
                known, from_text = gender, True
            if known == gender:
                if evidence and not guessed:
                    state.note_gender(key, gender, f'pronoun "{pronoun}"', strong=False)
                return key
            guessed = guessed or not from_text
        return None
    if pronoun in ("it", "they", "its", "their"):
        return next(reversed(state.recent_groups), None)  # "The union said …. It added": the last group
    return None


# How far back subject_before reads: the sentence of the pronoun and the one before it.
SUBJECT_REACH: Final = 700
# A run of capitalised words, with the titles and initials inside it ("Senate Majority Leader Mitch
# McConnell", "James B. Comey"): a capital, up to five more words each opening with one, and the
# last word's letters. Written to open with the capital (no lookbehind), so the engine skips to one
# as str.find would; is_word_start checks what comes before it.
CAPITALISED_RUN: Final = re.compile(r"[A-Z](?:[\w.’'-]*[ \u00a0]+[A-Z]){0,5}[\w’'-]*")
# The same runs written plainly, for tests/test_properties.py to hold the fast form to.
PLAIN_CAPITALISED_RUN: Final = re.compile(r"(?<![\w’'])(?:[A-Z][\w.’'-]*[ \u00a0]+){0,5}[A-Z][\w’'-]*")
# A pronoun or possessive that stands for someone: a sentence that has one before any name is about
# a person named earlier ("His appointment of James Zogby suggests that he wants").
PERSONAL_PRONOUN: Final = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])(?:e|is|im|er)|(?<=[Ss])he)\b")


def subject_before(pronoun: str, context: str, state: ArticleState) -> str | None:
    """A "he" or "she" stands for the person its sentence names first, before the pronoun ("Chris
    Christie added that he would approve …"); a sentence that opens with the pronoun ("He also said")
    for the person the sentence before names first ("Mitch McConnell said that it was inappropriate
    for Ginsburg to criticize Trump. He said …"). The first named whose gender does not say
    otherwise, outside quotation marks; evidence of their gender unless a guessed gender passed over
    someone. None when those two sentences name no one before their pronouns."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender != "m" and gender != "f":
        return None
    for sentence in last_sentences(QUOTED.sub(" ", context[-SUBJECT_REACH:]), 2):
        opening = PERSONAL_PRONOUN.search(sentence)
        limit = opening.start() if opening is not None else len(sentence)
        guessed = False
        for run in capitalised_runs(sentence, limit):
            if not may_name_person(run, state) or modifies_a_role(sentence, run):
                continue  # most runs ("On Tuesday", "The", "New Hampshire"): not worth parsing
            parsed = parsed_mention(run)
            name = parsed.name
            if parsed.kind != "person" or not name:
                continue
            if not state.by_surname.get((True, name.split()[-1])) and guessed_gender(name) is None:
                continue  # "South Asia", "Labor Day": a person's name has a given name or is a speaker's
            cluster = cluster_for(name, "person", state, parsed.title)
            known = (
                state.genders.get(cluster.name) or guessed_gender(cluster.name) or surname_gender(cluster.name, state)
            )
            if known is None:
                return None  # nothing genders them: pronoun_antecedent weighs who else it may be
            if known[0] != gender:
                guessed = guessed or not known[1]
                continue
            state.kinds[cluster.name] = "person"
            if not guessed:
                state.note_gender(cluster.name, gender, f'pronoun "{pronoun}"', strong=False)
            return cluster.name
    return None


# A name's role after it, then the named holder: "Clinton communication director Jennifer Palmieri".
ROLE_THEN_NAME: Final = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?(?P<role>[a-z][\w-]*)\s+[A-Z]")


def modifies_a_role(sentence: str, run: str) -> bool:
    """Whether a name only says whose role the next name holds ("Clinton communication director Jennifer
    Palmieri said …"): not the person the sentence is about."""
    match = ROLE_THEN_NAME.match(sentence, sentence.find(run) + len(run))
    return match is not None and match["role"] in lexicon.role_nouns()


def may_name_person(run: str, state: ArticleState) -> bool:
    """Whether a run of capitalised words holds a given name or a surname the article's people have:
    only such a run can pass subject_before's test of a name."""
    first_names = lexicon.first_name_genders()
    for word in run.split():
        bare = word.removesuffix("’s").removesuffix("'s")
        if bare in first_names or state.by_surname.get((True, bare)):
            return True
    return False


def capitalised_runs(text: str, end: int) -> list[str]:
    """CAPITALISED_RUN's matches in text[:end] that start a word, in order."""
    runs = []
    match = CAPITALISED_RUN.search(text, 0, end)
    while match is not None:
        at = match.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_’'"):
            runs.append(match.group())
            match = CAPITALISED_RUN.search(text, match.end(), end)
        else:
            match = CAPITALISED_RUN.search(text, at + 1, end)  # inside a word: try its next capital
    return runs


def last_sentences(text: str, count: int) -> list[str]:
    """The text's last count sentences, the last first; a line (a paragraph) ends a sentence."""
    found: list[str] = []
    for line in reversed(text.split("\n")):
        for start, end in reversed(sentences(line)):
            found.append(line[start:end])
            if len(found) == count:
                return found
    return found


# Two to four capitalised words: a full name, perhaps ("Rakeyia Scott", "Keith Lamont Scott").
FULL_NAME: Final = re.compile(r"(?<![\w’'.-])(?:" + CAPITALISED_WORD + r"\s+){1,3}" + CAPITALISED_WORD_NO_STOP)


def named_before(pronoun: str, context: str, state: ArticleState, given_name_fits: bool = False) -> str | None:
    """A "he" or "she" no speaker so far fits: the person the text just before names in full last, if
    their given name does not say otherwise ("Rakeyia Scott can be heard yelling … “…,” she says"),
    or, with given_name_fits, if it says the same. Chosen by a guess on the given name, so it is no
    evidence of their gender."""
    gender = lexicon.pronoun_genders().get(pronoun)
    if gender != "m" and gender != "f":
        return None
    for match in reversed(list(FULL_NAME.finditer(context))):
        parsed = parsed_mention(within_sentence(match.group()))
        name = parsed.name or ""
        guess = guessed_gender(name)
        if parsed.kind != "person" or " " not in name or (guess is not None and guess[0] != gender):
            continue
        if given_name_fits and guess is None:
            continue
        cluster = cluster_for(name, "person", state)
        state.kinds[cluster.name] = "person"
        return cluster.name
    return None


def within_sentence(words: str) -> str:
    """Capitalised words up to a sentence's end: "Hillary Clinton" of "Hillary Clinton. She"."""
    if "." not in words:
        return words
    kept = []
    for word in words.split():
        if ends_sentence(word):
            kept.append(word[:-1])
            break
        kept.append(word)
    return " ".join(kept)


# Words inside quotation marks: a name a speaker says is not what the narrative's "she" stands for.
QUOTED: Final = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


# How far back named_since reads: the paragraph or two before the pronoun.
NAMED_SINCE_REACH: Final = 600


def named_since(key: str, pronoun: str, context: str, state: ArticleState) -> str | None:
    """Whom the text before the quote names after it last names this speaker, if their gender fits
    the pronoun: a speaker so far, by surname ("Clinton … she has called"), else a full name whose
    given name fits (named_before)."""
    start = max(0, len(context) - NAMED_SINCE_REACH, context.rfind(key.split()[-1]))
    since = QUOTED.sub(" ", context[start:])
    gender = lexicon.pronoun_genders().get(pronoun)
    latest, latest_at = None, -1
    for other in state.recent_people:
        if other == key or other.endswith(("’s", "'s")):
            continue
        known = state.genders.get(other) or guessed_gender(other) or surname_gender(other, state)
        at = since.rfind(other.split()[-1]) if known is not None and known[0] == gender else -1
        if at > latest_at:
            latest, latest_at = other, at
    return latest or named_before(pronoun, since, state, given_name_fits=True)


# A contributor's note closing an opinion piece: a person's name, perhaps an aside, and what they are
# ("Rick Scott is the Republican governor of Florida."; "Glenn Harlan Reynolds, a University of
# Tennessee law professor, is a member of …"; "Rep. Raul Grijalva, D-Ariz., was an early backer of …").
AUTHOR_NOTE: Final = re.compile(
    r"(?P<name>(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]*)(?:,[^\n]{1,150}?,)?\s+(?:is|was|has been|serves)\s+"
    r"(?P<next>[\w-]+)"
)
# A note is a short paragraph: a longer closing one is the article's own narrative.
AUTHOR_NOTE_LENGTH: Final = 400


@lru_cache(maxsize=256)
def article_author(text: str) -> str | None:
    """The person an article's closing contributor's note names: who its narrative "I" is (the
    sources of "I argued that …" in an opinion piece). None when the last paragraph is no such note."""
    last = text[text.rfind("\n") + 1 :].strip()
    match = AUTHOR_NOTE.match(last) if len(last) <= AUTHOR_NOTE_LENGTH else None
    if match is None or match["next"].endswith(("ing", "ly")):
        return None  # "Gov. John Kasich is polling a distant third": news, what the person is doing
    parsed = parsed_mention(match["name"])
    return parsed.name if parsed.kind == "person" and parsed.name and " " in parsed.name else None


POSSESSIVE_GENDERS: Final = {"his": "he", "her": "she", "its": "it", "their": "they"}


def described_person(mention: Mention, state: ArticleState) -> str | None:
    """ "the senator", "The Republican nominee", "the Prime Minister": the person the article gave
    that role, the most recent of them, preferring one whose role shares more of the words."""
    words = set((mention.role or "").lower().replace(".", "").split())
    head = (mention.role or "").lower().split()[-1:]
    # "the CNN president" is no one the article does not tie to CNN, whatever their office
    bodies = {w.lower() for w in (mention.role or "").replace(".", "").split()[:-1] if names_a_body(w)}
    best, best_overlap = None, 0
    for key in reversed(state.recent_people):
        roles = state.roles.get(key, set())
        if head and head[0] in roles and len(words & roles) > best_overlap and bodies <= roles:
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
    cluster = cluster_for(parsed.name, parsed.kind, state, parsed.title)
    state.kinds[cluster.name] = cluster.kind
    return cluster.name


# What a publisher issues, and whose words it carries: "a Times article", "A CNN/ORC poll last month",
# "A review by The Times".
PUBLICATIONS: Final = "poll|polls|survey|surveys|study|report|article|story|analysis|review|data|editorial"
PUBLISHED: Final = re.compile(
    r"(?:[Aa]n?|[Tt]he)\s+(?:(?:new|recent|latest|\d{4})\s+)?"
    r"(?:(?P<publisher>(?:[A-Z][\w./&-]*\s+){0,3}[A-Z][\w./&-]*)\s+(?:[a-z]+\s+)?(?:" + PUBLICATIONS + r")"
    r"|(?:" + PUBLICATIONS + r")\s+by\s+(?:[Tt]he\s+)?(?P<by>(?:[A-Z][\w./&-]*\s+){0,3}[A-Z][\w./&-]*))\b"
)


def publisher_of(text: str) -> tuple[str, SpeakerKind] | None:
    """Who a publication given as the source names as its publisher, and their kind: an organisation
    before the noun ("a Times article": Times; "A CNN/ORC poll of South Carolina released on Tuesday":
    CNN/ORC), whoever the name is after "by" ("a study by Lily Batchelder": her); else None."""
    match = PUBLISHED.match(text)
    if match is None:
        return None
    publisher = match["publisher"] or match["by"]
    if publisher.split()[0] in TITLES_BEFORE_NAMES:
        return None  # "A President Obama study": a person the text names, not a publisher
    if match["by"]:
        parsed = parsed_mention(publisher)
        if parsed.kind in ("person", "organization", "group") and parsed.name:
            return parsed.name, parsed.kind
    return publisher, "organization"


# "The Security Council issued a statement", "a statement from the White House".
ISSUING_VERBS: Final = "issued|released|put out|sent|posted|published|tweeted|wrote|filed|signed"
ISSUED: Final = re.compile(
    r"(?P<subject>(?:[Tt]he\s+)?(?:[A-Z][\w.’'&-]*\s+){0,4}[A-Z][\w.’'&-]*|he|she|they|it)\s+"
    r"(?:\w+\s+)?(?:" + ISSUING_VERBS + r")\s+"
    r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z-]+)\b"
    r"|(?P<noun2>[a-z-]+)\s+(?:from|by)\s+(?:the\s+)?(?P<by>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)"
)
# Words every match of ISSUED holds between spaces: the regex is slow, and most texts hold none.
ISSUING_WORD: Final = re.compile(r"\s(?:" + ISSUING_VERBS + r"|from|by)\s")


def issuer_before(mention: Mention, context: str) -> str | None:
    """Who the text says issued a document of this kind, the last such statement before the quote."""
    noun = mention.text.lower().rstrip(".,").split()[-1:]
    if not noun or noun[0].rstrip("s") not in context or ISSUING_WORD.search(context) is None:
        return None  # a match would name the noun and hold an issuing word
    nouns = (noun[0], noun[0].rstrip("s"), noun[0] + "s")
    issuer = None
    at = context.find(nouns[1])
    while at >= 0:
        # ISSUED is tried only in the paragraphs (lines) that hold the document's noun: a statement
        # never spans two, and the regex tried at every character of the context cost ~1% of
        # extraction.
        start, end = context.rfind("\n", 0, at) + 1, context.find("\n", at)
        end = end if end >= 0 else len(context)
        for match in ISSUED.finditer(context, start, end):
            if (match["noun"] or match["noun2"]) in nouns:
                issuer = match["subject"] or match["by"]
        at = context.find(nouns[1], end)
    return issuer


# he/his/himself and she/herself as words: the pronouns that stand for a sentence's subject; "him"
# and "her" are as often someone the subject acts on ("Trump attacked her").
# Written to open with its first letter, so the search skips to an h or an s (a pattern opening with
# a word boundary is tried at every character); the lookbehind after that letter starts a word.
SUBJECT_PRONOUN: Final = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])(?:e|is|imself|erself)|(?<=[Ss])he)\b")
SUBJECT_PRONOUN_GENDERS: Final = {"he": "m", "his": "m", "himself": "m", "she": "f", "herself": "f"}
# The same pronouns written plainly, for tests/test_properties.py to hold the fast form to.
PLAIN_SUBJECT_PRONOUN: Final = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]imself|[Ss]he|[Hh]erself)\b")
# A naming's pronoun is read in the rest of its sentence, at most this many characters on.
NARRATIVE_REACH: Final = 80
# What ends a naming's reach before its pronoun: a capital (another name, perhaps; not a weekday,
# "Hollande said Friday as he entered"), a quotation mark (the pronoun is in quoted words), a
# paragraph's or a sentence's end.
NARRATIVE_STOP: Final = re.compile(r"(?!(?:" + "|".join(WEEKDAYS) + r")\b)[A-Z]|[\n“”\"‘]|[.!?][”’\"']?\s")
# Pronouns that settle a person's gender once they agree; the other gender's must be this many
# times fewer.
SETTLED_PRONOUNS: Final = 2
PRONOUN_MAJORITY: Final = 2


def narrative_genders(state: ArticleState) -> None:
    """Person speakers whose cues, honorifics and nouns gave no gender: the subject
    pronoun that follows a naming of them in its sentence, outside quotation marks, with no capital
    between ("Pence, whose running mate was booed, told his supporters"); evidence when one gender
    has PRONOUN_MAJORITY times the other's. Read only for those speakers, each until SETTLED_PRONOUNS
    agree."""
    text = state.text
    for cluster in state.clusters:
        if cluster.kind != "person" or any(alias in state.evidence for alias in cluster.aliases):
            continue
        found: dict[str, list[str]] = {"m": [], "f": []}
        for surname in apostrophe_forms(cluster.name.split()[-1]):
            start = text.find(surname)
            while start >= 0 and max(len(words) for words in found.values()) < SETTLED_PRONOUNS:
                end = start + len(surname)
                if (start == 0 or not text[start - 1].isalnum()) and not text[end : end + 1].isalnum():
                    pronoun = (
                        pronoun_after(text, end)
                        or pronoun_after_appositive(text, end)
                        or pronoun_opening_next(text, start, end, state)
                    )
                    if pronoun is not None and names_them(text, start, surname, cluster, state):
                        found[SUBJECT_PRONOUN_GENDERS[pronoun]].append(pronoun)
                start = text.find(surname, end)
        for gender, other in (("m", "f"), ("f", "m")):
            if found[gender] and len(found[gender]) >= PRONOUN_MAJORITY * len(found[other]):
                for pronoun in found[gender]:
                    state.note_gender(cluster.name, gender, f'pronoun "{pronoun}"', strong=False)


def apostrophe_forms(surname: str) -> tuple[str, ...]:
    """A surname as the text may write it: "O’Neill" is also "O'Neill" (one article writes both)."""
    if "’" in surname or "'" in surname:
        return (surname.replace("'", "’"), surname.replace("’", "'"))
    return (surname,)


def pronoun_after(text: str, end: int) -> str | None:
    """The subject pronoun after a naming that ends at end, lower case, if it follows in the naming's
    sentence with nothing NARRATIVE_STOP finds between, and is not inside quotation marks. Both
    searches read only the few words up to the pronoun."""
    if text.startswith(("’s", "'s"), end):
        end += 2
    match = SUBJECT_PRONOUN.search(text, end, end + NARRATIVE_REACH)
    # Most namings have no pronoun after them: the stop is looked for only before one that does, up
    # to its first letter (a capital: "He" opens another sentence).
    if match is None or NARRATIVE_STOP.search(text, end, match.start() + 1) is not None:
        return None
    at = match.start()
    line = text.rfind("\n", 0, at) + 1
    if text.count("“", line, at) > text.count("”", line, at) or text.count('"', line, at) % 2:
        return None  # a pronoun in quoted words speaks of someone else
    return match.group().lower()


# A naming's appositive, then a reporting verb and the pronoun opening the reported clause: "Peter
# Morency, a Verizon customer based in Boston, said he was frustrated". The appositive may hold
# capitals (a place, an employer), so NARRATIVE_STOP cannot be used across it; the verb's subject is
# the person named, and its reported clause's "he" is, as a rule, that person.
APPOSITIVE_CUE: Final = re.compile(r",\s[^.!?;:“”\"\n]{1,150}?,\s+(?P<verb>[a-z]+)\s+(?:that\s+)?(?P<pronoun>he|she)\b")


def pronoun_after_appositive(text: str, end: int) -> str | None:
    """The "he" or "she" a reporting verb after the naming's appositive introduces, if any."""
    if text[end : end + 1] != ",":
        return None
    match = APPOSITIVE_CUE.match(text, end)
    if match is None or match["verb"] not in lexicon.reporting_verbs():
        return None
    return match["pronoun"]


# A naming that opens its sentence: at most this many words before it ("White House spokesman Josh
# Earnest"), none closing a clause.
OPENING_WORDS: Final = 5
# How far the naming's sentence is read for its end.
SENTENCE_REACH: Final = 400


def pronoun_opening_next(text: str, start: int, end: int, state: ArticleState) -> str | None:
    """ "He" or "She" opening the sentence after the one a naming opens: the subject of a sentence is
    what the next sentence's opening pronoun stands for ("Mike Pence spoke to farmers in Toledo. He
    said …"), unless the sentence names someone else the pronoun may stand for ("… drew a reply from
    Senator Elizabeth Warren. She said"; a first name's usual gender may rule someone out, so this
    is no evidence of anyone's gender but the subject's). Neither sentence may hold quoted words: a
    pronoun in a quotation speaks of someone else."""
    limit = text.find("\n", end)
    limit = min(len(text) if limit < 0 else limit, end + SENTENCE_REACH)
    if text.find("He ", end, limit) < 0 and text.find("She ", end, limit) < 0:
        return None  # most namings: no sentence within reach opens with one
    line = text.rfind("\n", 0, start) + 1
    opening = text[max(line, start - 60) : start]
    for mark in (". ", "? ", "! "):
        opening = opening[opening.rfind(mark) + 1 :]
    if (start - line > 60 and len(opening) == 60) or "," in opening or len(opening.split()) > OPENING_WORDS:
        return None  # no sentence start near before it, or a clause before the naming
    for match in SENTENCE_BOUNDARY.finditer(text, end, limit):
        if after_abbreviation(text, match.start()):
            continue
        after = match.end()
        if holds_a_mark(opening, "double") or holds_a_mark(text[end:after], "double"):
            return None
        pronoun = "he" if text.startswith("He ", after) else "she" if text.startswith("She ", after) else None
        if pronoun is None or may_name_other(text[end:after], SUBJECT_PRONOUN_GENDERS[pronoun], state):
            return None
        return pronoun
    return None


def may_name_other(text: str, gender: str, state: ArticleState) -> bool:
    """Whether the text names a person the pronoun of this gender may stand for: a given name or a
    speaker's surname, unless a given name usually of the other gender says otherwise."""
    for run in capitalised_runs(text, len(text)):
        if may_name_person(run, state):
            guess = guessed_gender(run)
            if guess is None or guess[0] == gender:
                return True
    return False


def names_them(text: str, start: int, surname: str, cluster: Speaker, state: ArticleState) -> bool:
    """Whether the surname at start names the cluster's person: not another of that surname ("Hillary
    Clinton" for Bill Clinton's cluster), nor a bare surname the article gives two people."""
    before = capitalised_words_before(text, start).split()
    given = [word for word in before if word not in TITLES_BEFORE_NAMES]
    if not given:
        return len(bearers(surname, state)) < 2  # "Clinton" alone may be Bill or Hillary
    own = cluster.name.split()[:-1]  # "Speaker of the House Newt Gingrich": an office, then the name
    return same_person(" ".join([*given, surname]), cluster.name) or given[-len(own) :] == own
