"""F6 to F9 change the meeting's tab from wherever the focus is, and never reach the box being typed in."""

from __future__ import annotations

from drive import SIZE, find, open_today
from textual.widgets import Input, TabbedContent

from tui.widgets.actions_view import ActionsView
from tui.widgets.agenda_view import AgendaView
from tui.widgets.claims_view import ClaimsView


def _tab(app) -> str:
    return app.screen.query_one("#meeting-tabs", TabbedContent).active


async def test_tab_keys_work_from_the_find_box_and_leave_what_was_typed(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await find(pilot, "jo")
        box = app.screen.query_one("#filter", Input)
        assert box.value == "jo"

        await pilot.press("f7")
        await pilot.pause()
        assert _tab(app) == "tab-agenda"
        assert app.focused is app.screen.query_one(AgendaView).table

        await pilot.press("f8")
        await pilot.pause()
        assert _tab(app) == "tab-actions"
        assert app.screen.query_one(ActionsView) in app.focused.ancestors_with_self

        await pilot.press("f9")
        await pilot.pause()
        assert _tab(app) == "tab-claims"
        assert app.screen.query_one(ClaimsView) in app.focused.ancestors_with_self

        await pilot.press("f6")
        await pilot.pause()
        assert _tab(app) == "tab-register"
        assert app.focused is box
        assert box.value == "jo"
