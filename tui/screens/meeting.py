"""One meeting: a place per job. The register now; the agenda, actions and claims join it later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from store import attendance, meetings, vocab
from store.i18n import N_, _
from tui.footer import TranslatedFooter
from tui.paths import STYLES
from tui.format import long_date, time_span
from tui.screens import navigation
from tui.widgets.register_view import RegisterView


class MeetingScreen(Screen):
    """The meeting's heading, its register and its details."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="meeting.back"),
        Binding("ctrl+o", "open_meeting", N_("Open meeting"), id="meeting.open"),
        Binding("f2", "edit", N_("Edit details"), id="meeting.edit", show=False),
        Binding("f3", "close_meeting", N_("Close meeting"), id="meeting.close"),
        Binding("f4", "export", N_("Export"), id="meeting.export", show=False),
    ]
    AUTO_FOCUS = "#filter"
    CSS_PATH = STYLES / "meeting.tcss"

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: dict | None = None

    def compose(self) -> ComposeResult:
        self.meeting = meetings.get_meeting(self.app.store, self.meeting_id)
        yield Header()
        yield Static(id="meeting-heading", classes="banner")
        with TabbedContent(id="meeting-tabs"):
            with TabPane(_("Register"), id="tab-register"):
                yield RegisterView(self.meeting_id, id="register-view")
            with TabPane(_("Details"), id="tab-details"):
                yield Static(id="meeting-details")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.show_meeting()

    def on_screen_resume(self) -> None:
        self.show_meeting()
        self.query_one(RegisterView).after_write()

    def show_meeting(self) -> None:
        """Read the meeting again and show its heading, status and details."""
        m = self.meeting = meetings.get_meeting(self.app.store, self.meeting_id)
        self.sub_title = m["title"]
        status = vocab.label(vocab.MEETING_STATUSES, m["status"])
        if m["reopened"] and m["status"] == "open":
            status = _("Reopened after closing")
        hint = {
            "planned": _("Not open yet: press Ctrl+O to open it and take the register."),
            "open": _("Mark people as they arrive."),
            "closed": _("Closed: press Ctrl+O to reopen it."),
        }[m["status"]]
        self.query_one("#meeting-heading", Static).update(
            f"{m['title']} — {long_date(m['date'])} {time_span(m)}\n{status}. {hint}")
        lines = [
            (_("Title"), m["title"]),
            (_("Kind"), vocab.label(vocab.MEETING_KINDS, m["kind"])),
            (_("Date"), long_date(m["date"])),
            (_("Time"), time_span(m) or _("Not set")),
            (_("Mode"), vocab.label(vocab.MEETING_MODES, m["mode"])),
            (_("Venue"), m["venue"] or _("Not set")),
            (_("Status"), status),
        ]
        text = "\n".join(f"{k}: {v}" for k, v in lines) + "\n\n" + _("Press F2 to change the details.")
        self.query_one("#meeting-details", Static).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.meeting is None:
            return True
        if action == "open_meeting":
            return self.meeting["status"] != "open"
        if action == "close_meeting":
            return self.meeting["status"] == "open"
        return True

    def on_register_view_needs_open(self, message: RegisterView.NeedsOpen) -> None:
        from tui.screens.dialogs import ConfirmDialog

        if self.meeting["status"] == "closed":
            self.app.say(_("This meeting is closed. Press Ctrl+O to reopen it."), error=True)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                meetings.set_status(self.app.store, self.meeting_id, "open")
                self.show_meeting()
                message.then()

        self.app.push_screen(ConfirmDialog(_("This meeting is not open yet. Open it now?"),
                                           _("Open the meeting"), _("Not yet")), callback=answer)

    def palette_commands(self) -> list:
        """Commands for this screen, so keys the footer has no room for are still named."""
        from textual.app import SystemCommand

        table = self.query_one(RegisterView).table
        return [
            SystemCommand(_("Unmark (u)"), _("Take the mark off the person under the cursor"),
                          lambda: table.run_action("mark('expected')")),
            SystemCommand(_("Came with a supporter (s)"), _("Say the person came with a supporter or PA, or not"),
                          lambda: table.run_action("toggle('supporter')")),
            SystemCommand(_("Role at this meeting (o)"), _("Chair, co-chair, minute taker and so on"),
                          lambda: table.run_action("role")),
            SystemCommand(_("Find someone (/)"), _("Type a name or organisation"),
                          lambda: self.query_one(RegisterView).action_filter()),
            SystemCommand(_("Open meeting (Ctrl+O)"), _("Open or reopen this meeting"), self.action_open_meeting),
            SystemCommand(_("Edit details (F2)"), _("Change the title, date, times or venue"), self.action_edit),
            SystemCommand(_("Export this meeting's attendance (F4)"), _("Save it as a spreadsheet or CSV"),
                          self.action_export),
            SystemCommand(_("Close meeting (F3)"), _("See the summary and close the meeting"), self.action_close_meeting),
        ]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open_meeting(self) -> None:
        was = self.meeting["status"]
        meetings.set_status(self.app.store, self.meeting_id, "open")
        self.show_meeting()
        self.app.say(_("The meeting is open again.") if was == "closed" else _("The meeting is open."))

    def action_close_meeting(self) -> None:
        from tui.screens.close_meeting import CloseMeetingDialog

        def done(choice: str | None) -> None:
            if choice in ("absent", "leave"):
                marked = attendance.close_meeting(self.app.store, self.meeting_id, mark_absent=choice == "absent")
                self.show_meeting()
                self.query_one(RegisterView).after_write()
                if choice == "absent":
                    self.app.say(_("The meeting is closed. {n} people marked absent.").format(n=marked))
                else:
                    self.app.say(_("The meeting is closed."))

        self.app.push_screen(CloseMeetingDialog(self.meeting_id), callback=done)

    def action_edit(self) -> None:
        from tui.screens.meeting_form import MeetingForm

        def saved(meeting_id: str | None) -> None:
            if meeting_id:
                self.show_meeting()

        self.app.push_screen(MeetingForm(self.meeting_id), callback=saved)

    def action_export(self) -> None:
        navigation.export_attendance(self.app, self.meeting_id)
