"""A request Datasette cannot make sense of is a 400 with the reason, never a 500.

Datasette 0.65 answers many malformed parameters with an error 500 (a server fault) instead of a
400 (the request's fault): `_sort=nope`, `_where=%00`, `_timelimit=abc`, `_through=%ff`,
`id__gt=99999999999999999999`, `id__in=[`, `_next=abc`, a row of a table with a compound key
asked for by one value. Each is the request's fault, so each becomes a 400 with Datasette's own
message, rendered by Datasette's own error page (HTML or JSON as the URL asks).

Which failures are the request's: the exceptions parsing a parameter raises (ValueError, which
includes JSON and Unicode decoding errors, KeyError and IndexError for JSON of the wrong shape,
OverflowError for integers SQLite cannot hold,
sqlite3's ProgrammingError/InterfaceError for values SQLite cannot bind, such as a NUL in SQL),
SQLite's refusals of the SQL a parameter built (OperationalError, DataError: no such column,
syntax error, a limit of plugins/limits.py), the time limit (QueryInterrupted: Datasette's own
pages already answer it with a 400, its CSV export did not), and Datasette's own errors about
parameters (PARAMETER_MESSAGES). Anything else is still a 500 (and its traceback printed): a real fault."""

from __future__ import annotations

import re
import sqlite3

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.handle_exception import handle_exception as datasette_error_page
from datasette.utils import InvalidSql
from datasette.utils.asgi import BadRequest
from datasette.views.base import DatasetteError

REQUEST_ERRORS = (
    ValueError,
    OverflowError,
    IndexError,
    KeyError,  # _through={} (a JSON object without "table")
    sqlite3.ProgrammingError,
    sqlite3.InterfaceError,
    sqlite3.OperationalError,
    sqlite3.DataError,
    InvalidSql,
    QueryInterrupted,  # the time limit (Datasette's JSON and HTML pages say so with a 400; CSV gave a 500)
)
PARAMETER_MESSAGES = re.compile(r"^(Cannot sort|Cannot use _sort|Invalid _|_\w+ |Cannot facet|Invalid )", re.I)


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    if not is_bad_request(exception):
        return None
    return datasette_error_page(datasette, request, BadRequest(message(exception)))


def is_bad_request(exception: BaseException) -> bool:
    if isinstance(exception, DatasetteError):
        return exception.status >= 500 and bool(PARAMETER_MESSAGES.match(str(exception.message)))
    return isinstance(exception, REQUEST_ERRORS)


def message(exception: BaseException) -> str:
    text = str(getattr(exception, "message", None) or exception) or type(exception).__name__
    return f"Bad request: {text}"
