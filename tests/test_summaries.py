"""Research summaries brought up to date from what changed (ingest/summaries.py, summary_pending)
hold exactly what a rebuild of every summary holds, whatever the order and size of the batches,
with articles replaced and deleted and speakers joined by the identity step in between."""

from __future__ import annotations

import random

import pytest
import sqlite_utils

from ingest.corpus import refresh_corpus
from ingest.corpus_store import most_articles_pending, refresh_summaries
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.store import delete_article_rows, open_db, save_records
from ingest.summaries import SUMMARIES

from .conftest import REPO, refreshed_copy

CORPUS = REPO / "tests" / "fixtures" / "identity"
OUTLETS = ["Daily Planet", "The Bugle", "Globe"]


def article(number: int, path, text: str | None = None, outlet: str | None = None):
    return process_article(
        Article(
            path=path.name,
            text=text or path.read_text(),
            outlet=outlet or OUTLETS[number % len(OUTLETS)],
            published=f"2016-0{1 + number % 4}-1{number % 10}",
        )
    )


def summaries(conn) -> dict[str, list]:
    return {name: sorted(conn.execute(f"select * from [{name}]").fetchall(), key=repr) for name in SUMMARIES}


def rebuilt(db: sqlite_utils.Database) -> dict[str, list]:
    """The summaries a rebuild of every row gives, on a copy of the database."""
    return summaries(refreshed_copy(db, lambda copy: refresh_summaries(copy, everything=True)))


@pytest.mark.parametrize("seed", range(3))
def test_summaries_of_what_changed_equal_a_rebuild_in_any_order_of_batches(tmp_path, seed):
    paths = sorted(CORPUS.glob("*.txt"))
    records = [article(number, path) for number, path in enumerate(paths)]
    random.Random(seed).shuffle(records)
    # The same article again with one paragraph fewer and in another outlet: it replaces the first.
    changed = records[0].article.path
    text = (CORPUS / changed).read_text()
    replacement = article(7, CORPUS / changed, text[: text.rindex("\n\n")] if "\n\n" in text else text[:-40], "Globe")
    db = open_db(str(tmp_path / "quotes.db"))
    batches = [records[:5], records[5:8], [*records[8:], replacement]]
    for number, batch in enumerate(batches):
        save_records(db, batch)
        assert most_articles_pending(db) == (number == 0)  # a new database is rebuilt, later batches not
        refresh_corpus(db)
        assert summaries(db.conn) == rebuilt(db)
    (deleted,) = db.execute("select id from articles where path = ?", [records[1].article.path]).fetchone()
    delete_article_rows(db, deleted)
    db.conn.commit()
    refresh_corpus(db)
    assert summaries(db.conn) == rebuilt(db)
    assert all(summaries(db.conn).values())  # every summary has rows: the comparison compared something
    assert not db.execute("select 1 from summary_pending").fetchone()


def test_a_speaker_renamed_or_of_another_gender_and_an_article_moved_to_another_outlet_are_counted_again(tmp_path):
    paths = sorted(CORPUS.glob("*.txt"))
    db = open_db(str(tmp_path / "quotes.db"))
    save_records(db, [article(number, path) for number, path in enumerate(paths)])
    refresh_corpus(db)
    speaker = db.execute("select speaker_id from quotes where speaker_id is not null limit 1").fetchone()[0]
    db.execute("update speakers set name = 'Someone Else', gender = 'female', kind = 'person' where id = ?", [speaker])
    db.execute("update articles set outlet = 'The Bugle', published_month = '2017-01' where id = 1")
    db.conn.commit()
    refresh_corpus(db)
    assert summaries(db.conn) == rebuilt(db)
    assert db.execute("select name from speaker_stats where speaker_id = ?", [speaker]).fetchone() == ("Someone Else",)
