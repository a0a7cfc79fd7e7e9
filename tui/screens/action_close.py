"""Marking an action done or dropped, with a note, and opening it again.

The same few steps serve the meeting's Actions tab (recorded against the
meeting) and the network-wide list (recorded against no meeting).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from store import actions
from store.errors import CoprodError
from store.i18n import N_, _
from tui.screens.dialogs import Dialog

if TYPE_CHECKING:
    from tui.app import CoprodApp


class NoteDialog(Dialog):
    """Ask for a note and save it; a refusal shows under the box and the question stays open."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), id="note.save", priority=True)]

    def __init__(self, question: str, detail: str, label: str, hint: str, yes: str,
                 save: Callable[[str], None]) -> None:
        super().__init__()
        self.question, self.detail, self.label, self.hint, self.yes = question, detail, label, hint, yes
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question")
            yield Static(self.detail, markup=False, id="note-detail")
            yield Label(self.label, classes="field-label")
            yield Input(id="note")
            yield Static(self.hint, classes="hint")
            yield Static("", id="note-error", classes="error")
            with Horizontal():
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(_("Go back"), id="no")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_save()
        else:
            self.dismiss(False)

    def action_save(self) -> None:
        try:
            self.save(self.query_one("#note", Input).value)
        except CoprodError as exc:
            self.query_one("#note-error", Static).update(exc.message)
            self.query_one("#note", Input).focus()
            self.app.bell()
            return
        self.dismiss(True)


def close(app: CoprodApp, action: dict[str, Any], status: str, meeting_id: str | None,
          then: Callable[[], None]) -> None:
    """Ask for a note, then mark `action` done or dropped (at `meeting_id` if given) and call `then`."""
    if action["status"] != "open":
        already = {"done": _("This action is done already. Press u to open it again."),
                   "dropped": _("This action was dropped already. Press u to open it again.")}
        app.say(already[action["status"]], error=True)
        return
    store = app.store

    def save(note: str) -> None:
        actions.close_action(store, action["id"], status, note, meeting_id)

    def finished(saved: bool | None) -> None:
        if saved:
            app.say(_("Marked done.") if status == "done" else _("Dropped. The reason is kept."))
            then()

    if status == "done":
        dialog = NoteDialog(_("Mark this action done?"), action["description"],
                            _("Anything to add? You can leave this empty."),
                            _("Enter saves; Escape goes back."), _("Mark it done"), save)
    else:
        dialog = NoteDialog(_("Drop this action?"), action["description"], _("Why was it dropped?"),
                            _("Members see this reason. Enter saves; Escape goes back."), _("Drop it"), save)
    app.push_screen(dialog, callback=finished)


def reopen(app: CoprodApp, action: dict[str, Any], then: Callable[[], None]) -> None:
    """Open a done or dropped action again, then call `then`."""
    if action["status"] == "open":
        app.say(_("This action is open already."))
        return
    try:
        actions.reopen_action(app.store, action["id"])
    except CoprodError as exc:
        app.say(exc.message, error=True)
        return
    app.say(_("Opened again. It comes back under matters arising."))
    then()
