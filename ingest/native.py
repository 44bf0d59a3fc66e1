"""The extractor's source, fingerprinted, and its compiled build.

`make setup` compiles the extractor's modules with mypyc (scripts/build_native.py) into build/native,
next to the source, with a stamp naming the source fingerprint and the Python it was built for. The
package puts that directory first on its search path only when the stamp matches the source as it is
now: an edited rule is never shadowed by an old build, it runs as plain Python until the next build.
The compiled modules are the same code, so they extract exactly what the source does, 1.3 to 1.9×
faster (benchmarks/RESULTS.md). QUOTE_INGEST_PURE_PYTHON=1 turns them off.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The modules whose rules decide what is extracted; reading, storage and the CLI are left out, so
# changing them does not re-extract a whole corpus.
EXTRACTOR_MODULES = (
    "models",
    "split",
    "webpage",
    "quotemarks",
    "cuewords",
    "subjects",
    "reported",
    "cues",
    "mentions",
    "extract",
    "resolve",
    "lexicon",
    "pipeline",
)
# The ones worth compiling: where extraction spends its time. webpage only parses HTML with lxml,
# lexicon only reads word lists once, pipeline only calls the others.
COMPILED_MODULES = tuple(m for m in EXTRACTOR_MODULES if m not in ("models", "webpage", "lexicon", "pipeline"))
NATIVE_DIR = PACKAGE_DIR.parent / "build" / "native"
STAMP_NAME = "STAMP"
# The compiled modules' shared library, a module of the package itself (see build_native.py).
SHARED_LIBRARY = "ingest.compiled"
PURE_PYTHON_VARIABLE = "QUOTE_INGEST_PURE_PYTHON"


@cache
def extractor_fingerprint() -> bytes:
    """A hash of the extractor's own code and word lists: when the rules change, re-ingesting the
    same file re-extracts it instead of keeping rows made by the old rules."""
    modules = [PACKAGE_DIR / f"{name}.py" for name in EXTRACTOR_MODULES]
    digest = hashlib.sha256()
    for path in sorted([*modules, *PACKAGE_DIR.glob("lexicon/*.txt")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def build_stamp() -> str:
    """What a build must have been made from to be used: this source, these modules, for this Python."""
    return f"{sys.implementation.cache_tag} {','.join(COMPILED_MODULES)} {extractor_fingerprint().hex()}\n"


def build_is_current(native_dir: Path = NATIVE_DIR) -> bool:
    """Whether native_dir holds a build made from this very source for this Python."""
    try:
        return (native_dir / STAMP_NAME).read_text(encoding="utf-8") == build_stamp()
    except OSError:
        return False  # never built, or the build failed


def use_compiled(package_path: list[str], native_dir: Path = NATIVE_DIR) -> bool:
    """Put the compiled modules ahead of the source on the package's search path when the build is
    current (otherwise the source runs as it is); whether it did."""
    if os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0") or not build_is_current(native_dir):
        return False
    package_path.insert(0, str(native_dir / "ingest"))
    return True
