"""The extraction map on a Dask LocalCluster: the same outcomes as the local map, bad inputs reported
the same way, articles stored unchanged skipped without the workers opening the database."""

from __future__ import annotations

import shutil

import pytest

from ingest.corpus import refresh_corpus
from ingest.formats import FieldMap
from ingest.inputs import Inputs
from ingest.parallel import Job, Unchanged, iter_outcomes
from ingest.pipeline import content_hash
from ingest.read import InputError, read_article
from ingest.shards import CORPUS_FILE, content_of, shard_files
from ingest.store import open_db, save_records

from .conftest import REPO, SEED, ingest
from .test_scale import dump

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a LocalCluster takes seconds to start

from ingest.dask_map import dask_client, iter_outcomes_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as client:
        yield client


@pytest.fixture
def inputs(tmp_path):
    """Text, HTML and JSON Lines inputs, and two bad ones (an empty file, a missing one)."""
    folder = tmp_path / "in"
    for kind in ("html", "jsonl"):
        shutil.copytree(REPO / "tests" / "fixtures" / kind, folder / kind)
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "empty.txt").write_text("  \n")
    return [str(folder), str(tmp_path / "missing.txt")]


def comparable(outcomes):
    return [(o.path, o.reason) if isinstance(o, InputError) else o for o in outcomes]


def test_dask_map_loads_what_a_plain_ingest_stores(tmp_path, client, inputs):
    fields = FieldMap()
    job = Job(read=Inputs(fields=fields).read)
    outcomes = list(iter_outcomes_dask(Inputs(fields=fields).items(tuple(inputs)), job, client))
    assert comparable(outcomes) == comparable(iter_outcomes(Inputs(fields=fields).items(tuple(inputs)), job))
    errors = [(o.path, o.reason) for o in outcomes if isinstance(o, InputError)]
    assert errors == [(inputs[0] + "/empty.txt", "only whitespace, no text"), (inputs[1], "no such file or folder")]

    db = open_db(str(tmp_path / "dask.db"))
    statuses = save_records(db, [o for o in outcomes if not isinstance(o, InputError)])
    refresh_corpus(db)  # as an ingest does after its last batch
    assert set(statuses) == {"added"} and len(statuses) > 5
    assert ingest(tmp_path / "plain.db", *inputs).exit_code == 1
    refresh_corpus(db)  # the corpus-wide steps the CLI runs after every load
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "plain.db")


def test_dask_map_skips_articles_stored_unchanged(client, tmp_path):
    seed, other = str(SEED), str(tmp_path / "other.txt")
    (tmp_path / "other.txt").write_text("“We will see,” the minister said.\n")
    stored = {seed: content_hash(read_article(seed)), other: "an older hash"}
    fields = FieldMap()
    job = Job(read=Inputs(fields=fields).read)
    outcomes = list(iter_outcomes_dask([seed, other], job, client, stored=stored))
    assert outcomes[0] == Unchanged(seed)
    assert outcomes[1].path == other and outcomes[1].quotes


def test_the_documented_dask_commands_load_what_a_plain_ingest_stores(tmp_path, inputs):
    """README: extract on a cluster (a LocalCluster here), then load; then again, all skipped."""
    out, db = tmp_path / "out", tmp_path / "loaded.db"
    result = ingest("extract", *inputs, "-o", out, "--engine", "dask", "--workers", "2")
    assert result.exit_code == 1
    plain = ingest(tmp_path / "plain.db", *inputs)
    assert result.stderr.splitlines()[:2] == plain.stderr.splitlines()[:2]
    assert result.stderr.splitlines()[0] == f"error: {inputs[0]}/empty.txt: only whitespace, no text"
    assert ingest("load", db, out).exit_code == 0
    assert dump(db) == dump(tmp_path / "plain.db")
    again = ingest("extract", *inputs, "-o", out, "--engine", "dask", "--workers", "2")
    assert "0 articles written" in again.stdout and "unchanged, skipped" in again.stdout
    against_db = ingest("extract", *inputs, "-o", tmp_path / "other", "--skip-stored", db)
    assert "0 articles written" in against_db.stdout


def test_load_into_shards_by_year(tmp_path, inputs):
    out, folder = tmp_path / "out", tmp_path / "shards"
    ingest("extract", *inputs, "-o", out)
    result = ingest("load", folder, out, "--shard-by", "year", "--writers", "2")
    assert result.exit_code == 0, result.output
    ingest(tmp_path / "plain.db", *inputs)
    shards = [path for _, path in shard_files(folder / CORPUS_FILE)]
    assert shards and content_of(shards) == content_of([tmp_path / "plain.db"])
