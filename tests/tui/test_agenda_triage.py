"""Triage in the Agenda tab: accept, decline with a reason, move to a later meeting, join duplicates, edit."""

from __future__ import annotations

from drive import SIZE, fill, notifications, shown, type_text
from drive_agenda import (
    BUS,
    DUPLICATE,
    STANDING,
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
from textual.widgets import Input

from store import agenda, meetings
from tui.screens.dialogs import ChoiceDialog
from tui.screens.item_dialogs import AnswerDialog
from tui.screens.propose_form import EditItemForm

# --- what the tab shows ----------------------------------------------------------------


async def test_f7_opens_the_agenda_with_proposals_running_order_and_total(demo_store, app) -> None:
    today = today_agenda(demo_store)
    assert BUS in today.waiting and DUPLICATE in today.waiting
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        assert titles(view, "proposals") == today.waiting
        assert titles(view, "order") == today.order
        assert line(app, "#agenda-summary") == f"Agenda {hours(today.total)} of 2 h 30 min"
        screen = drawn(view)
        n = len(today.waiting)
        assert screen[1].strip() == f"Waiting for a decision: {n} items"
        assert screen[2 + n].strip() == f"Running order: {len(today.order)} items, {hours(today.total)}"
        # Each proposal shows its proposer, kind, the time asked and when it was proposed.
        bus = next(text for text in screen if BUS in text)
        for word in (today.proposer(BUS), "Decision", "20 min", "Proposed 10 Nov"):
            assert word in bus
        # Standing items show their name in words, numbered in the running order.
        assert screen[3 + n].startswith("  1. Welcome and introductions") and "Standing item" in screen[3 + n]


async def test_cursor_starts_on_the_oldest_proposal_and_the_detail_says_where_it_came_from(demo_store, app) -> None:
    today = today_agenda(demo_store)
    first = today.items[today.waiting[0]]
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        assert view.table.item["display_title"] == today.waiting[0] == today.carried
        detail = line(app, "#agenda-detail").splitlines()
        assert detail[0].startswith(f"{today.carried} · {first['kind'].title()} · proposed by "
                                    f"{first['proposer_name']}")
        assert detail[1].startswith("Moved here from Network meeting on ")
        assert detail[2] == "a accept · d decline · f later meeting · g join with another · e edit"


async def test_the_cursor_steps_over_the_headings(demo_store, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.waiting[-1])
        await pilot.press("down")
        assert view.table.item["display_title"] == "Welcome and introductions"
        await pilot.press("up")
        assert view.table.item["display_title"] == today.waiting[-1]


# --- accept ---------------------------------------------------------------------------------


async def test_accept_asks_for_minutes_offering_the_time_asked_and_puts_it_before_aob(
        demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, BUS)
        await pilot.press("a")
        assert isinstance(app.screen, AnswerDialog)
        assert app.screen.query_one("#answer", Input).value == "20"
        await pilot.press("enter")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, BUS)
        assert (on_disk["status"], on_disk["minutes_allowed"]) == ("accepted", 20)
        assert order_on_disk(db_path, today.meeting) == as_on_disk(today.order[:-1] + [BUS, "Any other business"])
        assert titles(view, "order")[-2:] == [BUS, "Any other business"]
        assert line(app, "#agenda-summary") == f"Agenda {hours(today.total + 20)} of 2 h 30 min"
        # Ready for the next decision: the cursor moved on to the next proposal.
        assert view.table.item["display_title"] == today.waiting[today.waiting.index(BUS) + 1]


async def test_accept_with_fewer_minutes_than_asked(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, BUS)
        await pilot.press("a")
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, BUS)
        assert (on_disk["minutes_allowed"], on_disk["minutes_asked"]) == (12, 20)


async def test_accept_refuses_zero_minutes_and_keeps_the_dialog_open(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, BUS)
        await pilot.press("a")
        await type_text(pilot, "0")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerDialog)
        assert shown(app.screen.query_one("#answer-error")) == "Ask for at least 1 minute."
        assert item_on_disk(db_path, today.meeting, BUS)["status"] == "proposed"


# --- decline ------------------------------------------------------------------------------------


async def test_decline_refuses_an_empty_reason(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.newest)
        await pilot.press("d")
        assert isinstance(app.screen, AnswerDialog)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerDialog)
        assert shown(app.screen.query_one("#answer-error")) == "Say why, so the member knows."
        on_disk = item_on_disk(db_path, today.meeting, today.newest)
        assert (on_disk["status"], on_disk["decline_reason"]) == ("proposed", None)
        await pilot.press("escape")
        await pilot.pause()
        assert titles(view, "proposals") == today.waiting


