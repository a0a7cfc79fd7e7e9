"""The network's open actions: reached from home and the palette, found by typing or by owner, closed."""

from __future__ import annotations

from drive import SIZE, fill, member_id, notifications, shown, type_text
from drive_actions import action_on_disk, actions_on_disk, cells, owners_on_disk, row_ids
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from store.dates import today
from tui.screens.action_close import NoteDialog
from tui.screens.action_form import ActionForm
from tui.screens.actions import ActionsScreen, OwnerDialog
from tui.screens.home import HomeScreen
from tui.widgets.actions_view import ActionsTable

SOONEST_FIRST = "due_date IS NULL, due_date, created_at, id"


async def _open_list(pilot) -> ActionsTable:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionsScreen)
    return pilot.app.screen.query_one(ActionsTable)


async def test_a_on_home_lists_every_open_action_soonest_due_with_overdue_in_words(db_path, app) -> None:
    expected = actions_on_disk(db_path, "status = 'open'", order=SOONEST_FIRST)
    assert len(expected) >= 2
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        assert row_ids(table) == [a["id"] for a in expected]
        for index, action in enumerate(expected):
            description, who, _raised, due = cells(table, index)
            assert description == action["description"]
            assert who == " and ".join(owners_on_disk(db_path, action["id"]))
            assert ("⚠ Overdue" in due) == (action["due_date"] < today().isoformat())
        assert "Everyone's open actions" in shown(app.screen.query_one("#actions-filter-line"))
        assert app.focused is app.screen.query_one("#action-filter", Input)


async def test_typing_narrows_the_list_to_actions_whose_words_match(db_path, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        await type_text(pilot, "HEARING loop")
        await pilot.pause()
        expected = actions_on_disk(db_path, "status = 'open' AND description LIKE '%hearing loop%'",
                                   order=SOONEST_FIRST)
        assert expected
        assert row_ids(table) == [a["id"] for a in expected]
        await type_text(pilot, "s that fly")
        await pilot.pause()
        assert table.total == 0
        assert "No open actions match." in table.render_line(1).text


async def test_f5_shows_one_owners_actions_then_everyones_again(db_path, demo_store, app) -> None:
    priya = member_id(demo_store, "Priya Chen")
    everyone = actions_on_disk(db_path, "status = 'open'", order=SOONEST_FIRST)
    hers = actions_on_disk(
        db_path, "status = 'open' AND id IN (SELECT action_id FROM action_owners WHERE member_id = ? "
        "AND deleted_at IS NULL)", (priya,), order=SOONEST_FIRST)
    assert 0 < len(hers) < len(everyone)
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, OwnerDialog)
        await type_text(pilot, "priya")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert row_ids(table) == [a["id"] for a in hers]
        assert all("Priya Chen" in cells(table, i)[1] for i in range(table.total))
        assert shown(app.screen.query_one("#actions-filter-line")).startswith("Open actions for Priya Chen.")
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("down", "enter")  # "Everyone" is offered first
        await pilot.pause()
        assert row_ids(table) == [a["id"] for a in everyone]


async def test_the_owner_filter_offers_members_only(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        total = table.total
        await pilot.press("f5")
        await pilot.pause()
        await type_text(pilot, "Zebedee Nobody")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)] == ["Everyone"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OwnerDialog)
        assert shown(app.screen.query_one("#owner-error")) == "No member is called “Zebedee Nobody”."
        await pilot.press("escape")
        await pilot.pause()
        assert table.total == total


async def test_typing_and_owner_filter_work_together(db_path, demo_store, app) -> None:
    priya = member_id(demo_store, "Priya Chen")
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        await pilot.press("f5")
        await pilot.pause()
        await type_text(pilot, "priya")
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, "#action-filter", "council")
        await pilot.pause()
        expected = actions_on_disk(
            db_path, "status = 'open' AND description LIKE '%council%' AND id IN "
            "(SELECT action_id FROM action_owners WHERE member_id = ? AND deleted_at IS NULL)", (priya,),
            order=SOONEST_FIRST)
        assert row_ids(table) == [a["id"] for a in expected]


async def test_done_on_the_list_is_recorded_at_no_meeting_and_the_action_leaves(db_path, app) -> None:
    first = actions_on_disk(db_path, "status = 'open'", order=SOONEST_FIRST)[0]
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        total = table.total
        await pilot.press("down")  # from the find box into the list
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("enter")
        await pilot.pause()
        on_disk = action_on_disk(db_path, first["id"])
        assert (on_disk["status"], on_disk["closed_meeting_id"]) == ("done", None)
        assert on_disk["closed_at"] is not None
        assert table.total == total - 1
        assert first["id"] not in row_ids(table)
        assert "Marked done." in notifications(app)


async def test_x_on_the_list_needs_a_reason(db_path, app) -> None:
    first = actions_on_disk(db_path, "status = 'open'", order=SOONEST_FIRST)[0]
    async with app.run_test(size=SIZE) as pilot:
        await _open_list(pilot)
        await pilot.press("down", "x", "enter")
        await pilot.pause()
        assert shown(app.screen.query_one("#note-error")) == "Say why it was dropped."
        assert action_on_disk(db_path, first["id"])["status"] == "open"
        await type_text(pilot, "No longer needed")
        await pilot.press("enter")
        await pilot.pause()
        on_disk = action_on_disk(db_path, first["id"])
        assert (on_disk["status"], on_disk["status_note"], on_disk["closed_meeting_id"]) == (
            "dropped", "No longer needed", None)


async def test_enter_on_the_list_opens_the_action_form_and_saves_a_new_due_date(db_path, app) -> None:
    first = actions_on_disk(db_path, "status = 'open'", order=SOONEST_FIRST)[0]
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await fill(pilot, "#field-due_date", "30/01/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert action_on_disk(db_path, first["id"])["due_date"] == "2027-01-30"
        assert first["id"] in row_ids(table)


async def test_palette_opens_the_open_actions_list(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Open actions" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "open actions")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_n_on_the_list_adds_an_action_that_belongs_to_no_meeting(db_path, demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_list(pilot)
        total = table.total
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert not form.query("#field-item_id")  # no meeting, so no agenda item to choose
        await type_text(pilot, "Renew the hall booking")
        await fill(pilot, "#field-owners", "priya")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        saved = actions_on_disk(db_path, "description = 'Renew the hall booking'")
        assert [(a["meeting_id"], a["item_id"], a["status"]) for a in saved] == [(None, None, "open")]
        assert owners_on_disk(db_path, saved[0]["id"]) == ["Priya Chen"]
        assert table.total == total + 1
        index = row_ids(table).index(saved[0]["id"])
        assert cells(table, index)[2] == "Between meetings"
