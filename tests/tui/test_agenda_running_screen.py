"""Running the meeting from the Agenda tab: start, next, the timer line, minutes, interests, AOB, moving on.

The clock is COPROD_NOW (10:40 unless a test moves it); the timer line is
read after asking the view for the tick it does once a second.
"""

from __future__ import annotations

from drive import SIZE, count_rows, fill, member_id, notifications, shown, type_text
from drive_agenda import cursor_to, drawn, item_on_disk, line, open_agenda, titles, today_agenda
from textual.widgets import TextArea

from store import meetings
from tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from tui.screens.item_dialogs import InterestDialog
from tui.screens.minutes_editor import MinutesEditor
from tui.screens.propose_form import FloorItemForm

AT_1040 = "2026-11-22T10:40:00+00:00"
AT_1050 = "2026-11-22T10:50:00+00:00"


# --- starting -----------------------------------------------------------------------------------


async def test_s_at_a_planned_meeting_asks_to_open_it_then_starts_the_item(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    first = today.order[0]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, first)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert item_on_disk(db_path, today.meeting, "welcome")["started_at"] is None
        await pilot.press("enter")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, today.meeting)["status"] == "open"
        assert item_on_disk(db_path, today.meeting, "welcome")["started_at"] == AT_1040
        assert line(app, "#agenda-timer") == f"▶ On now: {first}, 0 s of 10 min · Meeting 0 s of 2 h 30 min"
        assert "▶ On now" in next(text for text in drawn(view) if first in text)


async def test_not_yet_leaves_the_meeting_planned_and_nothing_started(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        assert line(app, "#agenda-timer") == (
            "Not started yet: s starts the item under the cursor, n starts from the top.")
        await cursor_to(pilot, view, today.order[0])
        await pilot.press("s")
        await pilot.click("#no")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, today.meeting)["status"] == "planned"
        assert count_rows(db_path, "SELECT COUNT(*) FROM agenda_items WHERE started_at IS NOT NULL "
                                   "AND meeting_id = ?", (today.meeting,)) == 0


async def test_the_timer_line_shows_time_used_against_time_allowed_as_the_clock_moves(
        demo_store, open_meeting, app, monkeypatch) -> None:
    today = today_agenda(demo_store)
    first = today.order[0]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, first)
        await pilot.press("s")
        await pilot.pause()
        monkeypatch.setenv("COPROD_NOW", "10:47")
        view.tick()
        assert line(app, "#agenda-timer") == f"▶ On now: {first}, 7 min of 10 min · Meeting 7 min of 2 h 30 min"
        assert not view.query_one("#agenda-timer").has_class("-over")
        monkeypatch.setenv("COPROD_NOW", "10:52")
        view.tick()
        assert line(app, "#agenda-timer") == (
            f"⚠ On now: {first}, over its time by 2 min (12 min of 10 min) · Meeting 12 min of 2 h 30 min")
        assert view.query_one("#agenda-timer").has_class("-over")


async def test_n_ends_the_item_on_now_and_starts_the_next(demo_store, db_path, open_meeting, app, monkeypatch) -> None:
    today = today_agenda(demo_store)
    first, second = today.order[:2]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, first)
        await pilot.press("s")
        await pilot.pause()
        monkeypatch.setenv("COPROD_NOW", "10:50")
        await pilot.press("n")
        await pilot.pause()
        ended = item_on_disk(db_path, today.meeting, "welcome")
        started = item_on_disk(db_path, today.meeting, "apologies")
        assert (ended["started_at"], ended["ended_at"]) == (AT_1040, AT_1050)
        assert (started["started_at"], started["ended_at"]) == (AT_1050, None)
        assert view.table.item["display_title"] == second
        assert line(app, "#agenda-timer") == f"▶ On now: {second}, 0 s of 5 min · Meeting 10 min of 2 h 30 min"
        screen = drawn(view)
        assert "✓ Ended" in next(text for text in screen if first in text)
        assert "▶ On now" in next(text for text in screen if second in text)


