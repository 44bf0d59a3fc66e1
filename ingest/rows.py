"""The rows of one extracted article, one typed row per table, before the database gives them ids.

A row names what it refers to instead of holding an id: a quote its paragraph's position and its
speaker's key. The writers (store.py, bulk.py) give the rows ids and turn those references into
paragraph_id, speaker_id and article_speaker_id (db_values). Each table's columns, and so its CREATE and INSERT
statements, are its row's fields (table_columns), so adding a column is one line in its row here,
and its value where article_rows fills the row.

Workers send ArticleRows to the writer: named tuples of strings and numbers, which pickle several
times faster than the dataclasses of models.py. They are also what extract writes as Parquet."""

from __future__ import annotations

import typing
from collections import Counter
from functools import cache
from typing import NamedTuple

from .identity import LocalSpeaker, article_keys, block_of
from .models import ArticleRecord, Quote, Speaker


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
    """A real person, organisation or group across the corpus (an anonymous source: within one
    article). An article gives the one its speaker most likely is; the corpus-wide identity step
    (identity.py) decides, and sets the name and gender from all the articles naming them."""

    key: str  # identity.provisional_key: "person:donald trump", "anonymous:an aide [PATH]"
    name: str
    kind: str  # person | organization | group | anonymous
    is_anonymous: int
    gender: str | None = None  # female | male: the article's; then the identity step's, over all articles
    gender_evidence: str | None = None  # the rule and the words: 'pronoun "she"', "honorific Mr."


class ArticleSpeakerRow(NamedTuple):
    """One of the article's own speakers, as its extraction resolved it: what the identity step
    reads to decide which speaker (SpeakerRow) it is."""

    entity_key: str  # the SpeakerRow.key of the speaker it most likely is
    name: str  # the fullest name the article gives
    kind: str
    gender: str | None  # female | male, from this article's words only
    gender_evidence: str | None
    block: str  # the names identity compares it with (identity.block_of)
    quote_count: int
    reason: str | None = None  # why it is its speaker: set by the identity step


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
    article_speakers: list[ArticleSpeakerRow]
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
    "article_speakers": ArticleSpeakerRow,
    "speaker_aliases": SpeakerAliasRow,
    "quotes": QuoteRow,
    "affiliations": AffiliationRow,
}
# A reference field → the columns that hold the referenced rows' ids. A row naming its speaker
# names one of the article's own speakers, which is some speaker: both ids are kept, so that the
# identity step re-points its rows by (article_id, article_speaker_id) when the speaker changes.
REFERENCES = {
    "paragraph_position": ("paragraph_id",),
    "speaker_key": ("speaker_id", "article_speaker_id"),
    "entity_key": ("speaker_id",),
}
NO_ID = ("speaker_aliases",)  # keyed by its columns instead
NOT_IN_ARTICLE = ("articles", "speakers")  # a speaker is shared by the articles that name them


def plain_values(rows: ArticleRows) -> tuple:
    """rows as tuples of plain values, to send to another process: pickle writes a named tuple as a
    call of its class, which costs about 4x the tuple of its values to pickle and 4x to unpickle
    (the shard router's largest cost after reading Parquet, benchmarks/RESULTS.md)."""
    return (tuple(rows.article), *([tuple(row) for row in table] for table in rows[1:]))


def from_plain_values(values: tuple) -> ArticleRows:
    """The ArticleRows plain_values gave."""
    article, *tables = values
    return ArticleRows(
        ArticleRow(*article),
        *([ROWS[name](*row) for row in table] for name, table in zip(ArticleRows._fields[1:], tables, strict=True)),
    )


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
        for column in REFERENCES.get(field, (field,)):
            columns[column] = int if field in REFERENCES else kind
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
    the ids of the rows each refers to (ids: reference field → {reference: its columns' ids}), then
    its own fields. Written out for each number of references, as this runs for every row written."""
    references = reference_fields(table)
    if not references:
        return [(article_id, *row) for row in rows]
    first = ids[references[0]]
    if len(references) == 1:
        return [(article_id, *first[reference], *rest) for reference, *rest in rows]
    second = ids[references[1]]  # a quote's speaker, which it may lack
    unknown = (None,) * len(REFERENCES[references[1]])
    return [(article_id, *first[a], *(unknown if b is None else second[b]), *rest) for a, b, *rest in rows]


def article_rows(record: ArticleRecord) -> ArticleRows:
    """The rows of one extracted article; pure, so it runs in the worker that extracted it."""
    article, published = record.article, record.article.published
    keys, reasons = article_keys(article.path, ((speaker.name, speaker.kind) for speaker in record.speakers))
    speakers = one_per_key(record.speakers, keys, reasons)
    quotes = [quote_row(position, quote, keys) for position, quote in enumerate(record.quotes)]
    quote_counts = Counter(quote.speaker_key for quote in quotes if quote.speaker_key)
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
            SpeakerRow(key, s.name, s.kind, int(s.kind == "anonymous"), s.gender, s.gender_evidence)
            for key, s in speakers.items()
        ],
        article_speakers=[
            ArticleSpeakerRow(
                key, s.name, s.kind, s.gender, s.gender_evidence, local_block(record, s), quote_counts[key]
            )
            for key, s in speakers.items()
        ],
        speaker_aliases=[
            SpeakerAliasRow(key, alias, s.alias_reasons.get(alias))
            for key, s in speakers.items()
            for alias in sorted(s.aliases | {s.name})
        ],
        quotes=quotes,
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
        method=quote.method,
        is_anonymous=int(bool(mention) and mention.kind == "anonymous"),
        mixed=int(quote.mixed),
        position=position,
        reason=quote.reason,
    )


SAME_KEY_REASON = "the same name in this article, case, titles and middle initials aside"


def one_per_key(speakers: list[Speaker], keys: dict[str, str], reasons: dict[str, str]) -> dict[str, Speaker]:
    """The article's speakers by key. Two whose names differ only as a key ignores ("TRUMP" and
    "Trump", "Donald J. Trump" and "Donald Trump") are one person in one article: one speaker,
    under the first such name (a person's before another kind's, and before one joined to it:
    "Donald Trump", not "TRUMP" or "Donald"), with the aliases, reasons and gender evidence of both."""
    merged: dict[str, Speaker] = {}
    for speaker in speakers:
        key = keys[speaker.name]
        if key not in merged:
            merged[key] = speaker
            continue
        first = merged[key]
        if rank(speaker, reasons) > rank(first, reasons):
            first, speaker = speaker, first
        same_gender = first.gender == speaker.gender or not (first.gender and speaker.gender)
        merged[key] = Speaker(
            first.name,
            first.kind,
            first.aliases | speaker.aliases | {speaker.name},
            (first.gender or speaker.gender) if same_gender else None,
            (first.gender_evidence or speaker.gender_evidence) if same_gender else None,
            {speaker.name: reasons.get(speaker.name, SAME_KEY_REASON)} | speaker.alias_reasons | first.alias_reasons,
        )
    return merged


def rank(speaker: Speaker, reasons: dict[str, str]) -> tuple[bool, bool]:
    return speaker.kind == "person", speaker.name not in reasons


def local_block(record: ArticleRecord, speaker: Speaker) -> str:
    return block_of(LocalSpeaker(record.article.path, speaker.name, speaker.kind))
