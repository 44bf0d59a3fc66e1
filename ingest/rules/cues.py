"""Find attribution cues in a sentence: the reporting verb, the phrase that names its source, and
the span of what was reported.

Three shapes, tried in this order for each cue word:
- subject first: "Tajikistan said that the Afghans …", "Ahmad Zaman, another resident, told the paper: ‘…’"
- tail:          "‘…,’ he told ABC on Monday." / "The darkness was a signal, he said."
- inverted:      "‘…,’ said Abdul Raouf, a soldier." / "…, according to Afghan officials."

All offsets are into the paragraph. The sentence text given here is masked: quoted words are
replaced by 'X', so verbs inside quotes are never cues and sentence ends inside quotes are ignored.

cuewords.py decides which words are cues and where a cue's words begin; subjects.py finds the source
phrase, and reported.py where the reported words start and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from . import lexicon
from .cuewords import ALWAYS_CAPITALISED, CUE_WORD, VERB_CLASS, after_be, in_title_case, strip_auxiliaries
from .reported import (
    MAX_CONTENT,
    OBJECT_END,
    SECOND_PREDICATE,
    TRAILING_ASIDE,
    addressee_end,
    interrupted_end,
    introduced_content,
    opening_adjunct,
    opens_clause,
    tail_context,
    takes_object,
    takes_view,
)
from .subjects import (
    RELATIVE_START,
    comma_segments,
    inverted_mention,
    is_predicate,
    is_subject,
    names_a_holder,
    sentence_subject,
    subject_before,
    trim_end,
)
from .words import (
    AUX,
    BE_FORMS,
    CALL,
    CAPITALISED_WORD,
    CLAUSE_LINKS,
    CLAUSE_OPENERS,
    GOING_ON,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
)


@dataclass
class Cue:
    start: int  # the cue words ("has said", "according to")
    end: int
    mention_start: int
    mention_end: int
    content_start: int
    content_end: int
    shape: str  # subject | tail | inverted | according
    verb_class: str  # speech | framing | belief


def find_cues(masked: str, start: int, end: int, words: list[re.Match] | None = None) -> list[Cue]:
    """Every cue in masked[start:end] (one sentence) with a plausible source; words are the sentence's
    CUE_WORD matches when the caller has them already."""
    cues: list[Cue] = []
    quoted = masked.find("X", start, end) >= 0
    for match in CUE_WORD.finditer(masked, start, end) if words is None else words:
        written = match.group()
        word = written.lower()
        if written[0].isupper() and word not in ALWAYS_CAPITALISED and not in_title_case(masked, start, end, match):
            continue  # "Support for Mr. Trump", "SAID": a capitalised cue word counts only in a title-case line
        verb_class = VERB_CLASS.get(word, "belief")
        if verb_class == "framing" and word in CALL and NAMING.match(masked, match.end(), end):
            verb_class = "stance"  # "called him a political opportunist": a view, quoted or not
        if verb_class == "framing" and not quoted:
            continue  # a framing cue is kept only with quoted words in its content, none in this sentence
        if word == "according to":
            cue = according_to(masked, start, end, match)
        else:
            cue = verb_cue(masked, start, end, match.start(), match.end(), word, verb_class, cues)
        if cue is not None and (cue.verb_class != "framing" or "X" in masked[cue.content_start : cue.content_end]):
            cues.append(cue)
    # A cue's content stops where the next cue's own subject begins ("… a counter-attack and sources said").
    for cue, following in zip(cues, cues[1:], strict=False):
        if (
            cue.shape == "subject"
            and following.shape == "subject"
            and cue.content_start < following.mention_start
            and following.verb_class != "stance"  # "said the US and its allies will seek …": inside the report
            # "told a crowd in Miami that he knows that …": a clause of the reported words
            and not embedded(masked, following)
        ):
            floor = max(cue.content_start, following.mention_start - 40)
            cut = CONJUNCTION_BEFORE.search(masked, floor, following.mention_start)
            cue.content_end = min(cue.content_end, cut.start() if cut else following.mention_start)
    # "Perdue said he didn't believe …, arguing that …": a participle after a comma reports words of its own.
    for index, cue in enumerate(cues):
        if cue.shape != "subject":
            continue
        participle = next((c for c in cues[index + 1 :] if ends_at_participle(masked, cue, c)), None)
        if participle is not None:
            cue.content_end = masked.rfind(",", cue.content_start, participle.start)
    return cues


def ends_at_participle(masked: str, cue: Cue, following: Cue) -> bool:
    return (
        cue.content_start < following.start < cue.content_end
        and masked[cue.content_start : following.start].rstrip().endswith(",")
        and masked[following.start : following.end].endswith("ing")
    )


def embedded(masked: str, cue: Cue) -> bool:
    """Whether the cue's source opens a clause inside other reported words: after "that", or a reduced relative."""
    after_that = masked[max(0, cue.mention_start - 6) : cue.mention_start].rstrip().endswith("that")
    return after_that or in_reduced_relative(masked, cue)


