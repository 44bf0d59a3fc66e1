"""The page's own publication date: the timestamp its markup gives (JSON-LD, article:published_time,
itemprop), on the day the page's readers saw."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

from ..dates import DateError, normalise_date


def published_date(tree, fallback: str | None) -> str | None:
    """The page's own publication timestamp (JSON-LD datePublished, article:published_time,
    itemprop=datePublished), which keeps the time and offset; else trafilatura's date."""
    for value in [*json_ld_dates(tree), *meta_dates(tree), fallback]:
        try:
            date = normalise_date(value)
        except DateError:
            continue
        if date:
            return local_day(date, fallback)
    return None


def local_day(timestamp: str, page_date: str | None) -> str:
    """A UTC timestamp names the moment, not the day the page's readers saw: 05:30 UTC on the 9th is
    the 8th in America. When the date trafilatura reads from the page in its own terms (a visible
    date, a <time> without offset) is the day before or after, that day is the page's date."""
    if not timestamp.endswith("+00:00") or not page_date:
        return timestamp
    try:
        utc_day = datetime.date.fromisoformat(timestamp[:10])
        local = datetime.date.fromisoformat(page_date[:10])
    except ValueError:
        return timestamp
    return local.isoformat() if abs((utc_day - local).days) == 1 else timestamp


def meta_dates(tree) -> list[str]:
    return tree.xpath(
        "//meta[@property='article:published_time']/@content | //meta[@itemprop='datePublished']/@content"
        " | //*[@itemprop='datePublished']/@datetime"
    )


def json_ld_dates(tree) -> Iterator[str]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from find_key(data, "datePublished")


def find_key(data, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            yield data[key]
        for value in data.values():
            yield from find_key(value, key)
    elif isinstance(data, list):
        for value in data:
            yield from find_key(value, key)
