"""Read article files: walk folders, decode text, and turn each file into an Article.

Every problem with an input becomes an InputError naming the file and the reason, so the CLI
can report it on one line and go on with the rest of the batch."""

from __future__ import annotations

import errno
import os
import re
import stat as stat_module
from collections.abc import Callable, Iterable, Iterator

from .models import Article
from .rules.split import split_paragraphs

BINARY_SNIFF_BYTES = 8192
# Limits that keep one pathological input from stalling the batch or exhausting memory; see
# README "Bad input". A file (which may hold many records) is read whole; an article over
# MAX_ARTICLE_CHARS or with a paragraph over MAX_PARAGRAPH_CHARS is refused before extraction.
MAX_BYTES = 1_000_000_000
MAX_ARTICLE_CHARS = 10_000_000
MAX_PARAGRAPH_CHARS = 100_000
BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
FILE_SIGNATURES = [
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media file (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "Microsoft Office document"),
    (b"{\\rtf", "RTF document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
]
# C0 controls other than tab, newline, vertical tab, form feed and carriage return, and DEL.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What must not reach a terminal inside a message: every control character (C0, DEL, C1), line and
# paragraph separators, and the invisible format characters that reorder or hide text (bidi
# embeddings, overrides and isolates, zero-width characters, the BOM).
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


class InputError(Exception):
    def __init__(self, path: str, reason: str):
        path, reason = printable(path), printable(reason)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        return (type(self), (self.path, self.reason))  # so it can travel from a worker process


class InputWarning(InputError):
    """Not a refusal: the input was read, with something worth one line (bytes a web page could not
    hold in its own encoding, replaced as a browser does). Reported as 'warning:', not counted as
    a failure; the article follows it."""


def iter_input_paths(
    paths: list[str], skip: frozenset[str] = frozenset(), external_links: bool = False
) -> Iterator[str | InputError]:
    """Files as given, and files under folders (walked recursively, sorted, hidden files skipped);
    '-' (standard input) passes through. A path that cannot be read becomes an InputError. skip:
    real paths of files never to read (the database being written, see database_files).
    external_links: follow symbolic links inside a folder that lead out of it (else refused)."""
    for given in paths:
        if given == "-":
            yield given
        elif os.path.isdir(given):
            yield from walk_folder(given, skip, external_links)
        elif os.path.realpath(given) in skip:
            yield InputError(given, "is the database being written (or one of its files), skipped")
        else:
            yield path_problem(given) or given


def database_files(db_path: str) -> frozenset[str]:
    """The real paths of the files SQLite keeps for the database at db_path: itself, its WAL, its
    shared-memory index and its rollback journal. A database inside its own input folder must not
    be read as an article, nor its WAL, which changes as the ingest writes."""
    real = os.path.realpath(db_path)
    return frozenset(real + suffix for suffix in ("", "-wal", "-shm", "-journal"))


def walk_folder(
    folder: str, skip: frozenset[str] = frozenset(), external_links: bool = False
) -> Iterator[str | InputError]:
    """Every file under folder, following symbolic links but never into a folder already walked
    (a link loop), nor out of folder unless external_links (`ln -s /etc corpus/etc` would publish
    /etc/shadow); folders that cannot be listed become InputErrors instead of being skipped."""
    unlistable: list[OSError] = []
    seen_dirs: set[tuple[int, int]] = set()
    tree = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unlistable.append):
        yield from (InputError(error.filename or root, error.strerror or str(error)) for error in unlistable)
        unlistable.clear()
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            dirs[:] = []
            yield InputError(root, "symbolic link loop (folder already walked), skipped")
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        real_root = os.path.realpath(root) if skip else ""
        visible_dirs = sorted(d for d in dirs if not d.startswith("."))
        dirs[:] = []
        for name in visible_dirs:
            path = os.path.join(root, name)
            problem = None if external_links else external_link(path, tree, folder)
            if problem:
                yield problem
            else:
                dirs.append(name)
        for name in sorted(files):
            if not name.startswith(".") and os.path.join(real_root, name) not in skip:
                path = os.path.join(root, name)
                yield (None if external_links else external_link(path, tree, folder)) or path_problem(path) or path
    yield from (InputError(error.filename or folder, error.strerror or str(error)) for error in unlistable)


