"""The rows of one extracted article, one typed row per table, before the database gives them ids.

A row names what it refers to instead of holding an id: a quote its paragraph's position and its
speaker's key. The writers (store.py, bulk.py) give the rows ids and turn those references into
paragraph_id and speaker_id (db_values). Each table's columns, and so its CREATE and INSERT
statements, are its row's fields (table_columns), so adding a column is one line in its row here,
and its value where article_rows fills the row.

Workers send ArticleRows to the writer: named tuples of strings and numbers, which pickle several
times faster than the dataclasses of models.py. They are also what extract writes as Parquet."""

from __future__ import annotations

import typing
from functools import cache
from typing import NamedTuple

from .models import ArticleRecord, Quote


class ArticleRow(NamedTuple):
    path: str  # what re-ingesting compares: the file, or FILE#ID for a record
    title: str | None
    url: str | None
    published: str | None  # ISO 8601 at the precision given
    outlet: str | None
    author: str | None
    content_hash: str  # of the text, the metadata and the extractor (pipeline.content_hash)
    paragraph_count: int
    quote_count: int
    published_year: str | None  # for facets: "2021" when the date says
    published_month: str | None  # "2021-07"
    ingested_at: str | None = None  # set by the writer


class ParagraphRow(NamedTuple):
    position: int
    kind: str  # models.PARAGRAPH_KINDS
    text: str


class SpeakerRow(NamedTuple):
    key: str  # named people and groups: their name; an anonymous source: "NAME [article path]"
    name: str
    kind: str  # person | organization | group | anonymous
    is_anonymous: int
    gender: str | None = None  # "female" | "male", as the article that first named them said
    gender_evidence: str | None = None  # the rule and the words: 'pronoun "she"', "honorific Mr."


class SpeakerAliasRow(NamedTuple):
    speaker_key: str  # the SpeakerRow.key of the speaker this is a name of
    alias: str
    reason: str | None = None  # why this form was joined to the speaker in this article


class QuoteRow(NamedTuple):
    paragraph_position: int  # the ParagraphRow.position of the paragraph it is in
    speaker_key: str | None  # the SpeakerRow.key of its speaker, if found
    text: str
    kind: str
    cue: str | None
    speaker_mention: str | None
    start: int
    end: int
    method: str | None
    is_anonymous: int
    mixed: int
    position: int  # in the article's quotes
    reason: str | None = None  # why it has no speaker ("no cue", 'not a name: "Around"'); None when it has one


class AffiliationRow(NamedTuple):
    speaker_key: str  # the SpeakerRow.key of the speaker
    role: str | None
    organization: str | None
    title: str | None
    source_text: str | None


class ArticleRows(NamedTuple):
    """One article's rows, table by table."""

    article: ArticleRow
    paragraphs: list[ParagraphRow]
    speakers: list[SpeakerRow]
    speaker_aliases: list[SpeakerAliasRow]
    quotes: list[QuoteRow]
    affiliations: list[AffiliationRow]

    @property
    def path(self) -> str:
        return self.article.path

    @property
    def content_hash(self) -> str:
        return self.article.content_hash


# Each table of an article and its row. A row's reference fields come first, in the order of
# REFERENCES; the database holds the referenced row's id in their place.
ROWS: dict[str, type] = {
    "articles": ArticleRow,
    "paragraphs": ParagraphRow,
    "speakers": SpeakerRow,
    "speaker_aliases": SpeakerAliasRow,
    "quotes": QuoteRow,
    "affiliations": AffiliationRow,
}
REFERENCES = {"paragraph_position": "paragraph_id", "speaker_key": "speaker_id"}
NO_ID = ("speaker_aliases",)  # keyed by its columns instead
NOT_IN_ARTICLE = ("articles", "speakers")  # a speaker is shared by the articles that name them


@cache
def field_types(row: type) -> dict[str, type]:
    """A row's fields in order, each int or str (SQLite's INTEGER or TEXT)."""
    hints = typing.get_type_hints(row)
    return {field: int if int in (hint, *typing.get_args(hint)) else str for field, hint in hints.items()}


