"""The members list and the member form: find, add with access needs, change, deactivate."""

from __future__ import annotations

import json

from drive import (
    ACTIVE,
    EVERYONE,
    SIZE,
    count_rows,
    fill,
    member_id,
    notifications,
    open_today,
    register_table,
    row_cells,
    shown,
    table_rows,
    type_text,
)
from textual.widgets import Checkbox, Input

from store import members
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen
from tui.screens.member_form import MemberForm
from tui.screens.members import MembersScreen, MembersTable


async def _open_members(pilot) -> MembersTable:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MembersScreen)
    return pilot.app.screen.query_one(MembersTable)


async def test_members_list_shows_active_members_and_says_so(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        assert table.total == ACTIVE
        assert shown(app.screen.query_one("#members-count")) == (
            f"{ACTIVE} members · active members only (press F5 to show everyone)")
        assert app.focused is app.screen.query_one("#member-filter", Input)
        assert row_cells(table, 0) == ["Agnieszka Ali", "", "Uses services", "Easy Read", "Yes"]


async def test_typing_narrows_members_by_name_organisation_or_email(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        await type_text(pilot, "winston")
        await pilot.pause()
        assert [m["name"] for m in table_rows(table)] == ["Winston Griffiths", "Winston Hussain", "Winston Llewellyn"]
        assert shown(app.screen.query_one("#members-count")).startswith("3 members ·")
        await pilot.press("ctrl+u")
        await type_text(pilot, "hearing loss")
        await pilot.pause()
        assert {m["organisation"] for m in table_rows(table)} == {"Hearing Loss Café"}
        await pilot.press("ctrl+u")
        await type_text(pilot, "carys.jenkins57@")
        await pilot.pause()
        assert [m["name"] for m in table_rows(table)] == ["Carys Jenkins"]


async def test_f5_shows_inactive_members_too(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert table.total == EVERYONE
        assert shown(app.screen.query_one("#members-count")) == (
            f"{EVERYONE} members · showing inactive members and guests too")
        inactive = {r[0] for r in demo_store.query("SELECT name FROM members WHERE active = 0")}
        shown_inactive = {m["name"] for m in table_rows(table) if not m["active"]}
        assert shown_inactive == inactive
        # Not shown by colour alone: the Active column says No.
        row = next(i for i, m in enumerate(table_rows(table)) if not m["active"])
        assert row_cells(table, row)[4] == "No"


async def test_deactivating_hides_a_member_from_the_list_and_new_registers(demo_store, db_path, app) -> None:
    carys = member_id(demo_store, "Carys Jenkins")
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        await type_text(pilot, "carys")
        await pilot.press("enter")  # to the list
        assert table.current["name"] == "Carys Jenkins"
        await pilot.press("d")
        await pilot.pause()
        assert count_rows(db_path, "SELECT active FROM members WHERE id = ?", (carys,)) == 0
        assert table.total == 0
        await pilot.press("slash", "end", "ctrl+u")  # back to the filter, cleared
        await pilot.pause()
        assert table.total == ACTIVE - 1
        assert "Carys Jenkins" not in [m["name"] for m in table_rows(table)]
        # A meeting planned now does not expect them.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert shown(app.screen.query_one("#members-summary")).startswith(f"{ACTIVE - 1} active members")
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#field-title", "Carers' forum")
        await fill(pilot, "#field-date", "05/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        register = register_table(app)
        assert register.total == ACTIVE - 1
        assert "Carys Jenkins" not in [r["name"] for r in table_rows(register)]


async def test_d_on_an_inactive_member_brings_them_back(demo_store, db_path, app) -> None:
    gone = demo_store.one("SELECT id, name FROM members WHERE active = 0 ORDER BY name LIMIT 1")
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        await pilot.press("f5")
        await type_text(pilot, gone["name"])
        await pilot.press("enter")
        assert table.current["id"] == gone["id"]
        await pilot.press("d")
        await pilot.pause()
        assert count_rows(db_path, "SELECT active FROM members WHERE id = ?", (gone["id"],)) == 1
        assert f"{gone['name']} is back on registers." in notifications(app)
        assert row_cells(table, table.cursor)[4] == "Yes"


async def test_enter_on_a_member_opens_their_details_and_saves_a_change(demo_store, db_path, app) -> None:
    megan = member_id(demo_store, "Megan Osei")
    last_seq = demo_store.one("SELECT MAX(seq) FROM changes")[0]
    async with app.run_test(size=SIZE) as pilot:
        await _open_members(pilot)
        await type_text(pilot, "megan")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        assert app.screen.query_one("#field-name", Input).value == "Megan Osei"
        assert app.screen.query_one("#need-large_print", Checkbox).value is True
        await fill(pilot, "#field-phone", "029 2000 0000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert members.get_member(demo_store, megan)["phone"] == "029 2000 0000"
        # Changing the phone logs a change to the contact details and nothing else, so a sync
        # cannot let this edit overwrite someone else's change to, say, their access needs.
        logged = {r[0] for r in demo_store.query("SELECT grp FROM changes WHERE seq > ?", (last_seq,))}
        assert logged == {"contact"}


# --- the new member form -------------------------------------------------------------


async def test_new_member_form_starts_in_the_name_so_typing_goes_there(db_path, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_members(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Nia Evans")
        assert app.screen.query_one("#field-name", Input).value == "Nia Evans"


async def test_new_member_without_a_name_is_refused_beside_the_field(db_path, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM members")
    changes = count_rows(db_path, "SELECT COUNT(*) FROM changes")
    async with app.run_test(size=SIZE) as pilot:
        await _open_members(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        await fill(pilot, "#field-email", "someone@example.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        assert shown(app.screen.query_one("#error-name")) == "Fill in the person's name."
        assert app.focused is app.screen.query_one("#field-name", Input)
    assert count_rows(db_path, "SELECT COUNT(*) FROM members") == before
    assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == changes


async def test_new_member_with_a_bad_email_is_refused_beside_the_field(db_path, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM members")
    async with app.run_test(size=SIZE) as pilot:
        await _open_members(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "#field-name", "Nia Evans")
        await fill(pilot, "#field-email", "nia at example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app.screen.query_one("#error-email")) == "nia at example is not an email address."
        assert shown(app.screen.query_one("#error-name")) == ""
    assert count_rows(db_path, "SELECT COUNT(*) FROM members") == before


async def test_new_member_is_saved_with_two_access_needs(demo_store, db_path, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_members(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "#field-name", "Nia Evans")
        await fill(pilot, "#field-organisation_id", "Parents Together")
        await fill(pilot, "#field-email", "nia@example.org")
        app.screen.query_one("#need-bsl", Checkbox).focus()
        await pilot.press("space")
        app.screen.query_one("#need-dietary", Checkbox).focus()
        await pilot.press("space")
        await fill(pilot, "#note-dietary", "Vegan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        row = demo_store.one(
            "SELECT m.id, m.member_type, m.email, m.active, m.access_needs, o.name AS org FROM members m "
            "LEFT JOIN organisations o ON o.id = m.organisation_id WHERE m.name = 'Nia Evans'")
        assert row is not None
        assert (row["member_type"], row["email"], row["active"], row["org"]) == (
            "uses_services", "nia@example.org", 1, "Parents Together")
        assert json.loads(row["access_needs"]) == [{"kind": "bsl", "note": ""}, {"kind": "dietary", "note": "Vegan"}]
        assert "Added Nia Evans." in notifications(app)
        # The list shows the new member with their needs in short words.
        assert table.total == ACTIVE + 1
        index = next(i for i, m in enumerate(table_rows(table)) if m["name"] == "Nia Evans")
        assert row_cells(table, index)[3] == "BSL, Diet (Vegan)"
        # And today's register expects them.
        await pilot.press("escape")
        await open_today(pilot)
        assert "Nia Evans" in [r["name"] for r in table_rows(register_table(app))]


async def test_escape_leaves_the_member_form_without_saving(db_path, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM members")
    async with app.run_test(size=SIZE) as pilot:
        await _open_members(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "#field-name", "Nia Evans")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
    assert count_rows(db_path, "SELECT COUNT(*) FROM members") == before
