"""Golden output: the extraction of the seed, of every PolNeAR dev article and of our HTML and JSON
Lines fixtures, compared fact by fact with the expected files committed in tests/golden/.

One line per fact: every paragraph's kind, every quote (paragraph, start, end, kind, cue, mention,
method, speaker key, mixed, continues), every speaker (name, kind, aliases) and every affiliation
(speaker, title, role, organisation). A change to a rule or a word list that moves any of them fails
here, printing only the lines that differ, under the article's name.

When the change is meant, regenerate the expected files and commit them with the change, saying in
the commit message what moved and why:

    make golden        # the same as: .venv/bin/python -m tests.test_golden

After a rebase onto someone else's golden change, regenerate; never hand-merge the expected files.

PolNeAR's articles are not ours to copy: its expected file holds offsets, kinds, cues, labels and
speaker names, never the articles' text (a mention is its offsets in the paragraph). The corpus is
read from ../shared/eval/polnear/dev/text; without it that test skips and `make golden` leaves its
expected file as it is.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ingest.formats import read_articles
from ingest.models import Article, ArticleRecord, Paragraph, Quote
from ingest.pipeline import process_article

from .conftest import POLNEAR, REPO

GOLDEN_DIR = REPO / "tests" / "golden"
FIXTURES = REPO / "tests" / "fixtures"
HEADER = "# Expected extraction, one line per fact (tests/test_golden.py). Regenerate with `make golden`.\n"
PREVIEW_CHARS = 60
MAX_SHOWN_LINES = 80  # of a failing diff: enough to see what moved, short enough to read


@dataclass(frozen=True)
class GoldenSet:
    name: str  # also the expected file's name: tests/golden/NAME.txt
    articles: Callable[[], Iterator[tuple[str, Article]]]  # (label, article) in a fixed order
    with_text: bool  # False for text that is not ours to copy: offsets instead of words
    source: Path  # what must exist for the set to be extracted

    @property
    def expected_path(self) -> Path:
        return GOLDEN_DIR / f"{self.name}.txt"


def seed_articles() -> Iterator[tuple[str, Article]]:
    for path in sorted((REPO / "seeds").glob("*.txt")):
        yield path.name, Article(path=path.name, text=path.read_text(encoding="utf-8"))


def fixture_articles() -> Iterator[tuple[str, Article]]:
    paths = sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "jsonl").glob("*.jsonl"))
    for path in paths:
        for article in read_articles(str(path)):
            assert isinstance(article, Article), article
            yield str(Path(article.path).relative_to(FIXTURES)), article


def polnear_dev_articles() -> Iterator[tuple[str, Article]]:
    for path in sorted((POLNEAR / "dev" / "text").glob("*.txt")):
        yield path.name, Article(path=path.name, text=path.read_text(encoding="utf-8"))


SETS = [
    GoldenSet("seed", seed_articles, with_text=True, source=REPO / "seeds"),
    GoldenSet("fixtures", fixture_articles, with_text=True, source=FIXTURES),
    GoldenSet("polnear-dev", polnear_dev_articles, with_text=False, source=POLNEAR / "dev" / "text"),
]


# --- one line per fact --------------------------------------------------------------------------


def show(value: str | None) -> str:
    return "-" if value is None else json.dumps(value, ensure_ascii=False)


def preview(text: str) -> str:
    return show(text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…")


def fact_lines(record: ArticleRecord, with_text: bool) -> list[str]:
    lines = []
    if with_text:
        a = record.article
        lines.append(
            f"article title={show(a.title)} url={show(a.url)} published={show(a.published)}"
            f" outlet={show(a.outlet)} author={show(a.author)}"
        )
    for paragraph in record.paragraphs:
        words = f" {preview(paragraph.text)}" if with_text else ""
        lines.append(f"paragraph {paragraph.position} {paragraph.kind} {len(paragraph.text)} chars{words}")
    lines += [quote_line(quote, record.paragraphs, with_text) for quote in record.quotes]
    for speaker in record.speakers:
        aliases = ", ".join(show(alias) for alias in sorted(speaker.aliases))
        lines.append(f"speaker {show(speaker.name)} {speaker.kind} aliases=[{aliases}]")
    for a in record.affiliations:
        lines.append(
            f"affiliation {show(a.speaker_name)} title={show(a.title)} role={show(a.role)}"
            f" organization={show(a.organization)}"
        )
    return lines if with_text else [LABEL.sub(long_label_hidden, line) for line in lines]


# A name, role or organisation is a few words; a longer one is a clause of the article's text (a
# misread appositive), shown by its length and a hash where the text is not ours to copy.
MAX_LABEL_WORDS = 8
LABEL = re.compile(r'"(?:[^"\\]|\\.)*"')


def long_label_hidden(label: re.Match) -> str:
    words = len(label[0].split())
    if words <= MAX_LABEL_WORDS:
        return label[0]
    return f"<{words} words #{hashlib.sha1(label[0].encode()).hexdigest()[:8]}>"


def quote_line(quote: Quote, paragraphs: list[Paragraph], with_text: bool) -> str:
    line = (
        f"quote {quote.paragraph_position}:{quote.start}-{quote.end} {quote.kind} cue={show(quote.cue)}"
        f" method={quote.method or '-'} speaker={show(quote.speaker_key)}"
    )
    if quote.mixed:
        line += " mixed"
    if quote.continues:
        line += " continues"
    if quote.mention is not None:
        line += " mention=" + mention_part(quote, paragraphs, with_text)
    if with_text:
        line += f" text={show(quote.text)}"
    return line


def mention_part(quote: Quote, paragraphs: list[Paragraph], with_text: bool) -> str:
    """The mention as written (or where it is written, for text not ours to copy), then its parse."""
    mention = quote.mention
    assert mention is not None
    written = show(mention.text) if with_text else where_written(mention.text, paragraphs, quote.paragraph_position)
    parts = [mention.kind] + [
        f"{field}={show(value)}"
        for field, value in (
            ("name", mention.name),
            ("title", mention.title),
            ("role", mention.role),
            ("organization", mention.organization),
            ("gender", mention.gender),
        )
        if value is not None
    ]
    return f"{written} ({' '.join(parts)})"


def where_written(words: str, paragraphs: list[Paragraph], position: int) -> str:
    """'@PARAGRAPH:START-END' of words in the quote's paragraph or, for a speaker carried over from
    before (a lead-in, a continuation), in the nearest paragraph before it."""
    for paragraph in reversed(paragraphs[: position + 1]):
        at = paragraph.text.find(words)
        if at >= 0:
            return f"@{paragraph.position}:{at}-{at + len(words)}"
    return f"({len(words)} characters written nowhere in the article)"


def extract_set(golden: GoldenSet) -> dict[str, list[str]]:
    return {label: fact_lines(process_article(article), golden.with_text) for label, article in golden.articles()}


# --- expected files ------------------------------------------------------------------------------


def render(articles: dict[str, list[str]]) -> str:
    return HEADER + "".join(
        f"== {label}\n" + "".join(f"{line}\n" for line in lines) for label, lines in articles.items()
    )


def parse(text: str) -> dict[str, list[str]]:
    articles: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("== "):
            lines = articles.setdefault(line[3:], [])
        elif line and not line.startswith("#"):
            lines.append(line)
    return articles


def differences(expected: dict[str, list[str]], actual: dict[str, list[str]]) -> list[str]:
    """The lines that differ, under each article's name: '- expected', '+ now'."""
    shown: list[str] = []
    for label in [*expected, *(label for label in actual if label not in expected)]:
        before, after = expected.get(label), actual.get(label)
        if before == after:
            continue
        if before is None or after is None:
            shown.append(f"{label}: {'new article' if before is None else 'article no longer extracted'}")
            continue
        shown.append(f"{label}:")
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                shown += [f"  - {line}" for line in before[i1:i2]] + [f"  + {line}" for line in after[j1:j2]]
    return shown


