"""The members list: find by typing, add, change, deactivate."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from store import members, vocab
from store.i18n import N_, _, ngettext
from tui.footer import TranslatedFooter
from tui.format import needs_short
from tui.screens import navigation
from tui.widgets.filter_box import FilterBox
from tui.widgets.paged_table import Column, PagedTable


class MembersTable(PagedTable):
    """Members, a page at a time."""

    BINDINGS = [
        Binding("enter", "select", N_("Change"), id="members.edit"),
        Binding("d", "toggle_active", N_("Deactivate or reactivate"), id="members.toggle_active"),
        Binding("y", "you_said", N_("You said, we did"), id="members.you_said"),
        Binding("c", "claims", N_("Claims"), id="members.claims"),
    ]

    def action_toggle_active(self) -> None:
        if self.current is not None:
            self.screen.toggle_active(self.current)

    def action_you_said(self) -> None:
        if self.current is not None:
            navigation.open_you_said(self.app, self.current["id"])

    def action_claims(self) -> None:
        if self.current is not None:
            navigation.open_member_claims(self.app, self.current["id"])


class MembersScreen(Screen):
    """Everyone in the network; the list pages from the database."""

    AUTO_FOCUS = "#member-filter"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="members.back"),
        Binding("ctrl+n", "new", N_("New member"), id="members.new"),
        Binding("f5", "toggle_inactive", N_("Show everyone"), id="members.inactive"),
        Binding("slash", "find", N_("Find"), id="members.find"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_inactive = False

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.sub_title = _("Members")
        yield Header()
        yield Static(id="members-count", classes="summary")
        yield FilterBox(placeholder=_("Type a name, organisation or email to find someone"), id="member-filter")
        columns = [Column(N_("Name"), None), Column(N_("Organisation"), None), Column(N_("Type"), 18),
                   Column(N_("Access needs"), None), Column(N_("Active"), 8)]
        yield MembersTable(
            columns,
            fetch=lambda offset, limit: members.search_members(
                store, self.search, offset=offset, limit=limit, include_inactive=self.include_inactive),
            count=lambda: members.count_members(store, self.search, include_inactive=self.include_inactive),
            cells=self._cells,
            empty=N_("No one matches. Press Ctrl+N to add someone."),
            id="members-table",
        )
        yield TranslatedFooter(compact=True)

    @property
    def search(self) -> str:
        return self.query_one("#member-filter", Input).value

    @property
    def table(self) -> MembersTable:
        return self.query_one(MembersTable)

    def _cells(self, m: dict[str, Any]) -> list:
        active = (_("Yes"), "") if m["active"] else (_("No"), "table--muted")
        return [m["name"], m["organisation"] or "", vocab.label(vocab.MEMBER_TYPES, m["member_type"]),
                needs_short(m["access_needs"]), active]

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload(keep_cursor=True)

    def reload(self, keep_cursor: bool = False) -> None:
        self.table.reload(keep_cursor=keep_cursor)
        n = self.table.total
        text = ngettext("{n} member", "{n} members", n).format(n=n)
        text += " · " + (_("showing inactive members and guests too") if self.include_inactive
                         else _("active members only (press F5 to show everyone)"))
        self.query_one("#members-count", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_key(self, event) -> None:
        box = self.query_one("#member-filter", Input)
        if box.has_focus and event.key == "down":
            event.stop()
            self.table.focus()

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        from tui.screens.member_form import MemberForm

        self.app.push_screen(MemberForm(event.row["id"]))

    def toggle_active(self, member: dict[str, Any]) -> None:
        members.set_active(self.app.store, member["id"], not member["active"])
        message = _("{name} is back on registers.") if not member["active"] else _("{name} is off new registers.")
        self.app.say(message.format(name=member["name"]))
        self.reload(keep_cursor=True)

    def action_new(self) -> None:
        from tui.screens.member_form import MemberForm

        self.app.push_screen(MemberForm(None))

    def action_toggle_inactive(self) -> None:
        self.include_inactive = not self.include_inactive
        self.reload()

    def action_find(self) -> None:
        self.query_one("#member-filter", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list:
        """Commands for this screen, so keys the footer has no room for are still named."""
        from textual.app import SystemCommand

        return [SystemCommand(_("You said, we did (y)"),
                              _("What became of the items the highlighted member put forward"),
                              lambda: self.table.run_action("you_said")),
                SystemCommand(_("Claims (c)"),
                              _("The highlighted member's claims, and what they were paid each tax year"),
                              lambda: self.table.run_action("claims"))]
