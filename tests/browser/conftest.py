"""A real `datasette serve` on the seed database and a headless Debian chromium driven by Playwright.

Everything here skips (never fails) when /usr/bin/chromium or the playwright package is missing;
.ci/run installs chromium, so in CI these tests run."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import REPO, SEED, ingest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "tests" / "screenshots"
HOSTILE_ARTICLE = (
    "<b>Bold</b> claims & <i>italics</i> about the border.\n\n"
    "‘Beware <script>alert(1)</script> of the <img src=x onerror=alert(2)> border,’ said Jane Roe, a reporter.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited with {server.returncode}: {server.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"datasette did not answer {url} within {timeout:.0f}s")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Skips the browser tests before anything is built or started when there is no browser."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    return CHROMIUM


@contextlib.contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """A real `datasette serve` of db_path with our metadata, plugins and templates; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(REPO / "metadata.yml")]
    command += ["--plugins-dir", str(REPO / "plugins"), "--template-dir", str(REPO / "templates")]
    command += ["--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(chromium, tmp_path_factory) -> str:
    """Base URL of a datasette serving the seed article plus an article full of HTML."""
    folder = tmp_path_factory.mktemp("browser")
    articles = folder / "articles"
    articles.mkdir()
    shutil.copy(SEED, articles / SEED.name)
    (articles / "zz_hostile.txt").write_text(HOSTILE_ARTICLE)
    db_path = folder / "quotes.db"
    result = ingest(db_path, articles)
    assert result.exit_code == 0, result.output
    with serving(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium):
    """Module-scoped: Playwright's sync API keeps an event loop alive in this thread, which would
    stop the async Datasette tests that run after these from starting their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def new_tab(browser, base_url: str):
    """A fresh browser context and tab on base_url; any JavaScript dialog (alert) is recorded in
    tab.dialogs and dismissed."""
    context = browser.new_context(base_url=base_url, accept_downloads=True, viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.dialogs = []

    def record(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    tab.set_default_timeout(15000)
    return context, tab


@pytest.fixture
def page(browser, server):
    context, tab = new_tab(browser, server)
    yield tab
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
