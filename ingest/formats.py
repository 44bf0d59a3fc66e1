"""Input formats: turn one input's text into Articles. A text or HTML file is one article; a JSON
Lines, JSON or CSV file holds one article per record.

Which format: --format, else the file extension (.html .jsonl .json .csv .tsv .txt), else the
content (a page starting with HTML tags; '{"' or '[{' for JSON). A bad record becomes an
InputError naming FILE:LINE and the rest of the file still goes in.

Where a record is stored (articles.path, the key re-ingesting compares): 'FILE#ID' when the
record has an id, else 'FILE#URL' when it has a url, else 'FILE:LINE'. Standard input has no file
name: it is '<stdin>', and a document or record from it with no id or url is keyed by a hash of its
text, so piping the same content twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath

from .dates import DateError, normalise_date
from .markup import markup_problem
from .models import Article
from .pagecharset import bom_encoding, decode_page
from .read import InputError, InputWarning, decode_text, read_bytes
from .webpage import read_html

FORMATS = ("auto", "text", "html", "jsonl", "json", "csv", "tsv")
EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".txt": "text", ".text": "text", ".md": "text",
}  # fmt: skip
STDIN = "<stdin>"
HTML_START = re.compile(r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
JSON_START = re.compile(r'^(?:\{\s*"|\[\s*[{\]])')
SNIFF_CHARS = 4096
csv.field_size_limit(2**31 - 1)  # an article's text easily passes csv's default 128 KiB field limit


@dataclass(frozen=True)
class FieldMap:
    """Record field names to look for, in order; a dotted name ('source.name') reaches into
    nested objects. Names match exactly, else case-insensitively."""

    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date", "published_at", "publication_date", "datePublished")
    outlet: tuple[str, ...] = ("outlet", "source", "publisher", "site_name")
    author: tuple[str, ...] = ("author", "authors", "byline")
    id: tuple[str, ...] = ("id",)

    def overridden(self, **names: str | None) -> FieldMap:
        """A copy with the fields named on the command line replacing the defaults."""
        return replace(self, **{field: (name,) for field, name in names.items() if name})


RECORD_FORMATS = ("jsonl", "json", "csv", "tsv")


def holds_records(path: str, fmt: str = "auto") -> bool:
    """Whether the input is, by --format or its extension, a file of many articles (or standard
    input): those are read first and their records shared out, while a file holding one article
    is best read by the worker that extracts it. (A .txt file may still turn out to be JSON.)"""
    declared = EXTENSIONS.get(PurePath(path).suffix.lower()) if fmt == "auto" else fmt
    return path == "-" or declared in RECORD_FORMATS


def detect_format(path: str, text: str) -> str:
    by_extension = EXTENSIONS.get(PurePath(path).suffix.lower())
    if by_extension and by_extension != "text":
        return by_extension
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if HTML_START.match(head):
        return "html"
    if JSON_START.match(head):
        return "json"
    return "text"


def read_articles(path: str, fmt: str = "auto", fields: FieldMap = FieldMap()) -> Iterator[Article | InputError]:
    """Every article in one input file, or in standard input when path is '-'. A web page is decoded
    as a browser decodes it (ingest/pagecharset.py); anything else must be UTF-8, or UTF-16/32 with
    a byte order mark."""
    source = STDIN if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else read_bytes(path)
        if is_web_page(source, data, fmt):
            text, repairs = decode_page(source, data)
            if repairs:
                yield InputWarning(source, repairs)
        else:
            text = decode_text(source, data)
    except InputError as error:
        yield error
        return
    yield from parse_articles(source, text, fmt, fields)


def is_web_page(path: str, data: bytes, fmt: str) -> bool:
    """Whether the input is one web page, by --format, else by extension, else by its first bytes."""
    if fmt != "auto":
        return fmt == "html"
    _, unmarked = bom_encoding(data[:SNIFF_CHARS])
    return detect_format(path, unmarked.decode("latin-1")) == "html"


def parse_articles(
    path: str, text: str, fmt: str = "auto", fields: FieldMap = FieldMap()
) -> Iterator[Article | InputError]:
    """The articles in one input (path as given, or STDIN), in order; bad records as InputErrors."""
    fmt = detect_format(path, text) if fmt == "auto" else fmt
    if fmt in ("text", "html"):
        try:
            article = document_article(path, text, fmt)
        except InputError as error:
            yield error
            return
        yield article
        return
    records = {"jsonl": jsonl_records, "json": json_records, "csv": csv_records, "tsv": tsv_records}[fmt]
    seen: dict[str, int] = {}
    for line, record in records(path, text):
        if isinstance(record, InputError):
            yield record
            continue
        try:
            article = record_article(path, line, record, fields)
        except InputError as error:
            yield error
            continue
        if article.path in seen:
            yield InputError(f"{path}:{line}", f"same id or url as line {seen[article.path]}, skipped")
            continue
        seen[article.path] = line
        yield article


def document_article(path: str, text: str, fmt: str) -> Article:
    article = page_article(path, text) if fmt == "html" else Article(path=path, text=text)
    if path == STDIN:
        article.path = f"{STDIN}#{article.url or text_key(text)}"
    return article


def page_article(path: str, html: str) -> Article:
    problem = markup_problem(html)  # before reading: some markup takes the reader hours
    if problem:
        raise InputError(path, problem)
    article = read_html(path, html)
    if not article.paragraphs:
        raise InputError(path, "no text found in the HTML page")
    return article


def text_key(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Records: each reader yields (line number, dict) or (line number, InputError).


def jsonl_records(path: str, text: str) -> Iterator[tuple[int, dict | InputError]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield number, json_object(path, number, line)


def json_object(path: str, number: int, line: str) -> dict | InputError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return InputError(f"{path}:{number}", f"invalid JSON ({json_problem(error)})")
    return value if isinstance(value, dict) else InputError(f"{path}:{number}", "not a JSON object")


def json_problem(error: json.JSONDecodeError) -> str:
    return f"{error.msg.removesuffix(' at')} at column {error.colno}"  # 'Unterminated string starting at'


def json_records(path: str, text: str) -> Iterator[tuple[int, dict | InputError]]:
    """A JSON array of objects, one object, or (misnamed .json) JSON Lines."""
    if text.lstrip("\ufeff \t\r\n").startswith("["):
        yield from json_array_records(path, text)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        yield from jsonl_records(path, text)  # reports each bad line by number
        return
    yield 1, value if isinstance(value, dict) else InputError(f"{path}:1", "not a JSON object or array of objects")


def json_array_records(path: str, text: str) -> Iterator[tuple[int, dict | InputError]]:
    """Each element with the line it starts on. A syntax error ends the array: what follows it
    cannot be told apart reliably, so it is reported once with its line."""
    decoder = json.JSONDecoder()
    position = skip_space(text, text.index("[") + 1)
    if text.startswith("]", position):
        return
    while True:
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield (
                error.lineno,
                InputError(f"{path}:{error.lineno}", f"invalid JSON ({json_problem(error)}); rest of file skipped"),
            )
            return
        yield line, value if isinstance(value, dict) else InputError(f"{path}:{line}", "not a JSON object")
        position = skip_space(text, position)
        if text.startswith(",", position):
            position = skip_space(text, position + 1)
        elif text.startswith("]", position) and not text[position + 1 :].strip():
            return
        else:
            line = text.count("\n", 0, position) + 1
            yield line, InputError(f"{path}:{line}", "invalid JSON (expected ',' or ']'); rest of file skipped")
            return


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def csv_records(path: str, text: str, delimiter: str = ",") -> Iterator[tuple[int, dict | InputError]]:
    """Rows under a header row; each with the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield 1, InputError(path, "no CSV header row")
        return
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, InputError(f"{path}:{line}", f"invalid CSV ({error})")
            return
        if any(cell.strip() for cell in row):
            if len(row) != len(header):
                yield line, InputError(f"{path}:{line}", f"{len(row)} fields, the header has {len(header)}")
            else:
                yield line, dict(zip(header, row, strict=True))
        line = reader.line_num + 1


