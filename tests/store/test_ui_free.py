"""store/ is UI-free (DESIGN rule 1) and light to import (STYLE: start fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import store

REPO = Path(__file__).resolve().parents[2]
STORE_DIR = Path(store.__file__).resolve().parent


def _store_modules() -> list[str]:
    """Every module under store/, found on disk (so new sub-packages are covered too)."""
    found = []
    for path in sorted(STORE_DIR.rglob("*.py")):
        parts = path.relative_to(STORE_DIR.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(".".join(parts))
    return found


def _loaded_after(code: str) -> list[str]:
    """Run `code` in a fresh interpreter and return the module names it left loaded."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_walk_finds_the_store_modules() -> None:
    modules = _store_modules()
    for expected in ("store", "store.db", "store.changes", "store.members", "store.meetings", "store.attendance",
                     "store.models", "store.demo"):
        assert expected in modules


def test_no_store_module_loads_textual() -> None:
    modules = _store_modules()
    loaded = _loaded_after("import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules))
    assert set(modules) <= set(loaded), "every store module should have been imported"
    textual = [name for name in loaded if name == "textual" or name.startswith("textual.")]
    assert textual == []


def test_the_check_would_see_textual_if_it_were_loaded() -> None:
    loaded = _loaded_after("import textual.app")
    assert "textual" in loaded


def test_opening_the_database_and_reading_the_register_does_not_load_pydantic() -> None:
    loaded = _loaded_after("import store.db, store.attendance, store.members, store.meetings, store.changes")
    assert not [name for name in loaded if name == "pydantic" or name.startswith("pydantic.")]


def test_validation_module_is_what_brings_pydantic_in() -> None:
    assert "pydantic" in _loaded_after("import store.models")


def test_command_line_does_not_load_textual_or_pydantic_to_start() -> None:
    loaded = _loaded_after("import tui.cli; tui.cli.build_parser()")
    heavy = [n for n in loaded if n.split(".")[0] in ("textual", "pydantic", "openpyxl", "psycopg")]
    assert heavy == []
