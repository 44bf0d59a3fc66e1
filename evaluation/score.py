"""Match stored quotes against gold attributions, as PolNeAR's README prescribes.

- direct gold = attributions whose content holds a double quotation mark; a stored direct quote
  matches one when at least 60% of its word tokens lie inside the gold content.
- speaker accuracy: among matched direct quotes, the stored mention or resolved speaker name shares
  a content word with the gold Source (or, for our seed annotation, is one of its canonical names).
- indirect gold = the rest; a stored indirect matches when the token overlap is at least half of
  the longer span.
- a stored attributed quote (one with a speaker) that matches no gold attribution at all is a false
  positive; one that only matches gold of the other kind counts neither way.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from ingest.models import Article
from ingest.pipeline import process_article

from .polnear import GoldAttribution, paragraph_offsets, tokens_in, word_starts

DIRECT_SHARE = 0.6
INDIRECT_SHARE = 0.5
# Function words never count as a shared speaker word; pronouns do, since the gold source of
# "he said" is the pronoun as written.
STOPWORDS = frozenset(
    "a an the of for at in on to from by with and or but s mr mrs ms dr his her their its our my "
    "who which that this these those former senior new top one".split()
)


@dataclass
class StoredQuote:
    kind: str
    text: str
    tokens: frozenset[int]
    mention: str
    speaker: str
    method: str


@dataclass
class Tally:
    direct_tp: int = 0
    direct_fp: int = 0
    direct_gold: int = 0
    direct_found: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    indirect_tp: int = 0
    indirect_fp: int = 0
    indirect_gold: int = 0
    indirect_found: int = 0
    scare_attributed: int = 0
    articles: int = 0
    characters: int = 0
    seconds: float = 0.0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if name == "errors":
                for kind, examples in value.items():
                    self.errors.setdefault(kind, []).extend(examples)
            else:
                setattr(self, name, getattr(self, name) + value)

    def note(self, kind: str, example: str) -> None:
        self.errors.setdefault(kind, []).append(example)


def extract(path: str, text: str) -> tuple[list[StoredQuote], float]:
    """Our attributed quotes, as sets of word tokens of the file, and the time the pipeline took."""
    began = time.perf_counter()
    record = process_article(Article(path, text))
    seconds = time.perf_counter() - began
    starts = word_starts(text)
    maps = paragraph_offsets(text, [p.text for p in record.paragraphs])
    stored = []
    for quote in record.quotes:
        if quote.mention is None and not quote.speaker_key:
            continue
        offsets = maps[quote.paragraph_position]
        span = (offsets[quote.start], offsets[max(quote.start, quote.end - 1)] + 1)
        mention = quote.mention.text if quote.mention else ""
        tokens = tokens_in(starts, [span])
        stored.append(StoredQuote(quote.kind, quote.text, tokens, mention, quote.speaker_key or "", quote.method))
    return stored, seconds


def gold_tokens(starts: list[int], gold: list[GoldAttribution]) -> list[frozenset[int]]:
    return [tokens_in(starts, g.content) for g in gold]


def direct_match(quote: frozenset[int], gold: frozenset[int]) -> bool:
    return bool(quote) and len(quote & gold) >= DIRECT_SHARE * len(quote)


def indirect_match(quote: frozenset[int], gold: frozenset[int]) -> bool:
    return bool(quote) and len(quote & gold) >= INDIRECT_SHARE * max(len(quote), len(gold))


def content_words(phrase: str) -> set[str]:
    words = (w.lower() for w in re.findall(r"\w+", phrase))
    return {w for w in words if w not in STOPWORDS}


def speaker_matches(quote: StoredQuote, gold: GoldAttribution) -> bool:
    if gold.speakers:
        return quote.speaker in gold.speakers
    return bool(content_words(gold.source) & (content_words(quote.mention) | content_words(quote.speaker)))


def score_article(
    text: str,
    gold: list[GoldAttribution],
    stored: list[StoredQuote],
    optional: list[GoldAttribution] = (),
    scare: list[tuple[int, int]] = (),
) -> Tally:
    """Optional attributions are borderline ones: a stored quote matching only those counts neither way."""
    starts = word_starts(text)
    tokens = gold_tokens(starts, gold)
    optional_tokens = gold_tokens(starts, optional)
    scare_tokens = [tokens_in(starts, [s]) for s in scare]
    tally = Tally(articles=1, characters=len(text.encode("utf-8")))
    tally.direct_gold = sum(g.direct for g in gold)
    tally.indirect_gold = len(gold) - tally.direct_gold
    found = [False] * len(gold)
    for quote in stored:
        if quote.kind == "direct":
            hits = [i for i, t in enumerate(tokens) if direct_match(quote.tokens, t)]
            own = [i for i in hits if gold[i].direct]
            score_speaker(tally, quote, [gold[i] for i in own if gold[i].source or gold[i].speakers])
        else:
            hits = [i for i, t in enumerate(tokens) if indirect_match(quote.tokens, t)]
            hits += [i for i, t in enumerate(tokens) if gold[i].direct and direct_match(quote.tokens, t)]
            own = [i for i in hits if not gold[i].direct]
        if not hits and any(indirect_match(quote.tokens, t) or direct_match(quote.tokens, t) for t in optional_tokens):
            continue
        for i in own:
            found[i] = True
        if own:
            setattr(tally, f"{quote.kind}_tp", getattr(tally, f"{quote.kind}_tp") + 1)
        elif not hits:
            setattr(tally, f"{quote.kind}_fp", getattr(tally, f"{quote.kind}_fp") + 1)
            tally.note(f"{quote.kind} false positive", f"[{quote.mention}] {quote.text[:160]}")
        if any(direct_match(quote.tokens, s) for s in scare_tokens):
            tally.scare_attributed += 1
            tally.note("scare quote attributed", f"[{quote.mention}] {quote.text[:160]}")
    for i, g in enumerate(gold):
        kind = "direct" if g.direct else "indirect"
        if found[i]:
            setattr(tally, f"{kind}_found", getattr(tally, f"{kind}_found") + 1)
        else:
            content = " … ".join(text[a:b] for a, b in g.content)
            tally.note(f"{kind} missed", f"[{g.source or '/'.join(g.speakers)}] {content[:160]}")
    return tally


def score_speaker(tally: Tally, quote: StoredQuote, candidates: list[GoldAttribution]) -> None:
    if not candidates:
        return
    tally.speaker_total += 1
    if any(speaker_matches(quote, g) for g in candidates):
        tally.speaker_right += 1
    else:
        gold = candidates[0].source or "/".join(candidates[0].speakers)
        tally.note("wrong speaker", f"[{quote.mention} → {quote.speaker}; gold {gold}] {quote.text[:120]}")


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def table(title: str, tally: Tally) -> str:
    dp = ratio(tally.direct_tp, tally.direct_tp + tally.direct_fp)
    dr = ratio(tally.direct_found, tally.direct_gold)
    ip = ratio(tally.indirect_tp, tally.indirect_tp + tally.indirect_fp)
    ir = ratio(tally.indirect_found, tally.indirect_gold)
    speed = tally.characters / tally.seconds / 1e6 if tally.seconds else 0.0
    rows = [
        f"== {title}: {tally.articles} articles, {tally.characters:,} bytes ==",
        f"{'':10} {'P':>6} {'R':>6} {'F1':>6}   {'TP':>5} {'FP':>5} {'gold':>5} {'found':>5}",
        f"{'direct':10} {dp:6.3f} {dr:6.3f} {f1(dp, dr):6.3f}   {tally.direct_tp:5} {tally.direct_fp:5} "
        f"{tally.direct_gold:5} {tally.direct_found:5}",
        f"{'indirect':10} {ip:6.3f} {ir:6.3f} {f1(ip, ir):6.3f}   {tally.indirect_tp:5} {tally.indirect_fp:5} "
        f"{tally.indirect_gold:5} {tally.indirect_found:5}",
        f"speaker accuracy {ratio(tally.speaker_right, tally.speaker_total):.3f} "
        f"({tally.speaker_right}/{tally.speaker_total} matched direct quotes)",
        f"time {tally.seconds:.2f}s for extraction ({speed:.2f} MB/s of text)",
    ]
    return "\n".join(rows)
