"""Worker processes that hang, die or are told to stop: an input over the time limit is stopped and
reported, a worker killed (kill -9, the out-of-memory killer) is noticed and its input tried again,
and SIGTERM or Ctrl-C ends the run with one line, never a hang or a traceback, everything committed
intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

import ingest.parallel as parallel_module
from scripts.faults import REPO, database_problems, make_corpus, rejection

from .conftest import ingest


def corpus(folder: Path, count: int = 6) -> list[Path]:
    return make_corpus(folder, count)


def articles_in(db_path: Path) -> int:
    try:
        return sqlite_utils.Database(db_path)["articles"].count
    except Exception:  # noqa: BLE001 - not created yet
        return 0


def misbehaving(monkeypatch, name: str, action):
    """Make extracting the article whose path ends with name run action() first (in the worker)."""
    real = parallel_module.process_article

    def process_article(article):
        if article.path.endswith(name):
            action()
        return real(article)

    monkeypatch.setattr(parallel_module, "process_article", process_article)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_input_over_the_time_limit_is_stopped_and_the_run_goes_on(tmp_path, monkeypatch, workers):
    paths = corpus(tmp_path / "corpus")
    misbehaving(monkeypatch, paths[2].name, lambda: time.sleep(3600))
    started = time.monotonic()
    # 5 s, not 1: on a loaded machine an ordinary article can take over a second
    result = ingest(tmp_path / "q.db", "--workers", workers, "--article-timeout", "5", tmp_path / "corpus")
    assert time.monotonic() - started < 60
    assert rejection(result.stderr, paths[2]) == "still extracting after 5 s, stopped (--article-timeout)"
    assert result.exit_code == 1 and f"{len(paths) - 1} added" in result.stdout
    assert database_problems(tmp_path / "q.db") == []


def kill_self_once(marker: Path):
    def action():
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)

    return action


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_worker_killed_once_is_noticed_and_its_input_tried_again(tmp_path, monkeypatch, workers):
    paths = corpus(tmp_path / "corpus")
    misbehaving(monkeypatch, paths[3].name, kill_self_once(tmp_path / "killed"))
    result = ingest(tmp_path / "q.db", "--workers", workers, tmp_path / "corpus")
    assert result.exit_code == 0, result.output
    assert f"warning: {paths[3]}: the worker extracting it died (killed by SIGKILL" in result.stderr
    assert f"{len(paths)} added" in result.stdout
    assert database_problems(tmp_path / "q.db") == []


def test_an_input_that_kills_every_worker_it_meets_is_reported(tmp_path, monkeypatch):
    paths = corpus(tmp_path / "corpus")
    misbehaving(monkeypatch, paths[1].name, lambda: os.kill(os.getpid(), signal.SIGKILL))
    result = ingest(tmp_path / "q.db", "--workers", "2", tmp_path / "corpus")
    reason = rejection(result.stderr, paths[1])
    assert reason.startswith("the worker extracting it died twice (killed by SIGKILL")
    assert result.exit_code == 1 and f"{len(paths) - 1} added" in result.stdout


def start_ingest(db_path: Path, *args, **popen) -> subprocess.Popen:
    command = [sys.executable, "-m", "ingest", str(db_path), *map(str, args)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def wait_for_articles(db_path: Path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while articles_in(db_path) < count:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the workers")
def test_kill_9_of_a_worker_from_outside_does_not_hang_the_run(tmp_path):
    paths = corpus(tmp_path / "corpus", 150)
    process = start_ingest(tmp_path / "q.db", "--workers", "2", "--batch-size", "5", tmp_path / "corpus")
    wait_for_articles(tmp_path / "q.db", 10, process)
    victim = children(process.pid)[0]
    os.kill(victim, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if not line.startswith("warning: ")] == []
    assert articles_in(tmp_path / "q.db") == len(paths)
    assert database_problems(tmp_path / "q.db") == []


@pytest.mark.slow
@pytest.mark.parametrize("target", ["the ingest", "its process group"])
def test_sigterm_with_workers_is_one_line_and_keeps_what_was_committed(tmp_path, target):
    paths = corpus(tmp_path / "corpus", 150)
    process = start_ingest(
        tmp_path / "q.db", "--workers", "2", "--batch-size", "5", tmp_path / "corpus", start_new_session=True
    )
    wait_for_articles(tmp_path / "q.db", 10, process)
    if target == "the ingest":
        os.kill(process.pid, signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert stderr.splitlines() == [
        "Error: stopped by SIGTERM; what was committed before it is kept. Run the same command again to finish."
    ]
    assert process.returncode == 128 + signal.SIGTERM
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker left behind
    assert database_problems(tmp_path / "q.db") == []
    rerun = subprocess.run(
        [sys.executable, "-m", "ingest", tmp_path / "q.db", tmp_path / "corpus"], cwd=REPO, capture_output=True
    )
    assert rerun.returncode == 0 and articles_in(tmp_path / "q.db") == len(paths)
