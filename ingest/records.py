"""Extraction records as JSON Lines, for the scale-out path: run the extraction map anywhere
(`--export-jsonl`), load the results into one database later (`--load-jsonl`).

One line per ArticleRecord. The encoding follows the dataclasses in models.py field by field
(sets become sorted lists), and decoding rebuilds them from their type hints, so a field added
to a model round-trips without touching this module."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import json
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .models import ArticleRecord
from .read import InputError, path_problem
from .record_files import binary_lines

# One line holds one article with its paragraphs and quotes: an article is at most 10 million
# characters, and a record repeats its text about three times, in UTF-8 up to 4 bytes each.
MAX_RECORD_LINE_BYTES = 200_000_000

RECORD_FORMAT = "quote-ingest-record/1"
MODELS_SOURCE = Path(__file__).with_name("models.py")


class RecordError(ValueError):
    """A line that is not an extraction record; the message says why."""


def to_json(record: ArticleRecord) -> str:
    return json.dumps({"format": RECORD_FORMAT, **encode(record)}, ensure_ascii=False, separators=(",", ":"))


def from_json(line: str) -> ArticleRecord:
    data = json.loads(line)
    if not isinstance(data, dict) or data.pop("format", None) != RECORD_FORMAT:
        raise RecordError(f"not a {RECORD_FORMAT} line (written by extract --format jsonl or --export-jsonl)")
    return decode(ArticleRecord, data)


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(to_json(record) + "\n")
        count += 1
    return count


def read_jsonl(path: str) -> Iterator[ArticleRecord | InputError]:
    """Records from a file written by --export-jsonl ('-': standard input), read lazily, one line at
    a time; a line that is not a valid record is an InputError naming FILE:LINE, and the next line
    is read. A FIFO, a device (/dev/zero) or anything else that is not a regular file is refused
    before it is opened, and no line is held past MAX_RECORD_LINE_BYTES."""
    problem = None if path == "-" else path_problem(path)
    if problem:
        yield problem
        return
    with contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as data:
        for number, raw in binary_lines(data, MAX_RECORD_LINE_BYTES):
            where = f"{path}:{number}"
            if raw is None:
                yield InputError(where, f"a line of over {MAX_RECORD_LINE_BYTES:,} bytes, skipped")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield InputError(where, f"not valid UTF-8 (byte {error.start})")
                continue
            if line.strip():
                yield record_or_error(where, line)


def record_or_error(where: str, line: str) -> ArticleRecord | InputError:
    try:
        record = from_json(line)
    except RecursionError:
        return InputError(where, "invalid JSON (nested too deeply to read)")
    except json.JSONDecodeError as error:
        return InputError(where, f"invalid JSON ({error.msg} at column {error.colno})")
    except (ValueError, TypeError, KeyError) as error:
        return InputError(where, str(error))
    problem = record_problem(record)
    return InputError(where, problem) if problem else record


def record_problem(record: ArticleRecord) -> str | None:
    """What in a well-typed record the database could not take: a quote in a paragraph the record
    does not have, offsets outside their paragraph, two paragraphs at one position."""
    paragraphs = {p.position: p.text for p in record.paragraphs}
    if len(paragraphs) != len(record.paragraphs):
        return "two paragraphs with the same position"
    for number, quote in enumerate(record.quotes):
        text = paragraphs.get(quote.paragraph_position)
        if text is None:
            return f"quote {number} is in paragraph {quote.paragraph_position}, which the record does not have"
        if not 0 <= quote.start <= quote.end <= len(text):
            return (
                f"quote {number} has offsets {quote.start}-{quote.end} outside its paragraph ({len(text)} characters)"
            )
    return None


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(encode(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(hint: Any, value: Any, where: str = "record") -> Any:
    """value (parsed JSON) as the type hint says, checked on the way: a record with a field of the
    wrong type (an object where a title goes, a string where an offset goes) or a required field
    missing is refused with the field's name, not handed to the database."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            return None
        if len(options) == 1:
            return decode(options[0], value, where)
        for option in options:
            try:
                return decode(option, value, where)
            except RecordError:
                continue
        raise RecordError(f"{where}: {json_type(value)} where {hint} is needed")
    if value is None:
        raise RecordError(f"{where}: null where {type_name(hint)} is needed")
    if origin in (list, set, frozenset, tuple):
        expect(value, list, hint, where)
        (inner,) = typing.get_args(hint)[:1]
        return origin(decode(inner, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        expect(value, dict, hint, where)
        key_hint, value_hint = typing.get_args(hint)
        return {decode(key_hint, k, where): decode(value_hint, v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        expect(value, dict, hint, where)
        hints = field_hints(hint)
        unknown = set(value) - set(hints)
        if unknown:
            raise RecordError(f"unknown {hint.__name__} field(s): {', '.join(sorted(unknown))}")
        missing = [f.name for f in dataclasses.fields(hint) if f.name not in value and is_required(f)]
        if missing:
            raise RecordError(f"{where}: {hint.__name__} field(s) missing: {', '.join(missing)}")
        return hint(**{name: decode(hints[name], v, f"{where}.{name}") for name, v in value.items()})
    if hint in PRIMITIVES:
        expect(value, PRIMITIVES[hint], hint, where)
    return value


# What each primitive hint accepts from JSON (a bool is not a number here, though Python says so).
PRIMITIVES: dict[Any, Any] = {str: str, bool: bool, int: int, float: (int, float)}


def expect(value: Any, kind: Any, hint: Any, where: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and hint is not bool):
        raise RecordError(f"{where}: {json_type(value)} where {type_name(hint)} is needed")


def is_required(field: dataclasses.Field) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def type_name(hint: Any) -> str:
    return getattr(hint, "__name__", str(hint))


def json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", int: "a number"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a number")


@functools.cache
def field_hints(cls: type) -> dict[str, Any]:
    """Each field's type as models.py writes it, read from its source rather than from the class:
    compiled with the rules (ingest/native.py) a model is a native class, whose annotations keep only
    each field's runtime class ("str | None" reads as type). Evaluated in the models module, so a
    field of a model type gets the class in use, compiled or not."""
    as_written = {"__annotations__": written_annotations()[cls.__name__], "__module__": cls.__module__}
    return typing.get_type_hints(type(cls.__name__, (), as_written))


@functools.cache
def written_annotations() -> dict[str, dict[str, str]]:
    """Each class of models.py: its fields' annotations as the source writes them."""
    tree = ast.parse(MODELS_SOURCE.read_text(encoding="utf-8"))
    return {
        node.name: {line.target.id: ast.unparse(line.annotation) for line in node.body if is_field(line)}
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def is_field(line: ast.stmt) -> bool:
    return isinstance(line, ast.AnnAssign) and isinstance(line.target, ast.Name)


def iter_record_files(paths: Iterable[str]) -> Iterator[ArticleRecord | InputError]:
    """The records in each file, in order; a missing, unreadable or special file gives one
    InputError, a bad line one InputError naming FILE:LINE, and loading goes on."""
    for path in paths:
        try:
            yield from read_jsonl(path)
        except OSError as error:
            yield InputError(path, error.strerror or str(error))