def external_link(path: str, tree: str, folder: str) -> InputError | None:
    """The InputError refusing path when it is a symbolic link (or reached through one) that leads
    out of tree, the real path of the input folder; None otherwise (broken links are path_problem's)."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if target == tree or target.startswith(tree.rstrip(os.sep) + os.sep) or not os.path.exists(target):
        return None
    return InputError(
        path,
        f"symbolic link to {target}, outside the input folder {folder}; skipped (--follow-external-links reads it)",
    )


def path_problem(path: str) -> InputError | None:
    """Why path cannot be read as a file (missing, a broken or looping link, a FIFO or device, a
    name that is not UTF-8), or None."""
    if not is_encodable(path):
        return InputError(path, "file name is not valid UTF-8; rename the file")
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return InputError(path, "symbolic link loop")
        if os.path.islink(path):
            return InputError(path, f"broken symbolic link (to {os.readlink(path)}, which does not exist)")
        if error.errno == errno.ENOENT:
            return InputError(path, "no such file or folder")
        return InputError(path, error.strerror or str(error))
    if not stat_module.S_ISREG(mode) and not stat_module.S_ISDIR(mode):
        return InputError(path, f"not a regular file ({special_file_kind(mode)})")
    return None


def special_file_kind(mode: int) -> str:
    kinds = [
        (stat_module.S_ISFIFO, "named pipe"),
        (stat_module.S_ISSOCK, "socket"),
        (stat_module.S_ISCHR, "character device"),
        (stat_module.S_ISBLK, "block device"),
    ]
    return next((name for test, name in kinds if test(mode)), "special file")


def is_encodable(text: str) -> bool:
    """False for a str holding lone surrogates, which SQLite and the terminal cannot take."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # os.walk hands undecodable bytes back as lone surrogates
        return False
    return True


