"""All database writing: the schema (ensure_db_shape) and save_* functions. Nothing else in the
package touches SQLite."""

from __future__ import annotations

import contextlib
import datetime
import functools
import itertools
import sqlite3
from collections.abc import Iterable, Iterator

import sqlite_utils

from .models import ArticleRecord, Quote
from .read import InputError

# What one article's own data can make SQLite refuse. Anything else (disk full, I/O, a lock held
# too long) is about the database, not the article, and ends the run.
ARTICLE_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, ValueError, OverflowError)

FTS_CONFIG = {
    "quotes": ["text"],
    "paragraphs": ["text"],
    "speakers": ["name"],
}

FOREIGN_KEYS = {
    "paragraphs": [("article_id", "articles", "id")],
    "quotes": [
        ("article_id", "articles", "id"),
        ("paragraph_id", "paragraphs", "id"),
        ("speaker_id", "speakers", "id"),
    ],
    "affiliations": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    "speaker_aliases": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
}

TABLES = {
    "articles": (
        {
            "id": int,
            "path": str,
            "title": str,
            "url": str,
            "published": str,
            "outlet": str,
            "author": str,
            "content_hash": str,
            "paragraph_count": int,
            "quote_count": int,
            "ingested_at": str,
            "published_year": str,
            "published_month": str,
        },
        "id",
    ),
    "paragraphs": ({"id": int, "article_id": int, "position": int, "kind": str, "text": str}, "id"),
    "speakers": ({"id": int, "key": str, "name": str, "kind": str, "is_anonymous": int}, "id"),
    "quotes": (
        {
            "id": int,
            "article_id": int,
            "paragraph_id": int,
            "speaker_id": int,
            "text": str,
            "kind": str,
            "cue": str,
            "speaker_mention": str,
            "start": int,
            "end": int,
            "method": str,
            "is_anonymous": int,
            "mixed": int,
            "position": int,
        },
        "id",
    ),
    "affiliations": (
        {
            "id": int,
            "speaker_id": int,
            "article_id": int,
            "role": str,
            "organization": str,
            "title": str,
            "source_text": str,
        },
        "id",
    ),
    "speaker_aliases": ({"speaker_id": int, "article_id": int, "alias": str}, ("speaker_id", "article_id", "alias")),
}

EXTRA_INDEXES = [
    ("articles", ["path"], True),
    ("speakers", ["key"], True),
    ("speakers", ["name"], False),
    ("quotes", ["kind"], False),
    ("quotes", ["method"], False),
    ("paragraphs", ["kind"], False),
    ("affiliations", ["organization"], False),
]

VIEWS = {
    "quotes_view": """
select
  quotes.id as quote_id,
  quotes.text as quote,
  quotes.kind,
  quotes.cue,
  quotes.speaker_mention,
  quotes.method,
  speakers.id as speaker_id,
  speakers.name as speaker,
  (select group_concat(distinct role) from affiliations a
     where a.speaker_id = quotes.speaker_id and a.article_id = quotes.article_id) as role,
  (select group_concat(distinct organization) from affiliations a
     where a.speaker_id = quotes.speaker_id and a.article_id = quotes.article_id) as organization,
  articles.id as article_id,
  articles.title as article_title,
  articles.path as article_path,
  articles.outlet,
  articles.published,
  articles.published_month,
  paragraphs.position as paragraph_position,
  paragraphs.text as paragraph
from quotes
  join articles on articles.id = quotes.article_id
  join paragraphs on paragraphs.id = quotes.paragraph_id
  left join speakers on speakers.id = quotes.speaker_id
""",
}


