"""Find attributions in paragraphs: direct quotes with their cue and speaker mention, quote-only
paragraphs that continue a speaker, and indirect speech ("X said that …", "…, X said.",
"According to X, …"). Resolution of pronouns and aliases to speakers is resolve's job."""

from __future__ import annotations

import re

from . import lexicon
from .mentions import parse_mention
from .models import Mention, Paragraph, Quote
from .quotemarks import QuoteSpan, detect_quote_style, find_quote_spans
from .split import tweet_author

AUX = r"(?:(?:has|have|had|will|would|could|may|might|also|later|previously|reportedly|then|once)\s+)*"


def verb_alternation() -> str:
    verbs = sorted(lexicon.reporting_verbs(), key=len, reverse=True)
    return "|".join(re.escape(v) for v in verbs)


VERB = f"(?:{verb_alternation()})"
# A speaker phrase: no quote marks and no sentence end inside it.
NP = r"[^“”\"‘’.!?;:]{1,140}?"
ADVERB = r"(?:\w+ly\s+)?"
OBJECT = r"(?:\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*)*|\s+(?:the\s+)?(?:paper|newspaper|reporters?|journalists?|him|her|them|us|me|an?\s+\w+))?"
TIME = r"(?:\s+(?:on|in|at|during|last|this|late|early)\s+[\w’' ]{1,40}?)?"

# After the closing mark: ",’ he told ABC on Monday." / ",” said Abdul Raouf, a soldier."
TAIL_SPEAKER_FIRST = re.compile(
    rf"^\s*[,!?—–-]?\s*(?P<mention>{NP})\s+{ADVERB}(?P<cue>{AUX}{VERB}){OBJECT}{TIME}\s*(?:[.,;!?]|$)"
)
TAIL_VERB_FIRST = re.compile(
    rf"^\s*[,!?—–-]?\s*(?P<cue>{VERB})\s+(?P<mention>(?:[^“”\"‘.!?;]|\.(?=\S)|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z])\.)"
    r"{1,200}?)\s*(?:[.;!?]|$)"
)
# Before the opening mark: "Ahmad Zaman, another Faizabad resident, told the paper: ‘"
LEAD = re.compile(
    rf"(?P<mention>{NP})\s+{ADVERB}(?P<cue>{AUX}{VERB}){OBJECT}{TIME}(?P<gap>(?:\s+that)?[^“”\"‘’]{{0,200}}?)\s*[:,]?\s*$"
)
ACCORDING_TO_START = re.compile(r"^(?P<cue>[Aa]ccording to)\s+(?P<mention>[^,]{2,140}),\s+(?P<content>.+?)[.!?]?$")
ACCORDING_TO_END = re.compile(r"^(?P<content>.+?),\s+(?P<cue>according to)\s+(?P<mention>[^,]{2,140}?)[.!?]?$")
SUBJECT_SAID_THAT = re.compile(
    rf"^(?P<mention>{NP})\s+{ADVERB}(?P<cue>{AUX}{VERB}){OBJECT}(?:\s+on\s+\w+)?,?\s+(?:that\s+)?(?P<content>\S.+?)[.!?]?$"
)
CONTENT_SPEAKER_SAID = re.compile(
    rf"^(?P<content>.+),\s+(?P<mention>{NP})\s+{ADVERB}(?P<cue>{AUX}{VERB}){OBJECT}{TIME}[.!?]?$"
)
CONTENT_SAID_SPEAKER = re.compile(rf"^(?P<content>.+),\s+(?P<cue>{VERB})\s+(?P<mention>.{{2,200}}?)[.!?]?$")
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$")
CONNECTOR = re.compile(
    r"^(?:(?:however|meanwhile|but|and|still|yet|also|instead|later|earlier|now|so|then|in fact|indeed)\b,?\s+"
    r"|(?:on|in|at|after|before|during|last|this|by|since|speaking|asked)\b[^,]{0,60},\s+)",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"\s(?:and|but|while|as|because|when|after|before|although|though|where|if)\s", re.I)
ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|Prof|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs|U\.S|U\.K|Inc|Corp|Co))$"
)
SENTENCE_BOUNDARY = re.compile(r"[.!?…]+[\"”’']*\s+(?=[\"“‘'(]?[A-Z0-9])")
MIN_ATTRIBUTED_WORDS = 1
SCARE_QUOTE_WORDS = 4


