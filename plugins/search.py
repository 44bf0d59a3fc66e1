"""`fts_query(q)`: the FTS5 MATCH expression for what a person typed into a search box.

Datasette's escape_fts quotes every word, so operators (AND, NEAR, *) and punctuation are searched
as plain text and "quoted phrases" stay phrases. On top of that this drops NUL characters (FTS5
reads them as the end of the string: "unterminated string") and turns empty input into '""', which
matches nothing, so a search box never produces a database error."""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils import escape_fts

MATCH_NOTHING = '""'


# What escape_fts should return: double-quoted strings (a quote inside doubled), separated by spaces.
QUOTED_STRINGS = re.compile(r'(?:\s*"(?:[^"]|"")*")+\s*')


def fts_query(query: str | None) -> str:
    if not isinstance(query, str):
        return MATCH_NOTHING
    query = query.replace("\x00", " ")
    escaped = escape_fts(query)
    if escaped and not QUOTED_STRINGS.fullmatch(escaped):
        # escape_fts leaves a stray quote next to a control character ('"\n\x08' → '" "\x08""'): quote
        # every word on its own instead, so the search box never produces an FTS5 syntax error.
        escaped = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
    return escaped or MATCH_NOTHING


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
