"""A meeting's actions: matters arising from earlier meetings, and the actions raised at this one.

Matters arising page from the database (a network may hold thousands of
open actions). Done and dropped are recorded against this meeting, so they
stay on its list (and in its minutes) and leave the list at the next one.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from store import actions, vocab
from store.i18n import N_, _
from tui.format import short_date
from tui.widgets.paged_table import Cell, Column, PagedTable

STATUS_MARK = {"open": ("○", ""), "done": ("✓", "table--good"), "dropped": ("✗", "table--muted")}


# --- how an action reads --------------------------------------------------------------------


def status_cell(status: str) -> tuple[str, str]:
    """Return the status as a symbol and a word (never colour alone), with its style."""
    symbol, cls = STATUS_MARK[status]
    return f"{symbol} {vocab.label(vocab.ACTION_STATUSES, status)}", cls


def owners_text(owners: list[dict[str, Any]]) -> str:
    """Return the owners' names as the language lists them: 'Ann, Bob and Cai'."""
    from babel.lists import format_list

    from store.i18n import babel_locale

    names = [o["name"] for o in owners]
    return format_list(names, locale=babel_locale()) if names else _("No one")


def due_cell(action: dict[str, Any]) -> Cell:
    """Return the due date, with 'Overdue' in words and a symbol when it has passed."""
    if not action["due_date"]:
        return _("No date"), "table--muted"
    when = short_date(action["due_date"])
    if action["overdue"]:
        return _("{date} ⚠ Overdue").format(date=when), "table--bad"
    return when


def raised_cell(action: dict[str, Any]) -> str:
    """Return the date of the meeting where the action was raised, or say it was raised between meetings."""
    return short_date(action["meeting_date"]) if action["meeting_date"] else _("Between meetings")


def describe(action: dict[str, Any] | None) -> str:
    """Return two lines about an action: what it is in full, then who, when, where from and how it ended."""
    if action is None:
        return ""
    bits = []
    if action["status"] == "done":
        bits.append(_("Done: {note}").format(note=action["status_note"]) if action["status_note"] else _("Done"))
    elif action["status"] == "dropped":
        bits.append(_("Dropped because: {note}").format(note=action["status_note"] or ""))
    bits.append(_("Who: {names}").format(names=owners_text(action["owners"])))
    if action["due_date"]:
        due = due_cell(action)
        bits.append(_("Due: {date}").format(date=due if isinstance(due, str) else due[0]))
    if action["meeting_date"]:
        bits.append(_("Raised at: {meeting}, {date}").format(
            meeting=action["meeting_title"], date=short_date(action["meeting_date"])))
    if action["item_title"]:
        bits.append(_("From item: {title}").format(title=action["item_title"]))
    return action["description"] + "\n" + " · ".join(bits)


# --- the tables -------------------------------------------------------------------------------


class ActionsTable(PagedTable):
    """Actions, a page at a time, with the keys that act on the one under the cursor."""

    BINDINGS = [
        Binding("enter", "select", N_("Change"), id="actions.edit"),
        Binding("d", "act('done')", N_("Done"), id="actions.done"),
        Binding("x", "act('dropped')", N_("Drop"), id="actions.drop"),
    ]

    class Act(Message):
        """Do something to the action under the cursor: 'done', 'dropped' or 'reopen'."""

        def __init__(self, table: ActionsTable, what: str, row: dict[str, Any]) -> None:
            super().__init__()
            self.table, self.what, self.row = table, what, row

    def action_act(self, what: str) -> None:
        if self.current is not None:
            self.post_message(self.Act(self, what, self.current))


class MeetingActionsTable(ActionsTable):
    """A meeting's actions: those closed here can be opened again."""

    BINDINGS = [Binding("u", "act('reopen')", N_("Open again"), id="actions.reopen")]


def action_cells(action: dict[str, Any], last: str) -> list[Cell]:
    """Return the cells of a meeting's action row; `last` is 'raised' or 'item' for the fourth column."""
    where = raised_cell(action) if last == "raised" else (action["item_title"] or "")
    # The state now, not as it stood at the meeting: the keys here act on the state now.
    return [status_cell(action["status"]), action["description"], owners_text(action["owners"]),
            where, due_cell(action)]


def _count_matters(store, meeting_id: str) -> int:
    return actions.count_matters_arising(store.conn, meeting_id)


