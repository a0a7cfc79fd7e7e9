"""The Conflicts screen: claims changed on two laptops at once, listed in plain words, opened, and marked as dealt with.

The conflicts are made as sync makes them: on the seed-1 demo network, two
claims waiting for approval are approved on this laptop and rejected on a
second one (its own file), whose change rows are then applied here.
"""

from __future__ import annotations

from typing import Any

import pytest
from conflict_world import REASON, approve_here_reject_there, second_laptop
from drive import SIZE, fill, notifications, row_cells, shown, still
from drive_claims import be, claim_on_disk, events_on_disk, own_settings

from store import claims
from tui.app import CoprodApp
from tui.screens.claim import ClaimScreen
from tui.screens.claim_conflicts import ConflictsScreen, ConflictsTable
from tui.screens.claim_dialogs import FieldsDialog
from tui.screens.home import HomeScreen

__all__ = ["own_settings"]

NOTE = "Kept the approval; the rejection was meant for another claim."
NOT_APPLIED = "Not applied: the claim had already changed on another laptop."


def _staff(store) -> dict[str, str]:
    return {r["name"]: r["id"] for r in store.query(
        "SELECT id, name FROM members WHERE member_type = 'staff' AND active = 1 AND deleted_at IS NULL")}


@pytest.fixture
def clashes(demo_store, tmp_path, monkeypatch) -> list[dict[str, Any]]:
    """Bethan Campbell's and Bethan Chen's claims (September's meeting), each approved here and rejected on laptop B.

    Bethan Chen's clash is the newer (noticed at 10:51, Bethan Campbell's at 10:41).
    """
    store = demo_store
    meeting = store.one("SELECT id FROM meetings WHERE status = 'closed' ORDER BY date DESC LIMIT 1")[0]
    waiting = {r["name"]: dict(r) for r in store.query(
        "SELECT m.name, s.claim_id, s.member_id, s.submitted_by FROM claim_state s "
        "JOIN members m ON m.id = s.member_id WHERE s.meeting_id = ? AND s.status = 'submitted'", (meeting,))}
    staff = _staff(store)
    laptop_b = second_laptop(store, tmp_path / "laptop-b.db")
    made = []
    try:
        for name, approve_at, reject_at in (("Bethan Campbell", "10:40", "10:41"), ("Bethan Chen", "10:50", "10:51")):
            claim = waiting[name]
            assert staff["Aisha Singh"] == claim["submitted_by"]
            approve_here_reject_there(store, laptop_b, claim["claim_id"], staff["Ahmed Lewis"], staff["Priya Chen"],
                                      monkeypatch, approve_at, reject_at)
            made.append({**claim, "approved_at": approve_at, "rejected_at": reject_at})
    finally:
        laptop_b.close()
    be(store, {"id": staff["Aisha Singh"]})
    return made


async def _open_conflicts(pilot) -> ConflictsScreen:
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConflictsScreen)
    return pilot.app.screen


def _rows(screen: ConflictsScreen) -> list[list[str]]:
    table = screen.query_one(ConflictsTable)
    return [row_cells(table, i) for i in range(table.total)]


