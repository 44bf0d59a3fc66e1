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


def group_quotations(rows: Iterable[QuoteRow]) -> tuple[list[Quotation], dict[int, int], set[tuple[int, int]]]:
    """(quotations, quote id -> quotation id, {(quotation id, id of a quotation that is part of it)})."""
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
    return sorted(quotations), assignment, contained_parts(keyed, group_id)


def summarise(quotation_id: int, occurrences: list[QuoteRow]) -> Quotation:
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


def contained_parts(keyed: dict, group_id: dict) -> set[tuple[int, int]]:
    """Pairs (longer, part) of quotations where every word of part occurs, in order and contiguous,
    inside the longer: found through each key's first MIN_WORDS words."""
    by_opening: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words in keyed:
        by_opening.setdefault(words[:MIN_WORDS], []).append(words)
    parts = set()
    for words in keyed:
        for start, opening in enumerate(openings(words)):
            for part in by_opening.get(opening, ()):
                if len(part) < len(words) and words[start : start + len(part)] == part:
                    if group_id[part] != group_id[words]:
                        parts.add((group_id[words], group_id[part]))
    return parts


def openings(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """Every run of MIN_WORDS consecutive words, in order of where it starts."""
    return zip(*(words[shift:] for shift in range(MIN_WORDS)), strict=False)
