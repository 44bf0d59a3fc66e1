"""Read PolNeAR (brat standoff) gold attributions and map our paragraph-relative quotes onto the
text file's offsets, so both sides are compared as sets of word tokens of the same file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO.parent / "shared" / "eval" / "polnear"
# A double quotation mark as the texts write it: straight, curly, or (in the NYT's typewriter
# style) two apostrophes ''like this''. `--strict-marks` scores with the first three only.
DOUBLE_QUOTE_MARKS = ('"', "“", "”", "''")
STRICT_DOUBLE_QUOTE_MARKS = ('"', "“", "”")
WORD = re.compile(r"\w+")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]  # character ranges into the text file
    source: str  # the Source span as written ("" for Attribution-no-source)
    direct: bool  # its content holds a double quotation mark: a direct or mixed quote
    speakers: tuple[str, ...] = ()  # our seed annotation: the canonical names accepted as its speaker


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]


def double_quote_marks() -> tuple[str, ...]:
    return STRICT_DOUBLE_QUOTE_MARKS if os.environ.get("POLNEAR_STRICT_MARKS") else DOUBLE_QUOTE_MARKS


def polnear_root() -> Path:
    return Path(os.environ.get("POLNEAR_DIR", DEFAULT_ROOT))


def split_dir(split: str) -> Path:
    """'dev' or 'train' under the PolNeAR root, or a path to a folder holding text/ and attributions/."""
    path = Path(split)
    return path if path.is_dir() and (path / "text").is_dir() else polnear_root() / split


def load_split(folder: Path) -> list[GoldArticle]:
    """Every article with an annotation; the first .ann in sorted order when several annotators did it."""
    first_ann: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        first_ann.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name, ann in sorted(first_ann.items()):
        text_path = folder / "text" / f"{name}.txt"
        if text_path.exists():
            text = text_path.read_text(encoding="utf-8")
            articles.append(GoldArticle(name, text, read_brat(ann.read_text(encoding="utf-8"), text)))
    return articles


def read_brat(ann: str, text: str) -> list[GoldAttribution]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            ranges = fields[1].split(" ", 1)[1] if " " in fields[1] else ""
            try:
                spans[fields[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]
            except ValueError:
                continue
        elif fields[0].startswith("E"):
            events.append(fields[1].split())
    attributions = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in event:
            role, _, span_id = argument.partition(":")
            role = role.rstrip("0123456789")
            roles.setdefault(role, []).extend(spans.get(span_id, []))
        content = roles.get("Content")
        if not content:
            continue
        source = " ".join(text[a:b] for a, b in roles.get("Source", []))
        direct = any(mark in text[a:b] for a, b in content for mark in double_quote_marks())
        attributions.append(GoldAttribution(sorted(content), source, direct))
    return attributions


def word_starts(text: str) -> list[int]:
    return [m.start() for m in WORD.finditer(text)]


def tokens_in(starts: list[int], ranges: list[tuple[int, int]]) -> frozenset[int]:
    """Word tokens (named by their start offset) that begin inside any of the ranges."""
    from bisect import bisect_left

    found = set()
    for a, b in ranges:
        i = bisect_left(starts, a)
        while i < len(starts) and starts[i] < b:
            found.add(starts[i])
            i += 1
    return frozenset(found)


def paragraph_offsets(text: str, paragraph_texts: list[str]) -> list[list[int]]:
    """For each paragraph, the file offset of each of its characters (and one past its end).

    split.py joins a paragraph's lines with single spaces and trims them, so non-space characters
    appear in the file in the same order: walk both, letting any run of file whitespace stand for
    one paragraph space."""
    maps = []
    j = 0
    for paragraph in paragraph_texts:
        offsets = []
        for char in paragraph:
            if char.isspace():
                offsets.append(j)
                continue
            while j < len(text) and text[j] != char and text[j].isspace():
                j += 1
            if j >= len(text) or text[j] != char:
                found = text.find(char, j)
                j = found if found >= 0 else j
            offsets.append(j)
            j += 1
        offsets.append(offsets[-1] + 1 if offsets else j)
        maps.append(offsets)
    return maps
