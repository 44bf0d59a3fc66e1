"""The whole extraction for one article, as one pure function: split → extract → resolve."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .extract import extract_quotes
from .models import Article, ArticleRecord
from .resolve import resolve_speakers
from .split import split_paragraphs


def process_article(article: Article) -> ArticleRecord:
    # Hashed as read, before a default title is derived, so the CLI can skip an unchanged article
    # without extracting it first.
    digest = content_hash(article)
    paragraphs = split_paragraphs(article)
    quotes = extract_quotes(paragraphs)
    speakers, affiliations = resolve_speakers(paragraphs, quotes)
    if article.title is None:
        article.title = default_title(paragraphs)
    return ArticleRecord(article, digest, paragraphs, quotes, speakers, affiliations)


# The modules whose rules decide what is extracted; reading, storage and the CLI are left out, so
# changing them does not re-extract a whole corpus.
EXTRACTOR_MODULES = (
    "models",
    "split",
    "webpage",
    "quotemarks",
    "cuewords",
    "subjects",
    "reported",
    "cues",
    "mentions",
    "extract",
    "resolve",
    "lexicon",
)


@cache
def extractor_fingerprint() -> bytes:
    """A hash of the extractor's own code and word lists: when the rules change, re-ingesting the
    same file re-extracts it instead of keeping rows made by the old rules."""
    package = Path(__file__).parent
    modules = [package / f"{name}.py" for name in (*EXTRACTOR_MODULES, "pipeline")]
    digest = hashlib.sha256()
    for path in sorted([*modules, *package.glob("lexicon/*.txt")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def content_hash(article: Article) -> str:
    digest = hashlib.sha256(extractor_fingerprint())
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    for value in (article.title, article.url, article.published, article.outlet, article.author):
        digest.update(b"\0" + (value or "").encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def default_title(paragraphs) -> str | None:
    """Plain text has no title field: a heading if the article opens with one, else its first words."""
    if not paragraphs:
        return None
    first = paragraphs[0].text
    if paragraphs[0].kind == "heading":
        return first
    words = first.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
