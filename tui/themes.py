"""coprod's own themes, and choosing one.

"coprod-high-contrast" keeps every piece of text at 7:1 or more against what
is behind it (WCAG AAA); "coprod-light" is dark text on light grounds at
4.5:1 or more (WCAG AA). tests/tui/test_themes.py measures both, in the
colours Textual derives and on the drawn screen. Colours that Textual's own
widgets fix in their stylesheets (faded tab names, for one) are set right for
these themes in styles/themes.tcss.

The theme chosen in the command palette is remembered on this laptop.
NO_COLOR is Textual's to honour (it draws in greys); with nothing chosen,
coprod then takes the high-contrast theme, whose greys are the furthest apart.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme

from store.i18n import N_, _

if TYPE_CHECKING:
    from textual.app import App

HIGH_CONTRAST = Theme(
    name="coprod-high-contrast",
    # Yellow and cyan on black: the cursor rows and buttons they fill take black text.
    primary="#FFD700",
    secondary="#7FDBFF",
    accent="#5CE1FF",
    warning="#FFD700",
    error="#FF8C8C",
    success="#6CFF6C",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF14",
    dark=True,
    variables={
        # Textual fades secondary text to 60% and 38%: too faint for 7:1 on the panels.
        "text": "auto 100%",
        "text-muted": "auto 88%",
        "text-disabled": "auto 80%",
        "foreground-muted": "#E6E6E6",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFD700",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#262626",
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFD700",
        "input-selection-foreground": "#000000",
        "border-blurred": "#A0A0A0",
        "scrollbar": "#B0B0B0",
        "scrollbar-hover": "#FFFFFF",
        "scrollbar-active": "#FFD700",
        "scrollbar-background": "#000000",
        "scrollbar-background-hover": "#000000",
        "scrollbar-background-active": "#000000",
    },
)

LIGHT = Theme(
    name="coprod-light",
    primary="#0B5394",
    secondary="#5B3E8C",
    accent="#0B5394",
    warning="#7A4E00",
    error="#A8001E",
    success="#1B6A2E",
    foreground="#1A1A1A",
    background="#F7F7F7",
    surface="#FFFFFF",
    panel="#E2E7EE",
    dark=False,
    variables={
        "text": "auto 100%",
        "text-muted": "auto 80%",
        "text-disabled": "auto 68%",
        "foreground-muted": "#3D3D3D",
        "footer-key-foreground": "#0B5394",
        "footer-description-foreground": "#1A1A1A",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-background": "#0B5394",
        "block-cursor-blurred-foreground": "#1A1A1A",
        "block-cursor-blurred-background": "#CFD8E3",
        "button-foreground": "#1A1A1A",
        "button-color-foreground": "#FFFFFF",
        "input-cursor-background": "#1A1A1A",
        "input-cursor-foreground": "#FFFFFF",
        "input-selection-background": "#0B5394",
        "input-selection-foreground": "#FFFFFF",
        "border-blurred": "#6B6B6B",
        "scrollbar": "#4A5568",
        "scrollbar-hover": "#2D3748",
        "scrollbar-active": "#0B5394",
        "scrollbar-background": "#E2E7EE",
        "scrollbar-background-hover": "#E2E7EE",
        "scrollbar-background-active": "#E2E7EE",
    },
)

THEMES = (HIGH_CONTRAST, LIGHT)

# The contrast each of our themes promises its text, as WCAG counts it.
PROMISED_CONTRAST = {HIGH_CONTRAST.name: 7.0, LIGHT.name: 4.5}

# What the theme chooser calls each theme, in words, with what it is for.
THEME_WORDS = {
    "textual-dark": (N_("Dark"), N_("coprod's usual colours")),
    HIGH_CONTRAST.name: (N_("High contrast"), N_("White and yellow on black, the strongest contrast")),
    LIGHT.name: (N_("Light"), N_("Dark text on a light background")),
}


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """Return the WCAG 2 relative luminance of an sRGB colour given as 0–255 channels."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """Return the WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def register_themes(app: App, display: dict[str, Any]) -> None:
    """Register coprod's themes with `app` and start it in the remembered one (or high contrast for NO_COLOR).

    `display` is what this laptop remembers of how the app is shown (store.local_settings.remembered_display).
    """
    for theme in THEMES:
        app.register_theme(theme)
    chosen = display.get("theme")
    if isinstance(chosen, str) and chosen in app.available_themes:
        app.theme = chosen
    elif os.environ.get("NO_COLOR") is not None:
        app.theme = HIGH_CONTRAST.name


def theme_name(name: str) -> str:
    """Return what the chooser calls theme `name`, in the current language."""
    words = THEME_WORDS.get(name)
    return _(words[0]) if words else name


def choose_theme(app: App, name: str) -> None:
    """Show the app in theme `name` and remember it on this laptop."""
    from store.errors import CoprodError
    from store.local_settings import remember_display

    app.theme = name
    try:
        remember_display(theme=name)
    except CoprodError as exc:
        app.notify(exc.message, severity="error", timeout=6)


class ThemeChoices(Provider):
    """The command palette's list of themes: coprod's own first, in words; choosing one remembers it."""

    def _choices(self) -> list[tuple[str, str, str]]:
        order = list(THEME_WORDS)
        names = sorted(self.app.available_themes, key=lambda n: (order.index(n) if n in order else len(order), n))
        return [(name, theme_name(name), _(THEME_WORDS[name][1]) if name in THEME_WORDS else "")
                for name in names]

    async def discover(self) -> Hits:
        for name, title, help_text in self._choices():
            yield DiscoveryHit(title, lambda name=name: choose_theme(self.app, name), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, title, help_text in self._choices():
            score = max(matcher.match(title), matcher.match(name))
            if score > 0:
                yield Hit(score, matcher.highlight(title), lambda name=name: choose_theme(self.app, name),
                          text=title, help=help_text)
