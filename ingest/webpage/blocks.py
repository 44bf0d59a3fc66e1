"""A page walked into blocks: one run of text per paragraph-like element, in reading order, with
its structural kind (caption, credit, embed, heading) and how much of it is link text. The text is
the page's text as a browser shows it: spaces around inline elements kept, scripts and hidden
elements left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import lxml.html

from ..rules import lexicon

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Never article text, and their contents must not leak into a neighbour's text. A <form> is walked
# (ASP.NET pages hold the whole page in one) and so is <noscript> (a page's text for readers
# without scripts, which trafilatura reads too); their controls are skipped.
SKIPPED = {"script", "style", "template", "svg", "math", "button", "select", "textarea", "option"}
SKIPPED |= {"iframe", "object", "video", "audio", "canvas", "head", "title", "meta", "link", "input"}
BLOCKS = {"p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "ul", "ol", "li", "form"}
BLOCKS |= {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "blockquote"}
BLOCKS |= {"dl", "dt", "dd", "pre", "address", "hr", "details", "summary", "center"} | HEADINGS
CREDIT_WORDS = {"copyright", "credit", "credits", "photographer", "byline", "source", "author"}
# Embedded posts as the platforms' embed codes write them (class of the outer element).
EMBED_CLASSES = {
    "twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "fb-post", "fb-video",
    "reddit-card", "reddit-embed-bq", "bluesky-embed", "mastodon-embed", "text-post-media", "embedly-card",
}  # fmt: skip
WHITESPACE = re.compile(r"\s+")
CLASS_WORD = re.compile(r"[a-z]+")


@dataclass
class Block:
    """One run of text on the page, with the element it came from and its structural kind."""

    element: lxml.html.HtmlElement
    text: str
    kind: str | None = None  # embed | caption | credit | heading, or None for plain text
    linked: int = 0  # characters of text inside links


def parse_page(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration; bytes it decodes itself.
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def normalise(text: str) -> str:
    """Whitespace runs as one space; soft hyphens (U+00AD) dropped, as a browser shows no hyphen
    unless it breaks the line there."""
    return WHITESPACE.sub(" ", text.replace("\xad", "")).strip()


def clean(value: str | None) -> str | None:
    return normalise(value) or None if value else None


def element_text(element: lxml.html.HtmlElement) -> str:
    """Visible text; <br> counts as a space, skipped elements (scripts, buttons) count as nothing."""
    return normalise(raw_text(element))


def raw_text(element, leaving_out: frozenset = frozenset()) -> str:
    """The text under element as the page has it, spaces around inline elements included, so
    "<b>Apartments </b>near" stays two words."""
    parts: list[str] = []
    collect_text(element, parts, leaving_out)
    return "".join(parts)


def collect_text(element, parts: list[str], leaving_out: frozenset = frozenset()) -> None:
    parts.append(" " if element.tag == "br" else element.text or "")
    for child in element:
        if not is_skipped(child) and child not in leaving_out:
            collect_text(child, parts, leaving_out)
        parts.append(child.tail or "")


def ancestors(node, stop) -> Iterator[lxml.html.HtmlElement]:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.getparent()


def is_descendant(element, ancestor) -> bool:
    return any(parent is ancestor for parent in ancestors(element, None))


def is_skipped(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments, processing instructions
    if element.tag in SKIPPED or element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return "display:none" in (element.get("style") or "").replace(" ", "")


def is_block(element) -> bool:
    return element.tag in BLOCKS or any(child.tag in BLOCKS for child in element.iterdescendants())


def is_embed(element) -> bool:
    classes = set((element.get("class") or "").split())
    return bool(classes & EMBED_CLASSES) or element.get("data-instgrm-permalink") is not None


def walk_blocks(element) -> Iterator[Block]:
    """Every run of text under element, in reading order, one Block per paragraph-like unit."""
    if is_skipped(element):
        return
    structural = "embed" if is_embed(element) else "caption" if element.tag == "figcaption" else None
    if structural is None and element.tag in HEADINGS:
        structural = "heading"
    if structural == "caption":
        yield from caption_blocks(element)
        return
    if structural or not is_block(element):
        text = element_text(element)
        if text:
            yield Block(element, text, structural, link_chars(element))
        return
    # A container: its own loose text between child blocks is a paragraph too.
    run: list[str] = [element.text or ""]
    linked = 0
    for child in element:
        if is_skipped(child) or not is_block(child):
            run.append("" if is_skipped(child) else raw_text(child))
            linked += 0 if is_skipped(child) else link_chars(child)
        else:
            yield from flush(element, run, linked)
            yield from walk_blocks(child)
            run, linked = [], 0
        run.append(child.tail or "")
    yield from flush(element, run, linked)


def caption_blocks(element) -> Iterator[Block]:
    """A caption, and apart from it the photo credit its markup names (class "copyright", "credit"):
    who took a photo is not what the caption says."""
    credits = frozenset(e for e in element.iterdescendants() if isinstance(e.tag, str) and is_credit(e))
    caption, credit = split_credit(normalise(raw_text(element, credits)))
    if caption:
        yield Block(element, caption, "caption")
    if credit:
        yield Block(element, credit, "credit")
    for credit_element in credits:
        if not any(parent in credits for parent in ancestors(credit_element, element)):
            text = element_text(credit_element)
            if text:
                yield Block(credit_element, text, "credit")


def split_credit(caption: str) -> tuple[str, str]:
    """A caption's text and the photo credit written at its end ("… Foto: LN", "… (REUTERS/Denis
    Balibouse)", "… – © Sergey Nivens")."""
    found = credit_patterns()[0].search(caption)
    if found is None:
        return caption, ""
    return caption[: found.start()].rstrip(" –—-|,;"), found.group().strip(" –—-")


