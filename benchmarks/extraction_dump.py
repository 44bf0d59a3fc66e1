"""Every field of every paragraph, quote, speaker and affiliation extracted from the PolNeAR train and
dev texts, one JSON line per article, so two trees' extractions compare byte for byte: a speedup that
claims to change nothing is checked with `cmp` (the golden test covers a few articles; this covers 924).

    cd /tmp && MAIN/.venv/bin/python NEW/benchmarks/extraction_dump.py /tmp/main.jsonl [POLNEAR_DIR]
    cd /tmp && NEW/.venv/bin/python NEW/benchmarks/extraction_dump.py /tmp/new.jsonl [POLNEAR_DIR]
    cmp /tmp/main.jsonl /tmp/new.jsonl

Run it from outside both trees, so each interpreter imports its own tree's ingest package (a tree
without this script runs this copy with PYTHONPATH=TREE). QUOTE_INGEST_PURE_PYTHON=1 runs the plain
source instead of the compiled build: compare the compiled branch against plain main to check both.
The content hash is left out: it names the extractor's source, which differs between any two trees.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import ingest
from ingest.models import Article
from ingest.pipeline import process_article
from ingest.records import encode


def article_lines(polnear: Path) -> list[str]:
    lines = []
    for split in ("train", "dev"):
        for path in sorted((polnear / split).rglob("*.txt")):
            record = encode(process_article(Article(path=str(path.relative_to(polnear)), text=path.read_text())))
            del record["content_hash"]
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return lines


def main(out: Path, polnear: Path) -> None:
    lines = article_lines(polnear)
    out.write_text("".join(line + "\n" for line in lines))
    print(f"compiled={ingest.COMPILED} articles={len(lines)} -> {out}")


if __name__ == "__main__":
    default = os.environ.get("POLNEAR_DIR", "../shared/eval/polnear")
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else default))
