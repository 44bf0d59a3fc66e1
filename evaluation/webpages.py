"""python -m evaluation.webpages [--folder DIR] [--differences N]

Score our reading of real web pages against trafilatura alone, as ../shared/eval/html/README.md
prescribes (trafilatura's own benchmark): each page's main text, whitespace-normalised and NFC, must
hold its `with` snippets and must not hold its `without` snippets; precision, recall and F1 are
micro-averaged over snippets, and a page that could not be read misses all its `with` snippets.
Author is right when it shares a word with the given one, date when its YYYY-MM-DD prefix matches.

Our main text is the `body` paragraphs in order, joined by spaces; and again with `heading` and
`caption` paragraphs added. trafilatura alone is `bare_extraction(html, include_comments=False)` on
the page's bytes, run on the same pages in the same run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.formats import read_articles
from ingest.models import Article

HTML_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "html"
MAIN_TEXT_KINDS = {"body": ("body",), "body+heading+caption": ("body", "heading", "caption")}
WORD = re.compile(r"\w+")


@dataclass
class Reading:
    """What one reader made of one page: main text per view (None when the page was refused)."""

    texts: dict[str, str | None]
    author: str | None = None
    date: str | None = None
    refusal: str | None = None


@dataclass
class Tally:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    authors_right: int = 0
    authors_given: int = 0
    dates_right: int = 0
    dates_given: int = 0
    refused: list[str] = field(default_factory=list)
    no_body: list[str] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (page, snippet)
    leaked: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load_pages(folder: Path = HTML_EVAL) -> dict[str, dict]:
    return json.loads((folder / "eval.json").read_text(encoding="utf-8"))["pages"]


def read_ours(path: Path) -> Reading:
    """Our reading of the page file, through the same path `python -m ingest` takes."""
    items = list(read_articles(str(path), "html"))
    article = next((item for item in items if isinstance(item, Article)), None)
    if article is None:
        return Reading(dict.fromkeys(MAIN_TEXT_KINDS), refusal=str(items[0]) if items else "nothing read")
    texts = {
        view: " ".join(p.text for p in article.paragraphs or [] if p.kind in kinds)
        for view, kinds in MAIN_TEXT_KINDS.items()
    }
    return Reading(texts, article.author, article.published)


def read_trafilatura(path: Path) -> Reading:
    import trafilatura

    document = trafilatura.bare_extraction(path.read_bytes(), include_comments=False, with_metadata=True)
    if document is None:
        return Reading(dict.fromkeys(MAIN_TEXT_KINDS, ""))
    text = document.text or ""
    return Reading(dict.fromkeys(MAIN_TEXT_KINDS, text), document.author, document.date)


def score_page(tally: Tally, name: str, gold: dict, reading: Reading, view: str) -> None:
    text = reading.texts[view]
    if text is None:
        tally.refused.append(name)
    elif not text.strip():
        tally.no_body.append(name)
    text = normalise(text or "")
    for snippet in gold["with"]:
        if normalise(snippet) in text:
            tally.true_positives += 1
        else:
            tally.false_negatives += 1
            tally.missed.append((name, snippet))
    for snippet in gold["without"]:
        if normalise(snippet) in text:
            tally.false_positives += 1
            tally.leaked.append((name, snippet))
    if gold.get("author"):
        tally.authors_given += 1
        tally.authors_right += shares_a_word(reading.author, gold["author"])
    if gold.get("date"):
        tally.dates_given += 1
        tally.dates_right += bool(reading.date) and reading.date[:10] == gold["date"][:10]


def shares_a_word(found: str | None, given: str) -> bool:
    return bool(found) and bool(set(WORD.findall(found.lower())) & set(WORD.findall(given.lower())))


def score_pages(folder: Path = HTML_EVAL) -> dict[str, Tally]:
    """Tallies for 'ours: body', 'ours: body+heading+caption' and 'trafilatura alone'."""
    tallies = {f"ours: {view}": Tally() for view in MAIN_TEXT_KINDS} | {"trafilatura alone": Tally()}
    for name, gold in sorted(load_pages(folder).items()):
        path = folder / "pages" / name
        ours = read_ours(path)
        for view in MAIN_TEXT_KINDS:
            score_page(tallies[f"ours: {view}"], name, gold, ours, view)
        score_page(tallies["trafilatura alone"], name, gold, read_trafilatura(path), "body")
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = ["| reader | P | R | F1 | author | date | refused | no body |", "| --- |" + " ---: |" * 7]
    for name, t in tallies.items():
        rows.append(
            f"| {name} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} | {ratio(t.authors_right, t.authors_given)}"
            f" | {ratio(t.dates_right, t.dates_given)} | {len(t.refused)} | {len(t.no_body)} |"
        )
    return "\n".join(rows)


def ratio(right: int, given: int) -> str:
    return f"{right / given:.3f}" if given else "—"


def differences(tallies: dict[str, Tally], view: str) -> Iterator[str]:
    """Snippets one reader gets right and the other wrong, ours (view) against trafilatura alone."""
    ours, theirs = tallies[f"ours: {view}"], tallies["trafilatura alone"]
    for label, mine, other in (("missed", ours.missed, theirs.missed), ("leaked", ours.leaked, theirs.leaked)):
        for page, snippet in sorted(set(mine) - set(other)):
            yield f"{label} (trafilatura alone did not) {page}: {snippet!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.webpages", description=__doc__.split("\n\n")[1])
    parser.add_argument("--folder", type=Path, default=HTML_EVAL, help="holding eval.json and pages/")
    parser.add_argument(
        "--differences", type=int, default=0, help="print this many snippets we and trafilatura differ on"
    )
    args = parser.parse_args(argv)
    if not (args.folder / "eval.json").is_file():
        print(f"HTML eval pages not found at {args.folder} (pass --folder DIR); skipped.")
        return 0
    tallies = score_pages(args.folder)
    print(f"Web pages ({len(load_pages(args.folder))} pages in {args.folder})")
    print(table(tallies))
    for name, tally in tallies.items():
        for label, pages in (("refused", tally.refused), ("no body", tally.no_body)):
            if pages:
                print(f"{name}: {label}: {', '.join(pages)}")
    if args.differences:
        for view in MAIN_TEXT_KINDS:
            lines = list(differences(tallies, view))
            print(f"\n-- {view} against trafilatura alone: {len(lines)} snippets")
            for line in random.Random(0).sample(lines, min(args.differences, len(lines))):
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
