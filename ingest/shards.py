"""A corpus as a folder of shards: one complete database per year, month or outlet, plus a corpus
database that lists them and holds what belongs to the whole corpus.

    FOLDER/quotes.db           the corpus database: `shards` (one row per shard), every speaker
                               (one id per person across all shards), and every table that is
                               about the whole corpus (summaries, quotations) rather than articles
    FOLDER/shards/NAME.db      a complete database of the articles of one shard: their paragraphs,
                               quotes, affiliations, aliases and speakers, with their full-text
                               indexes; servable and queryable on its own

Every id is the same in every file (a speaker's id in the corpus database is its id in each shard
that quotes them; article, paragraph and quote ids are unique across shards), so one URL names one
row however the corpus is split. plugins/shards.py serves the folder as one database.

`load_shards` writes a folder from extracted articles, one writer process per core, each writing
its own shards (ingest/bulk.py), so N cores write N shards at once; `split_database` makes the
folder from one database (what a single writer built)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue as queue_module
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from .bulk import save_batch
from .corpus_store import update_statistics
from .fts import OUTLET_INDEX, begin_deferred, end_deferred
from .rows import ArticleRow, ArticleRows, SpeakerRow, from_plain_values, insert_columns, plain_values
from .schema import open_db
from .writes import insert_sql, write_transaction

CORPUS_FILE = "quotes.db"
SHARD_FOLDER = "shards"
# The article column each way of sharding reads; an article without it goes to UNKEYED.
SHARD_BY = {"year": "published_year", "month": "published_month", "outlet": "outlet"}
UNKEYED = "undated"
# Tables holding one article's rows (articles, and every table with an article_id: paragraphs,
# quotes, affiliations, speaker_aliases ...) go to the article's shard, with the speakers they
# name. Every other table is about the whole corpus and goes to the corpus database; those listed
# here are copied into every shard as well: the redirects the shards' own pages read, and the
# identity rules the rows were decided by (identity over the shards re-draws blocks by them).
EVERY_SHARD = ("speaker_redirects", "identity_rules")
SHARDS_TABLE = {
    "name": str,
    "file": str,  # relative to the corpus database
    "shard_by": str,
    "value": str,
    "articles": int,
    "quotes": int,
    "first_published": str,
    "last_published": str,
}


def shard_name(value: str | None) -> str:
    """A file name for a shard key: 2016, 2016-09, or an outlet's name made safe."""
    if value is None or not str(value).strip():
        return UNKEYED
    return re.sub(r"[^A-Za-z0-9._-]+", "-", str(value).strip()).strip(".-")[:80] or UNKEYED


def split_database(source: str | Path, folder: str | Path, by: str) -> list[str]:
    """Write FOLDER/quotes.db and one shard per distinct value of the article column `by` names;
    returns the shard names. The folder must not hold a corpus yet."""
    folder = Path(folder)
    if (folder / CORPUS_FILE).exists():
        raise FileExistsError(f"{folder / CORPUS_FILE} already exists")
    (folder / SHARD_FOLDER).mkdir(parents=True, exist_ok=True)
    column = SHARD_BY[by]
    values: dict[str, list] = {}
    with contextlib.closing(sqlite3.connect(source)) as conn:
        for (value,) in conn.execute(f"select distinct [{column}] from articles order by 1"):
            values.setdefault(shard_name(value), []).append(value)
    for name, keys in values.items():
        copy_shard(source, folder / SHARD_FOLDER / f"{name}.db", column, keys)
    write_corpus_database(source, folder, by, values)
    from .corpus_shards import share_corpus_rows  # corpus_shards imports this module

    share_corpus_rows(folder)
    return list(values)


def copy_shard(source: str | Path, path: Path, column: str, keys: list) -> None:
    """The articles whose `column` is one of keys, with all their rows and the speakers they name."""
    db = open_db(str(path))
    db.execute("attach database ? as source", [str(source)])
    db.execute("create temp table shard_articles (id integer primary key)")
    plain = [k for k in keys if k is not None]
    condition = f"[{column}] in ({', '.join('?' for _ in plain)})" if plain else "0"
    if None in keys:
        condition += f" or [{column}] is null"
    db.execute(f"insert into temp.shard_articles select id from source.articles where {condition}", plain)
    tables = article_tables(db, "source")
    named = [t for t in tables if "speaker_id" in table_columns(db, "source", t)]
    speakers = " union ".join(
        f"select speaker_id from source.[{t}] where article_id in (select id from temp.shard_articles)" for t in named
    )
    with write_transaction(db):
        begin_deferred(db)
        db.execute(f"create temp table shard_speakers as {speakers}")
        copy_rows(db, "speakers", "id in (select speaker_id from temp.shard_speakers)")
        for table in tables:
            column = "id" if table == "articles" else "article_id"
            copy_rows(db, table, f"[{column}] in (select id from temp.shard_articles)")
        for table in EVERY_SHARD:
            if table in tables_of(db, "source"):
                replace_rows(db, table)
        end_deferred(db)
    update_statistics(db)
    db.execute("detach database source")
    db.conn.commit()
    db.close()


