"""The agenda as one list: proposals waiting, the running order, and items that went elsewhere.

Each part has a heading line the cursor steps over. Rows come from one
store.agenda.agenda() call and are held here; a move swaps two rows and
repaints their two lines.
"""

from __future__ import annotations

from typing import Any

from rich.cells import set_cell_size
from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from store.i18n import N_, _, ngettext
from tui.widgets.agenda_text import item_cells, minutes_text
from tui.widgets.paged_table import Column, PagedTable

COLUMNS = [Column(N_("Item"), None), Column(N_("Proposed by"), None), Column(N_("Kind"), 12),
           Column(N_("Time"), 7), Column(N_("State"), None)]
NARROW = 100  # below this many cells the kind column goes


def build_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the table's rows: a heading, then the items, for each part of the agenda."""
    rows: list[dict[str, Any]] = []
    waiting = data["proposals"]
    rows.append(_heading("proposals", ngettext("Waiting for a decision: {n} item", "Waiting for a decision: {n} items",
                                               len(waiting)).format(n=len(waiting)) if waiting
                         else _("Waiting for a decision: none")))
    rows += [_with_cells(dict(item, section="proposals")) for item in waiting]
    order = data["order"]
    rows.append(_heading("order", ngettext("Running order: {n} item, {time}", "Running order: {n} items, {time}",
                                           len(order)).format(n=len(order), time=minutes_text(data["total_minutes"]))))
    rows += [_with_cells(dict(item, section="order", number=k)) for k, item in enumerate(order, start=1)]
    other = data["other"]
    if other:
        rows.append(_heading("other", ngettext("Not on this agenda: {n} item", "Not on this agenda: {n} items",
                                               len(other)).format(n=len(other))))
        rows += [_with_cells(dict(item, section="other")) for item in other]
    return rows


def _with_cells(row: dict[str, Any]) -> dict[str, Any]:
    # Worked out once per read, not once per paint: dates go through babel.
    row["cells"] = item_cells(row)
    return row


def _heading(section: str, text: str) -> dict[str, Any]:
    return {"heading": True, "section": section, "text": text, "id": f"heading-{section}"}


