"""A table that pages its rows from the database as they come into view.

Textual's DataTable holds every row in memory and takes seconds to show ten
thousand; a register of fifty thousand members needs only the rows on screen.
The owner supplies `fetch(offset, limit)` and `count()`; the table asks for a
page at a time and keeps one page around the visible window.

It keeps its own first visible row instead of using Textual's scrolling: a
change of row count (every keystroke of a filter) would otherwise make the
whole screen lay itself out again. The headings line says in words which rows
are showing, which a scrollbar only shows as a picture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from store.i18n import N_, _, ngettext

Cell = str | tuple[str, str]  # text, or (text, component class for its style)
PAGE = 120


@dataclass(frozen=True)
class Column:
    """A column: its heading (a message id, translated when shown) and width (None = share the rest)."""

    heading: str
    width: int | None = None


class PagedTable(Widget, can_focus=True):
    """Rows fetched page by page; a cursor row; Enter selects."""

    BINDINGS = [
        Binding("up", "cursor(-1)", N_("Up"), id="table.up", show=False),
        Binding("down", "cursor(1)", N_("Down"), id="table.down", show=False),
        Binding("pageup", "page(-1)", N_("Page up"), id="table.page_up", show=False),
        Binding("pagedown", "page(1)", N_("Page down"), id="table.page_down", show=False),
        Binding("home", "jump(0)", N_("First"), id="table.first", show=False),
        Binding("end", "jump(-1)", N_("Last"), id="table.last", show=False),
        # Enter (action "select") is bound by each table that does something with it, in words that say what.
    ]
    COMPONENT_CLASSES = {
        "table--header", "table--cursor", "table--good", "table--warn", "table--bad", "table--muted", "table--empty",
    }
    DEFAULT_CSS = """
    PagedTable { height: 1fr; padding: 0; }
    PagedTable > .table--header { text-style: bold; background: $panel; }
    PagedTable > .table--cursor { background: $accent; color: $text; text-style: bold; }
    PagedTable:blur > .table--cursor { background: $panel-lighten-2; }
    PagedTable > .table--good { color: $success; }
    PagedTable > .table--warn { color: $warning; }
    PagedTable > .table--bad { color: $error; }
    PagedTable > .table--muted { color: $text-muted; }
    PagedTable > .table--empty { color: $text-muted; text-style: italic; }
    """

    # watch_cursor repaints the two lines that change; the default repaint of
    # the whole table on every move tripled the cost of a mark.
    cursor: reactive[int] = reactive(0, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: PagedTable, index: int, row: Any) -> None:
            super().__init__()
            self.table, self.index, self.row = table, index, row

    class Selected(Highlighted):
        """The person pressed Enter on a row."""

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Callable[[int, int], list[Any]],
        count: Callable[[], int],
        cells: Callable[[Any], Sequence[Cell]],
        empty: str = N_("Nothing to show."),
        count_in_thread: Callable[[], int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self._fetch, self._count, self._cells = fetch, count, cells
        # A count that opens its own connection, so a long list is counted in a
        # worker while its first page is already on screen (DESIGN rule 10).
        self._count_in_thread = count_in_thread
        self.counting = False
        self._generation = 0
        self.empty_text = empty
        self.total = 0
        self.top = 0  # the first row on screen
        self._styles: dict[str, Style] = {}
        self._base: Style | None = None
        self._page_start = 0
        self._page: list[Any] = []

    # --- data -------------------------------------------------------------

    def reload(self, keep_cursor: bool = False) -> None:
        """Count again, drop the cached page and redraw (after a filter or a write)."""
        # Read the first page first: when it is not full it is everything, and the
        # count (a second pass over the table) is not needed.
        self._page, self._page_start = self._fetch(0, PAGE), 0
        self._generation += 1
        self.counting = False
        if len(self._page) < PAGE:
            self.total = len(self._page)
        elif self._count_in_thread is not None and not keep_cursor:
            self.total = len(self._page)  # for now: the rows we have
            self.counting = True
            self._count_later(self._generation)
        else:
            self.total = self._count()
        if not keep_cursor:
            self.top = 0
        self.cursor = min(self.cursor if keep_cursor else 0, max(self.total - 1, 0))
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlight()

    def refresh_rows(self) -> None:
        """Re-read the rows on screen (after a write that keeps the order)."""
        self._page = []
        self.refresh()

    def _count_later(self, generation: int) -> None:
        def work() -> None:
            total = self._count_in_thread()
            self.app.call_from_thread(self._counted, generation, total)

        self.run_worker(work, thread=True, group="count", exclusive=True)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # the filter changed while counting; a newer count is on its way
        self.counting = False
        self.total = total
        # Only the headings line says the total; the rows on screen are unchanged.
        self.refresh(Region(0, 0, self.size.width, 1))

    def replace_row(self, index: int, row: Any) -> None:
        """Put a re-read row in place and repaint just its line (a mark keeps the order)."""
        offset = index - self._page_start
        if 0 <= offset < len(self._page):
            self._page[offset] = row
            self._refresh_row(index)
        else:
            self.refresh_rows()

    def row_at(self, index: int) -> Any | None:
        """Return row `index`, fetching its page if needed."""
        if not 0 <= index < self.total:
            return None
        if not self._page_start <= index < self._page_start + len(self._page):
            height = self.rows_visible
            start = max(0, index - (PAGE - height) // 2)
            self._page = self._fetch(start, PAGE)
            self._page_start = start
        offset = index - self._page_start
        return self._page[offset] if offset < len(self._page) else None

    @property
    def current(self) -> Any | None:
        """The row under the cursor, or None when the table is empty."""
        return self.row_at(self.cursor)

    # --- drawing ----------------------------------------------------------

    def style_of(self, component: str) -> Style:
        """Return a component class's style, looked up once per theme rather than once per line."""
        if component not in self._styles:
            self._styles[component] = self.get_component_rich_style(component)
        return self._styles[component]

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def widths(self, total: int) -> list[int]:
        """Return each column's width for a table `total` cells wide."""
        fixed = sum(c.width or 0 for c in self.columns) + len(self.columns) + 2
        flex = [c for c in self.columns if c.width is None]
        share = max(8, (total - fixed) // max(len(flex), 1))
        return [c.width if c.width is not None else share for c in self.columns]

    @property
    def rows_visible(self) -> int:
        """How many rows fit under the headings."""
        return max(self.size.height - 1, 1)

    def position_text(self) -> str:
        """Return which rows are showing, in words: '1–30 of 4,812'."""
        if self.total == 0:
            return ""
        last = min(self.top + self.rows_visible, self.total)
        if self.counting:
            return _("{first}–{last} of …").format(first=self.top + 1, last=last)
        return ngettext("{first}–{last} of {total:,}", "{first}–{last} of {total:,}", self.total).format(
            first=self.top + 1, last=last, total=self.total)

    def render_lines(self, crop: Region) -> list[Strip]:
        # rich_style walks every ancestor's styles: read it once per paint, not per line.
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self._base if self._base is not None else self.rich_style
        if y == 0:
            # The headings, and where we are in the list, stay on the first line.
            style = base + self.style_of("table--header")
            text = "  " + " ".join(set_cell_size(_(c.heading), w) for c, w in zip(self.columns, self.widths(width)))
            where = self.position_text()
            text = set_cell_size(text, max(width - cell_len(where) - 1, 0)) + " " + where
            return Strip([Segment(set_cell_size(text, width), style)], width)
        index = self.top + y - 1
        if self.total == 0:
            if y == 1:
                text = set_cell_size("  " + _(self.empty_text), width)
                return Strip([Segment(text, base + self.style_of("table--empty"))], width)
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        row_style = base + self.style_of("table--cursor") if is_cursor else base
        segments = [Segment("▶ " if is_cursor else "  ", row_style)]
        for cell, w in zip(self._cells(row), self.widths(width)):
            text, cls = (cell, None) if isinstance(cell, str) else cell
            style = row_style
            if cls and not is_cursor:
                style = row_style + self.style_of(cls)
            segments.append(Segment(set_cell_size(text, w), style))
            segments.append(Segment(" ", row_style))
        return Strip(segments).extend_cell_length(width, row_style).crop(0, width)

    def on_resize(self) -> None:
        self._scroll_to_cursor()
        self._page = []
        self.refresh()

    # --- moving -----------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self._step_past_edge(old, new) or self._scroll_to_cursor():
            self.refresh()
        else:
            # Only two lines change: repaint those, not the whole table.
            self._refresh_row(old)
            self._refresh_row(new)

    def _refresh_row(self, index: int) -> None:
        line = index - self.top + 1  # line 0 is the headings
        if 1 <= line < self.size.height:
            self.refresh(Region(0, line, self.size.width, 1))

    def _step_past_edge(self, old: int, new: int) -> bool:
        """Walking one row off the bottom (or top) turns most of a page, as mail readers do; return True if so.

        Marking down a list moves one row at a time: scrolling by one row would
        redraw every line on every step, where this redraws them once a page,
        and the last few rows stay in view to check.
        """
        height = self.rows_visible
        keep = max(2, height // 4)  # rows of the old page still in view
        if height <= 2 * keep:
            return False
        if new == old + 1 and new == self.top + height:
            self.top = max(0, min(new - keep, self.total - height))
        elif new == old - 1 and new == self.top - 1:
            self.top = max(0, new - height + 1 + keep)
        else:
            return False
        return True

    def _scroll_to_cursor(self) -> bool:
        """Move the first visible row so the cursor is on screen; return True if it moved."""
        top = self.top
        height = self.rows_visible
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + height:
            self.top = self.cursor - height + 1
        self.top = max(0, min(self.top, max(self.total - height, 0)))
        return self.top != top

    def _scroll_by(self, rows: int) -> None:
        height = self.rows_visible
        self.top = max(0, min(self.top + rows, max(self.total - height, 0)))
        self.cursor = max(self.top, min(self.cursor, self.top + height - 1))
        self.refresh()

    def on_mouse_scroll_down(self, event) -> None:
        event.stop()
        self._scroll_by(3)

    def on_mouse_scroll_up(self, event) -> None:
        event.stop()
        self._scroll_by(-3)

    def _post_highlight(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor, self.current))

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped)."""
        if self.total == 0:
            return
        self.cursor = max(0, min(index, self.total - 1))
        self._post_highlight()

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.rows_visible - 1, 1))

    def action_jump(self, where: int) -> None:
        self.move_to(self.total - 1 if where < 0 else 0)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.cursor, self.current))

    def on_click(self, event) -> None:
        index = self.top + event.y - 1
        if event.y >= 1 and 0 <= index < self.total:
            self.move_to(index)
            self.focus()
