"""Every key is named, in the Footer or the command palette, and F1 explains the screen in front of you.

The first tests read every class in tui/screens and tui/widgets that binds
keys. The palette test then visits each screen that has keys kept out of the
footer and finds a palette command naming each one. The F1 tests press F1 on
the main screens and read the help shown.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from drive import SIZE, open_today
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

import tui.screens
import tui.widgets
from store.i18n import _
from tui.app import CoprodApp
from tui.commands import app_commands
from tui.screen_help import HELP, MOVING_KEYS, key_name, screen_help
from tui.screens.help import HelpScreen

# Keys that move a list's cursor: known to everyone, named in F1's help rather than in the palette.
MOVING = MOVING_KEYS


def _classes(*packages) -> list[type]:
    found = [CoprodApp]
    for package in packages:
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            found += [v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__]
    return found


CLASSES = _classes(tui.screens, tui.widgets)
BINDING_CLASSES = [c for c in CLASSES if c.__dict__.get("BINDINGS")]


def test_every_binding_has_an_id_and_a_description() -> None:
    assert len(BINDING_CLASSES) > 20
    missing = [f"{cls.__name__}: {b.key} → {b.action}" for cls in BINDING_CLASSES for b in cls.__dict__["BINDINGS"]
               if not (isinstance(b, Binding) and b.id and b.description)]
    assert not missing, missing


def test_every_screen_has_its_own_help_in_words() -> None:
    screens = [c for c in CLASSES if issubclass(c, Screen) and c.__module__.startswith("tui.screens")]
    assert len(screens) > 30
    assert not [c.__name__ for c in screens if c.__name__ not in HELP]
    names = {c.__name__ for c in screens}
    assert not [k for k in HELP if k.split("#")[0] not in names], "help for a screen that no longer exists"
    assert all(title.strip() and len(text.split()) >= 5 for title, text in HELP.values())


def _hidden(node) -> list[Binding]:
    """coprod's own bindings on `node` (or class) that the footer leaves out (Textual's widgets bring their own)."""
    kind = node if isinstance(node, type) else type(node)
    return [b for cls in kind.__mro__ if cls.__module__.startswith("tui.") for b in cls.__dict__.get("BINDINGS", [])
            if isinstance(b, Binding) and not b.show and b.id not in MOVING]


def _showing(widget) -> bool:
    return all(node.display for node in widget.ancestors_with_self if hasattr(node, "display"))


async def test_every_key_kept_out_of_the_footer_is_named_in_the_palette(demo_store, open_meeting) -> None:
    from tui.screens import navigation

    app = CoprodApp(demo_store)
    unnamed, checked = [], set()

    async def check(where: str) -> None:
        await pilot.pause()
        screen = app.screen
        titles = [c.title.lower() for c in app_commands(app, screen)]
        for node in [*(w for w in screen.query("*") if _showing(w)), screen, app]:
            for binding in _hidden(node):
                checked.add(next(c.__name__ for c in type(node).__mro__ if binding in c.__dict__.get("BINDINGS", [])))
                if not any(_(binding.description).lower() in title for title in titles):
                    unnamed.append(f"{where}: {binding.key} {_(binding.description)!r} ({binding.id})")

    async with app.run_test(size=SIZE) as pilot:
        await check("home")
        await open_today(pilot)
        await pilot.press("down")
        await check("register")
        for key, tab in (("f7", "agenda"), ("f8", "actions tab"), ("f9", "claims tab")):
            await pilot.press(key)
            await check(tab)
        navigation.go_home(app)
        for opener, where in ((navigation.open_actions, "open actions"), (navigation.open_members, "members"),
                              (navigation.open_organisations, "organisations"),
                              (navigation.open_rate_cards, "rate cards"), (navigation.open_conflicts, "conflicts")):
            opener(app)
            await check(where)
            navigation.go_home(app)
    assert not unnamed, "\n".join(unnamed)
    with_hidden = {c.__name__ for c in BINDING_CLASSES
                   if any(not b.show and b.id not in MOVING for b in c.__dict__["BINDINGS"])}
    assert with_hidden and with_hidden <= checked, f"not visited: {with_hidden - checked}"


def _help(app) -> tuple[str, str, str]:
    assert isinstance(app.screen, HelpScreen)
    read = [str(app.screen.query_one(f"#{name}", Static).render()) for name in ("help-title", "help-text",
                                                                               "help-key-list")]
    return read[0], read[1], read[2]


async def _press_f1(pilot) -> tuple[str, str, str]:
    behind = pilot.app.screen
    title, text = screen_help(behind)
    await pilot.press("f1")
    await pilot.pause()
    shown = _help(pilot.app)
    assert shown[0] == f"Help: {title}" and shown[1] == text
    return shown


def _key_line(keys: str, key: str, what: str) -> bool:
    return any(line.split()[:1] == [key] and line.endswith(what) for line in keys.splitlines())


@pytest.mark.parametrize(("steps", "title", "its_key", "not_its_key"), [
    pytest.param((), "Home", ("t", "Today's meeting"), ("p", "Present"), id="home"),
    pytest.param(("t",), "The register", ("p", "Present"), ("a", "Accept"), id="register"),
    pytest.param(("t", "f7"), "The agenda", ("a", "Accept"), ("p", "Present"), id="agenda"),
    pytest.param(("t", "f9"), "The claims", ("Ctrl+D", "Draft claims from the register"), ("a", "Accept"),
                 id="claims"),
    pytest.param(("m",), "Members", ("Ctrl+N", "New member"), ("t", "Today's meeting"), id="members"),
    pytest.param(("s",), "Sync", ("Ctrl+S", "Sync now"), ("t", "Today's meeting"), id="sync"),
])
async def test_f1_shows_help_for_the_screen_in_front_with_its_own_keys(demo_store, open_meeting, steps, title,
                                                                       its_key, not_its_key) -> None:
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if steps:
            await pilot.press(*steps)
            await pilot.pause()
        behind = app.screen
        shown_title, _text, keys = await _press_f1(pilot)
        assert shown_title == f"Help: {title}"
        assert _key_line(keys, *its_key), keys
        assert not _key_line(keys, *not_its_key)
        assert _key_line(keys, "Esc" if behind.__class__.__name__ != "HomeScreen" else "F1",
                         "Back" if behind.__class__.__name__ != "HomeScreen" else "Help")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is behind


async def test_f1_again_closes_help_and_help_from_the_palette_explains_the_screen_behind_it(demo_store,
                                                                                            open_meeting) -> None:
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        meeting = app.screen
        await _press_f1(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is meeting
        await pilot.press("ctrl+p", *"help")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert _help(app)[0] == "Help: The register"


async def test_help_names_keys_the_way_keyboards_print_them(demo_store, open_meeting) -> None:
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f7", "f1")
        await pilot.pause()
        keys = _help(app)[2]
    for key, what in (("Ctrl+N", "From the floor"), ("Ctrl+↑ / Shift+↑", "Move up"), ("Enter / m", "Minutes"),
                      ("↓", "Down"), ("Page Down", "Page down"), ("F6", "Register"), ("Ctrl+Q", "Quit")):
        assert any(line.startswith(key + "  ") and line.endswith(what) for line in keys.splitlines()), (key, keys)
    assert key_name(Binding("slash", "find", "Find")) == "/"
