"""Closing a meeting: the summary, and what to do about people not yet marked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from store import attendance
from store.i18n import _, ngettext
from tui.screens.dialogs import Dialog

SHOW_NAMES = 12


class CloseMeetingDialog(Dialog):
    """Show the counts and who is not marked; answer 'absent', 'leave' or None."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        store = self.app.store
        c = attendance.counts(store, self.meeting_id)
        with Vertical():
            yield Label(_("Close this meeting?"), classes="question")
            yield Static(_("Present {present} · Apologies {apologies} · Absent {absent} · Not marked {unmarked}").format(**c),
                         id="close-counts")
            if c["unmarked"]:
                names = attendance.unmarked_names(store, self.meeting_id, limit=SHOW_NAMES)
                more = c["unmarked"] - len(names)
                text = ngettext("{n} person is not marked yet:", "{n} people are not marked yet:", c["unmarked"]).format(
                    n=c["unmarked"]) + "\n" + ", ".join(names)
                if more > 0:
                    text += " " + ngettext("and {n} more.", "and {n} more.", more).format(n=more)
                yield Static(text, id="close-unmarked")
                with Horizontal():
                    yield Button(_("Mark them absent and close"), id="absent", variant="primary")
                    yield Button(_("Close, leave them unmarked"), id="leave")
                    yield Button(_("Go back"), id="back")
            else:
                yield Static(_("Everyone is marked."))
                with Horizontal():
                    yield Button(_("Close the meeting"), id="leave", variant="primary")
                    yield Button(_("Go back"), id="back")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "back" else event.button.id)
