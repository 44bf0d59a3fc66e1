"""A cue verb's three shapes, and the cue it makes: the verb, the phrase that names its source and
the span of what was reported (all offsets into the paragraph, whose text is masked: quoted words
are 'X').

- subject first: "Tajikistan said that the Afghans …", "Ahmad Zaman, another resident, told the paper: ‘…’"
- tail:          "‘…,’ he told ABC on Monday." / "The darkness was a signal, he said."
- inverted:      "‘…,’ said Abdul Raouf, a soldier." (and "according to X", in cues.py)

verb_cue tries them in that order for one cue word (a CueWord); a passive ("criticized by
Republicans"), a question put ("Asked by Matt Lauer whether …") and a stance taken ("Clinton
endorsed the deal") have cues of their own. subjects.py finds source phrases, reported.py where the
reported words start and end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from . import lexicon
from .cuewords import VerbClass, after_be, strip_auxiliaries
from .reported import (
    MAX_CONTENT,
    addressee_end,
    interrupted_end,
    introduced_content,
    object_end,
    opening_adjunct,
    opens_clause,
    second_predicate_start,
    tail_context,
    takes_object,
    takes_view,
    trailing_aside_start,
)
from .sourcephrases import is_subject
from .subjects import (
    SubjectBefore,
    comma_segments,
    inverted_mention,
    is_predicate,
    names_a_holder,
    opens_relative,
    sentence_subject,
    spanned,
    subject_before,
    trim_end,
)
from .words import AUX, BE_FORMS, CAPITALISED_WORD, CLAUSE_OPENERS, GOING_ON, PREPOSITIONS, TIME_WORDS

Shape = Literal["subject", "tail", "inverted", "according"]


@dataclass
class Cue:
    start: int  # the cue words ("has said", "according to")
    end: int
    mention_start: int
    mention_end: int
    content_start: int
    content_end: int
    shape: Shape
    verb_class: VerbClass


@dataclass
class CueWord:
    """One cue word in its sentence, as the shapes look at it."""

    masked: str
    start: int  # the sentence
    end: int
    verb_start: int  # the cue word
    verb_end: int
    verb: str  # its words in lower case
    verb_class: VerbClass
    cue_start: int = -1  # where the cue begins, auxiliaries included ("has also said"); set by verb_cue

    # Written out, here and in After, QuoteSpan and Naming: mypyc compiles an __init__ the class
    # defines, while the one @dataclass generates runs as plain Python, ~9x slower per object.
    def __init__(
        self, masked: str, start: int, end: int, verb_start: int, verb_end: int, verb: str, verb_class: VerbClass
    ) -> None:
        self.masked, self.start, self.end = masked, start, end
        self.verb_start, self.verb_end, self.verb, self.verb_class = verb_start, verb_end, verb, verb_class
        self.cue_start = -1


@dataclass
class After:
    """What follows a verb whose subject stands before it, and what precedes that subject."""

    start: int  # where words reported after the verb start (past "that", a colon, an addressee)
    has_that: bool  # "that" or a colon introduces them
    words: int  # how many words follow, counted up to 9 (only compared with 2, 3 and 8)
    clause: bool  # a clause follows the verb ("said his net worth could …")
    quote: bool  # quoted words follow the verb
    lead_end: int | None  # where the words before the subject end, when it may report them ("‘…,’ he said")
    lead_quoted: bool  # ... and those words end in a quotation
    adjunct: bool  # ... and they only set the scene ("In the deposition, Mr. Trump said …")

    def __init__(
        self,
        start: int,
        has_that: bool,
        words: int,
        clause: bool,
        quote: bool,
        lead_end: int | None,
        lead_quoted: bool,
        adjunct: bool,
    ) -> None:
        self.start, self.has_that, self.words, self.clause, self.quote = start, has_that, words, clause, quote
        self.lead_end, self.lead_quoted, self.adjunct = lead_end, lead_quoted, adjunct


def verb_cue(word: CueWord, cues: list[Cue]) -> Cue | None:
    """The cue of a cue word, if it has a source: a passive or a question put by someone, then a verb
    with its subject before it (a tail or subject first), else inverted. cues: the sentence's cues so
    far, whose subject a later verb may share ("X said …, adding that …")."""
    masked = word.masked
    if word.verb in lexicon.belief_adjectives() and not after_be(masked, word.start, word.verb_start):
        return None  # "Make sure you vote", "It is certain that …": no one holding the conviction
    word.cue_start = strip_auxiliaries(masked, word.start, word.verb_start)
    if masked.startswith(" by ", word.verb_end):
        if word.verb == "asked":
            return asked_by(masked, word.end, word.verb_start, word.verb_end)
        if masked[word.verb_start : word.verb_end].endswith("ed"):
            return passive_cue(masked, word.start, word.end, word.cue_start, word.verb_end, word.verb_class)
    after_start, has_that = introduced_content(masked, word.verb_end, word.end)
    if word.verb_class == "stance" and not takes_object(masked, word.end, word.cue_start, word.verb_end, after_start):
        return None  # tested before the subject is looked for: most stance words are nouns ("their support")
    subject = cue_subject(word, cues)
    if word.verb_class == "stance":
        if subject is None:
            return None
        return stance_cue(masked, word.end, word.cue_start, word.verb_end, after_start, subject)
    if subject is not None:
        after = words_after(word, subject, after_start, has_that)
        cue = tail_cue(word, subject, after)
        if cue is not None:
            return cue
        if reports_after(word, after):
            return subject_first_cue(word, subject, after)
    return inverted_cue(word)


def cue_subject(word: CueWord, cues: list[Cue]) -> tuple[int, int] | None:
    """The source phrase of a verb: its own subject, or the one it shares with the cue before it."""
    masked, cue_start = word.masked, word.cue_start
    previous = cues[-1] if cues else None
    if previous is not None and continues_previous(masked, previous, cue_start):
        return shared_subject(cues, previous)  # tested first: no need to look for a subject of its own
    subject = own_subject(masked, word.start, cue_start, previous)
    if previous is not None and shares_subject(masked, previous, cue_start, subject):
        return shared_subject(cues, previous)
    if subject.shared or is_predicate(masked, subject.span, cue_start):
        return sentence_subject(masked, word.start, cue_start)  # "She was defending …, but admitted “…”"
    return subject.span


def words_after(word: CueWord, subject: tuple[int, int], start: int, has_that: bool) -> After:
    masked, end = word.masked, word.end
    count = len(masked[start : min(end, start + 120)].split(maxsplit=8))
    lead_end = tail_context(masked, word.start, subject[0])
    lead_quoted = lead_end is not None and masked[lead_end - 1] in "”’\"'"
    quote = masked.find("X", word.verb_end, min(end, word.verb_end + MAX_CONTENT)) >= 0
    # "Asked whether …, Reid said he would not": a clause after the verb is what it reports.
    clause = (masked[start : start + 6].split(maxsplit=1) or [""])[0] in CLAUSE_OPENERS
    told = addressee_end(masked, word.verb, start) if not (has_that or lead_quoted) else None
    if told is not None:
        start, clause = told, True  # "told POLITICO she was leaning toward Cruz"
    # "…, Mr. Trump said his net worth could …": a clause after the verb, not words before it.
    clause = clause or (not lead_quoted and count >= 3 and opens_clause(masked, start))
    # "In the deposition, Mr. Trump said his net worth could …": words before the comma that only
    # set the scene are not what the cue reports, so the clause after the verb is.
    adjunct = lead_end is not None and opening_adjunct(masked[word.start : lead_end])
    clause = clause or (adjunct and count >= 2 and not masked.startswith(SCENE_OPENERS, start))
    return After(start, has_that, count, clause, quote, lead_end, lead_quoted, adjunct)


def tail_cue(word: CueWord, subject: tuple[int, int], after: After) -> Cue | None:
    """ "‘…,’ he told ABC on Monday.", "The darkness was a signal, he said.": the words before the
    subject are what it reports."""
    if after.lead_end is None or after.adjunct or after.has_that or after.clause or word.verb_class == "framing":
        return None
    if after.quote:
        # "“You winning?” she said, but …“…”": a quote later in the sentence is another clause's.
        ends = CLAUSE_AFTER_TAIL.match(word.masked, word.verb_end, min(word.end, word.verb_end + 12)) is not None
        if not (after.lead_quoted and ends):
            return None
    elif not (after.words <= 8 or after.lead_quoted):
        return None
    if after.lead_quoted:
        content_end = after.lead_end
    else:
        content_end = interrupted_end(word.masked, word.verb_end, word.end, after.lead_end)
    content_start = max(word.start, after.lead_end - MAX_CONTENT)
    return Cue(word.cue_start, word.verb_end, *subject, content_start, content_end, "tail", word.verb_class)


def reports_after(word: CueWord, after: After) -> bool:
    """Whether words after the verb can be what it reports: "promises of billions", "wrote to his
    followers" are no report, unless quoted words follow ("promised to take bold action" is)."""
    masked = word.masked
    return after.words >= 2 and (
        after.quote
        or not masked.startswith(("of ", "to ", "for "), after.start)
        or bool(INFINITIVE.match(masked, after.start))
    )


