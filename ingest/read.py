"""Read article files: walk folders, decode text, and turn each file into an Article.

Every problem with an input becomes an InputError naming the file and the reason, so the CLI
can report it on one line and go on with the rest of the batch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .models import Article

BINARY_SNIFF_BYTES = 8192


class InputError(Exception):
    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_input_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Files as given, and files under folders (walked recursively, sorted, hidden files skipped);
    '-' (standard input) passes through."""
    for given in paths:
        if given == "-":
            yield given
        elif os.path.isdir(given):
            yield from walk_folder(given)
        elif os.path.exists(given):
            yield given
        elif os.path.islink(given):
            yield InputError(given, "broken symbolic link")
        else:
            yield InputError(given, "no such file or folder")


def walk_folder(folder: str) -> Iterator[str | InputError]:
    seen_dirs: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=None):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            dirs[:] = []
            yield InputError(root, "symbolic link loop, skipped")
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            if not os.path.exists(path):
                yield InputError(path, "broken symbolic link")
            else:
                yield path


def read_article(path: str) -> Article:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    return Article(path=path, text=decode_text(path, data))


def decode_text(path: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "invalid UTF-16 text") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid UTF-8 (byte {error.start})") from None
    if not text.strip():
        raise InputError(path, "empty file")
    return text
