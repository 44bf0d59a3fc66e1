"""Whether a database file is ours to write: made by this project (any version), or new.

An ingest pointed at another application's SQLite file must not touch it: adding our columns to its
`speakers` table, replacing a view of the same name or deleting its rows would destroy its data.
So the file is read, never written, before anything else opens it (even switching it to WAL mode
rewrites its header), and refused with one line unless it is empty or one of ours.

Ours means: stamped with our application id (PRAGMA application_id, which every database made or
upgraded since this check exists carries), or unstamped and holding the tables and columns every
version of this project has created since the first (SIGNATURE). Anything else, including a file
stamped by another application, is refused."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# "Quot": written into the header of every database this project creates or upgrades.
APPLICATION_ID = 0x51756F74

# The tables and columns of the first schema this project made (git 92cd768), which every later
# version kept: how a database made before the application id was stamped is recognised. Never
# add to it; columns added since are added to old databases when they are opened.
SIGNATURE = {
    "articles": {
        "id", "path", "title", "url", "published", "outlet", "author", "content_hash", "paragraph_count",
        "quote_count", "ingested_at",
    },
    "paragraphs": {"id", "article_id", "position", "kind", "text"},
    "speakers": {"id", "key", "name", "kind", "is_anonymous"},
    "quotes": {
        "id", "article_id", "paragraph_id", "speaker_id", "text", "kind", "cue", "speaker_mention", "start", "end",
        "method", "is_anonymous", "mixed", "position",
    },
    "affiliations": {"id", "speaker_id", "article_id", "role", "organization", "title", "source_text"},
    "speaker_aliases": {"speaker_id", "article_id", "alias"},
}  # fmt: skip


class ForeignDatabase(Exception):
    """The file is a database this project did not make; the message says what it holds."""


def refuse_foreign_database(path: str) -> None:
    """Raise ForeignDatabase unless path is new, empty, or a database this project made. Reads
    only: a read-only connection writes nothing to the file, not even on close (a normal one would
    checkpoint another application's write-ahead log into it)."""
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        return
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        problem = foreign_database_problem(conn)
    finally:
        conn.close()
    if problem:
        raise ForeignDatabase(f"not a database made by this tool ({problem}); nothing was changed. Use a new file")


def foreign_database_problem(conn: sqlite3.Connection) -> str | None:
    """Why the database on conn is not one of ours, or None when it is (or holds nothing yet)."""
    application_id = conn.execute("pragma application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return None
    if application_id:
        return f"it belongs to another application: application_id {application_id:#010x}"
    objects = conn.execute("select type, name from sqlite_master where name not like 'sqlite_%'").fetchall()
    if not objects:
        return None
    tables = {name for kind, name in objects if kind == "table"}
    missing_tables = [name for name in SIGNATURE if name not in tables]
    if missing_tables:
        held = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        return f"no {', '.join(missing_tables)} table; its tables: {held or 'none'}"
    for table, columns in SIGNATURE.items():
        held = {row[0] for row in conn.execute("select name from pragma_table_info(?)", [table])}
        if not columns <= held:
            return f"its {table} table has no {', '.join(sorted(columns - held))} column"
    return None
