"""The Agenda tab in the real app, driven by Pilot: opening it, and moving an item down and up the running order.

The data is a copy of the 5,000-member demo, grown through store commands
until today's meeting has 40 agenda items and the network has 2,000 open
actions (raised at earlier meetings, so every one comes up under matters
arising). It is made once and kept beside the demo databases.

Latency is measured as in register.py: from the moment the app receives the
key to the end of the first screen paint after the app has handled it (the
agenda read and drawn; the move committed and its two rows redrawn). Pilot's
own round trip is reported beside it, with the same round trip in an empty app.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import time
from pathlib import Path

from textual import events

from common import median_ms, p90_ms
from register import _Clock, _empty_round_trip

ITEMS = 40
OPEN_ACTIONS = 2000
OPENS = 20
MOVES = 50


def agenda_db(data: Path, demo: Path) -> tuple[Path, dict]:
    """Return the benchmark's database (made from `demo` the first time) and what it holds."""
    path = data / f"agenda-{demo.stem}.db"
    info_path = path.with_suffix(".json")
    if not (path.exists() and info_path.exists()):
        path.unlink(missing_ok=True)
        print(f"  making {path.name} ({ITEMS} items on one meeting, {OPEN_ACTIONS:,} open actions) ...", flush=True)
        started = time.perf_counter()
        shutil.copyfile(demo, path)
        info = _grow(path)
        info["seconds"] = round(time.perf_counter() - started, 1)
        info_path.write_text(json.dumps(info, indent=1))
    return path, json.loads(info_path.read_text())


def _grow(path: Path) -> dict:
    """Add items and actions through the store's own commands, as the app would."""
    from store import actions, agenda, meetings
    from store.db import open_store

    store = open_store(path)
    try:
        meeting = meetings.upcoming(store)[0]["id"]
        have = agenda.agenda(store, meeting)
        count = len(have["proposals"]) + len(have["order"]) + len(have["other"])
        people = [r[0] for r in store.query(
            "SELECT id FROM members WHERE active = 1 AND member_type != 'guest' ORDER BY id LIMIT 200")]
        for k in range(ITEMS - count):
            item = agenda.propose(store, meeting, {
                "title": f"Item {k + 1} from the members", "kind": ("decision", "discussion", "information")[k % 3],
                "minutes_asked": 5, "summary": "Something members asked to talk about.",
                "proposer_id": people[k % len(people)]})
            if k % 8:  # most go on the running order; some wait for a decision
                agenda.accept(store, item)
        earlier = [m["id"] for m in meetings.recent(store, limit=10)]
        open_now = actions.count_open_actions(store)
        for k in range(OPEN_ACTIONS - open_now):
            actions.add_action(store, {"description": f"Follow up point {k + 1}", "owners": [people[k % len(people)]],
                                       "due_date": "2026-12-31", "meeting_id": earlier[k % len(earlier)]})
        final = agenda.agenda(store, meeting)
        return {"meeting": meeting, "items": len(final["proposals"]) + len(final["order"]) + len(final["other"]),
                "order": len(final["order"]), "open_actions": actions.count_open_actions(store),
                "matters_arising": final["matters_arising_count"]}
    finally:
        store.close()


def _instrument(clock: _Clock, app) -> None:
    from textual.screen import Screen

    from tui.screens.meeting import MeetingScreen
    from tui.widgets.agenda_view import AgendaView

    original_paint = Screen._compositor_refresh
    original_event = type(app).on_event
    original_shown = MeetingScreen.on_tabbed_content_tab_activated
    original_moved = AgendaView.after_move

    async def on_event(self, event):
        if isinstance(event, events.Key):
            clock.starts.append(time.monotonic())
        await original_event(self, event)

    def shown(self, event) -> None:
        # The tab is showing, its rows read (the agenda) and its list focused.
        original_shown(self, event)
        clock.handled.append(time.monotonic())

    def after_move(self) -> None:
        original_moved(self)
        clock.handled.append(time.monotonic())

    def paint(self) -> None:
        original_paint(self)
        clock.paints.append(time.monotonic())

    Screen._compositor_refresh = paint
    type(app).on_event = on_event
    MeetingScreen.on_tabbed_content_tab_activated = shown
    AgendaView.after_move = after_move


