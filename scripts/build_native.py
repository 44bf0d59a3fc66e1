"""Compile the extractor's rule modules (ingest/rules/) with mypyc into build/native (see ingest/native.py).

Run by `make setup` and again whenever the extractor's source changes. It never fails the setup:
with no C compiler, or anything else wrong, it says so in one line and the extractor runs as plain
Python, which extracts exactly the same, only slower.

usage: python scripts/build_native.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import native  # noqa: E402

SETUP_PY = """
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="quote-ingest-compiled",
    ext_modules=mypycify({paths!r}, group_name={group!r}, opt_level="3"),
)
"""


def build(native_dir: Path = native.NATIVE_DIR) -> None:
    """Build into a fresh directory beside native_dir, then swap it in: a process already running
    keeps the modules it loaded, and a failed build leaves the last good one in place."""
    stamp = native.build_stamp()  # taken before copying: an edit meanwhile makes the build stale, not wrong
    native_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="native-", dir=native_dir.parent) as scratch:
        work = Path(scratch)
        # mypyc names each module from its place in a package: empty packages holding the rules and
        # the records they fill compile them as ingest.rules.extract, … without running either __init__.
        package = work / "ingest"
        rules = package / "rules"
        rules.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (rules / "__init__.py").write_text("")
        shutil.copy2(native.PACKAGE_DIR / "models.py", package)
        for name in native.rule_modules():
            shutil.copy2(native.RULES_DIR / f"{name}.py", rules)
        paths = [f"ingest/{name}.py" for name in native.COMPILED_RECORDS]
        paths += [f"ingest/rules/{name}.py" for name in native.COMPILED_MODULES]
        (work / "setup.py").write_text(SETUP_PY.format(paths=paths, group=native.SHARED_LIBRARY))
        result = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace"], cwd=work, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(failure_reason(result.stdout + "\n" + result.stderr, result.returncode))
        built = work / "built"
        compiled = native.compiled_rules_dir(built)
        compiled.mkdir(parents=True)
        for library in rules.glob("*.so"):
            library.rename(compiled / library.name)
        for name in native.COMPILED_RECORDS:  # beside the rules package, where `import ingest.NAME` looks
            for library in package.glob(f"{name}.*.so"):
                library.rename(native.compiled_records_dir(built) / library.name)
        (built / native.STAMP_NAME).write_text(stamp, encoding="utf-8")
        old = work / "old"
        if native_dir.exists():
            native_dir.rename(old)
        built.rename(native_dir)


def failure_reason(output: str, status: int) -> str:
    """One line out of a failed build's output: its last line, with a failed compiler command cut to
    the compiler's name (setuptools prints its whole command line)."""
    lines = output.strip().splitlines()
    errors = [line for line in lines if ": error:" in line]  # mypy's, when the source does not type-check
    if errors:
        return errors[0]
    if not lines:
        return f"exit status {status}"
    command = re.search(r"Command '\['([^']+)'.*exit status (\d+)", lines[-1])
    if command is not None:
        return f"the C compiler {command[1]} exited with status {command[2]}"
    return lines[-1]


def main() -> int:
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        print("build_native: mypyc is not installed; the extractor runs as plain Python", file=sys.stderr)
        return 0
    if native.build_is_current():
        (native.NATIVE_DIR / native.STAMP_NAME).touch()  # for make: as new as the source it was made from
        print("build_native: the compiled extractor is up to date")
        return 0
    started = time.monotonic()
    try:
        build()
    except (OSError, RuntimeError) as error:
        print(f"build_native: not compiled ({error}); the extractor runs as plain Python", file=sys.stderr)
        return 0
    print(f"build_native: compiled {len(native.COMPILED_MODULES)} rule modules in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
