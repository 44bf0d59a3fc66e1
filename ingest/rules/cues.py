"""Find attribution cues in a sentence: every cue word (cuewords.py) with a plausible source, in one
of its shapes (shapes.py: subject first, tail, inverted; "according to" here), then each cue's
reported words cut where the next cue's own begin.

All offsets are into the paragraph. The sentence text given here is masked: quoted words are
replaced by 'X', so verbs inside quotes are never cues and sentence ends inside quotes are ignored.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from . import lexicon
from .cuewords import ALWAYS_CAPITALISED, CUE_WORD, VERB_CLASS, in_title_case
from .reported import last_word_start
from .shapes import Cue, CueWord, verb_cue
from .subjects import trim_end
from .words import CALL, CAPITALISED_WORD, CLAUSE_LINKS, CONDITION_OPENERS, SUBJECT_PRONOUNS, TIME_OPENERS


def find_cues(masked: str, start: int, end: int, words: list[re.Match] | None = None) -> list[Cue]:
    """Every cue in masked[start:end] (one sentence) with a plausible source; words are the sentence's
    CUE_WORD matches when the caller has them already."""
    cues: list[Cue] = []
    quoted = masked.find("X", start, end) >= 0
    for match in CUE_WORD.finditer(masked, start, end) if words is None else words:
        word_start, word_end = match.span()  # read once: each read of a match is a Python method call
        written = masked[word_start:word_end]
        word = written.lower()
        if written[0].isupper() and word not in ALWAYS_CAPITALISED and not in_title_case(masked, start, end, match):
            continue  # "Support for Mr. Trump", "SAID": a capitalised cue word counts only in a title-case line
        verb_class = VERB_CLASS.get(word, "belief")
        if verb_class == "framing" and word in CALL and NAMING.match(masked, word_end, end):
            verb_class = "stance"  # "called him a political opportunist": a view, quoted or not
        if verb_class == "framing" and not quoted:
            continue  # a framing cue is kept only with quoted words in its content, none in this sentence
        if word == "according to":
            cue = according_to(masked, start, end, match)
        else:
            cue = verb_cue(CueWord(masked, start, end, word_start, word_end, word, verb_class), cues)
        if cue is not None and (cue.verb_class != "framing" or "X" in masked[cue.content_start : cue.content_end]):
            cues.append(cue)
    # A cue's content stops where the next cue's own subject begins ("… a counter-attack and sources said").
    for cue, following in pairwise(cues):
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
    """Whether the cue's source opens a clause inside other reported words: after "that" or a condition
    ("if voters said"), or a reduced relative."""
    before = masked[max(0, cue.mention_start - 8) : cue.mention_start].rstrip()
    after_that = before.endswith("that")
    after_condition = before[last_word_start(before, 0, len(before)) :].lower() in CONDITION_OPENERS
    return after_that or after_condition or in_reduced_relative(masked, cue)


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


# Words left between a report and the next cue's source: "… a counter-attack and sources said", "…
# unendorse Trump after the billionaire estate mogul claimed" (when the call was made, not what it said).
CONTENT_LINKS: Final = ("and", "but", "while", "as", *TIME_OPENERS)
CONJUNCTION_BEFORE: Final = re.compile(r"[\s,]*(?:\b(?:" + "|".join(CONTENT_LINKS) + r")\s+)?$")


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


def frames_quotes(masked: str, cue: Cue) -> bool:
    """Whether the cue's verb is one that can attribute quoted words ("praised", "called")."""
    words = masked[cue.start : cue.end].split()
    return bool(words) and words[-1].lower() in lexicon.framing_verbs()