@cache
def table_columns(table: str) -> dict[str, type]:
    """The table's columns in order, with their types: its id, the article's id for a table of an
    article's parts, then its row's fields (a reference field as the referenced row's id)."""
    columns: dict[str, type] = {} if table in NO_ID else {"id": int}
    if table not in NOT_IN_ARTICLE:
        columns["article_id"] = int
    for field, kind in field_types(ROWS[table]).items():
        columns[REFERENCES.get(field, field)] = int if field in REFERENCES else kind
    return columns


@cache
def insert_columns(table: str) -> tuple[str, ...]:
    """The columns db_values fills: every column but an id the database gives."""
    return tuple(column for column in table_columns(table) if column != "id")


@cache
def reference_fields(table: str) -> tuple[str, ...]:
    return tuple(field for field in ROWS[table]._fields if field in REFERENCES)


def db_values(table: str, rows: list, article_id: int, ids: dict[str, dict]) -> list[tuple]:
    """Rows of an article's part as the values of their table's insert_columns: the article's id,
    the ids of the rows each refers to (ids: reference field → {reference: id}), then its own
    fields. Written out for each number of references, as this runs for every row written."""
    references = reference_fields(table)
    if not references:
        return [(article_id, *row) for row in rows]
    first = ids[references[0]]
    if len(references) == 1:
        return [(article_id, first[reference], *rest) for reference, *rest in rows]
    second = ids[references[1]]  # a quote's speaker, which it may lack
    return [(article_id, first[a], None if b is None else second[b], *rest) for a, b, *rest in rows]


def article_rows(record: ArticleRecord) -> ArticleRows:
    """The rows of one extracted article; pure, so it runs in the worker that extracted it."""
    article, published = record.article, record.article.published
    keys = {speaker.name: speaker_key(record, speaker.name, speaker.kind) for speaker in record.speakers}
    return ArticleRows(
        article=ArticleRow(
            path=article.path,
            title=article.title,
            url=article.url,
            published=published,
            outlet=article.outlet,
            author=article.author,
            content_hash=record.content_hash,
            paragraph_count=len(record.paragraphs),
            quote_count=len(record.quotes),
            published_year=(published or "")[:4] or None,
            published_month=published[:7] if published and len(published) >= 7 else None,
        ),
        paragraphs=[ParagraphRow(p.position, p.kind, p.text) for p in record.paragraphs],
        speakers=[
            SpeakerRow(keys[s.name], s.name, s.kind, int(s.kind == "anonymous"), s.gender, s.gender_evidence)
            for s in record.speakers
        ],
        speaker_aliases=[
            SpeakerAliasRow(keys[s.name], alias, s.alias_reasons.get(alias))
            for s in record.speakers
            for alias in sorted(s.aliases)
        ],
        quotes=[quote_row(position, quote, keys) for position, quote in enumerate(record.quotes)],
        affiliations=[
            AffiliationRow(keys[a.speaker_name], a.role, a.organization, a.title, a.source_text)
            for a in record.affiliations
            if a.speaker_name in keys
        ],
    )


def quote_row(position: int, quote: Quote, keys: dict[str, str]) -> QuoteRow:
    mention = quote.mention
    return QuoteRow(
        paragraph_position=quote.paragraph_position,
        speaker_key=keys.get(quote.speaker_key) if quote.speaker_key else None,
        text=quote.text,
        kind=quote.kind,
        cue=quote.cue,
        speaker_mention=mention.text if mention else None,
        start=quote.start,
        end=quote.end,
        method=quote.method if quote.speaker_key else "unresolved",
        is_anonymous=int(bool(mention) and mention.kind == "anonymous"),
        mixed=int(quote.mixed),
        position=position,
        reason=None if quote.speaker_key else quote.reason or "no cue",
    )


def speaker_key(record: ArticleRecord, name: str, kind: str) -> str:
    """Named people and groups are shared across articles by name; an anonymous source ("a
    Western diplomat") is only ever the same source within one article."""
    return f"{name} [{record.article.path}]" if kind == "anonymous" else name
