"""Which inputs are the same article (ingest/keys.py, issue 18 case 13): files are keyed by their
resolved path (or by their path under --root), a record by FILE#ID else its URL; the same
canonical URL is the same article; a file whose content reappears under a new path is a move;
syndicated copies under different URLs stay apart; `prune` deletes articles whose files are gone."""

from __future__ import annotations

import json
import os
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

from ingest.cli import cli

from .conftest import ingest

ARTICLE = "‘We will win this,’ said Jane Doe, a spokeswoman for the party.\n\nShe said more later.\n"
OTHER = "‘Taxes will fall next year,’ said John Roe, the treasurer.\n"
PAGE = """<html><head><title>The plan</title><link rel="canonical" href="{url}"></head><body><article>
<p>‘The plan will work,’ said Ann Lee, the mayor of the town.</p><p>She spoke on Monday.</p>
</article></body></html>"""


def paths(db_path) -> list[str]:
    return sorted(row["path"] for row in sqlite_utils.Database(db_path)["articles"].rows)


def test_one_folder_spelled_two_ways_is_one_set_of_articles(tmp_path, monkeypatch):
    folder = tmp_path / "x" / "idem"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE)
    (tmp_path / "link").symlink_to(folder)
    monkeypatch.chdir(tmp_path / "x")
    db_path = tmp_path / "q.db"
    assert ingest(db_path, "../x/idem").exit_code == 0
    second = ingest(db_path, str(folder))
    third = ingest(db_path, tmp_path / "link")
    assert "0 added" in second.output and "0 added" in third.output
    assert paths(db_path) == [str((folder / "a.txt").resolve())]


def test_a_moved_or_renamed_file_is_the_same_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(OTHER)
    db_path = tmp_path / "q.db"
    ingest(db_path, corpus)
    ids = {row["path"]: row["id"] for row in sqlite_utils.Database(db_path)["articles"].rows}
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    result = ingest(db_path, corpus)
    assert "0 added" in result.output and "1 moved" in result.output
    stored = {row["path"]: row["id"] for row in sqlite_utils.Database(db_path)["articles"].rows}
    assert stored[str((corpus / "renamed.txt").resolve())] == ids[str((corpus / "a.txt").resolve())]
    assert len(stored) == 2


def test_a_copy_whose_original_is_still_there_is_another_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    db_path = tmp_path / "q.db"
    ingest(db_path, corpus)
    (corpus / "copy.txt").write_text(ARTICLE)
    assert "1 added" in ingest(db_path, corpus).output
    assert len(paths(db_path)) == 2


def test_keys_stored_as_given_by_earlier_versions_are_recognised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(ARTICLE)
    db_path = tmp_path / "q.db"
    ingest(db_path, "corpus")
    sqlite_utils.Database(db_path).execute("update articles set path = 'corpus/a.txt'").connection.commit()
    result = ingest(db_path, "corpus")
    assert "0 added" in result.output
    assert paths(db_path) == [str((tmp_path / "corpus" / "a.txt").resolve())]


def test_root_keys_files_relative_to_it_so_a_moved_corpus_keeps_its_articles(tmp_path):
    first = tmp_path / "first"
    (first / "sub").mkdir(parents=True)
    (first / "sub" / "a.txt").write_text(ARTICLE)
    db_path = tmp_path / "q.db"
    assert ingest(db_path, first, "--root", first).exit_code == 0
    assert paths(db_path) == [os.path.join("sub", "a.txt")]
    second = tmp_path / "second"
    first.rename(second)
    result = ingest(db_path, second, "--root", second)
    assert "0 added" in result.output and "1 unchanged" in result.output
    outside = tmp_path / "outside.txt"
    outside.write_text(OTHER)
    refused = ingest(db_path, outside, "--root", second)
    assert refused.exit_code == 1 and "outside --root" in refused.output


