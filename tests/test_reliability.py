"""Bad input: every broken, binary, oddly encoded or unreadable input gets one line naming it and the
reason, the rest of the batch goes in, and the exit status says how many failed."""

from __future__ import annotations

import builtins

import sqlite_utils

import ingest.inputs as inputs_module
import ingest.parallel as parallel_module
import ingest.read as read_module
from scripts.faults import QUOTE, build_bad_inputs, database_problems, rejection

from .conftest import SEED, ingest


def test_every_bad_input_gets_one_line_and_the_rest_goes_in(tmp_path):
    expected = build_bad_inputs(tmp_path / "corpus")
    missing = tmp_path / "no-such-file.txt"
    result = ingest(tmp_path / "q.db", tmp_path / "corpus", missing)

    assert "Traceback" not in result.output
    stored = {row["path"] for row in sqlite_utils.Database(tmp_path / "q.db")["articles"].rows}
    rejected = [e for e in expected if e.reason]
    for item in expected:
        reason = rejection(result.stderr, item.path)
        if item.reason:
            assert reason is not None and item.reason in reason, (item.path, reason)
        else:
            assert reason is None and str(item.path) in stored, (item.path, reason)
    assert rejection(result.stderr, missing) == "no such file or folder"
    failed = len(rejected) + 1
    assert result.exit_code == 1
    assert f"Error: {failed} file(s) or record(s) could not be ingested" in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("error: ")]) == failed
    assert f"{len(expected) - len(rejected)} added" in result.stdout
    assert database_problems(tmp_path / "q.db") == []


def test_decoded_text_is_what_the_file_says(tmp_path):
    """UTF-16 with a BOM and HTML saved as .txt come out as the same clean quote as plain UTF-8."""
    build_bad_inputs(tmp_path / "corpus")
    ingest(tmp_path / "q.db", tmp_path / "corpus")
    db = sqlite_utils.Database(tmp_path / "q.db")
    for name in ("utf8_bom.txt", "utf16_bom.txt", "utf16_be_bom.txt", "html_as_text.txt"):
        quotes = db.execute(
            "select quotes.text, speakers.name from quotes join articles on articles.id = quotes.article_id"
            " left join speakers on speakers.id = quotes.speaker_id where articles.path = ? and quotes.kind = 'direct'",
            [str(tmp_path / "corpus" / name)],
        ).fetchall()
        assert quotes == [("We will rebuild the bridge by spring", "Maria Lopez")], name
    paragraphs = [row[0] for row in db.execute("select text from paragraphs")]
    assert not any("\ufeff" in text or "<p>" in text or "\x00" in text for text in paragraphs)


def test_a_file_that_cannot_be_opened_is_reported(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 000 changes nothing: make open() itself refuse.
    locked = tmp_path / "locked.txt"
    locked.write_text(QUOTE, encoding="utf-8")

    def refusing_open(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(read_module, "open", refusing_open, raising=False)
    result = ingest(tmp_path / "q.db", locked, SEED)
    assert rejection(result.stderr, locked) == "Permission denied"
    assert result.exit_code == 1 and "1 added" in result.stdout


def test_an_unexpected_crash_in_a_reader_or_the_extractor_costs_only_that_file(tmp_path, monkeypatch):
    bad_reader, bad_extract = tmp_path / "reader.txt", tmp_path / "extract.txt"
    for path in (bad_reader, bad_extract):
        path.write_text(QUOTE, encoding="utf-8")
    real_read, real_process = inputs_module.read_articles, parallel_module.process_article

    def read_articles(path, *args):
        if path == str(bad_reader):
            raise RecursionError("maximum recursion depth exceeded")
        return real_read(path, *args)

    def process_article(article):
        if article.path == str(bad_extract):
            raise IndexError("string index out of range")
        return real_process(article)

    monkeypatch.setattr(inputs_module, "read_articles", read_articles)
    monkeypatch.setattr(parallel_module, "process_article", process_article)
    result = ingest(tmp_path / "q.db", bad_reader, bad_extract, SEED)
    assert "Traceback" not in result.output
    assert (
        rejection(result.stderr, bad_reader) == "could not be read (RecursionError: maximum recursion depth exceeded)"
    )
    assert "IndexError: string index out of range" in rejection(result.stderr, bad_extract)
    assert result.exit_code == 1 and "1 added" in result.stdout


def test_a_huge_single_line_is_refused_not_extracted(tmp_path):
    """A 5 MB file on one line would take the extractor many minutes (its time grows faster than
    linearly with paragraph length); it is refused after reading, the rest goes in."""
    huge = tmp_path / "huge.txt"
    huge.write_text("‘Yes,’ said Jane Doe. " * 250_000, encoding="utf-8")
    result = ingest(tmp_path / "q.db", huge, SEED)
    reason = rejection(result.stderr, huge)
    assert reason.startswith("a paragraph of 5,499,999 characters, over the 100,000-character limit")
    assert result.exit_code == 1 and "1 added" in result.stdout


def test_limits_can_be_raised_or_lowered(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(QUOTE * 20, encoding="utf-8")
    result = ingest(tmp_path / "q.db", "--max-article-chars", "1000", article)
    assert "over the 1,000-character limit for one article" in rejection(result.stderr, article)
    one_line = tmp_path / "line.txt"
    one_line.write_text(QUOTE.strip() * 20, encoding="utf-8")
    result = ingest(tmp_path / "q.db", "--max-paragraph-chars", "500", one_line)
    assert "over the 500-character limit" in rejection(result.stderr, one_line)
    result = ingest(tmp_path / "q.db", "--max-paragraph-chars", "5000", one_line)
    assert result.exit_code == 0 and "1 added" in result.stdout


def test_a_database_that_cannot_be_used_is_one_line(tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes\n" * 200)
    result = ingest(not_a_db, SEED)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {not_a_db}: database error: file is not a database"
    result = ingest(tmp_path / "missing-folder" / "q.db", SEED)
    assert result.exit_code == 1 and "database error: unable to open database file" in result.stderr
