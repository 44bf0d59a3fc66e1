"""The whole extraction for one article, as one pure function: split → extract → resolve."""

from __future__ import annotations

import hashlib

from .models import Article, ArticleRecord
from .native import extractor_fingerprint
from .rules.extract import extract_quotes
from .rules.names import common_word_names, find_namings, without_speakers
from .rules.resolve import place_descriptions, resolve_speakers
from .rules.roles import article_affiliations, may_state_role, with_described_people
from .rules.split import split_paragraphs


def process_article(article: Article) -> ArticleRecord:
    # Hashed as read, before a default title is derived, so the CLI can skip an unchanged article
    # without extracting it first.
    digest = content_hash(article)
    paragraphs = split_paragraphs(article)
    quotes = extract_quotes(paragraphs)
    speakers, affiliations = resolve_speakers(paragraphs, quotes)
    speakers, affiliations = without_speakers(common_word_names(paragraphs, speakers), quotes, speakers, affiliations)
    namings = find_namings(paragraphs, speakers, may_state_role)
    affiliations = article_affiliations(namings, affiliations)
    speakers, affiliations = place_descriptions(paragraphs, quotes, speakers, affiliations)
    affiliations = with_described_people(namings, affiliations)
    if article.title is None:
        article.title = default_title(paragraphs)
    return ArticleRecord(article, digest, paragraphs, quotes, speakers, affiliations)


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
