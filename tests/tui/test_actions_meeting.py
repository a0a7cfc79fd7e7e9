"""The meeting's Actions tab: matters arising marked done, dropped or opened again, against the meeting."""

from __future__ import annotations

from drive import SIZE, notifications, shown, todays_meeting, type_text
from drive_actions import action_on_disk, actions_on_disk, cells, open_actions_tab, row_ids
from textual.widgets import Input

from store import actions, meetings
from store.dates import today
from tui.format import short_date
from tui.screens.action_close import NoteDialog


def _open_from_earlier(db_path, store) -> list[dict]:
    """Open actions raised at meetings before today's, soonest due first, read from the file."""
    return actions_on_disk(
        db_path, "status = 'open' AND meeting_id IN (SELECT id FROM meetings WHERE date < ?)",
        (today().isoformat(),), order="due_date IS NULL, due_date, created_at, id")


async def test_matters_arising_lists_open_actions_from_earlier_meetings_and_not_closed_ones(
        db_path, demo_store, app) -> None:
    expected = _open_from_earlier(db_path, demo_store)
    closed = actions_on_disk(db_path, "status != 'open'")
    assert expected and closed  # the demo has both, so the test means something
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        listed = row_ids(view.matters)
        assert listed == [a["id"] for a in expected]
        assert not set(listed) & {a["id"] for a in closed}
        for index, action in enumerate(expected):
            status, description, who, raised, due = cells(view.matters, index)
            assert status == "○ Open"
            assert description == action["description"]
            owners = [o["name"] for o in actions.get_action(demo_store, action["id"])["owners"]]
            assert who == " and ".join(owners)
            raised_at = demo_store.one("SELECT date FROM meetings WHERE id = ?", (action["meeting_id"],))[0]
            assert raised == short_date(raised_at)
            # Overdue is said in words with a symbol, not only in colour.
            assert ("⚠ Overdue" in due) == (action["due_date"] < today().isoformat())
        drawn = [view.matters.render_line(y).text for y in range(1, len(expected) + 1)]
        assert sum("⚠ Overdue" in line for line in drawn) == sum(
            a["due_date"] < today().isoformat() for a in expected) >= 1


async def test_the_line_under_the_lists_spells_out_the_action_under_the_cursor(demo_store, db_path, app) -> None:
    first = _open_from_earlier(db_path, demo_store)[0]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        detail = shown(view.query_one("#action-detail"))
        assert detail.startswith(first["description"] + "\n")
        raised = demo_store.one("SELECT title, date FROM meetings WHERE id = ?", (first["meeting_id"],))
        assert f"Raised at: {raised['title']}, {short_date(raised['date'])}" in detail


async def test_marking_done_records_it_at_this_meeting_and_it_leaves_the_next_meetings_list(
        db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    first = _open_from_earlier(db_path, demo_store)[0]
    later = meetings.create_meeting(demo_store, {"title": "Winter network meeting", "kind": "network",
                                                 "date": "2026-12-20", "mode": "in_person"})
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "Letter sent on 3 November")
        await pilot.press("enter")
        await pilot.pause()
        on_disk = action_on_disk(db_path, first["id"])
        assert on_disk["status"] == "done"
        assert on_disk["status_note"] == "Letter sent on 3 November"
        assert on_disk["closed_meeting_id"] == meeting
        # It stays on this meeting's list (for its minutes), marked in words.
        assert cells(view.matters, 0)[0] == "✓ Done"
        assert "Marked done." in notifications(app)
        await pilot.press("escape")
        await pilot.pause()
        view = await open_actions_tab(pilot, later)
        listed = row_ids(view.matters)
        assert first["id"] not in listed
        assert listed == [a["id"] for a in _open_from_earlier(db_path, demo_store)]


