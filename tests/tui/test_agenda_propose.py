"""The "Propose an item" form: from the Agenda tab and from the palette, with messages beside the boxes."""

from __future__ import annotations

from drive import SIZE, count_rows, fill, member_id, shown, todays_meeting, type_text
from drive_agenda import item_on_disk, open_agenda, titles, today_agenda
from textual.widgets import Select

from tui.screens.dialogs import ChoiceDialog
from tui.screens.item_dialogs import SentDialog
from tui.screens.propose_form import ProposeForm

TITLE = "Quiet room at the venue"


def _items(db_path, meeting: str) -> int:
    return count_rows(db_path, "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ?", (meeting,))


async def _open_form(pilot) -> ProposeForm:
    await open_agenda(pilot)
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProposeForm)
    return pilot.app.screen


async def _choose_proposer(pilot, text: str) -> None:
    await fill(pilot, "#field-proposer_id", text)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_member_proposes_an_item_and_is_told_what_happens_next(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot)
        assert "Propose an item for Network meeting on Sunday 22 November 2026 10:30–13:00" in shown(
            form.query_one(".item-form-heading"))
        await fill(pilot, "#field-title", TITLE)
        form.query_one("#field-kind", Select).focus()
        await pilot.press("enter", "up", "enter")  # from "discussion" up to "decision"
        await fill(pilot, "#field-minutes_asked", "15")
        form.query_one("#field-summary").focus()
        await type_text(pilot, "Some of us need somewhere calm to go.")
        await _choose_proposer(pilot, "carys jen")
        assert shown(form.query_one(".picker-chosen")).startswith("Chosen: Carys Jenkins")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SentDialog)
        assert shown(app.screen.query_one("#sent-heading")) == (
            f"Thank you. “{TITLE}” is sent for Network meeting on Sunday 22 November 2026 10:30–13:00.")
        assert "will say why" in shown(app.screen.query_one("#sent-detail"))
        on_disk = item_on_disk(db_path, today.meeting, TITLE)
        assert {k: on_disk[k] for k in ("kind", "minutes_asked", "summary", "status", "source", "proposer_id")} == {
            "kind": "decision", "minutes_asked": 15, "summary": "Some of us need somewhere calm to go.",
            "status": "proposed", "source": "member", "proposer_id": member_id(demo_store, "Carys Jenkins")}
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one("AgendaView")
        assert titles(view, "proposals") == today.waiting + [TITLE]
        assert view.table.item["display_title"] == TITLE


async def test_an_empty_title_is_refused_beside_the_title(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    before = _items(db_path, meeting)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot)
        await _choose_proposer(pilot, "carys jen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form.query_one("#error-title")) == "Give the item a title."
        assert app.focused is form.query_one("#field-title")
        assert _items(db_path, meeting) == before


async def test_zero_minutes_are_refused_beside_the_minutes(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    before = _items(db_path, meeting)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot)
        await fill(pilot, "#field-title", TITLE)
        await fill(pilot, "#field-minutes_asked", "0")
        await _choose_proposer(pilot, "carys jen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-minutes_asked")) == "Ask for at least 1 minute."
        assert shown(form.query_one("#error-title")) == ""
        assert _items(db_path, meeting) == before


async def test_more_minutes_than_the_meeting_has_are_refused(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    before = _items(db_path, meeting)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot)
        await fill(pilot, "#field-title", TITLE)
        await fill(pilot, "#field-minutes_asked", "200")
        await _choose_proposer(pilot, "carys jen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-minutes_asked")) == (
            "The meeting is only 150 minutes long. Ask for 150 minutes or less.")
        assert _items(db_path, meeting) == before


async def test_a_proposal_needs_someone_to_propose_it(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    before = _items(db_path, meeting)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot)
        await fill(pilot, "#field-title", TITLE)
        # A name typed but not chosen from the list is no one.
        await fill(pilot, "#field-proposer_id", "carys")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-proposer_id")) == "Choose who proposed this item."
        assert app.focused is form.query_one("#field-proposer_id")
        assert _items(db_path, meeting) == before


async def test_the_palette_offers_propose_an_item_and_asks_which_meeting(demo_store, db_path, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Propose an item")
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        # Only meetings to come that are not closed.
        assert [code for code, _text in app.screen.choices] == [meeting]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProposeForm)
        assert app.screen.meeting_id == meeting
        await fill(pilot, "#field-title", TITLE)
        await _choose_proposer(pilot, "carys jen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert item_on_disk(db_path, meeting, TITLE)["status"] == "proposed"
        assert app.screen.__class__.__name__ == "HomeScreen"
