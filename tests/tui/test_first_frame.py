"""The home screen's first frame: it reads its lists once and waits for nothing it does not show."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from drive import SIZE
from textual.widgets import OptionList

from tui.screens.home import HomeScreen

ROOT = Path(__file__).resolve().parents[2]

# Run the app in a process of its own until its first frame is drawn (as `coprod` does
# with COPROD_EXIT_AFTER_FIRST_FRAME), then say which of these it had loaded by then.
PROBE = """
import asyncio, sys
from store.db import open_store
from tui.app import CoprodApp

app = CoprodApp(open_store(sys.argv[1]))
asyncio.run(app.run_async(headless=True, size=(120, 40)))
watched = ("tui.screens.home", "babel", "store.changes", "store.models", "openpyxl", "tui.screens.who_are_you")
print(app.return_code, *[m for m in watched if m in sys.modules])
"""


def test_first_frame_loads_neither_babel_nor_the_write_path(demo_store, db_path) -> None:
    env = {**os.environ, "COPROD_EXIT_AFTER_FIRST_FRAME": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    # The home screen drew its first frame: its dates written without babel's locale data, and with
    # nothing written yet, no change log, models or dialogs loaded.
    assert done.stdout.split() == ["0", "tui.screens.home"]


async def test_home_reads_its_meetings_once_on_opening_and_again_on_coming_back(demo_store, app) -> None:
    reads: list[str] = []
    # meetings.upcoming() is the home screen's first read; count how often it runs.
    demo_store.conn.set_trace_callback(lambda sql: reads.append(sql) if "OR status = 'open')" in sql else None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert len(reads) == 1
            await pilot.press("m")
            await pilot.pause()
            assert not isinstance(app.screen, HomeScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert len(reads) == 2
            assert app.screen.query_one("#meetings", OptionList).option_count > 1
    finally:
        demo_store.conn.set_trace_callback(None)
