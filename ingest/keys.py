"""Article identity: the key an article is stored under (articles.path), and which stored article
a newly read one is.

Keys:
- a file: its resolved path (symbolic links, '.' and '..' followed), so '../x/idem', '/tmp/x/idem'
  and a link to it are one article; with --root DIR, its path relative to DIR (resolved too), so a
  corpus folder moved or mounted elsewhere, or extracted on another machine, keeps its keys;
- a record of a JSON Lines, JSON or CSV file: 'FILE#ID' (FILE keyed as above), else its URL, else
  'FILE:LINE';
- standard input: '<stdin>#ID' or its URL for a record, '<stdin>#URL' for a page, else a hash of
  the text.

Which stored article a new one is (store.existing_article): the one under the same key; else the
one with the same canonical URL (a page read from a file and from standard input is one article);
else, for a file, one with the same content whose own file is gone or is this file under another
spelling (a move or a rename; and keys stored by versions that kept the path as given). Identical
text under different URLs (syndicated copies) stays separate articles: the URL is part of the
content hash."""

from __future__ import annotations

import os
import re
import urllib.parse

from .read import InputError

URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
LINE_SUFFIX = re.compile(r":\d+$")
STDIN = "<stdin>"


def file_key(path: str, root: str | None = None) -> str:
    """The key of the file at path: resolved, and relative to root when one is given."""
    if path in ("-", STDIN):
        return STDIN
    real = os.path.realpath(path)
    if root is None:
        return real
    tree = os.path.realpath(root)
    if real != tree and not real.startswith(tree.rstrip(os.sep) + os.sep):
        raise InputError(path, f"outside --root {root} (resolved: {real})")
    return os.path.relpath(real, tree)


def is_file_key(key: str) -> bool:
    """Whether key names a file (or a record of one), not a URL or standard input."""
    return not URL.match(key) and not key.startswith(STDIN)


def key_files(key: str, root: str | None = None) -> list[str]:
    """The files a file key may name, most likely first: the key itself, then the FILE of
    'FILE#ID' at each '#' (a file name may hold one) and of 'FILE:LINE'."""
    if not is_file_key(key):
        return []
    names = [key, *(key[:at] for at in range(len(key)) if key[at] == "#"), LINE_SUFFIX.sub("", key)]
    base = os.path.realpath(root) if root else os.getcwd()
    return list(dict.fromkeys(os.path.join(base, name) for name in names if name))


def is_article_url(url: str | None) -> bool:
    """Whether a URL can name one article: an http(s) URL with a path, not a site's front page."""
    if not url:
        return False
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and parts.path.strip("/") != ""


def file_is_gone(key: str, root: str | None = None) -> bool:
    """Whether a file key's file no longer exists (never for URLs and standard input)."""
    files = key_files(key, root)
    return bool(files) and not any(os.path.isfile(name) for name in files)


def same_file(stored: str, key: str, root: str | None = None) -> bool:
    """Whether a stored file key names the file now keyed key (a key stored as given by an older
    version, 'corpus/a.txt', and the resolved '/home/me/corpus/a.txt')."""
    if not is_file_key(stored) or not is_file_key(key):
        return False
    base = os.path.realpath(root) if root else os.getcwd()
    return os.path.realpath(os.path.join(base, stored)) == os.path.realpath(os.path.join(base, key))
