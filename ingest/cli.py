"""Command line: one verb per operation, the database first (sqlite-utils style).

    python -m ingest ingest DB_PATH PATH...           extract articles into a database
    python -m ingest extract PATH... -o OUT           extract to Parquet tables or JSON Lines
    python -m ingest load DB_PATH OUT...              load what extract wrote

`python -m ingest DB_PATH PATH...` (no verb) is the ingest verb, as before verbs. The work is done by
ingest/operations.py; this module only reads options and talks to the terminal."""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import sqlite3
import sys
import time

import click

from . import __version__, operations
from .database_file import ForeignDatabase
from .formats import FORMATS, FieldMap
from .inputs import Inputs
from .parallel import ARTICLE_TIMEOUT, Notice
from .read import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS, InputError, InputWarning, database_files, printable
from .store import open_db, table_counts

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


# --- option bundles -----------------------------------------------------------------------------

FIELD_OPTIONS = [
    ("text", "--text-field", "article text (plain text or an HTML page)"),
    ("title", "--title-field", "title"),
    ("url", "--url-field", "article URL"),
    ("published", "--date-field", "publication date"),
    ("outlet", "--outlet-field", "outlet (publication or site name)"),
    ("author", "--author-field", "author"),
    ("id", "--id-field", "record's own id, which keys the article in the database"),
]


def input_options(format_option: str):
    """The options saying what to read and how, given to the command as one `inputs: Inputs`."""

    def decorate(command):
        @functools.wraps(command)
        def run(*args, fmt, max_article_chars, max_paragraph_chars, external_links, **kwargs):
            names = {field: kwargs.pop(field) for field, _, _ in FIELD_OPTIONS}
            fields = FieldMap().overridden(**names)
            inputs = Inputs(fmt, fields, max_article_chars, max_paragraph_chars, external_links)
            return command(*args, inputs=inputs, **kwargs)

        for option in reversed(input_option_list(format_option)):
            run = option(run)
        return run

    return decorate


def input_option_list(format_option: str) -> list:
    return [
        click.option(
            format_option,
            "fmt",
            type=click.Choice(FORMATS),
            default="auto",
            show_default=True,
            help="Input format; auto goes by extension, then by content.",
        ),
        *(
            click.option(
                option,
                field,
                metavar="NAME",
                help=f"Record field holding the {what} [default: {' or '.join(getattr(FieldMap(), field))}].",
            )
            for field, option, what in FIELD_OPTIONS
        ),
        click.option(
            "--max-article-chars",
            type=click.IntRange(1),
            default=MAX_ARTICLE_CHARS,
            show_default=True,
            help="Refuse an article whose text is longer (one line of error; the rest goes in).",
        ),
        click.option(
            "--max-paragraph-chars",
            type=click.IntRange(1),
            default=MAX_PARAGRAPH_CHARS,
            show_default=True,
            help="Refuse an article with a longer paragraph: a file that is one huge line is not article"
            " text, and extraction slows down faster than linearly on it.",
        ),
        click.option(
            "--follow-external-links",
            "external_links",
            is_flag=True,
            help="Read files that symbolic links inside a folder lead to outside it (refused by default:"
            " a link to /etc would publish /etc/shadow).",
        ),
    ]


@dataclasses.dataclass
class Run:
    """How a run shows itself: quiet or not, a progress bar or not."""

    quiet: bool = False
    progress: bool | None = None  # None: only when stderr is a terminal
    started: float = dataclasses.field(default_factory=time.perf_counter)

    @property
    def shows_progress(self) -> bool:
        return (not self.quiet and sys.stderr.isatty()) if self.progress is None else self.progress

    def seconds(self) -> float:
        return time.perf_counter() - self.started


def run_options(command):
    """-q/--quiet and --progress/--no-progress, given to the command as one `run: Run`."""

    @functools.wraps(command)
    def run(*args, quiet, progress, **kwargs):
        return command(*args, run=Run(quiet, progress), **kwargs)

    run = click.option(
        "--progress/--no-progress",
        default=None,
        help="Show a progress bar (articles, articles/s, ETA). Default: only when stderr is a terminal.",
    )(run)
    return click.option("-q", "--quiet", is_flag=True, help="Print only errors, not the summary.")(run)


