"""How each screen looks, compared with the accepted SVG in __snapshots__/.

Pinned to 120×36 on the seed-1 demo network, with today, now and the language
fixed (tests/conftest.py), text cursors not blinking and no notifications, so a
difference means the look changed. After an intended change, look at the new
pictures and accept them with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from drive import SIZE, steps

from tui.app import CoprodApp


def test_home_screen_look(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps())


def test_register_look_after_marking_with_cursor_on_access_needs(snap_compare, demo_store, open_meeting) -> None:
    # Agnieszka Ali present, Agnieszka Campbell present, Ahmed Lewis apologies; the
    # cursor then rests on Aisha Llewellyn, who has a dietary need.
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "down", "p", "p", "a"))


def test_close_meeting_summary_look(snap_compare, demo_store, open_meeting) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE,
                        run_before=steps("t", "down", "p", "p", "a", "f3"))


def test_members_list_look(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("m"))


def test_member_form_with_an_error_look(snap_compare, demo_store) -> None:
    # Saving a new member with no name puts the message beside the name.
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("m", "ctrl+n", "ctrl+s"))


def test_meeting_form_look(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("n"))
