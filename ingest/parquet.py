"""Extracted articles as Parquet: one file set per table, the rows the writer inserts, keyed by what
they name instead of database ids (an article's path, a speaker's key), so Spark, DuckDB, pandas or
the cheap load (ingest/bulk.py) read them directly.

    OUT_DIR/articles/part-NAME.parquet         path, title, url, published, outlet, ..., content_hash, ...
    OUT_DIR/paragraphs/part-NAME.parquet       path, position, kind, text
    OUT_DIR/speakers/part-NAME.parquet         path, key, name, kind, is_anonymous, ... (who each of the
                                               article's own speakers most likely is)
    OUT_DIR/article_speakers/part-NAME.parquet path, entity_key, name, kind, gender, ..., block, quote_count
    OUT_DIR/speaker_aliases/part-NAME.parquet  path, speaker_key, alias, reason
    OUT_DIR/quotes/part-NAME.parquet           path, paragraph_position, speaker_key, text, kind, cue, ...
    OUT_DIR/affiliations/part-NAME.parquet     path, speaker_key, role, organization, title, source_text

The columns are the fields of each table's row (rows.py), after the article's path. Each batch of
articles is one row group in every table of its part, so a reader takes the tables of a part row
group by row group, in step, and rebuilds each article's ArticleRows without holding more than one
batch."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .rows import ROWS, ArticleRows, field_types, from_plain_values

# table -> its columns and their types, in file order; every table starts with the article's path.
# (ingested_at is set when a database stores the row.)
COLUMNS = {
    table: {"path": str, **{field: kind for field, kind in field_types(row).items() if field != "ingested_at"}}
    for table, row in ROWS.items()
}


def schema(table: str):
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if kind is int else pa.string()) for c, kind in COLUMNS[table].items()])


def table_rows(batch: list[ArticleRows]) -> dict[str, list[tuple]]:
    """Each table's rows for a batch of articles, in article order, each after its article's path."""
    tables: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
    for rows in unique_paths(batch):
        path = rows.path
        tables["articles"].append(rows.article[:-1])  # its path first, as in every table
        for table in COLUMNS:
            if table != "articles":
                tables[table].extend((path, *row) for row in getattr(rows, table))
    return tables


def unique_paths(batch: list[ArticleRows]) -> list[ArticleRows]:
    """The batch with a path that comes again left at its first article: a reader tells the
    articles of a row group apart by their paths."""
    seen: set[str] = set()
    return [rows for rows in batch if not (rows.path in seen or seen.add(rows.path))]


class PartWriter:
    """Writes batches of ArticleRows to OUT_DIR/<table>/part-NAME.parquet, one row group per batch."""

    def __init__(self, out_dir: str | Path, name: str):
        import pyarrow.parquet as pq

        self.writers = {}
        for table in COLUMNS:
            folder = Path(out_dir) / table
            folder.mkdir(parents=True, exist_ok=True)
            self.writers[table] = pq.ParquetWriter(folder / f"part-{name}.parquet", schema(table))

    def write(self, batch: list[ArticleRows]) -> None:
        import pyarrow as pa

        for table, rows in table_rows(batch).items():
            columns = list(zip(*rows, strict=True)) if rows else [[] for _ in COLUMNS[table]]
            arrays = {name: list(values) for name, values in zip(COLUMNS[table], columns, strict=True)}
            self.writers[table].write_table(pa.Table.from_pydict(arrays, schema=schema(table)))

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_parquet(batches: Iterable[list[ArticleRows]], out_dir: str | Path, name: str | None = None) -> int:
    """Write every batch to a new part of out_dir; returns the number of articles written."""
    count = 0
    with PartWriter(out_dir, name or f"{os.getpid()}-{os.urandom(4).hex()}") as writer:
        for batch in batches:
            writer.write(batch)
            count += len(batch)
    return count


def parts(out_dir: str | Path) -> list[str]:
    """The part names of an output folder. A part some table lacks (a folder an older extract
    wrote, before a table was added, or a copy cut short) is refused, not skipped: its articles
    would be silently missing from the load."""
    names = {table: {p.name for p in (Path(out_dir) / table).glob("part-*.parquet")} for table in COLUMNS}
    every = set().union(*names.values())
    incomplete = [table for table, found in names.items() if found != every]
    if incomplete:
        raise FileNotFoundError(f"tables without every part: {', '.join(incomplete)} (an older extract's output?)")
    return sorted(every)


def read_parquet(out_dirs: Iterable[str | Path]) -> Iterator[list[ArticleRows]]:
    """The batches of every part of every folder, as written, each rebuilt into ArticleRows."""
    for batch in read_parquet_values(out_dirs):
        yield [from_plain_values(values) for values in batch]


def read_parquet_values(out_dirs: Iterable[str | Path]) -> Iterator[list[tuple]]:
    """The batches of every part of every folder, each article as rows.plain_values gives it: what
    the shard router sends on to the writers as it is, without building typed rows first."""
    import pyarrow.parquet as pq

    for out_dir in out_dirs:
        for part in parts(out_dir):
            files = {table: pq.ParquetFile(Path(out_dir) / table / part) for table in COLUMNS}
            for group in range(files["articles"].num_row_groups):
                tables = {table: rows_of(file.read_row_group(group)) for table, file in files.items()}
                yield list(article_values(tables))


def rows_of(table) -> tuple[list[str], list[tuple]]:
    """A row group's paths, and its rows without the path."""
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return columns[0], list(zip(*columns[1:], strict=True))


def article_values(tables: dict[str, tuple[list[str], list[tuple]]]) -> Iterator[tuple]:
    """Each article's rows as plain values (rows.plain_values) from the rows of a batch (each table's
    rows in article order)."""
    runs = {table: runs_of(*rows) for table, rows in tables.items() if table != "articles"}
    pending = {table: next(runs[table], None) for table in runs}

    def take(table: str, path: str) -> list[tuple]:
        run = pending[table]
        if run is None or run[0] != path:
            return []
        pending[table] = next(runs[table], None)
        return run[1]

    paths, articles = tables["articles"]
    for path, article in zip(paths, articles, strict=True):
        yield ((path, *article), *(take(table, path) for table in ArticleRows._fields[1:]))


def runs_of(paths: list[str], rows: list[tuple]) -> Iterator[tuple[str, list[tuple]]]:
    """(path, its rows) for each run of equal paths: slices of rows, not copies row by row."""
    start = 0
    for path, group in itertools.groupby(paths):
        end = start + sum(1 for _ in group)
        yield path, rows[start:end]
        start = end
