"""A network with hundreds of open actions: both lists page from the database and count in the background."""

from __future__ import annotations

import pytest
from drive import SIZE, count_rows, member_id, todays_meeting
from drive_actions import actions_on_disk, open_actions_tab

from store import actions, meetings
from store.dates import today
from tui.screens.actions import ActionsScreen
from tui.widgets.actions_view import ActionsTable
from tui.widgets.paged_table import PAGE

EXTRA = PAGE * 2 + 13  # more than two pages


@pytest.fixture
def busy_network(demo_store) -> str:
    """Add many open actions, raised at the first meeting of the demo; return that meeting's id."""
    first = meetings.recent(demo_store, limit=10)[-1]["id"]
    owner = member_id(demo_store, "Priya Chen")
    for n in range(EXTRA):
        actions.add_action(demo_store, {"description": f"Follow up point {n:03d}", "owners": [owner],
                                        "due_date": f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}", "meeting_id": first})
    return first


async def test_matters_arising_pages_through_hundreds_of_actions_to_the_last(
        db_path, demo_store, busy_network, app) -> None:
    # One is marked done at today's meeting: it stays on today's list, and is counted.
    meeting = todays_meeting(demo_store)
    closed = actions_on_disk(db_path, "meeting_id = ? AND status = 'open'", (busy_network,))[0]
    actions.close_action(demo_store, closed["id"], "done", "", meeting)
    expected = actions_on_disk(
        db_path, "meeting_id IN (SELECT id FROM meetings WHERE date < ?) AND (status = 'open' "
        "OR closed_meeting_id = ?)", (today().isoformat(), meeting), order="due_date IS NULL, due_date, created_at, id")
    assert closed["id"] in [a["id"] for a in expected]
    assert len(expected) > EXTRA
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.matters.total == len(expected)
        assert f"of {len(expected):,}" in view.matters.render_line(0).text
        await pilot.press("end")
        await pilot.pause()
        assert view.matters.cursor == len(expected) - 1
        assert view.matters.current["id"] == expected[-1]["id"]


async def test_the_network_list_counts_every_open_action_and_reaches_the_last(db_path, busy_network, app) -> None:
    total = count_rows(db_path, "SELECT COUNT(*) FROM actions WHERE status = 'open' AND deleted_at IS NULL")
    last = actions_on_disk(db_path, "status = 'open'", order="due_date IS NULL, due_date, created_at, id")[-1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(ActionsTable)
        assert table.total == total
        await pilot.press("down", "end")
        await pilot.pause()
        assert table.current["id"] == last["id"]
