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
