"""All database writing: the schema (ensure_db_shape) and save_* functions. Nothing else in the
package touches SQLite."""

from __future__ import annotations

import contextlib
import datetime
import functools
import sqlite3
import time
from collections.abc import Iterator
from typing import NamedTuple

import sqlite_utils

from .database_file import APPLICATION_ID, refuse_foreign_database
from .models import ArticleRecord, Quote
from .read import InputError

# What one article's own data can make SQLite refuse. Anything else (disk full, I/O, a lock held
# too long) is about the database, not the article, and ends the run.
ARTICLE_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, ValueError, OverflowError)

# How long a writer waits for another to finish before giving up with "database is locked".
BUSY_TIMEOUT_MS = 30_000

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
    # One row per FTS table while a batch defers its indexing (see begin_deferred_fts). Rows exist
    # only inside the writer's open transaction, so no reader and no committed state ever has one.
    "fts_deferred": ({"tbl": str, "after_id": int}, "tbl"),
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
    """The database at path, ready to write: created with the whole schema if new, upgraded if made
    by an older version. Another application's database is refused (ForeignDatabase) before
    anything writes to it."""
    refuse_foreign_database(path)
    db = sqlite_utils.Database(path)
    db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    switch_to_wal(db)
    # In WAL mode, synchronous = normal syncs at checkpoints, not at every commit: a killed process
    # loses nothing committed, a power cut may lose the last batches, never consistency. With a
    # 64 MiB page cache for the writer, a 100k-article ingest takes about a tenth less (benchmarks/).
    db.execute("pragma synchronous = normal")
    db.execute("pragma cache_size = -65536")
    db.execute("pragma foreign_keys = on")
    ensure_db_shape(db)
    # Every INSERT on a table with an FTS trigger gets a statement journal (see insert_rows), which
    # spills to a temporary file past 64 KiB: 200 page writes per article, a fifth of the writer's
    # CPU in system calls. In memory, a journal holds only the pages one statement changes, and it
    # is never needed after a crash (the WAL is). Set after ensure_db_shape, so building an index
    # on an old database still sorts in temporary files.
    db.execute("pragma temp_store = memory")
    return db


