"""What the screen in front of the person says, as plain lines of text."""

from __future__ import annotations

from textual.app import App


def drawn_strips(app: App) -> list:
    """Return the screen as drawn now (with the screens behind a dialog), a list of strips a line."""
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens).strips


def screen_lines(app: App) -> list[str]:
    """Return every line of the screen as drawn now, styles dropped."""
    return ["".join(strip.text for strip in line) for line in drawn_strips(app)]


def screen_text(app: App) -> str:
    """Return the whole screen as one text, a line to a line."""
    return "\n".join(screen_lines(app))