def tables_of(db: sqlite_utils.Database, schema: str) -> set[str]:
    return {row[0] for row in db.execute(f"select name from {schema}.sqlite_master where type = 'table'")}


def table_columns(db: sqlite_utils.Database, schema: str, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"pragma {schema}.table_info([{table}])")]


def article_tables(db: sqlite_utils.Database, schema: str) -> list[str]:
    """articles first, then every table with an article_id column (FTS tables aside)."""
    names = sorted(t for t in tables_of(db, schema) if "_fts" not in t and not t.startswith("sqlite_"))
    return ["articles", *(t for t in names if t != "articles" and "article_id" in table_columns(db, schema, t))]


def copy_rows(db: sqlite_utils.Database, table: str, where: str) -> None:
    """Copy the rows of source.table that `where` selects into main.table, columns by name."""
    columns = ", ".join(f"[{c}]" for c in shared_columns(db, table))
    db.execute(f"insert into main.[{table}] ({columns}) select {columns} from source.[{table}] where {where}")


def replace_rows(db: sqlite_utils.Database, table: str) -> None:
    """main.table made a copy of source.table. A new database holds one row of its own: the identity
    rules it was made under (schema.create_schema); the rows copied were decided by the source's."""
    db.execute(f"delete from main.[{table}]")
    copy_rows(db, table, "1")


def shared_columns(db: sqlite_utils.Database, table: str) -> list[str]:
    theirs = set(table_columns(db, "source", table))
    return [c for c in table_columns(db, "main", table) if c in theirs]


def write_corpus_database(source: str | Path, folder: Path, by: str, values: dict[str, list]) -> None:
    """FOLDER/quotes.db: the shard list, every speaker, every corpus-wide table of the source."""
    db = open_db(str(folder / CORPUS_FILE))
    db.execute("attach database ? as source", [str(source)])
    source_tables, per_article = tables_of(db, "source"), set(article_tables(db, "source"))
    corpus_tables = [
        t
        for t in db.table_names()
        if t in source_tables and t not in per_article and not t.startswith(("sqlite_", "fts_")) and "_fts" not in t
    ]
    with write_transaction(db):
        begin_deferred(db)
        for table in corpus_tables:
            replace_rows(db, table)
        end_deferred(db)
        db["shards"].create(SHARDS_TABLE, pk="name")
        for name, keys in values.items():
            db["shards"].insert(shard_row(folder, name, by, keys))
    update_statistics(db)
    db.execute("detach database source")
    db.conn.commit()
    db.close()


def shard_row(folder: Path, name: str, by: str, keys: list) -> dict:
    file = f"{SHARD_FOLDER}/{name}.db"
    with contextlib.closing(sqlite3.connect(folder / file)) as conn:
        articles, first, last = conn.execute("select count(*), min(published), max(published) from articles").fetchone()
        (quotes,) = conn.execute("select count(*) from quotes").fetchone()
    value = ", ".join(str(k) for k in keys if k is not None) or None
    return {
        "name": name,
        "file": file,
        "shard_by": by,
        "value": value,
        "articles": articles,
        "quotes": quotes,
        "first_published": first,
        "last_published": last,
    }


# Shard number n's new ids start above (n + 1) times this, so ids are unique across the folder
# however many articles each shard holds (2^40: a trillion rows per shard, 8 million shards), and
# stay clear of the ids split_database keeps from the database it splits.
SHARD_ID_SPACE = 1 << 40
BATCH_SIZE = 500
# Where the router finds what it reads in an article's plain values (rows.plain_values).
ARTICLE, SPEAKERS = ArticleRows._fields.index("article"), ArticleRows._fields.index("speakers")
KEY = SpeakerRow._fields.index("key")
QUEUED_BATCHES_PER_WRITER = 4


