"""Find attributions in paragraphs: direct quotes with their cue and speaker mention, quoted
fragments inside a paraphrase (mixed), and indirect speech ("X said (that) …", "…, X said.",
"According to X, …"). Cues are found by cues.py; resolving pronouns and aliases is resolve's job."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import islice
from typing import Final

from ..models import Mention, Paragraph, Quote
from . import lexicon
from .cues import Cue, find_cues, frames_quotes
from .cuewords import CUE_WORD, LOWER_CUE_WORD, VERB_CLASS, find_cue_words, strip_auxiliaries
from .mentions import parse_mention
from .quotemarks import QuoteSpan, detect_quote_style, find_quote_spans
from .reported import MAX_CONTENT
from .split import tweet_author
from .subjects import sentence_subject, subject_before
from .words import CAPITALISED_WORD, CUE_OPENERS, NOT_NAMES, SUBJECT_PRONOUNS, SURNAME_PARTICLE, TIME_NOUNS

ABBREVIATION: Final = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|Prof|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec"
    r"|vs|Inc|Corp|Co|Ft|Mt|Rev|Adm|Gens|Sens|Reps))$"
)
# "[.!?…][.!?…]*" rather than "[.!?…]+": a pattern opening with a plain character class lets the
# regex engine skip straight to the punctuation instead of trying the pattern at every character.
AFTER_SENTENCE_END: Final = r"[.!?…]*[\"”’']*\s+(?=[\"“‘'(]?[A-Z0-9])"
SENTENCE_BOUNDARY: Final = re.compile(r"[.!?…]" + AFTER_SENTENCE_END)
# The same boundary after a full stop. Most paragraphs end every sentence with one: led by a single
# character, the engine jumps from one full stop to the next, where a pattern led by a set of
# characters tests every character against the set.
FULL_STOP_BOUNDARY: Final = re.compile(r"\." + AFTER_SENTENCE_END)
REACH: Final = MAX_CONTENT + 500
QUOTE_CLOSERS: Final = frozenset("”’\"'")
# A short clause ending in a cue, right after a quote: its tail, even after a full stop.
SHORT_TAIL: Final = re.compile(r"(?:[^\s.]+\s+){1,5}?(?:" + LOWER_CUE_WORD + r")\s*[.,]")
WORD_CHARS: Final = re.compile(r"\w+")
SENTENCE_START_BEFORE: Final = re.compile(r"[.!?:]\s*[‘“\"']{0,2}$")
TRAILING_TIME: Final = re.compile(
    r",?\s+(?:(?:on|in|last|this|late|early|earlier|next)\s+)?(?:" + "|".join(TIME_NOUNS) + ")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
SCARE_QUOTE_WORDS: Final = 4
MIN_INDIRECT_WORDS: Final = 2
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
    subject = subject_before(text, start, strip_auxiliaries(text, start, word.start()))
    return parse_mention(text[subject[0] : subject[1]]) if isinstance(subject, tuple) else None


def introduced_quotes(paragraph: Paragraph, found: list[Quote], mention: Mention) -> list[Quote]:
    """The paragraph after a colon lead-in: its opening quotation, unattributed, is the lead-in
    speaker's; a paragraph with no quotation or cue of its own is their words reported."""
    text = paragraph.text
    if not found:
        start, end = trim_span(text, 0, len(text.rstrip().rstrip(".!?;:")))
        if len(text[start:end].split()) < MIN_INDIRECT_WORDS or any(mark in text for mark in '“”"'):
            return found
        return [Quote(paragraph.position, start, end, text[start:end], "indirect", ":", mention, method_for(mention))]
    first = found[0]
    if first.kind == "direct" and first.mention is None and not text[: first.start].strip(" “\"‘'"):
        first.mention, first.cue, first.method = mention, ":", method_for(mention)
    return found


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
    inherit_within_paragraph(direct, text)
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
        quote.cue, quote.method = text[match.start("name") - 2 : match.start("name")].strip(), "explicit"


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
    quote.method = method_for(quote.mention)
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
    quote.cue, quote.method = ":", method_for(quote.mention)


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


def sentence_quotes(paragraph: Paragraph, masked: str, cues: list[Cue], direct: list[Quote]) -> list[Quote]:
    """Attribute the sentence's direct quotes to its cues; return its indirect quotes."""
    if not cues:
        return []  # half the sentences of a paragraph with a cue word
    if not direct:
        # Most sentences with a cue quote nothing: no quote to attribute, none for a framing cue to
        # frame, none for a content to overlap.
        reporting = [cue for cue in cues if cue.verb_class != "framing"]
        return [q for cue in reporting if (q := indirect_quote(paragraph, cue, [])) is not None]
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
    return [q for cue in cues if (q := indirect_quote(paragraph, cue, nearby(quoted, starts, cue.start))) is not None]


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


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted words without the conventional comma before the closing mark, nor outer spaces."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def mask_spans(text: str, spans: list[QuoteSpan]) -> str:
    """Quoted words replaced by 'X' (same length), so sentence and cue rules see through them."""
    if not spans:
        return text  # most paragraphs quote nothing
    pieces, position = [], 0
    for span in spans:
        before = text[position : span.start]
        if before.endswith("''"):
            before = before[:-2] + ' "'  # a typewriter double mark reads as one mark
        pieces.append(before)
        masked = x_out(text[span.start : span.end])
        if text[span.end - 1 : span.end] == "." and span.closed:
            masked = masked[:-1] + "."  # “… nominee.” The next sentence starts here
        pieces.append(masked)
        position = span.end
        if text.startswith("''", position):
            pieces.append('X"')
            position += 2
    pieces.append(text[position:])
    return "".join(pieces)


