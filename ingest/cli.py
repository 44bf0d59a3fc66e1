"""Command line: one verb per operation, the database first (sqlite-utils style).

    python -m ingest ingest DB_PATH PATH...           extract articles into a database
    python -m ingest extract PATH... -o OUT           extract to Parquet tables or JSON Lines
    python -m ingest load DB_PATH OUT...              load what extract wrote

`python -m ingest DB_PATH PATH...` (no verb) is the ingest verb, as before verbs. The work is done by
ingest/operations.py; this module only reads options and talks to the terminal (the options the
verbs share are bundled in ingest/cli_options.py)."""

from __future__ import annotations

import dataclasses
import os
import sys
import time

import click

from . import __version__, operations
from .cli_options import (
    Run,
    batch_size_option,
    database_errors_reported,
    input_options,
    interruptions_reported,
    root_option,
    run_options,
    workers_option,
)
from .inputs import Inputs
from .parallel import Notice
from .read import InputError, InputWarning, database_files, printable
from .schema import open_db
from .store import table_counts

CONTEXT = {"help_option_names": ["-h", "--help"]}


class IngestByDefault(click.Group):
    """A group that runs the ingest verb when the first argument names no verb, so that
    `python -m ingest DB_PATH PATH...` (and its options before DB_PATH) keeps working."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in (*CONTEXT["help_option_names"], "--version"):
            args = ["ingest", *args]
        return super().parse_args(ctx, args)


@click.group(cls=IngestByDefault, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="ingest")
def cli() -> None:
    """Who said what: quotes, speakers and affiliations from news articles, into SQLite.

    `python -m ingest DB_PATH PATH...` is short for `python -m ingest ingest DB_PATH PATH...`.
    """


# --- verbs ----------------------------------------------------------------------------------------


@cli.command(name="ingest")
@click.argument("db_path", metavar="DB_PATH")
@click.argument("paths", nargs=-1)
@input_options("--format")
@workers_option
@batch_size_option
@run_options
@click.option(
    "--export-jsonl",
    "export_path",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The same as `extract DB_PATH PATHS... -o FILE --format jsonl` (DB_PATH is then an input).",
)
@click.option("--load-jsonl", is_flag=True, help="The same as `load DB_PATH PATHS...`.")
@interruptions_reported
@database_errors_reported
def ingest_command(
    db_path: str,
    paths: tuple[str, ...],
    inputs: Inputs,
    workers: int,
    article_timeout: float,
    batch_size: int,
    run: Run,
    export_path: str | None,
    load_jsonl: bool,
) -> None:
    """Extract quotes, speakers and affiliations from the article files in PATHS into the SQLite
    database DB_PATH (created if needed).

    PATHS are files or folders (walked recursively), or - for standard input. Text files hold one
    paragraph per line, or paragraphs separated by blank lines; HTML pages are one article each;
    JSON Lines, JSON and CSV files hold one article per record, with its text and metadata in the
    fields named by the --*-field options. Ingesting the same content again adds nothing; an
    article whose content changed replaces its rows completely.
    """
    if export_path:
        return extract_to((db_path, *paths), export_path, "jsonl", inputs, workers, article_timeout, run)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    if load_jsonl:
        return load_into(db_path, paths, batch_size, run, inputs.root)
    db = open_database(db_path)
    inputs = dataclasses.replace(inputs, skip=database_files(db_path))
    tally = operations.Tally(report_error, report_notice)
    with ProgressBar("Ingesting", inputs.count(paths) if run.shows_progress else None) as bar:
        operations.ingest(db, db_path, paths, inputs, tally, workers, batch_size, bar, article_timeout or None)
    finish(tally, run, db, db_path, "ingested")


@cli.command(name="extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(allow_dash=True),
    help="Where to write: a folder of Parquet tables (one per table), or a JSON Lines file ('-': stdout).",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(operations.OUTPUT_FORMATS),
    default="parquet",
    show_default=True,
    help="Output format: Parquet tables (the rows the writer inserts) or JSON Lines (one record per article).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Map on a local process pool, or on a Dask cluster (a LocalCluster of --workers processes,"
    " or the one at --scheduler).",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="A Dask scheduler's address (tcp://host:8786), with --engine dask."
)
@click.option(
    "--skip-stored",
    "stored_in",
    metavar="PATH",
    multiple=True,
    help="Skip articles this database or extract folder holds with the same content (OUT itself always).",
)
@input_options("--input-format")
@workers_option
@run_options
@interruptions_reported
def extract_command(
    paths: tuple[str, ...],
    out: str,
    out_format: str,
    engine: str,
    scheduler: str | None,
    stored_in: tuple[str, ...],
    inputs: Inputs,
    workers: int,
    article_timeout: float,
    run: Run,
) -> None:
    """Extract the articles in PATHS (as the ingest verb reads them) to OUT without a database: the
    map of a run over many machines, loaded later by the load verb. Writing to a folder that already
    holds Parquet tables adds a part with the articles it does not hold unchanged."""
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    known = operations.stored_hashes([*stored_in, *([out] if out_format == "parquet" else [])])
    engine_options = {"known": known or None, "engine": engine, "scheduler": scheduler}
    extract_to(paths, out, out_format, inputs, workers, article_timeout, run, **engine_options)


@cli.command(name="load")
@click.argument("db_path", metavar="DB_PATH")
@click.argument("outputs", metavar="OUT...", nargs=-1, required=True)
@batch_size_option
@root_option
@click.option(
    "--shard-by",
    type=click.Choice(["year", "month", "outlet"]),
    help="Write one database per year, month or outlet into the folder DB_PATH (served as one: docs/scale.md).",
)
@click.option(
    "--writers",
    type=click.IntRange(1),
    help="With --shard-by: shards written at once, each by its own process [default: the number of cores].",
)
@run_options
@interruptions_reported
@database_errors_reported
def load_command(
    db_path: str,
    outputs: tuple[str, ...],
    batch_size: int,
    root: str | None,
    shard_by: str | None,
    writers: int | None,
    run: Run,
) -> None:
    """Load what the extract verb wrote (Parquet folders, JSON Lines files) into DB_PATH without
    extracting again: the same content is left unchanged, changed content replaces its article.
    Give the --root the extract was given (whether a file moved or was copied is decided under it)."""
    if shard_by:
        load_shards_into(db_path, outputs, shard_by, writers, run, root)
    else:
        load_into(db_path, outputs, batch_size, run, root)


@cli.command(name="prune")
@click.argument("db_path", metavar="DB_PATH", type=click.Path(exists=True, dir_okay=False))
@root_option
@click.option("--dry-run", is_flag=True, help="Only list the articles that would be deleted.")
@run_options
@interruptions_reported
@database_errors_reported
def prune_command(db_path: str, root: str | None, dry_run: bool, run: Run) -> None:
    """Delete from DB_PATH the articles whose files are gone (deleted, or moved and not ingested
    again from their new place), with the speakers only they named. Articles keyed by URL or read
    from standard input are kept. Give the --root the ingest was given."""
    db = open_database(db_path)
    gone = operations.prune(db, root, dry_run)
    for key in gone:
        click.echo(f"{'would delete' if dry_run else 'deleted'}: {printable(key)}", err=True)
    if not run.quiet:
        counts = table_counts(db)
        click.echo(
            f"{len(gone)} article(s) {'to prune' if dry_run else 'pruned'} in {run.seconds():.2f}s."
            f" Database {printable(db_path)}: {counts['articles']} articles, {counts['quotes']} quotes,"
            f" {counts['speakers']} speakers."
        )


# --- what the verbs share --------------------------------------------------------------------------


def extract_to(
    paths: tuple[str, ...], out: str, out_format: str, inputs: Inputs, workers: int, timeout: float, run: Run, **engine
) -> None:
    tally = operations.Tally(report_error, report_notice)
    with ProgressBar("Extracting", inputs.count(paths) if run.shows_progress else None) as bar:
        outcomes = operations.extract(
            paths, inputs, workers, rows=out_format == "parquet", progress=bar, timeout=timeout or None, **engine
        )
        try:
            written = operations.write(outcomes, out, out_format, tally)
        except operations.OutputError as error:
            raise click.ClickException(str(error)) from None
        except BrokenPipeError:  # `extract ... -o - | head`: the reader has all it wanted
            sys.stderr.close()  # nothing more to say, and Python's flush at exit must not complain
            raise click.exceptions.Exit(0) from None
    if not run.quiet:
        what = "records" if out_format == "jsonl" else "articles"
        skipped = f" ({tally.unchanged} held unchanged, skipped)" if tally.unchanged else ""
        click.echo(f"{written} {what} written to {printable(out)}{skipped} in {run.seconds():.2f}s.", err=out == "-")
    if tally.failed:
        raise click.ClickException(f"{tally.failed} file(s) or record(s) could not be extracted")


def load_into(db_path: str, outputs: tuple[str, ...], batch_size: int, run: Run, root: str | None) -> None:
    db = open_database(db_path)
    tally = operations.Tally(report_error)
    with ProgressBar("Loading", operations.count_outputs(outputs) if run.shows_progress else None) as bar:
        operations.load(db, outputs, tally, batch_size, bar, root)
    finish(tally, run, db, db_path, "loaded")


def load_shards_into(
    folder: str, outputs: tuple[str, ...], by: str, writers: int | None, run: Run, root: str | None
) -> None:
    if os.path.isfile(folder):
        raise click.BadParameter(f"{printable(folder)} is a file; with --shard-by it is a folder", param_hint="DB_PATH")
    tally = operations.Tally(report_error)
    with ProgressBar("Loading", operations.count_outputs(outputs) if run.shows_progress else None) as bar:
        operations.load_into_shards(folder, outputs, by, tally, writers, bar, root)
    if not run.quiet:
        click.echo(
            f"{tally.added} added, {tally.replaced} replaced, {tally.unchanged} unchanged in {run.seconds():.2f}s."
            f" Shards by {by} in {printable(folder)}."
        )
    if tally.failed:
        raise click.ClickException(f"{tally.failed} file(s) or record(s) could not be loaded")


def open_database(db_path: str):
    if os.path.isdir(db_path):
        raise click.BadParameter(f"{printable(db_path)} is a folder; the database must be a file", param_hint="DB_PATH")
    return open_db(db_path)


def report_error(error: InputError) -> None:
    level = "warning" if isinstance(error, InputWarning) else "error"
    click.echo(f"{level}: {error.path}: {error.reason}", err=True)


def report_notice(notice: Notice) -> None:
    click.echo(f"warning: {printable(notice.text)}", err=True)


def finish(tally: operations.Tally, run: Run, db, db_path: str, done: str) -> None:
    """The summary line, and the exit status: 1 when any input failed."""
    if not run.quiet:
        counts = table_counts(db)
        click.echo(
            f"{tally.added} added, {tally.replaced} replaced, {tally.unchanged} unchanged"
            f"{f', {tally.moved} moved' if tally.moved else ''} in {run.seconds():.2f}s."
            f" Database {printable(db_path)}: {counts['articles']} articles, {counts['paragraphs']} paragraphs,"
            f" {counts['quotes']} quotes, {counts['speakers']} speakers."
        )
    if tally.failed:
        raise click.ClickException(f"{tally.failed} file(s) or record(s) could not be {done}")


class ProgressBar(operations.Progress):
    """click's progress bar on stderr with articles, articles/s and ETA; prints nothing at all when
    the total is None (not asked for, or standard input, which cannot be counted in advance). The
    total starts as the count of input files and grows as record files are read."""

    def __init__(self, label: str, total: int | None):
        self.label, self.total = label, total
        self.bar = None
        self.done, self.started = 0, time.perf_counter()

    def __enter__(self) -> ProgressBar:
        if self.total is not None:
            self.bar = click.progressbar(
                length=self.total,
                label=self.label,
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda rate: rate,
            ).__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def expect(self, more: int) -> None:
        if self.bar is not None:
            self.bar.length += more

    def advance(self, done: int) -> None:
        if self.bar is not None:
            self.done += done
            self.bar.update(done, f"{self.done / max(time.perf_counter() - self.started, 1e-9):.0f} articles/s")