@pytest.mark.parametrize("shards", [False, True], ids=["one file", "shards"])
def test_load_with_root_tells_copies_from_moves_as_an_ingest_with_it_does(tmp_path, shards):
    """Keys extract wrote under --root are relative to it: load is given the same --root to decide
    whether the file an earlier key names is still there (a copy: another article) or gone (a
    move: the same article, re-keyed). Without it, "a.txt" is looked for in the working folder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    target = tmp_path / ("folder" if shards else "q.db")
    shard_options = ["--shard-by", "year"] if shards else []

    def extract_and_load(out: str) -> str:
        assert ingest("extract", corpus, "-o", tmp_path / out, "--root", corpus).exit_code == 0
        loaded = ingest("load", target, tmp_path / out, "--root", corpus, *shard_options)
        assert loaded.exit_code == 0, loaded.output
        return loaded.output

    def stored() -> list[str]:
        files = sorted((target / "shards").glob("*.db")) if shards else [target]
        return sorted(key for path in files for key in paths(path))

    assert "1 added" in extract_and_load("one")
    assert stored() == ["a.txt"]
    shutil.copy(corpus / "a.txt", corpus / "b.txt")
    assert "1 added, 0 replaced, 1 unchanged" in extract_and_load("two")
    assert stored() == ["a.txt", "b.txt"]
    (corpus / "b.txt").rename(corpus / "c.txt")
    output = extract_and_load("three")
    assert stored() == ["a.txt", "c.txt"]
    assert shards or "1 moved" in output


def test_the_same_canonical_url_from_a_file_and_from_standard_input_is_one_article(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(url="https://news.example/2024/05/plan"))
    db_path = tmp_path / "q.db"
    assert "1 added" in ingest(db_path, page).output
    piped = CliRunner().invoke(cli, [str(db_path), "-"], input=page.read_text())
    assert "0 added" in piped.output and "1 unchanged" in piped.output
    assert len(paths(db_path)) == 1


def test_a_record_without_id_is_keyed_by_its_url_and_with_one_by_file_and_id(tmp_path):
    records = tmp_path / "r.jsonl"
    lines = [
        {"text": ARTICLE, "url": "https://news.example/2024/a"},
        {"id": "n7", "text": OTHER, "url": "https://news.example/2024/b"},
        {"text": OTHER + "More."},
    ]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db_path = tmp_path / "q.db"
    assert ingest(db_path, records).exit_code == 0
    real = str(records.resolve())
    assert paths(db_path) == sorted(["https://news.example/2024/a", f"{real}#n7", f"{real}:3"])


def test_syndicated_copies_under_different_urls_stay_separate_articles(tmp_path):
    db_path = tmp_path / "q.db"
    for name, url in (("a.html", "https://one.example/2024/plan"), ("b.html", "https://two.example/news/plan")):
        (tmp_path / name).write_text(PAGE.format(url=url))
    assert "2 added" in ingest(db_path, tmp_path / "a.html", tmp_path / "b.html").output


def test_a_front_page_given_as_canonical_url_does_not_join_articles(tmp_path):
    db_path = tmp_path / "q.db"
    (tmp_path / "a.html").write_text(PAGE.format(url="https://one.example/"))
    (tmp_path / "b.html").write_text(PAGE.format(url="https://one.example/").replace("Monday", "Tuesday"))
    assert "2 added" in ingest(db_path, tmp_path / "a.html", tmp_path / "b.html").output


def test_prune_deletes_the_articles_whose_files_are_gone_and_only_those(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(OTHER)
    records = corpus / "r.jsonl"
    records.write_text(json.dumps({"id": 1, "text": OTHER + " Again."}) + "\n")
    db_path = tmp_path / "q.db"
    ingest(db_path, corpus)
    piped = CliRunner().invoke(cli, [str(db_path), "-"], input="‘No,’ said Max Mill.\n")
    assert piped.exit_code == 0
    (corpus / "a.txt").unlink()
    records.unlink()
    dry = ingest("prune", db_path, "--dry-run")
    assert dry.exit_code == 0 and "would delete" in dry.output and len(paths(db_path)) == 4
    result = ingest("prune", db_path)
    assert result.exit_code == 0 and "2 article(s) pruned" in result.output
    db = sqlite_utils.Database(db_path)
    (stdin_key,) = [key for key in paths(db_path) if key.startswith("<stdin>#")]
    assert paths(db_path) == sorted([str((corpus / "b.txt").resolve()), stdin_key])
    assert "Jane Doe" not in {row["name"] for row in db["speakers"].rows}
    orphans = "select count(*) from quotes where article_id not in (select id from articles)"
    assert db.execute(orphans).fetchone()[0] == 0
    assert db.execute("select count(*) from quotes_fts").fetchone()[0] == db["quotes"].count
