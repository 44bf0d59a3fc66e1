"""Find attributions in paragraphs: direct quotes with their cue and speaker mention, quoted
fragments inside a paraphrase (mixed), and indirect speech ("X said (that) …", "…, X said.",
"According to X, …"). Cues are found by cues.py. Who said a quote is resolve's decision: extract
gives each quote the cue and the mention the text puts beside it, nothing more."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Final

from ..models import Mention, Paragraph, Quote
from .credits import (
    MIN_INDIRECT_WORDS,
    colon_lead_in,
    credit_by_colon,
    credit_by_dash,
    embed_quote,
    introduced_quotes,
    speaker_label_quote,
)
from .cues import Cue, find_cues, frames_quotes
from .cuewords import find_cue_words
from .mentions import parse_mention
from .quotemarks import QuoteSpan, detect_quote_style, find_quote_spans
from .reported import MAX_CONTENT, ends_open
from .sentences import mask_spans, sentences, trim_span
from .words import TIME_NOUNS

REACH: Final = MAX_CONTENT + 500
WORD_CHARS: Final = re.compile(r"\w+")
SENTENCE_START_BEFORE: Final = re.compile(r"[.!?:]\s*[‘“\"']{0,2}$")
TRAILING_TIME: Final = re.compile(
    r",?\s+(?:(?:on|in|last|this|late|early|earlier|next)\s+)?(?:" + "|".join(TIME_NOUNS) + ")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
SCARE_QUOTE_WORDS: Final = 4
MIXED_GAP_WORDS: Final = 3  # a quote inside a cue's content with more than this many other words is a fragment


def extract_quotes(paragraphs: list[Paragraph]) -> list[Quote]:
    body = [p for p in paragraphs if p.kind == "body"]
    style = detect_quote_style([p.text for p in body])
    quotes: list[Quote] = []
    lead_in: Mention | None = None  # "Reporter Jomana Karadsheh says:" closing the paragraph before
    for paragraph in paragraphs:
        if paragraph.kind == "embed":
            quotes.extend(embed_quote(paragraph))
        elif paragraph.kind == "body":
            found = paragraph_quotes(paragraph, find_quote_spans(paragraph.text, style))
            quotes.extend(introduced_quotes(paragraph, found, lead_in) if lead_in is not None else found)
        lead_in = colon_lead_in(paragraph) if paragraph.kind == "body" else None
    return quotes


def paragraph_quotes(paragraph: Paragraph, spans: list[QuoteSpan]) -> list[Quote]:
    text = paragraph.text
    labelled = speaker_label_quote(paragraph) if ":" in text[:50] else None
    if labelled is not None:
        return [labelled]
    masked = mask_spans(text, spans)
    # One scan for cue words over the paragraph: none in it (and no quote marks) is most paragraphs.
    # No cue word crosses a sentence boundary (it follows a full stop), so each sentence takes its own.
    words = cue_words(masked, spans)
    if not spans and not words:
        return []
    direct = direct_quotes(paragraph, spans)
    found: list[Quote] = list(direct)
    waiting = next_word = 0  # direct quotes and cue words are in text order, and so are sentences
    for start, end in sentences(masked):
        first, first_word = waiting, next_word
        while waiting < len(direct) and direct[waiting].start < end:
            waiting += 1
        while next_word < len(words) and words[next_word].start() < end:
            next_word += 1
        if first == waiting and first_word == next_word:
            continue  # no quote and no cue word: nothing to attribute
        cues = find_cues(masked, start, end, words[first_word:next_word])
        found += sentence_quotes(paragraph, masked, cues, direct[first:waiting])
        for quote in direct[first:waiting]:
            if quote.mention is None:
                credit_by_colon(quote, text, masked, start)
    for quote in direct:
        if quote.mention is None:
            credit_by_dash(quote, text)
    if not found:
        return found  # cue words, but none with a source
    found = [q for q in found if q.mention is not None or not is_scare_quote(q, text)]
    return sorted(found, key=lambda q: (q.start, q.kind))


def cue_words(masked: str, spans: list[QuoteSpan]) -> list[re.Match]:
    """CUE_WORD's matches in the masked paragraph outside its quotes. A quote is a run of 'X' words
    behind its opening mark, and a cue word is made of letters and spaces, none of them all 'X': no
    match lies in or runs into a quote."""
    stretches: list[tuple[int, int]] = []
    position = 0
    for span in spans:
        stretches.append((position, span.start))
        position = span.end
    stretches.append((position, len(masked)))
    return find_cue_words(masked, stretches)


def sentence_quotes(paragraph: Paragraph, masked: str, cues: list[Cue], direct: list[Quote]) -> list[Quote]:
    """Attribute the sentence's direct quotes to its cues; return its indirect quotes."""
    if not cues:
        return []  # half the sentences of a paragraph with a cue word
    if not direct:
        # Most sentences with a cue quote nothing: no quote to attribute, none for a framing cue to
        # frame, none for a content to overlap.
        reporting = [cue for cue in cues if cue.verb_class != "framing"]
        return once_each(indirect_quote(paragraph, cue, []) for cue in reporting)
    quoted = [(q.start, q.end) for q in direct]
    starts = [q.start for q in direct]
    cues = [cue for cue in cues if cue.verb_class != "framing" or covers_quote(cue, nearby(quoted, starts, cue.start))]
    cue_starts = [cue.start for cue in cues]
    for quote in direct:
        # A cue's content lies within REACH of its verb: only those cues can hold the quote.
        lo, hi = bisect_left(cue_starts, quote.start - REACH), bisect_right(cue_starts, quote.end + REACH)
        cue = covering_cue(quote, cues[lo:hi], masked)
        if cue is None:
            continue
        mixed = more_than(MIXED_GAP_WORDS, words_between(masked, cue, quote))
        # A stance verb gives quoted words a speaker when it frames them ("criticized … as “weak”") or
        # they are a fragment of its clause ("proposed taxing so-called “pass through” income").
        if cue.verb_class != "stance" or mixed or frames_quotes(masked, cue):
            attribute(quote, paragraph.text, cue)
            quote.mixed = mixed
    return once_each(indirect_quote(paragraph, cue, nearby(quoted, starts, cue.start)) for cue in cues)


