"""Bounds on what one SQL statement may build, on every connection Datasette opens.

Datasette's time limit (sql_time_limit_ms) is checked between SQLite's virtual-machine steps, so a
single function call that runs long is never stopped: `printf('%.*c', 900000000, 'x')` took 7.5 s
and 900 MB, and three at once 98 s each and 4 GB, blocking every search meanwhile. So:

- no string or blob may exceed MAX_VALUE_BYTES (SQLite's length limit): zeroblob, randomblob,
  group_concat, repeated concatenation fail at once with "string or blob too big";
- a LIKE or GLOB pattern is at most MAX_PATTERN_BYTES (matching is length of text x length of
  pattern: a 40 kB pattern against a 1 MB string ran 5 minutes);
- a result row has at most MAX_COLUMNS columns, and one statement's rows at most MAX_RESULT_BYTES
  between them (Datasette holds a page of rows in memory; a streamed CSV export runs one statement
  per page, so it is not limited in total);
- the built-in functions that ignore the length limit or take quadratic time are replaced by
  versions that do not: printf/format (a width or precision over the limit is refused; SQLite
  pads '%.*c' a character at a time even after the limit), instr and replace (a search of a
  1 MB string for a 400 kB one took SQLite over 50 s; Python's str.find is linear), and trim,
  ltrim and rtrim with a set of characters (SQLite compares each character with the whole set: a
  200 kB string trimmed by 80,000 characters took 210 s);
- SQLite's own memory in the whole server stays under MAX_SQLITE_HEAP (PRAGMA hard_heap_limit),
  so whatever else a statement finds to build fails with "out of memory" rather than the server.

The largest value a page legitimately needs is a paragraph (100,000 characters by default, at most
400 kB in UTF-8) or the JSON list of its quotes. Our own pages use none of the replaced functions
on many rows (quote_search counts words with LIKE)."""

from __future__ import annotations

import re
import sqlite3
import threading
import weakref

from datasette import hookimpl

MAX_VALUE_BYTES = 1_000_000
MAX_PATTERN_BYTES = 300
MAX_COLUMNS = 64
MAX_RESULT_BYTES = 64_000_000
MAX_SQLITE_HEAP = 512 * 1024 * 1024
# A printf conversion: flags, then a width and a precision, each digits or '*' (the next argument).
CONVERSION = re.compile(r"%(?P<flags>[-+ 0#,!]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?(?P<type>[a-zA-Z%])")


class TooBig(sqlite3.DataError):
    """What a statement built passed a limit; the message says which."""


def too_big() -> str:
    """A value SQLite refuses as over its length limit, so that a function below fails with SQLite's
    own "string or blob too big" (an exception raised in a Python function would reach the person
    only as "user-defined function raised exception")."""
    return "x" * (MAX_VALUE_BYTES + 1)


@hookimpl
def prepare_connection(conn):
    limit(conn)
    conn.execute(f"pragma hard_heap_limit = {MAX_SQLITE_HEAP}")
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf)
    conn.create_function("instr", 2, linear_instr, deterministic=True)
    conn.create_function("replace", 3, linear_replace, deterministic=True)
    for name, sides in (("trim", "both"), ("ltrim", "left"), ("rtrim", "right")):
        conn.create_function(name, 2, set_trimmer(sides), deterministic=True)
    conn.row_factory = ResultBudget(conn.row_factory)


def limit(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, MAX_PATTERN_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)


class ResultBudget:
    """A row factory wrapping Datasette's: counts the bytes of each statement's rows and stops the
    statement once they pass MAX_RESULT_BYTES."""

    def __init__(self, make_row):
        self.make_row = make_row
        self.used: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, cursor, values: tuple):
        # Text and blobs count their length, anything else 8 bytes. A plain loop on exact types
        # (sqlite3 gives no subclasses): this runs for every row of every statement, and the
        # generator with isinstance cost 1.2 µs a row, as much as SQLite's own work on a narrow row.
        size = 8 * len(values)
        for value in values:
            if type(value) is str or type(value) is bytes:
                size += len(value) - 8
        used = self.used.get(cursor, 0) + size
        if used > MAX_RESULT_BYTES:
            raise TooBig(f"results over {MAX_RESULT_BYTES:,} bytes: ask for fewer rows or shorter values")
        self.used[cursor] = used
        return self.make_row(cursor, values) if self.make_row else values


def text_of(value) -> str:
    """A value as SQLite's text functions read it."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else str(value)


def linear_instr(haystack, needle):
    if haystack is None or needle is None:
        return None
    if isinstance(haystack, bytes) and isinstance(needle, bytes):
        return haystack.find(needle) + 1
    return text_of(haystack).find(text_of(needle)) + 1


def linear_replace(text, old, new):
    if text is None or old is None or new is None:
        return None
    text, old, new = text_of(text), text_of(old), text_of(new)
    if not old:
        return text
    size = len(text.encode("utf-8")) + text.count(old) * (len(new.encode("utf-8")) - len(old.encode("utf-8")))
    if size > MAX_VALUE_BYTES:
        return too_big()
    return text.replace(old, new)


def set_trimmer(sides: str):
    """trim/ltrim/rtrim(X, Y): X without the characters of Y at its ends (bytes for two blobs), each
    character looked up in a set."""

    def trim(value, characters):
        if value is None or characters is None:
            return None
        if not (isinstance(value, bytes) and isinstance(characters, bytes)):
            value, characters = text_of(value), text_of(characters)
        members = set(characters)
        start, end = 0, len(value)
        if sides != "right":
            while start < end and value[start] in members:
                start += 1
        if sides != "left":
            while end > start and value[end - 1] in members:
                end -= 1
        return value[start:end]

    return trim


# SQLite's own printf, on a private connection per thread with the same limits.
_delegate = threading.local()


def bounded_printf(*args):
    if not args or args[0] is None:
        return None
    template, values = text_of(args[0]), list(args[1:])
    for match in CONVERSION.finditer(template):
        if match["type"] == "%":
            continue
        for part in ("width", "precision"):
            size = match[part]
            if size == "*":
                size = values.pop(0) if values else 0
            if size is not None and size_of(size) > MAX_VALUE_BYTES:
                return too_big()
        if values:
            values.pop(0)
    conn = getattr(_delegate, "conn", None)
    if conn is None:
        conn = _delegate.conn = sqlite3.connect(":memory:")
        limit(conn)
    placeholders = ", ".join("?" for _ in args)
    try:
        return conn.execute(f"select printf({placeholders})", args).fetchone()[0]
    except sqlite3.DataError:
        return too_big()


def size_of(value) -> int:
    """The largest width a printf argument could mean, however SQLite reads it ('9e8' included)."""
    sizes = [0]
    for read in (int, float):
        try:
            sizes.append(abs(int(read(text_of(value) if isinstance(value, bytes) else value))))
        except (TypeError, ValueError, OverflowError):
            sizes.append(MAX_VALUE_BYTES + 1 if read is float and is_infinite(value) else 0)
    return max(sizes)


def is_infinite(value) -> bool:
    try:
        return float(value) in (float("inf"), float("-inf"))
    except (TypeError, ValueError):
        return False
