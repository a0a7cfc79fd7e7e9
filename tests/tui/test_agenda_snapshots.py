"""How the Agenda tab and the "Propose an item" form look, compared with the accepted SVG in __snapshots__/.

Same terminal size, fixed day, time and language as tests/test_snapshots.py,
text cursors still and no notifications. After an intended change, look at
the new pictures and accept them with
`pytest tests/tui/test_agenda_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from drive import SIZE, steps

from tui.app import CoprodApp


def test_agenda_with_proposals_waiting_look(snap_compare, demo_store) -> None:
    # Today's meeting, Agenda tab: proposals waiting, the running order and the total.
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f7"))


def test_agenda_running_an_item_look(snap_compare, demo_store, open_meeting) -> None:
    # The meeting open, the first item started with n: the timer line and "On now".
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f7", "n"))


def test_propose_form_look(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f7", "p"))


def test_propose_form_with_an_error_look(snap_compare, demo_store) -> None:
    # Sending with no title puts the message beside the title.
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("t", "f7", "p", "ctrl+s"))
