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

  blocks.py     the page walked into blocks of text, in reading order, with their structural kind
  furniture.py  what marks a block as page furniture (markup, credits, links, comments, adverts)
  story.py      which blocks are the story: trafilatura's text, its container, the lead it left out
  metadata.py   the page's own publication date
"""

from __future__ import annotations

from ..models import Article
from .blocks import clean, parse_page, walk_blocks
from .metadata import published_date
from .story import kept_texts, tag_paragraphs


def read_html(path: str, html: str) -> Article:
    """The Article for one page; paragraphs are tagged, metadata comes from the page itself."""
    import trafilatura  # imported here: it costs half a second, and most corpora are not HTML

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, date_extraction_params={"original_date": True}
    )
    tree = parse_page(html)
    blocks = list(walk_blocks(tree.find("body") if tree.find("body") is not None else tree))
    kept = kept_texts(extracted)
    title, description = clean(getattr(extracted, "title", None)), clean(getattr(extracted, "description", None))
    paragraphs = tag_paragraphs(blocks, kept, title, description)
    return Article(
        path=path,
        text="\n\n".join(p.text for p in paragraphs),
        title=title,
        url=clean(getattr(extracted, "url", None)),
        published=published_date(tree, getattr(extracted, "date", None)),
        outlet=clean(getattr(extracted, "sitename", None)),
        author=clean(getattr(extracted, "author", None)),
        paragraphs=paragraphs,
    )
