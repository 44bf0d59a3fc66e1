"""Split an article's text into paragraphs and tag each with its kind.

Kinds: body, caption, embed, heading, boilerplate. Only body paragraphs are searched for
attributions, so a photo caption or an embedded tweet never lends its words to a speaker.
"""

from __future__ import annotations

import re
from typing import Final

from ..models import Article, Paragraph, ParagraphKind
from . import lexicon

BLANK_LINE: Final = re.compile(r"\n[ \t\r\f\v]*\n")
# "— Zaid Hamid (@ZaidZamanHamid) July 5, 2021": the signature an embedded tweet leaves in text.
TWEET_SIGNATURE: Final = re.compile(
    r"(?:pic\.twitter\.com/\S+\s*)?[—–-]\s*(?P<author>[^()\n—–]{2,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$"
)
STOPS: Final = ".!?…:;"
SENTENCE_END: Final = re.compile(r"[" + STOPS + r"][\"'”’)\]]*\s*$|[\"”’]\s*$")
WORD: Final = re.compile(r"\w[\w’'-]*")


def split_paragraphs(article: Article) -> list[Paragraph]:
    """Paragraphs are separated by blank lines; a text with none has one paragraph per line."""
    if article.paragraphs is not None:
        return article.paragraphs
    text = article.text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    paragraphs: list[Paragraph] = []
    for chunk in chunks:
        chunk = " ".join(line.strip() for line in chunk.split("\n") if line.strip()) if "\n" in chunk else chunk.strip()
        for part in split_trailing_boilerplate(chunk):
            paragraphs.append(Paragraph(len(paragraphs), part, classify_paragraph(part)))
    return paragraphs


def split_trailing_boilerplate(chunk: str) -> list[str]:
    """'…their way.’ Advertisement' → the body, then 'Advertisement' as a paragraph of its own:
    copied pages often glue page furniture onto the last paragraph."""
    if not chunk:
        return []
    # Only the end can be furniture: lower-case no more of it than " " and the longest phrase.
    lowered = chunk[-(LONGEST_BOILERPLATE + 1) :].lower()
    if not lowered.endswith(BOILERPLATE_PHRASES):
        return [chunk]
    for phrase in BOILERPLATE_PHRASES:
        cut = len(chunk) - len(phrase)
        if cut > 0 and lowered.endswith(" " + phrase) and ends_sentence(chunk[:cut]):
            return [chunk[:cut].rstrip(), chunk[cut:]]
    return [chunk]


# Module constants, read at import as the lexicon's lists are: a cached function's call cost more
# than these two tests of every paragraph.
BOILERPLATE_PHRASES: Final = tuple(sorted(lexicon.boilerplate(), key=len, reverse=True))  # longest first
LONGEST_BOILERPLATE: Final = max(map(len, lexicon.boilerplate()), default=0)


def ends_sentence(text: str) -> bool:
    """Only the last characters matter: searching a '$'-anchored pattern would scan the whole text."""
    if text and text[-1] in STOPS:
        return True  # SENTENCE_END's first branch, with no closing mark or space: most paragraphs
    return bool(SENTENCE_END.search(text[-12:]))


def classify_paragraph(text: str) -> ParagraphKind:
    stripped = text.strip()
    # Lower-casing never shortens a text: one longer than every phrase is not boilerplate.
    if len(stripped) <= LONGEST_BOILERPLATE and stripped.lower() in lexicon.boilerplate():
        return "boilerplate"
    if "(@" in text and TWEET_SIGNATURE.search(text):
        return "embed"
    if ends_sentence(text):
        return "body"
    words = WORD.findall(text)
    if len(words) > 60:
        return "body"  # captions are a line or two; a long unpunctuated block is still prose
    if len(words) <= 12 and looks_like_heading(words):
        return "heading"
    # No closing punctuation and several words: a photo caption ("Taliban fighters survey
    # armoured trucks..."), which news pages print without a full stop.
    return "caption" if len(words) >= 5 else "heading"


def looks_like_heading(words: list[str]) -> bool:
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised >= max(1, (len(words) + 1) // 2)


def tweet_author(text: str) -> tuple[str, str] | None:
    """(author name, @handle) of an embedded tweet paragraph, or None."""
    match = TWEET_SIGNATURE.search(text) if "(@" in text else None
    return (match["author"].strip(), "@" + match["handle"]) if match else None
