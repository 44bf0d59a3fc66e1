"""The extraction map, in this process or in N worker processes: inputs in, one outcome per article
out, in input order and lazily, so memory stays flat however large the corpus.

An input is the name of a file holding one article, which the worker reads, checks and hashes
itself (this process then does little but write), or an Article already read by the caller (the
records of a JSON Lines, JSON or CSV file, which may hold a million, spread over the workers).
The outcome for each article is its rows for the writer (store.ArticleRows, cheap to send between
processes), or its ArticleRecord when exporting; Unchanged when the database already holds the same
content (so it is not extracted again); or the InputError for a bad input. The caller stays the
single writer."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from . import store
from .formats import RecordPage
from .models import Article, ArticleRecord
from .pipeline import content_hash, process_article
from .pool import Died, Lost, watched_map
from .read import InputError

DEFAULT_CHUNKSIZE = 16
# Seconds an input may take to be read and extracted before its worker is stopped and the input
# reported. Real articles take milliseconds and the largest allowed (10 million characters, in
# paragraphs of up to 100,000) about 4 CPU seconds; markup that makes the HTML reader quadratic
# takes hours (40,000 <b> elements in one paragraph).
ARTICLE_TIMEOUT = 30.0
# The single writer is the one step that cannot run in parallel. At equal priority, N workers and
# the writer share the cores evenly: with --workers 2 on 2 cores the writer gets two thirds of a
# core, and once it needs more than that (it does a third of the CPU work of an ingest, more as the
# database grows) the workers stall on it with a core idle. Workers at a lower priority take only
# what the writer leaves, so the cores stay busy. It also keeps a long ingest polite to the rest of
# the machine.
WORKER_NICENESS = 10


class Notice(NamedTuple):
    """Something the person running the ingest should know that is not an error of an input."""

    text: str


class Unchanged(NamedTuple):
    """An article the database already holds with the same content (and extractor)."""

    path: str


Outcome = store.ArticleRows | ArticleRecord | Unchanged | InputError


@dataclass(frozen=True)
class Job:
    """What each input goes through, the same in every worker."""

    read: Callable[[str], Iterable[Article | InputError]]  # a file name → its checked articles
    db_path: str | None = None  # articles stored unchanged in this database are skipped
    known: Mapping[str, str] | None = None  # or those whose key maps to their content hash here
    rows: bool = True  # send store.ArticleRows for the writer, else the ArticleRecord


def work(item: str | Article | InputError, job: Job, stored) -> list[Outcome]:
    """The outcomes of one input: one per article in it (usually one). stored: what the unchanged
    check reads (see is_stored_unchanged), or None."""
    articles = job.read(item) if isinstance(item, str | RecordPage) else [item]
    return [outcome(read_page(article, job), job, stored) for article in articles]


def read_page(article: Article | RecordPage | InputError, job: Job) -> Article | InputError:
    """A record's web page read here, in the worker that extracts it (under its time limit)."""
    return next(iter(job.read(article))) if isinstance(article, RecordPage) else article


def outcome(article: Article | InputError, job: Job, stored) -> Outcome:
    """Extract one article. An unexpected failure inside the extractor becomes an InputError, so one
    odd article is reported and the run of a million goes on."""
    if isinstance(article, InputError):
        return article
    if stored is not None and is_stored_unchanged(stored, article.path, content_hash(article)):
        return Unchanged(article.path)
    try:
        record = process_article(article)
    except Exception as error:
        return InputError(article.path, f"extraction failed ({type(error).__name__}: {error})")
    return store.article_rows(record) if job.rows else record


def is_stored_unchanged(stored, path: str, digest: str) -> bool:
    """stored: a connection to the database, or a mapping of article key to content hash (what a
    Dask worker gets instead of a database it may not be able to open)."""
    if isinstance(stored, Mapping):
        return stored.get(path) == digest
    return store.is_stored_unchanged(stored, path, digest)


# This worker process's Job and its own read-only connection (set by start_worker).
worker_state: dict = {}


def start_worker(job: Job) -> None:
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)
    worker_state["job"] = job
    worker_state["stored"] = store.open_reader(job.db_path) if job.db_path else job.known


def work_in_worker(item: str | Article | InputError) -> list[Outcome]:
    return work(item, worker_state["job"], worker_state["stored"])


def iter_outcomes(
    items: Iterable[str | Article | InputError],
    job: Job,
    workers: int = 1,
    stored=None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    timeout: float | None = None,
) -> Iterator[Outcome | Notice]:
    """Every article's outcome, in order. In this process the unchanged check uses stored (the
    caller's connection); workers open their own. With workers > 1, or a timeout (seconds per
    input), the inputs go to worker processes the parent watches (pool.watched_map): an input still
    running after timeout seconds, or whose worker died twice, becomes an InputError, and a Notice
    says when a worker died and its input is tried again."""
    if workers <= 1 and not timeout:
        stored = stored if job.db_path else job.known
        for item in items:
            yield from work(item, job, stored)
        return
    results = watched_map(work_in_worker, items, workers, chunksize, timeout, initializer=start_worker, initargs=(job,))
    for result in results:
        if isinstance(result, Died):
            yield Notice(f"{item_name(result.item)}: the worker extracting it died ({result.reason}); trying it again")
        elif isinstance(result, Lost):
            yield InputError(item_name(result.item), result.reason)
        else:
            yield from result


def item_name(item: str | Article | InputError) -> str:
    return item if isinstance(item, str) else item.path


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    """itertools.batched (Python 3.12+), as lists."""
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
