"""Byte-compile and import every module of claimpipe with this Python (CI runs it on every supported one).

A module that only one Python version rejects (an f-string that 3.11 cannot parse, a standard-library
name that moved) fails here before a user meets it. Exits 1 and names each module that fails.

Usage: python scripts/check_modules.py
"""

from __future__ import annotations

import compileall
import importlib
import pkgutil
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    import claimpipe

    failed: list[str] = []
    for folder in (ROOT / "src" / "claimpipe", ROOT / "tests", ROOT / "benchmarks", ROOT / "scripts"):
        if folder.exists() and not compileall.compile_dir(str(folder), quiet=1, force=True, legacy=False):
            failed.append(f"{folder.relative_to(ROOT)} (byte-compile)")
    names = ["claimpipe"] + [m.name for m in pkgutil.walk_packages(claimpipe.__path__, "claimpipe.")
                             if not m.name.endswith(".__main__")]  # running it runs the CLI
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - reported below, every module tried
            failed.append(name)
            traceback.print_exc()
    version = sys.version.split()[0]
    if failed:
        print(f"Python {version}: {len(failed)} failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"Python {version}: {len(names)} modules compiled and imported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