def load_shards(
    articles: Iterable[tuple], folder: str | Path, by: str, writers: int | None = None, root: str | None = None
) -> dict[str, int]:
    """Write each article (its ArticleRows, or their rows.plain_values) into the shard of its year,
    month or outlet in folder (created, or added to with the ingest's added/replaced/unchanged
    rules), by `writers` processes at once; returns the count of each status. This process routes
    the articles and gives every speaker key one id for the whole corpus, so the writers never need
    to agree on anything. It reads the rows by position, never builds typed rows, and sends plain
    values: it is the one process of a load that does not run in parallel."""
    folder = Path(folder)
    (folder / SHARD_FOLDER).mkdir(parents=True, exist_ok=True)
    corpus = open_db(str(folder / CORPUS_FILE))
    if not corpus["shards"].exists():
        corpus["shards"].create(SHARDS_TABLE, pk="name")
    numbers = {name: number for number, (name,) in enumerate(corpus.execute("select name from shards order by rowid"))}
    speakers = known_speakers(corpus)
    next_speaker_id = max((row[0] for row in speakers.values()), default=0) + 1
    new_speakers: list[tuple] = []
    writers = max(1, writers or os.cpu_count() or 1)
    queues, results, processes = start_writers(writers, root)
    pending: dict[str, list[tuple]] = {}
    shard_column = ArticleRow._fields.index(SHARD_BY[by])

    def send(name: str) -> None:
        batch = pending.pop(name)
        keys = {speaker[KEY] for values in batch for speaker in values[SPEAKERS]}
        path = str(folder / SHARD_FOLDER / f"{name}.db")
        message = (path, (numbers[name] + 1) * SHARD_ID_SPACE, batch, {key: speakers[key] for key in keys})
        put(queues[numbers[name] % writers], message, processes)

    for rows in articles:
        values = rows if type(rows) is tuple else plain_values(rows)  # typed rows (a JSON Lines record's) made plain
        name = shard_name(values[ARTICLE][shard_column])
        numbers.setdefault(name, len(numbers))
        for speaker in values[SPEAKERS]:
            if speaker[KEY] not in speakers:
                speakers[speaker[KEY]] = (next_speaker_id, *speaker)
                new_speakers.append(speakers[speaker[KEY]])
                next_speaker_id += 1
        pending.setdefault(name, []).append(values)
        if len(pending[name]) >= BATCH_SIZE:
            send(name)
    for name in list(pending):
        send(name)
    counts = finish_writers(queues, results, processes)
    write_shard_list(corpus, folder, by, numbers, new_speakers)
    return counts


def known_speakers(corpus: sqlite_utils.Database) -> dict[str, tuple]:
    """key -> (id, *SpeakerRow) as the corpus holds it (or as the first article naming the speaker
    gives it): the same row in every shard, the row one writer would have stored; a key the
    identity step joined to another speaker's leads to that speaker's row."""
    columns = ", ".join(f"[{c}]" for c in ("id", *insert_columns("speakers")))
    speakers = {row[1]: tuple(row) for row in corpus.execute(f"select {columns} from speakers")}
    by_id = {row[0]: row for row in speakers.values()}
    for old_key, speaker_id in corpus.execute("select old_key, speaker_id from speaker_redirects order by old_id"):
        if old_key not in speakers and speaker_id in by_id:
            speakers[old_key] = by_id[speaker_id]
    return speakers


def start_writers(writers: int, root: str | None = None) -> tuple[list, multiprocessing.Queue, list]:
    """writers processes, each reading batches from its own queue (write_shards), and the queue
    they answer on; root: the --root the articles' file keys are relative to."""
    context = multiprocessing.get_context(writer_start_method())
    queues = [context.Queue(QUEUED_BATCHES_PER_WRITER) for _ in range(writers)]
    results = context.Queue()
    processes = [context.Process(target=write_shards, args=(queue, results, root), daemon=True) for queue in queues]
    for process in processes:
        process.start()
    return queues, results, processes


