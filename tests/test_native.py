"""The compiled extractor (ingest/native.py): used when built from this very source, and it extracts
exactly what the source does."""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import pickle
import shutil
import subprocess
import sys

import pytest

import ingest
from ingest import native
from ingest.models import Affiliation, Mention, Paragraph, Quote, Speaker

from .conftest import POLNEAR, REPO, SEED

# Prints everything extracted from the files named on the command line, one line per object.
DUMP = """
import sys
import ingest
from ingest.models import Article
from ingest.pipeline import process_article
print("compiled", ingest.COMPILED)
for path in sys.argv[1:]:
    record = process_article(Article(path=path, text=open(path, encoding="utf-8").read()))
    print(path)
    for row in (*record.paragraphs, *record.quotes, *record.speakers, *record.affiliations):
        print(repr(row))
"""


def dump(paths: list[str], pure: bool) -> list[str]:
    environment = {**os.environ, "PYTHONHASHSEED": "0"}  # speaker aliases are sets
    environment.pop(native.PURE_PYTHON_VARIABLE, None)
    if pure:
        environment[native.PURE_PYTHON_VARIABLE] = "1"
    result = subprocess.run(
        [sys.executable, "-c", DUMP, *paths], cwd=REPO, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def can_compile() -> bool:
    return importlib.util.find_spec("mypyc") is not None and shutil.which("cc") is not None


def test_the_compiled_extractor_is_in_use_where_it_can_be_built():
    if os.environ.get(native.PURE_PYTHON_VARIABLE):
        pytest.skip(f"{native.PURE_PYTHON_VARIABLE} is set")
    if not can_compile():
        pytest.skip("no mypyc or no C compiler here: the extractor runs as plain Python")
    # `make test` builds it first; a failed build would leave the tests running the slow path unseen.
    assert ingest.COMPILED, "build/native is missing or stale: run `make setup`"
    for name in native.COMPILED_MODULES:
        module = importlib.import_module(f"{native.RULES_PACKAGE}.{name}")
        assert module.__file__.endswith(".so"), module.__file__
    for name in native.COMPILED_RECORDS:
        module = importlib.import_module(f"ingest.{name}")
        assert module.__file__.endswith(".so"), module.__file__


# Every field of each record whose __init__ models.py writes out, set to a value other than its default.
WRITTEN_OUT_INITS = {
    Mention: dict(
        text="Gen. Fawad Aman, a spokesman for the Ministry of Defence",
        name="Fawad Aman",
        title="Gen.",
        role="spokesman",
        organization="Ministry of Defence",
        kind="description",
        gender="m",
        issuer="the ministry",
    ),
    Quote: dict(
        paragraph_position=3,
        start=4,
        end=9,
        text="words",
        kind="indirect",
        cue="said",
        mention=Mention("he", kind="pronoun"),
        method="pronoun",
        reason="a reason",
        speaker_key="Fawad Aman",
        continues=True,
        mixed=True,
    ),
    Paragraph: dict(position=2, text="“We will,” he said.", kind="caption"),
    Speaker: dict(
        name="Fawad Aman",
        kind="organization",
        aliases={"Aman"},
        gender="male",
        gender_evidence="honorific Mr.",
        alias_reasons={"Aman": "surname"},
    ),
    Affiliation: dict(
        speaker_name="Fawad Aman",
        role="spokesman",
        organization="Ministry of Defence",
        title="Gen.",
        source_text="Gen. Fawad Aman, a spokesman for the Ministry of Defence",
    ),
}


def default_of(field: dataclasses.Field):
    return field.default if field.default_factory is dataclasses.MISSING else field.default_factory()


@pytest.mark.parametrize("model", WRITTEN_OUT_INITS, ids=lambda model: model.__name__)
def test_a_written_out_init_takes_the_fields_in_order_with_their_defaults_and_pickles(model):
    fields = dataclasses.fields(model)
    values = WRITTEN_OUT_INITS[model]
    assert list(values) == [field.name for field in fields]
    by_keyword = model(**values)  # as records.decode builds them
    assert all(getattr(by_keyword, name) == value for name, value in values.items())
    assert model(*values.values()) == by_keyword
    required = [
        value
        for field, value in zip(fields, values.values(), strict=True)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    ]
    with_defaults = model(*required)
    for field in fields[len(required) :]:
        assert getattr(with_defaults, field.name) == default_of(field), field.name
    if model is Speaker:  # a default set or dict is each record's own
        assert with_defaults.aliases is not model(*required).aliases
    assert pickle.loads(pickle.dumps(by_keyword)) == by_keyword  # as worker processes send them


def test_compiled_and_plain_python_extract_the_same():
    if not ingest.COMPILED:
        pytest.skip("the compiled extractor is not built here")
    paths = [str(SEED)]
    if POLNEAR.exists():  # the real test: 84 articles of PolNeAR dev, every paragraph, quote and speaker
        paths += sorted(str(p) for p in (POLNEAR / "dev" / "text").iterdir())
    compiled, pure = dump(paths, pure=False), dump(paths, pure=True)
    assert compiled[0] == "compiled True" and pure[0] == "compiled False"
    assert len(compiled) > 100
    assert compiled[1:] == pure[1:]


def test_a_build_from_other_source_is_never_used(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_PYTHON_VARIABLE, raising=False)
    path: list[str] = ["source"]
    assert not native.use_compiled(path, tmp_path)  # never built
    stamp = tmp_path / native.STAMP_NAME
    stamp.write_text(native.build_stamp().replace(native.extractor_fingerprint().hex(), "0" * 64))
    assert not native.use_compiled(path, tmp_path)  # built before the rules last changed
    assert path == ["source"]
    stamp.write_text(native.build_stamp())
    assert native.use_compiled(path, tmp_path)
    assert path == [str(native.compiled_rules_dir(tmp_path)), "source"]
    monkeypatch.setenv(native.PURE_PYTHON_VARIABLE, "1")
    assert not native.use_compiled(["source"], tmp_path)


@pytest.mark.slow
def test_a_failed_build_says_why_and_leaves_no_half_build(tmp_path, monkeypatch):
    if not can_compile():
        pytest.skip("no mypyc or no C compiler here")
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_native
    finally:
        sys.path.remove(str(REPO / "scripts"))
    monkeypatch.setenv("CC", "false")  # a compiler that fails every file
    with pytest.raises(RuntimeError):
        build_native.build(tmp_path / "native")
    assert list(tmp_path.iterdir()) == []  # no native/, and the scratch directory is gone