def switch_to_wal(db: sqlite_utils.Database) -> None:
    """WAL mode, waiting for other connections as a write would: changing the journal mode of a new
    database needs it to itself, and SQLite answers "database is locked" at once instead of calling
    the busy handler (several first ingests starting together)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("pragma journal_mode = wal").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("could not switch to WAL mode: database is locked")
        time.sleep(0.01)


def open_reader(path: str) -> sqlite3.Connection:
    """A connection that only reads (a worker's unchanged check). In WAL mode it never waits for
    the writer and sees only committed articles."""
    conn = sqlite3.connect(path)
    conn.execute("pragma query_only = on")
    conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create tables, foreign keys, indexes, FTS (with triggers) and views; safe to run again. A new
    database gets the whole schema in one transaction (create_schema); an older one is upgraded."""
    if not db.execute("select 1 from sqlite_master").fetchone():
        create_schema(db)
    upgrade_shape(db)
    if db.execute("pragma application_id").fetchone()[0] != APPLICATION_ID:
        with write_transaction(db):
            db.execute(f"pragma application_id = {APPLICATION_ID}")


def create_schema(db: sqlite_utils.Database) -> None:
    """The whole schema in one IMMEDIATE transaction, so that several first ingests into one new
    database queue on the write lock: the first creates everything, the others find it made (a
    statement at a time, they raced each other into "table quotes_fts already exists")."""
    with write_transaction(db):
        if db.execute("select 1 from sqlite_master").fetchone():
            return  # another ingest created it while this one waited for the lock
        for sql in schema_statements():
            db.execute(sql)
        db.execute(f"pragma application_id = {APPLICATION_ID}")


@functools.cache
def schema_statements() -> tuple[str, ...]:
    """The CREATE statements of the whole schema, in order, as upgrade_shape makes it on an empty
    database (sqlite-utils commits as it goes, so it is built in memory and the statements copied).
    FTS5 shadow tables are left out: their virtual table creates them."""
    memory = sqlite_utils.Database(memory=True)
    upgrade_shape(memory)
    rows = memory.execute("select type, name, sql from sqlite_master where sql is not null order by rowid").fetchall()
    virtual = [name for _, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    shadow = tuple(f"{name}_" for name in virtual)
    return tuple(sql for kind, name, sql in rows if not (kind == "table" and name.startswith(shadow)))


def upgrade_shape(db: sqlite_utils.Database) -> None:
    """Add whatever the schema lacks (tables, columns, indexes, FTS, views); safe to run again."""
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
        ensure_deferrable_insert_trigger(db, name)
    if db.execute("select 1 from fts_deferred").fetchone():
        # Only a writer that committed mid-batch (not ours) could leave a flag row: index what it covers.
        with write_transaction(db):
            end_deferred_fts(db)
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


def is_stored_unchanged(db: sqlite_utils.Database | sqlite3.Connection, path: str, content_hash: str) -> bool:
    row = db.execute("select content_hash from articles where path = ?", [path]).fetchone()
    return row is not None and row[0] == content_hash


def save_record(db: sqlite_utils.Database, record: ArticleRecord | ArticleRows) -> str:
    """Write one article atomically (its own transaction, or a savepoint inside a caller's
    transaction such as save_records'). Returns 'unchanged', 'added' or 'replaced'."""
    rows = record if isinstance(record, ArticleRows) else article_rows(record)
    with write_transaction(db):
        existing = db.execute("select id, content_hash from articles where path = ?", [rows.path]).fetchone()
        if existing and existing[1] == rows.content_hash:
            return "unchanged"
        speakers_before = article_speaker_ids(db, existing[0]) if existing else []
        if existing:
            end_deferred_fts(db)  # FTS 'delete' of a row not yet indexed would corrupt the index
            delete_article_rows(db, existing[0])
        article_id = save_article(db, rows, existing[0] if existing else None)
        paragraph_ids = save_paragraphs(db, article_id, rows)
        speaker_ids = save_speakers(db, article_id, rows)
        save_quotes(db, article_id, rows, paragraph_ids, speaker_ids)
        save_affiliations(db, article_id, rows, speaker_ids)
        if existing:
            delete_orphan_speakers(db, speakers_before)
    return "replaced" if existing else "added"


class ArticleRows(NamedTuple):
    """One article as the plain tuples its rows are made of, without database ids (those are
    filled in as it is written). Workers send these to the writer: tuples of strings and numbers
    pickle and unpickle several times faster than the dataclasses of models.py."""

    path: str
    content_hash: str
    article: tuple  # ARTICLE_COLUMNS[2:-1], title to published_month (ingested_at is set on writing)
    paragraphs: list[tuple]  # (position, kind, text)
    speakers: list[tuple]  # (key, name, kind, is_anonymous, aliases)
    quotes: list[tuple]  # (paragraph position, speaker name or None, *QUOTE_COLUMNS[3:])
    affiliations: list[tuple]  # (speaker name, *AFFILIATION_COLUMNS[2:])


ARTICLE_COLUMNS = (
    "path", "content_hash", "title", "url", "published", "outlet", "author", "paragraph_count", "quote_count",
    "published_year", "published_month", "ingested_at",
)  # fmt: skip
QUOTE_COLUMNS = (
    "article_id", "paragraph_id", "speaker_id", "text", "kind", "cue", "speaker_mention", "start", "end", "method",
    "is_anonymous", "mixed", "position",
)  # fmt: skip
AFFILIATION_COLUMNS = ("speaker_id", "article_id", "role", "organization", "title", "source_text")


def article_rows(record: ArticleRecord) -> ArticleRows:
    """The rows of one extracted article; pure, so it runs in the worker that extracted it."""
    article, published = record.article, record.article.published
    speaker_names = {speaker.name for speaker in record.speakers}
    return ArticleRows(
        path=article.path,
        content_hash=record.content_hash,
        article=(
            article.title,
            article.url,
            published,
            article.outlet,
            article.author,
            len(record.paragraphs),
            len(record.quotes),
            # For facets: '2021' and '2021-07', when the date is that precise (it is ISO 8601).
            (published or "")[:4] or None,
            published[:7] if published and len(published) >= 7 else None,
        ),
        paragraphs=[(p.position, p.kind, p.text) for p in record.paragraphs],
        speakers=[
            (speaker_key(record, s.name, s.kind), s.name, s.kind, int(s.kind == "anonymous"), tuple(sorted(s.aliases)))
            for s in record.speakers
        ],
        quotes=[quote_row(position, quote) for position, quote in enumerate(record.quotes)],
        affiliations=[
            (a.speaker_name, a.role, a.organization, a.title, a.source_text)
            for a in record.affiliations
            if a.speaker_name in speaker_names
        ],
    )


def quote_row(position: int, quote: Quote) -> tuple:
    mention = quote.mention
    return (
        quote.paragraph_position,
        quote.speaker_key,
        quote.text,
        quote.kind,
        quote.cue,
        mention.text if mention else None,
        quote.start,
        quote.end,
        quote.method if quote.speaker_key or quote.method == "unresolved" else None,
        int(bool(mention) and mention.kind == "anonymous"),
        int(quote.mixed),
        position,
    )


def speaker_key(record: ArticleRecord, name: str, kind: str) -> str:
    """Named people and groups are shared across articles by name; an anonymous source ("a
    Western diplomat") is only ever the same source within one article."""
    return f"{name} [{record.article.path}]" if kind == "anonymous" else name


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


def save_records(db: sqlite_utils.Database, records: list[ArticleRecord | ArticleRows]) -> list[str | InputError]:
    """Write a batch of articles in one transaction, each article atomic (a savepoint), and return
    their statuses. New rows are full-text indexed with one statement per table at the end of the
    batch instead of by the per-row triggers (4x faster on bulk loads, see benchmarks/); since that
    happens inside the same transaction, the FTS index is never out of sync, even after a crash."""
    with write_transaction(db):
        begin_deferred_fts(db)
        statuses = [save_record_or_error(db, record) for record in records]
        end_deferred_fts(db)
    return statuses


def save_record_or_error(db: sqlite_utils.Database, record: ArticleRecord | ArticleRows) -> str | InputError:
    """save_record, except that an article SQLite refuses is rolled back to its savepoint and
    returned as an InputError, so the rest of the batch still goes in."""
    try:
        return save_record(db, record)
    except ARTICLE_ERRORS as error:
        if not db.conn.in_transaction:
            raise  # the error ended the whole transaction: nothing after it could be atomic
        path = record.path if isinstance(record, ArticleRows) else record.article.path
        return InputError(path, f"the database refused it ({error})")


def deferrable_insert_trigger_sql(table: str) -> str:
    columns = FTS_CONFIG[table]
    return (
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}]"
        f" WHEN NOT EXISTS (SELECT 1 FROM [fts_deferred] WHERE tbl = '{table}') BEGIN\n"
        f"  INSERT INTO [{table}_fts] (rowid, {', '.join(f'[{c}]' for c in columns)})"
        f" VALUES (new.rowid, {', '.join(f'new.[{c}]' for c in columns)});\nEND"
    )


