"""A shared folder store and another laptop that has already sent its changes to it, for the Sync screen tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from store.db import open_store
from store.demo import create_demo
from store.sync.engine import sync
from store.sync.remote import open_remote


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A new, empty folder store."""
    where = tmp_path / "shared"
    remote = open_remote(str(where))
    try:
        remote.init()
    finally:
        remote.close()
    return where


@pytest.fixture
def other(tmp_path: Path, shared: Path):
    """Another laptop holding the demo network, which has already sent it all to the shared folder."""
    laptop = open_store(tmp_path / "other.db")
    create_demo(laptop, seed=1, members=60)
    remote = open_remote(str(shared))
    try:
        sync(laptop, remote)
    finally:
        remote.close()
    yield laptop
    laptop.close()


async def open_sync(pilot: Pilot) -> None:
    """From the home screen, open the Sync screen."""
    from tui.screens.sync import SyncScreen

    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SyncScreen)


async def finish(pilot: Pilot) -> None:
    """Wait for the sync worker to end and its report to be drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
