"""The register in the app: times, remote, supporter, role, walk-ins, closing."""

from __future__ import annotations

from drive import (
    ACTIVE,
    SIZE,
    attendance_on_disk,
    count_rows,
    counts_line,
    find,
    member_id,
    notifications,
    open_today,
    register_table,
    row_cells,
    shown,
    table_rows,
    todays_meeting,
    type_text,
)
from textual.widgets import Input

from store import attendance, meetings
from tui.screens.close_meeting import CloseMeetingDialog
from tui.screens.dialogs import ChoiceDialog, ConfirmDialog, TimeDialog
from tui.screens.walk_in import WalkInDialog


def _active_names(store) -> list[str]:
    return [r[0] for r in store.query(
        "SELECT name FROM members WHERE active = 1 AND member_type != 'guest' AND deleted_at IS NULL "
        "ORDER BY name COLLATE NOCASE, id")]


# --- late, left early, remote, supporter, role -----------------------------------------


async def test_late_arrival_records_the_typed_time(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "l")
        assert isinstance(app.screen, TimeDialog)
        box = app.screen.query_one("#time", Input)
        assert box.value == "10:40"  # now, suggested
        await type_text(pilot, "10:55")  # replaces the suggestion
        await pilot.press("enter")
        await pilot.pause()
        row = attendance_on_disk(db_path, open_meeting, agnieszka)
        assert (row["status"], row["arrived_at"]) == ("present", "10:55")
        table = register_table(app)
        assert table.current["name"] == "Agnieszka Ali"
        assert row_cells(table, 0)[4] == "Late 10:55"
        assert counts_line(app).startswith("Present 1 ·")


async def test_a_time_that_is_not_a_time_is_refused_in_the_dialog(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "l")
        await type_text(pilot, "25:99")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimeDialog)
        assert "25:99 is not a time." in shown(app.screen.query_one("#time-error"))
        assert attendance_on_disk(db_path, open_meeting, agnieszka) is None


async def test_escape_in_the_time_dialog_records_nothing(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "l")
        await type_text(pilot, "10:55")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimeDialog)
        assert count_rows(db_path, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (open_meeting,)) == 0
        assert counts_line(app).startswith("Present 0 ·")


async def test_left_early_records_the_time(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p", "up", "e")
        assert isinstance(app.screen, TimeDialog)
        await type_text(pilot, "12:05")
        await pilot.press("enter")
        await pilot.pause()
        row = attendance_on_disk(db_path, open_meeting, agnieszka)
        assert (row["status"], row["left_at"]) == ("present", "12:05")
        assert row_cells(register_table(app), 0)[4] == "Left 12:05"


async def test_remote_toggles_on_and_off_and_counts(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p", "up", "r")
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["remote"] == 1
        assert counts_line(app).endswith("· 1 remote")
        assert row_cells(register_table(app), 0)[4] == "Remote"
        await pilot.press("r")
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["remote"] == 0
        assert "remote" not in counts_line(app)


async def test_supporter_toggles_on_and_off(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "s")
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["supporter"] == 1
        assert row_cells(register_table(app), 0)[4] == "With supporter"
        await pilot.press("s")
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["supporter"] == 0
        assert row_cells(register_table(app), 0)[4] == ""


async def test_role_is_chosen_from_a_list(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "o")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "down")  # member → chair → co-chair → minute taker
        await pilot.press("enter")
        await pilot.pause()
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["role"] == "minute_taker"
        assert row_cells(register_table(app), 0)[4] == "Minute taker"


# --- walk-ins -------------------------------------------------------------------------


async def test_walk_in_of_an_existing_member_marks_them_present(demo_store, db_path, open_meeting, app) -> None:
    inactive = demo_store.one("SELECT id, name FROM members WHERE active = 0 ORDER BY name LIMIT 1")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        assert inactive["name"] not in [r["name"] for r in table_rows(register_table(app))]
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, WalkInDialog)
        await type_text(pilot, inactive["name"])
        await pilot.pause()
        await pilot.press("enter")  # the first match is highlighted
        await pilot.pause()
        assert attendance_on_disk(db_path, open_meeting, inactive["id"])["status"] == "present"
        table = register_table(app)
        names = [r["name"] for r in table_rows(table)]
        assert table.total == ACTIVE + 1
        assert inactive["name"] in names
        assert "Yusuf Parry" in names  # the last by name is still on the list
        assert counts_line(app) == f"Present 1 · Apologies 0 · Absent 0 · Not marked {ACTIVE} · of {ACTIVE + 1}"


