"""The operations behind the command line's verbs, as plain functions other code can call too (the
Dask engine, the shard writer):

- extract: the map. Inputs in, one outcome per article out, in input order (parallel.iter_outcomes).
- save:    the single writer. Outcomes in, a batch of articles per transaction into the database.
- write:   the map's outcomes to files instead: Parquet tables (parquet.py) or JSON Lines (records.py).
- load:    the reduce. What write wrote, into a database without extracting again.

`ingest` is extract then save. None of them prints: what happened goes to a Tally, and every bad
input to its report_error as it is met."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from .bulk import load_batches
from .corpus import refresh_corpus
from .inputs import Inputs
from .parallel import ARTICLE_TIMEOUT, Job, Notice, Outcome, Unchanged, batched, iter_outcomes
from .parquet import parts, read_parquet, read_parquet_values, write_parquet
from .read import InputError, InputWarning, printable
from .records import iter_record_files, write_jsonl
from .schema import open_reader
from .store import article_rows, prune_articles, save_records

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
    moved: int = 0  # the same content under a new key whose old file is gone: re-keyed (keys.py)
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
        return bool(self.added or self.replaced or self.moved)


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
    known: Mapping[str, str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Outcome | Notice]:
    """The map: every article's outcome in input order, its rows for the writer (store.ArticleRows)
    when rows, else its ArticleRecord. With db_path (and db, this process's connection to it), or
    known (article key -> content hash, see stored_hashes), an article held unchanged comes back as
    Unchanged, not extracted again. An input still being read or extracted after timeout seconds is
    stopped and comes back as an InputError (None: no limit, and with one worker everything runs in
    this process). engine "dask" maps on a Dask cluster (ingest/dask_map.py): the one at scheduler,
    else a LocalCluster of `workers` processes (Dask's own retries stand for the timeout there)."""
    items = inputs.items(paths, records_read=lambda count: progress.expect(count - 1))
    if engine == "dask":
        return advancing(extract_on_dask(items, Job(read=inputs.read, rows=rows), workers, known, scheduler), progress)
    job = Job(read=inputs.read, db_path=db_path, rows=rows, known=known)
    return advancing(iter_outcomes(items, job, workers, stored=db, timeout=timeout), progress)


def extract_on_dask(items, job: Job, workers: int, known: Mapping[str, str] | None, scheduler: str | None):
    from .dask_map import dask_client, iter_outcomes_dask

    with dask_client(scheduler, workers) as client:
        yield from iter_outcomes_dask(items, job, client, stored=known)


def stored_hashes(sources: Iterable[str]) -> dict[str, str]:
    """Article key -> content hash of every article the sources hold: databases, or folders of
    Parquet tables written by extract."""
    known: dict[str, str] = {}
    for source in sources:
        if os.path.isdir(source):
            import pyarrow.parquet as pq

            for part in Path(source).glob("articles/part-*.parquet"):
                table = pq.read_table(part, columns=["path", "content_hash"])
                known.update(zip(table.column(0).to_pylist(), table.column(1).to_pylist(), strict=True))
        elif os.path.isfile(source):
            with contextlib.closing(open_reader(source)) as conn:
                known.update(conn.execute("select path, content_hash from articles"))
    return known


def save(
    db: sqlite_utils.Database, outcomes: Iterable[Outcome], tally: Tally, batch_size: int = BATCH_SIZE, root=None
) -> None:
    """Write the outcomes a batch per transaction (each article atomic, see store.save_records);
    root: the --root their file keys are relative to."""
    for batch in batched(tally.to_write(outcomes), batch_size):
        tally.count(save_records(db, batch, root))


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
    save(db, outcomes, tally, batch_size, inputs.root)
    if tally.changed:
        refresh_corpus(db)


def prune(db: sqlite_utils.Database, root: str | None = None, dry_run: bool = False) -> list[str]:
    """Delete the articles whose files are gone (store.prune_articles), then bring the corpus-wide
    steps up to date; the keys deleted."""
    gone = prune_articles(db, root, dry_run)
    if gone and not dry_run:
        refresh_corpus(db)
    return gone


def write(outcomes: Iterable[Outcome], out: str, fmt: str, tally: Tally) -> int:
    """The extracted articles to out: a folder of Parquet tables, or a JSON Lines file ('-' for
    standard output); how many were written."""
    articles = tally.to_write(outcomes)
    if fmt == "parquet":
        return write_parquet(batched(articles, BATCH_SIZE), out)
    if out == "-":
        return write_jsonl(articles, sys.stdout)
    try:
        with open(out, "w", encoding="utf-8") as lines:
            return write_jsonl(articles, lines)
    except OSError as error:  # a missing folder, a full disk: about the output, not an input
        raise OutputError(out, error.strerror or str(error)) from None


class OutputError(Exception):
    """The output cannot be written; the message names it and says why."""

    def __init__(self, out: str, reason: str):
        super().__init__(f"{printable(out)}: cannot write it: {reason}")


def load(
    db: sqlite_utils.Database,
    outputs: Iterable[str],
    tally: Tally,
    batch_size: int = BATCH_SIZE,
    progress: Progress = SILENT,
    root: str | None = None,
) -> None:
    """Load what write wrote (Parquet folders, JSON Lines files) without extracting, with the
    ingest's rules: the same content is unchanged, changed content replaces its article; root: the
    --root their file keys are relative to."""
    for output in outputs:
        if os.path.isdir(output):
            load_parquet(db, output, tally, progress, root)
        else:
            save(db, advancing(iter_record_files([output]), progress), tally, batch_size, root)
    if tally.changed:
        refresh_corpus(db)


def parquet_refused(output: str, tally: Tally) -> bool:
    """A Parquet folder whose tables do not all hold the same parts, counted as a failed input
    before any writer starts."""
    if not os.path.isdir(output):
        return False
    try:
        parts(output)
    except OSError as error:
        tally.count([InputError(output, f"not a folder of Parquet tables written by extract ({error})")])
        return True
    return False


def load_parquet(
    db: sqlite_utils.Database, folder: str, tally: Tally, progress: Progress = SILENT, root: str | None = None
) -> None:
    import pyarrow

    def batches():
        for batch in read_parquet([folder]):
            yield batch
            progress.advance(len(batch))

    try:
        counts = load_batches(db, batches(), root=root)
    except (OSError, pyarrow.ArrowException) as error:
        tally.count([InputError(folder, f"not a folder of Parquet tables written by extract ({error})")])
        return
    for status, count in counts.items():
        setattr(tally, status, getattr(tally, status) + count)


def load_into_shards(
    folder: str,
    outputs: Iterable[str],
    by: str,
    tally: Tally,
    writers: int | None = None,
    progress: Progress = SILENT,
    root: str | None = None,
) -> None:
    """Load what write wrote into a folder of shards (ingest/shards.py), one per year, month or
    outlet, written by `writers` processes at once; then the corpus-wide steps over all shards."""
    from .corpus_shards import refresh_corpus_over_shards
    from .shards import load_shards

    def articles():
        for output in outputs:
            if os.path.isdir(output):
                for batch in read_parquet_values([output]):
                    yield from batch
                    progress.advance(len(batch))
            else:
                for record in tally.passed(iter_record_files([output])):
                    yield article_rows(record)
                    progress.advance(1)

    outputs = [output for output in outputs if not parquet_refused(output, tally)]
    for status, count in load_shards(articles(), folder, by, writers, root).items():
        setattr(tally, status, getattr(tally, status) + count)
    if tally.changed:
        refresh_corpus_over_shards(folder)


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
