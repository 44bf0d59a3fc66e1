"""python -m evaluation [--split dev|train|PATH] [--errors N] [--no-seed] [--strict-marks]"""

from __future__ import annotations

import argparse
import os
import random
import sys

from .entities import entity_table, loss_table
from .entities import score_split as score_entities
from .polnear import load_split, split_dir
from .score import Tally, extract, score_article, table
from .seed import SEED_ANNOTATION, load_seed


def score_polnear(split: str) -> Tally | None:
    folder = split_dir(split)
    if not (folder / "text").is_dir():
        print(f"PolNeAR split not found at {folder} (set POLNEAR_DIR or pass --split PATH); skipped.")
        return None
    total = Tally()
    for article in load_split(folder):
        stored, seconds = extract(article.name, article.text)
        tally = score_article(article.text, article.attributions, stored)
        tally.seconds = seconds
        total.add(tally)
    return total


def score_seed() -> Tally:
    text, gold, optional, scare = load_seed()
    stored, seconds = extract("seed", text)
    tally = score_article(text, gold, stored, optional, scare)
    tally.seconds = seconds
    return tally


def print_errors(tally: Tally, count: int) -> None:
    picker = random.Random(0)
    for kind, examples in sorted(tally.errors.items()):
        print(f"\n-- {kind}: {len(examples)}")
        for example in picker.sample(examples, min(count, len(examples))):
            print("   ", example)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("--split", default="dev", help="dev, train, or a folder holding text/ and attributions/")
    parser.add_argument("--errors", type=int, default=0, help="print this many examples of each error class")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed article")
    parser.add_argument(
        "--strict-marks",
        action="store_true",
        help="count a gold attribution as direct only for \" “ ” marks, not for typewriter '' pairs",
    )
    args = parser.parse_args(argv)
    if args.strict_marks:
        os.environ["POLNEAR_STRICT_MARKS"] = "1"
    tally = score_polnear(args.split)
    if tally is not None:
        print(table(f"PolNeAR {args.split}", tally))
        if args.errors:
            print_errors(tally, args.errors)
        entities = score_entities(args.split, split_dir(args.split))
        if entities is None:
            print(f"\nNo entity annotation for {args.split}; speakers not scored against entities.")
        else:
            print()
            print(entity_table(f"Speakers as entities, PolNeAR {args.split}", entities))
            if args.errors:
                print_errors(entities, args.errors)
                print(loss_table(entities.items, args.errors))
    if not args.no_seed:
        seed = score_seed()
        print()
        print(table(f"seed vs {SEED_ANNOTATION.name}", seed))
        print(f"scare quotes attributed: {seed.scare_attributed}")
        if args.errors:
            print_errors(seed, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