@pytest.mark.parametrize("golden", SETS, ids=[golden.name for golden in SETS])
def test_extraction_matches_the_golden_output(golden: GoldenSet):
    if not golden.source.exists():
        pytest.skip(f"{golden.source} is not present in this clone")
    expected = parse(golden.expected_path.read_text(encoding="utf-8"))
    assert expected, f"{golden.expected_path} is empty: run `make golden`"
    shown = differences(expected, extract_set(golden))
    if shown:
        more = len(shown) - MAX_SHOWN_LINES
        message = "\n".join(shown[:MAX_SHOWN_LINES] + ([f"… and {more} more lines"] if more > 0 else []))
        pytest.fail(
            f"extraction differs from {golden.expected_path.relative_to(REPO)}"
            f" ('-' expected, '+' now; `make golden` if the change is meant):\n{message}",
            pytrace=False,
        )


def test_a_changed_fact_is_shown_under_its_article():
    expected = {"a.txt": ["paragraph 0 body", "quote 0:1-5 direct"], "b.txt": ["paragraph 0 heading"]}
    actual = {"a.txt": ["paragraph 0 body", "quote 0:1-6 direct"], "b.txt": ["paragraph 0 heading"], "c.txt": []}
    assert differences(expected, actual) == [
        "a.txt:",
        "  - quote 0:1-5 direct",
        "  + quote 0:1-6 direct",
        "c.txt: new article",
    ]
    assert parse(render(actual)) == actual


def test_the_polnear_expected_file_holds_no_article_text():
    """Offsets, kinds, cues, labels and names only: no quote or paragraph is written out."""
    expected = GOLDEN_DIR.joinpath("polnear-dev.txt").read_text(encoding="utf-8")
    assert " text=" not in expected
    assert max(len(label.split()) for label in LABEL.findall(expected)) <= MAX_LABEL_WORDS


def write_expected_files() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for golden in SETS:
        if not golden.source.exists():
            print(f"{golden.name}: {golden.source} not found, {golden.expected_path.name} left as it is")
            continue
        articles = extract_set(golden)
        golden.expected_path.write_text(render(articles), encoding="utf-8")
        facts = sum(map(len, articles.values()))
        print(f"{golden.name}: {len(articles)} articles, {facts} facts → {golden.expected_path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(write_expected_files())
