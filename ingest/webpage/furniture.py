"""What marks a block as page furniture rather than the story: the markup around it (navigation,
sidebars, sign-up boxes, footers), and text that is a credit, a date alone, a link or the label of
links, a download, a note that the page advertises, a call to subscribe, or a heading over the
readers' comments."""

from __future__ import annotations

import re
from functools import cache

from ..rules import lexicon
from .blocks import Block, ancestors, class_words, credit_patterns

# Inside the article, these hold page furniture rather than the story.
FURNITURE_TAGS = {"nav", "aside", "footer"}
FURNITURE_WORDS = {
    "related", "newsletter", "promo", "share", "sharing", "social", "cookie", "cookies", "consent",
    "gdpr", "subscribe", "subscription", "signup", "advert", "advertisement", "ad", "ads", "sponsored",
    "outbrain", "taboola", "breadcrumb", "breadcrumbs", "tags", "comments", "readmore", "paywall",
    "author", "disclaimer", "disclosure", "footer",
}  # fmt: skip
FURNITURE_PHRASES = ("read-more", "most-read", "most-viewed", "more-on", "sign-up", "cookie")
DATE_ONLY = re.compile(r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$")
# Initials of the writers and the agency signing off a story: "aja/PAP", "dpa/lno", "(AFP/mlu)".
SIGN_OFF = re.compile(r"\(?(?:[a-z]{2,4}/[A-Za-z]{2,6}|[A-Za-z]{2,6}/[a-z]{2,4})\)?\.?$")
SERVER_ERROR = re.compile(r"(?:Warning|Notice|Deprecated|Fatal error|Parse error): .* on line \d+")
# A link to a file, labelled with its type and size: "PDF | 38 KB", "(jpeg, 1MB)".
FILE_TYPE_AND_SIZE = re.compile(
    r"(?<![a-z])(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|csv|epub|mp3|mp4|jpe?g|png|gif)"  # the file's type
    r"\W{1,4}\d+(?:[.,]\d+)?\s?(?:[kmg]i?b|bytes?)\b",  # then its size
    re.IGNORECASE,
)
NOTE_WORDS = 20  # a note about the page (a disclosure, a download) is a sentence or two at most
CALL_WORDS = 40  # a call to subscribe or follow is a few sentences at most
QUOTATION_MARKS = '"“”„«»'
LABEL_WORDS = 8  # a label ("Auch interessant:", "Foto: Name") is a few words at most
LEAD_IN_WORDS = 4  # "Read more:", "Lesen Sie auch:", "Dowiedz się więcej:"


def in_furniture(element, container, article: set) -> bool:
    for node in [element, *ancestors(element, container)]:
        if node is container:
            break
        if node in article:
            continue
        if node.tag in FURNITURE_TAGS or is_furniture_name(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def is_furniture_name(names: str) -> bool:
    return bool(class_words(names) & FURNITURE_WORDS) or any(p in names.lower() for p in FURNITURE_PHRASES)


def is_credit_line(text: str) -> bool:
    """A paragraph that is a copyright notice or a photo credit ("© 2022 …", "Foto: Knauf")."""
    return text.startswith("©") or (len(text.split()) <= LABEL_WORDS and bool(credit_patterns()[1].match(text)))


def is_metadata_line(text: str) -> bool:
    """A paragraph that is only a date ("23.10.2018", "2019-10-19 11:36"), the initials signing off
    a story ("aja/PAP"), or a server's error message printed into the page ("Warning: … on line 12")."""
    return bool(DATE_ONLY.match(text) or SIGN_OFF.match(text) or SERVER_ERROR.match(text))


def is_link(block: Block) -> bool:
    """A block that is all link text ("Previous article", a related story's title) leads elsewhere."""
    return block.linked >= len(block.text) * 0.9


def points_elsewhere(block: Block) -> bool:
    """A lead-in and a link to another story ("Read more: <a>…</a>", "Lea también: <a>…</a>")."""
    lead_in, _, rest = block.text.partition(":")
    rest = rest.strip()
    return bool(rest) and len(lead_in.split()) <= LEAD_IN_WORDS and block.linked >= len(rest) * 0.8


def labels_links(block: Block, following: Block | None, title: str | None) -> bool:
    """A short line followed on the page by nothing but a link: the label of a list of links or of a
    button ("Schon gelesen?", "Mehr Themen:", "Zum Newsletter anmelden"), not a line of the story. A
    list's last item (or a row's last cell) is followed by whatever comes after it: never a label."""
    if following is None or block.text == title or len(block.text.split()) > LABEL_WORDS:
        return False
    return block.element.tag not in ("li", "td", "th", "dd", "dt") and is_link(following)


def is_download(block: Block) -> bool:
    """A link to a file with its type and size ("Informationsschreiben PDF | 38 KB", "Bild (jpeg,
    1MB)"): a download offered beside the story."""
    return block.linked > 0 and len(block.text.split()) <= NOTE_WORDS and bool(FILE_TYPE_AND_SIZE.search(block.text))


def is_advert_note(text: str) -> bool:
    """A note that the page advertises ("*Werbung. Dieser Beitrag enthält Werbung für …", "Anzeige,
    enthält Affiliate Links", "Sponsored content"): a label, then punctuation or nothing."""
    return len(text.split()) <= NOTE_WORDS and bool(advert_note_pattern().match(text))


def is_call_to_action(text: str) -> bool:
    """A paragraph asking the reader to subscribe, follow or sign up ("Subscribe now to our eNATION
    edition", "Folgen Sie uns auf Twitter", "¡Mira lo que tiene nuestro canal de YouTube!"); a
    paragraph quoting someone is the story's, whatever it says."""
    if len(text.split()) > CALL_WORDS or any(mark in text for mark in QUOTATION_MARKS):
        return False
    return bool(call_to_action_pattern().search(text))


def opens_comments(block: Block) -> bool:
    """A heading over the readers' comments: "Comments", "Kommentare (3)", "3 Kommentare", "#1
    Kommentar von Naru"."""
    return block.kind == "heading" and bool(comments_heading_pattern().match(block.text))


@cache
def advert_note_pattern() -> re.Pattern:
    labels = "|".join(re.escape(label) for label in lexicon.advert_labels())
    return re.compile(rf"\W*(?:{labels})(?:\s*[.,:;|)–—-]|\s*$)", re.IGNORECASE)


@cache
def call_to_action_pattern() -> re.Pattern:
    phrases = "|".join(re.escape(phrase) for phrase in lexicon.calls_to_action())
    return re.compile(rf"(?<!\w)(?:{phrases})(?!\w)", re.IGNORECASE)


@cache
def comments_heading_pattern() -> re.Pattern:
    singular, plural = (sorted(words, key=len, reverse=True) for words in lexicon.comment_words())
    plurals, either = "|".join(plural), "|".join(plural + singular)
    count = r"(?:\(\d+\)|\d+)"
    return re.compile(
        rf"(?:{count}\s*)?(?:{plurals})\s*{count}?\s*:?$"  # "Comments", "Kommentare (3)", "71 Kommentare"
        rf"|#?\d+\.?\s+(?:{either})\b",  # "1 Kommentar", "#1 Kommentar von Naru-chan"
        re.IGNORECASE,
    )
