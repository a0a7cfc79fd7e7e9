"""The register, driven from the keyboard: find, mark, late, left, toggles, role, walk-ins, close, reopen."""

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


# --- what the register shows ------------------------------------------------------


async def test_register_lists_every_active_member_with_access_needs(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        table = register_table(app)
        names = [r["name"] for r in table_rows(table)]
        assert table.total == ACTIVE
        assert names == _active_names(demo_store)
        # Inactive members are not expected at a new meeting.
        inactive = [r[0] for r in demo_store.query("SELECT name FROM members WHERE active = 0")]
        assert inactive and not set(inactive) & set(names)
        carys = names.index("Carys Jenkins")
        assert row_cells(table, carys)[3] == "BSL, Lipspeaker"
        aisha = names.index("Aisha Llewellyn")
        assert row_cells(table, aisha)[3] == "Diet (Vegetarian)"
        assert counts_line(app) == f"Present 0 · Apologies 0 · Absent 0 · Not marked {ACTIVE} · of {ACTIVE}"


async def test_register_has_an_access_needs_column_heading(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        heading = register_table(app).render_line(0).text
        for column in ("Status", "Name", "Organisation", "Access needs", "Notes"):
            assert column in heading


async def test_status_cells_say_the_status_in_words_not_colour_alone(demo_store, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p", "a", "x")
        table = register_table(app)
        statuses = [row_cells(table, i)[0] for i in range(4)]
        assert statuses == ["✓ Present", "~ Apologies", "✗ Absent", "· Not marked"]
        # And the words reach the screen, not just the cell data.
        drawn = [table.render_line(y).text for y in range(1, 5)]
        for line, word in zip(drawn, ("Present", "Apologies", "Absent", "Not marked")):
            assert word in line


async def test_register_fits_its_width_so_headings_stay_over_their_columns(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "right", "right")
        await pilot.pause()
        table = register_table(app)
        assert table.max_scroll_x == 0  # no sideways scrollbar taking a line
        heading, first = table.render_line(0).text, table.render_line(1).text
        assert first.startswith("▶ · Not marked")  # the cursor mark is still on screen
        assert heading.index("Name") == first.index("Agnieszka Ali")


async def test_person_line_spells_out_access_needs_of_the_person_under_the_cursor(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "Bethan Campbell")
        person = shown(app.screen.query_one("#person"))
        assert "Bethan Campbell — · Not marked" in person
        assert "Easy Read papers; Longer breaks: Every 45 minutes; PA attends" in person


# --- finding someone ----------------------------------------------------------------


async def test_typing_a_name_narrows_the_register_to_matching_people(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "dafydd")
        table = register_table(app)
        names = [r["name"] for r in table_rows(table)]
        assert table.total == 5
        assert names == ["Dafydd Ahmed", "Dafydd Begum", "Dafydd Kowalski", "Dafydd MacLeod", "Dafydd Roberts"]
        assert table.current["name"] == "Dafydd Ahmed"


async def test_typing_an_organisation_narrows_the_register_to_its_people(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "citizens advice")
        table = register_table(app)
        rows = table_rows(table)
        assert table.total == 4
        assert {r["organisation"] for r in rows} == {"Citizens Advice Central"}
        assert [r["name"] for r in rows] == ["Aisha Llewellyn", "Bridget Mensah", "Liam Pritchard", "Ruth Jenkins"]


async def test_a_filter_that_matches_no_one_offers_a_walk_in(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "zzzz")
        table = register_table(app)
        assert table.total == 0
        assert "No one matches. Press Ctrl+N to add a walk-in." in table.render_line(1).text


async def test_escape_in_the_filter_clears_it_and_shows_everyone(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "dafydd")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == ""
        assert register_table(app).total == ACTIVE


# --- marking -------------------------------------------------------------------------


async def test_marking_present_writes_the_row_and_updates_the_counts(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down")
        table = register_table(app)
        assert app.focused is table
        assert table.current["name"] == "Agnieszka Ali"
        await pilot.press("p")
        # A second connection sees the mark as soon as the key has been handled.
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["status"] == "present"
        assert attendance.register_entry(demo_store, open_meeting, agnieszka)["status"] == "present"
        assert counts_line(app) == f"Present 1 · Apologies 0 · Absent 0 · Not marked {ACTIVE - 1} · of {ACTIVE}"
        assert row_cells(table, 0)[0] == "✓ Present"
        # Without a filter, the cursor moves on to the next person.
        assert table.current["name"] == "Agnieszka Campbell"


async def test_marking_apologies_and_absent_from_the_keyboard(demo_store, db_path, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "a", "x")
        first, second = (member_id(demo_store, n) for n in ("Agnieszka Ali", "Agnieszka Campbell"))
        assert attendance_on_disk(db_path, open_meeting, first)["status"] == "apologies"
        assert attendance_on_disk(db_path, open_meeting, second)["status"] == "absent"
        assert counts_line(app) == f"Present 0 · Apologies 1 · Absent 1 · Not marked {ACTIVE - 2} · of {ACTIVE}"
        assert attendance.counts(demo_store, open_meeting)["unmarked"] == ACTIVE - 2


async def test_unmark_takes_the_mark_off(demo_store, db_path, open_meeting, app) -> None:
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p", "up", "u")
        assert attendance_on_disk(db_path, open_meeting, agnieszka)["status"] == "expected"
        assert counts_line(app).startswith("Present 0 ·")


async def test_mark_after_finding_by_name_clears_the_filter_and_returns_to_it(
        demo_store, db_path, open_meeting, app) -> None:
    carys = member_id(demo_store, "Carys Jenkins")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "carys")
        await pilot.press("enter", "p")
        assert attendance_on_disk(db_path, open_meeting, carys)["status"] == "present"
        box = app.screen.query_one("#filter", Input)
        assert box.value == ""
        assert app.focused is box
        assert register_table(app).total == ACTIVE
        assert counts_line(app).startswith("Present 1 ·")
        # Ready for the next arrival: typing goes straight into the filter.
        await type_text(pilot, "megan")
        await pilot.press("enter", "a")
        assert attendance_on_disk(db_path, open_meeting, member_id(demo_store, "Megan Osei"))["status"] == "apologies"


async def test_marking_at_a_planned_meeting_asks_to_open_it_then_marks(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    agnieszka = member_id(demo_store, "Agnieszka Ali")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        assert "Not open yet" in shown(app.screen.query_one("#meeting-heading"))
        await pilot.press("down", "p")
        assert isinstance(app.screen, ConfirmDialog)
        assert attendance_on_disk(db_path, meeting, agnieszka) is None
        await pilot.press("enter")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, meeting)["status"] == "open"
        assert attendance_on_disk(db_path, meeting, agnieszka)["status"] == "present"
        assert counts_line(app).startswith("Present 1 ·")
        assert "Open. Mark people as they arrive." in shown(app.screen.query_one("#meeting-heading"))


async def test_saying_not_yet_leaves_a_planned_meeting_unmarked(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "p")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#no")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, meeting)["status"] == "planned"
        assert count_rows(db_path, "SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (meeting,)) == 0
        assert counts_line(app).startswith("Present 0 ·")


async def test_end_then_mark_reaches_the_last_person_past_the_first_page(demo_store, db_path, open_meeting, app) -> None:
    yusuf = member_id(demo_store, "Yusuf Parry")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("down", "end")
        table = register_table(app)
        assert table.current["name"] == "Yusuf Parry"
        await pilot.press("p")
        assert attendance_on_disk(db_path, open_meeting, yusuf)["status"] == "present"
        # The last row is on screen, marked, with the cursor still on it.
        assert table.current["name"] == "Yusuf Parry"
        drawn = [table.render_line(y).text for y in range(1, table.size.height)]
        assert any("Yusuf Parry" in line and "Present" in line for line in drawn)


async def test_backspace_in_the_list_goes_back_to_the_filter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "dafydd")
        await pilot.press("enter")
        assert app.focused is register_table(app)
        await pilot.press("backspace")
        await pilot.pause()
        box = app.screen.query_one("#filter", Input)
        assert app.focused is box
        assert box.value == "dafyd"


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
        assert "Closed: press Ctrl+O to reopen it." in shown(app.screen.query_one("#meeting-heading"))


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
