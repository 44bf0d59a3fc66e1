"""A realistic quotes database for timing the research pages: news-shaped articles with outlets,
dates, authors, paragraphs, quotes with their cue and mention, speakers with roles and
organisations, a few very frequent speakers and a long tail, syndicated copies and quotations
repeated across outlets, written through the same store functions as an ingest.

    python benchmarks/realistic.py DB_PATH [--quotes 1000000] [--seed 3]

Quote texts and filler paragraphs are real: sentences in quotation marks and paragraphs of the
PolNeAR train texts (the seed article when ../shared is absent), recombined. Names, roles and
organisations are drawn from small lists; gender is set for most people as an article's words would
give it (female, male) and left empty for the rest; the identity step joins them as after an ingest.
Deterministic for a given seed and size.
Reused by benchmarks/bench.py and by whoever needs a corpus of this shape (shards, say).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import source_articles  # noqa: E402

from ingest.corpus import refresh_corpus  # noqa: E402
from ingest.identity import LocalSpeaker, block_of, provisional_key  # noqa: E402
from ingest.rows import (  # noqa: E402
    AffiliationRow,
    ArticleRow,
    ArticleRows,
    ArticleSpeakerRow,
    ParagraphRow,
    QuoteRow,
    SpeakerAliasRow,
    SpeakerRow,
)
from ingest.store import open_db, save_records  # noqa: E402

OUTLETS = [
    ("The Washington Post", 12), ("The New York Times", 12), ("Politico", 9), ("Breitbart", 8), ("HuffPost", 8),
    ("USA Today", 7), ("The Western Journal", 5), ("Reuters", 10), ("Associated Press", 10), ("The Guardian", 8),
    ("Fox News", 6), ("CNN", 5),
]  # fmt: skip
FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hassan", "Irene", "James", "Kate", "Luis",
         "Maria", "Nadia", "Omar", "Paul", "Rosa", "Sam", "Tara", "Victor", "Wendy", "Yusuf", "Zoe",
         "Ahmed"]  # fmt: skip
FEMALE = {"Anna", "Carla", "Elena", "Grace", "Irene", "Kate", "Maria", "Nadia", "Rosa", "Tara", "Wendy", "Zoe"}
LAST = ["Smith", "Garcia", "Okafor", "Nguyen", "Khan", "Müller", "Rossi", "Cohen", "Silva", "Kowalski", "Haddad",
        "Johansson", "Tanaka", "Dubois", "Ivanova", "Murphy", "Papadopoulos", "Mendes", "Novak", "Schultz"]  # fmt: skip
FREQUENT = ["Donald Trump", "Hillary Clinton", "Bernie Sanders", "Ted Cruz", "Barack Obama"]
ROLES = ["spokesman", "spokeswoman", "senator", "director", "professor", "analyst", "chief executive", "minister",
         "campaign manager", "economist", "governor", "mayor", "lawyer", "researcher", "adviser"]  # fmt: skip
ORGANIZATIONS = [
    f"{a} {b}"
    for a in ("National", "American", "Global", "Federal", "State", "Citizens")
    for b in ("Institute", "Union", "Council", "Party", "Bank", "University", "Foundation", "Agency")
]
CUES = ["said", "said", "said", "told", "added", "wrote", "according to", "argued", "warned"]
QUOTE_MARKS = re.compile(r"[\"“]([^\"“”]{12,400})[\"”]")
# British quoting ('single marks', as in the seed), read when the source texts hold no double-quoted text.
BRITISH_QUOTE_MARKS = re.compile(r"‘([^‘”“]{12,400}?)’(?!\w)")
START = 16_740  # days since 1970-01-01: 2015-11-01


def real_texts() -> tuple[list[str], list[str]]:
    """(quote texts, filler paragraphs) from the source articles."""
    paragraphs = [p for article in source_articles() for p in article]
    for marks in (QUOTE_MARKS, BRITISH_QUOTE_MARKS):
        quotes = sorted({m.group(1).strip(" ,.") for p in paragraphs for m in marks.finditer(p)})
        quotes = [q for q in quotes if len(q.split()) >= 2]
        if quotes:
            break
    return quotes, paragraphs


class People:
    """Speakers: five very frequent ones, then a long tail drawn log-uniformly."""

    def __init__(self, count: int, rng: random.Random):
        self.count = count
        self.rng = rng

    def pick(self) -> int:
        r = self.rng.random()
        if r < 0.12:
            return int(r / 0.024)  # 0..4, the frequent five: 2.4% of quotes each
        # A Zipf-like tail, its head flattened: the 6th speaker has ~0.5% of quotes, most have a few.
        return 5 + int(self.count ** (self.rng.random() ** 0.6)) - 1

    def describe(self, index: int) -> tuple[str, str, str | None, str | None, str | None]:
        """(name, kind, role, organisation, gender) of speaker index, fixed for the corpus."""
        if index < len(FREQUENT):
            return FREQUENT[index], "person", "candidate", None, "female" if index == 1 else "male"
        h = int(hashlib.sha1(str(index).encode()).hexdigest(), 16)
        if h % 10 == 0:
            return ORGANIZATIONS[h % len(ORGANIZATIONS)] + f" {index}", "organization", None, None, None
        first, last = FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)]
        combinations = len(FIRST) * len(LAST)
        name = f"{first} {last}" if index < combinations else f"{first} {chr(65 + index % 26)}. {last} {index}"
        role = ROLES[(h // 7) % len(ROLES)] if h % 3 else None
        org = ORGANIZATIONS[(h // 11) % len(ORGANIZATIONS)] if h % 4 else None
        gender = ("female" if first in FEMALE else "male") if h % 5 else None  # a fifth: no evidence
        return name, "person", role, org, gender


def articles(quote_count: int, seed: int) -> Iterator[ArticleRows]:
    rng = random.Random(seed)
    quotes, fillers = real_texts()
    famous = rng.sample(quotes, min(len(quotes), max(50, quote_count // 200)))
    people = People(max(100, quote_count // 30), rng)
    outlets, weights = zip(*OUTLETS, strict=True)
    written, number, previous = 0, 0, []
    while written < quote_count:
        number += 1
        outlet = rng.choices(outlets, weights)[0]
        day = START + rng.randrange(6 * 365)
        published = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
        if previous and rng.random() < 0.03:  # a syndicated copy: same text, another outlet
            rows = rng.choice(previous)
            article = rows.article._replace(
                path=f"realistic/{number}",
                content_hash=f"h{number}",
                url=f"https://{outlet.lower().replace(' ', '')}.example/{number}",
                published=published,
                outlet=outlet,
                published_year=published[:4],
                published_month=published[:7],
            )
            copy = rows._replace(article=article)
            written += len(copy.quotes)
            yield copy
            continue
        rows = one_article(rng, number, outlet, published, quotes, famous, fillers, people)
        written += len(rows.quotes)
        if len(previous) < 500:
            previous.append(rows)
        elif rng.random() < 0.01:
            previous[rng.randrange(500)] = rows
        yield rows


def one_article(rng, number, outlet, published, quotes, famous, fillers, people: People) -> ArticleRows:
    path = f"realistic/{number}"
    paragraphs, speakers, own, quote_rows, affiliations = [], {}, {}, [], []
    for _ in range(rng.randint(8, 32)):
        position = len(paragraphs)
        if rng.random() < 0.45:
            paragraphs.append(ParagraphRow(position, "body", rng.choice(fillers)))
            continue
        index = people.pick()
        name, kind, role, org, gender = people.describe(index)
        text = rng.choice(famous) if rng.random() < 0.08 else rng.choice(quotes)
        if rng.random() < 0.2:  # trimmed by a word at one end, as outlets do
            words = text.split()
            text = " ".join(words[1:] if rng.random() < 0.5 else words[:-1]) if len(words) > 5 else text
        described = f", {role}" + (f" at the {org}" if org else "") if role else ""
        cue = rng.choice(CUES)
        lead = f"“{text},” {cue} {name}{described}." if cue != "according to" else f"“{text},” according to {name}."
        paragraphs.append(ParagraphRow(position, "body", lead))
        if name not in speakers:  # as rows.article_rows keys an article's speakers for the identity step
            local = LocalSpeaker(path, name, kind)
            key, evidence = provisional_key(local), "generated" if gender else None
            speakers[name] = SpeakerRow(key, name, kind, 0, gender, evidence)
            own[name] = [key, name, kind, gender, evidence, block_of(local), 0]
            if role or org:
                affiliations.append(AffiliationRow(key, role, org, None, f"{name}{described}"))
        own[name][-1] += 1
        kind_of_quote = "direct" if rng.random() < 0.8 else "indirect"
        quote_rows.append(
            QuoteRow(
                position,
                speakers[name].key,
                text,
                kind_of_quote,
                cue,
                name,
                1,
                1 + len(text),
                "explicit",
                0,
                0,
                len(quote_rows),
            )
        )
    title = rng.choice(fillers)[:90].rsplit(" ", 1)[0]
    article = ArticleRow(
        path=path,
        title=title,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{number}",
        published=published,
        outlet=outlet,
        author=rng.choice(FIRST) + " " + rng.choice(LAST),
        content_hash=f"h{number}",
        paragraph_count=len(paragraphs),
        quote_count=len(quote_rows),
        published_year=published[:4],
        published_month=published[:7],
    )
    return ArticleRows(
        article=article,
        paragraphs=paragraphs,
        speakers=list(speakers.values()),
        article_speakers=[ArticleSpeakerRow(*row) for row in own.values()],
        speaker_aliases=[SpeakerAliasRow(s.key, s.name) for s in speakers.values()],
        quotes=quote_rows,
        affiliations=affiliations,
    )


def build(path: Path, quote_count: int, seed: int = 3, refresh: bool = True) -> dict[str, float]:
    """Write the database; returns seconds spent writing and refreshing."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(str(path))
    started = time.perf_counter()
    batch = []
    for rows in articles(quote_count, seed):
        batch.append(rows)
        if len(batch) == 500:
            save_records(db, batch)
            batch = []
    save_records(db, batch)
    written = time.perf_counter() - started
    if refresh:
        refresh_corpus(db)
    refreshed = time.perf_counter() - started - written
    db.execute("pragma journal_mode = delete")
    db.close()
    return {"write": written, "refresh": refreshed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    seconds = build(args.db_path, args.quotes, args.seed)
    print(f"{args.db_path}: written in {seconds['write']:.0f}s, corpus steps {seconds['refresh']:.0f}s")


if __name__ == "__main__":
    main()
