"""The coprod Textual app: opens the database and shows the home screen."""

from __future__ import annotations

import os
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store.db import Store, open_store
from store.i18n import N_, _, current_language, set_language
from tui.paths import STYLES


class CoprodApp(App[None]):
    """Run a Co-production Network meeting from one laptop."""

    TITLE = "coprod"
    CSS_PATH = [STYLES / "app.tcss", STYLES / "themes.tcss"]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
        Binding("f1", "show_help", N_("Help"), id="help"),
        # The description names the OTHER language, in that language: its Welsh translation is "English".
        Binding("ctrl+l", "switch_language", N_("Cymraeg"), id="language", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        from store.local_settings import remembered_display
        from tui import motion, themes

        display = remembered_display()  # read once for both
        themes.register_themes(self, display)
        motion.start(self, display)

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

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.palette import TranslatedPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(TranslatedPalette(id="--command-palette"))

    def search_themes(self) -> None:
        from tui.palette import TranslatedPalette
        from tui.themes import ThemeChoices

        self.push_screen(TranslatedPalette(providers=[ThemeChoices], placeholder=_("Search for themes…")))

    async def action_switch_language(self) -> None:
        """Switch between Welsh and English, remember the choice, and draw the app again in it."""
        from store.errors import CoprodError
        from store.local_settings import remember_language

        code = set_language("en_GB" if current_language() == "cy" else "cy")
        try:
            remember_language(code)
        except CoprodError as exc:
            self.say(exc.message, error=True)
        # Every screen says its words as it is built: go back to home and build it again in the new language.
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        home = self.screen
        await home.recompose()
        home.load()
        home.refresh_bindings()  # the new footer draws its keys when told the bindings are there
        self.say(_("You are using coprod in English. Ctrl+L changes the language."))

    def action_show_help(self) -> None:
        from tui.screens.help import show_help

        show_help(self)

    def on_descendant_focus(self, event) -> None:
        from tui.motion import steady

        steady(event.widget)  # a text cursor keeps still while motion is reduced

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
