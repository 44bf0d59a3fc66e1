"""Scale features: --workers, batched writes with deferred FTS, JSON Lines records (export → load),
progress output, the benchmark corpus generator, and index use by every canned query."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from ingest.fts import OUTLET_INDEX, OUTLET_INDEX_SQL, OUTLET_SOURCE, outlet_token_sql
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.read import read_article
from ingest.records import from_json, to_json
from ingest.store import open_db, save_records

from .conftest import REPO, SEED, ingest, load_plugin, make_datasette

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate, write_corpus  # noqa: E402

TABLES = ("articles", "paragraphs", "quotes", "speakers", "affiliations", "speaker_aliases")


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, without the ingest timestamp."""
    db = sqlite_utils.Database(db_path)
    rows = {}
    for table in TABLES:
        columns = [c for c in db[table].columns_dict if c != "ingested_at"]
        rows[table] = db.execute(
            f"select {', '.join(f'[{c}]' for c in columns)} from {table} order by 1, 2, 3"
        ).fetchall()
    rows[OUTLET_INDEX] = db.execute(f"select rowid, text, outlet from {OUTLET_INDEX} order by rowid").fetchall()
    return rows


def fts_consistent(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    for table in ("quotes", "paragraphs", "speakers"):
        db.execute(f"insert into {table}_fts({table}_fts) values ('integrity-check')")
        assert db[f"{table}_fts"].count == db[table].count
    outlet_index_is_current(db)


def outlet_index_is_current(db: sqlite_utils.Database) -> None:
    """The outlet index holds every quote, once, with its words and its article's outlet now: what it
    indexed is what it reads (rank 1: checked against its content, the view of every quote with its
    outlet), and that is every quote with its article's outlet."""
    db.execute(f"insert into {OUTLET_INDEX}({OUTLET_INDEX}, rank) values ('integrity-check', 1)")
    indexed = db.execute(f"select rowid, text, outlet from {OUTLET_INDEX} order by rowid").fetchall()
    expected = db.execute(
        f"""select quotes.id, quotes.text, {outlet_token_sql("articles.outlet")}
        from quotes left join articles on articles.id = quotes.article_id order by quotes.id"""
    ).fetchall()
    assert indexed == expected


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A small generated corpus (PolNeAR paragraphs when present, else the seed's) plus the seed."""
    folder = tmp_path / "corpus"
    write_corpus(folder, 40, seed=3)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    return folder


def test_workers_store_exactly_the_rows_of_one_process(tmp_path, corpus):
    assert ingest(tmp_path / "one.db", corpus).exit_code == 0
    result = ingest("--workers", "2", "--batch-size", "7", tmp_path / "two.db", corpus)
    assert result.exit_code == 0, result.output
    assert "41 added" in result.output
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")
    fts_consistent(tmp_path / "two.db")


def test_workers_report_bad_files_and_go_on(tmp_path, corpus):
    (corpus / "empty.txt").write_text("  \n")
    result = ingest("--workers", "2", tmp_path / "q.db", corpus, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert f"error: {corpus / 'empty.txt'}:" in result.stderr
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert sqlite_utils.Database(tmp_path / "q.db")["articles"].count == 41


def test_record_json_round_trips_every_field(polnear):
    paths = sorted((polnear / "train" / "text").glob("*.txt"))[:25] + [SEED]
    for path in paths:
        record = process_article(read_article(str(path)))
        assert from_json(to_json(record)) == record


def test_record_json_round_trips_the_seed_with_tagged_paragraphs():
    record = process_article(read_article(str(SEED)))
    record.article.paragraphs = record.paragraphs[:2]
    again = from_json(to_json(record))
    assert again == record
    assert again.speakers and all(isinstance(s.aliases, set) for s in again.speakers)
    assert again.quotes[0].mention is None or type(again.quotes[0].mention).__name__ == "Mention"


def test_export_then_load_gives_the_same_database(tmp_path, corpus):
    assert ingest(tmp_path / "direct.db", corpus).exit_code == 0
    records = tmp_path / "records.jsonl"
    exported = ingest("--export-jsonl", records, "--workers", "2", corpus)
    assert exported.exit_code == 0, exported.output
    assert "41 records written" in exported.output
    assert not (tmp_path / "corpus.db").exists()
    # the map can run in pieces, on many machines: split the records, load every piece
    lines = records.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "part1.jsonl").write_text("".join(lines[:20]), encoding="utf-8")
    (tmp_path / "part2.jsonl").write_text("".join(lines[20:]), encoding="utf-8")
    loaded = ingest("--load-jsonl", tmp_path / "loaded.db", tmp_path / "part1.jsonl", tmp_path / "part2.jsonl")
    assert loaded.exit_code == 0, loaded.output
    assert "41 added" in loaded.output
    assert dump(tmp_path / "loaded.db") == dump(tmp_path / "direct.db")
    again = ingest("--load-jsonl", tmp_path / "loaded.db", records)
    assert "0 added, 0 replaced, 41 unchanged" in again.output


def test_a_bad_records_file_is_one_line_naming_file_and_line(tmp_path):
    good = to_json(process_article(read_article(str(SEED))))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good + "\n" + '{"format": "something else"}\n', encoding="utf-8")
    result = ingest("--load-jsonl", tmp_path / "q.db", bad, tmp_path / "absent.jsonl")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith(f"error: {bad}:2: not a quote-ingest-record/1 line")
    assert errors[1] == f"error: {tmp_path / 'absent.jsonl'}: no such file or folder"
    assert "Traceback" not in result.output
    assert sqlite_utils.Database(tmp_path / "q.db")["articles"].count == 1


def test_progress_is_silent_when_not_a_terminal_and_shown_when_asked(tmp_path, corpus):
    quiet = ingest(tmp_path / "a.db", corpus)
    assert quiet.stderr == ""
    shown = ingest("--progress", tmp_path / "b.db", corpus)
    assert "Ingesting" in shown.stderr


def test_a_replacement_inside_a_batch_keeps_the_index_in_sync(tmp_path):
    """Deferred FTS indexing must not let the FTS 'delete' of a replaced article run on rows the
    batch has not indexed yet (that corrupts an external-content FTS5 index)."""
    text = SEED.read_text(encoding="utf-8")
    first = process_article(Article(path="same.txt", text=text))
    second = process_article(
        Article(path="same.txt", text=text + "\n\n‘All zanzibarish,’ said Jane Roe, a spokeswoman.\n")
    )
    other = process_article(Article(path="other.txt", text="‘Fine,’ said John Poe, an analyst.\n"))
    db = open_db(str(tmp_path / "q.db"))
    assert save_records(db, [first, other, second]) == ["added", "added", "replaced"]
    fts_consistent(tmp_path / "q.db")
    triggers = {row[0] for row in db.execute("select name from sqlite_master where type = 'trigger'")}
    assert {"quotes_ai", "paragraphs_ai", "speakers_ai"} <= triggers
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'zanzibarish'").fetchone() == (1,)


def test_the_outlet_index_follows_quotes_and_their_articles_outlets(seed_db_path):
    """Outside a batch the triggers keep the outlet index current (an article's outlet changed, a
    quote's text changed, a quote added or deleted); a database whose index, the view it reads or one
    of its triggers went missing, or whose index was made otherwise (before it read the view: a copy
    of every quote's text), gets it made anew when next opened."""
    db = open_db(str(seed_db_path))
    article = db.execute("select article_id from quotes order by id limit 1").fetchone()[0]
    db.execute("update articles set outlet = 'The Ledger' where id = ?", [article])
    outlet_index_is_current(db)
    first, second = [row[0] for row in db.execute("select id from quotes where article_id = ? limit 2", [article])]
    db.execute("update quotes set text = 'Zanzibarish weather' where id = ?", [first])
    db.execute("update quotes set speaker_id = speaker_id, article_id = article_id where id = ?", [second])
    db.execute("insert into quotes (article_id, text) values (?, 'A quote added by hand')", [article])
    db.execute("delete from quotes where id = ?", [second])
    db.conn.commit()
    outlet_index_is_current(db)
    token = db.execute(f"select {outlet_token_sql(':outlet')}", {"outlet": "the ledger"}).fetchone()[0]
    found = db.execute(f"select rowid from {OUTLET_INDEX} where {OUTLET_INDEX} match ?", [f"zanzibarish AND {token}"])
    assert found.fetchall() == [(first,)]
    older_index = f"""drop table {OUTLET_INDEX};
        create virtual table {OUTLET_INDEX} using fts5(text, outlet, tokenize='porter');"""
    missing = [f"drop trigger {OUTLET_INDEX}_quote_added", f"drop table {OUTLET_INDEX}", f"drop view {OUTLET_SOURCE}"]
    for damage in (*missing, older_index):
        db.conn.executescript(damage)
        db.conn.commit()
        db.close()
        db = open_db(str(seed_db_path))
        outlet_index_is_current(db)
        made = db.execute("select sql from sqlite_master where name = ?", [OUTLET_INDEX]).fetchone()
        assert made == (OUTLET_INDEX_SQL,)


def test_a_failing_batch_leaves_no_trace(tmp_path):
    good = process_article(read_article(str(SEED)))
    broken = process_article(Article(path="broken.txt", text="‘Fine,’ said John Poe, an analyst.\n"))
    broken.quotes[0].paragraph_position = 99  # no such paragraph: save_record raises mid-article
    db = open_db(str(tmp_path / "q.db"))
    with pytest.raises(KeyError):
        save_records(db, [good, broken])
    assert all(db[table].count == 0 for table in TABLES)
    fts_consistent(tmp_path / "q.db")
    assert save_records(db, [good]) == ["added"]  # the triggers came back with the rollback
    fts_consistent(tmp_path / "q.db")


def test_corpus_generator_is_deterministic_and_recombines_real_paragraphs():
    first, second = list(generate(5, seed=9)), list(generate(5, seed=9))
    assert first == second and list(generate(5, seed=10)) != first
    source = SEED.read_text(encoding="utf-8")
    from corpus import source_articles

    known = {p for article in source_articles() for p in article}
    for text in first:
        assert set(text.strip().split("\n\n")) <= known
    assert source  # the seed exists, the fallback source


FULL_SCAN = re.compile(r"^SCAN (quotes|paragraphs)\b(?! USING (COVERING )?INDEX)")


def search_queries() -> dict[str, str]:
    """The searches of plugins/quote_search.py: a page, its count, facets and export, with words and filters."""
    search = load_plugin("quote_search")
    found = {}
    for args in ({"q": "Kohistani"}, {"q": "Kohistani", "outlet": "x", "speaker": "y"}, {"q": "x", "sort": "newest"}):
        parsed = search.parse_search(args)
        for name in ("page_sql", "count_sql", "facets_sql", "export_sql", "latest_matches_sql"):
            found[f"search {name} {args}"] = getattr(search, name)(parsed)
            if args.get("outlet"):  # words and an outlet found together in the outlet index
                found[f"search {name} {args} outlet index"] = getattr(search, name)(parsed._replace(outlet_index=True))
    return found


def sample_params(sql: str) -> dict[str, str]:
    return {
        name: "1" if name == "id" or name.endswith("_id") else "Kohistani" for name in re.findall(r"(?<!:):(\w+)", sql)
    }


@pytest.mark.asyncio
async def test_no_canned_query_scans_the_quotes_or_paragraphs_table(tmp_path, corpus):
    """EXPLAIN QUERY PLAN for every canned query, on a database of 41 articles with planner
    statistics: quotes and paragraphs are only ever reached through an index (FTS, rowid, or a
    foreign-key index), never by a full table scan."""
    assert ingest(tmp_path / "quotes.db", corpus).exit_code == 0
    metadata = yaml.safe_load((REPO / "metadata.yml").read_text())
    queries = metadata["databases"]["quotes"]["queries"]
    queries = {**queries, **search_queries()}
    database = make_datasette(tmp_path / "quotes.db").get_database("quotes")
    for name, query in queries.items():
        sql = query["sql"] if isinstance(query, dict) else query
        plan = await database.execute(f"explain query plan {sql}", sample_params(sql))
        details = [row["detail"] for row in plan.rows]
        scans = [d for d in details if FULL_SCAN.match(d)]
        assert not scans, (name, details)


def test_ingest_leaves_planner_statistics(seed_db):
    assert seed_db["sqlite_stat1"].exists() and seed_db["sqlite_stat1"].count > 0
