"""The coprod Textual app: opens the database and shows the home screen."""

from __future__ import annotations

import os
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store.db import Store, open_store
from store.i18n import N_, _
from tui.paths import STYLES



class CoprodApp(App[None]):
    """Run a Co-production Network meeting from one laptop."""

    TITLE = "coprod"
    CSS_PATH = [STYLES / "app.tcss"]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
        Binding("f1", "show_help", N_("Help"), id="help"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def get_default_screen(self) -> Screen:
        from tui.screens.home import HomeScreen

        return HomeScreen()

    def on_ready(self) -> None:
        if os.environ.get("COPROD_EXIT_AFTER_FIRST_FRAME"):
            self.call_after_refresh(self.exit)
            return
        # Load what the first write needs while the person reads the screen.
        self.run_worker(_warm_up, thread=True, exclusive=True, group="warm-up")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.commands import app_commands

        yield from app_commands(self, screen)

    def action_show_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def say(self, message: str, error: bool = False) -> None:
        """Show a short message in the corner, in plain words."""
        self.notify(message, severity="error" if error else "information", timeout=6 if error else 3)


def _warm_up() -> None:
    import store.models  # noqa: F401  (pydantic: the first mark would otherwise wait for it)
    import babel.dates  # noqa: F401


def run_app(db: str | None = None) -> int:
    """Open the database and run the app until the person quits."""
    store = open_store(db)
    try:
        CoprodApp(store).run()
    finally:
        store.close()
    return 0
