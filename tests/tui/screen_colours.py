"""Reading colours: a theme's CSS variables as Textual derives them, our stylesheets' colour rules, the drawn screen."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.theme import Theme

import tui
from tui.paths import STYLES
from tui.themes import contrast_ratio

from screen_text import drawn_strips


def theme_variables(theme: Theme) -> dict[str, str]:
    """The CSS variables a running app gets from `theme`, as App.get_css_variables builds them."""
    return {**theme.to_color_system().generate(), **theme.variables}


class Palette:
    """A theme's colours, resolved the way Textual paints them: alpha blended onto what lies beneath, "auto" picked
    for contrast with it."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.variables = theme_variables(theme)

    def colour(self, value: str, under: Color | None = None) -> Color:
        """Resolve "$name", "$name 40%", "auto 87%" or "#hex" to an opaque colour over `under` (the background)."""
        under = under if under is not None else self.colour("$background", Color(0, 0, 0))
        value = value.strip()
        alpha = 1.0
        if m := re.fullmatch(r"(.+?)\s+(\d+(?:\.\d+)?)%", value):
            value, alpha = m.group(1), float(m.group(2)) / 100
        if value.startswith("$"):
            value = self.variables[value[1:]]
            if m := re.fullmatch(r"(.+?)\s+(\d+(?:\.\d+)?)%", value):
                value, alpha = m.group(1), alpha * float(m.group(2)) / 100
        colour = under.get_contrast_text(1.0) if value == "auto" else Color.parse(value)
        colour = colour.multiply_alpha(alpha)
        return under + colour if colour.a < 1 else colour

    def ratio(self, text: str, background: str, under: str = "$background") -> float:
        """The contrast of `text` on `background` (itself laid over `under`)."""
        back = self.colour(background, self.colour(under))
        return contrast_ratio(self.colour(text, back).rgb, back.rgb)


@dataclass
class Rule:
    """One block of a stylesheet: where it came from, its selector, and its colour and background if it sets them."""

    source: str
    selector: str
    color: str | None
    background: str | None


def _blocks(css: str, source: str) -> Iterator[Rule]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    stack: list[tuple[str, dict[str, str]]] = []
    text = ""
    for ch in css:
        if ch == "{":
            stack.append((text.strip(), {}))
            text = ""
        elif ch == ";" and stack:
            name, _colon, value = text.partition(":")
            stack[-1][1][name.strip()] = value.strip()
            text = ""
        elif ch == "}" and stack:
            selector, declarations = stack.pop()
            path = " ".join(s for s, _d in stack) + " " + selector
            if "color" in declarations or "background" in declarations:
                yield Rule(source, path.strip(), declarations.get("color"), declarations.get("background"))
            text = ""
        else:
            text += ch


def coprod_rules() -> list[Rule]:
    """Every colour rule coprod writes: the .tcss files and the DEFAULT_CSS of its own widgets and screens."""
    rules = [rule for path in sorted(STYLES.glob("*.tcss")) for rule in _blocks(path.read_text(), path.name)]
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "DEFAULT_CSS" in vars(value):
                rules += _blocks(value.DEFAULT_CSS, f"{module.__name__}.{value.__name__}")
    return rules


def drawn_segments(app: App) -> Iterator[tuple[int, Segment]]:
    """Every segment of the screen as drawn now (with the screens behind a dialog), with its line."""
    for y, line in enumerate(drawn_strips(app)):
        for strip in line:
            for segment in strip:
                yield y, segment


def low_contrast(app: App, minimum: float) -> list[str]:
    """Describe each visible piece of text on screen whose colours are less than `minimum` apart."""
    found = []
    for y, segment in drawn_segments(app):
        style = segment.style
        if not segment.text.strip() or style is None:
            continue
        fore, back = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
        if fore is None or back is None:
            found.append(f"line {y}: {segment.text!r} has no colour of its own ({style})")
            continue
        fore_rgb, back_rgb = tuple(fore.get_truecolor()), tuple(back.get_truecolor())
        if fore_rgb == back_rgb:
            continue  # drawn in its background's colour: nothing shows (an unticked box's tick)
        ratio = contrast_ratio(fore_rgb, back_rgb)
        if ratio < minimum:
            found.append(f"line {y}: {segment.text.strip()[:30]!r} {ratio:.2f}:1 ({style})")
    return found


def colours_used(app: App) -> set[tuple[int, int, int]]:
    """Every colour on screen, foreground and background."""
    used = set()
    for _y, segment in drawn_segments(app):
        if segment.style is None:
            continue
        for colour in (segment.style.color, segment.style.bgcolor):
            if colour is not None:
                used.add(tuple(colour.get_truecolor()))
    return used
