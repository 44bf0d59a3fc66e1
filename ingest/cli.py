"""Command line: python -m ingest DB_PATH PATH..."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
import time

import click

from . import __version__
from .corpus import refresh_corpus
from .database_file import ForeignDatabase
from .formats import FORMATS, FieldMap, holds_records, read_articles
from .parallel import Job, Unchanged, batched, iter_outcomes
from .read import (
    MAX_ARTICLE_CHARS,
    MAX_PARAGRAPH_CHARS,
    InputError,
    check_article,
    database_files,
    guard_reader,
    iter_input_paths,
    printable,
)
from .records import iter_record_files, write_jsonl
from .store import open_db, save_records, table_counts


def field_options(command):
    """--text-field, --title-field, ...: which record field holds what, in JSON Lines/JSON/CSV."""
    for field, option, what in reversed(FIELD_OPTIONS):
        defaults = " or ".join(getattr(FieldMap(), field))
        help_text = f"Record field holding the {what} [default: {defaults}]."
        command = click.option(option, field, metavar="NAME", help=help_text)(command)
    return command


FIELD_OPTIONS = [
    ("text", "--text-field", "article text (plain text or an HTML page)"),
    ("title", "--title-field", "title"),
    ("url", "--url-field", "article URL"),
    ("published", "--date-field", "publication date"),
    ("outlet", "--outlet-field", "outlet (publication or site name)"),
    ("author", "--author-field", "author"),
    ("id", "--id-field", "record's own id, which keys the article in the database"),
]


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


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
@click.argument("db_path", metavar="DB_PATH")
@click.argument("paths", nargs=-1)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, not the summary.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Input format; auto goes by extension, then by content.",
)
@field_options
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Extract in N processes; the database is still written by this one.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="Articles per database transaction (each article is still written all or nothing).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (articles, articles/s, ETA). Default: only when stderr is a terminal.",
)
@click.option(
    "--export-jsonl",
    "export_path",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the extracted records to FILE as JSON Lines ('-': stdout) instead of to a database;"
    " every argument is then an input PATH.",
)
@click.option(
    "--load-jsonl",
    is_flag=True,
    help="PATHS are record files written by --export-jsonl: load them into DB_PATH without extracting.",
)
@click.option(
    "--max-article-chars",
    type=click.IntRange(1),
    default=MAX_ARTICLE_CHARS,
    show_default=True,
    help="Refuse an article whose text is longer (one line of error; the rest of the batch goes in).",
)
@click.option(
    "--max-paragraph-chars",
    type=click.IntRange(1),
    default=MAX_PARAGRAPH_CHARS,
    show_default=True,
    help="Refuse an article with a longer paragraph: a file that is one huge line is not article text,"
    " and extraction slows down faster than linearly on it.",
)
@click.option(
    "--follow-external-links",
    "external_links",
    is_flag=True,
    help="Read files that symbolic links inside a folder lead to outside it (refused by default:"
    " a link to /etc would publish /etc/shadow).",
)
@database_errors_reported
def cli(
    db_path: str,
    paths: tuple[str, ...],
    quiet: bool,
    fmt: str,
    workers: int,
    batch_size: int,
    progress: bool | None,
    export_path: str | None,
    load_jsonl: bool,
    max_article_chars: int,
    max_paragraph_chars: int,
    external_links: bool,
    **field_names: str | None,
) -> None:
    """Extract quotes, speakers and affiliations from the article files in PATHS into the SQLite
    database DB_PATH (created if needed).

    PATHS are files or folders (walked recursively), or - for standard input. Text files hold one
    paragraph per line, or paragraphs separated by blank lines; HTML pages are one article each;
    JSON Lines, JSON and CSV files hold one article per record, with its text and metadata in the
    fields named by the --*-field options. Ingesting the same content again adds nothing; an
    article whose content changed replaces its rows completely.
    """
    started = time.perf_counter()
    if export_path:
        paths = (db_path, *paths)
    elif not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    elif os.path.isdir(db_path):
        raise click.BadParameter(f"{printable(db_path)} is a folder; the database must be a file", param_hint="DB_PATH")
    fields = FieldMap().overridden(**field_names)

    check = functools.partial(
        check_article, max_article_chars=max_article_chars, max_paragraph_chars=max_paragraph_chars
    )
    show_progress = (not quiet and sys.stderr.isatty()) if progress is None else progress
    walk = functools.partial(
        iter_input_paths, skip=frozenset() if export_path else database_files(db_path), external_links=external_links
    )
    counted_inputs = iter_record_files(paths) if load_jsonl else iter_articles(paths, fmt, fields, check, walk)
    total = sum(1 for _ in counted_inputs) if show_progress and "-" not in paths else None
    db = None if export_path else open_db(db_path)
    statuses = {"added": 0, "replaced": 0, "unchanged": 0}
    if load_jsonl:
        results = iter_record_files(paths)
    else:
        job = Job(
            read=functools.partial(read_file, fmt=fmt, fields=fields, check=check),
            db_path=None if export_path else db_path,
            rows=not export_path,
        )
        results = iter_outcomes(iter_inputs(paths, fmt, fields, check, walk), job, workers, stored=db)
    failures = 0

    def reported(items):
        """Items with the InputErrors taken out and reported, one line each."""
        nonlocal failures
        for item in items:
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"error: {item.path}: {item.reason}", err=True)
            else:
                yield item

    def to_write(items):
        """Items with the articles stored unchanged taken out and counted."""
        for item in items:
            if isinstance(item, Unchanged):
                statuses["unchanged"] += 1
            else:
                yield item

    with ProgressBar(total, show_progress) as bar:
        if export_path:
            with click.open_file(export_path, "w", encoding="utf-8") as out:
                written = write_jsonl(reported(bar.counted(results)), out)
            if not quiet:
                seconds = time.perf_counter() - started
                click.echo(
                    f"{written} records written to {printable(export_path)} in {seconds:.2f}s.", err=export_path == "-"
                )
            if failures:
                raise click.ClickException(f"{failures} file(s) or record(s) could not be extracted")
            return
        for batch in batched(to_write(reported(bar.counted(results))), batch_size):
            for status in reported(save_records(db, batch)):
                statuses[status] += 1
        if statuses["added"] or statuses["replaced"]:
            refresh_corpus(db)
    if not quiet:
        counts = table_counts(db)
        click.echo(
            f"{statuses['added']} added, {statuses['replaced']} replaced, {statuses['unchanged']} unchanged"
            f" in {time.perf_counter() - started:.2f}s. Database {printable(db_path)}: {counts['articles']} articles,"
            f" {counts['paragraphs']} paragraphs, {counts['quotes']} quotes, {counts['speakers']} speakers."
        )
    if failures:
        raise click.ClickException(f"{failures} file(s) or record(s) could not be ingested")


def iter_articles(paths: tuple[str, ...], fmt: str, fields: FieldMap, check=check_article, walk=iter_input_paths):
    for item in walk(list(paths)):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, fmt, fields, check)


def iter_inputs(paths: tuple[str, ...], fmt: str, fields: FieldMap, check=check_article, walk=iter_input_paths):
    """What the extraction map takes: the name of each file holding one article (the worker that
    extracts it reads it), and the articles of record files and standard input, read here so that
    their records spread over the workers. walk: iter_input_paths with the run's options."""
    for item in walk(list(paths)):
        if isinstance(item, InputError) or not holds_records(item, fmt):
            yield item
        else:
            yield from read_file(item, fmt, fields, check)


def read_file(path: str, fmt: str, fields: FieldMap, check=check_article):
    """The articles in one input, each checked; an unexpected failure inside the reader becomes an
    InputError for this input only."""
    return map(check, guard_reader(path, functools.partial(read_articles, path, fmt, fields)))


class ProgressBar:
    """click's progress bar on stderr with articles, articles/s and ETA; prints nothing at all when
    disabled or when the total is unknown (standard input)."""

    def __init__(self, total: int | None, enabled: bool):
        self.total, self.enabled = total, enabled and total is not None
        self.bar = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self.bar = click.progressbar(
                length=self.total,
                label="Ingesting",
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda rate: rate,
            ).__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def counted(self, items):
        if self.bar is None:
            yield from items
            return
        started = time.perf_counter()
        for done, item in enumerate(items, 1):
            yield item
            self.bar.update(1, f"{done / max(time.perf_counter() - started, 1e-9):.0f} articles/s")
