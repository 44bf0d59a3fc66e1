"""Which blocks are the story: the text trafilatura kept, found again among the page's blocks; the
element holding it; furniture inside it; headings that open the story or only a list of teasers;
the lead trafilatura left out."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from ..models import Paragraph
from ..rules import lexicon
from .blocks import Block, ancestors, class_words, is_descendant, normalise
from .furniture import (
    in_furniture,
    is_advert_note,
    is_call_to_action,
    is_credit_line,
    is_download,
    is_link,
    is_metadata_line,
    labels_links,
    opens_comments,
    points_elsewhere,
)

MEDIA_WORDS = {"caption", "image", "img", "photo", "picture", "media", "gallery", "figure"}
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
LONG_ENOUGH_TO_MATCH_INSIDE = 40  # a block this long counts as kept if trafilatura's text contains it
LEAD_WORDS = 15  # a lead is at least a sentence of this many words
STORY_END = 2  # paragraphs at the story's end where a page signs off with a call to subscribe


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


def tag_paragraphs(
    blocks: list[Block], kept: tuple[set[str], str], title: str | None = None, description: str | None = None
) -> list[Paragraph]:
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
    kinds = without_comments(inside, kinds)
    kinds = without_calls_to_action(inside, kinds)
    kind_of = {id(block): kind for block, kind in zip(inside, kinds, strict=True)}
    lead = find_lead(blocks, kind_of, title, description, lambda block: in_furniture(block.element, container, article))
    if lead is not None:
        kind_of[id(lead)] = "body"
    read = [block for block in blocks if id(block) in kind_of]
    return [Paragraph(i, block.text, kind_of[id(block)]) for i, block in enumerate(read)]


def without_comments(blocks: list[Block], kinds: list[str]) -> list[str]:
    """The readers' comments are not the story, even where trafilatura kept them: from a heading
    over them ("3 Kommentare") to the next heading, every block is boilerplate."""
    kinds = list(kinds)
    in_comments = False
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            in_comments = opens_comments(block)
        if in_comments:
            kinds[i] = "boilerplate"
    return kinds


def without_calls_to_action(blocks: list[Block], kinds: list[str]) -> list[str]:
    """The story's last two paragraphs, where a page asks its reader to subscribe or follow it: such a
    call is the publication's, not the story's."""
    kinds = list(kinds)
    last_two = [i for i, kind in enumerate(kinds) if kind == "body"][-STORY_END:]
    for i in last_two:
        if is_call_to_action(blocks[i].text):
            kinds[i] = "boilerplate"
    return kinds


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
    blocks: list[Block],
    kind_of: dict[int, str],
    title: str | None,
    description: str | None,
    in_furniture: Callable[[Block], bool],
) -> Block | None:
    """The article's lead (standfirst) that trafilatura left out, between the headline and the first
    body block: the page's own description written out there (in a subheading, a teaser box, any
    markup), else the first block of prose inside the story's container or, below the page's
    headline, just outside it. Its markup is the page header's ("intro", "summary", "chapo"), and
    captions, bylines and dates sit around it, so only prose qualifies."""
    first_body = next((i for i, block in enumerate(blocks) if kind_of.get(id(block)) == "body"), None)
    if first_body is None:
        return None
    headline = max((i for i in range(first_body) if is_headline(blocks[i], title)), default=None)
    before_story = blocks[0 if headline is None else headline + 1 : first_body]
    described = next((block for block in before_story if restates(block, description)), None)
    if described is not None:
        return described
    story = blocks[first_body].element
    for block in before_story:
        kind = kind_of.get(id(block))  # None: outside the container
        candidate = kind == "boilerplate" or (kind is None and headline is not None)
        if candidate and is_prose(block) and not describes_media(block.element, story) and not in_furniture(block):
            return block
    return None


def restates(block: Block, description: str | None) -> bool:
    """Whether block is the page's description (its meta description), as a standfirst is: the same
    words, the description cut short ("…"), or the block holding the description and more."""
    if description is None or block.kind not in (None, "heading") or is_link(block):
        return False
    description = description.rstrip(".…").rstrip()
    long_enough = min(len(description.split()), len(block.text.split())) >= LEAD_WORDS
    return long_enough and (block.text.startswith(description) or description.startswith(block.text))


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


def describes_media(element, story) -> bool:
    """Inside a figure, or in markup naming a photo or its caption ("wp-caption-text",
    "article__image-desc"): it describes a picture. Markup that also holds the story (a page whose
    <body> class says "has-image") is the page's, not a picture's."""
    for node in [element, *ancestors(element, None)]:
        if node is story or is_descendant(story, node):
            return False
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
    if is_credit_line(block.text) or is_metadata_line(block.text) or is_advert_note(block.text) or is_download(block):
        return "boilerplate"
    return "body" if kept is None or is_kept(block.text, kept) else "boilerplate"


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
