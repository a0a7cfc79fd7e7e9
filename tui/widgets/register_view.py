"""The register of one meeting: filter as you type, one key to mark, counts always on screen.

Every mark is a store command, committed to disk before the screen redraws.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from store import attendance, vocab
from store.errors import CoprodError, MeetingNotOpen
from store.i18n import N_, _
from tui.format import needs_long, needs_short
from tui.widgets.filter_box import FilterBox
from tui.widgets.paged_table import Column, PagedTable

STATUS_MARK = {
    "present": ("✓", "table--good"),
    "apologies": ("~", "table--warn"),
    "absent": ("✗", "table--bad"),
    "expected": ("·", "table--muted"),
}


def status_cell(status: str) -> tuple[str, str]:
    """Return the status as symbol and word (never colour alone), with its style."""
    symbol, cls = STATUS_MARK[status]
    return f"{symbol} {vocab.label(vocab.ATTENDANCE_STATUSES, status)}", cls


def notes_cell(row: dict[str, Any]) -> str:
    """Return late, left early, remote, supporter and role as short words."""
    bits = []
    if row["arrived_at"]:
        bits.append(_("Late {time}").format(time=row["arrived_at"]))
    if row["left_at"]:
        bits.append(_("Left {time}").format(time=row["left_at"]))
    if row["remote"]:
        bits.append(_("Remote"))
    if row["supporter"]:
        bits.append(_("With supporter"))
    if row["role"] not in ("member",):
        bits.append(vocab.label(vocab.ROLES, row["role"]))
    return ", ".join(bits)


class RegisterTable(PagedTable):
    """The register's rows, with the keys that mark the person under the cursor."""

    BINDINGS = [
        Binding("p", "mark('present')", N_("Present"), id="register.present"),
        Binding("a", "mark('apologies')", N_("Apologies"), id="register.apologies"),
        Binding("x", "mark('absent')", N_("Absent"), id="register.absent"),
        Binding("u", "mark('expected')", N_("Unmark"), id="register.unmark", show=False),
        Binding("l", "late", N_("Late"), id="register.late"),
        Binding("e", "left", N_("Left early"), id="register.left"),
        Binding("r", "toggle('remote')", N_("Remote"), id="register.remote"),
        Binding("s", "toggle('supporter')", N_("Supporter"), id="register.supporter", show=False),
        Binding("o", "role", N_("Role"), id="register.role", show=False),
    ]

    class Act(Message):
        """Ask the register to do something to the person under the cursor."""

        def __init__(self, action: str, row: dict[str, Any], arg: str | None = None) -> None:
            super().__init__()
            self.action, self.row, self.arg = action, row, arg

    def _act(self, action: str, arg: str | None = None) -> None:
        if self.current is not None:
            self.post_message(self.Act(action, self.current, arg))

    def action_mark(self, status: str) -> None:
        self._act("mark", status)

    def action_late(self) -> None:
        self._act("late")

    def action_left(self) -> None:
        self._act("left")

    def action_toggle(self, what: str) -> None:
        self._act("toggle", what)

    def action_role(self) -> None:
        self._act("role")


