"""The Agenda tab: the total against the meeting's length, the timer, the agenda and the item under the cursor.

Every key is a store command, committed before the screen redraws; the
screen then reads the agenda again in one call. Moving an item is the one
exception that redraws only what changed: the two rows that swapped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from store import agenda, agenda_run
from store.errors import CoprodError, MeetingNotOpen
from store.i18n import N_, _
from tui.motion import steady_timer
from tui.widgets.agenda_table import AgendaTable, build_rows
from tui.widgets.agenda_text import detail_lines, summary_line, timer_line
from tui.widgets.paged_table import PagedTable

# (binding id, key as people read it, what it does): the palette names every one.
PALETTE = (
    ("agenda.accept", N_("a"), N_("Put the item on the running order, with its time")),
    ("agenda.decline", N_("d"), N_("Say no, and say why so the member knows")),
    ("agenda.defer", N_("f"), N_("Move the item to a later meeting, which decides on it again")),
    ("agenda.merge", N_("g"), N_("Join a duplicate with another item; both proposers are kept")),
    ("agenda.edit", N_("e"), N_("Change the title, what is wanted, the minutes or the summary")),
    ("agenda.timebox", N_("t"), N_("Change how many minutes the item gets")),
    ("agenda.up", N_("Ctrl+↑"), N_("Move the item one place up the running order")),
    ("agenda.down", N_("Ctrl+↓"), N_("Move the item one place down the running order")),
    ("agenda.start", N_("s"), N_("Start the item under the cursor")),
    ("agenda.next", N_("n"), N_("End the item on now and start the next")),
    ("agenda.minutes", N_("Enter"), N_("Write the minutes and the decision for the item")),
    ("agenda.interest", N_("i"), N_("Record that someone has an interest in the item")),
    ("agenda.withdraw", N_("w"), N_("Take back a declaration of interest")),
    ("agenda.propose", N_("p"), N_("A member asks for time at this meeting")),
    ("agenda.floor", N_("Ctrl+N"), N_("Any other business from the floor, on the running order at once")),
)


class AgendaView(Vertical):
    """Everything about one meeting's agenda, for triage before the meeting and for running it."""

    BINDINGS = [
        Binding("p", "propose", N_("Propose"), id="agenda.propose"),
        Binding("ctrl+n", "floor", N_("From the floor"), id="agenda.floor", show=False),
    ]

    class NeedsOpen(Message):
        """The meeting is not open: ask the facilitator, then carry on."""

        def __init__(self, then: Callable[[], Any]) -> None:
            super().__init__()
            self.then = then

    def __init__(self, meeting_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting_id = meeting_id
        self.data: dict[str, Any] | None = None
        self._detail_text: str | None = None
        self._timer_text: str | None = None
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-summary")
        yield Static(id="agenda-timer")
        yield AgendaTable(id="agenda-table")
        yield Static(id="agenda-detail")

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1, self.tick, pause=True)

    @property
    def table(self) -> AgendaTable:
        """The agenda list."""
        return self.query_one(AgendaTable)

    @property
    def status(self) -> str:
        """The meeting's status as last read: planned, open or closed."""
        return self.data["meeting"]["status"] if self.data else "planned"

    # --- reading and showing ------------------------------------------------------

    def load(self, keep_id: str | None = None) -> None:
        """Read the agenda again and show it, keeping the cursor on `keep_id` (or the item it was on)."""
        store = self.app.store
        self.data = agenda.agenda(store, self.meeting_id)
        current = self.table.item
        self.table.show_rows(build_rows(self.data), keep_id or (current["id"] if current else None))
        text, over = summary_line(self.data)
        summary = self.query_one("#agenda-summary", Static)
        summary.update(text)
        summary.set_class(over, "-overrun")
        self.show_detail(self.table.item)
        order = self.data["order"]
        # The meeting's clock runs from its first item's start until every item has ended.
        in_progress = self.status == "open" and any(i["started_at"] for i in order) \
            and not all(i["ended_at"] for i in order)
        self.tick()
        if self._ticker is not None:
            if in_progress:
                self._ticker.resume()
            else:
                self._ticker.pause()

    def tick(self) -> None:
        """Show time used against time allowed, for the item on now and the meeting (called once a second)."""
        if self.data is None:
            return
        order = self.data["order"]
        started = any(i["started_at"] for i in order)
        timer = steady_timer(self.app, agenda_run.timer(self.app.store, self.meeting_id)) if started else None
        finished = bool(order) and all(i["ended_at"] for i in order)
        text, over = timer_line(timer, self.status, started, finished)
        if text != self._timer_text:
            self._timer_text = text
            line = self.query_one("#agenda-timer", Static)
            line.update(text)
            line.set_class(over, "-over")

    def stop_ticking(self) -> None:
        """Stop the timer line while the agenda is out of sight."""
        if self._ticker is not None:
            self._ticker.pause()

    def show_detail(self, item: dict[str, Any] | None) -> None:
        """Show the item under the cursor in full, and the keys that work on it."""
        arising = self.data["matters_arising_count"] if self.data else 0
        text = "\n".join(detail_lines(item, self.status, arising))
        if text != self._detail_text:
            self._detail_text = text
            self.query_one("#agenda-detail", Static).update(text, layout=False)  # fixed height

    def on_paged_table_highlighted(self, event: PagedTable.Highlighted) -> None:
        event.stop()
        self.show_detail(self.table.item)

    # --- running store commands ---------------------------------------------------

    def run_command(self, command: Callable[[], Any], keep: str | Callable[[Any], str | None] | None = None,
                    done: Callable[[Any], None] | None = None) -> bool:
        """Run a store command, then read the agenda again; a planned meeting is offered to be opened first."""
        try:
            result = command()
        except MeetingNotOpen:
            self.post_message(self.NeedsOpen(lambda: self.run_command(command, keep, done)))
            return False
        except CoprodError as exc:
            self.app.say(exc.message, error=True)
            return False
        self.load(keep(result) if callable(keep) else keep)
        if done is not None:
            done(result)
        return True

    def on_agenda_table_move(self, message: AgendaTable.Move) -> None:
        message.stop()
        item, table = message.item, self.table
        if item is None or item["section"] != "order":
            self.app.say(_("Only items on the running order can be moved. Accept the item first."), error=True)
            return
        index = table.cursor
        other = index + message.step
        neighbour = table.rows[other] if 0 <= other < len(table.rows) else None
        if neighbour is None or neighbour.get("section") != "order" or neighbour.get("heading"):
            self.app.bell()  # already first or last
            return
        try:
            moved = agenda_run.move(self.app.store, item["id"], message.step)
        except CoprodError as exc:
            self.app.say(exc.message, error=True)
            return
        if moved:
            table.swap(index, other)
        # The database holds the truth: if its order is not the one shown (another
        # laptop's change arrived), read the whole agenda again.
        on_disk = [row["id"] for row in agenda.accepted_rows(self.app.store.conn, self.meeting_id)]
        if on_disk != [row["id"] for row in table.rows if row.get("section") == "order" and not row.get("heading")]:
            self.load(item["id"])
        self.after_move()

    def after_move(self) -> None:
        """Called once a move is committed and its rows redrawn (the benchmark times up to here)."""

    def on_agenda_table_act(self, message: AgendaTable.Act) -> None:
        message.stop()
        from tui.widgets import agenda_steps

        item = message.item
        if self.status == "closed" and message.action != "minutes":
            self.say_closed()
            return
        if message.action == "next":
            agenda_steps.next_item(self)
            return
        if item is None:
            self.app.say(_("Move the cursor to an item first."), error=True)
            return
        getattr(agenda_steps, message.action)(self, item)

    def say_closed(self) -> None:
        """Say, before any question is asked, that a closed meeting's agenda cannot change."""
        self.app.say(_("This meeting is closed. Press Ctrl+O to reopen it and change the agenda."), error=True)

    def action_propose(self) -> None:
        from tui.widgets import agenda_steps

        if self.status == "closed":
            self.say_closed()
            return
        agenda_steps.propose(self)

    def action_floor(self) -> None:
        from tui.widgets import agenda_steps

        if self.status == "closed":
            self.say_closed()
            return
        agenda_steps.floor(self)

    # --- the command palette -------------------------------------------------------

    def palette_commands(self) -> list:
        """A command for every agenda key, named with its key, for the command palette."""
        from textual.app import SystemCommand

        descriptions = {b.id: b.description for b in [*AgendaTable.BINDINGS, *self.BINDINGS]}
        actions = {b.id: b.action for b in [*AgendaTable.BINDINGS, *self.BINDINGS]}
        commands = []
        for binding_id, key, help_text in PALETTE:
            title = _("{what} ({key})").format(what=_(descriptions[binding_id]), key=_(key))
            owner = self if binding_id in ("agenda.propose", "agenda.floor") else self.table
            commands.append(SystemCommand(title, _(help_text),
                                          lambda owner=owner, action=actions[binding_id]: owner.run_action(action)))
        return commands
