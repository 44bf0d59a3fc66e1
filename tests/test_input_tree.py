"""What an input folder may lead the ingest to read: nothing outside it through symbolic links (unless
asked), never the database being written, and every file name printed so it cannot forge a line."""

from __future__ import annotations

import os

import pytest
import sqlite_utils

from ingest.read import printable
from scripts.faults import QUOTE, rejection

from .conftest import SEED, ingest


@pytest.fixture
def outside(tmp_path):
    """A folder outside the corpus holding a secret, and the corpus with an ordinary article."""
    secret = tmp_path / "outside"
    (secret / "deeper").mkdir(parents=True)
    (secret / "shadow.txt").write_text("‘root:x:0:0,’ said the password file.\n", encoding="utf-8")
    (secret / "deeper" / "key.txt").write_text("‘Private key here,’ said the key file.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "a" / "b").mkdir(parents=True)
    (corpus / "article.txt").write_text(QUOTE, encoding="utf-8")
    return secret, corpus


def stored_paths(db_path) -> set[str]:
    return {row["path"] for row in sqlite_utils.Database(db_path)["articles"].rows}


def test_links_leading_out_of_the_input_folder_are_refused_at_every_depth(tmp_path, outside):
    secret, corpus = outside
    links = {
        corpus / "etc": secret,  # a folder, at the top
        corpus / "a" / "b" / "shadow.txt": secret / "shadow.txt",  # a file, two folders down
        corpus / "a" / "up": "../../outside/deeper",  # relative, leading up and out
        corpus / "a" / "b" / "hop": corpus / "a" / "b" / "chain",  # a chain: in the tree, then out
        corpus / "a" / "b" / "chain": secret / "deeper" / "key.txt",
    }
    for link, target in links.items():
        link.symlink_to(target)
    (corpus / "inside").symlink_to(corpus / "a")  # a link that stays inside is followed
    result = ingest(tmp_path / "q.db", corpus)
    assert "Traceback" not in result.output
    for link in links:
        reason = rejection(result.stderr, link)
        assert reason is not None and reason.startswith("symbolic link to "), (link, result.stderr)
        assert "outside the input folder" in reason and "--follow-external-links" in reason
    assert not any("outside" in path for path in stored_paths(tmp_path / "q.db"))
    assert str(corpus / "article.txt") in stored_paths(tmp_path / "q.db")
    assert result.exit_code == 1


def test_follow_external_links_reads_them(tmp_path, outside):
    secret, corpus = outside
    (corpus / "etc").symlink_to(secret)
    result = ingest(tmp_path / "q.db", "--follow-external-links", corpus)
    assert result.exit_code == 0, result.output
    # stored under its resolved path (ingest/keys.py), where the link leads
    assert str((secret / "deeper" / "key.txt").resolve()) in stored_paths(tmp_path / "q.db")


def test_a_link_named_on_the_command_line_is_read(tmp_path, outside):
    """Naming a link (or a folder through a link) is asking for it: only links found inside a
    folder are refused."""
    secret, corpus = outside
    (tmp_path / "named").symlink_to(secret)
    result = ingest(tmp_path / "q.db", tmp_path / "named")
    assert result.exit_code == 0, result.output
    assert len(stored_paths(tmp_path / "q.db")) == 2


def test_the_databases_own_files_inside_the_input_folder_are_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(QUOTE, encoding="utf-8")
    db_path = corpus / "quotes.db"
    for _ in range(2):  # the second run finds the database and its WAL in the folder
        result = ingest(db_path, corpus, SEED)
        assert result.exit_code == 0, result.output
    (corpus / "quotes.db-journal").write_bytes(b"")  # as a rollback-mode writer would leave beside it
    result = ingest(os.path.relpath(db_path), corpus)  # the database spelt another way
    assert result.exit_code == 0, result.output
    assert "0 added, 0 replaced, 1 unchanged" in result.stdout
    result = ingest(db_path, db_path)
    assert rejection(result.stderr, db_path) == "is the database being written (or one of its files), skipped"


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    names = ["forged\nerror: victim.txt: empty file", "bell\x07.txt", "back\x1b[2Kline.txt", "rtl\u202etxt.exe",
             "sep\u2028arator.txt", "nel\x85.txt"]  # fmt: skip
    for name in names:
        (tmp_path / name).write_bytes(b"")
    result = ingest(tmp_path / "q.db", tmp_path)
    lines = result.stderr.splitlines()
    assert len(lines) == len(names) + 1  # one per file and the summary
    assert all(line.startswith("error: ") or line.startswith("Error: ") for line in lines)
    assert f"error: {tmp_path}/forged\\nerror: victim.txt: empty file: empty file" in lines
    assert not any(ch in result.stderr for ch in "\x07\x1b\u202e\u2028\x85")


def test_printable_escapes_only_what_is_unsafe():
    assert printable("café/naïve 東京.txt") == "café/naïve 東京.txt"
    assert printable("a\nb\tc\x00d\u202ee") == "a\\nb\\tc\\x00d\\u202ee"
    assert printable(printable("a\nb")) == "a\\nb"
