"""What the screen in front of the person says, as plain lines of text."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App) -> list[str]:
    """Return every line of the screen as drawn now, styles dropped."""
    update = app.screen._compositor.render_full_update()
    return ["".join(strip.text for strip in line) for line in update.strips]


def screen_text(app: App) -> str:
    """Return the whole screen as one text, a line to a line."""
    return "\n".join(screen_lines(app))
