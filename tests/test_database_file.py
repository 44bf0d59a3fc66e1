"""Another application's SQLite file is refused with one line and left byte for byte as it was; this
project's databases, from the first version on, are recognised and upgraded; a new database is
created whole even when several ingests start on it at once."""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from ingest import store
from ingest.database_file import APPLICATION_ID, SIGNATURE
from scripts.faults import QUOTE, database_problems

from .conftest import REPO, SEED, ingest

OLD_DATABASES = sorted((REPO / "tests" / "fixtures" / "databases").glob("made_by_*.db.gz"))


def fingerprint(path: Path) -> dict[str, str]:
    """The bytes of the database and of any journal or WAL beside it. (Not the -shm file: it holds
    no data, only the WAL's index and each reader's read mark, which any reader writes.)"""
    files = [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-journal"))]
    return {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in files if file.exists()}


def other_application(path: Path, statements: list[str], wal: bool = False) -> sqlite3.Connection:
    """A database some other program made and still has open (so a WAL stays beside it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("pragma journal_mode = wal")
    for sql in statements:
        conn.execute(sql)
    return conn


FOREIGN_SCHEMAS = {
    "its own speakers table": [
        "create table speakers (id integer primary key, name text, bio text)",
        "insert into speakers (name, bio) values ('Ada', 'keeps her row'), ('Grace', 'and hers')",
        "create view quotes_view as select name from speakers",
    ],
    "an articles table of its own shape": [
        "create table articles (id integer primary key, path text, body text)",
        "insert into articles (path, body) values ('mine.txt', 'not yours')",
    ],
    "all our table names, one column short": [
        "create table articles (id, path, title, url, published, outlet, author, content_hash,"
        " paragraph_count, quote_count)",
        "create table paragraphs (id, article_id, position, kind, text)",
        "create table speakers (id, key, name, kind, is_anonymous)",
        "create table quotes (id, article_id, paragraph_id, speaker_id, text, kind, cue, speaker_mention,"
        " start, [end], method, is_anonymous, mixed, position)",
        "create table affiliations (id, speaker_id, article_id, role, organization, title, source_text)",
        "create table speaker_aliases (speaker_id, article_id, alias)",
    ],
    "only a view and an index": ["create table t (x)", "create index t_x on t (x)", "drop table t",
                                 "create view speakers as select 1 as id"],
    "nothing but another application's id": ["pragma application_id = 1179603202"],
    "everything ours but another application's id": [
        *(f"create table {name} ({', '.join(f'[{c}]' for c in sorted(columns))})"
          for name, columns in SIGNATURE.items()),
        "pragma application_id = 1179603202",
    ],
}  # fmt: skip


@pytest.mark.parametrize("wal", [False, True], ids=["rollback journal", "wal"])
@pytest.mark.parametrize("name", sorted(FOREIGN_SCHEMAS))
def test_another_applications_database_is_refused_and_left_unchanged(tmp_path, name, wal):
    path = tmp_path / "theirs.db"
    conn = other_application(path, FOREIGN_SCHEMAS[name], wal=wal)
    before = fingerprint(path)
    result = ingest(path, SEED)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: not a database made by this tool (")
    assert line.endswith("nothing was changed. Use a new file")
    assert "Traceback" not in result.output
    assert fingerprint(path) == before
    conn.close()


def test_the_other_applications_rows_and_view_survive(tmp_path):
    path = tmp_path / "theirs.db"
    other_application(path, FOREIGN_SCHEMAS["its own speakers table"]).close()
    for args in ([SEED], [SEED, SEED], ["--workers", "2", SEED]):
        assert ingest(path, *args).exit_code == 1
    db = sqlite3.connect(path)
    assert db.execute("select name, bio from speakers").fetchall() == [("Ada", "keeps her row"), ("Grace", "and hers")]
    assert [row[1] for row in db.execute("pragma table_info(speakers)")] == ["id", "name", "bio"]
    assert db.execute("select sql from sqlite_master where name = 'quotes_view'").fetchone()[0].endswith("speakers")


def test_load_jsonl_refuses_it_too(tmp_path):
    records = tmp_path / "records.jsonl"
    assert ingest("--export-jsonl", records, SEED).exit_code == 0
    path = tmp_path / "theirs.db"
    other_application(path, FOREIGN_SCHEMAS["its own speakers table"]).close()
    before = fingerprint(path)
    result = ingest("--load-jsonl", path, records)
    assert result.exit_code == 1 and "not a database made by this tool" in result.stderr
    assert fingerprint(path) == before


@pytest.mark.parametrize("fixture", OLD_DATABASES, ids=lambda path: path.name.split(".")[0])
def test_databases_made_by_older_versions_are_recognised_and_upgraded(tmp_path, fixture):
    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    article = tmp_path / "article.txt"
    article.write_text(QUOTE, encoding="utf-8")
    before = sqlite_utils.Database(path)["articles"].count
    result = ingest(path, article, SEED)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(path)
    assert db["articles"].count == before + 2
    assert {"published_year", "published_month"} <= set(db["articles"].columns_dict)
    assert db.execute("pragma application_id").fetchone()[0] == APPLICATION_ID
    assert database_problems(path) == []


def test_a_new_path_or_an_empty_file_becomes_ours(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (empty, tmp_path / "new.db"):
        assert ingest(path, SEED).exit_code == 0
        assert sqlite_utils.Database(path).execute("pragma application_id").fetchone()[0] == APPLICATION_ID


def test_replacing_an_article_deletes_only_the_speakers_it_named(tmp_path):
    """A speaker row nobody quotes (written by a researcher, or by a later corpus step) stays when
    an article is replaced; the replaced article's own speakers that nothing names any more go."""
    article = tmp_path / "article.txt"
    article.write_text(QUOTE, encoding="utf-8")
    path = tmp_path / "q.db"
    assert ingest(path, article).exit_code == 0
    db = sqlite_utils.Database(path)
    db.execute(
        "insert into speakers (key, name, kind, is_anonymous) values ('Kept Person', 'Kept Person', 'person', 0)"
    )
    db.conn.commit()
    article.write_text("‘Only this is left,’ said Pat Rivers.\n", encoding="utf-8")
    assert ingest(path, article).exit_code == 0
    names = {row[0] for row in db.execute("select name from speakers")}
    assert names == {"Kept Person", "Pat Rivers"}


def open_db_at(path: str, start: multiprocessing.Barrier) -> str:
    start.wait()
    try:
        store.open_db(path).close()
    except sqlite3.Error as error:
        return str(error)
    return "ok"


@pytest.mark.slow
def test_first_ingests_into_one_new_database_queue_instead_of_failing(tmp_path):
    """Three processes opening one new database at the same moment, twenty times: each must find the
    whole schema (one process creates it, the others wait for its transaction)."""
    context = multiprocessing.get_context("fork")
    outcomes = []
    with context.Manager() as manager, context.Pool(3) as pool:
        start = manager.Barrier(3)
        for trial in range(20):
            path = str(tmp_path / f"new-{trial}.db")
            outcomes += pool.starmap(open_db_at, [(path, start)] * 3)
            assert database_problems(Path(path)) == []
    assert set(outcomes) == {"ok"}, [o for o in outcomes if o != "ok"][:3]


def test_a_database_inside_its_copy_is_still_ours(tmp_path):
    """Copying a database of ours elsewhere (a backup, a shard) keeps it ours."""
    source = tmp_path / "a.db"
    assert ingest(source, SEED).exit_code == 0
    sqlite_utils.Database(source).execute("pragma wal_checkpoint(truncate)")
    shutil.copy(source, tmp_path / "b.db")
    assert ingest(tmp_path / "b.db", SEED).exit_code == 0
