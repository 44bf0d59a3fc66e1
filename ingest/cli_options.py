"""The command line's option bundles: each gives a verb one object (`inputs: Inputs`, `run: Run`) or
one behaviour (interruptions and database errors reported in one line), so the verbs in cli.py
read as what they do."""

from __future__ import annotations

import dataclasses
import functools
import signal
import sqlite3
import sys
import time

import click

from . import operations
from .database_file import ForeignDatabase
from .formats import FORMATS, FieldMap
from .inputs import Inputs
from .parallel import ARTICLE_TIMEOUT
from .read import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS, printable

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
        def run(*args, fmt, max_article_chars, max_paragraph_chars, external_links, root, **kwargs):
            names = {field: kwargs.pop(field) for field, _, _ in FIELD_OPTIONS}
            fields = FieldMap().overridden(**names)
            inputs = Inputs(fmt, fields, max_article_chars, max_paragraph_chars, external_links, root=root)
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
        root_option,
    ]


root_option = click.option(
    "--root",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False),
    help="Key files by their path relative to DIR (a corpus moved or read on another machine keeps its"
    " articles) [default: by resolved path].",
)


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
