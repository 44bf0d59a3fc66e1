"""Record files under hostile input: one odd record costs that record only, with its line number;
JSON Lines lines end at "\\n" only; files are read as a stream, a record at a time; what the load
verb reads is checked field by field; messages say what a file looks like."""

from __future__ import annotations

import io
import json
import os
import threading
import tracemalloc
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

import ingest.formats as formats_module
from ingest.cli import cli
from ingest.formats import read_articles
from ingest.pipeline import process_article
from ingest.read import read_article
from ingest.records import to_json
from scripts.faults import QUOTE, rejection

from .conftest import SEED, ingest


def ingest_stdin(*args, input: str):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def stored_paths(db_path: Path) -> set[str]:
    return {row["path"] for row in sqlite_utils.Database(db_path)["articles"].rows}


def record(key: str, **fields) -> str:
    return json.dumps({"id": key, "text": QUOTE, **fields}, ensure_ascii=False)


DEEP = '{"id": "deep", "text": "x", "nested": ' + "[" * 100_000 + "]" * 100_000 + "}"
ODD_LINES = {
    2: (DEEP, "invalid JSON (nested too deeply to read)"),
    3: ('{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}", "invalid JSON (Exceeds the limit (4300 digits)"),
    4: (record("nines", published=int("9" * 400)), "(402 characters) not understood"),
    5: (record("nines-text", published="9" * 400), "not understood"),
    6: ('{"id": "inf", "text": "x", "published": 1e400}', "date 'inf' not understood"),
    7: (record("bad-date", published=[1, 2]), "not understood"),
    8: ('{"id": "caf\xe9", "text": "x"}', "not valid UTF-8: byte 0xe9 at column 12"),
    9: (record("no-text", text={"nested": "object"}), "no text"),
}


def test_one_odd_record_costs_only_itself(tmp_path):
    lines = [record("first")]
    for number in sorted(ODD_LINES):
        lines.append(ODD_LINES[number][0])
    lines.append(record("last"))
    path = tmp_path / "odd.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8").replace("caf\xe9".encode(), b"caf\xe9") + b"\n")
    result = ingest(tmp_path / "q.db", path)
    for number, (_, reason) in ODD_LINES.items():
        assert reason in (rejection(result.stderr, f"{path}:{number}") or ""), (number, result.stderr)
    assert stored_paths(tmp_path / "q.db") == {f"{path}#first", f"{path}#last"}
    assert "Traceback" not in result.output and result.exit_code == 1


def test_line_and_paragraph_separators_inside_strings_are_text(tmp_path):
    separators = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\r"]
    lines = [record(f"s{n}", title=f"a{sep}b", text=QUOTE.replace(",", f",{sep}")) for n, sep in enumerate(separators)]
    lines.append("{broken")
    lines.append(record("after"))
    path = tmp_path / "separators.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(tmp_path / "q.db", path)
    assert rejection(result.stderr, f"{path}:{len(separators) + 1}").startswith("invalid JSON")
    assert stored_paths(tmp_path / "q.db") == {f"{path}#s{n}" for n in range(len(separators))} | {f"{path}#after"}
    titles = {row["title"] for row in sqlite_utils.Database(tmp_path / "q.db")["articles"].rows}
    assert "a\u2028b" in titles


def test_a_json_array_is_read_element_by_element(tmp_path, monkeypatch):
    """A large array parses in buffers far smaller than the file, elements across buffer edges."""
    monkeypatch.setattr("ingest.record_files.CHUNK", 64)
    elements = [
        {"id": f"e{n}", "text": QUOTE * (1 + n % 7), "published": "2021-07-0" + str(1 + n % 9)} for n in range(60)
    ]
    path = tmp_path / "array.json"
    path.write_text("[\n" + ",\n".join(json.dumps(e, indent=1) for e in elements) + "\n]\n", encoding="utf-8")
    items = list(read_articles(str(path)))
    assert [item.path for item in items] == [f"{path}#e{n}" for n in range(60)]
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = path.read_text(encoding="utf-8").replace('"e42"', '"e42" "oops"')
    path.write_text(broken, encoding="utf-8")
    items = list(read_articles(str(path)))
    expected_line = next(n for n, line in enumerate(lines, 1) if '"e42"' in line)
    assert items[-1].path == f"{path}:{expected_line}" and "rest of file skipped" in items[-1].reason
    assert len(items) == 43


