"""The extractor's source, fingerprinted, and its compiled build.

The rules that decide what is extracted live in ingest/rules/: every module there is fingerprinted
(so changing a rule re-extracts what it may change) and compiled, with no list to keep in step.

`make setup` compiles the rule modules with mypyc (scripts/build_native.py) into build/native, next
to the source, with a stamp naming the source fingerprint and the Python it was built for. The rules
package puts that directory first on its search path only when the stamp matches the source as it
is now: an edited rule is never shadowed by an old build, it runs as plain Python until the next
build. The compiled modules are the same code, so they extract exactly what the source does, faster
(benchmarks/RESULTS.md). QUOTE_INGEST_PURE_PYTHON=1 turns them off.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RULES_DIR = PACKAGE_DIR / "rules"
RULES_PACKAGE = "ingest.rules"
# Outside rules/, the modules that also decide an article's rows: the records the rules fill, the
# reader that finds a web page's paragraphs (a package: every module in it), and the function that
# runs the rules in order. Reading files, storage and the CLI are left out, so changing them does
# not re-extract a whole corpus.
SHAPING_MODULES = ("models", "webpage", "pipeline")


def rule_modules() -> tuple[str, ...]:
    """Every module of ingest/rules/, by name."""
    return tuple(sorted(path.stem for path in RULES_DIR.glob("*.py") if path.stem != "__init__"))


COMPILED_MODULES = rule_modules()
# Compiled with the rules though outside rules/: the records every rule builds and reads. Compiled,
# they are native classes, so the rules build them and read their fields without a Python call or
# attribute lookup (benchmarks/RESULTS.md: what it saves). A native class checks each field's type
# when it is set, as declared in models.py.
COMPILED_RECORDS = ("models",)
NATIVE_DIR = PACKAGE_DIR.parent / "build" / "native"
STAMP_NAME = "STAMP"
# The compiled modules' shared library, a module of the rules package itself (see build_native.py).
SHARED_LIBRARY = f"{RULES_PACKAGE}.compiled"
PURE_PYTHON_VARIABLE = "QUOTE_INGEST_PURE_PYTHON"


def fingerprinted_files() -> list[Path]:
    """The files whose content decides what is extracted: the rules, their word lists and the
    shaping modules."""
    rules = [*RULES_DIR.glob("*.py"), *RULES_DIR.glob("lexicon/*.txt")]
    return sorted([*rules, *(path for name in SHAPING_MODULES for path in module_files(name))])


def module_files(name: str) -> list[Path]:
    """The source of ingest.NAME: its file, or every file of the package."""
    module = PACKAGE_DIR / f"{name}.py"
    return [module] if module.is_file() else sorted((PACKAGE_DIR / name).glob("*.py"))


@cache
def extractor_fingerprint() -> bytes:
    """A hash of the extractor's own code and word lists: when the rules change, re-ingesting the
    same file re-extracts it instead of keeping rows made by the old rules."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def build_stamp() -> str:
    """What a build must have been made from to be used: this source, these modules, for this Python."""
    modules = ",".join(COMPILED_RECORDS + COMPILED_MODULES)
    return f"{sys.implementation.cache_tag} {modules} {extractor_fingerprint().hex()}\n"


def build_is_current(native_dir: Path = NATIVE_DIR) -> bool:
    """Whether native_dir holds a build made from this very source for this Python."""
    try:
        return (native_dir / STAMP_NAME).read_text(encoding="utf-8") == build_stamp()
    except OSError:
        return False  # never built, or the build failed


def compiled_rules_dir(native_dir: Path = NATIVE_DIR) -> Path:
    return native_dir.joinpath(*RULES_PACKAGE.split("."))


def compiled_records_dir(native_dir: Path = NATIVE_DIR) -> Path:
    return native_dir / PACKAGE_DIR.name


def use_compiled(package_path: list[str], native_dir: Path = NATIVE_DIR, where=compiled_rules_dir) -> bool:
    """Put the compiled modules (where(native_dir): the rules, or the records) ahead of their source
    on the package's search path when the build is current (otherwise the source runs as it is);
    whether it did."""
    if os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0") or not build_is_current(native_dir):
        return False
    package_path.insert(0, str(where(native_dir)))
    return True
