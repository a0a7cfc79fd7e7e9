"""Every open action in the network: find by words, show one person's, mark done or dropped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from store import actions
from store.i18n import N_, _
from tui.footer import TranslatedFooter
from tui.paths import STYLES
from tui.screens.dialogs import Dialog
from tui.widgets.actions_view import ActionsTable, describe, due_cell, owners_text, raised_cell
from tui.widgets.filter_box import FilterBox
from tui.widgets.member_finder import Extra, MemberFinder
from tui.widgets.paged_table import Column, PagedTable

EVERYONE = "everyone"


class OwnerDialog(Dialog):
    """Ask whose actions to show: one member, or everyone. Answers (member id or '', name)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Whose actions do you want to see?"), classes="question")
            yield MemberFinder("owner-name", _("Type part of a name"), extras=[Extra(EVERYONE, _("Everyone"))],
                               include_inactive=True, id="owner-finder")
            yield Static(_("Down arrow, then Enter, chooses. Escape goes back."), classes="hint")
            yield Static("", id="owner-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#owner-name", Input).focus()

    def on_member_finder_chosen(self, event: MemberFinder.Chosen) -> None:
        event.stop()
        self.dismiss(("", "") if event.member is None else (event.key, event.name))

    def on_member_finder_no_match(self, event: MemberFinder.NoMatch) -> None:
        event.stop()
        message = _("No member is called “{name}”.").format(name=event.text) if event.text else _(
            "Type part of a name first.")
        self.query_one("#owner-error", Static).update(message)


class ActionsScreen(Screen):
    """The network's open actions, a page at a time, soonest due first."""

    AUTO_FOCUS = "#action-filter"
    CSS_PATH = STYLES / "actions.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="actions.back"),
        Binding("f5", "choose_owner", N_("Whose actions"), id="actions.owner"),
        Binding("ctrl+n", "new", N_("New action"), id="actions.new_open"),
        Binding("slash", "find", N_("Find"), id="actions.find", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.owner_id = ""
        self.owner_name = ""

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.sub_title = _("Open actions")
        yield Header()
        yield Static(id="actions-filter-line", classes="summary")
        yield FilterBox(placeholder=_("Type words from an action to find it"), id="action-filter")
        yield ActionsTable(
            [Column(N_("What needs doing"), None), Column(N_("Who"), None), Column(N_("Raised at"), 16),
             Column(N_("Due"), 25)],
            fetch=lambda offset, limit: actions.open_actions(
                store, self.owner_id, self.search, limit=limit, offset=offset),
            count=lambda: actions.count_open_actions(store, self.owner_id, self.search),
            count_in_thread=self._count_in_thread,
            cells=lambda a: [a["description"], owners_text(a["owners"]), raised_cell(a), due_cell(a)],
            empty=N_("No open actions match."),
            id="actions-table",
        )
        yield Static(id="action-detail", markup=False)
        yield TranslatedFooter(compact=True)

    def _count_in_thread(self) -> int:
        own = self.app.store.reopen()  # SQLite connections stay in their own thread
        try:
            return actions.count_open_actions(own, self.owner_id, self.search)
        finally:
            own.close()

    @property
    def search(self) -> str:
        return self.query_one("#action-filter", Input).value

    @property
    def table(self) -> ActionsTable:
        return self.query_one(ActionsTable)

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep_cursor: bool = False) -> None:
        """Read the list again and say whose actions it shows."""
        self.table.reload(keep_cursor=keep_cursor)
        if self.owner_id:
            line = _("Open actions for {name}. Press F5 to choose someone else, or everyone.").format(
                name=self.owner_name)
        else:
            line = _("Everyone's open actions, soonest due first. Press F5 to see one person's.")
        self.query_one("#actions-filter-line", Static).update(line)
        self.query_one("#action-detail", Static).update(describe(self.table.current), layout=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_key(self, event) -> None:
        box = self.query_one("#action-filter", Input)
        if box.has_focus and event.key in ("down", "pagedown"):
            event.stop()
            self.table.focus()

    def on_paged_table_highlighted(self, event: PagedTable.Highlighted) -> None:
        self.query_one("#action-detail", Static).update(describe(event.row), layout=False)

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        self.open_form(event.row["id"])

    def on_actions_table_act(self, message: ActionsTable.Act) -> None:
        from tui.screens import action_close

        message.stop()
        if message.what in ("done", "dropped"):
            # A closed action leaves this list, so the list is counted again.
            action_close.close(self.app, message.row, message.what, None, lambda: self.reload(keep_cursor=True))

    def open_form(self, action_id: str | None) -> None:
        """Open the action form; an action added here belongs to no meeting."""
        from tui.screens.action_form import ActionForm

        def saved(result: str | None) -> None:
            if result:
                self.reload(keep_cursor=True)

        self.app.push_screen(ActionForm(action_id, None), callback=saved)

    def action_new(self) -> None:
        self.open_form(None)

    def action_choose_owner(self) -> None:
        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.owner_id, self.owner_name = answer
                self.reload()
                self.table.focus()

        self.app.push_screen(OwnerDialog(), callback=chosen)

    def action_find(self) -> None:
        self.query_one("#action-filter", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list:
        """Commands for this screen, so keys the footer has no room for are still named."""
        from textual.app import SystemCommand

        return [
            SystemCommand(_("Whose actions (F5)"), _("Show one person's open actions, or everyone's"),
                          self.action_choose_owner),
            SystemCommand(_("Mark done (d)"), _("Mark the highlighted action done"),
                          lambda: self.table.run_action("act('done')")),
            SystemCommand(_("Drop (x)"), _("Drop the highlighted action, saying why"),
                          lambda: self.table.run_action("act('dropped')")),
            SystemCommand(_("New action (Ctrl+N)"), _("Add an action that belongs to no meeting"), self.action_new),
            SystemCommand(_("Find (/)"), _("Type words from the action to find it"), self.action_find),
        ]

