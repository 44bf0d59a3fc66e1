"""Quotes that travel: the same quotation carried by several articles or outlets.

group_quotations is a pure function over plain rows, deterministic and independent of their order
(so the same call over all shards' rows gives every shard the same keys):

- Two quotes are the same quotation when their words match after normalising case, punctuation
  and spacing, or when one is the other with up to TRIM words trimmed at either end (outlets cut a
  quotation's lead-in or tail). Matches chain: A ~ B and B ~ C put all three together.
- A quote that is a longer contiguous part of another (more than TRIM words cut) stays its own
  quotation, linked to the longer one as a part.
- Quotes under MIN_WORDS words ("Trump", "rigged") form no quotation across articles: each is a
  quotation of its own.
- Syndicated copies are separate articles: they are what article_count and outlet_count count.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple

MIN_WORDS = 4
TRIM = 2
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class QuoteRow(NamedTuple):
    quote_id: int
    article_key: str  # the article's path: stable across databases, unlike its id
    position: int
    text: str
    published: str | None
    outlet: str | None


class Quotation(NamedTuple):
    id: int
    text: str
    first_published: str | None
    first_outlet: str | None
    article_count: int
    outlet_count: int
    quote_count: int
    first_quote_id: int


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.lower().replace("’", "'")))


def stable_id(key: str) -> int:
    """A positive 60-bit integer from the key: the same in every database and shard."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:15], 16)


def trimmed(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """The word sequence with up to TRIM words cut at either end, at least MIN_WORDS long."""
    return [words[start : len(words) - end] for start, end in TRIMS if len(words) - start - end >= MIN_WORDS]


# (words cut at the start, at the end) of every variant trimmed gives: all but the untrimmed (0, 0).
TRIMS = [(start, end) for start in range(TRIM + 1) for end in range(TRIM + 1) if start or end]


class Grouping(NamedTuple):
    quotations: list[Quotation]
    assignment: dict[int, int]  # quote id -> quotation id
    parts: set[tuple[int, int]]  # (quotation id, id of a quotation that is part of it)
    keys: dict[tuple[str, ...], int]  # the words of every quote of MIN_WORDS or more -> its quotation id


def group_quotations(rows: Iterable[QuoteRow]) -> tuple[list[Quotation], dict[int, int], set[tuple[int, int]]]:
    """(quotations, quote id -> quotation id, {(quotation id, id of a quotation that is part of it)})."""
    quotations, assignment, parts, _ = grouping(rows)
    return quotations, assignment, parts


def grouping(rows: Iterable[QuoteRow]) -> Grouping:
    """The quotations of the rows, and which quotation each quote's words (its key) are."""
    keyed: dict[tuple[str, ...], list[QuoteRow]] = {}
    short: list[QuoteRow] = []
    words_by_text: dict[str, tuple[str, ...]] = {}  # syndicated copies repeat a quote's text word for word
    for row in rows:
        words = words_by_text.get(row.text)
        if words is None:
            words = words_by_text[row.text] = words_of(row.text)
        (keyed.setdefault(words, []) if len(words) >= MIN_WORDS else short).append(row)
    parent = {words: words for words in keyed}

    def find(words):
        while parent[words] != words:
            parent[words] = parent[parent[words]]
            words = parent[words]
        return words

    for words in keyed:
        for variant in trimmed(words):
            if variant in keyed:
                a, b = find(words), find(variant)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # the smaller root wins: order does not matter
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words in keyed:
        groups.setdefault(find(words), []).append(words)
    quotations, assignment = [], {}
    group_id = {}
    for root, members in groups.items():
        quotation_id = stable_id(" ".join(root))
        occurrences = [row for words in members for row in keyed[words]]
        quotations.append(summarise(quotation_id, occurrences))
        for words in members:
            group_id[words] = quotation_id
        assignment.update(dict.fromkeys((row.quote_id for row in occurrences), quotation_id))
    for row in short:
        quotation_id = stable_id(f"{row.article_key}#{row.position}")
        quotations.append(summarise(quotation_id, [row]))
        assignment[row.quote_id] = quotation_id
    return Grouping(sorted(quotations), assignment, contained_parts(group_id, group_id), group_id)


def summarise(quotation_id: int, occurrences: list[QuoteRow]) -> Quotation:
    if len(occurrences) == 1:  # most quotations: said once, in one article (no sort key, no sets)
        (only,) = occurrences
        return Quotation(
            quotation_id, only.text, only.published, only.outlet, 1, int(bool(only.outlet)), 1, only.quote_id
        )
    first = min(occurrences, key=lambda r: (r.published is None, r.published or "", r.article_key, r.position))
    return Quotation(
        id=quotation_id,
        text=first.text,
        first_published=first.published,
        first_outlet=first.outlet,
        article_count=len({r.article_key for r in occurrences}),
        outlet_count=len({r.outlet for r in occurrences if r.outlet}),
        quote_count=len(occurrences),
        first_quote_id=first.quote_id,
    )


def contained_parts(longer: dict[tuple[str, ...], int], parts: dict[tuple[str, ...], int]) -> set[tuple[int, int]]:
    """Pairs (longer's quotation, part's quotation) of keys (words -> quotation id) where every word of
    a key of parts occurs, in order and contiguous, inside a longer key of longer, in two quotations."""
    return {(longer[words], parts[part]) for words, part in containments(longer, parts) if longer[words] != parts[part]}


def containments(longer: Iterable[tuple[str, ...]], parts: Iterable[tuple[str, ...]]) -> Iterable[tuple]:
    """(words, part) for each part that occurs, contiguous and shorter, inside words: found through
    each part's first MIN_WORDS words."""
    by_opening: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for part in parts:
        by_opening.setdefault(part[:MIN_WORDS], []).append(part)
    for words in longer:
        for start, opening in enumerate(openings(words)):
            for part in by_opening.get(opening, ()):
                if len(part) < len(words) and words[start : start + len(part)] == part:
                    yield words, part


def joined_quotations(keys: Iterable[tuple[str, ...]], stored: dict[tuple[str, ...], int]) -> set[int]:
    """The quotations of the stored keys (words -> quotation id) that one of keys joins directly: the
    same words, or one of the two is the other trimmed (what grouping chains)."""
    keys = {key for key in keys if len(key) >= MIN_WORDS}
    found = {stored[variant] for key in keys for variant in (key, *trimmed(key)) if variant in stored}
    # A stored key that is one of keys with words added starts that key within its first TRIM + 1
    # words: only those whose openings there are keys' openings are trimmed and compared.
    opening = {key[:MIN_WORDS] for key in keys}
    for words, quotation_id in stored.items():
        if any(words[start : start + MIN_WORDS] in opening for start in range(TRIM + 1)):
            if not keys.isdisjoint(trimmed(words)):
                found.add(quotation_id)
    return found


def openings(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """Every run of MIN_WORDS consecutive words, in order of where it starts."""
    return zip(*(words[shift:] for shift in range(MIN_WORDS)), strict=False)
