"""No state is told by colour alone: every state cell of the register, agenda, actions and claims says it in words.

Each table is filled with every state it can show (through the store's own
commands), then read cell by cell and line by line as drawn. A coloured cell
must hold words or a symbol, the words must name the row's state, and two
cells that differ only in colour would fail: the colour may back the words up,
never replace them.
"""

from __future__ import annotations

import re
from typing import Any

from drive import SIZE, open_today
from drive_agenda import BUS, DUPLICATE, today_agenda

from store import actions, agenda, agenda_run, attendance, meetings, vocab
from tui.app import CoprodApp
from tui.screens import navigation
from tui.widgets.actions_view import MeetingActionsTable
from tui.widgets.agenda_table import AgendaTable
from tui.widgets.claims_view import ClaimsTable
from tui.widgets.paged_table import PagedTable
from tui.widgets.register_view import RegisterTable

# What the agenda's state column says for each state (its symbols differ too: ✗ → ⇢ ▶ ✓).
AGENDA_WORDS = {"proposed": "Proposed", "declined": "✗ Declined", "deferred": "→ Moved to",
                "merged": "⇢ Joined with another item", "on now": "▶ On now", "ended": "✓ Ended"}


def _cells(table: PagedTable, index: int) -> list[tuple[str, str]]:
    row = table.row_at(index)
    return [(c, "") if isinstance(c, str) else (c[0], c[1]) for c in table._cells(row)]


def _drawn(table: PagedTable, index: int) -> str:
    """Row `index` as the table draws it, scrolled into view first."""
    table.move_to(index)
    return table.render_line(index - table.top + 1).text


def assert_colour_only_backs_up_words(table: PagedTable) -> None:
    """Every coloured cell holds words or a symbol, and no two cells of a column differ by colour alone."""
    classes: dict[tuple[int, str], set[str]] = {}
    for index in range(table.total):
        if table.row_at(index).get("heading"):
            continue  # the agenda's part headings: a line of words across the table
        for column, (text, cls) in enumerate(_cells(table, index)):
            if cls and cls != "table--section":
                assert re.search(r"[^\W_]|[✓✗~·○●◔–⚠✎]", text), \
                    f"row {index}: a {cls} cell says nothing: {text!r}"
            classes.setdefault((column, text), set()).add(cls)
    same_words = {key: found for key, found in classes.items() if len(found) > 1}
    assert not same_words, f"cells told apart by colour alone: {same_words}"


def assert_states_in_words(table: PagedTable, column: int, words: dict[str, str], state_of) -> set[str]:
    """Each row's state cell, and its drawn line, says the words for its state; return the states seen."""
    seen = set()
    for index in range(table.total):
        state = state_of(table.row_at(index))
        if state is None:
            continue
        seen.add(state)
        text = _cells(table, index)[column][0]
        assert words[state] in text, f"row {index} is {state} but says {text!r}"
        assert words[state] in _drawn(table, index)
    return seen


async def test_register_states_are_words_and_symbols(demo_store, open_meeting) -> None:
    rows = attendance.register_rows(demo_store, open_meeting, limit=3)
    for row, status in zip(rows, ("present", "apologies", "absent")):
        attendance.mark(demo_store, open_meeting, row["member_id"], status)
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        table = app.screen.query_one(RegisterTable)
        assert_colour_only_backs_up_words(table)
        words = {code: vocab.ATTENDANCE_STATUSES[code] for code in vocab.ATTENDANCE_STATUSES}
        seen = assert_states_in_words(table, 0, words, lambda row: row["status"])
    assert seen == set(vocab.ATTENDANCE_STATUSES)


def _agenda_state(row: dict[str, Any]) -> str | None:
    if row.get("heading"):
        return None
    if row["status"] == "accepted":
        return "on now" if row["started_at"] and not row["ended_at"] else "ended" if row["ended_at"] else None
    return row["status"]


async def test_agenda_states_are_words_and_symbols(demo_store, open_meeting) -> None:
    today = today_agenda(demo_store)
    waiting = [t for t in today.waiting if t not in (BUS, DUPLICATE)]
    agenda.merge(demo_store, today.items[DUPLICATE]["id"], today.items[BUS]["id"])
    agenda.decline(demo_store, today.items[waiting[0]]["id"], "Covered at the last meeting.")
    later = meetings.create_meeting(demo_store, {"title": "Steering group", "date": "10/12/2026"})
    agenda.defer(demo_store, today.items[waiting[1]]["id"], later)
    agenda_run.start_item(demo_store, today.items[today.order[0]]["id"])
    agenda_run.next_item(demo_store, open_meeting)  # the first has ended, the second is on now
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f7")
        await pilot.pause()
        table = app.screen.query_one(AgendaTable)
        assert_colour_only_backs_up_words(table)
        seen = assert_states_in_words(table, 4, AGENDA_WORDS, _agenda_state)
        # Items waiting their turn say nothing in the state column: the heading drawn above them says where they are.
        heading = next(k for k, r in enumerate(table.rows) if r.get("heading") and r["section"] == "order")
        waiting_turn = [k for k, r in enumerate(table.rows) if not r.get("heading") and r["status"] == "accepted"
                        and not r["started_at"]]
        assert waiting_turn and min(waiting_turn) > heading
        table.move_to(heading + 1)
        assert "Running order" in table.render_line(heading - table.top + 1).text
    assert seen == set(AGENDA_WORDS)


async def test_action_states_and_overdue_are_words_and_symbols(demo_store, open_meeting) -> None:
    arising = actions.matters_arising(demo_store, open_meeting)
    assert len(arising) >= 3 and all(a["overdue"] for a in arising)  # the demo's: all open, all past their day
    actions.close_action(demo_store, arising[0]["id"], "done", "Sent.", open_meeting)
    actions.close_action(demo_store, arising[1]["id"], "dropped", "No longer needed.", open_meeting)
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f8")
        await pilot.pause()
        table = app.screen.query_one("#matters-table", MeetingActionsTable)
        assert_colour_only_backs_up_words(table)
        words = {code: vocab.ACTION_STATUSES[code] for code in vocab.ACTION_STATUSES}
        seen = assert_states_in_words(table, 0, words, lambda row: row["status"])
        overdue = assert_states_in_words(table, 4, {"overdue": "⚠ Overdue"},
                                         lambda row: "overdue" if row["overdue"] else None)
    assert seen == set(vocab.ACTION_STATUSES) and overdue == {"overdue"}


async def test_claim_states_and_warnings_are_words_and_symbols(demo_store) -> None:
    from store.claims import workflow

    past = demo_store.one("SELECT id FROM meetings WHERE status = 'closed' ORDER BY date DESC LIMIT 1")[0]
    draft = demo_store.one("SELECT claim_id FROM claim_state WHERE meeting_id = ? AND status = 'draft' "
                           "ORDER BY claim_id LIMIT 1", (past,))[0]
    staff = demo_store.one("SELECT id FROM members WHERE member_type = 'staff' ORDER BY name LIMIT 1")[0]
    workflow.withdraw(demo_store, draft, staff, "Claimed by mistake.")
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        navigation.open_meeting(app, past)
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        assert_colour_only_backs_up_words(table)
        words = {code: vocab.CLAIM_STATUSES[code] for code in vocab.CLAIM_STATUSES}
        seen = assert_states_in_words(table, 1, words, lambda row: row["status"])
        warned = assert_states_in_words(table, 5, {"warned": "warning"},
                                        lambda row: "warned" if row.get("warnings") else None)
    assert seen == set(vocab.CLAIM_STATUSES) and warned == {"warned"}
