"""The form for a new meeting, or a meeting's details."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Header, Input, Select, Static

from store import meetings, vocab
from store.dates import today
from store.i18n import _
from tui.footer import TranslatedFooter
from tui.format import uk_date
from tui.screens.form import FormScreen


class MeetingForm(FormScreen):
    """Title, kind, date, start and end, mode and venue; dismisses with the meeting's id."""

    def __init__(self, meeting_id: str | None) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        m = meetings.get_meeting(self.app.store, self.meeting_id) if self.meeting_id else {
            "title": _("Network meeting"), "kind": "network", "date": today().isoformat(),
            "start_time": "10:30", "end_time": "13:00", "mode": "in_person", "venue": ""}
        self.sub_title = _("Change meeting details") if self.meeting_id else _("New meeting")
        yield Header()
        with VerticalScroll(classes="form"):
            yield Static("", id="error-form", classes="error")
            yield from self.field("title", _("Title"), Input(m["title"], id="field-title"))
            yield from self.field("kind", _("Kind of meeting"), Select(
                [(_(label), code) for code, label in vocab.MEETING_KINDS.items()], value=m["kind"],
                allow_blank=False, id="field-kind"))
            yield from self.field("date", _("Date"), Input(uk_date(m["date"]), id="field-date"),
                                  _("Day/month/year, for example 14/03/2026."))
            yield from self.field("start_time", _("Starts at"), Input(m["start_time"] or "", id="field-start_time"))
            yield from self.field("end_time", _("Ends at"), Input(m["end_time"] or "", id="field-end_time"))
            yield from self.field("mode", _("How people join"), Select(
                [(_(label), code) for code, label in vocab.MEETING_MODES.items()], value=m["mode"],
                allow_blank=False, id="field-mode"))
            yield from self.field("venue", _("Venue"), Input(m["venue"] or "", id="field-venue"))
            yield Button(_("Save"), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def save(self) -> str:
        data = {
            "title": self.query_one("#field-title", Input).value,
            "kind": self.query_one("#field-kind", Select).value,
            "date": self.query_one("#field-date", Input).value,
            "start_time": self.query_one("#field-start_time", Input).value,
            "end_time": self.query_one("#field-end_time", Input).value,
            "mode": self.query_one("#field-mode", Select).value,
            "venue": self.query_one("#field-venue", Input).value,
        }
        if self.meeting_id:
            meetings.update_meeting(self.app.store, self.meeting_id, data)
            self.app.say(_("Saved."))
            return self.meeting_id
        new_id = meetings.create_meeting(self.app.store, data)
        self.app.say(_("Meeting planned."))
        return new_id
