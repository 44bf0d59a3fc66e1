"""The extraction map, in this process or in N worker processes: Articles in, ArticleRecords (or
the InputError for a bad input) out, in input order and lazily, so memory stays flat however large
the corpus. Reading stays in the caller (cheap, and one JSON Lines file may hold a million
articles); the caller is also the single writer."""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from .models import Article, ArticleRecord
from .pipeline import process_article
from .read import InputError

Result = ArticleRecord | InputError
# InputError does not pickle, so errors travel to and from workers as (path, reason).
Outcome = ArticleRecord | tuple[str, str]

DEFAULT_CHUNKSIZE = 16
WINDOWS_IN_FLIGHT = 3


def extract(item: Article | tuple[str, str]) -> Outcome:
    """Extract one article. An unexpected failure inside the extractor becomes (path, reason), so
    one odd article is reported and the run of a million goes on."""
    if isinstance(item, tuple):
        return item
    try:
        return process_article(item)
    except Exception as error:
        return (item.path, f"extraction failed ({type(error).__name__}: {error})")


def portable(item: Article | InputError) -> Article | tuple[str, str]:
    return (item.path, item.reason) if isinstance(item, InputError) else item


def as_result(outcome: Outcome) -> Result:
    return InputError(*outcome) if isinstance(outcome, tuple) else outcome


def iter_records(
    items: Iterable[Article | InputError], workers: int = 1, chunksize: int = DEFAULT_CHUNKSIZE
) -> Iterator[Result]:
    """Extract every item, in order. With workers > 1 the articles go to a process pool in windows
    of a few chunks, and at most WINDOWS_IN_FLIGHT windows are outstanding: Pool.imap alone would
    read the whole input ahead and queue results without bound when the writer is slower."""
    if workers <= 1:
        yield from (as_result(extract(portable(item))) for item in items)
        return
    window = workers * chunksize * 4
    with multiprocessing.Pool(workers) as pool:
        pending: deque = deque()
        for batch in batched(map(portable, items), window):
            pending.append(pool.imap(extract, batch, chunksize))
            if len(pending) >= WINDOWS_IN_FLIGHT:
                yield from map(as_result, pending.popleft())
        while pending:
            yield from map(as_result, pending.popleft())


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    """itertools.batched (Python 3.12+), as lists."""
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