def once_each(quotes: Iterable[Quote | None]) -> list[Quote]:
    """Each reported span once: when a cue inside another's report gives the same words ("Clarke said he
    realized that …"), the outer report, whose cue comes first, keeps them."""
    kept: dict[tuple[int, int], Quote] = {}
    for quote in quotes:
        if quote is not None:
            kept.setdefault((quote.start, quote.end), quote)
    return list(kept.values())


def nearby(quoted: list[tuple[int, int]], starts: list[int], position: int) -> list[tuple[int, int]]:
    """The quoted spans (in text order) near a cue, so a huge sentence costs no more per cue than a short one."""
    return quoted[bisect_left(starts, position - REACH) : bisect_right(starts, position + REACH)]


def direct_quotes(paragraph: Paragraph, spans: list[QuoteSpan]) -> list[Quote]:
    quotes = []
    for span in spans:
        start, end = trim_span(paragraph.text, span.start, span.end)
        if end > start:
            quote = Quote(paragraph.position, start, end, paragraph.text[start:end], "direct")
            quote.continues = not span.closed
            quotes.append(quote)
    return quotes


def covers_quote(cue: Cue, quoted: list[tuple[int, int]]) -> bool:
    return any(cue.content_start <= start and end <= cue.content_end + 2 for start, end in quoted)


def covering_cue(quote: Quote, cues: list[Cue], masked: str) -> Cue | None:
    """The innermost cue whose reported span holds the quote; a speech cue before a stance one
    ("criticized Trump, saying “…”") or one in a reduced relative ("says Trump’s tweets accusing
    Machado … are “lies”")."""
    holding = [
        cue
        for cue in cues
        if min(quote.end, cue.content_end + 2) - max(quote.start, cue.content_start) >= (quote.end - quote.start) / 2
    ]
    if len(holding) < 2:
        return holding[0] if holding else None  # most quotes: no choice to make
    return min(holding, key=lambda c: (is_weak_cue(c, masked), c.content_end - c.content_start))


def is_weak_cue(cue: Cue, masked: str) -> bool:
    if cue.verb_class == "stance":
        return True
    word = masked[cue.start : cue.end].split()[-1]
    return word.endswith("ing") and not masked[max(0, cue.start - 3) : cue.start].rstrip().endswith((",", ":"))


def words_between(masked: str, cue: Cue, quote: Quote) -> Iterator[re.Match]:
    """The words of the cue's content outside the quote, found as they are asked for: a caller that
    needs only the first few does not scan a long content to its end."""
    yield from WORD_CHARS.finditer(masked, cue.content_start, max(cue.content_start, quote.start - 1))
    yield from WORD_CHARS.finditer(masked, quote.end + 1, max(quote.end + 1, cue.content_end))


def more_than(count: int, items: Iterator) -> bool:
    return next(islice(items, count, None), None) is not None


def attribute(quote: Quote, text: str, cue: Cue) -> None:
    quote.mention = parse_mention(text[cue.mention_start : cue.mention_end])
    quote.cue = text[cue.start : cue.end]


def indirect_quote(paragraph: Paragraph, cue: Cue, quoted: list[tuple[int, int]]) -> Quote | None:
    """The cue's reported span as an indirect quote, unless it is (mostly) a direct quote already."""
    text = paragraph.text
    start, end = trim_span(text, cue.content_start, cue.content_end)
    while end > start and text[end - 1] in ".!?;:—–-":
        end -= 1
    start, end = trim_span(text, start, end)
    # Only a content ending in a time word can end in a time phrase: test that before searching it all.
    when = TRAILING_TIME.search(text, start, end) if text.endswith(TIME_NOUNS, start, end) else None
    if when is not None and when.start() > start and not ends_open(text, start, when.start()):
        end = when.start()  # "endorsed Trump last week": when it was said is not what was said
    least = 1 if cue.verb_class == "stance" else MIN_INDIRECT_WORDS
    if len(text[start:end].split(maxsplit=least)) < least:  # no need to count past least
        return None
    if quoted and sum(max(0, min(end, b + 1) - max(start, a - 1)) for a, b in quoted) > 0.5 * (end - start):
        return None  # mostly inside direct quotes
    quote = Quote(paragraph.position, start, end, text[start:end], "indirect")
    attribute(quote, text, cue)
    return quote if quote.mention is not None and quote.mention.text else None


def is_scare_quote(quote: Quote, text: str) -> bool:
    """Short quoted words inside a sentence, with no speaker: ‘forgiving’, ‘weakness’."""
    if len(quote.text.split()) <= SCARE_QUOTE_WORDS:
        return True
    return quote.start > 2 and not SENTENCE_START_BEFORE.search(text, max(0, quote.start - 6), quote.start)
