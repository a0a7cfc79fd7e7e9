"""Driving the Agenda tab, and reading agenda items back from the file through a second connection.

The seed-1 demo's meeting today (10:30–13:00, 150 minutes) has proposals
waiting, among them "Bus passes for carers" and its near-duplicate "Free bus
travel for carers", one moved on from the last meeting; and a running order
of the four standing items around some accepted ones. `Today` reads them from
the file so the tests say what they expect in terms of the demo's own items.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drive import open_today, shown, todays_meeting
from textual.pilot import Pilot

from store import agenda
from store.demo_agenda import DUPLICATE as _DUPLICATE
from store.demo_agenda import TOPICS
from tui.widgets.agenda_view import AgendaView

BUS = TOPICS[0][0]
DUPLICATE = _DUPLICATE[0]
STANDING = ["Welcome and introductions", "Apologies", "Matters arising", "Any other business"]


@dataclass
class Today:
    """Today's meeting and its agenda as the demo made it."""

    meeting: str
    waiting: list[str]  # proposals, oldest first
    order: list[str]  # running order
    total: int  # minutes of the running order
    items: dict[str, dict[str, Any]]  # by title

    @property
    def carried(self) -> str:
        """The proposal moved on from the last meeting."""
        return next(t for t in self.waiting if self.items[t]["carried_from"])

    @property
    def newest(self) -> str:
        """The proposal that came in last (not the bus passes pair)."""
        return next(t for t in reversed(self.waiting) if t not in (BUS, DUPLICATE))

    def proposer(self, title: str) -> str:
        """The name of the member who proposed the item called `title`."""
        return self.items[title]["proposer_name"]


def today_agenda(store) -> Today:
    """Read today's agenda from the store, before the app changes it."""
    data = agenda.agenda(store, todays_meeting(store))
    items = {i["display_title"]: i for i in data["proposals"] + data["order"] + data["other"]}
    return Today(data["meeting"]["id"], [i["display_title"] for i in data["proposals"]],
                 [i["display_title"] for i in data["order"]], data["total_minutes"], items)


def hours(minutes: int) -> str:
    """Minutes as the agenda writes them: '1 h 5 min', '2 h', '45 min'."""
    h, m = divmod(minutes, 60)
    return " ".join(([f"{h} h"] if h else []) + ([f"{m} min"] if m or not h else []))


async def open_agenda(pilot: Pilot) -> AgendaView:
    """Open today's meeting, then its Agenda tab with F7; the agenda list has the keys."""
    await open_today(pilot)
    await pilot.press("f7")
    await pilot.pause()
    view = pilot.app.screen.query_one(AgendaView)
    assert pilot.app.focused is view.table
    return view


def line(app, selector: str) -> str:
    """The text of one of the agenda's lines: #agenda-summary, #agenda-timer or #agenda-detail."""
    return shown(app.screen.query_one(selector))


def titles(view: AgendaView, section: str) -> list[str]:
    """The titles the agenda list holds in one part: proposals, order or other."""
    return [r["display_title"] for r in view.table.rows if r.get("section") == section and not r.get("heading")]


def drawn(view: AgendaView) -> list[str]:
    """Every line of the agenda list as drawn on screen."""
    table = view.table
    return [table.render_line(y).text for y in range(table.size.height)]


async def cursor_to(pilot: Pilot, view: AgendaView, title: str) -> None:
    """Move the cursor to the item called `title` with the arrow keys, as a person would."""
    rows = [r for r in view.table.rows if not r.get("heading")]
    for _step in range(len(view.table.rows) + 1):
        current = view.table.item
        if current is not None and current["display_title"] == title:
            return
        target = next(k for k, r in enumerate(view.table.rows) if r.get("display_title") == title)
        await pilot.press("down" if target > view.table.cursor else "up")
        await pilot.pause()
    raise AssertionError(f"could not reach {title!r} among {[r['display_title'] for r in rows]}")


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    return conn


def item_on_disk(db_path: Path, meeting: str, title: str) -> dict[str, Any]:
    """The agenda item of `meeting` called `title` (or standing item `title` code), as the file holds it."""
    conn = _connect(db_path)
    try:
        row = conn.execute("SELECT * FROM agenda_items WHERE meeting_id = ? AND (title = ? OR standing = ?) "
                           "AND deleted_at IS NULL", (meeting, title, title)).fetchone()
        assert row is not None, f"no item {title!r}"
        return dict(row)
    finally:
        conn.close()


def order_on_disk(db_path: Path, meeting: str) -> list[str]:
    """The running order as the file holds it: titles (standing items by code) by position."""
    conn = _connect(db_path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT CASE WHEN title = '' THEN standing ELSE title END FROM agenda_items "
            "WHERE meeting_id = ? AND status = 'accepted' AND deleted_at IS NULL ORDER BY position, id", (meeting,))]
    finally:
        conn.close()


STANDING_CODES = {"Welcome and introductions": "welcome", "Apologies": "apologies",
                  "Matters arising": "matters_arising", "Any other business": "aob"}


def as_on_disk(names: list[str]) -> list[str]:
    """Titles as order_on_disk reads them: a standing item not renamed by its code."""
    return [STANDING_CODES.get(n, n) for n in names]