def in_reduced_relative(masked: str, cue: Cue) -> bool:
    """ "the approximately $18 million he says he raised": a pronoun source right after a noun, with no
    comma or conjunction between them, opens a relative clause inside someone else's reported words."""
    before = masked[max(0, cue.mention_start - 20) : cue.mention_start]
    previous = (before.split() or [""])[-1]
    return (
        masked[cue.mention_start : cue.mention_end] in SUBJECT_PRONOUNS
        and before.endswith(" ")
        and previous[-1:].isalnum()
        and previous.lower() not in CLAUSE_LINKS
    )


CONJUNCTION_BEFORE: Final = re.compile(r"[\s,]*(?:\b(?:and|but|while|as)\s+)?$")


def according_to(masked: str, start: int, end: int, match: re.Match) -> Cue | None:
    """ "According to X, …" and "…, according to X." """
    before = masked[start : match.start()]
    if not before.strip():
        comma = masked.find(",", match.end(), end)
        if comma < 0 or comma - match.end() > 140:
            return None
        return Cue(match.start(), match.end(), match.end() + 1, comma, comma + 1, end, "according", "speech")
    if not before.rstrip().endswith(","):
        return None
    comma = masked.find(",", match.end(), end)
    mention_end = trim_end(masked, match.end() + 1, comma if comma >= 0 else end)
    content_start = start
    parenthesis = masked.rfind("(", start, match.start())
    if parenthesis > masked.rfind(")", start, match.start()):
        # "(the actual number is closer to 15 percent, according to Factcheck.org)": the aside only
        content_start = parenthesis + 1
        closing = masked.find(")", match.end(), mention_end + 1)
        mention_end = trim_end(masked, match.end() + 1, closing) if closing >= 0 else mention_end
    source = (match.end() + 1, mention_end)
    return Cue(match.start(), match.end(), *source, content_start, match.start(), "according", "speech")


# "called the incident a reason …", "called Mr. Yanukovych an outstanding leader": an object, then
# what it is called.
NAMING: Final = re.compile(
    r"\s+(?:him|her|them|it|(?:the|his|her|their|its)(?:\s+(?!(?:to|at|on|for|from|with|by|into|onto|over)\s)[\w’'-]+){1,6}?"
    r"|(?:" + CAPITALISED_WORD + r"\s+){0,3}" + CAPITALISED_WORD + r")"
    r"\s+(?:a|an|the|his|her|their|one)\s"
)


def verb_cue(
    masked: str, start: int, end: int, verb_start: int, verb_end: int, verb: str, verb_class: str, cues
) -> Cue | None:
    """The cue of the verb masked[verb_start:verb_end] (verb: its words in lower case), if it has a source."""
    if verb in lexicon.belief_adjectives() and not after_be(masked, start, verb_start):
        return None  # "Make sure you vote", "It is certain that …": no one holding the conviction
    cue_start = strip_auxiliaries(masked, start, verb_start)
    if masked.startswith(" by ", verb_end):
        if verb == "asked":
            return asked_by(masked, end, verb_start, verb_end)
        if masked[verb_start:verb_end].endswith("ed"):
            return passive_cue(masked, start, end, cue_start, verb_end, verb_class)
    after_start, has_that = introduced_content(masked, verb_end, end)
    if verb_class == "stance" and not takes_object(masked, end, cue_start, verb_end, after_start):
        return None  # tested before the subject is looked for: most stance words are nouns ("their support")
    previous = cues[-1] if cues else None
    subject: tuple[int, int] | str | None
    if previous is not None and continues_previous(masked, previous, cue_start):
        subject = shared_subject(cues, previous)  # tested first: no need to look for a subject of its own
    else:
        subject = own_subject(masked, start, cue_start, previous)
        if previous is not None and shares_subject(masked, previous, cue_start, subject):
            subject = shared_subject(cues, previous)
        elif subject == "shared" or is_predicate(masked, subject, cue_start):
            subject = sentence_subject(masked, start, cue_start)  # "She was defending …, but admitted “…”"
    if verb_class == "stance":
        if not isinstance(subject, tuple):
            return None
        return stance_cue(masked, end, cue_start, verb_end, after_start, subject)
    # Only compared with 2, 3 and 8: nine words are as good as all of them.
    after_words = len(masked[after_start : min(end, after_start + 120)].split(maxsplit=8))
    if isinstance(subject, tuple):
        lead_end = tail_context(masked, start, subject[0])
        after_quote = lead_end is not None and masked[lead_end - 1] in "”’\"'"
        quote_after = masked.find("X", verb_end, min(end, verb_end + MAX_CONTENT)) >= 0
        # "Asked whether …, Reid said he would not": a clause after the verb is what it reports.
        clause_after = (masked[after_start : after_start + 6].split(maxsplit=1) or [""])[0] in CLAUSE_OPENERS
        told = addressee_end(masked, verb, after_start) if not (has_that or after_quote) else None
        if told is not None:
            after_start, clause_after = told, True  # "told POLITICO she was leaning toward Cruz"
        # "…, Mr. Trump said his net worth could …": a clause after the verb, not words before it.
        clause_after = clause_after or (not after_quote and after_words >= 3 and opens_clause(masked, after_start))
        # "In the deposition, Mr. Trump said his net worth could …": words before the comma that only
        # set the scene are not what the cue reports, so the clause after the verb is.
        adjunct = lead_end is not None and opening_adjunct(masked[start:lead_end])
        clause_after = clause_after or (
            adjunct and after_words >= 2 and not masked.startswith(SCENE_OPENERS, after_start)
        )
        tail = (
            lead_end is not None
            and not adjunct
            and not has_that
            and not clause_after
            # "“You winning?” she said, but …“…”": a quote later in the sentence is another clause's.
            and (
                (not quote_after and (after_words <= 8 or after_quote))
                or (after_quote and CLAUSE_AFTER_TAIL.match(masked, verb_end, min(end, verb_end + 12)) is not None)
            )
        )
        if tail and lead_end is not None and verb_class != "framing":
            content_end = lead_end if after_quote else interrupted_end(masked, verb_end, end, lead_end)
            return Cue(
                cue_start, verb_end, *subject, max(start, lead_end - MAX_CONTENT), content_end, "tail", verb_class
            )
        # "promises of billions", "wrote to his followers": a preposition ends a cue, unless quoted words follow.
        if after_words >= 2 and (
            quote_after
            or not masked.startswith(("of ", "to ", "for "), after_start)
            or INFINITIVE.match(masked, after_start)  # "promised to take bold action"
        ):
            if verb in GOING_ON and not (quote_after or has_that):
                return None  # "Republicans in Congress continue their legislative attacks": no speech
            if verb_class == "belief" and not has_that and not (clause_after or opens_clause(masked, after_start)):
                if takes_view(masked, subject, verb):
                    # "the survey found 90 percent …", "Many experts expected a closer race"
                    return stance_cue(masked, end, cue_start, verb_end, after_start, subject)
                return None
            content_end = min(end, after_start + MAX_CONTENT)
            second = SECOND_PREDICATE.search(masked, after_start, content_end)
            content_end = second.start() if second else content_end
            aside = TRAILING_ASIDE.search(masked, after_start, content_end)
            content_end = aside.start() if aside else content_end
            return Cue(cue_start, verb_end, *subject, after_start, content_end, "subject", verb_class)
    lead_end = tail_context(masked, start, cue_start)
    if lead_end is not None and verb_class == "speech":
        mention = inverted_mention(masked, verb_end, end)
        if mention is not None:
            content_start = max(start, lead_end - MAX_CONTENT)
            return Cue(cue_start, verb_end, *mention, content_start, lead_end, "inverted", verb_class)
    return None