def subject_first_cue(word: CueWord, subject: tuple[int, int], after: After) -> Cue | None:
    """ "Tajikistan said that the Afghans …": the words after the verb are what it reports."""
    masked = word.masked
    if word.verb in GOING_ON and not (after.quote or after.has_that):
        return None  # "Republicans in Congress continue their legislative attacks": no speech
    if word.verb_class == "belief" and not after.has_that and not (after.clause or opens_clause(masked, after.start)):
        if takes_view(masked, subject, word.verb):
            # "the survey found 90 percent …", "Many experts expected a closer race"
            return stance_cue(masked, word.end, word.cue_start, word.verb_end, after.start, subject)
        return None
    content_end = min(word.end, after.start + MAX_CONTENT)
    second = second_predicate_start(masked, after.start, content_end)
    content_end = second if second is not None else content_end
    aside = trailing_aside_start(masked, after.start, content_end)
    content_end = aside if aside is not None else content_end
    return Cue(word.cue_start, word.verb_end, *subject, after.start, content_end, "subject", word.verb_class)


def inverted_cue(word: CueWord) -> Cue | None:
    """ "‘…,’ said Abdul Raouf, a soldier.": the source after a speech verb that trails the words."""
    lead_end = tail_context(word.masked, word.start, word.cue_start)
    if lead_end is None or word.verb_class != "speech":
        return None
    mention = inverted_mention(word.masked, word.verb_end, word.end)
    if mention is None:
        return None
    content_start = max(word.start, lead_end - MAX_CONTENT)
    return Cue(word.cue_start, word.verb_end, *mention, content_start, lead_end, "inverted", word.verb_class)


