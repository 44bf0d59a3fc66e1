"""Full-text indexing deferred to the end of a batch: the mechanism, in one place.

Each FTS table (FTS_CONFIG) is kept in step with its table by sqlite-utils' triggers. Row by row,
those triggers made bulk loads about 4x slower than filling the index with one statement per table
at the end of a batch (benchmarks/RESULTS.md). So the insert trigger is made to stand aside while
a row of the fts_deferred table names its table (insert_trigger_sql), begin_deferred writes those
rows at the start of a batch, and end_deferred indexes every row added since and deletes them, all
inside the writer's one transaction: no reader, and no committed state, ever sees a flag row or an
index out of step with its table. The triggers stay in place for good: dropping and re-creating
them around every batch changed the schema under running readers (a Datasette search re-reading
the schema at that moment failed with "vtable constructor failed")."""

from __future__ import annotations

import sqlite_utils

# Table → its full-text indexed columns (porter stemming, see schema.upgrade_shape).
FTS_CONFIG = {
    "quotes": ["text"],
    "paragraphs": ["text"],
    "speakers": ["name"],
}

# One row per FTS table while a batch defers its indexing: the highest rowid indexed before it.
DEFERRED_TABLE = {"fts_deferred": ({"tbl": str, "after_id": int}, "tbl")}

# A second full-text index of the quotes' words in which each row also holds its article's outlet,
# as one token in a column of its own, so that FTS5 itself intersects a search's words with an
# outlet's quotes (plugins/quote_search.py: words and an outlet) instead of each match being looked
# up among the outlet's quotes. quotes_fts stays the index of the words alone: its columns, its
# lengths (bm25's), what `_search=` on quotes finds, and the ranks of every search are its own.
# Like quotes_fts it keeps no copy of the text: it is an external-content index of the view
# OUTLET_SOURCE (its text and outlet are read from there when asked for), and it keeps no column
# lengths (columnsize=0: it is never ranked), which made it about half as costly to fill.
# Kept in step by OUTLET_INDEX_TRIGGERS and, in a batch, with the other indexes (end_deferred).
OUTLET_INDEX = "quotes_outlet_fts"
OUTLET_SOURCE = f"{OUTLET_INDEX}_source"


def outlet_token_sql(outlet: str) -> str:
    """The SQL expression of the token standing for an outlet (the SQL expression `outlet`) in
    OUTLET_INDEX: one token whatever the outlet's name (its bytes in hex), its letters folded as
    `collate nocase` folds them (ASCII only), the hex letters written as consonants so that the
    porter stemmer, which the index applies to every token, leaves it whole; NULL (no token) for an
    article without an outlet."""
    spelled = f"hex(lower({outlet}))"
    for digit, consonant in zip("ABCDEF", "hjkpqx", strict=True):
        spelled = f"replace({spelled}, '{digit}', '{consonant}')"
    return f"'w' || {spelled}"


def outlet_match_sql(words: str, outlet: str) -> str:
    """The SQL expression of OUTLET_INDEX's MATCH for `words` (an FTS5 query, as fts_query makes
    it) among the quotes of `outlet` (the outlet's name), both SQL expressions."""
    return f"""'{{text}} : (' || {words} || ') AND {{outlet}} : "' || {outlet_token_sql(outlet)} || '"'"""


OUTLET_SOURCE_SQL = f"""select quotes.id as id, quotes.text as text, {outlet_token_sql("articles.outlet")} as outlet
from quotes left join articles on articles.id = quotes.article_id"""
OUTLET_INDEX_SQL = f"""CREATE VIRTUAL TABLE [{OUTLET_INDEX}] using fts5(text, outlet, tokenize='porter',
  content='{OUTLET_SOURCE}', content_rowid='id', columnsize=0)"""


def outlet_index_fill_sql(where: str) -> str:
    """Index the quotes that `where` selects (quotes.id > ?: those a batch added), none of them
    indexed yet, into OUTLET_INDEX."""
    return f"insert into {OUTLET_INDEX} (rowid, text, outlet) {OUTLET_SOURCE_SQL} where {where}"


def index_quote_sql(quote: str) -> str:
    """The statement, in a trigger, indexing a quote (`quote`: new or old) with its article's outlet."""
    return f"INSERT INTO {OUTLET_INDEX} (rowid, text, outlet) VALUES ({quote}.id, {quote}.text, {outlet_of_sql(quote)})"


def unindex_quote_sql(quote: str) -> str:
    """The statement, in a trigger, taking a quote out of OUTLET_INDEX: an external-content index is
    told the words it unindexes, the quote's with its article's outlet (an article's quotes are
    deleted before the article, store.delete_article_rows)."""
    return f"""INSERT INTO {OUTLET_INDEX} ({OUTLET_INDEX}, rowid, text, outlet)
    VALUES ('delete', {quote}.id, {quote}.text, {outlet_of_sql(quote)})"""


def outlet_of_sql(quote: str) -> str:
    return f"(select {outlet_token_sql('outlet')} from articles where id = {quote}.article_id)"


