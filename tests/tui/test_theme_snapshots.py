"""How the main screens look in the high-contrast theme, compared with the accepted SVG in __snapshots__/.

As tests/tui/test_snapshots.py, with the theme chosen before the app starts.
After an intended change, look at the new pictures and accept them with --snapshot-update.
"""

from __future__ import annotations

from drive import SIZE, steps

from tui.app import CoprodApp
from tui.themes import HIGH_CONTRAST


def _app(store) -> CoprodApp:
    app = CoprodApp(store)
    app.theme = HIGH_CONTRAST.name
    return app


def test_home_in_high_contrast_look(snap_compare, demo_store) -> None:
    assert snap_compare(_app(demo_store), terminal_size=SIZE, run_before=steps())


def test_register_in_high_contrast_look(snap_compare, demo_store, open_meeting) -> None:
    # Present, present, apologies: the cursor row and the three states' colours beside their words.
    assert snap_compare(_app(demo_store), terminal_size=SIZE, run_before=steps("t", "down", "p", "p", "a"))


def test_agenda_in_high_contrast_look(snap_compare, demo_store, open_meeting) -> None:
    assert snap_compare(_app(demo_store), terminal_size=SIZE, run_before=steps("t", "f7"))


def test_claims_with_every_state_in_high_contrast_look(snap_compare, demo_store) -> None:
    past = demo_store.one("SELECT id FROM meetings WHERE status = 'closed' ORDER BY date DESC LIMIT 1")[0]
    assert snap_compare(_app(demo_store), terminal_size=SIZE, run_before=steps("f9", meeting=past))


def test_register_help_in_high_contrast_look(snap_compare, demo_store, open_meeting) -> None:
    assert snap_compare(_app(demo_store), terminal_size=SIZE, run_before=steps("t", "f1"))
