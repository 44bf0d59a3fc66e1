"""Fault scenarios shared by tests/test_reliability*.py and scripts/reliability.py: a folder of bad
inputs with the error each must get, hostile search strings, and the checks a database must pass
after anything (a crash, a concurrent writer, a re-run)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3d888245f5eff5d7.txt"
FTS_TABLES = ("quotes_fts", "paragraphs_fts", "speakers_fts")
TABLES = ("articles", "paragraphs", "quotes", "speakers", "affiliations", "speaker_aliases", *FTS_TABLES)

QUOTE = "‘We will rebuild the bridge by spring,’ said Maria Lopez, a spokeswoman for the Transport Ministry.\n"
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge to reopen</title></head><body><article>"
    "<h1>Bridge to reopen</h1><p>“We will rebuild the bridge by spring,” said Maria Lopez, a spokeswoman"
    " for the Transport Ministry.</p><p>Work starts on Monday, officials said.</p></article></body></html>"
)
# Inputs a user might type into a search box or a canned query's form, chosen to break FTS5 syntax,
# LIKE patterns or the page.
HOSTILE_SEARCHES = [
    '"',
    '""',
    '"unbalanced',
    "NEAR(",
    "NEAR(a b",
    "*",
    "a*b*",
    "AND OR",
    "OR",
    "NOT",
    "-",
    "^",
    "(",
    ")",
    "a:b",
    "quotes_fts:",
    "{a b}",
    "%",
    "_",
    "'; drop table quotes; --",
    "\x00",
    "\x01\x02\x1b[31m",
    "\u202e\ufeff",
    "\U0001f600 emoji",
    "<script>alert(1)</script>",
    "x" * 5000,
    "taliban " * 500,
    '"' * 301,
]

# Article URLs that must never become links: script in any casing, behind spaces or control
# characters, with a tab or newline inside (browsers drop those), entities, other schemes.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "java\nscript:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "\u00a0javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https:javascript:alert(1)",
    "//evil.example/",
    'https://ok.example/" onmouseover="alert(1)',
]
SAFE_URL = "https://news.example/story?id=1&page=2"


@dataclass
class Expected:
    """What must happen to one input: rejected with a reason containing `reason`, or ingested."""

    path: Path
    reason: str | None  # None: ingested


def build_bad_inputs(folder: Path, one_line_bytes: int = 300_000) -> list[Expected]:
    """Write the fault corpus into folder (created); returns what must happen to each input.
    Inputs that cannot be made on this system (a FIFO, a non-UTF-8 file name) are left out."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: list[Expected] = []

    def write(name: str, data: bytes | str, reason: str | None) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected.append(Expected(path, reason))
        return path

    shutil.copy(SEED, folder / "good.txt")
    expected.append(Expected(folder / "good.txt", None))
    write("utf8_bom.txt", "\ufeff" + QUOTE, None)
    write("utf16_bom.txt", ("\ufeff" + QUOTE).encode("utf-16-le"), None)
    write("utf16_be_bom.txt", ("\ufeff" + QUOTE).encode("utf-16-be"), None)
    write("html_as_text.txt", HTML_PAGE, None)
    write("folder_named.txt/inside.txt", QUOTE, None)
    write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG image, not text")
    write("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image, not text")
    write(
        "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document, not text"
    )
    write("document.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "ZIP archive")
    write("latin1.txt", "Café owners said the bridge was closed.\n".encode("latin-1"), "not valid UTF-8: byte 0xe9")
    write("empty.txt", b"", "empty file")
    write("whitespace.txt", " \n\n\t\r\n  \n", "only whitespace")
    write("nul_bytes.txt", QUOTE * 200 + "tail \x00 of the file\n", "contains NUL bytes")
    write("control_chars.txt", "".join(chr(c) for c in range(1, 9)) * 50, "mostly control characters")
    write(
        "one_line.txt",
        ("Word salad without any line break. " * (one_line_bytes // 35 + 1))[:one_line_bytes],
        "a paragraph of",
    )
    write("records.jsonl", json.dumps({"id": "r1", "text": QUOTE}) + "\n{not json\n", None)
    expected[-1] = Expected(Path(f"{folder / 'records.jsonl'}#r1"), None)
    expected.append(Expected(Path(f"{folder / 'records.jsonl'}:2"), "invalid JSON"))
    write("surrogates.jsonl", '{"id": "s1", "text": "He said \\udc80 nothing."}\n', None)
    expected[-1] = Expected(Path(f"{folder / 'surrogates.jsonl'}#s1"), "unpaired surrogate")

    broken = folder / "broken_link.txt"
    broken.symlink_to(folder / "does-not-exist.txt")
    expected.append(Expected(broken, "broken symbolic link"))
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    expected += [
        Expected(folder / "loop_a.txt", "symbolic link loop"),
        Expected(folder / "loop_b.txt", "symbolic link loop"),
    ]
    (folder / "cycle").mkdir()
    (folder / "cycle" / "back_up").symlink_to(folder)
    expected.append(Expected(folder / "cycle" / "back_up", "symbolic link loop (folder already walked)"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        expected.append(Expected(folder / "fifo.txt", "not a regular file (named pipe)"))
    try:
        bad_name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
        Path(os.fsdecode(bad_name)).write_text(QUOTE, encoding="utf-8")
        shown = os.fsdecode(bad_name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        expected.append(Expected(Path(shown), "file name is not valid UTF-8"))
    except (OSError, UnicodeError):
        pass  # a file system that refuses such names cannot hold one either
    return expected


def rejection(stderr: str, path: Path | str) -> str | None:
    """The reason on path's 'error: PATH: REASON' line, or None when there is no such line."""
    prefix = f"error: {path}: "
    return next((line[len(prefix) :] for line in stderr.splitlines() if line.startswith(prefix)), None)


def table_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return {table: conn.execute(f"select count(*) from [{table}]").fetchone()[0] for table in TABLES}


def database_problems(db_path: Path) -> list[str]:
    """Everything wrong with a database: SQLite integrity, FTS5 integrity (the index against its
    table), foreign keys, and half-written articles (stored counts that do not match the rows)."""
    problems = []
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("pragma integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        for fts in FTS_TABLES:
            # rank 1: also check the index against its external content table (the quotes,
            # paragraphs or speakers rows), not only its own structure.
            try:
                conn.execute(f"insert into [{fts}]([{fts}], rank) values ('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                problems.append(f"{fts} integrity-check: {error}")
        conn.rollback()
        if conn.execute("pragma foreign_key_check").fetchall():
            problems.append("foreign_key_check failed")
        problems += half_written_articles(conn)
    finally:
        conn.close()
    return problems


HALF_WRITTEN_SQL = """
select articles.id, articles.path from articles
where paragraph_count != (select count(*) from paragraphs where article_id = articles.id)
   or quote_count != (select count(*) from quotes where article_id = articles.id)
"""


def half_written_articles(conn: sqlite3.Connection) -> list[str]:
    return [f"article {id} ({path}) half-written" for id, path in conn.execute(HALF_WRITTEN_SQL)]


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """copies distinct articles: the seed with a numbered last paragraph (its own quote and speaker)."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(copies):
        path = folder / f"article_{number:05d}.txt"
        path.write_text(
            f"{seed}\n\n‘Report {number} is filed,’ said Officer Number{number}, a clerk at Registry {number}.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths
