"""Publication dates as ISO 8601 strings, at the precision the source gives: '2021', '2021-07',
'2021-07-05', or '2021-07-05T06:30:12+00:00' (with the source's own offset, if it gave one).

Stored dates are compared as text by the facets and canned queries (prefix '2021-07' is July
2021), so every reader normalises through here."""

from __future__ import annotations

import datetime
import email.utils
import re
import warnings
from typing import NoReturn

from dateutil import parser as dateutil_parser

YEAR_OR_MONTH = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")
# 05/07/2021: the 5th of July in Europe, the 7th of May in the US; refuse to guess.
AMBIGUOUS_NUMERIC = re.compile(r"^(0?[1-9]|1[0-2])[/.-](0?[1-9]|1[0-2])[/.-]\d{2,4}\b")
EPOCH_MS_THRESHOLD = 100_000_000_000  # larger numbers are milliseconds since 1970
MAX_DATE_CHARS = 100  # no date is written longer; a field of garbage is not handed to the parsers


class DateError(ValueError):
    """A date that cannot be read without guessing; the message says why."""


def normalise_date(value: object) -> str | None:
    """ISO 8601 for a date written in any common way; None for an empty value; DateError when
    the value is not a date or is ambiguous."""
    if value is None or isinstance(value, bool):
        return None if value is None else _fail(value)
    if isinstance(value, int | float):
        return from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if YEAR_OR_MONTH.match(text):
        return text
    if len(text) > MAX_DATE_CHARS:
        return _fail(value)
    if text.isdigit() and len(text) >= 9:
        return from_epoch(int(text))
    parsed = from_iso(text) or from_rfc2822(text) or from_free_text(text)
    if parsed is None:
        return _fail(value)
    return parsed


def from_epoch(given: float) -> str:
    seconds = given
    try:
        if seconds > EPOCH_MS_THRESHOLD:
            seconds /= 1000  # OverflowError past float's range: 400 nines
        moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise DateError(f"date {shorten(given)} is out of range as a Unix time; use ISO 8601 (YYYY-MM-DD)") from None
    return moment.isoformat(timespec="seconds")


def shorten(value: object, limit: int = 40) -> str:
    """repr(value), cut in the middle when long (a number of 400 digits does not fit on a line)."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4,300-digit conversion limit
        return "(a number too long to show)"
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 2 :]} ({len(text):,} characters)"


def from_iso(text: str) -> str | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # '2021-07-05' parses as midnight, but no time was given
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def from_rfc2822(text: str) -> str | None:
    """'Mon, 05 Jul 2021 06:30:12 GMT', as RSS feeds and HTTP headers write dates."""
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.isoformat(timespec="seconds")


def from_free_text(text: str) -> str | None:
    """'July 5, 2021', '5 Jul 2021 07.30 BST', '2021/07/05 10:00'. Parsed twice with different
    defaults: what changes between the two parses is what the text did not say."""
    if AMBIGUOUS_NUMERIC.match(text):
        raise DateError(f"ambiguous date {text!r} (day and month could be either way round); use YYYY-MM-DD")
    try:
        with warnings.catch_warnings():  # 'BST': unknown zone names are dropped, not printed
            warnings.simplefilter("ignore")
            first = dateutil_parser.parse(text, default=datetime.datetime(2000, 1, 1, 0, 0, 0))
            second = dateutil_parser.parse(text, default=datetime.datetime(2001, 2, 2, 1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None  # no year: not a publication date we can file
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    if first.hour != second.hour:
        return first.date().isoformat()
    return first.isoformat(timespec="seconds")


def _fail(value: object) -> NoReturn:
    raise DateError(f"date {shorten(value)} not understood; use ISO 8601 (YYYY-MM-DD)")
