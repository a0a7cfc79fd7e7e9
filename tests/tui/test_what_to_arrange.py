"""The meeting screen's "What to arrange": the access needs of the people expected, added up, on the Details tab."""

from __future__ import annotations

from drive import SIZE, open_today, todays_meeting, type_text
from textual.widgets import Select

from store import attendance, meetings
from store.access_summary import Need, need_line, summary_lines, what_to_arrange
from tui.widgets.what_to_arrange import WhatToArrange


async def _open_what_to_arrange(pilot) -> WhatToArrange:
    """From the meeting screen, run "What to arrange" from the command palette and wait for the reading."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_text(pilot, "what to arrange")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(WhatToArrange)


def _bsl_people(store, meeting: str) -> list[str]:
    """The people expected at the meeting who need a BSL interpreter."""
    rows = attendance.register_rows(store, meeting, limit=-1)
    return [r["member_id"] for r in rows
            if r["status"] not in ("apologies", "absent") and any(n["kind"] == "bsl" for n in r["access_needs"])]


async def test_palette_shows_what_to_arrange_on_the_details_tab(demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        view = await _open_what_to_arrange(pilot)
        assert app.screen.query_one("#meeting-tabs").active == "tab-details"
        assert app.focused is view, "the keys scroll the list, so it has the focus"
        lines = view.shown_text.split("\n")
        assert lines[0] == "What to arrange"
        assert lines[1:] == summary_lines(what_to_arrange(demo_store, meeting))
        assert len(lines) > 3, "the demo network has access needs to show"


async def test_what_to_arrange_follows_the_register(demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    meetings.set_status(demo_store, meeting, "open")
    bsl = _bsl_people(demo_store, meeting)
    assert len(bsl) >= 2, "the demo network has people who need a BSL interpreter"
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        view = await _open_what_to_arrange(pilot)
        assert need_line(Need("bsl", len(bsl))) in view.shown_text.split("\n")
        # Someone sends apologies; back on the Details tab the count has gone down by one.
        await pilot.press("f6")
        await pilot.pause()
        attendance.mark(demo_store, meeting, bsl[0], "apologies")
        view = await _open_what_to_arrange(pilot)
        lines = view.shown_text.split("\n")
        assert need_line(Need("bsl", len(bsl) - 1)) in lines
        assert need_line(Need("bsl", len(bsl))) not in lines


async def test_changing_the_mode_to_remote_drops_the_needs_of_the_room(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        view = await _open_what_to_arrange(pilot)
        assert "Hearing loop: needed" in view.shown_text.split("\n")
        await pilot.press("f2")
        await pilot.pause()
        mode = app.screen.query_one("#field-mode", Select)
        assert mode.value == "hybrid"
        mode.focus()
        await pilot.pause()
        # The choices run in person, remote, hybrid: one up from hybrid is remote.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert mode.value == "remote"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = app.screen.query_one(WhatToArrange).shown_text.split("\n")
        assert "The meeting is remote, so nothing is needed in a room." in lines
        assert "Hearing loop: needed" not in lines
