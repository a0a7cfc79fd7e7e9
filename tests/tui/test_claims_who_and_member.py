"""Who is using coprod on this laptop (chosen from staff, remembered per database), and a member's claims."""

from __future__ import annotations

import json

from drive import SIZE, notifications, row_cells, shown, type_text
from drive_claims import own_settings, staff
from textual.widgets import OptionList

from store import claims, members
from store.claims import statement, tax_year
from store.money import format_money
from tui.app import CoprodApp
from tui.screens.claim import ClaimScreen
from tui.screens.member_claims import MemberClaimsScreen
from tui.screens.who_are_you import WhoAreYouDialog

__all__ = ["own_settings"]


async def _palette(pilot, command: str) -> None:
    """Run a command from the command palette by typing its name."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, command)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_who_you_are_is_chosen_from_staff_and_remembered_for_this_database(
        demo_store, own_settings) -> None:
    store = demo_store
    grace = staff(store, 1)
    not_staff = store.one("SELECT name FROM members WHERE member_type = 'uses_services' AND active = 1 "
                          "ORDER BY name LIMIT 1")[0]
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.title == "coprod"
        await _palette(pilot, "Who are you")
        dialog = app.screen
        assert isinstance(dialog, WhoAreYouDialog)
        # Only staff are offered: someone else's name finds no one.
        await type_text(pilot, not_staff)
        await pilot.pause()
        listing = dialog.query_one("#who-staff", OptionList)
        assert [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)] == [
            "No member of staff matches. Check the spelling."]
        await pilot.press("enter")
        assert app.screen is dialog
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, grace["name"].split()[0])
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WhoAreYouDialog)
        assert app.title == f"coprod · You are: {grace['name']}"
        assert f"You are {grace['name']} on this laptop." in notifications(app)
    # Remembered beside the database's own id, as an id, not a name.
    saved = json.loads(own_settings.read_text())
    assert saved["databases"][store.device_id]["user"] == grace["id"]
    assert grace["name"] not in own_settings.read_text()
    # The next time coprod opens this database, it still knows.
    again = CoprodApp(store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.title == f"coprod · You are: {grace['name']}"


async def test_another_database_on_the_same_laptop_keeps_its_own_choice(demo_store, tmp_path) -> None:
    from store.db import open_store
    from store import local_settings

    local_settings.set_current_user(demo_store, staff(demo_store, 0)["id"])
    other = open_store(tmp_path / "other.db")
    try:
        assert local_settings.current_user(other) is None
        app = CoprodApp(other)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.title == "coprod"
    finally:
        other.close()
    assert local_settings.current_user(demo_store)["id"] == staff(demo_store, 0)["id"]


async def test_a_members_claims_show_each_claim_and_what_was_paid_in_each_tax_year(demo_store, app) -> None:
    store = demo_store
    member_id = store.one("SELECT member_id FROM claim_state GROUP BY member_id "
                          "ORDER BY SUM(status = 'paid') DESC, COUNT(*) DESC, member_id LIMIT 1")[0]
    member = members.get_member(store, member_id)
    expected = claims.member_claims(store, member_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, member["name"])
        await pilot.pause()
        await pilot.press("down", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MemberClaimsScreen)
        table = screen.query_one("#member-claims")
        assert table.total == len(expected)
        for i, claim in enumerate(expected):
            cells = row_cells(table, i)
            assert cells[1] == claim["meeting_title"]
            assert cells[3] == format_money(claim["total_pence"])
            assert cells[4] == (claim["payment_reference"] or "")
        years = sorted({tax_year(c["paid_at"])[0][:4] for c in expected if c["status"] == "paid"}, reverse=True)
        assert years, "the member chosen has paid claims"
        lines = shown(screen.query_one("#member-paid")).splitlines()
        assert len(lines) == len(years)
        for line, start in zip(lines, years):
            label = f"{start}-{int(start[2:]) + 1:02d}"
            paid = statement(store, member_id, label)
            assert line == (f"Paid in tax year {label}: fees {format_money(paid['fee_pence'])}, "
                            f"expenses {format_money(paid['expense_pence'])}, "
                            f"total {format_money(paid['total_pence'])}.")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert app.screen.claim_id == expected[0]["claim_id"]