def extract_quotes(paragraphs: list[Paragraph]) -> list[Quote]:
    body = [p for p in paragraphs if p.kind == "body"]
    style = detect_quote_style([p.text for p in body])
    quotes: list[Quote] = []
    previous_open = False
    for paragraph in paragraphs:
        if paragraph.kind == "embed":
            quotes.extend(embed_quote(paragraph))
            continue
        if paragraph.kind != "body":
            previous_open = False
            continue
        spans = find_quote_spans(paragraph.text, style)
        found = direct_quotes(paragraph, spans, continues_open_quote=previous_open)
        found += indirect_quotes(paragraph, spans, found)
        found.sort(key=lambda q: q.start)
        quotes.extend(found)
        previous_open = bool(spans) and not spans[-1].closed
    return quotes


def direct_quotes(paragraph: Paragraph, spans: list[QuoteSpan], continues_open_quote: bool) -> list[Quote]:
    text = paragraph.text
    quotes = []
    for index, span in enumerate(spans):
        start, end = trim_span(text, span.start, span.end)
        if end <= start:
            continue
        quote = Quote(paragraph.position, start, end, text[start:end], "direct")
        quote.continues = not span.closed
        attribute_from_context(quote, text, span, spans[index - 1].end + 1 if index else 0)
        quotes.append(quote)
    for index, quote in enumerate(quotes):
        if quote.mention is None:
            inherit_within_paragraph(quote, quotes, index, text)
    return [q for q in quotes if q.mention is not None or q.method or not is_scare_quote(q, text)]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted words without the conventional comma before the closing mark, nor outer spaces."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def attribute_from_context(quote: Quote, text: str, span: QuoteSpan, lead_from: int) -> None:
    tail = text[span.end + 1 :] if span.closed else ""
    tail = tail[: next_opener(tail)]
    for pattern in (TAIL_VERB_FIRST, TAIL_SPEAKER_FIRST):
        match = pattern.match(tail)
        if match and plausible_speaker(match["mention"]):
            set_speaker(quote, match["mention"], match["cue"])
            return
    lead = text[sentence_start(text, span.start - 1, lead_from) : max(0, span.start - 1)]
    match = LEAD.search(lead)
    if match and plausible_speaker(match["mention"]):
        mention = clean_subject(match["mention"])
        if mention and not PASSIVE.search(lead[: match.start("cue")]):
            set_speaker(quote, mention, match["cue"])
            quote.mixed = len(match["gap"].split()) > 2


def next_opener(tail: str) -> int:
    found = re.search(r"[“‘\"]|(?<=\s)'", tail)
    return found.start() if found else len(tail)


def sentence_start(text: str, position: int, floor: int) -> int:
    start = floor
    for match in SENTENCE_BOUNDARY.finditer(text, floor, max(floor, position)):
        if not ABBREVIATION.search(text[: match.start()]):
            start = match.end()
    return start


def set_speaker(quote: Quote, mention_text: str, cue: str) -> None:
    mention_text = mention_text.strip(" ,")
    quote.mention = parse_mention(mention_text)
    quote.cue = cue.strip()
    quote.method = method_for(quote.mention)


def method_for(mention: Mention) -> str:
    return {"pronoun": "pronoun", "anonymous": "anonymous"}.get(mention.kind, "explicit")


def plausible_speaker(mention: str) -> bool:
    mention = mention.strip(" ,")
    words = mention.split()
    if not words or len(words) > 25:
        return False
    first = words[0]
    return (
        first[0].isupper()
        or first.lower() in lexicon.pronoun_genders()
        or first.lower()
        in {
            "a",
            "an",
            "the",
            "one",
            "another",
            "some",
            "two",
            "three",
            "several",
            "many",
            "other",
            "officials",
            "sources",
            "analyst",
            "analysts",
            "experts",
            "critics",
            "aides",
        }
        or (len(words) <= 5 and first.islower())
    )


