"""The schema and the connections: every table, index, full-text index and view (ensure_db_shape,
sqlite-utils' calls made idempotent), and a database opened ready to write or only to read."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import re
import sqlite3
import time
from pathlib import Path

import sqlite_utils

from .database_file import APPLICATION_ID, refuse_foreign_database
from .fts import (
    DEFERRED_TABLE,
    FTS_CONFIG,
    OUTLET_INDEX,
    OUTLET_INDEX_SQL,
    OUTLET_INDEX_TRIGGERS,
    OUTLET_SOURCE,
    end_deferred,
    insert_trigger_sql,
    rebuild_outlet_index,
)
from .identity_store import keep_article_speakers, rules_fingerprint
from .quotations_store import QUOTATION_TABLES, ensure_quotation_triggers
from .rows import ROWS, table_columns
from .summaries import PENDING_TABLE, SUMMARIES, SUMMARY_INDEXES, SUMMARY_PENDING_TRIGGERS
from .writes import replace_stale_triggers, write_transaction

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
    **QUOTATION_TABLES,
    **{name: (summary.columns, summary.primary_key) for name, summary in SUMMARIES.items()},
    **PENDING_TABLE,
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
    database gets the whole schema in one transaction (create_schema); an older one is upgraded,
    unless its shape is the one this code last left it in (shape_fingerprint)."""
    if not db.execute("select 1 from sqlite_master").fetchone():
        create_schema(db)
    if db.execute("pragma user_version").fetchone()[0] != shape_fingerprint(db):
        upgrade_shape(db)
        with write_transaction(db):
            db.execute(f"pragma application_id = {APPLICATION_ID}")
            db.execute(f"pragma user_version = {shape_fingerprint(db)}")
    if db.execute("select 1 from fts_deferred").fetchone():
        # Only a writer that committed mid-batch (not ours) could leave a flag row: index what it covers.
        with write_transaction(db):
            end_deferred(db)


# The files whose code decides the schema upgrade_shape makes: when one changes, every database is
# upgraded once more (upgrading a current database changes nothing, it only costs a few dozen ms).
SCHEMA_FILES = ("schema.py", "fts.py", "rows.py", "models.py", "summaries.py", "identity_store.py")


def shape_fingerprint(db: sqlite_utils.Database) -> int:
    """The schema this database holds (every CREATE statement in it) with the code that makes the
    schema, as the 28-bit number kept in PRAGMA user_version after an upgrade. The same number at
    the next open means nothing is missing, so the upgrade's few hundred schema reads are skipped:
    a table, index or trigger dropped or added by anyone since changes the number (ANALYZE's tables
    aside: they are statistics, not schema)."""
    statements = db.execute(
        "select type, name, sql from sqlite_master where name not like 'sqlite_stat%' order by type, name"
    ).fetchall()
    digest = hashlib.sha1(f"{schema_code_fingerprint()}{sorted(TABLES.items())!r}{statements!r}".encode())
    return int(digest.hexdigest()[:7], 16)


@functools.cache
def schema_code_fingerprint() -> str:
    package = Path(__file__).parent
    code = b"".join((package / name).read_bytes() for name in SCHEMA_FILES)
    return hashlib.sha1(code + importlib.metadata.version("sqlite-utils").encode()).hexdigest()


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
        db.execute(f"pragma user_version = {shape_fingerprint(db)}")
        # No article speakers yet: whatever this database's writers store is drawn by these rules.
        db.execute("insert into identity_rules (fingerprint) values (?)", [rules_fingerprint()])


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
    ensure_outlet_index(db)
    if speakers_unkept:
        with write_transaction(db):
            keep_article_speakers(db)
    ensure_summary_pending_triggers(db)
    ensure_quotation_triggers(db)
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


def ensure_outlet_index(db: sqlite_utils.Database) -> None:
    """fts.OUTLET_INDEX, the view it reads and its triggers. Where a trigger is missing or differs (a
    database made before them), or the index or its view is missing or made otherwise (a copy of the
    quotes' text before), it is made anew from every quote."""
    replace_stale_triggers(db, OUTLET_INDEX_TRIGGERS, lambda: rebuild_outlet_index(db))
    made = dict(db.execute("select name, sql from sqlite_master where name in (?, ?)", [OUTLET_INDEX, OUTLET_SOURCE]))
    if made.get(OUTLET_INDEX) != OUTLET_INDEX_SQL or OUTLET_SOURCE not in made:
        with write_transaction(db):
            rebuild_outlet_index(db)


def ensure_summary_pending_triggers(db: sqlite_utils.Database) -> None:
    """The triggers that note what each change touches for the summaries (summaries.py). Where one
    is missing or differs (a database made before them, or by other code), nothing says what changed
    while it was: every article is noted as added, so the next refresh rebuilds every summary."""
    replace_stale_triggers(
        db,
        SUMMARY_PENDING_TRIGGERS,
        lambda: db.execute("insert into summary_pending (added_article) select id from articles"),
    )
