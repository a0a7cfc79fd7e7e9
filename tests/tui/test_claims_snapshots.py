"""How the claims screens look, compared with the accepted SVGs in __snapshots__/.

Pinned to 120×36 on the seed-1 demo network, with today, now and the language
fixed (tests/conftest.py), no blinking cursors and no notifications. After an
intended change, look at the new pictures and accept them with
`pytest tests/tui/test_claims_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from drive import SIZE, steps
from drive_claims import be, own_settings, staff

from store.claims.warnings import warnings
from tui.app import CoprodApp

__all__ = ["own_settings"]


def _latest_past_meeting(store) -> str:
    return store.one("SELECT id FROM meetings WHERE status = 'closed' ORDER BY date DESC LIMIT 1")[0]


def test_claims_tab_look_for_a_past_meeting_with_every_state_and_warnings(snap_compare, demo_store) -> None:
    meeting = _latest_past_meeting(demo_store)
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=steps("f9", meeting=meeting))


def test_claim_look_waiting_for_approval_with_two_warnings(snap_compare, demo_store) -> None:
    store = demo_store
    meeting = _latest_past_meeting(store)
    waiting = [r[0] for r in store.query(
        "SELECT claim_id FROM claim_state WHERE meeting_id = ? AND status = 'submitted' ORDER BY claim_id", (meeting,))]
    claim = max(waiting, key=lambda c: (len(warnings(store.conn, c)), c))
    assert len(warnings(store.conn, claim)) >= 2
    be(store, staff(store, 1))
    assert snap_compare(CoprodApp(store), terminal_size=SIZE, run_before=steps(claim=claim))