def clean_subject(mention: str) -> str | None:
    """The noun phrase that is the subject: drop leading connectors ("However,", "On Monday,")
    and anything before a clause break ("… has promised a counter-attack and sources")."""
    mention = mention.strip(" ,")
    while True:
        stripped = CONNECTOR.sub("", mention, count=1)
        if stripped == mention:
            break
        mention = stripped
    mention = re.sub(r",\s+(?:meanwhile|however|too|also|though|then)\s*,?\s*$", "", mention, flags=re.I)
    mention = re.sub(r",\s+(?:meanwhile|however|too|also|though|then),", ",", mention, flags=re.I)
    parts = CLAUSE_BREAK.split(mention)
    if len(parts) > 1:
        mention = parts[-1]
    return mention.strip(" ,") if plausible_speaker(mention) else None


def inherit_within_paragraph(quote: Quote, quotes: list[Quote], index: int, text: str) -> None:
    """‘A,’ he said. ‘B.’ — B is his too; and ‘A.’ ‘B,’ he said. — so is A."""
    before = [q for q in quotes[:index] if q.mention is not None]
    after = [q for q in quotes[index + 1 :] if q.mention is not None and q.method != "continuation"]
    source = before[-1] if before else (after[0] if after else None)
    if source is not None and not is_scare_quote(quote, text):
        quote.mention, quote.cue, quote.method = source.mention, source.cue, "continuation"


def is_scare_quote(quote: Quote, text: str) -> bool:
    """Short quoted words inside a sentence, with no speaker: ‘forgiving’, ‘weakness’."""
    starts_sentence = quote.start <= 1 or re.search(r"[.!?:]\s*[‘“\"']?$", text[: quote.start - 1] or ".")
    return len(quote.text.split()) <= SCARE_QUOTE_WORDS or not starts_sentence


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


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets; boundaries inside quotes and after abbreviations are ignored."""
    bounds, start = [], 0
    for match in SENTENCE_BOUNDARY.finditer(text):
        if ABBREVIATION.search(text[: match.start()]):
            continue
        bounds.append((start, match.start() + 1))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def indirect_quotes(paragraph: Paragraph, spans: list[QuoteSpan], direct: list[Quote]) -> list[Quote]:
    text = paragraph.text
    masked = mask_spans(text, spans)
    found = []
    for start, end in sentences(masked):
        sentence = masked[start:end].rstrip()
        quote = match_indirect(sentence, start, text)
        if quote is None:
            continue
        quote.paragraph_position = paragraph.position
        inside = [q for q in direct if quote.start <= q.start and q.end <= quote.end]
        quoted_chars = sum(q.end - q.start for q in inside)
        if quoted_chars > 0.5 * (quote.end - quote.start):
            continue  # the "content" is a direct quote already attributed by its own cue
        for fragment in inside:
            if fragment.mention is None or fragment.method == "continuation":
                fragment.mention, fragment.cue, fragment.method = quote.mention, quote.cue, quote.method
                fragment.mixed = True
        found.append(quote)
    return found


def mask_spans(text: str, spans: list[QuoteSpan]) -> str:
    """Quoted words replaced by 'x' (same length), so sentence and clause rules see through them."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def match_indirect(sentence: str, offset: int, text: str) -> Quote | None:
    for pattern in (
        ACCORDING_TO_START,
        ACCORDING_TO_END,
        CONTENT_SAID_SPEAKER,
        CONTENT_SPEAKER_SAID,
        SUBJECT_SAID_THAT,
    ):
        match = pattern.match(sentence)
        if not match:
            continue
        mention = (
            match["mention"] if pattern in (ACCORDING_TO_START, ACCORDING_TO_END) else clean_subject(match["mention"])
        )
        if not mention or not plausible_speaker(mention) or PASSIVE.search(sentence[: match.start("cue")]):
            continue
        if pattern is SUBJECT_SAID_THAT and re.match(r"to\b", match["content"]):
            continue  # "X is said to be …", "X wants to …"
        start, end = trim_span(text, offset + match.start("content"), offset + match.end("content"))
        while end > start and text[end - 1] in ".!?":
            end -= 1
        if len(text[start:end].split()) < 3:
            continue
        quote = Quote(0, start, end, text[start:end], "indirect")
        set_speaker(quote, mention, match["cue"])
        return quote
    return None
