"""Record files (JSON Lines, JSON arrays, CSV and TSV) read as a stream: one record in memory at a
time, however large the file, and a record that cannot be read costs that record only, reported
with its line number.

- JSON Lines: a line ends at "\\n" only, as the format says (U+2028, U+0085 or a form feed inside a
  JSON string is text, not a line end). Each line is decoded and parsed on its own, so invalid
  UTF-8, invalid JSON, nesting too deep for the parser, a 5,000-digit number or a line over
  MAX_RECORD_BYTES loses that line, and the next line is read as usual.
- JSON: an array of objects, parsed one element at a time from a buffer that grows only as far
  as the element being parsed; a syntax error ends the array (what follows cannot be told apart
  reliably). A file holding one object, or JSON Lines misnamed .json, is read whole.
- CSV and TSV: the csv module over the decoded stream; a quoted field may span lines.

Each reader yields (line number, dict) or (line number, InputError)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from typing import BinaryIO

from .read import BOMS, MAX_BYTES, InputError, sniff_problem

MAX_RECORD_BYTES = 100_000_000  # one line of JSON Lines: an article is at most 10 million characters
CHUNK = 1 << 20
csv.field_size_limit(2**31 - 1)  # an article's text easily passes csv's default 128 KiB field limit

Records = Iterator[tuple[int, "dict | InputError"]]


def record_stream(path: str, data: BinaryIO, fmt: str) -> Records:
    """The records of one file (path as shown in messages) in format fmt: jsonl, json, csv or tsv."""
    data = peekable(data)
    head = data.peek(8192)[:8192]
    problem = sniff_problem(head)
    if problem:
        yield 1, InputError(path, problem)
        return
    encoding = next((name for bom, name in BOMS if head.startswith(bom)), "utf-8-sig")
    if fmt == "jsonl":
        yield from jsonl_stream(path, data, encoding)
    elif fmt == "json":
        yield from json_stream(path, data, encoding)
    else:
        yield from csv_stream(path, data, encoding, "\t" if fmt == "tsv" else ",")


def peekable(data: BinaryIO) -> io.BufferedReader:
    return data if hasattr(data, "peek") else io.BufferedReader(data)  # type: ignore[arg-type]


# JSON Lines


def jsonl_stream(path: str, data: BinaryIO, encoding: str) -> Records:
    for number, line in text_lines(data, encoding):
        where = f"{path}:{number}"
        if isinstance(line, InputError):
            yield number, InputError(where, line.reason)
        elif line.strip():
            yield number, json_object(where, line.removesuffix("\n").removesuffix("\r"))


def text_lines(data: BinaryIO, encoding: str) -> Iterator[tuple[int, str | InputError]]:
    """Each line (ending at "\\n" only) decoded on its own when the file is UTF-8, so a bad byte
    costs its line; in a UTF-16 or UTF-32 file (with its BOM) an undecodable byte ends the file."""
    if encoding == "utf-8-sig":
        for number, raw in binary_lines(data):
            if raw is None:
                yield number, InputError("", f"a line of over {MAX_RECORD_BYTES:,} bytes, skipped")
                continue
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield (
                    number,
                    InputError("", f"not valid UTF-8: byte 0x{raw[error.start]:02x} at column {error.start + 1}"),
                )
        return
    text = io.TextIOWrapper(data, encoding=encoding, newline="\n")
    number = 0
    try:
        while line := text.readline(MAX_RECORD_BYTES):
            number += 1
            yield number, line.removeprefix("\ufeff") if number == 1 else line
    except UnicodeDecodeError as error:
        yield number + 1, InputError("", f"not valid {encoding.upper()} ({error.reason}); rest of file skipped")


def binary_lines(data: BinaryIO, limit: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line ending at b"\\n"; None for a line over limit bytes, which
    is read past in chunks rather than held."""
    number = 0
    while line := data.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := data.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def json_object(where: str, text: str) -> dict | InputError:
    """The object on one line, or the InputError saying why it is not one."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return InputError(where, f"invalid JSON ({json_problem(error)})")
    except RecursionError:
        return InputError(where, "invalid JSON (nested too deeply to read)")
    except ValueError as error:  # a number of over 4,300 digits
        return InputError(where, f"invalid JSON ({error})")
    return value if isinstance(value, dict) else InputError(where, "not a JSON object")


def json_problem(error: json.JSONDecodeError) -> str:
    return f"{error.msg.removesuffix(' at')} at column {error.colno}"  # 'Unterminated string starting at'


# JSON


def json_stream(path: str, data: BinaryIO, encoding: str) -> Records:
    """A JSON array of objects, read element by element; one object; or (misnamed) JSON Lines."""
    chunks = decoded_chunks(data, encoding)
    start = ""
    for chunk in chunks:
        start += chunk
        if start.lstrip("\ufeff \t\r\n"):
            break
    if start.lstrip("\ufeff \t\r\n").startswith("["):
        yield from json_array_stream(path, start, chunks)
        return
    rest = whole(start, chunks)
    if rest is None:
        yield 1, InputError(path, f"a JSON object of over {MAX_BYTES:,} characters (split it, or write JSON Lines)")
        return
    try:
        value = json.loads(rest.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        yield from jsonl_stream(path, io.BytesIO(rest.encode("utf-8", "surrogatepass")), "utf-8-sig")
        return
    yield 1, value if isinstance(value, dict) else InputError(f"{path}:1", "not a JSON object or array of objects")


def whole(start: str, chunks: Iterator[str]) -> str | None:
    """start and the rest of the chunks as one string; None past MAX_BYTES characters."""
    parts, size = [start], len(start)
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            return None
    return "".join(parts)


def decoded_chunks(data: BinaryIO, encoding: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)()
    while chunk := data.read(CHUNK):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


class ArrayReader:
    """Elements of a JSON array from a stream of text chunks, holding only the current element."""

    def __init__(self, text: str, chunks: Iterator[str]):
        self.buffer, self.chunks, self.more = text, chunks, True
        self.position = 0
        self.line = 1  # the line number of self.position
        self.counted_to = 0  # self.line counts the newlines before this offset of the buffer

    def fill(self) -> bool:
        """Drop what has been read and at least double what is left (so that an element of any size
        is parsed a few times, not once per chunk); False at the end."""
        if not self.more:
            return False
        self.line_at(self.position)
        self.buffer, self.counted_to = self.buffer[self.position :], 0
        self.position = 0
        added: list[str] = []
        wanted = max(CHUNK, len(self.buffer))
        while sum(map(len, added)) < wanted:
            chunk = next(self.chunks, None)
            if chunk is None:
                self.more = False
                break
            added.append(chunk)
        self.buffer += "".join(added)
        return bool(added)

    def line_at(self, position: int) -> int:
        self.line += self.buffer.count("\n", self.counted_to, position)
        self.counted_to = position
        return self.line

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end), moving up to it."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position] in " \t\r\n":
                self.position += 1
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if not self.fill():
                return ""


def json_array_stream(path: str, text: str, chunks: Iterator[str]) -> Records:
    reader = ArrayReader(text.lstrip("\ufeff"), chunks)
    decoder = json.JSONDecoder()
    reader.skip_space()
    reader.position += 1  # the "["
    if reader.skip_space() == "]":
        return
    while True:
        line = reader.line_at(reader.position)
        try:
            value, end = decoder.raw_decode(reader.buffer, reader.position)
            if end == len(reader.buffer) and reader.more:  # a number cut by the chunk's end parses too
                raise json.JSONDecodeError("Expecting ',' delimiter", reader.buffer, end)
        except json.JSONDecodeError as error:
            unfinished = error.msg.startswith("Unterminated string") or error.pos >= len(reader.buffer) - 64
            if unfinished and reader.fill():
                continue
            where = reader.line_at(min(error.pos, len(reader.buffer)))
            yield where, InputError(f"{path}:{where}", f"invalid JSON ({json_problem(error)}); rest of file skipped")
            return
        except RecursionError:
            yield line, InputError(f"{path}:{line}", "invalid JSON (nested too deeply to read); rest of file skipped")
            return
        except ValueError as error:
            yield line, InputError(f"{path}:{line}", f"invalid JSON ({error}); rest of file skipped")
            return
        yield line, value if isinstance(value, dict) else InputError(f"{path}:{line}", "not a JSON object")
        reader.position = end
        after = reader.skip_space()
        if after == ",":
            reader.position += 1
            reader.skip_space()
        elif after == "]":
            reader.position += 1
            if reader.skip_space() == "":
                return
            line = reader.line_at(reader.position)
            yield line, InputError(f"{path}:{line}", "invalid JSON (text after the array); rest of file skipped")
            return
        else:
            line = reader.line_at(reader.position)
            yield line, InputError(f"{path}:{line}", "invalid JSON (expected ',' or ']'); rest of file skipped")
            return


# CSV and TSV


def csv_stream(path: str, data: BinaryIO, encoding: str, delimiter: str = ",") -> Records:
    """Rows under a header row; each with the line it starts on (quoted fields may span lines)."""
    text = io.TextIOWrapper(data, encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error, UnicodeDecodeError):
        yield 1, InputError(path, "no CSV header row")
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as error:
            yield line, InputError(f"{path}:{line}", f"invalid CSV ({error}); rest of file skipped")
            return
        if any(cell.strip() for cell in row):
            if len(row) != len(header):
                yield line, InputError(f"{path}:{line}", f"{len(row)} fields, the header has {len(header)}")
            else:
                yield line, dict(zip(header, row, strict=True))
        line = reader.line_num + 1


class SeenKeys:
    """The key of every record read from one file, and the line it was on, kept in a temporary
    SQLite database on disk (SQLite spills it to a file past its page cache), so telling a
    repeated id needs no memory per record."""

    def __init__(self):
        self.conn: sqlite3.Connection | None = None

    def first_line(self, key: str, line: int) -> int | None:
        """The line key was first seen on, or None (and key is remembered at line)."""
        if self.conn is None:
            self.conn = sqlite3.connect("")
            self.conn.execute("create table seen (key text primary key, line integer) without rowid")
        row = self.conn.execute("select line from seen where key = ?", [key]).fetchone()
        if row:
            return row[0]
        self.conn.execute("insert into seen values (?, ?)", [key, line])
        return None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
