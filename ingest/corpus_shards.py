"""The corpus-wide steps over a folder of shards: the same steps, over the union of all shards.

corpus.refresh_corpus runs each corpus-wide step (speaker identity, quotation grouping, research
summaries, statistics) over the tables of one database. For a folder, speaker identity runs first
over the shards' own tables together (identity_store.refresh_identities_across); then the corpus database's
connection is given temporary tables named after the article tables (articles, quotes,
affiliations, speaker_aliases; paragraphs are not read by any step), filled with every shard's
rows. SQLite resolves an unqualified table name to the temporary schema first, so every step reads
and updates the union as if it were one database, and writes its own tables (summaries,
quotations, speakers) into the corpus database. What the steps changed in the union's rows (a
quote's quotation, a row's speaker after a merge) is then written back into each shard, for the
rows of that shard only. The union lives in a temporary file, not in memory.

What changed since the last refresh is what each shard's triggers noted in its pending tables (an
article added or deleted, a quote re-pointed, a quotation to group again): gathered into the corpus
database's, they let the steps over the union redo only that, as on one database."""

from __future__ import annotations

import contextlib
import multiprocessing
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import sqlite_utils

from .corpus import refresh_corpus
from .corpus_store import update_statistics
from .identity_store import refresh_identities_across
from .quotations import Grouping, grouping
from .quotations_store import NEW_AND_STORED_QUOTES, groups_everything, quotation_rows
from .schema import open_db
from .shards import CORPUS_FILE, shard_files, table_columns
from .writes import write_transaction

UNION_TABLES = ("articles", "quotes", "affiliations", "speaker_aliases")
# What each shard's triggers noted that the corpus-wide steps have not seen yet (summaries.py,
# quotations_store.py); written into the corpus database's tables of the same name.
PENDING_TABLES = ("summary_pending", "quotation_pending")
# Columns written back into the shards when a step changed them; text columns never change after
# extraction, and rewriting them would re-index the full text.
UNCHANGING = {"id", "text", "path", "content_hash"}


def refresh_corpus_over_shards(folder: str | Path) -> None:
    """Run corpus.refresh_corpus over the union of the folder's shards and write what changed back."""
    folder = Path(folder)
    shards = [path for _, path in shard_files(folder / CORPUS_FILE)]
    with grouping_beside(folder, shards) as grouped:
        refresh_shard_identities(folder, shards)
        found = grouped()
    corpus = open_db(str(folder / CORPUS_FILE))
    corpus.execute("pragma temp_store = file")
    for table in UNION_TABLES:
        columns = ", ".join(f"[{c}]" for c in table_columns(corpus, "main", table))
        corpus.execute(f"create temp table [{table}] as select {columns} from main.[{table}] where 0")
    for path in shards:
        with attached(corpus, path):
            for table in UNION_TABLES:
                columns = ", ".join(f"[{c}]" for c in table_columns(corpus, "temp", table))
                corpus.execute(f"insert into temp.[{table}] ({columns}) select {columns} from shard.[{table}]")
            for table in PENDING_TABLES:
                columns = ", ".join(f"[{c}]" for c in table_columns(corpus, "shard", table))
                corpus.execute(
                    f"insert or ignore into main.[{table}] ({columns}) select {columns} from shard.[{table}]"
                )
    for table in UNION_TABLES:
        for column in table_columns(corpus, "temp", table):
            if column == "id" or column.endswith("_id"):
                corpus.execute(f"create index temp.[{table}_{column}] on [{table}] ([{column}])")
    corpus.conn.commit()
    refresh_corpus(corpus, grouped=found)
    # The rows written back are the shard's own, changed by the steps that keep the schema's
    # references (a merge re-points every row it moves); SQLite's check of them, with the union's
    # temporary tables shadowing the shard's names, refuses even an UPDATE that changes no row.
    corpus.execute("pragma foreign_keys = off")
    for path in shards:
        write_back(corpus, path)
    corpus.execute("pragma foreign_keys = on")
    for table in UNION_TABLES:
        corpus.execute(f"drop table temp.[{table}]")
    update_statistics(corpus)
    corpus.close()


@contextlib.contextmanager
def grouping_beside(folder: Path, shards: list[Path]) -> Iterator[Callable[[], Grouping | None]]:
    """When the steps will group every quote of the folder (a new folder: most quotes are new),
    the grouping is made by a process of its own while this one decides speaker identity: it reads
    only what identity never writes (each quote's text and position, its article's path, date and
    outlet), so it is what grouping the union after identity gives, and the two serial steps
    share the cores. Yields the function that waits for it (None: grouped over the union, as
    before, e.g. only what changed when adding to a folder)."""
    if not groups_everything_across(folder, shards) or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: None
        return
    # fork: the child needs nothing imported anew, and opens its own connections to the shards.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool.submit(grouping_of_shards, [str(path) for path in shards]).result


