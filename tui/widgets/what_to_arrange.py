"""What to arrange for a meeting, on its Details tab: the access needs of the people expected, added up.

Read each time it comes into view, so it follows the register (someone sending
apologies drops out of the counts) and members' changed needs. The reading
runs in a worker on its own connection: on a network of thousands it walks
the whole register. Counts and kinds only, as the export is.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.errors import CoprodError
from store.i18n import _


class WhatToArrange(VerticalScroll):
    """The meeting's access needs added up, as lines under a heading; it scrolls when long."""

    def __init__(self, meeting_id: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meeting_id = meeting_id
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static(self._text([_("Reading the register…")]), id="what-to-arrange-text")

    def on_show(self) -> None:
        self.load()

    def load(self) -> None:
        """Read the summary again in a worker; the lines on screen change when it is ready."""
        self._generation += 1
        self._read(self._generation)

    @work(thread=True, exclusive=True, group="what-to-arrange")
    def _read(self, generation: int) -> None:
        from store.access_summary import summary_lines, what_to_arrange

        store = self.app.store.reopen()
        try:
            lines = summary_lines(what_to_arrange(store, self.meeting_id))
        except CoprodError as exc:
            lines = [exc.message]
        finally:
            store.close()
        self.app.call_from_thread(self._show_lines, generation, lines)

    def _show_lines(self, generation: int, lines: list[str]) -> None:
        if generation != self._generation:
            return  # a newer reading is on its way
        self.query_one("#what-to-arrange-text", Static).update(self._text(lines))

    @staticmethod
    def _text(lines: list[str]) -> Text:
        # Text, not markup: a note such as "[gluten-free]" is shown as typed.
        return Text.assemble((_("What to arrange"), "bold"), "\n", "\n".join(lines))

    @property
    def shown_text(self) -> str:
        """The plain text on screen: the heading and the lines."""
        return str(self.query_one("#what-to-arrange-text", Static).render())
