"""All database writing: the schema (ensure_db_shape) and save_* functions. Nothing else in the
package touches SQLite."""

from __future__ import annotations

import contextlib
import datetime
import functools
import re
import sqlite3
import time
from collections.abc import Iterator

import sqlite_utils

from .database_file import APPLICATION_ID, refuse_foreign_database
from .fts import DEFERRED_TABLE, FTS_CONFIG, begin_deferred, end_deferred, insert_trigger_sql
from .identity import LocalSpeaker, block_of
from .keys import file_is_gone, is_article_url, is_file_key, same_file
from .models import ArticleRecord
from .read import InputError
from .rows import ROWS, ArticleRows, article_rows, db_values, insert_columns, table_columns
from .summaries import SUMMARIES, SUMMARY_INDEXES

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

# How long a writer waits for another to finish before giving up with "database is locked".
BUSY_TIMEOUT_MS = 30_000

FOREIGN_KEYS = {
    "paragraphs": [("article_id", "articles", "id")],
    "quotes": [
        ("article_id", "articles", "id"),
        ("paragraph_id", "paragraphs", "id"),
        ("speaker_id", "speakers", "id"),
    ],
    "affiliations": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    "speaker_aliases": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    "article_speakers": [("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
}

# Each table: its columns with their types, and its primary key. The tables of an article's rows
# take their columns from their rows (rows.py); add a column there. Other tables are declared here.
PRIMARY_KEYS = {"speaker_aliases": ("speaker_id", "article_id", "alias")}  # the others: id
# Columns of an article's tables that the corpus-wide steps fill after each ingest (corpus.py), not
# the article's rows: which quotation a quote is.
CORPUS_COLUMNS = {"quotes": {"quotation_id": int}}
TABLES = {
    **{table: (table_columns(table) | CORPUS_COLUMNS.get(table, {}), PRIMARY_KEYS.get(table, "id")) for table in ROWS},
    **DEFERRED_TABLE,
    # The same quotation carried by several quotes (ingest/quotations.py, after every ingest).
    "quotations": (
        {
            "id": int,
            "text": str,
            "first_published": str,
            "first_outlet": str,
            "article_count": int,
            "outlet_count": int,
            "quote_count": int,
            "first_quote_id": int,
            # the first quote's speaker, so that pages listing quotations need not read quotes
            "first_speaker_id": int,
        },
        "id",
    ),
    # A quotation that is a contiguous part of a longer one (linked, not merged).
    "quotation_parts": ({"quotation_id": int, "part_id": int}, ("quotation_id", "part_id")),
    **{name: (columns, pk) for name, (columns, pk, _) in SUMMARIES.items()},
    # A speakers id that disappeared when identity joined it to another: speaker?id=OLD shows the
    # survivor. No foreign key: a shard keeps the redirects of speakers it does not hold.
    "speaker_redirects": (
        {"old_id": int, "speaker_id": int, "reason": str, "old_key": str, "old_name": str},
        "old_id",
    ),
    # Name blocks (identity.block_of) whose articles changed since the identity step last ran.
    "identity_pending": ({"block": str}, "block"),
    # The identity rules the speakers were last decided by (identity_store.rules_fingerprint).
    "identity_rules": ({"fingerprint": str}, "fingerprint"),
}

EXTRA_INDEXES = [
    ("articles", ["path"], True),
    # Which stored article a new one is, when its key is new (ingest/keys.py): same URL, same content.
    ("articles", ["url"], False),
    ("articles", ["content_hash"], False),
    ("speakers", ["key"], True),
    ("speakers", ["name"], False),
    ("quotes", ["kind"], False),
    ("quotes", ["method"], False),
    ("paragraphs", ["kind"], False),
    ("affiliations", ["organization"], False),
    # Roles and organisations of one quote's speaker in its article (every research page asks).
    ("affiliations", ["speaker_id", "article_id"], False),
    ("quotes", ["quotation_id"], False),
    *((table, columns, False) for table, columns in SUMMARY_INDEXES),
    ("articles", ["outlet", "published"], False),
    ("articles", ["published"], False),
    ("article_speakers", ["block"], False),
    ("speaker_redirects", ["old_key"], False),
    ("speaker_redirects", ["speaker_id"], False),
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
    speakers_unkept = db["speakers"].exists() and not db["article_speakers"].exists()
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
        ensure_text_update_trigger(db, name)
    if db.execute("select 1 from fts_deferred").fetchone():
        # Only a writer that committed mid-batch (not ours) could leave a flag row: index what it covers.
        with write_transaction(db):
            end_deferred(db)
    if speakers_unkept:
        with write_transaction(db):
            keep_article_speakers(db)
    for name, sql in VIEWS.items():
        # Stripped, because that is how SQLite keeps it: create_view then sees the same SQL and
        # leaves the view alone instead of dropping it under a running Datasette; a changed view
        # is dropped and recreated in one transaction, so no reader finds it missing.
        with write_transaction(db):
            db.create_view(name, sql.strip(), replace=True)


def keep_article_speakers(db: sqlite_utils.Database) -> None:
    """A database made before article_speakers existed: each article's own speakers are read back
    from its alias rows (one per article and speakers row), and the identity step decides them all."""
    pairs = db.execute(
        """select speaker_aliases.article_id, speaker_aliases.speaker_id, articles.path, speakers.name, speakers.kind,
                  (select count(*) from quotes where quotes.article_id = speaker_aliases.article_id
                     and quotes.speaker_id = speaker_aliases.speaker_id)
           from speaker_aliases
             join speakers on speakers.id = speaker_aliases.speaker_id
             join articles on articles.id = speaker_aliases.article_id
           group by speaker_aliases.article_id, speaker_aliases.speaker_id
           order by speaker_aliases.article_id, speaker_aliases.speaker_id"""
    ).fetchall()
    columns = ("id", "article_id", "speaker_id", "name", "kind", "block", "quote_count")
    blocks = set()
    for local_id, (article_id, speaker_id, path, name, kind, quotes) in enumerate(pairs, start=1):
        block = block_of(LocalSpeaker(path, name, kind))
        blocks.add(block)
        values = [local_id, article_id, speaker_id, name, kind, block, quotes]
        db.execute(insert_sql("article_speakers", columns), values)
        for table in ("quotes", "affiliations", "speaker_aliases"):
            db.execute(
                f"update {table} set article_speaker_id = ? where article_id = ? and speaker_id = ?",
                [local_id, article_id, speaker_id],
            )
    mark_pending(db, blocks)


def mark_pending(db: sqlite_utils.Database, blocks: set[str]) -> None:
    """Leave these blocks for the identity step (identity_store.refresh_identities)."""
    insert_rows(db, "identity_pending", ("block",), [(block,) for block in sorted(blocks)], "insert or ignore")


def ensure_index(db: sqlite_utils.Database, table: str, columns: list[str], unique: bool = False) -> None:
    existing = {tuple(index.columns) for index in db[table].indexes}
    if tuple(columns) not in existing:
        db[table].create_index(columns, unique=unique, if_not_exists=True)


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


# A name given twice for one speaker in one article ("Trump" in two spellings) is one alias row.
INSERT_VERBS = {"speaker_aliases": "insert or ignore"}


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


def ensure_deferrable_insert_trigger(db: sqlite_utils.Database, table: str) -> None:
    """sqlite-utils' FTS insert trigger, made to stand aside while a batch defers its indexing.
    The trigger stays in place for good: dropping and re-creating it around every batch changed
    the schema under running readers, and a Datasette search re-reading the schema at that moment
    failed with "vtable constructor failed"."""
    sql = insert_trigger_sql(table)
    (current,) = db.execute(
        "select sql from sqlite_master where type = 'trigger' and name = ?", [f"{table}_ai"]
    ).fetchone()
    if current != sql:
        with write_transaction(db):  # one transaction: no reader ever finds the trigger missing
            db.execute(f"drop trigger [{table}_ai]")
            db.execute(sql)


def ensure_text_update_trigger(db: sqlite_utils.Database, table: str) -> None:
    """sqlite-utils' FTS update trigger, made to fire only when an indexed column changes: the
    corpus steps after an ingest set other columns (quotes.quotation_id) on every row, and each
    update re-indexed its row (readers of a growing write-ahead log timed out meanwhile)."""
    name = f"{table}_au"
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [name]).fetchone()
    columns = ", ".join(f"[{c}]" for c in FTS_CONFIG[table])
    if row and "AFTER UPDATE OF" not in row[0]:
        with write_transaction(db):
            db.execute(f"drop trigger [{name}]")
            db.execute(re.sub(r"AFTER UPDATE ON (\S+)", rf"AFTER UPDATE OF {columns} ON \1", row[0], count=1))


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


def new_speaker_id(db: sqlite_utils.Database) -> int:
    """An id no speaker has ever had here: never one a redirect still sends to its survivor."""
    highest = db.execute("select coalesce(max(id), 0) from speakers").fetchone()[0]
    redirected = db.execute("select coalesce(max(old_id), 0) from speaker_redirects").fetchone()[0]
    return max(highest, redirected) + 1


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


# Parameters per statement: SQLite before 3.32 allows 999.
MAX_PARAMETERS = 999


def insert_rows(db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: list[tuple], verb="insert"):
    """Insert an article's rows with a few multi-row INSERT statements, not one per row. The
    tables with an FTS insert trigger need it: since the trigger writes to a virtual table, which
    may abort, SQLite opens a statement journal for every INSERT on them, copying each page the
    statement changes. One statement for many rows copies each page once; one per row copied the
    same pages for every row: the writer took about 1.3x as long (benchmarks/RESULTS.md).
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


def update_statistics(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (sampled, so quick at any size). Without them SQLite
    guesses, e.g. scans all quotes for quotes_by_speaker instead of the far smaller speakers."""
    db.execute("pragma analysis_limit = 1000")
    db.execute("analyze")


def quotation_rows(db: sqlite_utils.Database):
    """Every quote as a quotations.QuoteRow (the input of quotation grouping)."""
    from .quotations import QuoteRow

    sql = """select quotes.id, articles.path, quotes.position, quotes.text, articles.published, articles.outlet
             from quotes join articles on articles.id = quotes.article_id"""
    return (QuoteRow(*row) for row in db.execute(sql))


def save_quotations(db: sqlite_utils.Database, quotations: list, assignment: dict[int, int], parts: set) -> None:
    """Replace the quotations and every quote's quotation_id, in one transaction."""
    with write_transaction(db):
        db.execute("delete from quotation_parts")
        db.execute("delete from quotations")
        columns = ("id", "text", "first_published", "first_outlet", "article_count", "outlet_count", "quote_count",
                   "first_quote_id")  # fmt: skip
        db.conn.executemany(insert_sql("quotations", columns), quotations)
        db.conn.executemany(insert_sql("quotation_parts", ("quotation_id", "part_id")), sorted(parts))
        db.execute(
            """update quotations
            set first_speaker_id = (select speaker_id from quotes where id = quotations.first_quote_id)"""
        )
        db.conn.executemany(
            # Only rows whose quotation changed: an UPDATE fires the FTS trigger, which re-indexes the row.
            "update quotes set quotation_id = ? where id = ? and quotation_id is not ?",
            ((q, quote, q) for quote, q in assignment.items()),
        )


def forget_quotation_statistics(db: sqlite_utils.Database) -> None:
    """ANALYZE of a small database finds one quote per quotation, and from that figure SQLite's
    planner chose to scan quotes inside a join over articles (quotes_view's count took 3 s at 8,000
    quotes, until the next ANALYZE). Without a figure it assumes a few quotes per quotation, which is
    what a real corpus has."""
    with write_transaction(db):
        db.execute("delete from sqlite_stat1 where idx = 'idx_quotes_quotation_id'")


def refresh_summaries(db: sqlite_utils.Database) -> None:
    """Rebuild the research summaries (ingest/summaries.py) in one transaction."""
    with write_transaction(db):
        for name, (columns, _, select) in SUMMARIES.items():
            db.execute(f"delete from [{name}]")
            names = ", ".join(f"[{c}]" for c in columns)
            db.execute(f"insert into [{name}] ({names}) {select}")


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {name: db[name].count for name in ("articles", "paragraphs", "quotes", "speakers", "affiliations")}