class XTable(dict):
    """A str.translate table sending every character but whitespace to 'X', filled as characters
    are met (only the common ones are kept, so odd text cannot grow it without bound)."""

    def __missing__(self, code: int) -> int:
        value = code if chr(code).isspace() else ord("X")
        if code < X_TABLE_LIMIT:
            self[code] = value
        return value


X_TABLE_LIMIT: Final = 0x3000  # Latin, Greek, Cyrillic, punctuation, quote marks, dashes
X_TABLE: Final = XTable()


# Every byte but ASCII whitespace to "X", for bytes.translate: one table lookup per byte.
ASCII_X_TABLE: Final = bytes(code if chr(code).isspace() else ord("X") for code in range(256))
NON_ASCII_SPACE: Final = re.compile(r"[^\S\x00-\x7f]")  # \s is str.isspace's whitespace: a no-break space, …


def x_out(text: str) -> str:
    """Every character but whitespace replaced by 'X'. Encoded to ASCII with "replace", every other
    character becomes one "?" byte, so bytes.translate can do it, four times faster than str.translate
    (a dictionary lookup per character), unless the text holds whitespace beyond ASCII."""
    if text.isascii() or NON_ASCII_SPACE.search(text) is None:
        return text.encode("ascii", "replace").translate(ASCII_X_TABLE).decode("ascii")
    return text.translate(X_TABLE)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets; boundaries after abbreviations ("Gen. Mir", "U.S. troops") are ignored."""
    bounds, start = [], 0
    only_full_stops = "!" not in text and "?" not in text and "…" not in text
    for match in (FULL_STOP_BOUNDARY if only_full_stops else SENTENCE_BOUNDARY).finditer(text):
        if ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        if text[match.end() - 2] in QUOTE_CLOSERS and SHORT_TAIL.match(text, match.end()):
            continue  # “… are missing.” Trump said.
        bounds.append((start, match.start() + 1))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


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
    quote.method = method_for(quote.mention)


METHOD_BY_KIND: Final = {"pronoun": "pronoun", "anonymous": "anonymous"}  # any other kind is named explicitly


def method_for(mention: Mention) -> str:
    return METHOD_BY_KIND.get(mention.kind, "explicit")


def indirect_quote(paragraph: Paragraph, cue: Cue, quoted: list[tuple[int, int]]) -> Quote | None:
    """The cue's reported span as an indirect quote, unless it is (mostly) a direct quote already."""
    text = paragraph.text
    start, end = trim_span(text, cue.content_start, cue.content_end)
    while end > start and text[end - 1] in ".!?;:—–-":
        end -= 1
    start, end = trim_span(text, start, end)
    # Only a content ending in a time word can end in a time phrase: test that before searching it all.
    when = TRAILING_TIME.search(text, start, end) if text.endswith(TIME_NOUNS, start, end) else None
    if when is not None and when.start() > start:
        end = when.start()  # "endorsed Trump last week": when it was said is not what was said
    least = 1 if cue.verb_class == "stance" else MIN_INDIRECT_WORDS
    if len(text[start:end].split(maxsplit=least)) < least:  # no need to count past least
        return None
    if quoted and sum(max(0, min(end, b + 1) - max(start, a - 1)) for a, b in quoted) > 0.5 * (end - start):
        return None  # mostly inside direct quotes
    quote = Quote(paragraph.position, start, end, text[start:end], "indirect")
    attribute(quote, text, cue)
    return quote if quote.mention is not None and quote.mention.text else None


def inherit_within_paragraph(quotes: list[Quote], text: str) -> None:
    """‘A,’ he said. ‘B.’ — B is his too; and ‘A.’ ‘B,’ he said. — so is A."""
    following: list[Quote | None] = [None] * len(quotes)
    upcoming = None
    for index in range(len(quotes) - 1, -1, -1):
        following[index] = upcoming
        if quotes[index].mention is not None:
            upcoming = quotes[index]
    previous = None
    for index, quote in enumerate(quotes):
        if quote.mention is not None:
            previous = quote
            continue
        source = previous or following[index]
        if source is not None and not is_scare_quote(quote, text):
            quote.mention, quote.cue, quote.method = source.mention, source.cue, "continuation"


def is_scare_quote(quote: Quote, text: str) -> bool:
    """Short quoted words inside a sentence, with no speaker: ‘forgiving’, ‘weakness’."""
    if len(quote.text.split()) <= SCARE_QUOTE_WORDS:
        return True
    return quote.start > 2 and not SENTENCE_START_BEFORE.search(text, max(0, quote.start - 6), quote.start)


def embed_quote(paragraph: Paragraph) -> list[Quote]:
    author = tweet_author(paragraph.text)
    if not author:
        return []
    end = paragraph.text.find("pic.twitter.com")
    if end < 0:
        end = paragraph.text.rfind("—")
    start, end = trim_span(paragraph.text, 0, end)
    mention = Mention(text=f"{author[0]} ({author[1]})", name=author[0], kind="person")
    return [Quote(paragraph.position, start, end, paragraph.text[start:end], "direct", "tweeted", mention, "embed")]
