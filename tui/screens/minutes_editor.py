"""Writing the minutes and the decision for one agenda item.

Ctrl+S saves both and stays, so the minute taker can save as often as they
like; Escape goes back, asking first when there are changes not saved.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, Static, TextArea

from store import agenda_run
from store.dates import now_hhmm
from store.errors import CoprodError
from store.i18n import N_, _
from tui.footer import TranslatedFooter
from tui.motion import steady_timer
from tui.paths import STYLES
from tui.widgets.agenda_text import proposer_text, timer_line

SAVE, LEAVE, STAY = "save", "leave", "stay"


class MinutesEditor(Screen):
    """Two boxes, minutes and decision, for the item; dismisses with True when anything was saved."""

    CSS_PATH = STYLES / "agenda.tcss"
    AUTO_FOCUS = "#notes"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="minutes.save", priority=True),
        Binding("escape", "back", N_("Back"), id="minutes.back"),
    ]

    def __init__(self, item: dict[str, Any], read_only: bool = False) -> None:
        super().__init__()
        self.item = item
        self.read_only = read_only  # a closed meeting's minutes can be read, not changed
        self.saved_any = False
        self._timer_text: str | None = None
        self._saved = {"notes": item["notes"] or "", "decision": item["decision"] or ""}

    def compose(self) -> ComposeResult:
        item = self.item
        self.sub_title = _("Minutes")
        yield Header()
        with Vertical(classes="minutes-editor"):
            who = proposer_text(item)
            yield Static(_("Minutes for “{title}” · {who}").format(title=item["display_title"], who=who),
                         classes="item-form-heading", id="minutes-heading")
            yield Static("", id="minutes-timer")
            interests = ", ".join(i["name"] + (f" ({i['note']})" if i["note"] else "") for i in item["interests"])
            if interests:
                yield Static(_("Interests declared: {names}").format(names=interests), classes="hint")
            yield Label(_("Minutes: what was said"), classes="field-label")
            yield TextArea(self._saved["notes"], id="notes", classes="notes-text", read_only=self.read_only)
            yield Static("", id="error-notes", classes="error")
            yield Label(_("Decision: what the meeting agreed (leave it empty if there was none)"),
                        classes="field-label")
            yield TextArea(self._saved["decision"], id="decision", classes="decision-text",
                           read_only=self.read_only)
            yield Static("", id="error-decision", classes="error")
            yield Static(_("This meeting is closed: reopen it (Ctrl+O) to change the minutes. Escape goes back.")
                         if self.read_only else _("Ctrl+S saves. Tab moves between the boxes. Escape goes back."),
                         id="minutes-status", classes="hint")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        """Keep the meeting's timer in sight while the minutes are written (once a second)."""
        timer = steady_timer(self.app, agenda_run.timer(self.app.store, self.item["meeting_id"]))
        line = self.query_one("#minutes-timer", Static)
        text = timer_line(timer, "open", True, False)[0] if timer["item_id"] else ""
        if text != self._timer_text:
            self._timer_text = text
            line.update(text)
            line.display = bool(text)

    def texts(self) -> dict[str, str]:
        """What the two boxes hold now."""
        return {"notes": self.query_one("#notes", TextArea).text,
                "decision": self.query_one("#decision", TextArea).text}

    @property
    def changed(self) -> bool:
        """Whether either box differs from what was last saved."""
        return self.texts() != self._saved

    def action_save(self) -> bool:
        """Save both boxes; return False (and say why beside the box) when one is refused."""
        if self.read_only:
            self.app.say(_("This meeting is closed: reopen it (Ctrl+O) to change the minutes."), error=True)
            return False
        texts = self.texts()
        for box in ("notes", "decision"):
            self.query_one(f"#error-{box}", Static).update("")
        try:
            if texts["notes"] != self._saved["notes"]:
                agenda_run.set_notes(self.app.store, self.item["id"], texts["notes"])
                self._saved["notes"] = texts["notes"]
            if texts["decision"] != self._saved["decision"]:
                agenda_run.set_decision(self.app.store, self.item["id"], texts["decision"])
                self._saved["decision"] = texts["decision"]
        except CoprodError as exc:
            field = getattr(exc, "field", None)
            self.query_one(f"#error-{field if field in ('notes', 'decision') else 'notes'}", Static).update(exc.message)
            self.app.bell()
            return False
        self.saved_any = True
        self.query_one("#minutes-status", Static).update(
            _("Saved at {time}. Ctrl+S saves again. Escape goes back.").format(time=now_hhmm()))
        return True

    def action_back(self) -> None:
        if not self.changed:
            self.dismiss(self.saved_any)
            return
        from tui.screens.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == SAVE and self.action_save():
                self.dismiss(True)
            elif choice == LEAVE:
                self.dismiss(self.saved_any)

        self.app.push_screen(ChoiceDialog(_("Some changes are not saved yet."), [
            (SAVE, _("Save them and go back")),
            (LEAVE, _("Go back without saving")),
            (STAY, _("Keep writing")),
        ]), callback=answer)
