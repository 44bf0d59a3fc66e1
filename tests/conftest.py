from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from datasette.app import Datasette

from ingest.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_3d888245f5eff5d7.txt"
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests drive a real server and chromium: slow, like the fault tests."""
    for item in items:
        if REPO / "tests" / "browser" in item.path.parents:
            item.add_marker(pytest.mark.slow)


def refreshed_copy(db: sqlite_utils.Database, refresh: Callable[[sqlite_utils.Database], None]) -> sqlite3.Connection:
    """A copy of the database in memory with refresh run over it: what redoing a corpus-wide step
    whole gives, to compare with what its incremental run left in db."""
    copy = sqlite3.connect(":memory:")
    db.conn.backup(copy)
    refresh(sqlite_utils.Database(copy))
    return copy


def ingest(*args: str):
    """Run the CLI in-process; returns click's Result."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def seed_db_path(tmp_path) -> Path:
    path = tmp_path / "quotes.db"
    result = ingest(path, SEED)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def seed_db(seed_db_path) -> sqlite_utils.Database:
    return sqlite_utils.Database(seed_db_path)


def load_plugin(name: str):
    """A module of plugins/ (Datasette loads them without a package)."""
    spec = importlib.util.spec_from_file_location(f"plugins_{name}", REPO / "plugins" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_datasette(db_path: Path) -> Datasette:
    metadata = yaml.safe_load((REPO / "metadata.yml").read_text())
    return Datasette(
        [str(db_path)],
        metadata=metadata,
        plugins_dir=str(REPO / "plugins"),
        template_dir=str(REPO / "templates"),
        settings={"sql_time_limit_ms": 3000},
    )


@pytest.fixture
def datasette(seed_db_path) -> Datasette:
    return make_datasette(seed_db_path)


@pytest.fixture
def polnear():
    if not POLNEAR.is_dir():
        pytest.skip("PolNeAR corpus (../shared/eval/polnear) not present in this clone")
    return POLNEAR