def printable(text: str) -> str:
    """text safe to print on one line and to store: undecodable bytes of a file name as U+FFFD, and
    control, format and line-breaking characters (a newline in a file name would forge a second
    error line; U+202E would reverse what follows) as Python escapes such as \\n or \\u202e."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that did not come from undecodable bytes
        text = text.encode("utf-8", "replace").decode("utf-8")
    return UNPRINTABLE.sub(escaped_character, text) if UNPRINTABLE.search(text) else text


def escaped_character(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def read_article(path: str, max_bytes: int = MAX_BYTES) -> Article:
    """The file at path as a plain-text Article. A file over max_bytes is refused before being read."""
    return Article(path=path, text=decode_text(path, read_bytes(path, max_bytes)))


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the file at path. A file over max_bytes is refused before being read."""
    limit = max_bytes
    problem = path_problem(path)
    if problem:
        raise problem
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise InputError(path, f"file is {size:,} bytes, over the {limit:,}-byte limit (split it)")
            # Read what fstat says is there, not limit + 1: read(n) allocates n bytes up front, and
            # n = 1 GB for every small file made reading a tenth of the worker's time.
            data = file.read(size + 1)
            if len(data) > size:  # grew since fstat: read on, up to the limit
                data += file.read(limit + 1 - len(data))
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    if len(data) > limit:  # grew while being read
        raise InputError(path, f"file is over the {limit:,}-byte limit (split it)")
    return data


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 (with or without a BOM), or UTF-16/UTF-32 with a BOM. Everything else is refused
    rather than guessed: a wrong guess or replaced bytes would store text the file does not say."""
    problem = sniff_problem(data[:BINARY_SNIFF_BYTES])
    if problem:
        raise InputError(path, problem)
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        hint = " (convert it first, e.g. iconv -f windows-1252 -t utf-8)" if encoding == "utf-8-sig" else ""
        raise InputError(
            path, f"not valid {ENCODING_NAMES[encoding]}: byte 0x{byte} at offset {error.start}{hint}"
        ) from None
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    if looks_binary(text):
        raise InputError(path, "binary file (mostly control characters), not text")
    if not text.strip():
        raise InputError(path, "empty file" if not text else "only whitespace, no text")
    return text


def sniff_problem(head: bytes) -> str | None:
    """What the first bytes of a file show it to be when it is not text we read: a known binary
    format, UTF-16 or UTF-32 without the byte order mark that says which, or other binary data;
    None for anything else (text is then checked as it is decoded)."""
    file_type = binary_file_type(head)
    if file_type:
        return f"{file_type}, not text"
    if any(head.startswith(bom) for bom, _ in BOMS) or b"\x00" not in head:
        return None
    return unmarked_utf16_or_32(head) or "binary file (contains NUL bytes), not text"


def unmarked_utf16_or_32(head: bytes) -> str | None:
    """'looks like UTF-16 ...' when the NUL bytes fall where UTF-16 or UTF-32 puts them in text
    written mostly in Latin letters (every other byte, or three bytes in four)."""
    head = head[: len(head) // 4 * 4]
    if len(head) < 8:
        return None
    lanes = [head[lane::4] for lane in range(4)]
    zero = [lane.count(0) / len(lane) > 0.9 for lane in lanes]
    some = [lane.count(0) / len(lane) < 0.1 for lane in lanes]
    shapes = [
        ("UTF-32 (little-endian)", "utf-32le", some[0] and zero[1] and zero[2] and zero[3]),
        ("UTF-32 (big-endian)", "utf-32be", zero[0] and zero[1] and zero[2] and some[3]),
        ("UTF-16 (little-endian)", "utf-16le", some[0] and zero[1] and some[2] and zero[3]),
        ("UTF-16 (big-endian)", "utf-16be", zero[0] and some[1] and zero[2] and some[3]),
    ]
    for name, iconv, matches in shapes:
        if matches:
            return f"looks like {name} without a byte order mark: convert it first (iconv -f {iconv} -t utf-8)"
    return None


def binary_file_type(data: bytes) -> str | None:
    return next((name for magic, name in FILE_SIGNATURES if data.startswith(magic)), None)


def looks_binary(text: str) -> bool:
    sample = text[:BINARY_SNIFF_BYTES]
    return len(CONTROL_CHARS.findall(sample)) > 0.05 * len(sample)


def guard_reader(path: str, read: Callable[[], Iterable[Article | InputError]]) -> Iterator[Article | InputError]:
    """The articles read() yields for one input, with an unexpected exception inside the reader
    turned into an InputError for that input: one odd file must not end the batch."""
    try:
        yield from read()
    except InputError as error:
        yield error
    except Exception as error:  # noqa: BLE001 - reported, one line, and the batch goes on
        yield InputError(path, f"could not be read ({type(error).__name__}: {error})")


def check_article(
    item: Article | InputError,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    max_paragraph_chars: int = MAX_PARAGRAPH_CHARS,
) -> Article | InputError:
    """The article, or the InputError refusing it: text with unpaired surrogates (from "\\udc80"
    escapes in JSON), which SQLite cannot store; text over max_article_chars; or a paragraph over
    max_paragraph_chars. No real article or paragraph comes near those limits, and extraction
    time grows faster than linearly with paragraph length (a 2 MB single line takes ~20 s)."""
    if isinstance(item, InputError):
        return item
    for name in ("path", "text", "title", "url", "published", "outlet", "author"):
        value = getattr(item, name)
        if value and not is_encodable(value):
            return InputError(item.path, f"{name} contains unpaired surrogate characters (bad \\u escapes?)")
    if len(item.text) > max_article_chars:
        return InputError(
            item.path,
            f"text of {len(item.text):,} characters, over the {max_article_chars:,}-character limit"
            " for one article (raise --max-article-chars)",
        )
    if item.paragraphs is None and len(item.text) <= max_paragraph_chars:
        return item  # no paragraph can be longer than the whole text
    paragraphs = item.paragraphs if item.paragraphs is not None else split_paragraphs(item)
    longest = max((len(p.text) for p in paragraphs), default=0)
    if longest > max_paragraph_chars:
        return InputError(
            item.path,
            f"a paragraph of {longest:,} characters, over the {max_paragraph_chars:,}-character limit"
            " (not article text? split it into paragraphs with blank lines, or raise --max-paragraph-chars)",
        )
    return item
