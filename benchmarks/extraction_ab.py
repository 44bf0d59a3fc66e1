"""CPU seconds of process_article over the PolNeAR train texts (best of 5), for the tree whose Python
runs it: run it with two trees' interpreters (an older commit built in a git worktree, and this one)
and compare the two figures, measured one after the other on the same machine.

    cd /tmp && OLD/.venv/bin/python NEW/benchmarks/extraction_ab.py old [POLNEAR_DIR]
    cd /tmp && NEW/.venv/bin/python NEW/benchmarks/extraction_ab.py new [POLNEAR_DIR]

Run it from outside both trees, so each interpreter imports its own tree's ingest package."""

import sys
import time
from pathlib import Path

import ingest
from ingest.models import Article
from ingest.pipeline import process_article


def main(label: str, polnear: Path) -> None:
    texts = [(str(path), path.read_text()) for path in sorted((polnear / "train").rglob("*.txt"))]
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for path, text in texts:
            process_article(Article(path=path, text=text))
        best = min(best, time.process_time() - start)
    print(f"{label} compiled={ingest.COMPILED} articles={len(texts)} best_cpu={best:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/eval/polnear"))