class RegisterView(Vertical):
    """Counts, the filter box, the register table and a line about the person under the cursor."""

    BINDINGS = [
        Binding("slash", "filter", N_("Find"), id="register.find", show=False),
        Binding("ctrl+n", "walk_in", N_("Walk-in"), id="register.walk_in"),
    ]
    DEFAULT_CSS = """
    RegisterView { height: 1fr; }
    RegisterView #counts { padding: 0 1; height: 1; text-style: bold; }
    RegisterView #filter { margin: 0 1; }
    RegisterView #person { height: 2; padding: 0 1; background: $boost; }
    """

    def __init__(self, meeting_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting_id = meeting_id
        self._person_text: str | None = None

    def compose(self) -> ComposeResult:
        store = self.app.store
        yield Static(id="counts")
        yield FilterBox(placeholder=_("Type a name or organisation to find someone"), id="filter")
        columns = [
            Column(N_("Status"), 14), Column(N_("Name"), None), Column(N_("Organisation"), None),
            Column(N_("Access needs"), None), Column(N_("Notes"), 26),
        ]
        yield RegisterTable(
            columns,
            fetch=lambda offset, limit: attendance.register_rows(
                store, self.meeting_id, self.search, offset=offset, limit=limit),
            count=lambda: attendance.register_size(store, self.meeting_id, self.search),
            count_in_thread=self._count_in_thread,
            cells=self._cells,
            empty=N_("No one matches. Press Ctrl+N to add a walk-in."),
            id="register",
        )
        yield Static(id="person")

    def _count_in_thread(self) -> int:
        own = self.app.store.reopen()  # SQLite connections stay in their own thread
        try:
            return attendance.register_size(own, self.meeting_id, self.search)
        finally:
            own.close()

    @property
    def search(self) -> str:
        return self.query_one("#filter", Input).value

    @property
    def table(self) -> RegisterTable:
        return self.query_one(RegisterTable)

    def _cells(self, row: dict[str, Any]) -> list:
        return [status_cell(row["status"]), row["name"], row["organisation"] or "",
                needs_short(row["access_needs"]), notes_cell(row)]

    def on_mount(self) -> None:
        self.table.reload()
        self.update_counts()

    def update_counts(self) -> None:
        """Show present, apologies, absent and not marked, in words."""
        c = attendance.counts(self.app.store, self.meeting_id)
        text = _("Present {present} · Apologies {apologies} · Absent {absent} · Not marked {unmarked} · of {total}").format(**c)
        if c["remote"]:
            text += " · " + _("{n} remote").format(n=c["remote"])
        self.query_one("#counts", Static).update(text, layout=False)  # fixed height: no reflow per mark

    # --- filtering --------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.table.reload()
        self.show_person(self.table.current)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        filter_box = self.query_one("#filter", Input)
        if filter_box.has_focus and event.key in ("down", "up", "pagedown", "pageup"):
            event.stop()
            self.table.focus()
            if event.key == "up":
                self.table.action_cursor(-1)
            elif event.key in ("pagedown", "pageup"):
                self.table.action_page(1 if event.key == "pagedown" else -1)
        elif filter_box.has_focus and event.key == "escape" and filter_box.value:
            event.stop()
            filter_box.value = ""
        elif self.table.has_focus and event.key == "backspace":
            event.stop()
            filter_box.focus()
            filter_box.value = filter_box.value[:-1]
            filter_box.cursor_position = len(filter_box.value)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    # --- the person under the cursor -------------------------------------------

    def on_paged_table_highlighted(self, event: PagedTable.Highlighted) -> None:
        self.show_person(event.row)

    def show_person(self, row: dict[str, Any] | None) -> None:
        """Show the person under the cursor: name, status and access needs in full."""
        if row is None:
            text = ""
        else:
            needs = needs_long(row["access_needs"]) or _("No access needs recorded.")
            text = f"{row['name']} — {status_cell(row['status'])[0]}\n{_('Access needs')}: {needs}"
        if text != self._person_text:
            # Unchanged text is not drawn again: a second paint a frame later is what a
            # person typing fast would feel as lag.
            self._person_text = text
            self.query_one("#person", Static).update(text, layout=False)

    # --- acting ---------------------------------------------------------------

    def on_register_table_act(self, message: RegisterTable.Act) -> None:
        message.stop()
        row = message.row
        if message.action == "mark":
            self.run_command(lambda: attendance.mark(self.app.store, self.meeting_id, row["member_id"], message.arg),
                             row, after_mark=True, adds_row=False)
        elif message.action == "toggle":
            value = not row[message.arg]
            self.run_command(lambda: attendance.set_details(
                self.app.store, self.meeting_id, row["member_id"], **{message.arg: value}), row, adds_row=False)
        elif message.action in ("late", "left"):
            self.ask_time(row, message.action)
        elif message.action == "role":
            self.ask_role(row)

    def run_command(self, command, row: dict[str, Any] | None = None, after_mark: bool = False,
                    adds_row: bool = False) -> bool:
        """Run a store command; redraw from the database once it is committed."""
        try:
            command()
        except MeetingNotOpen:
            self.post_message(self.NeedsOpen(lambda: self.run_command(command, row, after_mark, adds_row)))
            return False
        except CoprodError as exc:
            self.app.say(exc.message, error=True)
            return False
        self.after_write(after_mark, adds_row, row)
        return True

    class NeedsOpen(Message):
        """The meeting is not open: ask the facilitator, then carry on."""

        def __init__(self, then) -> None:
            super().__init__()
            self.then = then

    def after_write(self, after_mark: bool = False, adds_row: bool = True,
                    row: dict[str, Any] | None = None) -> None:
        """Redraw rows and counts; after a mark, get ready for the next person.

        Only a walk-in (or a change from elsewhere) adds a row; a mark keeps the
        count, so the list is not counted again on the path a facilitator uses most.
        """
        filter_box = self.query_one("#filter", Input)
        if after_mark and filter_box.value:
            # Someone found by name: clear the box for the next arrival.
            with filter_box.prevent(Input.Changed):
                filter_box.value = ""
            self.table.reload()
            filter_box.focus()
        else:
            if adds_row:
                self.table.reload(keep_cursor=True)
            elif row is not None and self.table.current is not None \
                    and self.table.current["member_id"] == row["member_id"]:
                fresh = attendance.register_entry(self.app.store, self.meeting_id, row["member_id"])
                self.table.replace_row(self.table.cursor, fresh)
            else:
                self.table.refresh_rows()
            if after_mark:
                self.table.action_cursor(1)
            else:
                self.table.move_to(self.table.cursor)
        self.show_person(self.table.current)
        self.update_counts()

    def ask_time(self, row: dict[str, Any], which: str) -> None:
        from store.dates import now_hhmm
        from tui.screens.dialogs import TimeDialog

        if which == "late":
            question = _("What time did {name} arrive?").format(name=row["name"])
            current = row["arrived_at"]
            command = attendance.mark_arrived
        else:
            question = _("What time did {name} leave?").format(name=row["name"])
            current = row["left_at"]
            command = attendance.mark_left

        def done(value: str | None) -> None:
            if value is not None:
                self.run_command(lambda: command(self.app.store, self.meeting_id, row["member_id"], value), row)

        self.app.push_screen(TimeDialog(question, current or now_hhmm()), callback=done)

    def ask_role(self, row: dict[str, Any]) -> None:
        from tui.screens.dialogs import ChoiceDialog

        def done(code: str | None) -> None:
            if code:
                self.run_command(lambda: attendance.set_details(
                    self.app.store, self.meeting_id, row["member_id"], role=code), row)

        choices = [(code, _(label)) for code, label in vocab.ROLES.items()]
        self.app.push_screen(ChoiceDialog(_("What is {name}'s role at this meeting?").format(name=row["name"]),
                                          choices, row["role"]), callback=done)

    def action_walk_in(self) -> None:
        from tui.screens.walk_in import WalkInDialog

        def done(result: dict[str, str] | None) -> None:
            if not result:
                return

            def walk_in() -> None:
                attendance.add_walk_in(self.app.store, self.meeting_id, **result)
                self.app.say(_("Marked {name} present.").format(name=result.get("name") or ""))

            self.run_command(walk_in, after_mark=True, adds_row=True)

        self.app.push_screen(WalkInDialog(self.search), callback=done)