# "said last week …", "said in a statement …": what follows the verb is when or where, not a clause.
SCENE_OPENERS: Final = tuple(f"{w} " for w in TIME_WORDS | PREPOSITIONS)


def own_subject(masked: str, start: int, cue_start: int, previous: Cue | None) -> SubjectBefore:
    """The source phrase before the cue (see subject_before)."""
    # "Beck, who supported Cruz, last week said": a cue in a relative clause leaves the main subject open.
    floor = previous.end if previous is not None and not in_relative_clause(masked, previous) else start
    infinitive = "to" in masked[max(floor, cue_start - 8) : cue_start]  # tested first: most cues have none
    control = CONTROL_BEFORE.search(masked, max(floor, cue_start - 40), cue_start) if infinitive else None
    if control is not None and control["verb"].lower() in lexicon.control_verbs():
        # "Sanders tended to support", "The campaign refused to comment on": the subject of the verb
        # the infinitive hangs on.
        return subject_before(masked, floor, strip_auxiliaries(masked, floor, control.start("verb")))
    return subject_before(masked, floor, cue_start)


def shared_subject(cues: list[Cue], previous: Cue) -> tuple[int, int]:
    """ "X said …, adding that …": the source of the cue before, or of the one whose words hold it."""
    sharer = outermost(cues, previous)
    return sharer.mention_start, sharer.mention_end


# "to" before a verb, not before a noun phrase ("wrote to his followers", "told to reporters").
INFINITIVE: Final = re.compile(
    r"to\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|him|them|me|us|it|you|all|some|any|"
    r"every|each|no|reporters|voters|supporters|donors|members|officials)\b)[a-z]+\b"
)


CONTROL_BEFORE: Final = re.compile(r"(?<![\w’'-])(?P<verb>[a-z]+)\s+(?:not\s+)?to\s+$")


CLAUSE_AFTER_TAIL: Final = re.compile(r"(?:\.|,\s+(?:but|and|while|as|though|although)\s)")


RECENT_CUES: Final = 8


def outermost(cues: list[Cue], cue: Cue) -> Cue:
    """The cue whose reported words hold this cue's source, if any: in "Clinton told the audience that
    she believes …, saying …", "saying" is Clinton's, not the embedded "she believes"."""
    recent = cues[-RECENT_CUES:]  # bounded, so a huge sentence with thousands of cues stays linear
    holder = next((c for c in recent if c is not cue and c.content_start <= cue.mention_start < c.content_end), None)
    return holder if holder is not None and holder.shape == "subject" else cue


def in_relative_clause(masked: str, cue: Cue) -> bool:
    return opens_relative(masked[cue.mention_end : cue.start].lstrip(", "))


def stance_cue(
    masked: str, end: int, cue_start: int, verb_end: int, content_start: int, subject: tuple[int, int]
) -> Cue | None:
    """ "Clinton endorsed the bipartisan deal": the object and the rest of its clause (from content_start,
    see introduced_content) are reported."""
    if not names_a_holder(masked[subject[0] : subject[1]]):
        return None
    content_end = min(end, content_start + MAX_CONTENT)
    if opens_relative(masked[subject[1] : cue_start].lstrip(", ")):
        comma = masked.find(",", content_start, content_end)
        content_end = comma if comma >= 0 else content_end  # "Reid, who endorsed Clinton in February, …"
    content_end = object_end(masked, content_start, content_end)
    aside = trailing_aside_start(masked, content_start, content_end)
    content_end = aside if aside is not None else content_end
    return Cue(cue_start, verb_end, *subject, content_start, content_end, "subject", "stance")