async def test_n_after_the_last_item_says_the_agenda_is_done(demo_store, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await pilot.press(*["n"] * (len(today.order) + 1))
        await pilot.pause()
        assert notifications(app)[-1] == "That was the last item. Press F3 to close the meeting when you are ready."
        assert line(app, "#agenda-timer") == (
            "✓ Every item has ended. Meeting 0 s of 2 h 30 min. Press F3 to close the meeting.")
        assert all("✓ Ended" in text for text in drawn(view) if any(t in text for t in today.order))


# --- minutes and decisions ---------------------------------------------------------------------


async def test_the_minutes_editor_saves_notes_and_decision(demo_store, db_path, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[3]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, item)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesEditor)
        assert app.focused is app.screen.query_one("#notes", TextArea)
        await type_text(pilot, "Members said it takes months.")
        await pilot.press("enter")
        await type_text(pilot, "Staff will ask the council.")
        await pilot.press("tab")
        await type_text(pilot, "Agreed to write to the council.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, item)
        assert on_disk["notes"] == "Members said it takes months.\nStaff will ask the council."
        assert on_disk["decision"] == "Agreed to write to the council."
        assert shown(app.screen.query_one("#minutes-status")).startswith("Saved at 10:40.")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#agenda-detail") is not None
        assert "Decision: Agreed to write to the council." in line(app, "#agenda-detail")


async def test_the_minutes_editor_keeps_the_timer_in_sight_while_an_item_is_on(
        demo_store, open_meeting, app, monkeypatch) -> None:
    today = today_agenda(demo_store)
    first = today.order[0]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, first)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesEditor)
        monkeypatch.setenv("COPROD_NOW", "10:43")
        app.screen.tick()
        assert shown(app.screen.query_one("#minutes-timer")) == (
            f"▶ On now: {first}, 3 min of 10 min · Meeting 3 min of 2 h 30 min")


async def test_escape_asks_before_losing_changes_to_the_minutes(demo_store, db_path, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[3]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, item)
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "enter")  # keep writing
        await pilot.pause()
        assert isinstance(app.screen, MinutesEditor)
        assert app.screen.query_one("#notes", TextArea).text == "Half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "enter")  # go back without saving
        await pilot.pause()
        assert not isinstance(app.screen, MinutesEditor)
        assert item_on_disk(db_path, today.meeting, item)["notes"] is None


# --- interests, moving on, any other business ------------------------------------------------------


async def test_i_declares_an_interest_chosen_with_a_find_box(demo_store, db_path, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[3]
    carys = member_id(demo_store, "Carys Jenkins")
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, item)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterestDialog)
        await type_text(pilot, "carys jen")
        await pilot.press("enter")
        await type_text(pilot, "Works for the provider")
        await pilot.press("enter")
        await pilot.pause()
        item_id = today.items[item]["id"]
        assert count_rows(db_path, "SELECT COUNT(*) FROM agenda_interests WHERE item_id = ? AND member_id = ? "
                                   "AND note = 'Works for the provider' AND deleted_at IS NULL", (item_id, carys)) == 1
        assert "Interests: Carys Jenkins (Works for the provider)" in line(app, "#agenda-detail")


async def test_an_item_on_now_can_be_moved_to_a_later_meeting(demo_store, db_path, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[3]
    later = meetings.create_meeting(demo_store, {"title": "Steering group", "kind": "steering", "date": "10/12/2026",
                                                 "start_time": "10:00", "end_time": "12:00", "mode": "in_person"})
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, item)
        await pilot.press("s", "f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, item)
        assert (on_disk["status"], on_disk["deferred_to"], on_disk["ended_at"]) == ("deferred", later, AT_1040)
        assert item_on_disk(db_path, later, item)["status"] == "proposed"
        assert item not in titles(view, "order") and item in titles(view, "other")


async def test_ctrl_n_adds_any_other_business_from_the_floor_accepted_at_once(
        demo_store, db_path, open_meeting, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, FloorItemForm)
        await fill(pilot, "#field-title", "Parking at the new venue")
        await fill(pilot, "#field-minutes_asked", "5")
        await fill(pilot, "#field-proposer_id", "carys jen")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, "Parking at the new venue")
        assert (on_disk["source"], on_disk["status"], on_disk["minutes_allowed"]) == ("floor", "accepted", 5)
        assert on_disk["proposer_id"] == member_id(demo_store, "Carys Jenkins")
        assert titles(view, "order")[-2:] == ["Parking at the new venue", "Any other business"]
        assert view.table.item["display_title"] == "Parking at the new venue"
        assert notifications(app)[-1] == "Added “Parking at the new venue” to the running order."


async def test_a_closed_meetings_agenda_can_be_read_but_not_changed(demo_store, db_path, app) -> None:
    from store import agenda
    from tui.screens import navigation

    past = meetings.recent(demo_store)[0]
    data = agenda.agenda(demo_store, past["id"])
    minuted = next(i for i in data["order"] if i["notes"])
    async with app.run_test(size=SIZE) as pilot:
        navigation.open_meeting(app, past["id"])
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        view = app.screen.query_one("AgendaView")
        assert line(app, "#agenda-timer") == "This meeting is closed."
        await cursor_to(pilot, view, minuted["display_title"])
        await pilot.press("t")
        await pilot.pause()
        assert notifications(app)[-1] == "This meeting is closed. Press Ctrl+O to reopen it and change the agenda."
        assert app.screen.query("AgendaView")  # no question was asked
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesEditor)
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.read_only and notes.text == minuted["notes"]
        await type_text(pilot, "changed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert item_on_disk(db_path, past["id"], minuted["title"])["notes"] == minuted["notes"]