def ensure_deferrable_insert_trigger(db: sqlite_utils.Database, table: str) -> None:
    """sqlite-utils' FTS insert trigger, made to stand aside while a batch defers its indexing.
    The trigger stays in place for good: dropping and re-creating it around every batch changed
    the schema under running readers, and a Datasette search re-reading the schema at that moment
    failed with "vtable constructor failed"."""
    sql = deferrable_insert_trigger_sql(table)
    (current,) = db.execute(
        "select sql from sqlite_master where type = 'trigger' and name = ?", [f"{table}_ai"]
    ).fetchone()
    if current != sql:
        with write_transaction(db):  # one transaction: no reader ever finds the trigger missing
            db.execute(f"drop trigger [{table}_ai]")
            db.execute(sql)


def begin_deferred_fts(db: sqlite_utils.Database) -> None:
    """Suspend the FTS insert triggers for the current transaction, remembering each table's
    highest id for end_deferred_fts. The flag rows are written inside the transaction, so a crash
    rolls them back with the rows they cover."""
    for table in FTS_CONFIG:
        after_id = db.execute(f"select coalesce(max(rowid), 0) from [{table}]").fetchone()[0]
        db.execute("insert or replace into fts_deferred (tbl, after_id) values (?, ?)", [table, after_id])


def end_deferred_fts(db: sqlite_utils.Database) -> None:
    """Index the rows added since begin_deferred_fts and let the insert triggers work again; no-op
    when nothing is deferred."""
    for table, after_id in db.execute("select tbl, after_id from fts_deferred").fetchall():
        columns = ", ".join(f"[{c}]" for c in FTS_CONFIG[table])
        db.execute(
            f"insert into [{table}_fts] (rowid, {columns}) select rowid, {columns} from [{table}] where rowid > ?",
            [after_id],
        )
    db.execute("delete from fts_deferred")


def save_article(db: sqlite_utils.Database, rows: ArticleRows, article_id: int | None) -> int:
    ingested_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    values = [rows.path, rows.content_hash, *rows.article, ingested_at]
    if article_id is None:
        return db.conn.execute(insert_sql("articles", ARTICLE_COLUMNS), values).lastrowid
    return db.conn.execute(insert_sql("articles", ("id", *ARTICLE_COLUMNS)), [article_id, *values]).lastrowid


