"""The ingest CLI end to end, on the seed article."""

from __future__ import annotations

import shutil
import subprocess
import sys

import sqlite_utils

from .conftest import REPO, SEED, ingest


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {t: db[t].count for t in ("articles", "paragraphs", "quotes", "speakers", "affiliations", "speaker_aliases")}


def test_ingest_seed_prints_summary_and_stores_the_article(tmp_path):
    db_path = tmp_path / "q.db"
    result = ingest(db_path, SEED)
    assert result.exit_code == 0
    assert "1 added" in result.output and "1 articles" in result.output and "62 paragraphs" in result.output
    db = sqlite_utils.Database(db_path)
    (article,) = db["articles"].rows
    assert article["path"] == str(SEED)
    assert article["title"].startswith("Afghan troops have been filmed laying down their arms")
    assert db["paragraphs"].count == 62


def test_folders_are_walked_recursively(tmp_path):
    nested = tmp_path / "corpus" / "2021" / "july"
    nested.mkdir(parents=True)
    shutil.copy(SEED, nested / "seed.txt")
    (tmp_path / "corpus" / "other.txt").write_text("‘We will win,’ said Jane Doe, a spokeswoman for the Acme Party.\n")
    result = ingest(tmp_path / "q.db", tmp_path / "corpus")
    assert result.exit_code == 0
    db = sqlite_utils.Database(tmp_path / "q.db")
    assert db["articles"].count == 2
    speaker = db.execute(
        "select speakers.name from quotes join speakers on speakers.id = quotes.speaker_id where quotes.text = ?",
        ["We will win"],
    ).fetchone()
    assert speaker == ("Jane Doe",)


def test_reingesting_the_same_content_adds_nothing(tmp_path):
    db_path = tmp_path / "q.db"
    ingest(db_path, SEED)
    before = counts(sqlite_utils.Database(db_path))
    result = ingest(db_path, SEED)
    assert "0 added, 0 replaced, 1 unchanged" in result.output
    assert counts(sqlite_utils.Database(db_path)) == before


def test_changed_file_replaces_its_rows_completely(tmp_path):
    article = tmp_path / "article.txt"
    original = SEED.read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    db_path = tmp_path / "q.db"
    ingest(db_path, article)
    db = sqlite_utils.Database(db_path)
    article_id = db.execute("select id from articles").fetchone()[0]
    assert (
        db.execute("select count(*) from quotes_fts where quotes_fts match ?", ['"lost their morale"']).fetchone()[0]
        == 1
    )

    changed = original.replace("‘Afghan forces have lost their morale,’ said analyst Atta Noori in Kabul.", "")
    changed += "\n\n‘Nothing is decided yet,’ said Maria Lopez, a researcher at the Peace Institute.\n"
    article.write_text(changed, encoding="utf-8")
    result = ingest(db_path, article)
    assert "1 replaced" in result.output

    db = sqlite_utils.Database(db_path)
    assert db.execute("select id from articles").fetchall() == [(article_id,)]  # same id, one row
    assert (
        db.execute("select count(*) from quotes_fts where quotes_fts match ?", ['"lost their morale"']).fetchone()[0]
        == 0
    )
    assert db.execute("select count(*) from paragraphs_fts where paragraphs_fts match 'Noori'").fetchone()[0] == 0
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'decided'").fetchone()[0] == 1
    for table in ("quotes", "paragraphs", "affiliations", "speaker_aliases"):
        orphans = db.execute(f"select count(*) from {table} where article_id not in (select id from articles)")
        assert orphans.fetchone()[0] == 0
    for table in ("quotes", "paragraphs", "speakers"):
        assert db[f"{table}_fts"].count == db[table].count
    assert db.execute("select count(*) from speakers where name = 'Atta Noori'").fetchone()[0] == 0
    assert db.execute("select count(*) from speakers where name = 'Maria Lopez'").fetchone()[0] == 1


def test_missing_path_is_one_line_error_and_the_rest_goes_in(tmp_path):
    db_path = tmp_path / "q.db"
    result = ingest(db_path, tmp_path / "nope.txt", SEED)
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nope.txt'}: no such file or folder" in result.stderr
    assert "Traceback" not in result.output
    assert sqlite_utils.Database(db_path)["articles"].count == 1


def test_help_explains_every_verb_and_option():
    result = ingest("--help")
    assert result.exit_code == 0
    for text in ("DB_PATH PATH...", "ingest", "extract", "load", "--version", "--help"):
        assert text in result.output
    result = ingest("ingest", "--help")
    for text in ("DB_PATH", "PATHS", "--quiet", "--workers", "--text-field", "--help"):
        assert text in result.output


def test_python_dash_m_and_console_script_work(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "ingest", str(tmp_path / "q.db"), str(SEED)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert completed.returncode == 0, completed.stderr
    assert "1 added" in completed.stdout
    script = shutil.which("quote-ingest", path=str(REPO / ".venv" / "bin")) or shutil.which("quote-ingest")
    assert script, "console script quote-ingest is installed"
    version = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "ingest" in version.stdout


def test_an_article_the_database_refuses_is_one_error_and_the_rest_go_in(tmp_path, monkeypatch):
    import sqlite3

    from ingest import store

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SEED.read_text(encoding="utf-8").replace("Taliban", f"Taliban {name}"))
    real_save_speakers = store.save_speakers

    def refuse_b(db, rows):
        if rows.path.endswith("b.txt"):
            real_save_speakers(db, rows)  # half written before it fails
            raise sqlite3.IntegrityError("simulated constraint failure")
        return real_save_speakers(db, rows)

    monkeypatch.setattr(store, "save_speakers", refuse_b)
    result = ingest(tmp_path / "q.db", tmp_path)
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'b.txt'}: the database refused it (simulated constraint failure)" in result.stderr
    assert "2 added" in result.output
    db = sqlite_utils.Database(tmp_path / "q.db")
    assert sorted(path.rsplit("/", 1)[-1] for (path,) in db.execute("select path from articles")) == ["a.txt", "c.txt"]
    for table in ("quotes", "paragraphs"):
        orphans = db.execute(f"select count(*) from {table} where article_id not in (select id from articles)")
        assert orphans.fetchone()[0] == 0
        db.execute(f"insert into {table}_fts({table}_fts) values('integrity-check')")
        assert db[f"{table}_fts"].count == db[table].count
