"""How every writer writes: a transaction that takes the write lock at once, and an article's rows
in a few multi-row INSERTs."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator

import sqlite_utils


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


# Parameters per statement: SQLite before 3.32 allows 999.
MAX_PARAMETERS = 999


def replace_stale_triggers(
    db: sqlite_utils.Database, triggers: dict[str, str], when_replaced: Callable[[], None]
) -> None:
    """Create the triggers (name -> CREATE TRIGGER sql) that are missing or differ, in one transaction
    with when_replaced: while a trigger was missing or different nothing noted what it should have,
    so its caller marks everything to be done again."""
    current = dict(db.execute("select name, sql from sqlite_master where type = 'trigger'").fetchall())
    stale = [name for name, sql in triggers.items() if current.get(name) != sql.strip()]
    if not stale:
        return
    with write_transaction(db):
        for name in stale:
            db.execute(f"drop trigger if exists [{name}]")
            db.execute(triggers[name].strip())
        when_replaced()


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
