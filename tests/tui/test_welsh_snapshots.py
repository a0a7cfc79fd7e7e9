"""How the main screens look in Welsh, compared with the accepted SVG in __snapshots__/.

As tests/tui/test_snapshots.py, with the language set to Welsh before the app starts.
After an intended change, look at the new pictures and accept them with --snapshot-update.
"""

from __future__ import annotations

import pytest
from drive import SIZE, steps

from store.i18n import set_language
from tui.app import CoprodApp


@pytest.fixture
def welsh() -> None:
    set_language("cy")


def test_home_in_welsh_look(snap_compare, demo_store, welsh) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps())


def test_register_in_welsh_look(snap_compare, demo_store, open_meeting, welsh) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "down", "p", "p", "a"))


def test_agenda_in_welsh_look(snap_compare, demo_store, open_meeting, welsh) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f7"))


def test_claims_tab_in_welsh_look(snap_compare, demo_store, open_meeting, welsh) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f9"))
