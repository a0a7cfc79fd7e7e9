"""The action form: owners found by typing (members only), a due date that may have passed, the item it came from."""

from __future__ import annotations

from drive import SIZE, count_rows, fill, member_id, notifications, shown, todays_meeting, type_text
from drive_actions import action_on_disk, actions_on_disk, cells, open_actions_tab, owners_on_disk
from textual.widgets import Input, OptionList, Select

from store import actions
from tui.screens.action_form import ActionForm
from tui.widgets.actions_view import ActionsView


async def _new_action_form(pilot) -> ActionForm:
    view = await open_actions_tab(pilot)
    assert isinstance(view, ActionsView)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionForm)
    return pilot.app.screen


async def _choose_owner(pilot, text: str) -> None:
    await fill(pilot, "#field-owners", text)
    await pilot.pause()
    await pilot.press("down", "enter")
    await pilot.pause()


def _chosen(form: ActionForm) -> list[str]:
    listing = form.query_one("#owners-chosen", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_adding_an_action_with_two_owners_and_a_due_date(db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        assert app.focused is form.query_one("#field-description", Input)
        await type_text(pilot, "Book a hearing loop for the spring meeting")
        await _choose_owner(pilot, "priya")
        await _choose_owner(pilot, "carys jen")
        assert _chosen(form) == ["Priya Chen", "Carys Jenkins"]
        await fill(pilot, "#field-due_date", "14/03/2027")
        assert shown(form.query_one("#warning-due_date")) == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen.query_one(ActionsView), ActionsView)
        saved = actions_on_disk(db_path, "meeting_id = ?", (meeting,))
        assert len(saved) == 1
        action = saved[0]
        assert action["description"] == "Book a hearing loop for the spring meeting"
        assert action["due_date"] == "2027-03-14"
        assert (action["status"], action["item_id"]) == ("open", None)
        assert owners_on_disk(db_path, action["id"]) == ["Carys Jenkins", "Priya Chen"]
        # It shows under this meeting's actions, with the cursor on it.
        view = app.screen.query_one(ActionsView)
        assert app.focused is view.raised_table
        assert cells(view.raised_table, 0) == [
            "○ Open", "Book a hearing loop for the spring meeting", "Carys Jenkins and Priya Chen", "",
            "Sun 14 Mar 2027"]
        assert "Action added." in notifications(app)


async def test_a_due_date_in_the_past_warns_and_still_saves(db_path, demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await type_text(pilot, "Send the minutes out")
        await _choose_owner(pilot, "priya")
        await fill(pilot, "#field-due_date", "01/11/2026")
        await pilot.pause()
        assert shown(form.query_one("#warning-due_date")) == "The due date has passed. You can still save it."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm)
        assert "The due date has passed." in notifications(app)
        saved = actions_on_disk(db_path, "description = 'Send the minutes out'")
        assert [a["due_date"] for a in saved] == ["2026-11-01"]
        view = app.screen.query_one(ActionsView)
        assert cells(view.raised_table, 0)[4] == "Sun 1 Nov 2026 ⚠ Overdue"


async def test_a_name_that_is_no_member_cannot_be_chosen_and_nothing_is_saved(db_path, demo_store, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM actions")
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await type_text(pilot, "Ring the venue")
        await fill(pilot, "#field-owners", "Zebedee Nobody")
        await pilot.pause()
        assert form.query_one("#owner-finder OptionList", OptionList).option_count == 0
        await pilot.press("enter")
        await pilot.pause()
        assert _chosen(form) == []
        assert shown(form.query_one("#error-owners")).startswith("No member is called “Zebedee Nobody”.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert shown(form.query_one("#error-owners")) == "Choose who will do this."
        assert app.focused is form.query_one("#field-owners", Input)
        assert count_rows(db_path, "SELECT COUNT(*) FROM actions") == before


async def test_an_empty_description_is_refused_beside_the_field(db_path, demo_store, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM actions")
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await _choose_owner(pilot, "priya")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-description")) == "Say what needs doing."
        assert app.focused is form.query_one("#field-description", Input)
        assert count_rows(db_path, "SELECT COUNT(*) FROM actions") == before


async def test_a_date_that_is_not_a_date_is_refused_beside_the_field(db_path, demo_store, app) -> None:
    before = count_rows(db_path, "SELECT COUNT(*) FROM actions")
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await type_text(pilot, "Ring the venue")
        await _choose_owner(pilot, "priya")
        await fill(pilot, "#field-due_date", "31/02/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-due_date")) == "31/02/2027 is not a real date. Check the day and month."
        assert count_rows(db_path, "SELECT COUNT(*) FROM actions") == before


async def test_delete_takes_a_chosen_owner_off_before_saving(db_path, demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await type_text(pilot, "Ask the council for figures")
        await _choose_owner(pilot, "priya")
        await _choose_owner(pilot, "carys jen")
        form.query_one("#owners-chosen", OptionList).focus()
        await pilot.pause()
        await pilot.press("delete")  # the first, Priya Chen
        await pilot.pause()
        assert _chosen(form) == ["Carys Jenkins"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = actions_on_disk(db_path, "description = 'Ask the council for figures'")
        assert owners_on_disk(db_path, saved[0]["id"]) == ["Carys Jenkins"]


async def test_an_action_can_come_from_one_of_this_meetings_accepted_items(db_path, demo_store, app) -> None:
    from store import agenda

    order = agenda.agenda(demo_store, todays_meeting(demo_store))["order"]
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await type_text(pilot, "Find out about changing places toilets")
        await _choose_owner(pilot, "priya")
        choice = form.query_one("#field-item_id", Select)
        choice.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        listing = choice.query_one(OptionList)
        offered = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert offered == ["Not from an item", *(item["display_title"] for item in order)]
        await pilot.press("down", "down", "down", "down", "enter")  # the fourth accepted item
        await pilot.pause()
        assert choice.value == order[3]["id"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = actions_on_disk(db_path, "description = 'Find out about changing places toilets'")
        assert saved[0]["item_id"] == order[3]["id"]
        view = app.screen.query_one(ActionsView)
        assert cells(view.raised_table, 0)[3] == order[3]["display_title"]


async def test_enter_on_an_action_opens_it_in_the_same_form_and_saves_changes(db_path, demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    priya, carys = member_id(demo_store, "Priya Chen"), member_id(demo_store, "Carys Jenkins")
    action_id, _warnings = actions.add_action(demo_store, {
        "description": "Write to the bus company", "owners": [priya, carys], "due_date": "2027-01-10",
        "meeting_id": meeting})
    async with app.run_test(size=SIZE) as pilot:
        view = await open_actions_tab(pilot)
        await pilot.press("tab")  # on to this meeting's actions
        await pilot.pause()
        assert app.focused is view.raised_table
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#field-description", Input).value == "Write to the bus company"
        assert form.query_one("#field-due_date", Input).value == "10/01/2027"
        assert _chosen(form) == ["Carys Jenkins", "Priya Chen"]
        await fill(pilot, "#field-description", "Write to the bus company about carers' passes")
        form.query_one("#owners-chosen", OptionList).focus()
        await pilot.pause()
        await pilot.press("delete")  # Carys Jenkins
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_disk = action_on_disk(db_path, action_id)
        assert on_disk["description"] == "Write to the bus company about carers' passes"
        assert on_disk["due_date"] == "2027-01-10"
        assert owners_on_disk(db_path, action_id) == ["Priya Chen"]
        # The owner taken off is a tombstone, so the change travels in a sync.
        assert count_rows(db_path, "SELECT COUNT(*) FROM action_owners WHERE action_id = ? AND deleted_at IS NOT NULL",
                          (action_id,)) == 1
        assert cells(view.raised_table, 0)[1:3] == ["Write to the bus company about carers' passes", "Priya Chen"]


async def test_enter_on_an_empty_name_box_moves_on_once_someone_is_chosen(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await _new_action_form(pilot)
        await fill(pilot, "#field-owners", "")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(form.query_one("#error-owners")) == "Type part of a name first."
        await _choose_owner(pilot, "priya")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is form.query_one("#field-due_date", Input)
