"""The single writer alone: CPU seconds per 1,000 articles for store.save_records, in batches as
the CLI writes them, with the FTS insert triggers in place (as shipped: they stand aside while a
batch defers its indexing) against a baseline with those triggers dropped (how batches used to
defer indexing, changing the schema under readers at every commit). Both in one process, on the
same extracted rows, alternating, so the ratio is what a trigger call per inserted row costs.

    python benchmarks/writer.py [--articles 5000] [--rounds 3] [--batch-size 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate  # noqa: E402

from ingest import store  # noqa: E402
from ingest.fts import FTS_CONFIG  # noqa: E402
from ingest.models import Article  # noqa: E402
from ingest.pipeline import process_article  # noqa: E402


def write_seconds(rows: list[store.ArticleRows], batch_size: int, drop_insert_triggers: bool) -> float:
    """CPU seconds to write rows into a new database."""
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_db(str(Path(folder) / "quotes.db"))
        if drop_insert_triggers:
            for table in FTS_CONFIG:
                db.execute(f"drop trigger [{table}_ai]")
        started = time.process_time()
        for first in range(0, len(rows), batch_size):
            store.save_records(db, rows[first : first + batch_size])
        seconds = time.process_time() - started
        db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()
    print(f"extracting {args.articles:,} generated articles", flush=True)
    rows = [
        store.article_rows(process_article(Article(path=f"generated/{number}.txt", text=text)))
        for number, text in enumerate(generate(args.articles))
    ]
    shipped, baseline = [], []
    for _ in range(args.rounds):
        shipped.append(write_seconds(rows, args.batch_size, drop_insert_triggers=False))
        baseline.append(write_seconds(rows, args.batch_size, drop_insert_triggers=True))
    per_thousand = 1000 / len(rows)
    best, best_baseline = min(shipped) * per_thousand, min(baseline) * per_thousand
    print(f"writer, CPU s per 1,000 articles (best of {args.rounds}, batches of {args.batch_size}):")
    print(f"  insert triggers in place (shipped): {best:.2f}")
    print(f"  insert triggers dropped (baseline): {best_baseline:.2f}")
    print(f"  ratio: {best / best_baseline:.2f}×")


if __name__ == "__main__":
    main()
