"""The database contract: tables, columns, foreign keys, indexes, FTS and the browsing view."""

from __future__ import annotations

import re
import shutil

import sqlite_utils

from ingest.pipeline import process_article
from ingest.read import read_article
from ingest.store import ensure_db_shape, save_record

from .conftest import SEED, ingest

CONTRACT = {
    "articles": {"id", "path", "title"},
    "paragraphs": {"id", "article_id", "position", "kind", "text"},
    "quotes": {
        "id",
        "article_id",
        "paragraph_id",
        "speaker_id",
        "text",
        "kind",
        "cue",
        "speaker_mention",
        "start",
        "end",
    },
    "speakers": {"id", "name"},
    "affiliations": {"id", "speaker_id", "article_id", "role", "organization"},
}


def test_tables_have_the_contract_columns(seed_db):
    for table, columns in CONTRACT.items():
        assert columns <= set(seed_db[table].columns_dict), table


def test_foreign_keys_are_declared_and_indexed(seed_db):
    expected = {
        ("paragraphs", "article_id", "articles"),
        ("quotes", "article_id", "articles"),
        ("quotes", "paragraph_id", "paragraphs"),
        ("quotes", "speaker_id", "speakers"),
        ("affiliations", "speaker_id", "speakers"),
        ("affiliations", "article_id", "articles"),
    }
    declared = {(fk.table, fk.column, fk.other_table) for t in seed_db.tables for fk in t.foreign_keys}
    assert expected <= declared
    for table, column, _ in expected:
        indexed = {tuple(index.columns) for index in seed_db[table].indexes}
        assert (column,) in indexed, f"{table}.{column} has no index"
    assert seed_db.execute("pragma foreign_key_check").fetchall() == []


def test_fts_uses_porter_and_stays_in_sync_through_triggers(seed_db):
    for table in ("quotes", "paragraphs", "speakers"):
        assert seed_db[table].detect_fts() == f"{table}_fts"
        assert "porter" in seed_db[f"{table}_fts"].schema
        assert seed_db[f"{table}_fts"].count == seed_db[table].count
    triggers = {t.name for t in seed_db.triggers}
    assert {"quotes_ai", "quotes_ad", "quotes_au", "paragraphs_ai", "speakers_ai"} <= triggers
    # Porter stemming: "surrendering" finds "surrendered".
    hits = seed_db.execute("select count(*) from paragraphs_fts where paragraphs_fts match 'surrendering'")
    assert hits.fetchone()[0] >= 5


def test_quote_offsets_point_into_the_paragraph(seed_db):
    rows = seed_db.execute(
        "select quotes.text, quotes.start, quotes.end, paragraphs.text"
        " from quotes join paragraphs on paragraphs.id = quotes.paragraph_id"
    ).fetchall()
    assert len(rows) > 20
    for text, start, end, paragraph in rows:
        assert paragraph[start:end] == text


def test_browsing_view_joins_quote_speaker_role_and_article(seed_db):
    row = seed_db.execute(
        "select speaker, role, organization, article_title, paragraph from quotes_view"
        " where quote like 'Many of the districts%'"
    ).fetchone()
    assert row[0] == "Andrew Watkins"
    assert row[1] == "senior analyst on Afghanistan"
    assert row[2] == "International Crisis Group"
    assert row[3].startswith("Afghan troops")
    assert "low-hanging fruit" in row[4]


def test_seed_quotes_and_speakers_a_reader_knows(seed_db):
    def speaker_of(prefix: str) -> str | None:
        row = seed_db.execute(
            "select speakers.name from quotes left join speakers on speakers.id = quotes.speaker_id"
            " where quotes.kind = 'direct' and quotes.text like ? || '%'",
            [prefix],
        ).fetchone()
        assert row is not None, f"no direct quote starting {prefix!r}"
        return row[0]

    assert speaker_of("Afghan forces have lost their morale") == "Atta Noori"
    assert speaker_of("We are planning to launch a big offensive") == "Fawad Aman"
    assert speaker_of("Our forces are being organised") == "Fawad Aman"  # quote-only paragraph
    assert speaker_of("At first we thought maybe they were Taliban") == "Abdul Raouf"
    assert speaker_of("The situation is really bad") == "Ahmad Zaman"
    assert speaker_of("Strategically, it makes sense") == "Jonathan Schroden"
    affiliation = seed_db.execute(
        "select role, organization from affiliations join speakers on speakers.id = speaker_id"
        " where name = 'Fawad Aman'"
    ).fetchone()
    assert affiliation == ("spokesman", "Ministry of Defence")
    kinds = dict(seed_db.execute("select kind, count(*) from paragraphs group by kind").fetchall())
    assert kinds["caption"] >= 10 and kinds["embed"] == 1 and kinds["boilerplate"] == 1


def test_ensure_db_shape_is_idempotent(seed_db):
    before = {t.name: t.schema for t in seed_db.tables}
    ensure_db_shape(seed_db)
    ensure_db_shape(seed_db)
    assert {t.name: t.schema for t in seed_db.tables} == before


def test_same_full_name_across_articles_is_one_speaker_but_anonymous_sources_are_not(tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, tmp_path / name)
    ingest(tmp_path / "q.db", tmp_path / "a.txt", tmp_path / "b.txt")
    db = sqlite_utils.Database(tmp_path / "q.db")
    watkins = db.execute("select id from speakers where name = 'Andrew Watkins'").fetchall()
    assert len(watkins) == 1
    articles = db.execute("select count(distinct article_id) from quotes where speaker_id = ?", [watkins[0][0]])
    assert articles.fetchone()[0] == 2
    diplomats = db.execute("select count(*) from speakers where name = 'a Western diplomat in Kabul'").fetchone()[0]
    assert diplomats == 2


def test_save_record_in_memory_database():
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    assert save_record(db, process_article(read_article(str(SEED)))) == "added"
    assert save_record(db, process_article(read_article(str(SEED)))) == "unchanged"
    assert db["articles"].count == 1


def test_sentence_adverbs_are_not_roles(seed_db):
    # "Kohistani, meanwhile, said …": "meanwhile" is not something Kohistani is.
    roles = seed_db.execute(
        "select distinct role from affiliations join speakers on speakers.id = speaker_id"
        " where name = 'Mir Asadullah Kohistani'"
    ).fetchall()
    assert any("new commander" in role for (role,) in roles)
    assert not any("meanwhile" in role for (role,) in roles)


def test_full_text_indexes_written_over_many_runs_are_compacted(tmp_path):
    """Each run writes new index segments; once they pass MAX_SEGMENTS the run's end merges them, and
    searches find the same rows."""
    from ingest.fts import MAX_SEGMENTS, segment_count

    for number in range(MAX_SEGMENTS + 3):
        article = tmp_path / f"article{number}.txt"
        shutil.copy(SEED, article)
        article.write_text(article.read_text() + f"\n\nPlaceholder paragraph number {number}.\n")
        assert ingest(tmp_path / "q.db", article).exit_code == 0
    db = sqlite_utils.Database(tmp_path / "q.db")
    for table in ("quotes", "paragraphs", "speakers"):
        assert 1 <= segment_count(db, f"{table}_fts") <= MAX_SEGMENTS
        db.execute(f"insert into {table}_fts ({table}_fts) values ('integrity-check')")
    found = {row[0] for row in db.execute("select rowid from quotes_fts where quotes_fts match 'Taliban'")}
    holding = {row[0] for row in db.execute("select id, text from quotes") if re.search(r"\bTaliban\b", row[1])}
    assert found == holding and len(found) >= MAX_SEGMENTS + 3
