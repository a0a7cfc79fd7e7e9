"""How the Sync screen looks when a sync has finished, compared with the accepted SVG in __snapshots__/.

Pinned to 120×36 with today, now and the language fixed (tests/conftest.py).
The folder is typed as a name relative to the test's own folder, so no
temporary path shows; device ids and sync times are never on the screen.
After an intended change, look at the new picture and accept it with
`pytest tests/tui/test_sync_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drive import SIZE, still, type_text
from drive_sync import finish, open_sync, other, shared

from store import members
from tui.app import CoprodApp

__all__ = ["other", "shared"]  # fixtures


async def _sync_with(pilot, location: str) -> None:
    await pilot.pause()
    await open_sync(pilot)
    await type_text(pilot, location)
    await pilot.press("enter")
    await finish(pilot)
    still(pilot.app)


def test_sync_finished_look(snap_compare, store, other, shared: Path, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    members.add_member(store, {"name": "Siân Jones"})
    monkeypatch.chdir(tmp_path)
    assert snap_compare(CoprodApp(store), terminal_size=SIZE,
                        run_before=lambda pilot: _sync_with(pilot, shared.name))
