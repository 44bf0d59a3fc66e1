"""Input formats: turn one input's text into Articles. A text or HTML file is one article; a JSON
Lines, JSON or CSV file holds one article per record.

Which format: --format, else the file extension (.html .jsonl .json .csv .tsv .txt), else the
content (a page starting with HTML tags; '{"' or '[{' for JSON). A bad record becomes an
InputError naming FILE:LINE and the rest of the file still goes in.

Where an article is stored (articles.path, the key re-ingesting compares; ingest/keys.py): a file
by its key (its resolved path, or its path under --root); a record by 'FILE#ID' when it has an id,
else by its URL, else by 'FILE:LINE'. Standard input has no file name: it is '<stdin>', and a
document or record from it with no id or url is keyed by a hash of its text, so piping the same
content twice adds nothing.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath

from .dates import DateError, normalise_date
from .markup import markup_problem
from .models import Article
from .pagecharset import bom_encoding, decode_page
from .read import MAX_BYTES, InputError, InputWarning, decode_text, path_problem, read_bytes
from .record_files import SeenKeys, peekable, record_stream
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


def read_articles(
    path: str, fmt: str = "auto", fields: FieldMap = FieldMap(), key: str | None = None
) -> Iterator[Article | RecordPage | InputError]:
    """Every article in one input file, or in standard input when path is '-'. A file of records
    (by --format, or by its extension; standard input that starts like JSON) is read as a stream,
    a record at a time, and a record holding a web page comes as a RecordPage, read by the worker
    that extracts it. Anything else is read whole: a web page decoded as a browser decodes it
    (ingest/pagecharset.py), the rest UTF-8, or UTF-16/32 with a byte order mark. key is the
    file's key (keys.file_key), path as given when None; messages name path as given."""
    source = STDIN if path == "-" else path
    key = STDIN if path == "-" else key or path
    if path == "-":
        head = stdin_head().lstrip(b"\xef\xbb\xbf \t\r\n").decode("latin-1")
        declared = fmt if fmt != "auto" else "json" if JSON_START.match(head) else None
    else:
        declared = EXTENSIONS.get(PurePath(path).suffix.lower()) if fmt == "auto" else fmt
    if declared in RECORD_FORMATS:
        yield from stream_articles(source, path, declared, fields, key)
        return
    try:
        data = read_stdin() if path == "-" else read_bytes(path)
        if is_web_page(source, data, fmt):
            text, repairs = decode_page(source, data)
            if repairs:
                yield InputWarning(source, repairs)
        else:
            text = decode_text(source, data)
    except InputError as error:
        yield error
        return
    yield from parse_articles(source, text, fmt, fields, key)


def stream_articles(
    source: str, path: str, fmt: str, fields: FieldMap, key: str
) -> Iterator[Article | RecordPage | InputError]:
    problem = None if path == "-" else path_problem(path)
    if problem:
        yield problem
        return
    try:
        data = stdin_bytes() if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        yield InputError(path, error.strerror or str(error))
        return
    try:
        yield from record_articles(source, record_stream(source, data, fmt), fields, key)
    finally:
        if path != "-":
            data.close()


def stdin_head() -> bytes:
    return stdin_bytes().peek(SNIFF_CHARS)[:SNIFF_CHARS]


_stdin: list = [None, None]  # standard input's binary stream, and the peekable reader made for it


def stdin_bytes():
    """Standard input as one peekable binary stream, the same one for every read (a second reader
    made over it would lose what the first had buffered, or close it when dropped)."""
    if _stdin[0] is not sys.stdin.buffer:
        _stdin[:] = [sys.stdin.buffer, peekable(sys.stdin.buffer)]
    return _stdin[1]


def read_stdin() -> bytes:
    """Standard input, whole, up to the limit on one file: it may be a document (not records)."""
    data = stdin_bytes().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(STDIN, f"over the {MAX_BYTES:,}-byte limit for one document (split it, or send JSON Lines)")
    return data


def is_web_page(path: str, data: bytes, fmt: str) -> bool:
    """Whether the input is one web page, by --format, else by extension, else by its first bytes."""
    if fmt != "auto":
        return fmt == "html"
    _, unmarked = bom_encoding(data[:SNIFF_CHARS])
    return detect_format(path, unmarked.decode("latin-1")) == "html"