async def test_done_needs_no_note(db_path, demo_store, app) -> None:
    first = _open_from_earlier(db_path, demo_store)[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_actions_tab(pilot)
        await pilot.press("d", "enter")
        await pilot.pause()
        on_disk = action_on_disk(db_path, first["id"])
        assert (on_disk["status"], on_disk["status_note"]) == ("done", None)


async def test_dropping_refuses_an_empty_note_then_records_the_reason_at_this_meeting(
        db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    target = _open_from_earlier(db_path, demo_store)[1]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("enter")
        await pilot.pause()
        # Still asking, with the reason it can't go on; nothing written.
        assert isinstance(app.screen, NoteDialog)
        assert shown(app.screen.query_one("#note-error")) == "Say why it was dropped."
        assert action_on_disk(db_path, target["id"])["status"] == "open"
        await type_text(pilot, "The venue list is kept by the council now")
        await pilot.press("enter")
        await pilot.pause()
        on_disk = action_on_disk(db_path, target["id"])
        assert on_disk["status"] == "dropped"
        assert on_disk["status_note"] == "The venue list is kept by the council now"
        assert on_disk["closed_meeting_id"] == meeting
        assert cells(view.matters, 1)[0] == "✗ Dropped"
        assert "Dropped because: The venue list is kept by the council now" in shown(view.query_one("#action-detail"))


async def test_escape_from_the_note_changes_nothing(db_path, demo_store, app) -> None:
    first = _open_from_earlier(db_path, demo_store)[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_actions_tab(pilot)
        await pilot.press("x")
        await pilot.pause()
        await type_text(pilot, "half a reason")
        await pilot.press("escape")
        await pilot.pause()
        assert action_on_disk(db_path, first["id"])["status"] == "open"


async def test_u_opens_a_closed_action_again_and_it_stays_listed(db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    first = _open_from_earlier(db_path, demo_store)[0]
    actions.close_action(demo_store, first["id"], "done", "Done by phone", meeting)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        assert cells(view.matters, 0)[0] == "✓ Done"
        await pilot.press("u")
        await pilot.pause()
        on_disk = action_on_disk(db_path, first["id"])
        assert (on_disk["status"], on_disk["status_note"], on_disk["closed_meeting_id"]) == ("open", None, None)
        assert cells(view.matters, 0)[0] == "○ Open"


async def test_done_twice_says_so_and_writes_nothing_more(db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    first = _open_from_earlier(db_path, demo_store)[0]
    actions.close_action(demo_store, first["id"], "done", "", meeting)
    before = action_on_disk(db_path, first["id"])
    async with app.run_test(size=SIZE) as pilot:
        await open_actions_tab(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        assert "This action is done already. Press u to open it again." in notifications(app)
        assert action_on_disk(db_path, first["id"]) == before


async def test_this_meetings_actions_list_starts_empty_and_says_how_to_add(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        assert view.raised_table.total == 0
        assert "No actions yet. Press Ctrl+N to add one." in view.raised_table.render_line(1).text
        # The filter box of the register is not in the way of the keys here.
        assert not isinstance(app.focused, Input)


async def test_f8_from_the_register_opens_the_actions_tab_ready_for_keys(db_path, demo_store, app) -> None:
    from drive import open_today

    first = _open_from_earlier(db_path, demo_store)[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f8")
        await pilot.pause()
        view = app.screen.query_one("#actions-view")
        assert app.focused is view.matters
        assert view.matters.current["id"] == first["id"]


async def test_palette_on_the_actions_tab_names_its_keys(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_actions_tab(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("New action (Ctrl+N)", "Mark done (d)", "Drop (x)", "Open again (u)", "Actions (F8)"):
            assert title in titles


async def test_an_action_done_today_from_the_network_list_shows_as_done_on_todays_tab(
        db_path, demo_store, app) -> None:
    first = _open_from_earlier(db_path, demo_store)[0]
    actions.close_action(demo_store, first["id"], "done", "Sorted by phone")  # at no meeting
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        assert row_ids(view.matters)[0] == first["id"]
        assert cells(view.matters, 0)[0] == "✓ Done"
        assert "Done: Sorted by phone" in shown(view.query_one("#action-detail"))
