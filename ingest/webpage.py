"""Read a saved news web page into an Article with tagged paragraphs and the page's own metadata.

trafilatura decides what the article's main text is and reads the metadata (JSON-LD, og:, meta
author, <link rel=canonical>). It drops photo captions and does not tell an embedded tweet from a
quotation, so we walk the page ourselves, inside the element that holds trafilatura's text, and tag
every block: figcaption → caption, embedded post → embed, h1–h6 → heading, text trafilatura kept →
body, anything else there (bylines, "Read more" boxes, newsletter sign-ups) → boilerplate. Page
furniture outside the article (navigation, cookie banners, footers, "Most viewed") is dropped.
trafilatura keeps some furniture inside the story ("Read more: <a>…</a>", labels of link lists,
copyright lines, photo credits written into a caption) and leaves out some of the story (the lead
under the headline): both are put right here, by the page's structure, never by site.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import lxml.etree
import lxml.html

from .dates import DateError, normalise_date
from .models import Article, Paragraph
from .rules import lexicon

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Never article text, and their contents must not leak into a neighbour's text. A <form> is walked
# (ASP.NET pages hold the whole page in one) and so is <noscript> (a page's text for readers
# without scripts, which trafilatura reads too); their controls are skipped.
SKIPPED = {"script", "style", "template", "svg", "math", "button", "select", "textarea", "option"}
SKIPPED |= {"iframe", "object", "video", "audio", "canvas", "head", "title", "meta", "link", "input"}
BLOCKS = {"p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "ul", "ol", "li", "form"}
BLOCKS |= {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "blockquote"}
BLOCKS |= {"dl", "dt", "dd", "pre", "address", "hr", "details", "summary", "center"} | HEADINGS
# Inside the article, these hold page furniture rather than the story.
FURNITURE_TAGS = {"nav", "aside", "footer"}
FURNITURE_WORDS = {
    "related", "newsletter", "promo", "share", "sharing", "social", "cookie", "cookies", "consent",
    "gdpr", "subscribe", "subscription", "signup", "advert", "advertisement", "ad", "ads", "sponsored",
    "outbrain", "taboola", "breadcrumb", "breadcrumbs", "tags", "comments", "readmore", "paywall",
    "author", "disclaimer", "disclosure",
}  # fmt: skip
FURNITURE_PHRASES = ("read-more", "most-read", "most-viewed", "more-on", "sign-up", "cookie")
CREDIT_WORDS = {"copyright", "credit", "credits", "photographer", "byline", "source", "author"}
MEDIA_WORDS = {"caption", "image", "img", "photo", "picture", "media", "gallery", "figure"}
# Embedded posts as the platforms' embed codes write them (class of the outer element).
EMBED_CLASSES = {
    "twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "fb-post", "fb-video",
    "reddit-card", "reddit-embed-bq", "bluesky-embed", "mastodon-embed", "text-post-media", "embedly-card",
}  # fmt: skip
WHITESPACE = re.compile(r"\s+")
CLASS_WORD = re.compile(r"[a-z]+")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
DATE_ONLY = re.compile(r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$")
SERVER_ERROR = re.compile(r"(?:Warning|Notice|Deprecated|Fatal error|Parse error): .* on line \d+")
LONG_ENOUGH_TO_MATCH_INSIDE = 40  # a block this long counts as kept if trafilatura's text contains it
LEAD_WORDS = 15  # a lead is at least a sentence of this many words
LABEL_WORDS = 8  # a label ("Auch interessant:", "Foto: Name") is a few words at most
LEAD_IN_WORDS = 4  # "Read more:", "Lesen Sie auch:", "Dowiedz się więcej:"


@dataclass
class Block:
    """One run of text on the page, with the element it came from and its structural kind."""

    element: lxml.html.HtmlElement
    text: str
    kind: str | None = None  # embed | caption | credit | heading, or None for plain text
    linked: int = 0  # characters of text inside links


def read_html(path: str, html: str) -> Article:
    """The Article for one page; paragraphs are tagged, metadata comes from the page itself."""
    import trafilatura  # imported here: it costs half a second, and most corpora are not HTML

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, date_extraction_params={"original_date": True}
    )
    tree = parse_page(html)
    blocks = list(walk_blocks(tree.find("body") if tree.find("body") is not None else tree))
    kept = kept_texts(extracted)
    paragraphs = tag_paragraphs(blocks, kept, clean(getattr(extracted, "title", None)))
    return Article(
        path=path,
        text="\n\n".join(p.text for p in paragraphs),
        title=clean(getattr(extracted, "title", None)),
        url=clean(getattr(extracted, "url", None)),
        published=published_date(tree, getattr(extracted, "date", None)),
        outlet=clean(getattr(extracted, "sitename", None)),
        author=clean(getattr(extracted, "author", None)),
        paragraphs=paragraphs,
    )


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


def is_credit_line(text: str) -> bool:
    """A paragraph that is a copyright notice or a photo credit ("© 2022 …", "Foto: Knauf")."""
    return text.startswith("©") or (len(text.split()) <= LABEL_WORDS and bool(credit_patterns()[1].match(text)))


def is_metadata_line(text: str) -> bool:
    """A paragraph that is only a date ("23.10.2018", "2019-10-19 11:36"), or a server's error
    message printed into the page ("Warning: … on line 12")."""
    return bool(DATE_ONLY.match(text) or SERVER_ERROR.match(text))


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


def kept_texts(extracted) -> tuple[set[str], str]:
    """trafilatura's main text, as its blocks and as one string (for blocks it merged or split)."""
    body = getattr(extracted, "body", None)
    if body is None:
        return set(), ""
    blocks = {normalise("".join(el.itertext())) for el in body.iter() if el is not body}
    return blocks - {""}, normalise(" ".join(body.itertext()))


