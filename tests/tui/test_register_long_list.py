"""A register longer than one page: rows show at once, the total is counted in the background."""

from __future__ import annotations

import pytest

from store import attendance, meetings
from store.db import open_store
from store.demo import create_demo
from tui.app import CoprodApp
from tui.screens.meeting import MeetingScreen
from tui.widgets.paged_table import PAGE
from tui.widgets.register_view import RegisterTable


@pytest.fixture
def big_store(db_path):
    store = open_store(db_path)
    create_demo(store, seed=3, members=400)
    yield store
    store.close()


async def test_broad_search_counts_every_match_in_the_background(big_store):
    meeting = meetings.upcoming(big_store)[0]["id"]
    expected = attendance.register_size(big_store, meeting, "a")
    assert expected > PAGE, "the search must match more than one page for this test"
    app = CoprodApp(big_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one(RegisterTable)
        assert table.current is not None and "a" in (table.current["name"] + (table.current["organisation"] or "")).lower()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.total == expected and not table.counting
        assert f"of {expected:,}" in table.position_text()
        await pilot.press("enter", "end")
        await pilot.pause()
        assert table.cursor == expected - 1, "End reaches the last match once counted"


async def test_a_stale_count_never_replaces_the_newer_one(big_store):
    meeting = meetings.upcoming(big_store)[0]["id"]
    app = CoprodApp(big_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        await pilot.press("a", "n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(RegisterTable)
        assert table.total == attendance.register_size(big_store, meeting, "an")


async def test_marking_down_the_list_turns_most_of_a_page_at_the_bottom_and_keeps_the_last_rows_in_view(big_store):
    meeting = meetings.upcoming(big_store)[0]["id"]
    meetings.set_status(big_store, meeting, "open")
    app = CoprodApp(big_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        table = app.screen.query_one(RegisterTable)
        table.focus()
        await pilot.pause()
        height = table.rows_visible
        keep = max(2, height // 4)
        marked = []
        for _ in range(height):  # the last of these steps walks off the bottom
            marked.append(table.current["member_id"])
            await pilot.press("p")
            await pilot.pause()
        assert table.cursor == height
        assert table.top == height - keep, "one step off the bottom turns most of a page, not one row"
        on_screen = [table.row_at(table.top + i)["member_id"] for i in range(keep)]
        assert on_screen == marked[-keep:], "the rows just marked stay in view to check"
        assert all(attendance.register_entry(big_store, meeting, m)["status"] == "present" for m in marked)
        # Walking back up past the top turns the page back the same way.
        for _ in range(keep + 1):
            await pilot.press("up")
        await pilot.pause()
        assert table.cursor == height - keep - 1
        assert table.top == max(0, table.cursor - height + 1 + keep)
        assert table.top <= table.cursor < table.top + height