def open_db(path: str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("pragma journal_mode = wal")
    db.execute("pragma foreign_keys = on")
    db.execute("pragma busy_timeout = 30000")
    ensure_db_shape(db)
    return db


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create tables, foreign keys, indexes, FTS (with triggers) and views; safe to run again."""
    for name, (columns, pk) in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(name, []))
        else:
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    for name, keys in FOREIGN_KEYS.items():
        for column, _, _ in keys:
            ensure_index(db, name, [column])
    for name, columns, unique in EXTRA_INDEXES:
        ensure_index(db, name, columns, unique)
    for name, columns in FTS_CONFIG.items():
        # replace=True: an index left without its triggers (a crash between the statements
        # enable_fts commits one by one) is rebuilt; a complete one is left alone.
        db[name].enable_fts(columns, tokenize="porter", create_triggers=True, replace=True)
    for name, sql in VIEWS.items():
        # Stripped, because that is how SQLite keeps it: create_view then sees the same SQL and
        # leaves the view alone instead of dropping it under a running Datasette; a changed view
        # is dropped and recreated in one transaction, so no reader finds it missing.
        with write_transaction(db):
            db.create_view(name, sql.strip(), replace=True)


def ensure_index(db: sqlite_utils.Database, table: str, columns: list[str], unique: bool = False) -> None:
    existing = {tuple(index.columns) for index in db[table].indexes}
    if tuple(columns) not in existing:
        db[table].create_index(columns, unique=unique, if_not_exists=True)


def is_stored_unchanged(db: sqlite_utils.Database, path: str, content_hash: str) -> bool:
    row = db.execute("select content_hash from articles where path = ?", [path]).fetchone()
    return row is not None and row[0] == content_hash


def save_record(db: sqlite_utils.Database, record: ArticleRecord) -> str:
    """Write one article atomically (its own transaction, or a savepoint inside a caller's
    transaction such as save_records'). Returns 'unchanged', 'added' or 'replaced'."""
    article = record.article
    with write_transaction(db):
        existing = db.execute("select id, content_hash from articles where path = ?", [article.path]).fetchone()
        if existing and existing[1] == record.content_hash:
            return "unchanged"
        if existing:
            end_deferred_fts(db)  # FTS 'delete' of a row not yet indexed would corrupt the index
            delete_article_rows(db, existing[0])
        article_id = save_article(db, record, existing[0] if existing else None)
        paragraph_ids = save_paragraphs(db, article_id, record)
        speaker_ids = save_speakers(db, article_id, record)
        save_quotes(db, article_id, record, paragraph_ids, speaker_ids)
        save_affiliations(db, article_id, record, speaker_ids)
        if existing:
            delete_orphan_speakers(db)
    return "replaced" if existing else "added"


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """db.atomic(), except that a new transaction is BEGIN IMMEDIATE: it takes the write lock before
    its first read, so a second ingest into the same database waits (busy_timeout) instead of
    failing with "database is locked" when SQLite cannot upgrade a read transaction to a write."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def save_records(db: sqlite_utils.Database, records: list[ArticleRecord]) -> list[str | InputError]:
    """Write a batch of articles in one transaction, each article atomic (a savepoint), and return
    their statuses. New rows are full-text indexed with one statement per table at the end of the
    batch instead of by the per-row triggers (4x faster on bulk loads, see benchmarks/); since that
    happens inside the same transaction, the FTS index is never out of sync, even after a crash."""
    with write_transaction(db):
        begin_deferred_fts(db)
        statuses = [save_record_or_error(db, record) for record in records]
        end_deferred_fts(db)
    return statuses


def save_record_or_error(db: sqlite_utils.Database, record: ArticleRecord) -> str | InputError:
    """save_record, except that an article SQLite refuses is rolled back to its savepoint and
    returned as an InputError, so the rest of the batch still goes in."""
    try:
        return save_record(db, record)
    except ARTICLE_ERRORS as error:
        if not db.conn.in_transaction:
            raise  # the error ended the whole transaction: nothing after it could be atomic
        return InputError(record.article.path, f"the database refused it ({error})")


def begin_deferred_fts(db: sqlite_utils.Database) -> None:
    """Suspend the FTS insert triggers for the current transaction, remembering (in a temp table)
    each table's highest id and the trigger's SQL for end_deferred_fts."""
    db.execute("create temp table if not exists deferred_fts (tbl text, after_id int, trigger_sql text)")
    for table in FTS_CONFIG:
        (sql,) = db.execute(
            "select sql from sqlite_master where type = 'trigger' and name = ?", [f"{table}_ai"]
        ).fetchone()
        after_id = db.execute(f"select coalesce(max(rowid), 0) from [{table}]").fetchone()[0]
        db.execute("insert into temp.deferred_fts values (?, ?, ?)", [table, after_id, sql])
        db.execute(f"drop trigger [{table}_ai]")


def end_deferred_fts(db: sqlite_utils.Database) -> None:
    """Index the rows added since begin_deferred_fts and restore the insert triggers; no-op when
    nothing is deferred."""
    if not db.execute("select 1 from temp.sqlite_master where name = 'deferred_fts'").fetchone():
        return
    for table, after_id, trigger_sql in db.execute("select * from temp.deferred_fts").fetchall():
        columns = ", ".join(f"[{c}]" for c in FTS_CONFIG[table])
        db.execute(
            f"insert into [{table}_fts] (rowid, {columns}) select rowid, {columns} from [{table}] where rowid > ?",
            [after_id],
        )
        db.execute(trigger_sql)
    db.execute("drop table temp.deferred_fts")


def save_article(db: sqlite_utils.Database, record: ArticleRecord, article_id: int | None) -> int:
    article = record.article
    row = {
        "path": article.path,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "outlet": article.outlet,
        "author": article.author,
        "content_hash": record.content_hash,
        "paragraph_count": len(record.paragraphs),
        "quote_count": len(record.quotes),
        "ingested_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        # For facets: '2021' and '2021-07', when the date is that precise (it is ISO 8601).
        "published_year": (article.published or "")[:4] or None,
        "published_month": article.published[:7] if article.published and len(article.published) >= 7 else None,
    }
    if article_id is not None:
        row["id"] = article_id
    return insert_row(db, "articles", row)


def save_paragraphs(db: sqlite_utils.Database, article_id: int, record: ArticleRecord) -> dict[int, int]:
    # Explicit ids let one statement write the whole article's paragraphs.
    first_id = db.execute("select coalesce(max(id), 0) + 1 from paragraphs").fetchone()[0]
    ids = {paragraph.position: first_id + i for i, paragraph in enumerate(record.paragraphs)}
    insert_rows(
        db,
        "paragraphs",
        (
            {"id": ids[p.position], "article_id": article_id, "position": p.position, "kind": p.kind, "text": p.text}
            for p in record.paragraphs
        ),
    )
    return ids


def speaker_key(record: ArticleRecord, name: str, kind: str) -> str:
    """Named people and groups are shared across articles by name; an anonymous source ("a
    Western diplomat") is only ever the same source within one article."""
    return f"{name} [{record.article.path}]" if kind == "anonymous" else name


def save_speakers(db: sqlite_utils.Database, article_id: int, record: ArticleRecord) -> dict[str, int]:
    ids = {}
    for speaker in record.speakers:
        key = speaker_key(record, speaker.name, speaker.kind)
        row = db.execute("select id from speakers where key = ?", [key]).fetchone()
        if row:
            speaker_id = row[0]
        else:
            speaker_id = insert_row(
                db,
                "speakers",
                {
                    "key": key,
                    "name": speaker.name,
                    "kind": speaker.kind,
                    "is_anonymous": int(speaker.kind == "anonymous"),
                },
            )
        ids[speaker.name] = speaker_id
    insert_rows(
        db,
        "speaker_aliases",
        (
            {"speaker_id": ids[speaker.name], "article_id": article_id, "alias": alias}
            for speaker in record.speakers
            for alias in sorted(speaker.aliases)
        ),
        verb="insert or ignore",
    )
    return ids


def save_quotes(db, article_id: int, record: ArticleRecord, paragraph_ids: dict, speaker_ids: dict) -> None:
    insert_rows(
        db,
        "quotes",
        (
            quote_row(article_id, position, quote, paragraph_ids, speaker_ids)
            for position, quote in enumerate(record.quotes)
        ),
    )


def quote_row(article_id: int, position: int, quote: Quote, paragraph_ids: dict, speaker_ids: dict) -> dict:
    mention = quote.mention
    return {
        "article_id": article_id,
        "paragraph_id": paragraph_ids[quote.paragraph_position],
        "speaker_id": speaker_ids.get(quote.speaker_key) if quote.speaker_key else None,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "speaker_mention": mention.text if mention else None,
        "start": quote.start,
        "end": quote.end,
        "method": quote.method if quote.speaker_key or quote.method == "unresolved" else None,
        "is_anonymous": int(bool(mention) and mention.kind == "anonymous"),
        "mixed": int(quote.mixed),
        "position": position,
    }


def save_affiliations(db, article_id: int, record: ArticleRecord, speaker_ids: dict) -> None:
    insert_rows(
        db,
        "affiliations",
        (
            {
                "speaker_id": speaker_ids[a.speaker_name],
                "article_id": article_id,
                "role": a.role,
                "organization": a.organization,
                "title": a.title,
                "source_text": a.source_text,
            }
            for a in record.affiliations
            if a.speaker_name in speaker_ids
        ),
    )


def insert_row(db: sqlite_utils.Database, table: str, row: dict) -> int:
    """Insert one row and return its id."""
    return db.conn.execute(insert_sql(table, tuple(row)), list(row.values())).lastrowid


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict], verb: str = "insert") -> None:
    """Insert rows (all with the same keys) with one prepared statement. The save_* functions use
    this rather than Table.insert_all, whose per-call schema checks cost ~0.4 ms: several times
    the cost of the whole article on bulk loads (see benchmarks/)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is not None:
        columns = list(first)
        values = ([row[c] for c in columns] for row in itertools.chain([first], rows))
        db.conn.executemany(insert_sql(table, tuple(columns), verb), values)


@functools.cache
def insert_sql(table: str, columns: tuple[str, ...], verb: str = "insert") -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    return f"{verb} into [{table}] ({names}) values ({', '.join('?' for _ in columns)})"


def delete_article_rows(db: sqlite_utils.Database, article_id: int) -> None:
    for table in ("quotes", "affiliations", "speaker_aliases", "paragraphs"):
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    db.execute("delete from articles where id = ?", [article_id])


def delete_orphan_speakers(db: sqlite_utils.Database) -> None:
    db.execute(
        """delete from speakers where id not in (select speaker_id from quotes where speaker_id is not null)
           and id not in (select speaker_id from affiliations)
           and id not in (select speaker_id from speaker_aliases)"""
    )


def update_statistics(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (sampled, so quick at any size). Without them SQLite
    guesses, e.g. scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {name: db[name].count for name in ("articles", "paragraphs", "quotes", "speakers", "affiliations")}