ASKED_BY: Final = re.compile(
    r" by ((?:" + CAPITALISED_WORD + r"\s+){0,4}" + CAPITALISED_WORD + r")"  # the asker's name
    r"(?:\s+[\w’'.-]+){0,4}?\s+(?=(?:whether|if|about|why|what|how|when|where|who)\s)"  # "on Thursday"
)


def asked_by(masked: str, end: int, verb_start: int, verb_end: int) -> Cue | None:
    """ "Asked by Matt Lauer whether she had practiced her speech, …": the question is the asker's."""
    match = ASKED_BY.match(masked, verb_end, min(end, verb_end + 120))
    if match is None:
        return None
    content_end = masked.find(",", match.end(), end)
    content_end = trim_end(masked, match.end(), content_end if content_end >= 0 else end)
    if len(masked[match.end() : content_end].split()) < 2:
        return None
    return Cue(verb_start, verb_end, match.start(1), match.end(1), match.end(), content_end, "inverted", "speech")


AGENT: Final = re.compile(
    r" by ([\w’'-][\w.’'-]*(?:\s+[\w.’'-]+){0,6}?)"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:in|on|at|during|for|after|before|as|and|but|who|which|that|to|over|because|last|"
    r"this|since|while|when|with|from)\b)"
)


# What may stand between a passive's subject and its verb: "has been criticized by".
BEFORE_PASSIVE_VERB: Final = BE_FORMS | AUX


def passive_cue(masked: str, start: int, end: int, cue_start: int, verb_end: int, verb_class: VerbClass) -> Cue | None:
    """ "The immigration bill, opposed by House Republicans, never became law", "Trump was criticized by
    Republicans": the agent after "by" is the source, the thing before the verb what they spoke of."""
    agent = AGENT.match(masked, verb_end, min(end, verb_end + 120))
    if agent is None or not is_subject(agent[1]) or verb_class == "belief":
        return None
    before = masked[max(start, cue_start - 40) : cue_start].split()
    head_end, passive = cue_start, False
    while before and (word := before[-1].lower()) in BEFORE_PASSIVE_VERB:
        passive = passive or word in BE_FORMS
        head_end = masked.rfind(before.pop(), start, head_end)
    reduced = masked[start:head_end].rstrip().endswith(",")  # "The bill, opposed by House Republicans,"
    head_end = trim_end(masked, start, head_end)
    segments = comma_segments(masked, max(start, head_end - 200), head_end)
    if not (passive or reduced) or not segments or not is_subject(spanned(masked, segments[-1])):
        return None
    agent_end = trim_end(masked, agent.start(1), agent.end(1))
    return Cue(cue_start, verb_end, agent.start(1), agent_end, *segments[-1], "inverted", verb_class)


def continues_previous(masked: str, previous: Cue, cue_start: int) -> bool:
    """ "Clinton mocked the complaint, saying …": a participle after a comma takes the subject of the
    cue before it, whatever stands before the comma (an object, not a source)."""
    return (
        previous.shape == "subject"
        and masked[previous.end : cue_start].rstrip().endswith(",")
        and opens_with_participle(masked, cue_start)
        and not after_be_form(masked, cue_start)
    )


def opens_with_participle(masked: str, cue_start: int) -> bool:
    return (masked[cue_start : cue_start + 40].split(maxsplit=1) or [""])[0].rstrip(",:").endswith("ing")


def after_be_form(masked: str, cue_start: int) -> bool:
    return (masked[max(0, cue_start - 8) : cue_start].split() or [""])[-1] in BE_FORMS


def shares_subject(masked: str, previous: Cue, cue_start: int, subject: SubjectBefore) -> bool:
    """ "X said …, adding that …" and "X called … and said ‘…’": a participle after a comma, or a verb
    after a bare "and", takes the subject of the cue before it (continues_previous was tested first)."""
    if subject.shared:
        return True
    between = masked[previous.end : cue_start]
    participle = opens_with_participle(masked, cue_start)
    if participle and after_be_form(masked, cue_start):
        return False  # "Trump was seeking votes": a verb of its own clause, not a participle
    return (
        subject.span is None
        and masked[previous.start : previous.end].strip() != ""
        and (between.rstrip().endswith(",") or participle)
        and previous.shape != "according"
    )
