"""The extraction map on Dask (dask.distributed): the same inputs, the same work per input and the
same outcomes, in the same order, as parallel.iter_outcomes, computed by the workers of a Dask
cluster instead of a local process pool.

A LocalCluster on this machine by default, or any running scheduler (`tcp://host:8786`), whose
workers must see the input files under the same names and have this package installed. Each task
is a batch of inputs; each worker reads, checks and extracts its batch with parallel.work, so a bad
input comes back as the same InputError the CLI reports on one line, and an unexpected failure
inside the extractor is caught there too. The workers never open the database: the hashes of the
articles already stored unchanged travel with each batch (only those of its own inputs), so the
skip works on machines that cannot see the database."""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping

from .models import Article
from .parallel import WORKER_NICENESS, Job, Outcome, batched, work
from .read import InputError

BATCH_SIZE = 32  # inputs per task: enough to hide the scheduler's few ms per task
# The LocalCluster's workers without the diagnostics a long-lived cluster keeps for its dashboard:
# a statistical profiler sampling every thread's stack every 10 ms, memory checks every 100 ms, the
# event loop's health every 20 ms. Each interrupts the extractor; off, a map of the PolNeAR demo
# (924 articles, 2 workers) took 7.7 and 8.1 CPU s instead of 8.6 and 9.2 (docs/scale.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
TASKS_PER_WORKER_IN_FLIGHT = 3  # bounds memory when the caller consumes more slowly than the workers map


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` single-threaded
    worker processes (the extractor holds the GIL: threads would not run it in parallel)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with dask.config.set(QUIET_WORKERS):  # the workers' processes take the config they start with
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # its HTTP endpoints (health, metrics) on any free port
            silence_logs=logging.CRITICAL,  # a worker losing the scheduler at shutdown is not news
        )
    with cluster, Client(cluster) as client:
        # As the local pool's workers: below the writer, which shares this machine (parallel.py).
        client.run(lower_priority)
        yield client


def lower_priority() -> None:
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def extract_batch(items: list[str | Article | InputError], job: Job, stored: Mapping[str, str] | None) -> list[Outcome]:
    """One task: every input of a batch through parallel.work, in order."""
    return [outcome for item in items for outcome in work(item, job, stored)]


def iter_outcomes_dask(
    items: Iterable[str | Article | InputError],
    job: Job,
    client,
    stored: Mapping[str, str] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Outcome]:
    """Every article's outcome, in input order, lazily. stored maps an article key to the content
    hash it is stored with (articles whose hash is unchanged come back as parallel.Unchanged)."""
    stored = stored or {}
    worker_count = max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque = deque()
    for batch in batched(items, batch_size):
        known = {key: stored[key] for key in map(input_key, batch) if key in stored}
        pending.append(client.submit(extract_batch, batch, job, known or None, pure=False))
        if len(pending) >= worker_count * TASKS_PER_WORKER_IN_FLIGHT:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def input_key(item: str | Article | InputError) -> str | None:
    """The key an input's article is stored under: the path of a file holding one article, the
    FILE#ID of a record already read."""
    if isinstance(item, Article):
        return item.path
    return item if isinstance(item, str) else None
