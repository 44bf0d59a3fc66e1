"""Where a load's CPU goes, in one process (time.process_time; the shard writers' processes by
RUSAGE_CHILDREN): opening the database, the load proper (read Parquet, write rows, FTS), each
corpus-wide step, and opening the database again once it is current. With --shards WRITERS, the
load into a folder of shards by outlet instead: router, writers, the corpus-wide steps over them
(identity over the shards within them, and the quotation grouping that runs beside it). CPU
seconds depend little on other work on the machine (shared caches aside), unlike wall-clock time.

    python -m ingest extract db/demo/polnear.jsonl -o OUT --workers 2
    python benchmarks/load_parts.py OUT [--shards 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest import corpus_shards, corpus_store, identity_store, quotations_store  # noqa: E402
from ingest.operations import Tally, load_parquet  # noqa: E402
from ingest.parquet import read_parquet_values  # noqa: E402
from ingest.schema import open_db  # noqa: E402
from ingest.shards import load_shards  # noqa: E402


def timed(label: str, step, *args):
    start = time.process_time()
    result = step(*args)
    print(f"{label:40s} {time.process_time() - start:6.3f} CPU s")
    return result


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_file(out: str, work: Path) -> None:
    path = str(work / "load.db")
    db = timed("open_db, new database", open_db, path)
    timed("load proper (read, write, FTS)", load_parquet, db, out, Tally())
    timed("identity", identity_store.refresh_identities, db)
    timed("quotation grouping", quotations_store.refresh_quotations, db)
    timed("summaries", corpus_store.refresh_summaries, db)
    timed("statistics", corpus_store.update_statistics, db)
    db.close()
    timed("open_db, the same database again", lambda: open_db(path).close())


def shards(out: str, work: Path, writers: int) -> None:
    folder = work / "folder"
    articles = (rows for batch in read_parquet_values([out]) for rows in batch)
    before = children_seconds()
    timed("router (read Parquet, route)", load_shards, articles, folder, "outlet", writers)
    print(f"{f'the {writers} writers processes':40s} {children_seconds() - before:6.3f} CPU s")
    # The steps run as the load runs them (on a new folder quotation grouping is a process of its
    # own beside identity: its CPU is a child's), identity timed inside them.
    identities = corpus_shards.refresh_shard_identities
    label = "  of which identity over the shards"
    corpus_shards.refresh_shard_identities = lambda *args: timed(label, identities, *args)
    before, started = children_seconds(), time.perf_counter()
    timed("corpus-wide steps over the shards", corpus_shards.refresh_corpus_over_shards, folder)
    print(f"{'  quotation grouping beside identity':40s} {children_seconds() - before:6.3f} CPU s")
    print(f"{'  the steps, wall clock':40s} {time.perf_counter() - started:6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="a Parquet folder written by the extract verb")
    parser.add_argument("--shards", type=int, metavar="WRITERS", help="load into shards by outlet instead")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-parts-"))
    try:
        shards(args.out, work, args.shards) if args.shards else one_file(args.out, work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
