"""Extraction records as JSON Lines, for the scale-out path: run the extraction map anywhere
(`--export-jsonl`), load the results into one database later (`--load-jsonl`).

One line per ArticleRecord. The encoding follows the dataclasses in models.py field by field
(sets become sorted lists), and decoding rebuilds them from their type hints, so a field added
to a model round-trips without touching this module."""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .models import ArticleRecord
from .read import InputError

RECORD_FORMAT = "quote-ingest-record/1"


class RecordError(ValueError):
    """A line that is not an extraction record; the message says which line and why."""


def to_json(record: ArticleRecord) -> str:
    return json.dumps({"format": RECORD_FORMAT, **encode(record)}, ensure_ascii=False, separators=(",", ":"))


def from_json(line: str) -> ArticleRecord:
    data = json.loads(line)
    if not isinstance(data, dict) or data.pop("format", None) != RECORD_FORMAT:
        raise RecordError(f"not a {RECORD_FORMAT} line (written by --export-jsonl)")
    return decode(ArticleRecord, data)


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(to_json(record) + "\n")
        count += 1
    return count


def read_jsonl(path: str) -> Iterator[ArticleRecord]:
    """Records from a file written by --export-jsonl, read lazily, one line at a time."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield from_json(line)
            except (ValueError, TypeError, KeyError) as error:
                raise RecordError(f"line {number}: {error}") from None


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(encode(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return decode(inner, value)
    if origin in (list, set, frozenset, tuple):
        (inner,) = typing.get_args(hint)[:1]
        return origin(decode(inner, v) for v in value)
    if dataclasses.is_dataclass(hint):
        hints = field_hints(hint)
        unknown = set(value) - set(hints)
        if unknown:
            raise RecordError(f"unknown {hint.__name__} field(s): {', '.join(sorted(unknown))}")
        return hint(**{name: decode(hints[name], v) for name, v in value.items()})
    return value


@functools.cache
def field_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def iter_record_files(paths: Iterable[str]) -> Iterator[ArticleRecord | InputError]:
    """The records in each file, in order; a missing or malformed file gives one InputError (with
    the line number) and loading goes on with the next file."""
    for path in paths:
        try:
            yield from read_jsonl(path)
        except OSError as error:
            yield InputError(path, error.strerror or str(error))
        except UnicodeDecodeError as error:
            yield InputError(path, f"not valid UTF-8 (byte {error.start})")
        except RecordError as error:
            yield InputError(path, str(error))
