"""The running order in the Agenda tab: moving items by keyboard, timeboxes, the overrun warning, the palette."""

from __future__ import annotations

from drive import SIZE, notifications, type_text
from drive_agenda import (
    BUS,
    as_on_disk,
    cursor_to,
    drawn,
    hours,
    item_on_disk,
    line,
    open_agenda,
    order_on_disk,
    titles,
    today_agenda,
)
from textual.command import CommandPalette
from textual.widgets import OptionList

from tui.screens.item_dialogs import AnswerDialog
from tui.widgets.agenda_table import AgendaTable
from tui.widgets.agenda_view import AgendaView

# --- moving items ----------------------------------------------------------------------------


async def test_ctrl_down_and_shift_up_move_an_item_and_the_new_order_is_on_disk(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    first, second, third = today.order[:3]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, first)
        await pilot.press("ctrl+down")
        expected = [second, first, third, *today.order[3:]]
        assert order_on_disk(db_path, today.meeting) == as_on_disk(expected)
        assert titles(view, "order") == expected
        await pilot.press("ctrl+down")
        expected = [second, third, first, *today.order[3:]]
        assert order_on_disk(db_path, today.meeting) == as_on_disk(expected)
        # The item keeps the cursor, and its new number is drawn.
        assert view.table.item["display_title"] == first
        assert any(text.startswith(f"▶ 3. {first}") for text in drawn(view))
        await pilot.press("shift+up")
        assert order_on_disk(db_path, today.meeting) == as_on_disk([second, first, third, *today.order[3:]])
        await pilot.press("ctrl+up")
        assert order_on_disk(db_path, today.meeting) == as_on_disk(today.order)
        assert any(text.startswith(f"▶ 1. {first}") for text in drawn(view))


async def test_the_first_item_does_not_move_up_into_the_proposals(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.order[0])
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert order_on_disk(db_path, today.meeting) == as_on_disk(today.order)
        assert titles(view, "order") == today.order
        assert view.table.item["display_title"] == today.order[0]


async def test_a_proposal_cannot_be_moved_until_accepted(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, BUS)
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert notifications(app)[-1] == "Only items on the running order can be moved. Accept the item first."
        assert titles(view, "proposals") == today.waiting
        assert order_on_disk(db_path, today.meeting) == as_on_disk(today.order)


async def test_the_move_survives_reopening_the_meeting(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.order[-2])
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.press("escape")
        await pilot.pause()
        view = await open_agenda(pilot)
        order = titles(view, "order")
        assert order.index(today.order[-2]) == len(today.order) - 4


# --- timeboxes and the total --------------------------------------------------------------------


async def test_t_gives_an_item_its_time_and_the_total_follows(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[1]
    before = today.items[item]["minutes_allowed"]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, item)
        await pilot.press("t")
        assert isinstance(app.screen, AnswerDialog)
        await type_text(pilot, "25")
        await pilot.press("enter")
        await pilot.pause()
        assert item_on_disk(db_path, today.meeting, as_on_disk([item])[0])["minutes_allowed"] == 25
        assert line(app, "#agenda-summary") == f"Agenda {hours(today.total - before + 25)} of 2 h 30 min"
        assert "25 min" in next(text for text in drawn(view) if item in text)


async def test_an_agenda_longer_than_the_meeting_is_flagged_in_words_and_a_symbol(demo_store, app) -> None:
    today = today_agenda(demo_store)
    item = today.order[1]
    new_total = today.total - today.items[item]["minutes_allowed"] + 120
    assert new_total > 150
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        summary = view.query_one("#agenda-summary")
        assert "⚠" not in line(app, "#agenda-summary") and not summary.has_class("-overrun")
        await cursor_to(pilot, view, item)
        await pilot.press("t")
        await type_text(pilot, "120")
        await pilot.press("enter")
        await pilot.pause()
        assert line(app, "#agenda-summary") == (
            f"Agenda {hours(new_total)} of 2 h 30 min · ⚠ Too long by {hours(new_total - 150)}: "
            "shorten items or move some to a later meeting")
        assert summary.has_class("-overrun")


# --- the command palette ----------------------------------------------------------------------------


async def test_the_palette_names_every_agenda_key(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        titles_offered = [c.title for c in app.get_system_commands(app.screen)]
        keys = {binding.id for binding in [*AgendaTable.BINDINGS, *AgendaView.BINDINGS]}
        assert len(keys) == 15
        expected = ["Accept (a)", "Decline (d)", "Later meeting (f)", "Join with another (g)", "Edit (e)",
                    "Time (t)", "Move up (Ctrl+↑)", "Move down (Ctrl+↓)", "Start (s)", "Next item (n)",
                    "Minutes (Enter)", "Interest (i)", "Take back an interest (w)", "Propose (p)",
                    "From the floor (Ctrl+N)"]
        for title in expected:
            assert title in titles_offered
        # The register's own keys are not offered while the agenda is showing.
        assert "Unmark (u)" not in titles_offered


async def test_a_palette_command_moves_the_item_under_the_cursor(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.order[0])
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "move down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        found = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert found[0].startswith("Move down (Ctrl+↓)")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert order_on_disk(db_path, today.meeting)[:2] == as_on_disk([today.order[1], today.order[0]])