async def test_walk_in_of_a_new_guest_adds_them_present(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Zofia Quinn")
        await pilot.pause()
        await pilot.press("tab", "tab")  # past the matches to the organisation box
        assert app.focused is app.screen.query_one("#walk-org", Input)
        await type_text(pilot, "Parents Together")
        await pilot.press("enter")
        await pilot.pause()
        guest = demo_store.one(
            "SELECT m.id, m.member_type, o.name FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id "
            "WHERE m.name = 'Zofia Quinn'")
        assert guest is not None
        assert guest["member_type"] == "guest"
        assert guest["name"] == "Parents Together"
        row = attendance_on_disk(db_path, open_meeting, guest["id"])
        assert (row["status"], row["role"]) == ("present", "guest")
        names = [r["name"] for r in table_rows(register_table(app))]
        assert "Zofia Quinn" in names
        assert counts_line(app).startswith("Present 1 ·")
        assert counts_line(app).endswith(f"of {ACTIVE + 1}")


async def test_walk_in_offers_the_typed_filter_as_the_name(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "Nobody Known")
        await pilot.press("ctrl+n")
        assert app.screen.query_one("#walk-name", Input).value == "Nobody Known"
        await pilot.press("enter")  # the only choice: add as a new guest
        await pilot.pause()
        guest = demo_store.one("SELECT id, member_type FROM members WHERE name = 'Nobody Known'")
        assert guest["member_type"] == "guest"
        assert attendance_on_disk(db_path, open_meeting, guest["id"])["status"] == "present"


async def test_after_a_walk_in_the_filter_clears_for_the_next_arrival(demo_store, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "Nobody Known")
        await pilot.press("ctrl+n", "enter")
        await pilot.pause()
        # As after any mark made through the filter: box empty and focused, everyone listed.
        box = app.screen.query_one("#filter", Input)
        assert box.value == ""
        assert app.focused is box
        assert register_table(app).total == ACTIVE + 1


async def test_walk_in_at_a_planned_meeting_opens_it_first(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Zofia Quinn")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert count_rows(db_path, "SELECT COUNT(*) FROM members WHERE name = 'Zofia Quinn'") == 0
        # Nothing is marked yet, so nothing may say it was.
        assert not any("Marked Zofia Quinn present" in m for m in notifications(app))
        await pilot.press("enter")
        await pilot.pause()
        guest = demo_store.one("SELECT id FROM members WHERE name = 'Zofia Quinn'")[0]
        assert meetings.get_meeting(demo_store, meeting)["status"] == "open"
        assert attendance_on_disk(db_path, meeting, guest)["status"] == "present"
        assert counts_line(app).startswith("Present 1 ·")


async def test_walk_in_at_a_closed_meeting_does_not_claim_success(demo_store, db_path, open_meeting, app) -> None:
    meetings.set_status(demo_store, open_meeting, "closed")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Zofia Quinn")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert count_rows(db_path, "SELECT COUNT(*) FROM members WHERE name = 'Zofia Quinn'") == 0
        said = notifications(app)
        assert any("closed" in m for m in said)
        assert not any("Marked Zofia Quinn present" in m for m in said)


# --- closing and reopening ------------------------------------------------------------


async def _mark_three(pilot) -> None:
    """Agnieszka Ali present, Agnieszka Campbell apologies, Ahmed Lewis present."""
    await pilot.press("down", "p", "a", "p")


async def test_close_shows_the_counts_and_who_is_not_marked(demo_store, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await _mark_three(pilot)
        await pilot.press("f3")
        assert isinstance(app.screen, CloseMeetingDialog)
        assert shown(app.screen.query_one("#close-counts")) == (
            f"Present 2 · Apologies 1 · Absent 0 · Not marked {ACTIVE - 3}")
        unmarked = shown(app.screen.query_one("#close-unmarked"))
        assert unmarked.startswith(f"{ACTIVE - 3} people are not marked yet:\nAisha Llewellyn, Aisha Morgan")
        assert unmarked.endswith(f"and {ACTIVE - 3 - 12} more.")
        assert "Agnieszka Ali" not in unmarked


async def test_close_marking_absent_marks_exactly_the_unmarked(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await _mark_three(pilot)
        before = {r["member_id"]: r["status"] for r in table_rows(register_table(app))}
        await pilot.press("f3")
        await pilot.click("#absent")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"
        after = {m: attendance_on_disk(db_path, open_meeting, m)["status"] for m in before}
        for member, status in before.items():
            assert after[member] == ("absent" if status == "expected" else status)
        inactive = [r[0] for r in demo_store.query("SELECT id FROM members WHERE active = 0")]
        assert all(attendance_on_disk(db_path, open_meeting, m) is None for m in inactive)
        assert counts_line(app) == f"Present 2 · Apologies 1 · Absent {ACTIVE - 3} · Not marked 0 · of {ACTIVE}"
        assert "Closed. Press Ctrl+O to reopen it." in shown(app.screen.query_one("#meeting-heading"))


async def test_close_leaving_them_unmarked_closes_and_marks_no_one(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await _mark_three(pilot)
        await pilot.press("f3")
        await pilot.click("#leave")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"
        assert count_rows(db_path, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (open_meeting,)) == 3
        assert counts_line(app) == f"Present 2 · Apologies 1 · Absent 0 · Not marked {ACTIVE - 3} · of {ACTIVE}"


async def test_close_go_back_changes_nothing(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await _mark_three(pilot)
        changes_before = count_rows(db_path, "SELECT COUNT(*) FROM changes")
        await pilot.press("f3")
        await pilot.click("#back")
        await pilot.pause()
        assert not isinstance(app.screen, CloseMeetingDialog)
        assert meetings.get_meeting(demo_store, open_meeting)["status"] == "open"
        assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == changes_before
        assert counts_line(app).startswith("Present 2 · Apologies 1 · Absent 0 ·")


async def test_f3_does_nothing_until_the_meeting_is_open(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert not isinstance(app.screen, CloseMeetingDialog)
        assert meetings.get_meeting(demo_store, todays_meeting(demo_store))["status"] == "planned"


async def test_marking_at_a_closed_meeting_is_refused(demo_store, db_path, open_meeting, app) -> None:
    meetings.set_status(demo_store, open_meeting, "closed")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p")
        await pilot.pause()
        assert count_rows(db_path, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (open_meeting,)) == 0
        assert any("closed" in m for m in notifications(app))
        assert counts_line(app).startswith("Present 0 ·")


async def test_ctrl_o_reopens_a_closed_meeting_and_says_so(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f3")
        await pilot.click("#leave")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"
        await pilot.press("ctrl+o")
        await pilot.pause()
        m = meetings.get_meeting(demo_store, open_meeting)
        assert (m["status"], m["reopened"]) == ("open", 1)
        heading = shown(app.screen.query_one("#meeting-heading"))
        assert "Reopened after closing." in heading
        assert "The meeting is open again." in notifications(app)
        # And the register can be taken again.
        await pilot.press("down", "p")
        assert attendance_on_disk(db_path, open_meeting, member_id(demo_store, "Agnieszka Ali"))["status"] == "present"


async def test_ctrl_o_opens_a_planned_meeting(demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, meeting)["status"] == "open"
        assert "Open. Mark people as they arrive." in shown(app.screen.query_one("#meeting-heading"))


async def test_escape_goes_back_home(app) -> None:
    from tui.screens.home import HomeScreen

    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_page_down_from_the_find_box_moves_a_page_down_the_register(app):
    from tui.widgets.register_view import RegisterTable

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(RegisterTable)
        assert app.focused.id == "filter" and table.cursor == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.focused is table
        assert table.cursor == table.rows_visible - 1
