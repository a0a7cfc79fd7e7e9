"""The register in the real app, driven by Pilot: filter-as-you-type and marking present.

Latency is measured inside the app: from the moment the app receives the key
event to the end of the first screen paint after the app has handled it (the
write committed, the rows re-read, the screen drawn). Pilot's own round trip
(press + pause) is reported beside it, with the same round trip in an empty
app, because Pilot waits for idle with sleeps of its own.
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Static

from common import median_ms, p90_ms

SEARCHES = ("pri", "jones", "carers", "zz")


class _Clock:
    """Key arrival and refresh-done times for one press at a time."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.handled: list[float] = []
        self.paints: list[float] = []
        self.samples: list[float] = []

    def begin(self) -> None:
        self.starts.clear()
        self.handled.clear()
        self.paints.clear()

    def finish(self) -> None:
        """Keep the time from the key's arrival to the end of the first paint after it was handled."""
        if self.starts and self.handled:
            done = max(self.handled)
            after = [p for p in self.paints if p >= done]
            if after:
                self.samples.append(min(after) - min(self.starts))

    def latencies(self) -> list[float]:
        return self.samples


def _instrument(clock: _Clock, app) -> None:
    from textual.screen import Screen

    from tui.widgets.register_view import RegisterView

    original_paint = Screen._compositor_refresh
    original_event = type(app).on_event
    original_write = RegisterView.after_write
    original_changed = RegisterView.on_input_changed

    async def on_event(self, event):
        if isinstance(event, events.Key):
            clock.starts.append(time.monotonic())
        await original_event(self, event)

    def after_write(self, *args, **kwargs) -> None:
        original_write(self, *args, **kwargs)
        clock.handled.append(time.monotonic())

    def on_input_changed(self, event) -> None:
        original_changed(self, event)
        clock.handled.append(time.monotonic())

    def paint(self) -> None:
        original_paint(self)
        clock.paints.append(time.monotonic())

    Screen._compositor_refresh = paint
    type(app).on_event = on_event
    RegisterView.after_write = after_write
    RegisterView.on_input_changed = on_input_changed


async def _open_register(db: Path, open_it: bool):
    from store import meetings
    from store.db import open_store
    from tui.app import CoprodApp

    store = open_store(db)
    meeting = meetings.upcoming(store)[0]["id"]
    if open_it:
        meetings.set_status(store, meeting, "open")
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("DELETE FROM attendance WHERE meeting_id = ?", (meeting,))  # a fresh register each run
        store.conn.execute("COMMIT")
    return store, meeting, CoprodApp(store)


async def _filter(db: Path) -> tuple[list[float], list[float]]:
    from tui.screens.meeting import MeetingScreen

    store, meeting, app = await _open_register(db, open_it=False)
    clock, round_trips = _Clock(), []
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        _instrument(clock, app)
        for text in SEARCHES:
            for key in [*text] + ["backspace"] * len(text):
                clock.begin()
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                round_trips.append(time.perf_counter() - started)
                clock.finish()
    store.close()
    return clock.latencies(), round_trips


async def _mark(db: Path, count: int) -> tuple[list[float], list[float], int]:
    from tui.screens.meeting import MeetingScreen
    from tui.widgets.register_view import RegisterTable

    store, meeting, app = await _open_register(db, open_it=True)
    check = sqlite3.connect(db)
    clock, round_trips, confirmed = _Clock(), [], 0
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(MeetingScreen(meeting))
        await pilot.pause()
        table = app.screen.query_one(RegisterTable)
        table.focus()
        await pilot.pause()
        importlib.import_module("store.models")  # loaded in the background in real use
        _instrument(clock, app)
        for _ in range(count):
            member = table.current["member_id"]
            clock.begin()
            started = time.perf_counter()
            await pilot.press("p")
            await pilot.pause()
            round_trips.append(time.perf_counter() - started)
            clock.finish()
            row = check.execute("SELECT status FROM attendance WHERE meeting_id = ? AND member_id = ?",
                                (meeting, member)).fetchone()
            confirmed += row is not None and row[0] == "present"
    check.close()
    store.close()
    return clock.latencies(), round_trips, confirmed


class _Empty(App):
    def compose(self):
        yield Static("empty")


async def _empty_round_trip(count: int) -> list[float]:
    samples = []
    async with _Empty().run_test(size=(120, 40)) as pilot:
        for _ in range(count):
            started = time.perf_counter()
            await pilot.press("z")
            await pilot.pause()
            samples.append(time.perf_counter() - started)
    return samples


def filter_keystroke(db: Path) -> dict[str, float]:
    latencies, round_trips = asyncio.run(_filter(db))
    empty = asyncio.run(_empty_round_trip(len(round_trips)))
    return {"median_ms": median_ms(latencies), "p90_ms": p90_ms(latencies), "keystrokes": len(latencies),
            "pilot_ms": median_ms(round_trips), "pilot_empty_ms": median_ms(empty)}


def mark_present(db: Path, count: int) -> dict[str, float]:
    # Marking writes: work on a copy, so the cached database (and every later figure) stays as made.
    with tempfile.TemporaryDirectory(prefix="coprod-bench-mark-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        latencies, round_trips, confirmed = asyncio.run(_mark(copy, count))
    empty = asyncio.run(_empty_round_trip(count))
    return {"median_ms": median_ms(latencies), "p90_ms": p90_ms(latencies), "marks": len(latencies),
            "confirmed": confirmed, "pilot_ms": median_ms(round_trips), "pilot_empty_ms": median_ms(empty)}
