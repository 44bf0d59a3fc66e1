"""The command line's verbs: ingest (also with no verb, as before verbs), extract to Parquet or JSON
Lines, and load, which gives the database an ingest of the same files gives."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

import ingest.inputs as inputs_module
from ingest import operations
from ingest.inputs import Inputs

from .conftest import SEED, ingest
from .test_scale import corpus, dump  # noqa: F401 (corpus is a fixture)


def test_ingest_is_the_verb_when_none_is_given(tmp_path):
    with_verb, without = tmp_path / "verb.db", tmp_path / "plain.db"
    assert ingest("ingest", with_verb, SEED).exit_code == 0
    result = ingest("--batch-size", "5", without, SEED)  # options before DB_PATH, as before verbs
    assert result.exit_code == 0 and "1 added" in result.output
    assert dump(with_verb) == dump(without)


@pytest.mark.parametrize("out_format", ["parquet", "jsonl"])
def test_extract_then_load_gives_the_database_an_ingest_gives(tmp_path, corpus, out_format):  # noqa: F811
    out = tmp_path / ("out" if out_format == "parquet" else "out.jsonl")
    extracted = ingest("extract", corpus, "-o", out, "--format", out_format, "--workers", "2")
    assert extracted.exit_code == 0, extracted.output
    assert "41 " in extracted.output and "written to" in extracted.output
    loaded = ingest("load", tmp_path / "loaded.db", out)
    assert loaded.exit_code == 0, loaded.output
    assert "41 added" in loaded.output
    assert ingest(tmp_path / "plain.db", corpus).exit_code == 0
    assert dump(tmp_path / "loaded.db") == dump(tmp_path / "plain.db")
    again = ingest("load", tmp_path / "loaded.db", out)
    assert "0 added, 0 replaced, 41 unchanged" in again.output


def test_extract_writes_parquet_by_default_one_folder_per_table(tmp_path):
    assert ingest("extract", SEED, "-o", tmp_path / "out").exit_code == 0
    tables = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert tables == [
        "affiliations",
        "article_speakers",
        "articles",
        "paragraphs",
        "quotes",
        "speaker_aliases",
        "speakers",
    ]


def test_the_old_options_are_the_same_operations(tmp_path):
    old = ingest("--export-jsonl", tmp_path / "old.jsonl", SEED)
    new = ingest("extract", SEED, "-o", tmp_path / "new.jsonl", "--format", "jsonl")
    assert old.exit_code == new.exit_code == 0
    without_hash = [{**json.loads(line), "content_hash": None} for line in (tmp_path / "old.jsonl").open()]
    assert without_hash == [{**json.loads(line), "content_hash": None} for line in (tmp_path / "new.jsonl").open()]
    assert ingest("--load-jsonl", tmp_path / "old.db", tmp_path / "old.jsonl").exit_code == 0
    assert ingest("load", tmp_path / "new.db", tmp_path / "new.jsonl").exit_code == 0
    assert dump(tmp_path / "old.db") == dump(tmp_path / "new.db")


def test_load_reports_a_folder_that_is_not_extract_output_and_goes_on(tmp_path):
    (tmp_path / "junk" / "articles").mkdir(parents=True)
    (tmp_path / "junk" / "articles" / "part-x.parquet").write_text("not parquet")
    for table in ("paragraphs", "speakers", "article_speakers", "speaker_aliases", "quotes", "affiliations"):
        (tmp_path / "junk" / table).mkdir()
        (tmp_path / "junk" / table / "part-x.parquet").write_text("not parquet")
    assert ingest("extract", SEED, "-o", tmp_path / "good").exit_code == 0
    result = ingest("load", tmp_path / "q.db", tmp_path / "junk", tmp_path / "good")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'junk'}: not a folder of Parquet tables")
    assert "Traceback" not in result.output
    assert sqlite_utils.Database(tmp_path / "q.db")["articles"].count == 1


@pytest.mark.parametrize("shards", [False, True])
def test_load_refuses_a_parquet_folder_missing_a_table_and_goes_on(tmp_path, shards):
    """An output an older extract wrote (before a table was added) would otherwise load nothing, silently."""
    assert ingest("extract", SEED, "-o", tmp_path / "old").exit_code == 0
    assert ingest("extract", SEED, "-o", tmp_path / "good").exit_code == 0
    for part in (tmp_path / "old" / "quotes").glob("part-*.parquet"):
        part.unlink()
    target = tmp_path / ("folder" if shards else "q.db")
    result = ingest("load", target, tmp_path / "old", tmp_path / "good", *(["--shard-by", "year"] if shards else []))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'old'}: not a folder of Parquet tables written by extract")
    assert "quotes" in result.stderr and "Traceback" not in result.output
    assert "1 added" in result.output


def test_the_progress_bar_reads_every_input_once(tmp_path, monkeypatch):
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps({"id": n, "text": f"Record {n}, the minister said."}) + "\n" for n in range(5))
    )
    reads: list[str] = []
    real = inputs_module.read_articles

    def read_articles(path, *args):
        reads.append(path)
        return real(path, *args)

    monkeypatch.setattr(inputs_module, "read_articles", read_articles)
    # --article-timeout 0: every read in this process, where the list of reads is kept
    result = ingest("--progress", "--article-timeout", "0", tmp_path / "q.db", records, SEED)
    assert result.exit_code == 0, result.output
    assert "Ingesting" in result.stderr
    assert sorted(reads) == sorted([str(records), str(SEED)])

    class Recorded(operations.Progress):
        total, done = Inputs().count([str(records), str(SEED)]), 0

        def expect(self, more: int) -> None:
            self.total += more

        def advance(self, done: int) -> None:
            self.done += done

    progress = Recorded()
    assert progress.total == 2  # the files, none of them read yet
    assert len(list(operations.extract([str(records), str(SEED)], Inputs(), progress=progress))) == 6
    assert progress.total == progress.done == 6  # the record file's 5 records counted as it was read