def parse_articles(
    path: str, text: str, fmt: str = "auto", fields: FieldMap = FieldMap(), key: str | None = None
) -> Iterator[Article | InputError]:
    """The articles in one input already read (path as given, or STDIN; key the file's key, path
    when None), in order; bad records as InputErrors; a record's web page read here."""
    key = key or path
    fmt = detect_format(path, text) if fmt == "auto" else fmt
    if fmt in ("text", "html"):
        try:
            yield document_article(path, text, fmt, key)
        except InputError as error:
            yield error
        return
    stream = record_stream(path, io.BytesIO(text.encode("utf-8", "surrogatepass")), fmt)
    for item in record_articles(path, stream, fields, key):
        yield item.read() if isinstance(item, RecordPage) else item


def record_articles(
    path: str, records, fields: FieldMap, key: str | None = None
) -> Iterator[Article | RecordPage | InputError]:
    """One Article (or RecordPage) per record; the InputError of a bad one instead, which costs
    that record only; a second record with the same key is an error. key: the file's key."""
    seen = SeenKeys()
    try:
        for line, record in records:
            if isinstance(record, InputError):
                yield record
                continue
            try:
                article = record_article(path, line, record, fields, key)
            except InputError as error:
                yield error
                continue
            except Exception as error:  # noqa: BLE001 - one odd record must not cost the rest of the file
                yield InputError(f"{path}:{line}", f"could not be read ({type(error).__name__}: {error})")
                continue
            first = seen.first_line(article.key if isinstance(article, RecordPage) else article.path, line)
            if first is not None:
                yield InputError(f"{path}:{line}", f"same id or url as line {first}, skipped")
                continue
            yield article
    finally:
        seen.close()


def document_article(path: str, text: str, fmt: str, key: str | None = None) -> Article:
    article = page_article(path, text) if fmt == "html" else Article(path=path, text=text)
    article.path = f"{STDIN}#{article.url or text_key(text)}" if path == STDIN else key or path
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


# One record → one Article.


def record_article(
    path: str, line: int, record: dict, fields: FieldMap, file_key: str | None = None
) -> Article | RecordPage:
    where, file_key = f"{path}:{line}", file_key or path
    text = field_value(record, fields.text)
    if not text:
        raise InputError(where, f"no text (looked for field {' or '.join(fields.text)})")
    metadata = {name: field_value(record, getattr(fields, name)) for name in ("title", "url", "outlet", "author")}
    try:
        published = normalise_date(field_value(record, fields.published))
    except DateError as error:
        raise InputError(where, str(error)) from None
    record_id, url = field_value(record, fields.id), metadata["url"]
    if record_id:
        key = f"{file_key}#{record_id}"
    else:
        key = url or (f"{STDIN}#{text_key(text)}" if path == STDIN else f"{file_key}:{line}")
    page = RecordPage(
        where=where,
        key=key,
        text=text,
        metadata={**metadata, "published": published},
    )
    return page if HTML_START.match(text.lstrip()) else page.read()


@dataclass(frozen=True)
class RecordPage:
    """A record of a JSON Lines, JSON or CSV file, its text to be read (a whole web page, when the
    record holds one). Reading a page can be slow, so the process reading the file hands it on
    unread, and the worker that extracts it reads it, under the time limit; read() gives the
    Article, with the record's own metadata over the page's, or the InputError refusing it."""

    where: str  # FILE:LINE, for messages
    key: str  # articles.path
    text: str
    metadata: dict

    @property
    def path(self) -> str:
        return self.where

    def read(self) -> Article | InputError:
        try:
            article = page_article(self.where, self.text) if HTML_START.match(self.text.lstrip()) else None
        except InputError as error:
            return error
        article = article or Article(path=self.key, text=self.text)
        article.path = self.key
        for name, value in self.metadata.items():
            setattr(article, name, value or getattr(article, name))
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
            key = folded_keys(value).get(part.lower())
            if key is None:
                return None
            value = value[key]
    return value


def folded_keys(record: dict) -> dict[str, str]:
    """Each key of record by its lower case, the first key winning (a record has a few keys, and
    each of its seven fields is looked up by several names, case-insensitively)."""
    folded = FOLDED.get(id(record))
    if folded is None or folded[0] is not record:
        folded = (record, {key.lower(): key for key in reversed(record) if isinstance(key, str)})
        FOLDED.clear()  # only the record being read is kept
        FOLDED[id(record)] = folded
    return folded[1]


FOLDED: dict[int, tuple[dict, dict[str, str]]] = {}


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