# "said last week …", "said in a statement …": what follows the verb is when or where, not a clause.
SCENE_OPENERS: Final = tuple(f"{w} " for w in TIME_WORDS | PREPOSITIONS)


def own_subject(masked: str, start: int, cue_start: int, previous: Cue | None) -> tuple[int, int] | str | None:
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
    return RELATIVE_START.match(masked[cue.mention_end : cue.start].lstrip(", ")) is not None


def stance_cue(
    masked: str, end: int, cue_start: int, verb_end: int, content_start: int, subject: tuple[int, int]
) -> Cue | None:
    """ "Clinton endorsed the bipartisan deal": the object and the rest of its clause (from content_start,
    see introduced_content) are reported."""
    if not names_a_holder(masked[subject[0] : subject[1]]):
        return None
    content_end = min(end, content_start + MAX_CONTENT)
    if RELATIVE_START.match(masked[subject[1] : cue_start].lstrip(", ")):
        comma = masked.find(",", content_start, content_end)
        content_end = comma if comma >= 0 else content_end  # "Reid, who endorsed Clinton in February, …"
    stop = OBJECT_END.search(masked, content_start, content_end)
    content_end = stop.start() if stop else content_end
    aside = TRAILING_ASIDE.search(masked, content_start, content_end)
    content_end = aside.start() if aside else content_end
    return Cue(cue_start, verb_end, *subject, content_start, content_end, "subject", "stance")


def frames_quotes(masked: str, cue: Cue) -> bool:
    """Whether the cue's verb is one that can attribute quoted words ("praised", "called")."""
    words = masked[cue.start : cue.end].split()
    return bool(words) and words[-1].lower() in lexicon.framing_verbs()


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


def passive_cue(masked: str, start: int, end: int, cue_start: int, verb_end: int, verb_class: str) -> Cue | None:
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
    if not (passive or reduced) or not segments or not is_subject(masked[slice(*segments[-1])]):
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


def shares_subject(masked: str, previous: Cue, cue_start: int, subject) -> bool:
    """ "X said …, adding that …" and "X called … and said ‘…’": a participle after a comma, or a verb
    after a bare "and", takes the subject of the cue before it (continues_previous was tested first)."""
    if subject == "shared":
        return True
    between = masked[previous.end : cue_start]
    participle = opens_with_participle(masked, cue_start)
    if participle and after_be_form(masked, cue_start):
        return False  # "Trump was seeking votes": a verb of its own clause, not a participle
    return (
        subject is None
        and masked[previous.start : previous.end].strip() != ""
        and (between.rstrip().endswith(",") or participle)
        and previous.shape != "according"
    )