def tsv_records(path: str, text: str) -> Iterator[tuple[int, dict | InputError]]:
    return csv_records(path, text, delimiter="\t")


# One record → one Article.


def record_article(path: str, line: int, record: dict, fields: FieldMap) -> Article:
    where = f"{path}:{line}"
    text = field_value(record, fields.text)
    if not text:
        raise InputError(where, f"no text (looked for field {' or '.join(fields.text)})")
    metadata = {name: field_value(record, getattr(fields, name)) for name in ("title", "url", "outlet", "author")}
    try:
        published = normalise_date(field_value(record, fields.published))
    except DateError as error:
        raise InputError(where, str(error)) from None
    key = field_value(record, fields.id) or metadata["url"]
    article = page_article(where, text) if HTML_START.match(text.lstrip()) else Article(path=where, text=text)
    article.path = f"{path}#{key}" if key else f"{path}#{text_key(text)}" if path == STDIN else where
    for name, value in metadata.items():
        setattr(article, name, value or getattr(article, name))
    article.published = published or article.published
    return article


def field_value(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = lookup(record, name)
        if value is not None:
            text = as_text(value)
            if text:
                return text
    return None


def lookup(record: dict, dotted: str):
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        if part in value:
            value = value[part]
        else:
            matches = [key for key in value if key.lower() == part.lower()]
            if not matches:
                return None
            value = value[matches[0]]
    return value


def as_text(value) -> str | None:
    """Field values as text: lists of authors are joined, a {"name": ...} object gives its name."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        parts = [as_text(item) for item in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return as_text(value.get("name"))
    return None
