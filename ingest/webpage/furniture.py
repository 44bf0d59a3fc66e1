"""What marks a block as page furniture rather than the story: the markup around it (navigation,
sidebars, sign-up boxes), and text that is a credit, a date alone, a link or the label of links."""

from __future__ import annotations

import re

from .blocks import Block, ancestors, class_words, credit_patterns

# Inside the article, these hold page furniture rather than the story.
FURNITURE_TAGS = {"nav", "aside", "footer"}
FURNITURE_WORDS = {
    "related", "newsletter", "promo", "share", "sharing", "social", "cookie", "cookies", "consent",
    "gdpr", "subscribe", "subscription", "signup", "advert", "advertisement", "ad", "ads", "sponsored",
    "outbrain", "taboola", "breadcrumb", "breadcrumbs", "tags", "comments", "readmore", "paywall",
    "author", "disclaimer", "disclosure",
}  # fmt: skip
FURNITURE_PHRASES = ("read-more", "most-read", "most-viewed", "more-on", "sign-up", "cookie")
DATE_ONLY = re.compile(r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$")
SERVER_ERROR = re.compile(r"(?:Warning|Notice|Deprecated|Fatal error|Parse error): .* on line \d+")
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
    """A paragraph that is only a date ("23.10.2018", "2019-10-19 11:36"), or a server's error
    message printed into the page ("Warning: … on line 12")."""
    return bool(DATE_ONLY.match(text) or SERVER_ERROR.match(text))


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
