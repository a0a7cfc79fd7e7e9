"""The app in Welsh: switched while it runs and remembered, Textual's own words too, no English left on screen."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from store import meetings
from store.i18n import LOCALES_DIR, current_language, set_language
from tui.app import CoprodApp
from tui.palette import TranslatedPalette

from screen_text import screen_text

SIZE = (140, 40)


def remembered() -> str | None:
    path = Path(os.environ["COPROD_CONFIG"])
    return json.loads(path.read_text(encoding="utf-8")).get("language") if path.exists() else None


async def test_ctrl_l_switches_to_welsh_and_back_and_the_choice_is_remembered(demo_store) -> None:
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Meetings" in screen_text(app) and "^l Cymraeg" in screen_text(app)
        await pilot.press("m")  # somewhere else first: the switch brings the person home
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = screen_text(app)
        assert current_language() == "cy" and remembered() == "cy"
        assert "Cyfarfodydd" in text and "Meetings" not in text
        assert "^l English" in text, "the key names the other language, in that language"
        assert app.screen.__class__.__name__ == "HomeScreen"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert current_language() == "en_GB" and remembered() == "en_GB"
        assert "Meetings" in screen_text(app)


async def test_the_command_palette_speaks_welsh_and_offers_english(demo_store, monkeypatch) -> None:
    set_language("cy")
    monkeypatch.setattr(TranslatedPalette, "_NO_MATCHES_COUNTDOWN", 0.01)
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "^p gorchmynion" in screen_text(app), "the footer's name for Ctrl+P"
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, TranslatedPalette)
        assert "Chwilio am orchmynion…" in screen_text(app)
        for key in "qqxqz":
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await palette._no_matches_timer._task  # the countdown before "no matches" is said
        await pilot.pause()
        assert "Dim byd yn cyfateb" in screen_text(app)
        for _ in range(5):
            await pilot.press("backspace")
        for key in "English":
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert current_language() == "en_GB" and remembered() == "en_GB"
        assert "Meetings" in screen_text(app)


# --- no English left on the Welsh screens --------------------------------------------------------

_PIECES = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|\[/?[a-z$ .#=_-]*\]|\n")


def _data_text(store) -> str:
    """Every text the database holds (names, titles, notes): shown as entered, in whatever language it was written."""
    tables = [row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    texts = []
    for table in tables:
        for row in store.query(f"SELECT * FROM {table}"):
            texts.extend(value for value in tuple(row) if isinstance(value, str))
    return "\n".join(texts)


def _english_fragments(store) -> set[str]:
    """Every piece of English text the catalog translates differently into Welsh, long enough to be telling.

    Pieces that also occur in the data (an organisation called "... Network") are left out.
    """
    data = _data_text(store)
    with (LOCALES_DIR / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    found = set()
    for m in catalog:
        if not m.id or not isinstance(m.id, str) or m.string == m.id:
            continue
        for piece in _PIECES.split(m.id):
            piece = piece.strip(" :.,;·—–()")
            if len(piece) >= 5 and re.search(r"[a-z]{3}", piece) and piece not in m.string and piece not in data:
                found.add(piece)
    return found


def _english_on(text: str, fragments: set[str]) -> list[str]:
    return sorted(f for f in fragments if re.search(r"(?<![\w'])" + re.escape(f) + r"(?![\w'])", text))


@pytest.fixture
def welsh_world(demo_store):
    """The demo network with Welsh meeting titles (data is shown as entered), and coprod in Welsh."""
    for m in demo_store.query("SELECT id FROM meetings"):
        meetings.update_meeting(demo_store, m["id"], {"title": "Cyfarfod y rhwydwaith"})
    today = meetings.upcoming(demo_store)[0]["id"]
    meetings.set_status(demo_store, today, "open")
    set_language("cy")
    return demo_store


SCREENS = {
    "home": (),
    "members": ("m",),
    "organisations": ("o",),
    "actions": ("a",),
    "rate cards": ("r",),
    "sync": ("s",),
    "conflicts": ("x",),
    "register": ("t",),
    "agenda": ("t", "f7"),
    "meeting actions": ("t", "f8"),
    "claims": ("t", "f9"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_no_english_reaches_a_welsh_screen(welsh_world, screen) -> None:
    fragments = _english_fragments(welsh_world)
    app = CoprodApp(welsh_world)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert _english_on(text, fragments) == [], text
