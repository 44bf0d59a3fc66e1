"""The cheap load (ingest/bulk.py): the rows of extracted articles written a batch at a time give
exactly the database an ingest of the same files gives (once the corpus-wide steps ran, as the load
verb runs them), with the same added/replaced/unchanged rules."""

from __future__ import annotations

import pytest

from ingest.bulk import load_batches
from ingest.corpus import refresh_corpus
from ingest.formats import FieldMap
from ingest.inputs import Inputs
from ingest.parallel import Job, batched, iter_outcomes
from ingest.parquet import read_parquet, write_parquet
from ingest.store import open_db

from .conftest import ingest
from .test_scale import corpus, dump, fts_consistent  # noqa: F401 (corpus is a fixture)


def extracted(*paths) -> list:
    fields = FieldMap()
    job = Job(read=Inputs(fields=fields).read)
    return list(iter_outcomes(Inputs(fields=fields).items(tuple(str(p) for p in paths)), job))


def test_bulk_load_stores_exactly_what_an_ingest_stores(tmp_path, corpus):  # noqa: F811
    db = open_db(str(tmp_path / "bulk.db"))
    counts = load_batches(db, batched(extracted(corpus), 7))
    refresh_corpus(db)
    assert counts == {"added": 41, "replaced": 0, "unchanged": 0, "moved": 0}
    assert ingest(tmp_path / "plain.db", corpus).exit_code == 0
    refresh_corpus(db)  # the corpus-wide steps the CLI runs after every load
    assert dump(tmp_path / "bulk.db") == dump(tmp_path / "plain.db")
    fts_consistent(tmp_path / "bulk.db")


def test_bulk_load_replaces_changed_articles_and_skips_unchanged(tmp_path, corpus):  # noqa: F811
    db = open_db(str(tmp_path / "bulk.db"))
    load_batches(db, batched(extracted(corpus), 10))
    refresh_corpus(db)
    assert ingest(tmp_path / "plain.db", corpus).exit_code == 0
    changed = sorted(corpus.rglob("*.txt"))[3]
    changed.write_text("“Everything changed,” the mayor said.\n\n" + changed.read_text())
    rows = extracted(corpus)
    counts = load_batches(db, batched(rows + rows[:2], 10))  # two articles twice in a run
    refresh_corpus(db)
    assert counts == {"added": 0, "replaced": 1, "unchanged": 42, "moved": 0}
    assert ingest(tmp_path / "plain.db", corpus).exit_code == 0
    refresh_corpus(db)  # the corpus-wide steps the CLI runs after every load
    assert dump(tmp_path / "bulk.db") == dump(tmp_path / "plain.db")
    fts_consistent(tmp_path / "bulk.db")


def test_an_article_twice_in_one_batch_leaves_every_full_text_index_whole(tmp_path, corpus):  # noqa: F811
    # The second copy, with another hash, replaces the first inside the batch that added it: the
    # first copy's quotes go before the batch indexed them, and no index may count them out.
    rows = extracted(corpus)[:6]
    first = rows[0]
    second = first._replace(article=first.article._replace(content_hash="another hash", title="Again"))
    db = open_db(str(tmp_path / "bulk.db"))
    counts = load_batches(db, [[first, *rows[1:3], second, *rows[3:]]])
    assert counts == {"added": 6, "replaced": 1, "unchanged": 0, "moved": 0}
    assert db.execute("select title from articles where path = ?", [first.path]).fetchone() == ("Again",)
    assert db.execute("select count(*) from quotes").fetchone()[0] == sum(len(r.quotes) for r in rows)
    fts_consistent(tmp_path / "bulk.db")


def test_parquet_tables_round_trip_and_load_like_an_ingest(tmp_path, corpus):  # noqa: F811
    pyarrow = pytest.importorskip("pyarrow.parquet")
    rows = extracted(corpus)
    assert write_parquet(batched(rows, 16), tmp_path / "out") == 41
    assert [r for batch in read_parquet([tmp_path / "out"]) for r in batch] == rows
    quotes = pyarrow.read_table(tmp_path / "out" / "quotes")
    assert quotes.num_rows == sum(len(r.quotes) for r in rows)
    assert {"path", "paragraph_position", "speaker_key", "text"} <= set(quotes.column_names)
    db = open_db(str(tmp_path / "loaded.db"))
    assert load_batches(db, read_parquet([tmp_path / "out"]))["added"] == 41
    refresh_corpus(db)
    assert ingest(tmp_path / "plain.db", corpus).exit_code == 0
    refresh_corpus(db)  # the corpus-wide steps the CLI runs after every load
    assert dump(tmp_path / "loaded.db") == dump(tmp_path / "plain.db")
