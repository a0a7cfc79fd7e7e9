"""Reduced motion: nothing on screen moves or changes by itself more than it must.

Turned on by the palette's "Reduce motion" command (remembered on this
laptop) or by Textual's own environment variable TEXTUAL_ANIMATIONS=none.
Then Textual animates nothing (scrolling jumps, tabs switch without a
slide, a busy progress bar stands still), text cursors stop blinking, and the
agenda's timers count in whole minutes, so their line changes once a minute
rather than every second. Being over time is still shown at once.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from store.i18n import _

if TYPE_CHECKING:
    from textual.app import App

ENVIRONMENT = "TEXTUAL_ANIMATIONS"


def asked_by_environment() -> bool:
    """Return True when TEXTUAL_ANIMATIONS=none asks for no animation."""
    return os.environ.get(ENVIRONMENT, "").strip().lower() == "none"


def reduced(app: App) -> bool:
    """Return True when `app` is keeping still."""
    return app.animation_level == "none"


def start(app: App, display: dict[str, Any]) -> None:
    """Keep `app` still from the start if this laptop chose it (in `display`) or the environment asks."""
    if display.get("reduce_motion") is True or asked_by_environment():
        app.animation_level = "none"


def set_reduced(app: App, on: bool) -> None:
    """Turn reduced motion on or off now, on every screen already open."""
    app.animation_level = "none" if on else "full"
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            steady(widget)


def toggle(app: App) -> None:
    """Switch reduced motion on or off, remember the choice, and say what it is now."""
    from store.errors import CoprodError
    from store.local_settings import remember_display

    on = not reduced(app)
    set_reduced(app, on)
    try:
        remember_display(reduce_motion=on)
    except CoprodError as exc:
        app.notify(exc.message, severity="error", timeout=6)
        return
    app.notify(_("Motion reduced: nothing moves by itself. The timers count whole minutes.") if on
               else _("Motion back to normal."), timeout=3)


def steady(widget: Widget) -> None:
    """Stop a text cursor blinking while motion is reduced (and let it blink again when it is not)."""
    if hasattr(widget, "cursor_blink"):
        widget.cursor_blink = not reduced(widget.app)


def steady_timer(app: App, timer: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return the agenda timer in whole minutes while motion is reduced, so its line changes once a minute.

    Time used is rounded up: the allowed times are whole minutes, so an item
    one second over its time still reads as over, by a minute.
    """
    if timer is None or not reduced(app):
        return timer
    calm = dict(timer)
    for key in ("item_used_seconds", "meeting_used_seconds"):
        if calm.get(key) is not None:
            calm[key] = math.ceil(calm[key] / 60) * 60
    return calm
