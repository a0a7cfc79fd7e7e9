"""How an action reads in a paper: what, who, by when, and where it stands, one line each."""

from __future__ import annotations

from typing import Any

from store.export.paper import Item
from store.export.words import long_date, people
from store.i18n import _


def status_words(status: str, note: str | None, overdue: bool = False) -> str:
    """Return an action's state in words: 'Open', 'Open, overdue', 'Done: sent on 3 May', 'Dropped: …'."""
    if status == "open":
        return _("Open, overdue") if overdue else _("Open")
    if status == "done":
        return _("Done: {note}").format(note=note) if note else _("Done")
    if status == "dropped":
        return _("Dropped: {note}").format(note=note) if note else _("Dropped")
    return status


def action_item(action: dict[str, Any], state: str | None = None, raised_at: str | None = None) -> Item:
    """Return a list entry for an action: its description, then who, due date and state on lines of their own.

    `state` replaces the action's own state (the minutes show how it stood at
    the meeting); `raised_at` names the meeting it came from.
    """
    lines = [action["description"]]
    if raised_at:
        lines.append(_("From: {meeting}").format(meeting=raised_at))
    if action.get("owners"):
        lines.append(_("Who: {people}").format(people=people(action["owners"])))
    if action.get("due_date"):
        lines.append(_("Due: {date}").format(date=long_date(action["due_date"])))
    if state is None:
        state = status_words(action["status"], action.get("status_note"), action.get("overdue", False))
    lines.append(_("Now: {state}").format(state=state))
    return Item("\n".join(lines))
