"""What each of the extractor's speed forms earns: extract PolNeAR train articles with one fast form
swapped for the plain rule it is derived from, and count instructions with cachegrind (quiet-machine
proof: the count does not depend on the load). The swap is a module global replaced in plain Python,
so run every variant, `base` included, this way and compare the differences; divide them by the
compiled extraction's count to read them as a share of extraction (benchmarks/RESULTS.md).

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/speed_forms.py VARIANT [--articles 150] [--passes 2]

VARIANT is base or one of PLAIN_FORMS. It prints a digest of the quotes found, which must be the
same for every variant (the plain and fast forms find the same).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["QUOTE_INGEST_PURE_PYTHON"] = "1"

from ingest.models import Article  # noqa: E402
from ingest.pipeline import process_article  # noqa: E402
from ingest.rules import quotemarks, reported, resolve, sentences, shapes, subjects  # noqa: E402
from ingest.rules.words import CONJUNCTIONS  # noqa: E402

POLNEAR_TRAIN = REPO.parent / "shared" / "eval" / "polnear" / "train" / "text"


def plain_openers() -> None:
    quotemarks.SINGLE_OPENERS = (quotemarks.SINGLE_OPENER,)
    quotemarks.DOUBLE_OPENERS = (quotemarks.DOUBLE_OPENER,)


def plain_titled_names() -> None:
    plain = re.compile(r"(?<!\w)" + resolve.TITLED_NAME.pattern)
    resolve.titled_names = plain.finditer


def x_out_by_regex() -> None:
    not_space = re.compile(r"\S")
    sentences.x_out = lambda text: not_space.sub("X", text)


def x_out_by_str_translate() -> None:
    sentences.x_out = lambda text: text.translate(sentences.X_TABLE)


def plain_hard_boundary() -> None:
    def after_last_boundary(masked: str, start: int, end: int) -> int:
        for boundary in subjects.HARD_BOUNDARY.finditer(masked, start, end):
            start = boundary.end()
        return start

    subjects.after_last_boundary = after_last_boundary


def sentence_end_as_plus() -> None:
    for name in ("SENTENCE_BOUNDARY", "FULL_STOP_BOUNDARY"):
        pattern = getattr(sentences, name).pattern
        mark = pattern[: pattern.index("]") + 1]
        setattr(sentences, name, re.compile(pattern.replace(mark + mark + "*", mark + "+", 1)))


def one_sentence_boundary() -> None:
    sentences.boundary_for = lambda text: sentences.SENTENCE_BOUNDARY


def plain_clause_breaks() -> None:
    shapes.SECOND_PREDICATE = re.compile(
        reported.clause_break_rule(reported.SECOND_PREDICATE_AFTER_COMMA, (), reported.SECOND_PREDICATE_AFTER_EITHER)
    )
    shapes.OBJECT_END = re.compile(
        reported.clause_break_rule(
            reported.OBJECT_END_AFTER_COMMA, reported.OBJECT_END_AFTER_SPACES, reported.OBJECT_END_AFTER_EITHER
        )
    )


def conjunctions_as_flat_list() -> None:
    words = "|".join(sorted(CONJUNCTIONS, key=lambda word: (-len(word), word)))
    subjects.LAST_CONJUNCTION = re.compile(r"(?s:.*)(\b(?:" + words + r")\s+)", re.IGNORECASE)


def conjunctions_at_any_word() -> None:
    pattern = subjects.LAST_CONJUNCTION.pattern.replace("(?=[" + subjects.CONJUNCTION_FIRST_LETTERS + "])", "")
    subjects.LAST_CONJUNCTION = re.compile(pattern, re.IGNORECASE)


PLAIN_FORMS = {
    "plain-openers": plain_openers,
    "plain-titled-names": plain_titled_names,
    "x-out-by-regex": x_out_by_regex,
    "x-out-by-str-translate": x_out_by_str_translate,
    "plain-hard-boundary": plain_hard_boundary,
    "sentence-end-as-plus": sentence_end_as_plus,
    "one-sentence-boundary": one_sentence_boundary,
    "plain-clause-breaks": plain_clause_breaks,
    "conjunctions-as-flat-list": conjunctions_as_flat_list,
    "conjunctions-at-any-word": conjunctions_at_any_word,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variant", choices=["base", *PLAIN_FORMS])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()
    if args.variant != "base":
        PLAIN_FORMS[args.variant]()
    paths = sorted(POLNEAR_TRAIN.glob("*.txt"))[: args.articles]
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in paths]
    digest = hashlib.sha1()
    for _ in range(args.passes):
        for name, text in texts:
            record = process_article(Article(path=name, text=text))
            digest.update(repr([(q.start, q.end, q.cue, q.speaker_key, q.method) for q in record.quotes]).encode())
    print(f"{args.variant}: {len(texts)} articles x {args.passes}, quotes digest {digest.hexdigest()[:12]}")


if __name__ == "__main__":
    main()
