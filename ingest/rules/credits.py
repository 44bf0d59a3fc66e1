"""Speakers of quotes that no cue verb attributes: a name after a dash ("― Krystal Correa"), a
transcript label ("PENCE: …"), a clause before a colon ("McConnell delivered a blunt message to Trump:
“…”"), a lead-in paragraph ending in a cue and a colon, and an embedded tweet's author."""

from __future__ import annotations

import re
from typing import Final

from ..models import Mention, Paragraph, Quote
from . import lexicon
from .cuewords import CUE_WORD, VERB_CLASS, strip_auxiliaries
from .mentions import parse_mention
from .sentences import sentences, trim_span
from .split import tweet_author
from .subjects import sentence_subject, subject_before
from .words import CAPITALISED_WORD, CUE_OPENERS, NOT_NAMES, SUBJECT_PRONOUNS, SURNAME_PARTICLE

MIN_INDIRECT_WORDS: Final = 2


LEAD_IN_TAIL_WORDS: Final = 6  # "said in a statement on Tuesday:" — words allowed between the cue and the colon


def colon_lead_in(paragraph: Paragraph) -> Mention | None:
    """The speaker of a paragraph that ends in a cue and a colon ("Cruz continued:", "In a 1963
    speech, he declared:"): what follows in the next paragraph is theirs."""
    text = paragraph.text.rstrip()
    if not text.endswith(":"):
        return None
    start = sentences(text)[-1][0]
    words = [w for w in CUE_WORD.finditer(text, start) if w.group().islower()]
    if not words or len(text[words[-1].end() : -1].split()) > LEAD_IN_TAIL_WORDS:
        return None
    word = words[-1]
    if VERB_CLASS.get(word.group(), "belief") != "speech":
        return None
    subject = subject_before(text, start, strip_auxiliaries(text, start, word.start())).span
    return parse_mention(text[subject[0] : subject[1]]) if subject is not None else None


def introduced_quotes(paragraph: Paragraph, found: list[Quote], mention: Mention) -> list[Quote]:
    """The paragraph after a colon lead-in: one with no quotation or cue of its own is the lead-in
    speaker's words reported (an opening quotation is theirs too: resolve.continue_lead_in)."""
    text = paragraph.text
    if found:
        return found
    start, end = trim_span(text, 0, len(text.rstrip().rstrip(".!?;:")))
    if len(text[start:end].split()) < MIN_INDIRECT_WORDS or any(mark in text for mark in '“”"'):
        return found
    return [Quote(paragraph.position, start, end, text[start:end], "indirect", ":", mention)]


# “Donald Trump scares me …” ― Krystal Correa: a name after a dash, closing the quote's line.
DASH_CREDIT: Final = re.compile(
    r"[”\"’']?\s*[―—–]\s*(?P<name>"
    + CAPITALISED_WORD
    + r"(?:\s+(?:"
    + CAPITALISED_WORD
    + r"|"
    + SURNAME_PARTICLE
    + r")){1,4})"
    r"(?=\s*(?:$|[“\"(,]))"
)


def credit_by_dash(quote: Quote, text: str) -> None:
    match = DASH_CREDIT.match(text, quote.end, quote.end + 80)
    if match is not None:
        name = match["name"]
        if name.endswith(".") and len(name.split()[-1]) > 3:
            name = name[:-1]  # "― Steve Quinlan." ends a sentence; "Jr." keeps its point
        quote.mention = parse_mention(name)
        quote.cue = text[match.start("name") - 2 : match.start("name")].strip()


# "BENENSON: Senator Sanders doesn’t get to decide …", "Q: …": a transcript line after its speaker's name.
SPEAKER_LABEL: Final = re.compile(r"(?P<name>" + CAPITALISED_WORD + r"(?:\s+" + CAPITALISED_WORD + r"){0,2}):\s+(?=\S)")


MIN_LABELLED_WORDS: Final = 4


def speaker_label_quote(paragraph: Paragraph) -> Quote | None:
    text = paragraph.text
    # '"PENCE: Well, …': a transcript printed as one long quotation, a lone mark opening each turn.
    opener = 1 if text.startswith('"') and text.count('"') == 1 else 0
    label = SPEAKER_LABEL.match(text, opener)
    if label is None or len(text[label.end() :].split()) < MIN_LABELLED_WORDS or '"' in text[opener:] or "“" in text:
        return None
    words = label["name"].split()
    if words[0].lower() in NOT_NAMES or any(w.endswith(("ing", "ed")) or w in lexicon.group_words() for w in words):
        return None  # "The Latest:", "Breaking:", "Contributing:", "Poll:"
    end = len(text.rstrip())
    quote = Quote(paragraph.position, label.end(), end, text[label.end() : end], "indirect", ":")
    quote.mention = parse_mention(label["name"])
    return quote


COLON_BEFORE_QUOTE: Final = re.compile(r":\s*[“\"‘']*$")


MAX_COLON_LEAD_WORDS: Final = 25


def credit_by_colon(quote: Quote, text: str, masked: str, sentence_start: int) -> None:
    """ "McConnell delivered a blunt message to Trump: “It's time to quit.”" — a quote after a colon
    belongs to the name or pronoun opening the clause before it."""
    colon = COLON_BEFORE_QUOTE.search(masked, max(sentence_start, quote.start - 6), quote.start)
    if colon is None or len(masked[sentence_start : colon.start()].split()) > MAX_COLON_LEAD_WORDS:
        return
    subject = sentence_subject(masked, sentence_start, colon.start())
    if subject is None or not names_someone(masked[subject[0] : subject[1]]):
        return
    quote.mention = parse_mention(text[subject[0] : subject[1]])
    quote.cue = ":"


def names_someone(phrase: str) -> bool:
    """A pronoun or a proper name, not a capitalised sentence opener ("The", "Then", "Asked", "Here’s")."""
    words = phrase.split()
    if phrase in SUBJECT_PRONOUNS:
        return True
    first = words[0].lower()
    return not (
        first in NOT_NAMES
        or first.endswith(("ed", "ing", "ly", "’s", "'s"))
        or phrase.isupper()
        or (len(words) == 1 and first in CUE_OPENERS)
    )


def embed_quote(paragraph: Paragraph) -> list[Quote]:
    author = tweet_author(paragraph.text)
    if not author:
        return []
    end = paragraph.text.find("pic.twitter.com")
    if end < 0:
        end = paragraph.text.rfind("—")
    start, end = trim_span(paragraph.text, 0, end)
    mention = Mention(text=f"{author[0]} ({author[1]})", name=author[0], kind="person")
    return [Quote(paragraph.position, start, end, paragraph.text[start:end], "direct", "tweeted", mention)]
