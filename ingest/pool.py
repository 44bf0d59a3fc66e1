"""Worker processes the parent watches: the process pool of the extraction map.

multiprocessing.Pool waits forever for the task of a worker that died (kill -9, the out-of-memory
killer), and cannot stop a task that runs for hours (a page whose markup makes the HTML reader
quadratic). Here each worker has its own pipe and works through one chunk of inputs at a time,
answering once per input, and the parent waits on every pipe and every process at once, so it
learns at once of:

- a result: kept until every earlier input's result is in (results come out in input order);
- a worker that died: the input it was on is tried once more in a new worker (the out-of-memory
  killer may have chosen it for another process's sake), and reported as lost if that worker dies
  too;
- an input still running after `timeout` seconds: its worker is killed and replaced, and the input
  is reported as lost.

The rest of a lost worker's chunk goes to the next free worker. Nothing waits forever and nothing
is lost without a word. Stopping early (an exception in the caller, Ctrl-C, SIGTERM) kills the
workers before the generator returns; a worker whose parent is gone finds its pipe closed and exits.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

PR_SET_PDEATHSIG = 1  # prctl(2)


class Lost(NamedTuple):
    """The result of an input the pool could not finish: why, in words."""

    item: Any
    reason: str


class Died(NamedTuple):
    """A worker died while working on item; it is being tried again."""

    item: Any
    reason: str


def worker_loop(conn, function: Callable, initializer: Callable | None, initargs: tuple) -> None:
    """A worker: chunks of (sequence number, input) in, one (sequence number, result) out per input.
    Ctrl-C reaches the whole terminal's process group: the parent handles it and stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler, inherited through fork, is not ours
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)
    try:
        while (chunk := conn.recv()) is not None:
            for number, item in chunk:
                try:
                    result = function(item)
                except Exception as error:  # noqa: BLE001 - that input is lost, the worker goes on
                    result = Lost(item, f"failed ({type(error).__name__}: {error})")
                conn.send((number, result))
    except (EOFError, OSError):  # the parent is gone: nobody wants the results
        pass


def die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies (kill -9): a worker deep in a
    long extraction would otherwise notice only when it next reads its pipe."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        pass


class Worker:
    def __init__(self, context, function: Callable, initializer: Callable | None, initargs: tuple):
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=worker_loop, args=(child_conn, function, initializer, initargs), daemon=True
        )
        self.process.start()
        child_conn.close()
        self.chunk: deque[tuple[int, Any]] = deque()  # sent, not yet answered; the first is running
        self.started = 0.0  # when the running input started

    def give(self, chunk: list[tuple[int, Any]]) -> None:
        self.chunk.extend(chunk)  # first, so that a worker dying now gives the chunk back
        self.started = time.monotonic()
        self.conn.send(chunk)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"killed by {name}" + (" (the out-of-memory killer, or kill -9)" if name == "SIGKILL" else "")
    return f"exited with status {exitcode}"


def watched_map(
    function: Callable,
    items: Iterable,
    processes: int,
    chunksize: int = 16,
    timeout: float | None = None,
    initializer: Callable | None = None,
    initargs: tuple = (),
) -> Iterator[Any]:
    """function(item) for every item, computed in `processes` worker processes and yielded in input
    order; a Lost in place of a result the pool could not get, and a Died before an input is tried
    again. At most a few chunks per worker are read ahead of the results yielded, so memory stays
    flat however many items there are."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    start = lambda: Worker(context, function, initializer, initargs)  # noqa: E731
    workers = [start() for _ in range(processes)]
    inputs = iter(enumerate(items))
    waiting: deque[tuple[int, Any]] = deque()  # read, not yet given to a worker
    results: dict[int, Any] = {}
    tried_again: set[int] = set()
    read_ahead = processes * chunksize * 8
    next_out = next_in = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_in - next_out < read_ahead:
                item = next(inputs, None)
                if item is None:
                    exhausted = True
                else:
                    waiting.append(item)
                    next_in += 1
            give_chunks(workers, waiting, chunksize, start)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_in:
                return
            wait_for_answers(workers, timeout)
            for index, worker in enumerate(workers):
                if not worker.chunk or receive(worker, results):
                    continue
                failure = take_back_failed(worker, timeout, results, tried_again, waiting)
                if failure is None:
                    continue  # still within its time
                if isinstance(failure, Died):
                    yield failure
                waiting.extendleft(reversed(worker.chunk))
                worker.chunk.clear()
                worker.stop(kill=True)
                workers[index] = start()
    finally:
        for worker in workers:
            worker.stop(kill=bool(worker.chunk) or not exhausted or next_out != next_in)


def give_chunks(workers: list[Worker], waiting: deque, chunksize: int, start: Callable[[], Worker]) -> None:
    """The next chunk of waiting items to each idle worker; one found dead while idle is replaced
    first (nothing of ours was lost with it)."""
    for index, worker in enumerate(workers):
        if not worker.chunk and waiting:
            if not worker.process.is_alive():
                worker.stop(kill=True)
                workers[index] = worker = start()
            try:
                worker.give([waiting.popleft() for _ in range(min(chunksize, len(waiting)))])
            except OSError:
                pass  # it died just now: its chunk is taken back when it is found dead


def wait_for_answers(workers: list[Worker], timeout: float | None) -> None:
    """Until a busy worker answers or dies, or the time of the longest-running chunk is up."""
    busy = [worker for worker in workers if worker.chunk]
    deadline = min(w.started for w in busy) + timeout if timeout and busy else None
    wait_for = [w.conn for w in busy] + [w.process.sentinel for w in busy]
    wait = None if deadline is None else max(0.0, deadline - time.monotonic())
    multiprocessing.connection.wait(wait_for, wait)


def take_back_failed(
    worker: Worker, timeout: float | None, results: dict[int, Any], tried_again: set[int], waiting: deque
) -> Died | Lost | None:
    """For a busy worker that gave no answer: None while it is alive within its time. Otherwise the
    item it was on comes off its chunk: past its time, or its second death, the item is Lost (put
    in results); at its first death it waits to be tried again, and the Died is returned."""
    if worker.process.is_alive():
        if not (timeout and time.monotonic() - worker.started > timeout):
            return None
        number, item = worker.chunk.popleft()
        results[number] = Lost(item, f"still extracting after {timeout:g} s, stopped (--article-timeout)")
        worker.process.kill()
        return results[number]
    number, item = worker.chunk.popleft()
    reason = death_reason(worker.process.exitcode)
    if number in tried_again:
        results[number] = Lost(item, f"the worker extracting it died twice ({reason}); skipped")
        return results[number]
    tried_again.add(number)
    waiting.appendleft((number, item))
    return Died(item, reason)


def receive(worker: Worker, results: dict[int, Any]) -> bool:
    """Take every answer waiting in worker's pipe into results; False when there was none (or the
    pipe broke: the worker died)."""
    received = False
    try:
        while worker.chunk and worker.conn.poll():
            number, result = worker.conn.recv()
            expected, _ = worker.chunk.popleft()
            assert number == expected, (number, expected)
            results[number] = result
            worker.started = time.monotonic()
            received = True
    except (EOFError, OSError):
        pass
    return received
