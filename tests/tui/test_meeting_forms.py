"""Planning a meeting and changing its details: bad input is refused beside its field, nothing written."""

from __future__ import annotations

from drive import ACTIVE, SIZE, count_rows, fill, open_today, register_table, shown, todays_meeting
from textual.widgets import Input

from store import meetings
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen
from tui.screens.meeting_form import MeetingForm


async def _new_meeting_form(pilot) -> MeetingForm:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingForm)
    return pilot.app.screen


def _meeting_count(db_path) -> int:
    return count_rows(db_path, "SELECT COUNT(*) FROM meetings")


async def test_new_meeting_form_suggests_a_network_meeting_today(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        values = {f: form.query_one(f"#field-{f}", Input).value for f in ("title", "date", "start_time", "end_time")}
        assert values == {"title": "Network meeting", "date": "22/11/2026", "start_time": "10:30", "end_time": "13:00"}


async def test_new_meeting_form_starts_in_the_title_so_typing_goes_there(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        assert app.focused is form.query_one("#field-title", Input)


async def test_an_impossible_date_is_refused_beside_the_date(db_path, app) -> None:
    before = _meeting_count(db_path)
    changes = count_rows(db_path, "SELECT COUNT(*) FROM changes")
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        await fill(pilot, "#field-date", "31/02/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form.query_one("#error-date")) == "31/02/2026 is not a real date. Check the day and month."
        assert app.focused is form.query_one("#field-date", Input)
        # Only the wrong field carries a message.
        assert shown(form.query_one("#error-end_time")) == ""
        assert shown(form.query_one("#error-form")) == ""
    assert _meeting_count(db_path) == before
    assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == changes


async def test_an_end_before_the_start_is_refused_beside_the_end_time(db_path, app) -> None:
    before = _meeting_count(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        await fill(pilot, "#field-start_time", "14:00")
        await fill(pilot, "#field-end_time", "13:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form.query_one("#error-end_time")) == "The meeting must end after it starts."
        assert app.focused is form.query_one("#field-end_time", Input)
        assert shown(form.query_one("#error-date")) == ""
    assert _meeting_count(db_path) == before


async def test_an_empty_title_is_refused_beside_the_title(db_path, app) -> None:
    before = _meeting_count(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        await fill(pilot, "#field-title", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-title")) == "Fill in the meeting's title."
    assert _meeting_count(db_path) == before


async def test_correcting_the_field_clears_the_old_message_and_saves(demo_store, db_path, app) -> None:
    before = _meeting_count(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_meeting_form(pilot)
        await fill(pilot, "#field-date", "31/02/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await fill(pilot, "#field-title", "Carers' forum")
        await fill(pilot, "#field-date", "05/12/2026")
        await fill(pilot, "#field-venue", "Library Meeting Room")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form not in app.screen_stack
        assert _meeting_count(db_path) == before + 1
        saved = demo_store.one("SELECT * FROM meetings WHERE title = ?", ("Carers' forum",))
        assert (saved["date"], saved["start_time"], saved["end_time"], saved["venue"], saved["status"]) == (
            "2026-12-05", "10:30", "13:00", "Library Meeting Room", "planned")
        # The new meeting opens, ready to take its register.
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == saved["id"]
        assert shown(app.screen.query_one("#meeting-heading")).startswith(
            "Carers' forum — Saturday 5 December 2026 10:30–13:00")
        assert register_table(app).total == ACTIVE
        # And home lists it among the coming meetings.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one("#meetings")
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "Sat 5 Dec 2026  10:30–13:00  Carers' forum  · Planned" in prompts


async def test_escape_leaves_the_meeting_form_without_saving(db_path, app) -> None:
    before = _meeting_count(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await _new_meeting_form(pilot)
        await fill(pilot, "#field-title", "Never mind")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert _meeting_count(db_path) == before


# --- changing a meeting's details (F2) ---------------------------------------------------


async def test_f2_changes_the_details_and_the_heading_follows(demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert form.query_one("#field-venue", Input).value == "Community Hall, High Street"
        await fill(pilot, "#field-title", "Autumn network meeting")
        await fill(pilot, "#field-venue", "Library Meeting Room")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        m = meetings.get_meeting(demo_store, meeting)
        assert (m["title"], m["venue"], m["date"]) == ("Autumn network meeting", "Library Meeting Room", "2026-11-22")
        assert shown(app.screen.query_one("#meeting-heading")).startswith("Autumn network meeting — Sunday 22 November")
        assert "Venue: Library Meeting Room" in shown(app.screen.query_one("#meeting-details"))


async def test_f2_with_a_bad_date_changes_nothing(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    changes = count_rows(db_path, "SELECT COUNT(*) FROM changes")
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await fill(pilot, "#field-venue", "Somewhere else")
        await fill(pilot, "#field-date", "31/02/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        assert shown(app.screen.query_one("#error-date")) == "31/02/2026 is not a real date. Check the day and month."
    assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == changes
    assert meetings.get_meeting(demo_store, meeting)["venue"] == "Community Hall, High Street"