@cache
def credit_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a credit ending a caption, a credit label opening a paragraph), from the lexicon's labels."""
    label = r"(?:{})\s*:".format("|".join(re.escape(label) for label in lexicon.photo_credit_labels()))
    credits = (
        r"©[^©]{1,80}",  # "… – © Sergey Nivens – stock.adobe.com"
        rf"\((?:{label}|[A-Z][^()/]*/)[^()]*\)\.?",  # "… (Foto: V. Berret)", "… (REUTERS/Denis Balibouse)"
        rf"(?<!\w){label}[^:]{{1,80}}",  # "… Foto: LN", "… Bild: TebNad/Shutterstock.com"
    )
    at_end = re.compile(r"(?:\s[–—-])?\s*(?:{})$".format("|".join(credits)), re.IGNORECASE)
    return at_end, re.compile(label, re.IGNORECASE)


def is_credit(element) -> bool:
    return bool(class_words(f"{element.get('class') or ''} {element.get('id') or ''}") & CREDIT_WORDS)


def class_words(names: str) -> set[str]:
    """The words of class and id names, lower case: "cbx-Author_Position" → cbx, author, position."""
    return set(CLASS_WORD.findall(names.lower()))


def flush(element, run: list[str], linked: int) -> Iterator[Block]:
    text = normalise("".join(run))
    if text:
        yield Block(element, text, linked=len(text) if within_link(element) else linked)


def link_chars(element) -> int:
    """Characters of link text under element; all of them inside a link (a teaser card wrapped in
    one <a>)."""
    if within_link(element):
        return len(normalise(raw_text(element)))
    return sum(len(normalise(raw_text(link))) for link in element.iterdescendants("a") if is_link_element(link))


def within_link(element) -> bool:
    return is_link_element(element) or any(is_link_element(parent) for parent in ancestors(element, None))


def is_link_element(element) -> bool:
    """An <a> with an href: a link (to another page, or a table of contents' anchor), not an <a>
    that scripts turn into a toggle (an accordion's titles, a tab)."""
    return element.tag == "a" and element.get("href") is not None
