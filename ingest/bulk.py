"""The cheap load: articles already extracted (store.ArticleRows, from the map's output) written a
batch at a time, each batch one transaction, with the rules of an ingest (an article stored with the
same content hash is unchanged, a changed one is replaced whole, a new one added).

store.save_records writes article by article: a savepoint, a lookup of the path, a lookup of each
speaker's key and a few INSERTs per table for each article. Here a batch's new articles are
written together: one lookup of the batch's paths, one of its speakers' keys, ids assigned in order,
and each table's rows of the whole batch in a few multi-row INSERTs (writes.insert_rows), the
full-text index filled once at the end of the batch (fts.begin/end_deferred), about half
the writer's CPU of save_records (benchmarks/scale.py). An article already stored with another
hash, or one whose path comes twice in a batch, goes through store.save_record inside the same
transaction, so replacing follows exactly the ingest's path.

`speakers` (key → the speaker's row: its id, then its SpeakerRow) and `id_floor` let several
writers fill the shards of one corpus with ids unique across the folder and one row per speaker,
the same in every shard (ingest/shards.py)."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping

import sqlite_utils

from .fts import begin_deferred, end_deferred
from .identity_store import mark_pending
from .identity_store import new_speaker_id as store_new_speaker_id
from .keys import is_article_url, is_file_key
from .rows import ArticleRows, db_values, insert_columns
from .store import INSERT_VERBS, save_record
from .writes import insert_rows, write_transaction

SQL_VARIABLES = 900  # per IN (...) lookup, under SQLite's historical limit of 999


def load_batches(
    db: sqlite_utils.Database,
    batches: Iterable[list[ArticleRows]],
    speakers: Mapping[str, tuple] | None = None,
    id_floor: int = 0,
    root: str | None = None,
) -> dict[str, int]:
    """Write every batch (one transaction each); returns the count of each status. root: the --root
    the batches' file keys are relative to."""
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "moved": 0}
    for batch in batches:
        for status in save_batch(db, batch, speakers, id_floor, root):
            counts[status] += 1
    return counts


def save_batch(
    db: sqlite_utils.Database,
    batch: list[ArticleRows],
    speakers: Mapping[str, tuple] | None = None,
    id_floor: int = 0,
    root: str | None = None,
) -> list[str]:
    """Write one batch atomically; returns each article's status, in order."""
    with write_transaction(db):
        begin_deferred(db)
        stored = dict(lookup(db, "select path, content_hash from articles where path in ({})", [r.path for r in batch]))
        known = stored_elsewhere(db, [rows for rows in batch if rows.path not in stored])
        statuses: list[str | None] = []
        new, later, seen = [], [], set()
        for rows in batch:
            changed = rows.path in stored and stored[rows.path] != rows.content_hash
            if rows.path in seen or changed or rows.article.url in known or rows.content_hash in known:
                statuses.append(None)
                later.append((len(statuses) - 1, rows))
            elif rows.path in stored:
                statuses.append("unchanged")
            else:
                statuses.append("added")
                new.append(rows)
            seen.add(rows.path)
        save_new_articles(db, new, speakers or {}, id_floor)
        for index, rows in later:
            statuses[index] = save_record(db, rows, root)
        end_deferred(db)
    return statuses


def stored_elsewhere(db: sqlite_utils.Database, batch: list[ArticleRows]) -> set[str]:
    """The URLs and content hashes of batch's articles that a stored article under another key has:
    those articles may be that one (keys.py), and store.save_record decides."""
    urls = [rows.article.url for rows in batch if is_article_url(rows.article.url)]
    hashes = [rows.content_hash for rows in batch if is_file_key(rows.path)]
    found = lookup(db, "select url from articles where url in ({})", urls)
    found += lookup(db, "select content_hash from articles where content_hash in ({})", hashes)
    return {value for (value,) in found}


def lookup(db: sqlite_utils.Database, sql: str, values: list) -> list[tuple]:
    """sql's rows for every value, its IN list filled SQL_VARIABLES values at a time."""
    found = []
    for first in range(0, len(values), SQL_VARIABLES):
        chunk = values[first : first + SQL_VARIABLES]
        found.extend(db.execute(sql.format(", ".join("?" for _ in chunk)), chunk).fetchall())
    return found


def next_id(db: sqlite_utils.Database, table: str, floor: int) -> int:
    return max(db.execute(f"select coalesce(max(rowid), 0) + 1 from [{table}]").fetchone()[0], floor + 1)


def save_new_articles(
    db: sqlite_utils.Database, batch: list[ArticleRows], speakers: Mapping[str, tuple], id_floor: int
) -> None:
    """Insert articles the database does not hold, with all their rows, table by table."""
    if not batch:
        return
    ingested_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    article_id, paragraph_id = next_id(db, "articles", id_floor), next_id(db, "paragraphs", id_floor)
    new_speaker_id = max(next_id(db, "speakers", id_floor), store_new_speaker_id(db))
    local_id = next_id(db, "article_speakers", id_floor)
    # Quotes and affiliations get ids too, so that they stay unique across the shards of a folder.
    counters = {table: itertools.count(next_id(db, table, id_floor)) for table in ("quotes", "affiliations")}
    keys = list(dict.fromkeys(speaker.key for rows in batch for speaker in rows.speakers))
    known = dict(lookup(db, "select key, id from speakers where key in ({})", keys))
    joined = [key for key in keys if key not in known]  # a key whose row identity joined to another
    known |= dict(
        lookup(db, "select old_key, speaker_id from speaker_redirects where old_key in ({}) order by old_id", joined)
    )
    tables: dict[str, list[tuple]] = {table: [] for table in WITH_IDS}
    blocks: set[str] = set()
    for rows in batch:
        tables["articles"].append((article_id, *rows.article._replace(ingested_at=ingested_at)))
        ids: dict[str, dict] = {"paragraph_position": {}, "speaker_key": {}}
        for row in rows.paragraphs:
            ids["paragraph_position"][row.position] = (paragraph_id,)
            tables["paragraphs"].append((paragraph_id, article_id, *row))
            paragraph_id += 1
        for row in rows.speakers:
            if row.key not in known:
                speaker_id, *fields = speakers.get(row.key) or (new_speaker_id, *row)
                known[row.key], new_speaker_id = speaker_id, max(new_speaker_id, speaker_id) + 1
                tables["speakers"].append((speaker_id, *fields))
        entities = {row.key: (known[row.key],) for row in rows.speakers}
        local_rows = db_values("article_speakers", rows.article_speakers, article_id, {"entity_key": entities})
        for row, values in zip(rows.article_speakers, local_rows, strict=True):
            ids["speaker_key"][row.entity_key] = (known[row.entity_key], local_id)
            tables["article_speakers"].append((local_id, *values))
            blocks.add(row.block)
            local_id += 1
        tables["speaker_aliases"].extend(db_values("speaker_aliases", rows.speaker_aliases, article_id, ids))
        for table, ids_of in counters.items():
            tables[table].extend(
                (next(ids_of), *values) for values in db_values(table, getattr(rows, table), article_id, ids)
            )
        article_id += 1
    for table, with_id in WITH_IDS.items():
        columns = ("id", *insert_columns(table)) if with_id else insert_columns(table)
        insert_rows(db, table, columns, tables[table], INSERT_VERBS.get(table, "insert"))
    mark_pending(db, blocks)


# The tables save_new_articles fills, in order, and whether it gives their rows ids.
WITH_IDS = {
    "articles": True,
    "paragraphs": True,
    "speakers": True,
    "article_speakers": True,
    "speaker_aliases": False,
    "quotes": True,
    "affiliations": True,
}
