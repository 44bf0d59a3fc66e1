"""Command line: python -m ingest DB_PATH PATH..."""

from __future__ import annotations

import time

import click

from . import __version__
from .pipeline import process_article
from .read import InputError, iter_input_paths, read_article
from .store import open_db, save_record, table_counts


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
@click.argument("db_path", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, not the summary.")
def cli(db_path: str, paths: tuple[str, ...], quiet: bool) -> None:
    """Extract quotes, speakers and affiliations from the article files in PATHS into the SQLite
    database DB_PATH (created if needed).

    PATHS are files or folders (walked recursively). Text files hold one paragraph per line, or
    paragraphs separated by blank lines. Ingesting the same content again adds nothing; a file
    whose content changed replaces that article's rows completely.
    """
    started = time.perf_counter()
    db = open_db(db_path)
    statuses = {"added": 0, "replaced": 0, "unchanged": 0}
    failures = 0
    for item in iter_input_paths(list(paths)):
        try:
            if isinstance(item, InputError):
                raise item
            statuses[save_record(db, process_article(read_article(item)))] += 1
        except InputError as error:
            failures += 1
            click.echo(f"error: {error.path}: {error.reason}", err=True)
    if not quiet:
        counts = table_counts(db)
        click.echo(
            f"{statuses['added']} added, {statuses['replaced']} replaced, {statuses['unchanged']} unchanged"
            f" in {time.perf_counter() - started:.2f}s. Database {db_path}: {counts['articles']} articles,"
            f" {counts['paragraphs']} paragraphs, {counts['quotes']} quotes, {counts['speakers']} speakers."
        )
    if failures:
        raise click.ClickException(f"{failures} file(s) could not be ingested")
