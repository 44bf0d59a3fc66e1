"""Deterministic benchmark corpora built by recombining real article paragraphs.

    python benchmarks/corpus.py OUT_DIR N [--seed 1]

Writes N plain-text articles to OUT_DIR/<thousands>/<n>.txt. Each article strings together a few
runs of consecutive paragraphs taken from random real articles (the PolNeAR train texts, or the
seed article when ../shared is absent), so quotes keep the context their attribution rules need
(a pronoun's antecedent, a quote continued across paragraphs). Articles are streamed to disk one
at a time: only the source paragraphs are held in memory, never the generated corpus."""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POLNEAR_TRAIN = REPO.parent / "shared" / "eval" / "polnear" / "train" / "text"
SEED_ARTICLE = REPO / "seeds" / "000_3d888245f5eff5d7.txt"


def source_articles() -> list[list[str]]:
    """Each source article as its list of paragraphs (blank-line separated, else one per line)."""
    paths = sorted(POLNEAR_TRAIN.glob("*.txt")) if POLNEAR_TRAIN.is_dir() else [SEED_ARTICLE]
    return [paragraphs(path.read_text(encoding="utf-8")) for path in paths]


def paragraphs(text: str) -> list[str]:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    if len(blocks) == 1:
        blocks = [line.strip() for line in text.splitlines() if line.strip()]
    return blocks


def generate(count: int, seed: int = 1, sources: list[list[str]] | None = None) -> Iterator[str]:
    """count article texts, deterministic for a given seed and source list."""
    sources = sources or source_articles()
    rng = random.Random(seed)
    for _ in range(count):
        runs = []
        for _ in range(rng.randint(2, 4)):
            source = rng.choice(sources)
            length = min(len(source), rng.randint(3, 8))
            start = rng.randrange(len(source) - length + 1)
            runs.extend(source[start : start + length])
        yield "\n\n".join(runs) + "\n"


def write_corpus(out_dir: Path, count: int, seed: int = 1) -> int:
    """Write the corpus; returns its size in bytes."""
    total = 0
    for number, text in enumerate(generate(count, seed)):
        folder = out_dir / f"{number // 1000:04d}"
        if number % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{number:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = write_corpus(args.out_dir, args.count, args.seed)
    print(f"{args.count} articles, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
