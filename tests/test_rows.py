"""Named rows (ingest/rows.py): each article table's columns and INSERT come from its row's fields,
so a column added to a row is created, filled and read back with no other change to the writer."""

from __future__ import annotations

from typing import NamedTuple

import sqlite_utils

from ingest import rows, store
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.store import CORPUS_COLUMNS

from .conftest import SEED


def test_every_article_table_has_its_rows_fields_as_columns(seed_db):
    for table, row in rows.ROWS.items():
        columns = list(seed_db[table].columns_dict)
        # then the columns the corpus-wide steps fill (store.CORPUS_COLUMNS: quotation_id, gender)
        assert columns == list(rows.table_columns(table) | CORPUS_COLUMNS.get(table, {}))
        for field in row._fields:
            assert set(rows.REFERENCES.get(field, (field,))) <= set(columns)


def test_a_field_added_to_a_row_is_a_column_with_its_values(tmp_path, monkeypatch):
    class LongerQuoteRow(NamedTuple):  # QuoteRow and one more field: all a new column takes here
        paragraph_position: int
        speaker_key: str | None
        text: str
        kind: str
        cue: str | None
        speaker_mention: str | None
        start: int
        end: int
        method: str | None
        is_anonymous: int
        mixed: int
        position: int
        reason: str | None
        words: int

    assert LongerQuoteRow._fields[:-1] == rows.QuoteRow._fields
    monkeypatch.setitem(rows.ROWS, "quotes", LongerQuoteRow)
    for cached in (rows.table_columns, rows.insert_columns, rows.reference_fields, store.schema_statements):
        cached.cache_clear()
    monkeypatch.setitem(store.TABLES, "quotes", (rows.table_columns("quotes"), "id"))
    article = rows.article_rows(process_article(Article(path="seed.txt", text=SEED.read_text(encoding="utf-8"))))
    longer = [LongerQuoteRow(*quote, len(quote.text.split())) for quote in article.quotes]
    db = store.open_db(str(tmp_path / "q.db"))
    assert store.save_record(db, article._replace(quotes=longer)) == "added"
    stored = sqlite_utils.Database(tmp_path / "q.db").execute("select text, words from quotes order by id").fetchall()
    assert stored == [(quote.text, quote.words) for quote in longer]
    for cached in (rows.table_columns, rows.insert_columns, rows.reference_fields, store.schema_statements):
        cached.cache_clear()
