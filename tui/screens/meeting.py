"""One meeting: a place per job: the register, the agenda, the actions and the claims."""

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
from tui.widgets.actions_view import ActionsView
from tui.widgets.agenda_view import AgendaView
from tui.widgets.claims_view import ClaimsView
from tui.widgets.register_view import RegisterView
from tui.widgets.what_to_arrange import WhatToArrange


class MeetingScreen(Screen):
    """The meeting's heading, its register and its details."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="meeting.back"),
        Binding("ctrl+o", "open_meeting", N_("Open meeting"), id="meeting.open"),
        Binding("f2", "edit", N_("Edit details"), id="meeting.edit", show=False),
        Binding("f3", "close_meeting", N_("Close meeting"), id="meeting.close"),
        Binding("f4", "export", N_("Export"), id="meeting.export", show=False),
        # The tab keys belong to the whole screen. As priority bindings they act as soon as
        # they arrive, rather than after passing through the focused box and each container
        # (the filter box repaints on every key it sees): no widget in a tab uses them.
        Binding("f6", "show_tab('tab-register')", N_("Register"), id="meeting.register", show=False, priority=True),
        Binding("f7", "show_tab('tab-agenda')", N_("Agenda"), id="meeting.agenda", show=False, priority=True),
        Binding("f8", "show_tab('tab-actions')", N_("Actions"), id="meeting.actions", show=False, priority=True),
        Binding("f9", "show_tab('tab-claims')", N_("Claims"), id="meeting.claims", show=False, priority=True),
    ]
    AUTO_FOCUS = "#filter"
    CSS_PATH = [STYLES / "meeting.tcss", STYLES / "agenda.tcss"]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: dict | None = None
        self._agenda_fresh = False  # read by the key that switched to it, just before the tab showed

    def compose(self) -> ComposeResult:
        self.meeting = meetings.get_meeting(self.app.store, self.meeting_id)
        yield Header()
        yield Static(id="meeting-heading", classes="banner")
        with TabbedContent(id="meeting-tabs"):
            with TabPane(_("Register"), id="tab-register"):
                yield RegisterView(self.meeting_id, id="register-view")
            with TabPane(_("Agenda"), id="tab-agenda"):
                yield AgendaView(self.meeting_id, id="agenda-view")
            with TabPane(_("Actions"), id="tab-actions"):
                yield ActionsView(self.meeting_id, id="actions-view")
            with TabPane(_("Claims"), id="tab-claims"):
                yield ClaimsView(self.meeting_id, id="claims-view")
            with TabPane(_("Details"), id="tab-details"):
                yield Static(id="meeting-details")
                yield WhatToArrange(self.meeting_id, id="what-to-arrange")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.show_meeting()

    def on_screen_resume(self) -> None:
        self.show_meeting()
        self.query_one(RegisterView).after_write()

    def action_show_tab(self, pane: str) -> None:
        tabs = self.query_one("#meeting-tabs", TabbedContent)
        if pane == "tab-agenda":
            # Read the agenda and focus its list now rather than a message later, so the
            # first frame of the tab is its finished look.
            agenda_view = self.query_one(AgendaView)
            if tabs.active != pane:
                agenda_view.load()
                self._agenda_fresh = True
                tabs.active = pane
            agenda_view.table.focus()
            return
        tabs.active = pane

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The agenda is read when it comes into view, so it is never stale and
        # the register opens without waiting for it.
        if event.tabbed_content.id != "meeting-tabs":
            return
        agenda_view = self.query_one(AgendaView)
        if event.pane.id == "tab-agenda":
            if not self._agenda_fresh:
                agenda_view.load()
                agenda_view.table.focus()
            self._agenda_fresh = False
        else:
            agenda_view.stop_ticking()
            if event.pane.id == "tab-register":
                self.query_one("#filter").focus()
            elif event.pane.id == "tab-actions":
                # Focus must leave the hidden tab now, or Textual brings that tab back.
                self.query_one(ActionsView).focus_list()
            elif event.pane.id == "tab-claims":
                self.query_one(ClaimsView).focus_list()
            elif event.pane.id == "tab-details":
                self.query_one(WhatToArrange).focus()

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
            "closed": _("Press Ctrl+O to reopen it."),
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
        if self.query_one("#meeting-tabs", TabbedContent).active == "tab-agenda":
            self.query_one(AgendaView).load()  # the meeting's status and length show there too
        elif self.query_one("#meeting-tabs", TabbedContent).active == "tab-details":
            self.query_one(WhatToArrange).load()  # a change of mode changes what the room needs
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
        self.ask_to_open(message.then)

    def on_agenda_view_needs_open(self, message: AgendaView.NeedsOpen) -> None:
        self.ask_to_open(message.then)

    def ask_to_open(self, then) -> None:
        """Offer to open a planned meeting, then carry on with what needed it open."""
        from tui.screens.dialogs import ConfirmDialog

        if self.meeting["status"] == "closed":
            self.app.say(_("This meeting is closed. Press Ctrl+O to reopen it."), error=True)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                meetings.set_status(self.app.store, self.meeting_id, "open")
                self.show_meeting()
                then()

        self.app.push_screen(ConfirmDialog(_("This meeting is not open yet. Open it now?"),
                                           _("Open the meeting"), _("Not yet")), callback=answer)

    def palette_commands(self) -> list:
        """Commands for this screen, so keys the footer has no room for are still named."""
        from textual.app import SystemCommand

        tabs = self.query_one("#meeting-tabs", TabbedContent)
        commands = []
        # Each tab's view may name its own keys; the register's are listed here.
        for view in tabs.active_pane.children if tabs.active_pane is not None else []:
            commands += getattr(view, "palette_commands", lambda: [])()
        if tabs.active == "tab-register":
            commands += self.register_commands()
        return commands + [
            SystemCommand(_("Register (F6)"), _("Show the register: who is here"),
                          lambda: self.action_show_tab("tab-register")),
            SystemCommand(_("Agenda (F7)"), _("Show the agenda: proposals, running order and timer"),
                          lambda: self.action_show_tab("tab-agenda")),
            SystemCommand(_("Actions (F8)"), _("Show matters arising and this meeting's actions"),
                          lambda: self.action_show_tab("tab-actions")),
            SystemCommand(_("Claims (F9)"), _("Show this meeting's claims: draft, approve and pay"),
                          lambda: self.action_show_tab("tab-claims")),
            SystemCommand(_("What to arrange"), _("The access needs of the people expected, added up"),
                          lambda: self.action_show_tab("tab-details")),
            SystemCommand(_("Open meeting (Ctrl+O)"), _("Open or reopen this meeting"), self.action_open_meeting),
            SystemCommand(_("Edit details (F2)"), _("Change the title, date, times or venue"), self.action_edit),
            SystemCommand(_("Export this meeting's attendance (F4)"), _("Save it as a spreadsheet or CSV"),
                          self.action_export),
            SystemCommand(_("Close meeting (F3)"), _("See the summary and close the meeting"), self.action_close_meeting),
        ]

    def register_commands(self) -> list:
        """The register's keys that the footer has no room for."""
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
