"""All writing of an article's rows: save_record (one article, atomic), save_records (a batch in
one transaction), replacing and moving articles, pruning those whose files are gone. The schema is
schema.py, the corpus-wide tables corpus_store.py and identity_store.py."""

from __future__ import annotations

import datetime
import sqlite3

import sqlite_utils

from .fts import begin_deferred, end_deferred
from .identity_store import mark_pending, new_speaker_id
from .keys import file_is_gone, is_article_url, is_file_key, same_file
from .models import ArticleRecord
from .read import InputError
from .rows import ArticleRows, article_rows, db_values, insert_columns

# The schema and the writing helpers, importable from here as before the split.
from .schema import CORPUS_COLUMNS as CORPUS_COLUMNS
from .schema import TABLES as TABLES
from .schema import ensure_db_shape as ensure_db_shape
from .schema import open_db as open_db
from .schema import open_reader as open_reader
from .schema import schema_statements as schema_statements
from .writes import insert_rows, insert_sql, write_transaction

# What one article's own data can make SQLite refuse. Anything else (disk full, I/O, a lock held
# too long) is about the database, not the article, and ends the run.
ARTICLE_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.DataError,
    sqlite3.ProgrammingError,  # a value SQLite cannot bind (a dict from a malformed record)
    ValueError,
    OverflowError,
)


# A name given twice for one speaker in one article ("Trump" in two spellings) is one alias row.
INSERT_VERBS = {"speaker_aliases": "insert or ignore"}


def is_stored_unchanged(db: sqlite_utils.Database | sqlite3.Connection, path: str, content_hash: str) -> bool:
    row = db.execute("select content_hash from articles where path = ?", [path]).fetchone()
    return row is not None and row[0] == content_hash


def save_record(db: sqlite_utils.Database, record: ArticleRecord | ArticleRows, root: str | None = None) -> str:
    """Write one article atomically (its own transaction, or a savepoint inside a caller's
    transaction such as save_records'). Returns 'unchanged', 'added', 'replaced' or 'moved' (the
    same content stored under a key whose file is gone: re-keyed, see ingest/keys.py). root: the
    --root file keys are relative to."""
    rows = record if isinstance(record, ArticleRows) else article_rows(record)
    with write_transaction(db):
        existing = existing_article(db, rows, root)
        if existing and existing[1] == rows.content_hash:
            old_key = existing[2]
            if old_key != rows.path and (file_is_gone(old_key, root) or same_file(old_key, rows.path, root)):
                db.execute("update articles set path = ? where id = ?", [rows.path, existing[0]])
                return "moved"
            return "unchanged"
        speakers_before = article_speaker_ids(db, existing[0]) if existing else []
        if existing:
            end_deferred(db)  # FTS 'delete' of a row not yet indexed would corrupt the index
            delete_article_rows(db, existing[0])
        article_id = save_article(db, rows, existing[0] if existing else None)
        speaker_ids = save_speakers(db, rows)
        ids = {
            "paragraph_position": save_paragraphs(db, article_id, rows),
            "speaker_key": save_article_speakers(db, article_id, rows, speaker_ids),
        }
        for table in ("speaker_aliases", "quotes", "affiliations"):
            values = db_values(table, getattr(rows, table), article_id, ids)
            insert_rows(db, table, insert_columns(table), values, INSERT_VERBS.get(table, "insert"))
        if existing:
            delete_orphan_speakers(db, speakers_before)
    return "replaced" if existing else "added"


def existing_article(db: sqlite_utils.Database, rows: ArticleRows, root: str | None = None) -> tuple | None:
    """(id, content_hash, path) of the stored article that rows is (ingest/keys.py): the one under
    the same key; else the one with the same canonical URL (not a site's front page, which some
    pages give as their canonical URL); else, for a file, one with the same content whose own file
    is gone or is this file under another spelling."""
    columns = "select id, content_hash, path from articles"
    found = db.execute(f"{columns} where path = ?", [rows.path]).fetchone()
    if found is None and is_article_url(rows.article.url):
        found = db.execute(f"{columns} where url = ? order by id limit 1", [rows.article.url]).fetchone()
    if found is None and is_file_key(rows.path):
        same_content = db.execute(f"{columns} where content_hash = ? order by id", [rows.content_hash])
        moved = (row for row in same_content if same_file(row[2], rows.path, root) or file_is_gone(row[2], root))
        found = next(moved, None)
    return found


def save_records(
    db: sqlite_utils.Database, records: list[ArticleRecord | ArticleRows], root: str | None = None
) -> list[str | InputError]:
    """Write a batch of articles in one transaction, each article atomic (a savepoint), and return
    their statuses. New rows are full-text indexed with one statement per table at the end of the
    batch instead of by the per-row triggers (4x faster on bulk loads, see benchmarks/); since that
    happens inside the same transaction, the FTS index is never out of sync, even after a crash."""
    with write_transaction(db):
        begin_deferred(db)
        statuses = [save_record_or_error(db, record, root) for record in records]
        end_deferred(db)
    return statuses


def save_record_or_error(
    db: sqlite_utils.Database, record: ArticleRecord | ArticleRows, root: str | None = None
) -> str | InputError:
    """save_record, except that an article SQLite refuses is rolled back to its savepoint and
    returned as an InputError, so the rest of the batch still goes in."""
    try:
        return save_record(db, record, root)
    except ARTICLE_ERRORS as error:
        if not db.conn.in_transaction:
            raise  # the error ended the whole transaction: nothing after it could be atomic
        path = record.path if isinstance(record, ArticleRows) else record.article.path
        return InputError(path, f"the database refused it ({error})")


