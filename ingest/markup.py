"""A cheap look at a web page's markup before it is read: refuse what would take the HTML reader
minutes or lose text silently, with a message that says what is wrong.

Reading a page (trafilatura, then our walk over its blocks) is quadratic in some shapes no article
has: 5,000 <b> elements in one paragraph take 7 s, 20,000 take 5 minutes, 40,000 over an hour;
20,000 attributes on one element take 20 s. And libxml2, which parses the page, stops at 256
levels of nesting and at 10,000,000 characters of text in one piece, so such pages came out as "no
text found". One pass over the tags, linear in the page, finds all four; the per-input time limit
(parallel.ARTICLE_TIMEOUT) stops whatever else is slow."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MAX_INLINE_ELEMENTS = 2_000  # inside one paragraph or other block; 1,000 <b> in a <p> read in 0.5 s
MAX_ATTRIBUTES = 1_000  # on one element; real pages have tens
# libxml2 drops every element below depth 256 with everything inside it; <html> and <body> take two
# levels and the paragraph holding the text one more.
MAX_DEPTH = 253
MAX_TEXT_RUN = 10_000_000  # libxml2's limit on one text node

# A tag with its attributes, or a comment. A quoted value may hold ">" (JSON in a data- attribute);
# a quote anywhere but after "=" is an ordinary character, as browsers read it (height="63"" is
# not the start of a value that runs on to the next quote in the page). Possessive (*+, ++): a
# tag that never closes fails at once instead of backtracking through every way to split it. The
# pattern opens with its one literal "<", so the search skips from "<" to "<" in C.
TAG = re.compile(r"""<(?:(/?)([a-zA-Z][^\s/>]*+)((?:[^>=]++|=\s*+(?:"[^"]*+"|'[^']*+')?)*+)>|!--.*?(?:-->|$))""", re.S)
ATTRIBUTE = re.compile(r"""[^\s=/>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?""")
# Elements whose content is text, not markup, up to their end tag.
RAW_TEXT_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style", "textarea", "title", "xmp")}
BLOCKS = {
    "html", "body", "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "ul", "ol",
    "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption",
    "blockquote", "dl", "dt", "dd", "pre", "address", "hr", "details", "summary", "center", "form",
    "fieldset", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
# Elements that never nest: void ones, and those whose end tag a parser infers (a new <p> closes
# the open one), so leaving them open does not make the page deeper.
NEVER_NEST = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "keygen", "basefont", "frame", "isindex", "p", "li", "dt", "dd", "tr", "td", "th", "thead",
    "tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head",
    "body",
}  # fmt: skip


@dataclass
class MarkupShape:
    """The extremes of a page's markup."""

    inline_elements: int = 0  # most elements between two block boundaries
    attributes: int = 0  # most attributes on one element, counted up to MAX_ATTRIBUTES + 1
    depth: int = 0  # deepest nesting of elements that nest
    text_run: int = 0  # longest stretch of characters between two tags


def markup_shape(html: str) -> MarkupShape:
    """One pass over the tags (about 3 µs each): 0.03 s for a 200 kB news page."""
    shape = MarkupShape()
    inline = longest_inline = longest_text = 0
    open_elements: list[str] = []
    position = 0
    last = html.rfind(">") + 1  # no tag ends after it: searching past it would rescan the tail from every "<"
    search = TAG.search
    while (match := search(html, position, last)) is not None:
        start, end = match.span()
        if start - position > longest_text:
            longest_text = start - position
        position = end
        closing, name, attributes = match.group(1, 2, 3)
        if name is None:
            continue  # a comment
        name = name.lower()
        if len(attributes) > MAX_ATTRIBUTES:  # short tags cannot hold that many
            counted = sum(1 for _ in itertools.islice(ATTRIBUTE.finditer(attributes), MAX_ATTRIBUTES + 1))
            shape.attributes = max(shape.attributes, counted)
        if name in BLOCKS:
            inline = 0
        elif not closing:
            inline += 1
            if inline > longest_inline:
                longest_inline = inline
        if name in NEVER_NEST:
            continue
        if closing:
            if name in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name) :]
        else:
            open_elements.append(name)
            shape.depth = max(shape.depth, len(open_elements))
            if name in RAW_TEXT_END:
                raw_end = RAW_TEXT_END[name].search(html, position)
                position = raw_end.start() if raw_end else len(html)
    shape.inline_elements = longest_inline
    shape.text_run = max(longest_text, len(html) - position)
    return shape


def markup_problem(html: str) -> str | None:
    """Why the page must not be read, or None. The reasons name what was found and the limit."""
    shape = markup_shape(html)
    if shape.inline_elements > MAX_INLINE_ELEMENTS:
        return (
            f"{shape.inline_elements:,} elements inside one paragraph or block (more than {MAX_INLINE_ELEMENTS:,};"
            " no article has that many, and reading them would take minutes)"
        )
    if shape.attributes > MAX_ATTRIBUTES:
        return f"an element with over {MAX_ATTRIBUTES:,} attributes (not an article)"
    if shape.depth > MAX_DEPTH:
        return f"markup nested {shape.depth:,} elements deep (HTML parsers stop at 256 levels: text would be lost)"
    if shape.text_run > MAX_TEXT_RUN:
        return (
            f"{shape.text_run:,} characters of text without a tag between them (one paragraph?; HTML parsers read"
            f" at most {MAX_TEXT_RUN:,} in one piece)"
        )
    return None