def workers_option(command):
    """-w/--workers and --article-timeout: how the extraction map runs."""
    command = click.option(
        "--article-timeout",
        type=click.FloatRange(min=0),
        default=ARTICLE_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Stop reading and extracting an input after this long and report it (0: no limit; then"
        " without --workers nothing runs in a separate process).",
    )(command)
    return click.option(
        "-w",
        "--workers",
        type=click.IntRange(1),
        default=1,
        show_default=True,
        help="Extract in N processes; the database is still written by this one.",
    )(command)


batch_size_option = click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=operations.BATCH_SIZE,
    show_default=True,
    help="Articles per database transaction (each article is still written all or nothing).",
)


class Stopped(Exception):
    """The run was asked to stop by a signal (SIGTERM: kill, a service manager, a timeout)."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def raise_stopped(number: int, frame) -> None:
    signal.signal(number, signal.SIG_IGN)  # one message, however many times it is sent
    raise Stopped(number)


def interruptions_reported(command):
    """Ctrl-C or SIGTERM ends the run with one line and the shell's status for that signal (130,
    143), not a traceback: every batch committed before it stays, the one being written is rolled
    back, and the worker processes are stopped. Running the same command again finishes the job."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            previous = signal.signal(signal.SIGTERM, raise_stopped)
        except ValueError:  # not the main thread: nothing to install
            previous = None
        try:
            return command(*args, **kwargs)
        except (KeyboardInterrupt, Stopped) as error:
            number = error.number if isinstance(error, Stopped) else signal.SIGINT
            click.echo(
                f"Error: stopped by {signal.Signals(number).name}; what was committed before it is kept."
                " Run the same command again to finish.",
                err=True,
            )
            raise click.exceptions.Exit(128 + number) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    return run


def database_errors_reported(command):
    """A database that cannot be opened or written (not a database, another application's, disk
    full, read-only) ends the run with one line, not a traceback; every batch committed before it
    stays."""

    @functools.wraps(command)
    def run(db_path: str, *args, **kwargs):
        try:
            return command(db_path, *args, **kwargs)
        except ForeignDatabase as error:
            raise click.ClickException(f"{printable(db_path)}: {error}") from None
        except sqlite3.Error as error:
            raise click.ClickException(f"{printable(db_path)}: database error: {printable(str(error))}") from None

    return run


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
        return load_into(db_path, paths, batch_size, run)
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
    db_path: str, outputs: tuple[str, ...], batch_size: int, shard_by: str | None, writers: int | None, run: Run
) -> None:
    """Load what the extract verb wrote (Parquet folders, JSON Lines files) into DB_PATH without
    extracting again: the same content is left unchanged, changed content replaces its article."""
    if shard_by:
        load_shards_into(db_path, outputs, shard_by, writers, run)
    else:
        load_into(db_path, outputs, batch_size, run)


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


def load_into(db_path: str, outputs: tuple[str, ...], batch_size: int, run: Run) -> None:
    db = open_database(db_path)
    tally = operations.Tally(report_error)
    with ProgressBar("Loading", operations.count_outputs(outputs) if run.shows_progress else None) as bar:
        operations.load(db, outputs, tally, batch_size, bar)
    finish(tally, run, db, db_path, "loaded")


def load_shards_into(folder: str, outputs: tuple[str, ...], by: str, writers: int | None, run: Run) -> None:
    if os.path.isfile(folder):
        raise click.BadParameter(f"{printable(folder)} is a file; with --shard-by it is a folder", param_hint="DB_PATH")
    tally = operations.Tally(report_error)
    with ProgressBar("Loading", operations.count_outputs(outputs) if run.shows_progress else None) as bar:
        operations.load_into_shards(folder, outputs, by, tally, writers, bar)
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
            f"{tally.added} added, {tally.replaced} replaced, {tally.unchanged} unchanged in {run.seconds():.2f}s."
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