def is_kept(text: str, kept: tuple[set[str], str]) -> bool:
    """Whether trafilatura kept this block: as one of its blocks, inside its text, or (a block it
    cut short or split around something it dropped) most of the block's sentences in its text."""
    blocks, whole = kept
    if text in blocks:
        return True
    if len(text) < LONG_ENOUGH_TO_MATCH_INSIDE:
        return False
    if text in whole:
        return True
    sentences = [s for s in SENTENCE_END.split(text) if len(s) >= LONG_ENOUGH_TO_MATCH_INSIDE]
    found = sum(len(s) for s in sentences if s in whole)
    return found * 2 > len(text)


def tag_paragraphs(blocks: list[Block], kept: tuple[set[str], str], title: str | None = None) -> list[Paragraph]:
    # A server's error message is no article, even where it is all trafilatura found.
    kept_blocks = [b for b in blocks if b.kind is None and is_kept(b.text, kept) and not is_metadata_line(b.text)]
    story = common_ancestor([b.element for b in kept_blocks])
    if story is None:  # trafilatura found no main text: keep every block outside furniture
        return [Paragraph(i, b.text, block_kind(b, None, set(), None)) for i, b in enumerate(blocks)]
    container = enclosing_article(story)
    article = holding_most_of(kept_blocks)
    # What trafilatura kept outside that container (a headline above it, a last paragraph below) too.
    kept_ids = {id(b) for b in blocks if b.kind != "embed" and is_kept(b.text, kept)}
    inside = [b for b in blocks if id(b) in kept_ids or b.element is container or is_descendant(b.element, container)]
    kinds = [block_kind(b, container, article, kept) for b in inside]
    following = {id(block): next_block for block, next_block in zip(blocks, [*blocks[1:], None], strict=True)}
    kinds = [
        "boilerplate" if kind == "heading" and not opens_story(i, inside, kinds, kept, title) else kind
        for i, kind in enumerate(kinds)
    ]
    kinds = [
        "boilerplate" if kind in ("body", "heading") and labels_links(block, following[id(block)], title) else kind
        for block, kind in zip(inside, kinds, strict=True)
    ]
    kind_of = {id(block): kind for block, kind in zip(inside, kinds, strict=True)}
    lead = find_lead(blocks, kind_of, title, lambda block: in_furniture(block.element, container, article))
    if lead is not None:
        kind_of[id(lead)] = "body"
    read = [block for block in blocks if id(block) in kind_of]
    return [Paragraph(i, block.text, kind_of[id(block)]) for i, block in enumerate(read)]


def opens_story(
    position: int, blocks: list[Block], kinds: list[str], kept: tuple[set[str], str], title: str | None
) -> bool:
    """Whether the heading at position belongs to the story: it is the article's title, trafilatura
    kept it, or the first block after it that is not a heading is body text. A teaser or
    related-links heading ("More on this story") is followed by links, not by the story, and a
    teaser's headline is itself a link."""
    if blocks[position].text == title:
        return True
    if is_link(blocks[position]):  # a teaser's headline leads to another story
        return False
    if is_kept(blocks[position].text, kept):
        return True
    following = next((kind for kind in kinds[position + 1 :] if kind != "heading"), None)
    return following == "body"


def find_lead(
    blocks: list[Block], kind_of: dict[int, str], title: str | None, in_furniture: Callable[[Block], bool]
) -> Block | None:
    """The article's lead (standfirst) that trafilatura left out: the first block of prose between
    the headline and the first body block, inside the story's container or, below the page's
    headline, just outside it. Its markup is the page header's ("intro", "summary", "chapo"), and
    captions, bylines and dates sit around it, so only prose qualifies."""
    first_body = next((i for i, block in enumerate(blocks) if kind_of.get(id(block)) == "body"), None)
    if first_body is None:
        return None
    headline = max((i for i in range(first_body) if is_headline(blocks[i], title)), default=None)
    for block in blocks[0 if headline is None else headline + 1 : first_body]:
        kind = kind_of.get(id(block))  # None: outside the container
        candidate = kind == "boilerplate" or (kind is None and headline is not None)
        if candidate and is_prose(block) and not describes_media(block.element) and not in_furniture(block):
            return block
    return None


