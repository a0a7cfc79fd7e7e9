"""Saving attendance from the meeting screen (F4) writes a real file in a worker."""

from __future__ import annotations

import csv

from openpyxl import load_workbook
from textual.widgets import Input, RadioButton

from store import meetings
from tui.app import CoprodApp
from tui.screens.export_dialog import ExportDialog
from tui.screens.meeting import MeetingScreen


async def _export(demo_store, target, use_csv: bool):
    meeting = meetings.recent(demo_store)[0]["id"]
    app = CoprodApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        if use_csv:
            app.screen.query_one("#csv", RadioButton).value = True
            await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen), "the dialog closes once the file is saved"
    return meeting


async def test_f4_saves_this_meetings_attendance_as_xlsx(demo_store, tmp_path):
    target = tmp_path / "meeting.xlsx"
    meeting = await _export(demo_store, target, use_csv=False)
    sheet = load_workbook(target)["Attendance"]
    ids = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids == {meeting}
    assert sheet.max_row - 1 == demo_store.one("SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (meeting,))[0]


async def test_f4_saves_csv_when_chosen(demo_store, tmp_path):
    target = tmp_path / "meeting.csv"
    meeting = await _export(demo_store, target, use_csv=True)
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0][0] == "meeting_id" and {r[0] for r in rows[1:]} == {meeting}


async def test_saving_into_a_missing_folder_says_so_and_stays_open(demo_store, tmp_path):
    meeting = meetings.recent(demo_store)[0]["id"]
    app = CoprodApp(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "nowhere" / "a.xlsx")
        await pilot.click("#save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "no folder" in str(app.screen.query_one("#export-error").render())
    assert not (tmp_path / "nowhere").exists()