def save_paragraphs(db: sqlite_utils.Database, article_id: int, rows: ArticleRows) -> dict[int, int]:
    # Explicit ids let one statement write the whole article's paragraphs.
    first_id = db.execute("select coalesce(max(id), 0) + 1 from paragraphs").fetchone()[0]
    ids = {position: first_id + i for i, (position, _, _) in enumerate(rows.paragraphs)}
    insert_rows(
        db,
        "paragraphs",
        ("id", "article_id", "position", "kind", "text"),
        [(ids[position], article_id, position, kind, text) for position, kind, text in rows.paragraphs],
    )
    return ids


def save_speakers(db: sqlite_utils.Database, article_id: int, rows: ArticleRows) -> dict[str, int]:
    ids = {}
    for key, name, kind, is_anonymous, _ in rows.speakers:
        row = db.execute("select id from speakers where key = ?", [key]).fetchone()
        if row:
            ids[name] = row[0]
        else:
            sql = insert_sql("speakers", ("key", "name", "kind", "is_anonymous"))
            ids[name] = db.conn.execute(sql, [key, name, kind, is_anonymous]).lastrowid
    insert_rows(
        db,
        "speaker_aliases",
        ("speaker_id", "article_id", "alias"),
        [(ids[name], article_id, alias) for _, name, _, _, aliases in rows.speakers for alias in aliases],
        "insert or ignore",
    )
    return ids


def save_quotes(db, article_id: int, rows: ArticleRows, paragraph_ids: dict, speaker_ids: dict) -> None:
    insert_rows(
        db,
        "quotes",
        QUOTE_COLUMNS,
        [
            (article_id, paragraph_ids[paragraph], speaker_ids.get(speaker) if speaker else None, *columns)
            for paragraph, speaker, *columns in rows.quotes
        ],
    )


def save_affiliations(db, article_id: int, rows: ArticleRows, speaker_ids: dict) -> None:
    insert_rows(
        db,
        "affiliations",
        AFFILIATION_COLUMNS,
        [(speaker_ids[speaker], article_id, *columns) for speaker, *columns in rows.affiliations],
    )


# Parameters per statement: SQLite before 3.32 allows 999.
MAX_PARAMETERS = 999


def insert_rows(db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: list[tuple], verb="insert"):
    """Insert an article's rows with a few multi-row INSERT statements, not one per row. The
    tables with an FTS insert trigger need it: since the trigger writes to a virtual table, which
    may abort, SQLite opens a statement journal for every INSERT on them, copying each page the
    statement changes. One statement for many rows copies each page once; one per row copied the
    same pages for every row: the writer took about 1.3x as long (benchmarks/writer.py, triggers
    in place: 1.58-1.84 CPU s per 1,000 articles one row per statement, 1.27-1.37 this way).
    Chunks are powers of two, so only a handful of statements are ever prepared per table."""
    largest = highest_power_of_two(MAX_PARAMETERS // len(columns))
    done = 0
    while done < len(rows):
        size = min(largest, highest_power_of_two(len(rows) - done))
        chunk = rows[done : done + size]
        db.conn.execute(insert_sql(table, columns, verb, size), [value for row in chunk for value in row])
        done += size


def highest_power_of_two(number: int) -> int:
    """The largest power of two not above number (at least 1)."""
    return 1 << max(0, number.bit_length() - 1)


@functools.cache
def insert_sql(table: str, columns: tuple[str, ...], verb: str = "insert", row_count: int = 1) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    row = f"({', '.join('?' for _ in columns)})"
    return f"{verb} into [{table}] ({names}) values {', '.join([row] * row_count)}"


def delete_article_rows(db: sqlite_utils.Database, article_id: int) -> None:
    for table in ("quotes", "affiliations", "speaker_aliases", "paragraphs"):
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
    more. Only those: a speaker row this ingest did not write is never touched."""
    for speaker_id in candidates:
        db.execute(
            """delete from speakers where id = :id
               and not exists (select 1 from quotes where speaker_id = :id)
               and not exists (select 1 from affiliations where speaker_id = :id)
               and not exists (select 1 from speaker_aliases where speaker_id = :id)""",
            {"id": speaker_id},
        )


def update_statistics(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (sampled, so quick at any size). Without them SQLite
    guesses, e.g. scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {name: db[name].count for name in ("articles", "paragraphs", "quotes", "speakers", "affiliations")}