@pytest.mark.slow
def test_reading_a_large_file_of_records_keeps_memory_flat(tmp_path):
    """40,000 records (1.4 MB): reading them all holds one at a time, never the file (make
    reliability ingests a million)."""
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(40_000):
            out.write(json.dumps({"id": number, "text": f"Record {number} said."}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in read_articles(str(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 40_000
    assert peak < size / 4, f"peak {peak:,} bytes while reading {size:,}"


def test_standard_input_has_a_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(formats_module, "MAX_BYTES", 1000)
    result = ingest_stdin(tmp_path / "q.db", "-", input=QUOTE * 50)
    assert rejection(result.stderr, "<stdin>").startswith("over the 1,000-byte limit for one document")
    result = ingest_stdin(tmp_path / "q.db", "-", input="".join(record(f"r{n}") + "\n" for n in range(30)))
    assert result.exit_code == 0 and "30 added" in result.stdout  # records stream: no cap needed


@pytest.mark.parametrize(
    "encoding, looks",
    [
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
        ("utf-32-le", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
    ],
)
def test_utf16_or_32_without_a_bom_is_named(tmp_path, encoding, looks):
    for name in ("article.txt", "records.jsonl", "table.csv"):
        path = tmp_path / name
        text = QUOTE if name.endswith(".txt") else record("r1") if name.endswith(".jsonl") else "id,text\n1,hello\n"
        path.write_bytes(text.encode(encoding))
        result = ingest(tmp_path / "q.db", path)
        reason = rejection(result.stderr, path)
        assert reason.startswith(f"looks like {looks} without a byte order mark: convert it first"), reason


# --- the load verb (JSON Lines written by extract) ---


def export_lines(tmp_path: Path) -> list[dict]:
    path = tmp_path / "records.jsonl"
    path.write_text(to_json(process_article(read_article(str(SEED)))) + "\n", encoding="utf-8")
    return [json.loads(path.read_text(encoding="utf-8"))]


def broken_records(good: dict) -> dict[str, tuple[dict, str]]:
    def changed(edit) -> dict:
        copy = json.loads(json.dumps(good))
        edit(copy)
        return copy

    return {
        "missing position": (changed(lambda r: r["quotes"][0].pop("paragraph_position")), "field(s) missing"),
        "dict title": (changed(lambda r: r["article"].update(title={"a": 1})), "article.title: an object"),
        "string offset": (changed(lambda r: r["quotes"][0].update(start="12")), "quotes[0].start: a string"),
        "bool offset": (changed(lambda r: r["quotes"][0].update(end=True)), "quotes[0].end: true or false"),
        "null text": (changed(lambda r: r["article"].update(text=None)), "article.text: null"),
        "no paragraph": (changed(lambda r: r["quotes"][0].update(paragraph_position=999)), "paragraph 999"),
        "offsets out": (changed(lambda r: r["quotes"][0].update(end=10**9)), "outside its paragraph"),
        "list not set": (changed(lambda r: r["speakers"][0].update(aliases="Jo")), "a string where"),
    }


def test_load_refuses_a_malformed_record_and_loads_the_rest(tmp_path):
    (good,) = export_lines(tmp_path)
    broken = broken_records(good)
    lines = [json.dumps(record) for record, _ in broken.values()] + [json.dumps(good)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest("load", tmp_path / "q.db", path)
    for number, (name, (_, reason)) in enumerate(broken.items(), 1):
        assert reason in (rejection(result.stderr, f"{path}:{number}") or ""), (name, result.stderr)
    assert "Traceback" not in result.output and result.exit_code == 1 and "1 added" in result.stdout


def test_load_refuses_devices_and_fifos_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    done = threading.Event()
    outcome = {}

    def run():
        outcome["result"] = ingest("load", tmp_path / "q.db", "/dev/zero", fifo)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(60), "load hung on /dev/zero or a FIFO"
    result = outcome["result"]
    assert rejection(result.stderr, "/dev/zero") == "not a regular file (character device)"
    assert rejection(result.stderr, fifo) == "not a regular file (named pipe)"
    assert result.exit_code == 1


def test_extract_into_a_missing_folder_is_one_line(tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "out.jsonl"
    result = ingest("extract", SEED, "-o", out, "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {out}: cannot write it: No such file or directory"]
    result = ingest("--export-jsonl", out, SEED)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_load_from_standard_input(tmp_path):
    (good,) = export_lines(tmp_path)
    result = ingest_stdin("load", tmp_path / "q.db", "-", input=json.dumps(good) + "\n")
    assert result.exit_code == 0 and "1 added" in result.stdout


def test_read_articles_streams_standard_input_records(tmp_path, monkeypatch):
    data = "".join(record(f"r{n}") + "\n" for n in range(5)).encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert [a.path for a in read_articles("-")] == [f"<stdin>#r{n}" for n in range(5)]