async def test_x_on_home_lists_the_conflicts_newest_first_in_plain_words(clashes, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_conflicts(pilot)
        assert pilot.app.focused is screen.query_one(ConflictsTable)
        assert _rows(screen) == [
            ["22 Nov 2026 10:51", "Bethan Chen", "Network meeting, 23 Sept 2026", "Approved / Rejected",
             "✓ Approved"],
            ["22 Nov 2026 10:41", "Bethan Campbell", "Network meeting, 23 Sept 2026", "Approved / Rejected",
             "✓ Approved"],
        ]
        assert shown(screen.query_one("#conflicts-summary")) == (
            "2 conflicts to sort out. Enter opens the claim to put it right; d marks one as dealt with.")
        total = claims.get_claim(app.store, clashes[1]["claim_id"])["total_pence"]
        from tui.claim_cells import money

        assert shown(screen.query_one("#conflict-detail")).splitlines() == [
            f"Bethan Chen's claim — Network meeting, Wed 23 Sept 2026. Now: ✓ Approved, {money(total)}.",
            f"What happened: {NOT_APPLIED}",
            "• Ahmed Lewis on 22 Nov 2026 at 10:50: Approved.",
            f"• Priya Chen on 22 Nov 2026 at 10:51: Rejected: {REASON} (not applied)",
        ]
        await pilot.press("down")
        await pilot.pause()
        assert shown(screen.query_one("#conflict-detail")).startswith("Bethan Campbell's claim")


async def test_the_palette_opens_the_conflicts(clashes, app) -> None:
    from drive import type_text
    from textual.command import CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        assert "Conflicts" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "conflicts")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)


async def test_enter_opens_the_claim_with_the_step_that_was_not_applied(clashes, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_conflicts(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == clashes[1]["claim_id"]
        history = shown(app.screen.query_one("#claim-history")).splitlines()
        assert f"Priya Chen: Rejected: {REASON} (not applied: {NOT_APPLIED})" in history[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)


async def test_d_asks_what_was_decided_and_marks_the_conflict_as_dealt_with(clashes, db_path, app) -> None:
    newest = clashes[1]["claim_id"]
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_conflicts(pilot)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        assert shown(dialog.query_one("#dialog-detail")).startswith("Bethan Chen's claim")
        await pilot.press("enter")  # nothing typed yet
        await pilot.pause()
        assert shown(dialog.query_one("#error-note")) == "Say what you decided, so others know."
        assert "resolved" not in events_on_disk(db_path, newest)
        await fill(pilot, "#field-note", NOTE)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Marked as dealt with. The claim's history keeps it, with your note." in notifications(app)
        assert events_on_disk(db_path, newest).count("resolved") == 1
        assert claim_on_disk(db_path, newest)["conflict"] == 0
        assert [cells[1] for cells in _rows(screen)] == ["Bethan Campbell"]
        assert shown(screen.query_one("#conflicts-summary")).startswith("1 conflict to sort out.")


async def test_the_claims_history_shows_the_conflict_dealt_with_and_the_note(clashes, app) -> None:
    claim = clashes[0]["claim_id"]
    staff = _staff(app.store)
    claims.resolve_conflict(app.store, claim, staff["Aisha Singh"],
                            app.store.one("SELECT event_id FROM claim_conflicts WHERE claim_id = ?", (claim,))[0], NOTE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_conflicts(pilot)
        assert [cells[1] for cells in _rows(screen)] == ["Bethan Chen"]
        from tui.screens import navigation

        navigation.open_claim(app, claim)
        await pilot.pause()
        history = shown(app.screen.query_one("#claim-history")).splitlines()
        assert history[-2].endswith(
            f"Priya Chen: Rejected: {REASON} (not applied; ✓ conflict dealt with: {NOT_APPLIED} Decided: {NOTE})")
        assert history[-1].endswith(f"Aisha Singh: Marked a conflict as dealt with: {NOTE}")


async def test_with_no_conflicts_the_screen_says_so_and_d_writes_nothing(demo_store, db_path, app) -> None:
    before = demo_store.one("SELECT COUNT(*) FROM changes")[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_conflicts(pilot)
        table = screen.query_one(ConflictsTable)
        assert table.total == 0
        assert table.render_line(1).text.strip() == "No conflicts to sort out."
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen
        screen.action_resolve()  # as the command palette would
        await pilot.pause()
        assert "There is no conflict to mark as dealt with." in notifications(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert demo_store.one("SELECT COUNT(*) FROM changes")[0] == before


def test_conflicts_look_with_two_conflicts(snap_compare, clashes, demo_store) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        still(pilot.app)

    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=run_before)