def save_article(db: sqlite_utils.Database, rows: ArticleRows, article_id: int | None) -> int:
    ingested_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    row = rows.article._replace(ingested_at=ingested_at)
    if article_id is None:
        return db.conn.execute(insert_sql("articles", insert_columns("articles")), row).lastrowid
    return db.conn.execute(insert_sql("articles", ("id", *insert_columns("articles"))), (article_id, *row)).lastrowid


def save_paragraphs(db: sqlite_utils.Database, article_id: int, rows: ArticleRows) -> dict[int, int]:
    """The article's paragraphs, with ids given here so that one statement writes them all; their
    ids by position."""
    first_id = db.execute("select coalesce(max(id), 0) + 1 from paragraphs").fetchone()[0]
    ids = {row.position: (first_id + i,) for i, row in enumerate(rows.paragraphs)}
    values = [(*ids[row.position], article_id, *row) for row in rows.paragraphs]
    insert_rows(db, "paragraphs", ("id", *insert_columns("paragraphs")), values)
    return ids


def save_speakers(db: sqlite_utils.Database, rows: ArticleRows) -> dict[str, int]:
    """The ids of the speakers the article's own speakers most likely are, by key: a row with that
    key, or the row one with that key was joined to, or a new one (the identity step decides)."""
    ids = {}
    for row in rows.speakers:
        found = speaker_for_key(db, row.key)
        if found is None:
            found = new_speaker_id(db)
            db.conn.execute(insert_sql("speakers", ("id", *insert_columns("speakers"))), (found, *row))
        ids[row.key] = found
    return ids


def speaker_for_key(db: sqlite_utils.Database, key: str) -> int | None:
    row = db.execute("select id from speakers where key = ?", [key]).fetchone()
    if row is None:
        row = db.execute(
            "select speaker_id from speaker_redirects where old_key = ? order by old_id desc limit 1", [key]
        ).fetchone()
    return row[0] if row else None


def save_article_speakers(
    db: sqlite_utils.Database, article_id: int, rows: ArticleRows, speaker_ids: dict[str, int], first_id: int = 0
) -> dict[str, tuple[int, int]]:
    """The article's own speakers (ids from first_id, else past the highest), each under its
    speaker (speaker_ids: key → id), their blocks left for the identity step; by key, the
    (speaker id, article speaker id) the article's rows that name a speaker hold."""
    first_id = first_id or db.execute("select coalesce(max(id), 0) + 1 from article_speakers").fetchone()[0]
    local_ids = {row.entity_key: first_id + n for n, row in enumerate(rows.article_speakers)}
    entities = {key: (speaker_id,) for key, speaker_id in speaker_ids.items()}
    values = db_values("article_speakers", rows.article_speakers, article_id, {"entity_key": entities})
    with_ids = [(local_ids[row.entity_key], *value) for row, value in zip(rows.article_speakers, values, strict=True)]
    insert_rows(db, "article_speakers", ("id", *insert_columns("article_speakers")), with_ids)
    mark_pending(db, {row.block for row in rows.article_speakers})
    return {key: (speaker_ids[key], local_id) for key, local_id in local_ids.items()}


def delete_article_rows(db: sqlite_utils.Database, article_id: int) -> None:
    """An article's rows; the identity step looks again at the blocks its speakers were in."""
    blocks = db.execute("select distinct block from article_speakers where article_id = ?", [article_id]).fetchall()
    mark_pending(db, {block for (block,) in blocks})
    for table in ("quotes", "affiliations", "speaker_aliases", "article_speakers", "paragraphs"):
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    db.execute("delete from articles where id = ?", [article_id])


def article_speaker_ids(db: sqlite_utils.Database, article_id: int) -> list[int]:
    return [
        row[0]
        for row in db.execute(
            """select speaker_id from quotes where article_id = :id and speaker_id is not null
               union select speaker_id from affiliations where article_id = :id
               union select speaker_id from speaker_aliases where article_id = :id""",
            {"id": article_id},
        )
    ]


def delete_orphan_speakers(db: sqlite_utils.Database, candidates: list[int]) -> None:
    """Delete those of candidates (the speakers a replaced article named) that nothing names any
    more. Only those: a speaker row this ingest did not write is never touched. Ids redirected to
    one of them lead nowhere now: the person left the corpus."""
    for speaker_id in candidates:
        named = db.execute(
            """select exists (select 1 from quotes where speaker_id = :id)
               or exists (select 1 from affiliations where speaker_id = :id)
               or exists (select 1 from speaker_aliases where speaker_id = :id)
               or exists (select 1 from article_speakers where speaker_id = :id)""",
            {"id": speaker_id},
        ).fetchone()[0]
        if not named:
            db.execute("delete from speaker_redirects where speaker_id = ?", [speaker_id])
            db.execute("delete from speakers where id = ?", [speaker_id])


def prune_articles(db: sqlite_utils.Database, root: str | None = None, dry_run: bool = False) -> list[str]:
    """Delete the articles whose files are gone (keys naming a file, or a record of one, that no
    longer exists; URLs and standard input are never pruned), with the speakers only they named;
    returns their keys."""
    gone = [(id, path) for id, path in db.execute("select id, path from articles") if file_is_gone(path, root)]
    if not dry_run and gone:
        with write_transaction(db):
            for article_id, _ in gone:
                speakers = article_speaker_ids(db, article_id)
                delete_article_rows(db, article_id)
                delete_orphan_speakers(db, speakers)
    return [path for _, path in gone]


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {name: db[name].count for name in ("articles", "paragraphs", "quotes", "speakers", "affiliations")}
