"""F1: help for the screen in front of you, in a box that Esc closes.

What the screen is for, in plain words, then the keys that work on it now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.i18n import N_, _
from tui.footer import TranslatedFooter
from tui.paths import STYLES
from tui.screen_help import screen_help, screen_keys

if TYPE_CHECKING:
    from textual.app import App


def keys_text(keys: list[tuple[str, str]]) -> str:
    """Return the keys as two columns of plain text, one key a line, so a screen reader reads each pair together."""
    if not keys:
        return _("This screen has no keys of its own.")
    width = max(cell_len(k) for k, _what in keys)
    return "\n".join(k + " " * (width - cell_len(k) + 2) + what for k, what in keys)


class HelpScreen(ModalScreen[None]):
    """What a screen is for, in plain words, and its keys with what each does."""

    CSS_PATH = STYLES / "help.tcss"
    AUTO_FOCUS = "#help-keys"
    BINDINGS = [Binding("escape,f1", "close", N_("Close help"), id="help.close")]

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title, self.help_text, self.keys = title, text, keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(_("Help: {screen}").format(screen=self.help_title), id="help-title", markup=False)
            yield Static(self.help_text, id="help-text", markup=False)
            yield Static(_("Keys"), classes="help-heading")
            with VerticalScroll(id="help-keys"):
                yield Static(keys_text(self.keys), id="help-key-list", markup=False)
            yield Static(_("Ctrl+P lists every command. Escape or F1 closes this help."), classes="hint")
        yield TranslatedFooter(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)


def show_help(app: App) -> None:
    """Open help for the screen in front (or close it, when help is what is in front)."""
    screen = app.screen
    if isinstance(screen, HelpScreen):
        screen.dismiss(None)
        return
    title, text = screen_help(screen)
    app.push_screen(HelpScreen(title, text, screen_keys(screen)))
