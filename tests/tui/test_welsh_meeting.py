"""A whole meeting run in Welsh from the keyboard: register, agenda with minutes, an action, claims, closing."""

from __future__ import annotations

from drive import (
    SIZE, attendance_on_disk, counts_line, fill, open_today, register_table, row_cells, shown, type_text,
)
from drive_agenda import cursor_to, item_on_disk, line, today_agenda
from drive_claims import be, claims_on_disk, own_settings, staff
from textual.widgets import Input

from store import meetings
from store.i18n import set_language
from tui.screens.action_form import ActionForm
from tui.screens.claim_dialogs import FieldsDialog, MessageDialog
from tui.screens.close_meeting import CloseMeetingDialog
from tui.screens.minutes_editor import MinutesEditor
from tui.widgets.actions_view import ActionsView
from tui.widgets.agenda_view import AgendaView

from screen_text import screen_text

__all__ = ["own_settings"]


async def test_a_whole_meeting_run_in_welsh(db_path, demo_store, open_meeting, app) -> None:
    set_language("cy")
    be(demo_store, staff(demo_store, 1))
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        # The register: mark the first two people present.
        await open_today(pilot)
        await pilot.press("down")
        table = register_table(app)
        first = table.current
        await pilot.press("p")
        second = table.current
        await pilot.press("p")
        await pilot.pause()
        for person in (first, second):
            assert attendance_on_disk(db_path, open_meeting, person["member_id"])["status"] == "present"
        assert row_cells(table, 0)[0] == "✓ Yn bresennol"
        assert counts_line(app).startswith("Yn bresennol 2 · Ymddiheuriadau 0")

        # The agenda: start the first item, write its minutes and decision, move on to the next.
        await pilot.press("f7")
        await pilot.pause()
        view = app.screen.query_one(AgendaView)
        await cursor_to(pilot, view, today.order[0])
        await pilot.press("s")
        await pilot.pause()
        assert item_on_disk(db_path, open_meeting, "welcome")["started_at"] is not None
        assert line(app, "#agenda-timer").startswith("▶ ")
        assert "On now" not in line(app, "#agenda-timer")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesEditor)
        await type_text(pilot, "Croeso i bawb.")
        await pilot.press("tab")
        await type_text(pilot, "Cytunwyd ar y drefn.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app.screen.query_one("#minutes-status")).startswith("Wedi cadw am 10:40.")
        await pilot.press("escape")
        await pilot.pause()
        item = item_on_disk(db_path, open_meeting, "welcome")
        assert (item["notes"], item["decision"]) == ("Croeso i bawb.", "Cytunwyd ar y drefn.")
        await pilot.press("n")
        await pilot.pause()
        assert item_on_disk(db_path, open_meeting, "welcome")["ended_at"] is not None

        # An action with an owner and a due date.
        await pilot.click("#--content-tab-tab-actions")
        await pilot.pause()
        assert isinstance(app.screen.query_one(ActionsView), ActionsView)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Archebu dolen sain")
        await fill(pilot, "#field-owners", first["name"].split()[0].lower())
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        await fill(pilot, "#field-due_date", "14/03/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_store.one("SELECT COUNT(*) FROM actions WHERE description = 'Archebu dolen sain' "
                              "AND due_date = '2027-03-14'")[0] == 1
        assert "Archebu dolen sain" in screen_text(app)

        # Claims drafted from the register, in Welsh.
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, FieldsDialog)
        assert app.focused is app.screen.query_one("#field-hours", Input)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        said = shown(app.screen.query_one("#message-text"))
        made = len(claims_on_disk(db_path, open_meeting))
        assert made >= 1
        assert said.splitlines()[0] == ("Crëwyd 1 hawliad drafft." if made == 1 else f"Crëwyd {made} hawliad drafft.")
        await pilot.press("enter")
        await pilot.pause()

        # Close the meeting, marking the rest absent.
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CloseMeetingDialog)
        assert "Cau'r cyfarfod hwn?" in screen_text(app)
        await pilot.click("#absent")
        await pilot.pause()
        assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"
        assert demo_store.one("SELECT COUNT(*) FROM attendance WHERE meeting_id = ? AND status = 'absent'",
                              (open_meeting,))[0] > 0