def is_headline(block: Block, title: str | None) -> bool:
    return block.kind == "heading" and (block.text == title or block.element.tag == "h1")


def is_prose(block: Block) -> bool:
    """Sentences rather than a label, a date, a byline or a list of links."""
    return (
        block.kind is None
        and len(block.text.split()) >= LEAD_WORDS
        and block.linked < len(block.text) * 0.2
        and "|" not in block.text  # fields of a byline or dateline ("PUBLISHED: … | UPDATED: …")
        and block.text.lower() not in lexicon.boilerplate()
        and not is_credit_line(block.text)
        and not is_metadata_line(block.text)
    )


def describes_media(element) -> bool:
    """Inside a figure, or in markup naming a photo or its caption ("wp-caption-text",
    "article__image-desc"): it describes a picture."""
    for node in [element, *ancestors(element, None)]:
        if node.tag == "figure" or class_words(node.get("class") or "") & MEDIA_WORDS:
            return True
    return False


def block_kind(block: Block, container, article: set, kept: tuple[set[str], str] | None) -> str:
    """A block's kind inside the story's container; kept None: trafilatura found no main text, so
    all but furniture is body."""
    if block.kind == "embed":
        return "embed"
    if block.kind == "credit" or in_furniture(block.element, container, article):
        return "boilerplate"
    if block.kind:
        return block.kind
    if block.text.lower() in lexicon.boilerplate() or is_link(block) or points_elsewhere(block):
        return "boilerplate"
    if is_credit_line(block.text) or is_metadata_line(block.text):
        return "boilerplate"
    return "body" if kept is None or is_kept(block.text, kept) else "boilerplate"


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


def holding_most_of(kept_blocks: list[Block]) -> set:
    """The elements holding at least half of the text trafilatura kept: the article itself, whatever
    their class says ("no-paywall", "entry share", "content-ads"), and never page furniture."""
    held: dict = {}
    for block in kept_blocks:
        for element in {block.element, *ancestors(block.element, None)}:
            held[element] = held.get(element, 0) + len(block.text)
    total = sum(len(block.text) for block in kept_blocks)
    return {element for element, chars in held.items() if chars * 2 >= total}


def common_ancestor(elements: list) -> lxml.html.HtmlElement | None:
    """The innermost element holding all of elements."""
    if not elements:
        return None
    common = elements[0]
    for element in elements[1:]:
        while common is not element and not is_descendant(element, common):
            common = common.getparent()
    return common


def enclosing_article(element) -> lxml.html.HtmlElement:
    """element widened to its enclosing <article> (which also holds the headline and the lead
    photo) when there is one."""
    for candidate in [element, *ancestors(element, None)]:
        if candidate.tag == "article":
            return candidate
    return element


def is_descendant(element, ancestor) -> bool:
    return any(parent is ancestor for parent in ancestors(element, None))


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


def published_date(tree, fallback: str | None) -> str | None:
    """The page's own publication timestamp (JSON-LD datePublished, article:published_time,
    itemprop=datePublished), which keeps the time and offset; else trafilatura's date."""
    for value in [*json_ld_dates(tree), *meta_dates(tree), fallback]:
        try:
            date = normalise_date(value)
        except DateError:
            continue
        if date:
            return local_day(date, fallback)
    return None


def local_day(timestamp: str, page_date: str | None) -> str:
    """A UTC timestamp names the moment, not the day the page's readers saw: 05:30 UTC on the 9th is
    the 8th in America. When the date trafilatura reads from the page in its own terms (a visible
    date, a <time> without offset) is the day before or after, that day is the page's date."""
    if not timestamp.endswith("+00:00") or not page_date:
        return timestamp
    try:
        utc_day = datetime.date.fromisoformat(timestamp[:10])
        local = datetime.date.fromisoformat(page_date[:10])
    except ValueError:
        return timestamp
    return local.isoformat() if abs((utc_day - local).days) == 1 else timestamp


def meta_dates(tree) -> list[str]:
    return tree.xpath(
        "//meta[@property='article:published_time']/@content | //meta[@itemprop='datePublished']/@content"
        " | //*[@itemprop='datePublished']/@datetime"
    )


def json_ld_dates(tree) -> Iterator[str]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from find_key(data, "datePublished")


def find_key(data, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            yield data[key]
        for value in data.values():
            yield from find_key(value, key)
    elif isinstance(data, list):
        for value in data:
            yield from find_key(value, key)