OUTLET_INDEX_TRIGGERS = {
    f"{OUTLET_INDEX}_quote_added": f"""
CREATE TRIGGER {OUTLET_INDEX}_quote_added AFTER INSERT ON quotes
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quotes') BEGIN
  {index_quote_sql("new")};
END""",
    f"{OUTLET_INDEX}_quote_deleted": f"""
CREATE TRIGGER {OUTLET_INDEX}_quote_deleted AFTER DELETE ON quotes BEGIN
  {unindex_quote_sql("old")};
END""",
    # Only a change of what is indexed: the corpus-wide steps rewrite other columns of many quotes.
    f"{OUTLET_INDEX}_quote_changed": f"""
CREATE TRIGGER {OUTLET_INDEX}_quote_changed AFTER UPDATE OF text, article_id ON quotes
WHEN old.text IS NOT new.text OR old.article_id IS NOT new.article_id BEGIN
  {unindex_quote_sql("old")};
  {index_quote_sql("new")};
END""",
    f"{OUTLET_INDEX}_outlet_changed": f"""
CREATE TRIGGER {OUTLET_INDEX}_outlet_changed AFTER UPDATE OF outlet ON articles
WHEN old.outlet IS NOT new.outlet BEGIN
  INSERT INTO {OUTLET_INDEX} ({OUTLET_INDEX}, rowid, text, outlet)
    SELECT 'delete', id, text, {outlet_token_sql("old.outlet")} FROM quotes WHERE article_id = new.id;
  INSERT INTO {OUTLET_INDEX} (rowid, text, outlet)
    SELECT id, text, {outlet_token_sql("new.outlet")} FROM quotes WHERE article_id = new.id;
END""",
}


def rebuild_outlet_index(db: sqlite_utils.Database) -> None:
    """OUTLET_INDEX made anew from every quote (a database made before it, or whose triggers were
    missing for a while), with the view it reads."""
    db.execute(f"drop table if exists [{OUTLET_INDEX}]")
    db.execute(f"drop view if exists [{OUTLET_SOURCE}]")
    db.execute(f"create view [{OUTLET_SOURCE}] as {OUTLET_SOURCE_SQL}")
    db.execute(OUTLET_INDEX_SQL)
    db.execute(f"insert into [{OUTLET_INDEX}] ([{OUTLET_INDEX}]) values ('rebuild')")


def insert_trigger_sql(table: str) -> str:
    """sqlite-utils' FTS insert trigger, made to stand aside while its table's indexing is deferred."""
    columns = FTS_CONFIG[table]
    return (
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}]"
        f" WHEN NOT EXISTS (SELECT 1 FROM [fts_deferred] WHERE tbl = '{table}') BEGIN\n"
        f"  INSERT INTO [{table}_fts] (rowid, {', '.join(f'[{c}]' for c in columns)})"
        f" VALUES (new.rowid, {', '.join(f'new.[{c}]' for c in columns)});\nEND"
    )


def begin_deferred(db: sqlite_utils.Database) -> None:
    """Suspend the FTS insert triggers for the current transaction, remembering each table's
    highest id for end_deferred. The flag rows are written inside the transaction, so a crash
    rolls them back with the rows they cover."""
    for table in FTS_CONFIG:
        after_id = db.execute(f"select coalesce(max(rowid), 0) from [{table}]").fetchone()[0]
        db.execute("insert or replace into fts_deferred (tbl, after_id) values (?, ?)", [table, after_id])


def end_deferred(db: sqlite_utils.Database) -> None:
    """Index the rows added since begin_deferred and let the insert triggers work again; no-op
    when nothing is deferred."""
    for table, after_id in db.execute("select tbl, after_id from fts_deferred").fetchall():
        columns = ", ".join(f"[{c}]" for c in FTS_CONFIG[table])
        db.execute(
            f"insert into [{table}_fts] (rowid, {columns}) select rowid, {columns} from [{table}] where rowid > ?",
            [after_id],
        )
        if table == "quotes":
            db.execute(outlet_index_fill_sql("quotes.id > ?"), [after_id])
    db.execute("delete from fts_deferred")


# An index written in many small batches is left in many segments (FTS5 merges them only in part as it
# goes), and every one-row MATCH, each search result's snippet, reads every segment: on a 1M-quote
# corpus in 9 segments a snippet cost 5x what it costs in one. Merging them all costs about a second
# per million rows, so it is done once at the end of a run, and only past this many segments.
MAX_SEGMENTS = 4


def compact_search_indexes(db: sqlite_utils.Database) -> None:
    """Merge each full-text index into one segment when writes have left it in more than MAX_SEGMENTS."""
    for index in [*(f"{table}_fts" for table in FTS_CONFIG), OUTLET_INDEX]:
        if segment_count(db, index) > MAX_SEGMENTS:
            db.execute(f"insert into [{index}] ([{index}]) values ('optimize')")


def segment_count(db: sqlite_utils.Database, fts_table: str) -> int:
    """The number of segments in an FTS5 index, read from its structure record (row 10 of its _data
    table: a 4-byte cookie, then varints for the number of levels and of segments)."""
    row = db.execute(f"select block from [{fts_table}_data] where id = 10").fetchone()
    if row is None:
        return 0
    _levels, position = read_varint(row[0], 4)
    segments, _ = read_varint(row[0], position)
    return segments


def read_varint(blob: bytes, position: int) -> tuple[int, int]:
    """SQLite's variable-length integer at position: its value and the position after it."""
    value = 0
    for _ in range(8):
        byte = blob[position]
        position += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, position
    return (value << 8) | blob[position], position + 1