def groups_everything_across(folder: Path, shards: list[Path]) -> bool:
    """quotations_store.most_quotes_new over the union of the shards, before it is built."""
    with contextlib.closing(sqlite3.connect(folder / CORPUS_FILE)) as corpus:
        (keys,) = corpus.execute("select exists (select 1 from quotation_keys)").fetchone()
        (grouped,) = corpus.execute("select exists (select 1 from quotations)").fetchone()
    new = stored = 0
    for path in shards:
        with contextlib.closing(sqlite3.connect(path)) as shard:
            shard_new, shard_stored = shard.execute(NEW_AND_STORED_QUOTES).fetchone()
        new, stored = new + shard_new, stored + shard_stored
    return stored > 0 and groups_everything(bool(keys), bool(grouped), new, stored)


def grouping_of_shards(shards: list[str]) -> Grouping:
    """Every quote of the shards grouped into quotations (quotations.grouping)."""
    rows = []
    for path in shards:
        with contextlib.closing(sqlite3.connect(path)) as shard:
            rows.extend(quotation_rows(shard))
    return grouping(rows)


def refresh_shard_identities(folder: Path, shards: list[Path]) -> None:
    """Speaker identity first, over every shard's own tables at once (it reads and re-points more
    tables than the union holds): each shard and the corpus database get the same key, id and name
    for the same entity. refresh_corpus's identity step then finds nothing left to decide."""
    corpus = open_db(str(folder / CORPUS_FILE))
    databases = [open_db(str(path)) for path in shards]
    refresh_identities_across(databases, corpus)
    for db in [corpus, *databases]:
        db.close()


@contextlib.contextmanager
def attached(db: sqlite_utils.Database, path: Path):
    db.conn.commit()
    db.execute("attach database ? as shard", [str(path)])
    try:
        yield
    finally:
        db.conn.commit()
        db.execute("detach database shard")


def write_back(corpus: sqlite_utils.Database, path: Path) -> None:
    """The union's values of the changing columns, for the rows of one shard, and the speakers
    those rows name (identity may have renamed or merged them)."""
    with attached(corpus, path), write_transaction(corpus):
        for table in ("quotes", "affiliations"):
            columns = changed_columns(corpus, table)
            if not columns:
                continue
            changes = ", ".join(f"[{c}] = u.[{c}]" for c in columns)
            differs = " or ".join(f"shard.[{table}].[{c}] is not u.[{c}]" for c in columns)
            corpus.execute(
                f"update shard.[{table}] set {changes} from temp.[{table}] u"
                f" where u.id = shard.[{table}].id and ({differs})"
            )
        share_quotations(corpus)
        columns = table_columns(corpus, "shard", "speakers")
        names = ", ".join(f"[{c}]" for c in columns)
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != "id")
        # An upsert, not a replace: a replace deletes the row the shard's quotes point at.
        corpus.execute(
            f"""insert into shard.speakers ({names}) select {names} from main.speakers
            where id in (select speaker_id from shard.quotes union select speaker_id from shard.affiliations
              union select speaker_id from shard.speaker_aliases)
            on conflict (id) do update set {updates}"""
        )
        # What changed in the shard is in the corpus database's tables now.
        for table in PENDING_TABLES:
            corpus.execute(f"delete from shard.[{table}]")


def changed_columns(corpus: sqlite_utils.Database, table: str) -> list[str]:
    """The columns the steps changed in some row of the attached shard's table (on a new folder:
    each quote's quotation). Only those are set: an UPDATE rewrites the index entries of every
    column it sets, changed or not, and quotes have six indexes."""
    candidates = [c for c in table_columns(corpus, "shard", table) if c not in UNCHANGING]
    differs = ", ".join(f"max(s.[{c}] is not u.[{c}])" for c in candidates)
    found = corpus.execute(f"select {differs} from shard.[{table}] s join temp.[{table}] u on u.id = s.id").fetchone()
    return [column for column, changed in zip(candidates, found, strict=True) if changed]


def share_quotations(corpus: sqlite_utils.Database) -> None:
    """Into the attached shard: the quotations its quotes are, those they contain or are part of,
    and those links, so that the quotation page (every occurrence, with the quotation's own row)
    is answered by the shards. The corpus database keeps them all."""
    corpus.execute("delete from shard.quotation_parts")
    corpus.execute("delete from shard.quotations")
    corpus.execute(
        """insert into shard.quotation_parts (quotation_id, part_id)
        select quotation_id, part_id from main.quotation_parts
        where quotation_id in (select quotation_id from shard.quotes)
          or part_id in (select quotation_id from shard.quotes)"""
    )
    columns = ", ".join(f"[{c}]" for c in table_columns(corpus, "shard", "quotations"))
    corpus.execute(
        f"""insert into shard.quotations ({columns}) select {columns} from main.quotations
        where id in (select quotation_id from shard.quotes union select quotation_id from shard.quotation_parts
          union select part_id from shard.quotation_parts)"""
    )


def share_corpus_rows(folder: str | Path) -> None:
    """What each shard's pages read of the corpus-wide tables (share_quotations), for a folder whose
    corpus database already holds them (shards.split_database)."""
    folder = Path(folder)
    corpus = open_db(str(folder / CORPUS_FILE))
    for _, path in shard_files(folder / CORPUS_FILE):
        with attached(corpus, path), write_transaction(corpus):
            share_quotations(corpus)
    corpus.close()