class ActionsView(Vertical):
    """Matters arising above, this meeting's actions below, and the action under the cursor in full."""

    BINDINGS = [Binding("ctrl+n", "new", N_("New action"), id="actions.new")]
    DEFAULT_CSS = """
    ActionsView { height: 1fr; }
    ActionsView .actions-heading { height: 1; padding: 0 1; text-style: bold; }
    ActionsView #matters-table { height: 3fr; min-height: 4; }
    ActionsView #meeting-actions-table { height: 2fr; min-height: 3; }
    ActionsView #action-detail { height: 3; padding: 0 1; background: $boost; }
    """

    def __init__(self, meeting_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting_id = meeting_id
        self.loaded = False
        self.raised: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        store = self.app.store
        yield Static(_("Matters arising: actions from earlier meetings"), classes="actions-heading",
                     id="matters-heading")
        yield MeetingActionsTable(
            # Due comes last: the "1–30 of 2,000" at the end of the headings covers little of it.
            [Column(N_("Status"), 10), Column(N_("What needs doing"), None), Column(N_("Who"), None),
             Column(N_("Raised at"), 16), Column(N_("Due"), 25)],
            fetch=lambda offset, limit: actions.matters_arising(store, self.meeting_id, limit=limit, offset=offset),
            count=lambda: _count_matters(store, self.meeting_id),
            count_in_thread=self._count_in_thread,
            cells=lambda a: action_cells(a, "raised"),
            empty=N_("No open actions from earlier meetings."),
            id="matters-table",
        )
        yield Static(_("Actions from this meeting"), classes="actions-heading", id="meeting-actions-heading")
        yield MeetingActionsTable(
            [Column(N_("Status"), 10), Column(N_("What needs doing"), None), Column(N_("Who"), None),
             Column(N_("From item"), 20), Column(N_("Due"), 25)],
            fetch=lambda offset, limit: self.raised[offset:offset + limit],
            count=lambda: len(self.raised),
            cells=lambda a: action_cells(a, "item"),
            empty=N_("No actions yet. Press Ctrl+N to add one."),
            id="meeting-actions-table",
        )
        yield Static(id="action-detail", markup=False)

    def _count_in_thread(self) -> int:
        own = self.app.store.reopen()  # SQLite connections stay in their own thread
        try:
            return _count_matters(own, self.meeting_id)
        finally:
            own.close()

    @property
    def matters(self) -> MeetingActionsTable:
        return self.query_one("#matters-table", MeetingActionsTable)

    @property
    def raised_table(self) -> MeetingActionsTable:
        return self.query_one("#meeting-actions-table", MeetingActionsTable)

    def on_show(self) -> None:
        # Read when first shown, not when the meeting opens: the register must come up at once.
        if not self.loaded:
            self.loaded = True
            self.matters.reload()
            self.reload_raised()
        else:
            self.after_write()

    def focus_list(self) -> None:
        """Put the focus on matters arising, so the keys of this tab work at once."""
        self.matters.focus()

    def reload_raised(self, keep_cursor: bool = False) -> None:
        """Read this meeting's own actions again."""
        self.raised = actions.meeting_actions(self.app.store, self.meeting_id)
        self.raised_table.reload(keep_cursor=keep_cursor)

    def after_write(self) -> None:
        """Redraw both lists from the database, keeping each cursor where it was."""
        # Closing or reopening keeps an action on a meeting's list, so its length is unchanged.
        self.matters.refresh_rows()
        self.reload_raised(keep_cursor=True)
        self.show_detail()

    @property
    def in_use(self) -> MeetingActionsTable:
        """The list the person is working in: the one with focus, else matters arising."""
        return self.raised_table if self.raised_table.has_focus else self.matters

    def show_detail(self, action: dict[str, Any] | None = None) -> None:
        """Show an action (by default the one under the cursor of the list in use) in full."""
        text = describe(action if action is not None else self.in_use.current)
        self.query_one("#action-detail", Static).update(text, layout=False)  # fixed height: no reflow

    def on_paged_table_highlighted(self, event: PagedTable.Highlighted) -> None:
        event.stop()
        if event.table is self.in_use:
            self.show_detail(event.row)

    def on_descendant_focus(self) -> None:
        self.show_detail()

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        event.stop()
        self.open_form(event.row["id"])

    def on_actions_table_act(self, message: ActionsTable.Act) -> None:
        from tui.screens import action_close

        message.stop()
        if message.what == "reopen":
            action_close.reopen(self.app, message.row, self.after_write)
        else:
            action_close.close(self.app, message.row, message.what, self.meeting_id, self.after_write)

    def open_form(self, action_id: str | None) -> None:
        """Open the action form for a new action at this meeting, or to change one."""
        from tui.screens.action_form import ActionForm

        def saved(result: str | None) -> None:
            if result:
                self.after_write()
                if action_id is None:
                    self.raised_table.focus()
                    self.raised_table.move_to(next(
                        (i for i, a in enumerate(self.raised) if a["id"] == result), 0))

        self.app.push_screen(ActionForm(action_id, self.meeting_id), callback=saved)

    def action_new(self) -> None:
        self.open_form(None)

    def palette_commands(self) -> list:
        """Commands for this tab, so its keys are named in the command palette too."""
        from textual.app import SystemCommand

        def on_current(what: str):
            return lambda: self.in_use.run_action(f"act('{what}')")

        return [
            SystemCommand(_("New action (Ctrl+N)"), _("Add an action from this meeting"), self.action_new),
            SystemCommand(_("Mark done (d)"), _("Mark the highlighted action done at this meeting"),
                          on_current("done")),
            SystemCommand(_("Drop (x)"), _("Drop the highlighted action, saying why"), on_current("dropped")),
            SystemCommand(_("Open again (u)"), _("Open a done or dropped action again"), on_current("reopen")),
        ]