class AgendaTable(PagedTable):
    """The agenda's rows, with the keys that act on the item under the cursor."""

    BINDINGS = [
        # First, so the footer names it first: Enter is the key used most while the meeting runs.
        Binding("enter,m", "act('minutes')", N_("Minutes"), id="agenda.minutes"),
        Binding("a", "act('accept')", N_("Accept"), id="agenda.accept"),
        Binding("d", "act('decline')", N_("Decline"), id="agenda.decline"),
        Binding("f", "act('defer')", N_("Later meeting"), id="agenda.defer", show=False),
        Binding("g", "act('merge')", N_("Join with another"), id="agenda.merge", show=False),
        Binding("e", "act('edit')", N_("Edit"), id="agenda.edit", show=False),
        Binding("t", "act('timebox')", N_("Time"), id="agenda.timebox", show=False),
        Binding("ctrl+up,shift+up", "move(-1)", N_("Move up"), id="agenda.up", show=False),
        Binding("ctrl+down,shift+down", "move(1)", N_("Move down"), id="agenda.down", show=False),
        Binding("s", "act('start')", N_("Start"), id="agenda.start"),
        Binding("n", "act('next')", N_("Next item"), id="agenda.next"),
        Binding("i", "act('interest')", N_("Interest"), id="agenda.interest", show=False),
        Binding("w", "act('withdraw')", N_("Take back an interest"), id="agenda.withdraw", show=False),
    ]
    COMPONENT_CLASSES = PagedTable.COMPONENT_CLASSES | {"table--section"}

    class Act(Message):
        """Ask the agenda to do something to the item under the cursor."""

        def __init__(self, action: str, item: dict[str, Any] | None) -> None:
            super().__init__()
            self.action, self.item = action, item

    class Move(Message):
        """Move the item under the cursor one place up or down the running order."""

        def __init__(self, item: dict[str, Any] | None, step: int) -> None:
            super().__init__()
            self.item, self.step = item, step

    def __init__(self, **kwargs: Any) -> None:
        self.rows: list[dict[str, Any]] = []
        super().__init__(COLUMNS, fetch=lambda offset, limit: self.rows[offset:offset + limit],
                         count=lambda: len(self.rows), cells=lambda row: row["cells"],
                         empty=N_("Nothing on this agenda yet. Press p to propose an item."), **kwargs)

    # --- rows ---------------------------------------------------------------

    def show_rows(self, rows: list[dict[str, Any]], keep_id: str | None = None) -> None:
        """Show `rows`, with the cursor on the item `keep_id` if it is still there."""
        self.rows = rows
        self.reload(keep_cursor=True)
        index = self.index_of(keep_id) if keep_id else None
        self.move_to(index if index is not None else self.cursor)

    def index_of(self, item_id: str | None) -> int | None:
        """Return the row index of an item, or None."""
        return next((k for k, row in enumerate(self.rows) if row["id"] == item_id), None)

    def swap(self, first: int, second: int) -> None:
        """Swap two neighbouring running-order rows and repaint just their lines; the cursor goes with the item."""
        rows = self.rows
        rows[first], rows[second] = rows[second], rows[first]
        rows[first]["number"], rows[second]["number"] = rows[second]["number"], rows[first]["number"]
        _with_cells(rows[first])
        _with_cells(rows[second])
        self.replace_row(first, rows[first])
        self.replace_row(second, rows[second])
        if self.cursor in (first, second):
            self.cursor = second if self.cursor == first else first

    @property
    def item(self) -> dict[str, Any] | None:
        """The item under the cursor (None on a heading or an empty agenda)."""
        row = self.current
        return None if row is None or row.get("heading") else row

    # --- moving the cursor over headings ------------------------------------

    def move_to(self, index: int, step: int = 1) -> None:
        """Put the cursor on row `index`, or the nearest item in the direction of `step` if it is a heading."""
        if self.total == 0:
            return
        index = max(0, min(index, self.total - 1))
        for direction in (step, -step):
            k = index
            while 0 <= k < self.total and self.rows[k].get("heading"):
                k += direction
            if 0 <= k < self.total:
                index = k
                break
        super().move_to(index)
        if index > 0 and self.top == index and self.rows[index - 1].get("heading"):
            # Scrolling up to a part's first item brings its heading into view too.
            self.top = index - 1
            self.refresh()

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step, step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.rows_visible - 1, 1), direction)

    def action_jump(self, where: int) -> None:
        self.move_to(self.total - 1 if where < 0 else 0, -1 if where < 0 else 1)

    # --- drawing ------------------------------------------------------------

    def widths(self, total: int) -> list[int]:
        """Give the item's title two fifths of the room the fixed columns leave; the rest to proposer and state.

        Below 100 cells the kind goes (the line under the list still says it), so titles stay readable.
        """
        kind = 12 if total >= NARROW else 0
        room = max(total - kind - 7 - len(self.columns) - 2, 24)
        title = room * 2 // 5
        proposer = room * 3 // 10
        return [title, proposer, kind, 7, room - title - proposer]

    def render_line(self, y: int) -> Strip:
        if y > 0 and self.total:
            row = self.row_at(self.top + y - 1)
            if row is not None and row.get("heading"):
                width = self.size.width
                base = self._base if self._base is not None else self.rich_style
                style = base + self.style_of("table--section")
                return Strip([Segment(set_cell_size(" " + row["text"], width), style)], width)
        return super().render_line(y)

    def position_text(self) -> str:
        """Say in words whether there is more of the agenda above or below (headings make row counts misleading)."""
        above, below = self.top > 0, self.top + self.rows_visible < self.total
        if above and below:
            return _("↑↓ more above and below")
        if below:
            return _("↓ more below")
        if above:
            return _("↑ more above")
        return ""

    # --- keys ---------------------------------------------------------------

    def action_act(self, action: str) -> None:
        self.post_message(self.Act(action, self.item))

    def action_move(self, step: int) -> None:
        self.post_message(self.Move(self.item, step))