async def test_decline_with_a_reason_keeps_it_and_lists_the_item_under_not_on_this_agenda(
        demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    reason = "We talked about this in June"
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.newest)
        await pilot.press("d")
        await type_text(pilot, reason)
        await pilot.press("enter")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, today.newest)
        assert (on_disk["status"], on_disk["decline_reason"]) == ("declined", reason)
        assert today.newest not in titles(view, "proposals")
        assert titles(view, "other") == [today.newest]
        assert "✗ Declined" in next(text for text in drawn(view) if today.newest in text)
        await cursor_to(pilot, view, today.newest)
        assert line(app, "#agenda-detail").splitlines()[1] == f"✗ Declined: {reason}"


# --- defer and merge ------------------------------------------------------------------------------


def _later_meeting(store) -> str:
    return meetings.create_meeting(store, {"title": "Steering group", "kind": "steering", "date": "10/12/2026",
                                           "start_time": "10:00", "end_time": "12:00", "mode": "in_person"})


async def test_defer_moves_a_proposal_to_the_later_meeting_chosen_from_a_list(demo_store, db_path, app) -> None:
    today, later = today_agenda(demo_store), _later_meeting(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.newest)
        await pilot.press("f")
        assert isinstance(app.screen, ChoiceDialog)
        assert [code for code, _text in app.screen.choices] == [later, "__new__"]  # not this meeting, no past one
        await pilot.press("enter")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, today.newest)
        assert (on_disk["status"], on_disk["deferred_to"]) == ("deferred", later)
        carried = item_on_disk(db_path, later, today.newest)
        assert (carried["status"], carried["carried_from"]) == ("proposed", on_disk["id"])
        assert titles(view, "other") == [today.newest]
        assert "→ Moved to 10 Dec" in next(text for text in drawn(view) if today.newest in text)
        assert notifications(app)[-1].startswith(f"Moved “{today.newest}” to ")


async def test_merge_joins_a_duplicate_into_the_item_chosen_and_keeps_both_proposers(
        demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, DUPLICATE)
        await pilot.press("g")
        assert isinstance(app.screen, ChoiceDialog)
        choices = [code for code, _text in app.screen.choices]
        # Every other member's item is offered, proposals first; standing items are not.
        assert len(choices) == len(today.waiting) - 1 + len(today.order) - len(STANDING)
        await pilot.press(*["down"] * choices.index(today.items[BUS]["id"]), "enter")
        await pilot.pause()
        bus = item_on_disk(db_path, today.meeting, BUS)
        duplicate = item_on_disk(db_path, today.meeting, DUPLICATE)
        assert (duplicate["status"], duplicate["merged_into"]) == ("merged", bus["id"])
        assert [p["name"] for p in agenda.proposers(demo_store, bus["id"])] == [
            today.proposer(BUS), today.proposer(DUPLICATE)]
        assert titles(view, "proposals") == [t for t in today.waiting if t != DUPLICATE]
        assert f"{today.proposer(BUS)} and 1 more" in next(text for text in drawn(view) if BUS in text)


# --- edit -------------------------------------------------------------------------------------------


async def test_edit_changes_a_proposals_title_and_minutes(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, today.newest)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditItemForm)
        await fill(pilot, "#field-title", "Choosing a co-chair")
        await fill(pilot, "#field-minutes_asked", "25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, "Choosing a co-chair")
        assert (on_disk["id"], on_disk["minutes_asked"], on_disk["status"]) == (
            today.items[today.newest]["id"], 25, "proposed")
        assert view.table.item["display_title"] == "Choosing a co-chair"


async def test_a_standing_item_can_be_renamed_and_given_more_time_and_keeps_its_place(demo_store, db_path, app) -> None:
    today = today_agenda(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_agenda(pilot)
        await cursor_to(pilot, view, "Welcome and introductions")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).placeholder == "Welcome and introductions"
        await fill(pilot, "#field-title", "Welcome, and our new members")
        await fill(pilot, "#field-minutes_asked", "20")  # on the running order: the time it gets
        await pilot.press("ctrl+s")
        await pilot.pause()
        on_disk = item_on_disk(db_path, today.meeting, "welcome")
        assert (on_disk["title"], on_disk["minutes_allowed"]) == ("Welcome, and our new members", 20)
        assert titles(view, "order") == ["Welcome, and our new members"] + today.order[1:]
        before = today.items["Welcome and introductions"]["minutes_allowed"]
        assert line(app, "#agenda-summary") == f"Agenda {hours(today.total - before + 20)} of 2 h 30 min"