def writer_start_method() -> str:
    """fork where it is safe, as the ingest's pool does: a forked writer has every module it runs
    already imported, where a spawned one starts a new interpreter and imports them again, each
    writer of each load. spawn where there is no fork, or while another thread runs in this process
    (a fork copies the locks that thread may hold)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def finish_writers(queues: list, results: multiprocessing.Queue, processes: list) -> dict[str, int]:
    """Tell every writer the batches are over, and add up the statuses they wrote."""
    for queue in queues:
        put(queue, None, processes)
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "moved": 0}
    for _ in processes:
        for status, count in get(results, processes).items():
            counts[status] += count
    for process in processes:
        process.join()
    return counts


def put(queue, message, processes) -> None:
    """queue.put, failing instead of waiting for ever when a writer died (its batch is rolled back)."""
    while True:
        try:
            return queue.put(message, timeout=1)
        except queue_module.Full:
            check_alive(processes)


def get(queue, processes):
    while True:
        try:
            return queue.get(timeout=1)
        except queue_module.Empty:
            check_alive(processes)


def check_alive(processes) -> None:
    dead = [p for p in processes if p.exitcode not in (None, 0)]
    if dead:
        raise RuntimeError(f"a shard writer failed (exit status {dead[0].exitcode}); its last batch was rolled back")


def write_shards(queue, results, root: str | None = None) -> None:
    """A writer process: every batch it is sent into its shard, then the shards' statistics."""
    databases: dict[str, sqlite_utils.Database] = {}
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "moved": 0}
    while (message := queue.get()) is not None:
        path, id_floor, plain, speakers = message
        if path not in databases:
            databases[path] = open_db(path)
        batch = [from_plain_values(values) for values in plain]
        for status in save_batch(databases[path], batch, speakers, id_floor, root):
            counts[status] += 1
    for db in databases.values():
        update_statistics(db)
        db.close()
    results.put(counts)


def write_shard_list(corpus: sqlite_utils.Database, folder: Path, by: str, numbers: dict, speakers: list) -> None:
    """The corpus database's shard list (in the order shards were made: a shard's number is its
    row's position) and the speakers first seen in this load."""
    with write_transaction(corpus):
        begin_deferred(corpus)
        corpus.conn.executemany(insert_sql("speakers", ("id", *insert_columns("speakers"))), speakers)
        end_deferred(corpus)
        for name in sorted(numbers, key=numbers.get):
            corpus["shards"].upsert(shard_row(folder, name, by, [name]), pk="name")
    update_statistics(corpus)
    corpus.close()


def shard_files(corpus: str | Path) -> list[tuple[str, Path]]:
    """(name, path) of every shard a corpus database lists, or [] for a database that is not one."""
    corpus = Path(corpus)
    try:
        conn = sqlite3.connect(f"file:{corpus}?mode=ro", uri=True)
        try:
            if not conn.execute("select 1 from sqlite_master where type = 'table' and name = 'shards'").fetchone():
                return []
            rows = conn.execute("select name, file from shards order by name").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [(name, corpus.parent / file) for name, file in rows]


def content_of(paths: Iterable[str | Path]) -> dict[str, list[tuple]]:
    """Every article table of the databases at paths by content: each row with its ids replaced by
    what they name (an article's path, a paragraph's position, a speaker's key), sorted. Equal for
    one database and for the shards of the same articles, however their ids were given."""
    queries = {
        "articles": """select path, content_hash, title, url, published, outlet, author, paragraph_count,
            quote_count, published_year, published_month from articles""",
        "paragraphs": """select a.path, p.position, p.kind, p.text from paragraphs p
            join articles a on a.id = p.article_id""",
        "quotes": """select a.path, q.position, p.position, s.key, q.text, q.kind, q.cue, q.speaker_mention, q.start,
            q."end", q.method, q.is_anonymous, q.mixed from quotes q join articles a on a.id = q.article_id
            join paragraphs p on p.id = q.paragraph_id left join speakers s on s.id = q.speaker_id""",
        "speakers": """select key, name, kind, is_anonymous from speakers
            where id in (select speaker_id from quotes union select speaker_id from affiliations
              union select speaker_id from speaker_aliases)""",
        "affiliations": """select a.path, s.key, f.role, f.organization, f.title, f.source_text from affiliations f
            join articles a on a.id = f.article_id join speakers s on s.id = f.speaker_id""",
        "speaker_aliases": """select a.path, s.key, x.alias from speaker_aliases x
            join articles a on a.id = x.article_id join speakers s on s.id = x.speaker_id""",
        OUTLET_INDEX: f"""select a.path, q.position, o.text, o.outlet from quotes q
            join articles a on a.id = q.article_id left join {OUTLET_INDEX} o on o.rowid = q.id""",
    }
    content: dict[str, set | list] = {table: [] for table in queries}
    for path in paths:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            for table, sql in queries.items():
                content[table].extend(conn.execute(sql).fetchall())
    content["speakers"] = sorted(set(content["speakers"]))  # a speaker is in every shard that names them
    return {table: sorted(rows, key=repr) for table, rows in content.items()}
