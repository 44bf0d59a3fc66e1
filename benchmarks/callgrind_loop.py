"""The extraction's instruction count: `process_article` over every STEP-th PolNeAR train text, PASSES
times, under callgrind with collection on only inside the extraction's stages (so start-up, reading the
files and the loop itself are not counted). Instructions do not depend on the machine's load, so two
trees measured one after the other compare exactly (benchmarks/RESULTS.md "Extraction speed").

Run it from outside the tree, so the interpreter imports TREE's ingest package (a tree without this
script, such as an older commit in a git worktree, runs this copy with PYTHONPATH=TREE):

    cd /tmp && PYTHONHASHSEED=0 PYTHONPATH=TREE valgrind --tool=callgrind --collect-atstart=no \\
      --callgrind-out-file=/tmp/callgrind.TREE.out \\
      --toggle-collect='CPyPy_extract___extract_quotes' --toggle-collect='CPyPy_resolve___resolve_speakers' \\
      --toggle-collect='CPyPy_names___find_namings' --toggle-collect='CPyPy_roles___article_affiliations' \\
      --toggle-collect='CPyPy_split___split_paragraphs' --toggle-collect='CPyPy_resolve___place_descriptions' \\
      --toggle-collect='CPyPy_names___common_word_names' --toggle-collect='CPyPy_names___without_speakers' \\
      TREE/.venv/bin/python NEW/benchmarks/callgrind_loop.py 4 1 [POLNEAR_DIR]

The total is the "Collected" line valgrind prints (or `callgrind_annotate FILE | head`); per function,
inclusive: `callgrind_annotate --inclusive=yes FILE`. The toggles name the compiled build's entry points
(`CPyPy_MODULE___FUNCTION`), so the build must be current (`make setup`); a stage a tree does not have
toggles nothing. PYTHONHASHSEED=0 because hashing costs move with the seed by about ±0.5%.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import ingest
from ingest.models import Article
from ingest.pipeline import process_article


def train_texts(polnear: Path, step: int) -> list[tuple[str, str]]:
    """Every STEP-th train text in name order, as (path, text)."""
    paths = sorted((polnear / "train").rglob("*.txt"))[::step]
    return [(str(path), path.read_text()) for path in paths]


def main(step: int, passes: int, polnear: Path) -> None:
    texts = train_texts(polnear, step)
    for _ in range(passes):
        for path, text in texts:
            process_article(Article(path=path, text=text))
    print(f"compiled={ingest.COMPILED} articles={len(texts)} passes={passes}")


if __name__ == "__main__":
    default = os.environ.get("POLNEAR_DIR", "../shared/eval/polnear")
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3] if len(sys.argv) > 3 else default))