def _order_on_disk(check: sqlite3.Connection, meeting: str) -> list[str]:
    return [r[0] for r in check.execute(
        "SELECT id FROM agenda_items WHERE meeting_id = ? AND status = 'accepted' AND deleted_at IS NULL "
        "ORDER BY position, id", (meeting,))]


async def _run(db: Path, meeting: str) -> dict:
    from store.db import open_store
    from tui.app import CoprodApp
    from tui.screens.meeting import MeetingScreen
    from tui.widgets.agenda_view import AgendaView

    store = open_store(db)
    app = CoprodApp(store)
    check = sqlite3.connect(db)
    clock = _Clock()
    open_trips, move_trips, confirmed, shown = [], [], 0, 0
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        await pilot.press("f7")  # once unmeasured: the first read warms SQLite's cache, as in real use
        await pilot.pause()
        view = app.screen.query_one(AgendaView)
        _instrument(clock, app)
        opened, register = [], []
        for _ in range(OPENS):
            clock.begin()
            await pilot.press("f6")  # back to the register: a tab switch that reads nothing new
            await pilot.pause()
            clock.finish()
            register += clock.samples
            clock.samples = []
            await _settle(pilot)
            clock.begin()
            started = time.perf_counter()
            await pilot.press("f7")
            await pilot.pause()
            open_trips.append(time.perf_counter() - started)
            clock.finish()
            opened += clock.samples
            clock.samples = []
            await _settle(pilot)
            shown += len([r for r in view.table.rows if not r.get("heading")]) == ITEMS
        # Move an item down the running order, then back up: start where it has room to go down.
        order = [r for r in view.table.rows if r.get("section") == "order" and not r.get("heading")]
        view.table.move_to(view.table.index_of(order[max(0, (len(order) - MOVES // 2) // 2 - 1)]["id"]))
        await pilot.pause()
        expected = _order_on_disk(check, meeting)
        for k in range(MOVES):
            step = 1 if k < MOVES // 2 else -1
            item = view.table.item["id"]
            clock.begin()
            started = time.perf_counter()
            await pilot.press("ctrl+down" if step > 0 else "ctrl+up")
            await pilot.pause()
            move_trips.append(time.perf_counter() - started)
            clock.finish()
            i = expected.index(item)
            expected[i], expected[i + step] = expected[i + step], expected[i]
            confirmed += _order_on_disk(check, meeting) == expected and view.table.item["id"] == item
    check.close()
    store.close()
    return {"open": opened, "register": register, "open_trips": open_trips, "shown": shown,
            "move": clock.samples, "move_trips": move_trips, "confirmed": confirmed}


async def _settle(pilot) -> None:
    """Let the tab underline finish sliding (0.3 s), as it has by the time a person presses the next key."""
    await pilot.pause()
    await asyncio.sleep(0.05)  # the slide starts on a 20 ms timer
    await pilot.wait_for_scheduled_animations()


def measure(db: Path, meeting: str) -> dict[str, float]:
    """Open the agenda OPENS times and move an item MOVES times; return medians and checks."""
    r = asyncio.run(_run(db, meeting))
    empty = asyncio.run(_empty_round_trip(len(r["move_trips"])))
    return {
        "open_ms": median_ms(r["open"]), "open_p90_ms": p90_ms(r["open"]), "opens": len(r["open"]),
        "open_shown": r["shown"], "open_pilot_ms": median_ms(r["open_trips"]),
        "register_ms": median_ms(r["register"]),
        "move_ms": median_ms(r["move"]), "move_p90_ms": p90_ms(r["move"]), "moves": len(r["move"]),
        "move_confirmed": r["confirmed"], "move_pilot_ms": median_ms(r["move_trips"]),
        "pilot_empty_ms": median_ms(empty),
    }
