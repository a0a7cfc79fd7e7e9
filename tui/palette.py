"""The command palette in the person's language.

Textual writes a few words of its own into the palette and the footer: the
search field's placeholder, "No matches found", and the footer's name for the
palette key. They are listed here so the catalog holds them, and the palette
below says them in the current language.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from store.i18n import N_, _

# The footer's name for Ctrl+P, and its tooltip: Textual's own words, translated as the footer draws them.
FOOTER_WORDS = (N_("palette"), N_("Open the command palette"))


class TranslatedPalette(CommandPalette):
    """Textual's command palette, saying its own words in the current language."""

    def __init__(self, placeholder: str | None = None, **kwargs) -> None:
        super().__init__(placeholder=placeholder or _("Search for commands…"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's version adds "No matches found" in English; this one says it in the person's language.
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False  # nothing typed: nothing to say

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
