"""The operations behind the command line's verbs, as plain functions other code can call too (the
Dask engine, the shard writer):

- extract: the map. Inputs in, one outcome per article out, in input order (parallel.iter_outcomes).
- save:    the single writer. Outcomes in, a batch of articles per transaction into the database.
- write:   the map's outcomes to files instead: Parquet tables (parquet.py) or JSON Lines (records.py).
- load:    the reduce. What write wrote, into a database without extracting again.

`ingest` is extract then save. None of them prints: what happened goes to a Tally, and every bad
input to its report_error as it is met."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .bulk import load_batches
from .corpus import refresh_corpus
from .inputs import Inputs
from .parallel import ARTICLE_TIMEOUT, Job, Notice, Outcome, Unchanged, batched, iter_outcomes
from .parquet import read_parquet, write_parquet
from .read import InputError, InputWarning
from .records import iter_record_files, write_jsonl
from .store import save_records

OUTPUT_FORMATS = ("parquet", "jsonl")
BATCH_SIZE = 200  # articles per database transaction, and per Parquet row group


@dataclass
class Tally:
    """What a run did: articles added, replaced and left unchanged, and inputs that failed."""

    report_error: Callable[[InputError], None] = lambda error: None
    report_notice: Callable[[Notice], None] = lambda notice: None
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0

    def passed(self, items: Iterable) -> Iterator:
        """The items, with InputErrors taken out, counted and reported, and Notices reported."""
        for item in items:
            if isinstance(item, InputWarning):
                self.report_error(item)  # read all the same: reported, not counted as a failure
            elif isinstance(item, InputError):
                self.failed += 1
                self.report_error(item)
            elif isinstance(item, Notice):
                self.report_notice(item)
            else:
                yield item

    def to_write(self, outcomes: Iterable[Outcome]) -> Iterator:
        """The outcomes with the articles stored unchanged taken out and counted."""
        for outcome in self.passed(outcomes):
            if isinstance(outcome, Unchanged):
                self.unchanged += 1
            else:
                yield outcome

    def count(self, statuses: Iterable[str | InputError]) -> None:
        for status in self.passed(statuses):
            setattr(self, status, getattr(self, status) + 1)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


class Progress:
    """Told how far a run is; silent. The command line's progress bar is one that shows it."""

    def expect(self, more: int) -> None:
        """An input turned out to hold more articles than the count made before reading it."""

    def advance(self, done: int) -> None:
        """done more articles (or bad inputs) are through."""


SILENT = Progress()


def advancing(items: Iterable, progress: Progress) -> Iterator:
    for item in items:
        yield item
        progress.advance(1)


def extract(
    paths: Iterable[str],
    inputs: Inputs,
    workers: int = 1,
    rows: bool = True,
    db_path: str | None = None,
    db: sqlite_utils.Database | None = None,
    progress: Progress = SILENT,
    timeout: float | None = ARTICLE_TIMEOUT,
) -> Iterator[Outcome | Notice]:
    """The map: every article's outcome in input order, its rows for the writer (store.ArticleRows)
    when rows, else its ArticleRecord. With db_path (and db, this process's connection to it), an
    article the database holds unchanged comes back as Unchanged, not extracted again. An input
    still being read or extracted after timeout seconds is stopped and comes back as an InputError
    (None: no limit, and with one worker everything runs in this process)."""
    job = Job(read=inputs.read, db_path=db_path, rows=rows)
    items = inputs.items(paths, records_read=lambda count: progress.expect(count - 1))
    return advancing(iter_outcomes(items, job, workers, stored=db, timeout=timeout), progress)


def save(db: sqlite_utils.Database, outcomes: Iterable[Outcome], tally: Tally, batch_size: int = BATCH_SIZE) -> None:
    """Write the outcomes a batch per transaction (each article atomic, see store.save_records)."""
    for batch in batched(tally.to_write(outcomes), batch_size):
        tally.count(save_records(db, batch))


def ingest(
    db: sqlite_utils.Database,
    db_path: str,
    paths: Iterable[str],
    inputs: Inputs,
    tally: Tally,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: Progress = SILENT,
    timeout: float | None = ARTICLE_TIMEOUT,
) -> None:
    """Extract the inputs into db (at db_path), then bring the corpus-wide steps up to date."""
    outcomes = extract(paths, inputs, workers, db_path=db_path, db=db, progress=progress, timeout=timeout)
    save(db, outcomes, tally, batch_size)
    if tally.changed:
        refresh_corpus(db)


def write(outcomes: Iterable[Outcome], out: str, fmt: str, tally: Tally) -> int:
    """The extracted articles to out: a folder of Parquet tables, or a JSON Lines file ('-' for
    standard output); how many were written."""
    articles = tally.passed(outcomes)
    if fmt == "parquet":
        return write_parquet(batched(articles, BATCH_SIZE), out)
    if out == "-":
        return write_jsonl(articles, sys.stdout)
    with open(out, "w", encoding="utf-8") as lines:
        return write_jsonl(articles, lines)


def load(
    db: sqlite_utils.Database,
    outputs: Iterable[str],
    tally: Tally,
    batch_size: int = BATCH_SIZE,
    progress: Progress = SILENT,
) -> None:
    """Load what write wrote (Parquet folders, JSON Lines files) without extracting, with the
    ingest's rules: the same content is unchanged, changed content replaces its article."""
    for output in outputs:
        if os.path.isdir(output):
            load_parquet(db, output, tally, progress)
        else:
            save(db, advancing(iter_record_files([output]), progress), tally, batch_size)
    if tally.changed:
        refresh_corpus(db)


def load_parquet(db: sqlite_utils.Database, folder: str, tally: Tally, progress: Progress = SILENT) -> None:
    import pyarrow

    def batches():
        for batch in read_parquet([folder]):
            yield batch
            progress.advance(len(batch))

    try:
        counts = load_batches(db, batches())
    except (OSError, pyarrow.ArrowException) as error:
        tally.count([InputError(folder, f"not a folder of Parquet tables written by extract ({error})")])
        return
    for status, count in counts.items():
        setattr(tally, status, getattr(tally, status) + count)


def count_outputs(outputs: Iterable[str]) -> int:
    """How many articles the outputs hold, from Parquet footers and JSON Lines line ends (a bad line
    is counted, and fails when loaded), without parsing any."""
    import pyarrow.parquet as pq

    total = 0
    for output in outputs:
        if os.path.isdir(output):
            total += sum(
                pq.ParquetFile(part).metadata.num_rows for part in Path(output).glob("articles/part-*.parquet")
            )
        elif os.path.isfile(output):
            with open(output, "rb") as data:
                total += sum(block.count(b"\n") for block in iter(lambda: data.read(1 << 20), b""))
    return total
