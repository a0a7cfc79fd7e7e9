"""coprod's themes keep the contrast they promise, the chosen theme is remembered, and NO_COLOR draws in greys.

High contrast promises 7:1 for every piece of text (WCAG AAA), light 4.5:1
(WCAG AA). Both are measured three ways: the colour pairs Textual's widgets
and ours use, worked out from the theme's CSS variables; every colour rule in
coprod's own stylesheets; and every piece of text on the drawn screens.
"""

from __future__ import annotations

import json

import pytest
from drive import SIZE, still
from screen_colours import Palette, coprod_rules, colours_used, low_contrast
from textual.widgets import Checkbox, TabbedContent

from tui.app import CoprodApp
from tui.screens import navigation
from tui.themes import HIGH_CONTRAST, LIGHT, PROMISED_CONTRAST, contrast_ratio

THEMES = [pytest.param(HIGH_CONTRAST, id="high-contrast"), pytest.param(LIGHT, id="light")]

# (what it is, text colour, its background): the pairs Textual's widgets and ours put text on.
PAIRS = [
    ("text on the screen", "$text", "$background"),
    ("text on a surface: boxes and dialogs", "$text", "$surface"),
    ("text on a panel", "$text", "$panel"),
    ("foreground on the screen", "$foreground", "$background"),
    ("foreground on a surface", "$foreground", "$surface"),
    ("foreground on a panel: the header", "$foreground", "$panel"),
    ("foreground on boost: the lines under lists", "$foreground", "$boost"),
    ("text on boost", "$text", "$boost"),
    ("muted text on the screen", "$text-muted", "$background"),
    ("muted text on a surface", "$text-muted", "$surface"),
    ("muted text on boost", "$text-muted", "$boost"),
    ("a box's placeholder", "$text-disabled", "$surface"),
    ("muted foreground", "$foreground-muted", "$surface"),
    ("primary text on a surface", "$text-primary", "$surface"),
    ("primary text on the screen", "$text-primary", "$background"),
    ("accent text", "$text-accent", "$background"),
    ("success title of a message", "$text-success", "$panel-lighten-1"),
    ("warning title of a message", "$text-warning", "$panel-lighten-1"),
    ("error title of a message", "$text-error", "$panel-lighten-1"),
    ("a message's words", "$foreground", "$panel-lighten-1"),
    ("footer key", "$footer-key-foreground", "$footer-background"),
    ("footer description", "$footer-description-foreground", "$footer-background"),
    ("footer", "$footer-foreground", "$footer-background"),
    ("table headings", "$text", "$panel"),
    ("table cursor row", "$text", "$accent"),
    ("table cursor row, table not focused", "$text", "$panel-lighten-2"),
    ("a good state in a table", "$success", "$background"),
    ("a warning state in a table", "$warning", "$background"),
    ("a bad state in a table", "$error", "$background"),
    ("a muted state in a table", "$text-muted", "$background"),
    ("typing in a box", "$foreground", "$surface"),
    ("a box's cursor", "$input-cursor-foreground", "$input-cursor-background"),
    ("selected text in a box", "$input-selection-foreground", "$input-selection-background"),
    ("a button", "$button-foreground", "$panel"),
    ("a primary button", "$button-color-foreground", "$primary"),
    ("a success button", "$button-color-foreground", "$success"),
    ("a warning button", "$button-color-foreground", "$warning"),
    ("an error button", "$button-color-foreground", "$error"),
    ("a tab's name", "$foreground", "$background"),
    ("the highlighted choice, focused", "$block-cursor-foreground", "$block-cursor-background"),
    ("the highlighted choice, not focused", "$block-cursor-blurred-foreground", "$block-cursor-blurred-background"),
    ("a choice that cannot be chosen", "$text-disabled", "$surface"),
    ("a ticked box", "$text-success", "$panel"),
]


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_colour_pair_the_theme_derives_keeps_its_promised_contrast(theme) -> None:
    colours, minimum = Palette(theme), PROMISED_CONTRAST[theme.name]
    under = {"$block-cursor-blurred-background": "$surface", "$input-selection-background": "$surface"}
    short = [f"{what}: {text} on {back} is {ratio:.2f}:1" for what, text, back in PAIRS
             if (ratio := colours.ratio(text, back, under.get(back, "$background"))) < minimum]
    assert not short, f"{theme.name} promises {minimum}:1\n" + "\n".join(short)


@pytest.mark.parametrize("theme", THEMES)
def test_every_colour_rule_in_coprods_stylesheets_keeps_the_promised_contrast(theme) -> None:
    colours, minimum = Palette(theme), PROMISED_CONTRAST[theme.name]
    rules = coprod_rules()
    assert any(r.source == "themes.tcss" for r in rules) and any(r.source.endswith("PagedTable") for r in rules)
    short = []
    for rule in rules:
        text = [rule.color.replace("!important", "")] if rule.color else ["$text", "$foreground"]
        backs = [rule.background.replace("!important", "")] if rule.background else ["$background", "$surface"]
        for fore in text:
            for back in backs:
                if fore.strip() in ("transparent", "initial", "inherit") or back.strip() in ("transparent", "initial"):
                    continue
                if fore.strip() == back.strip():
                    continue  # drawn in its own background's colour on purpose: an unticked box shows no mark
                if (ratio := colours.ratio(fore, back)) < minimum:
                    short.append(f"{rule.source} {rule.selector}: {fore} on {back} is {ratio:.2f}:1")
    assert not short, f"{theme.name} promises {minimum}:1\n" + "\n".join(short)


def test_contrast_ratio_follows_the_wcag_formula() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # WCAG's own example pairs: #767676 is the lightest grey that reaches 4.5:1 on white.
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) < 4.5


async def _walk(pilot, demo_store, check) -> list[str]:
    """Go through the main screens and dialogs, calling `check(name)` on each; return the names seen."""
    app, seen = pilot.app, []

    async def look(name: str, screen: str) -> None:
        await pilot.pause()
        assert type(app.screen).__name__ == screen, f"{name}: {app.screen} in front"
        still(app)
        seen.append(name)
        check(name)

    await look("home", "HomeScreen")
    await pilot.press("f1")
    await look("help on home", "HelpScreen")
    await pilot.press("escape", "ctrl+p")
    await look("command palette", "TranslatedPalette")
    await pilot.press("escape")
    app.action_change_theme()
    await look("theme chooser", "TranslatedPalette")
    await pilot.press("escape", "t", "down", "p", "down", "a", "down", "x")
    await look("register, marked, cursor on a row", "MeetingScreen")
    app.say("Saved.")
    app.say("Something went wrong.", error=True)
    await pilot.pause()
    seen.append("messages in the corner")
    check("messages in the corner")
    still(app)
    for key, name in (("f7", "agenda"), ("f8", "actions tab"), ("f9", "claims tab, today")):
        await pilot.press(key)
        await look(name, "MeetingScreen")
    app.screen.query_one(TabbedContent).active = "tab-details"
    await look("meeting details", "MeetingScreen")
    await pilot.press("f6", "down", "f3")
    await look("close meeting dialog", "CloseMeetingDialog")
    await pilot.press("escape")
    navigation.go_home(app)
    past = demo_store.one("SELECT id FROM meetings WHERE status = 'closed' ORDER BY date DESC LIMIT 1")[0]
    navigation.open_meeting(app, past)
    await pilot.pause()
    await pilot.press("f9")
    await look("claims tab, every state", "MeetingScreen")
    await pilot.press("enter")
    await look("one claim", "ClaimScreen")
    navigation.go_home(app)
    await pilot.press("m")
    await look("members", "MembersScreen")
    await pilot.press("ctrl+n", "ctrl+s")
    await look("member form with an error", "MemberForm")
    box = app.screen.query(Checkbox).first()
    box.focus()
    await pilot.press("space")
    await look("member form, a box ticked and the others not", "MemberForm")
    navigation.go_home(app)
    for opener, name, screen in ((navigation.open_actions, "open actions", "ActionsScreen"),
                                 (navigation.open_organisations, "organisations", "OrganisationsScreen"),
                                 (navigation.open_rate_cards, "rate cards", "RateCardsScreen"),
                                 (navigation.open_conflicts, "conflicts", "ConflictsScreen")):
        opener(app)
        await look(name, screen)
        navigation.go_home(app)
    await pilot.press("s")
    await look("sync", "SyncScreen")
    return seen


@pytest.mark.parametrize("theme", THEMES)
async def test_every_piece_of_text_drawn_on_the_main_screens_keeps_the_promised_contrast(demo_store, open_meeting,
                                                                                          theme) -> None:
    app = CoprodApp(demo_store)
    app.theme = theme.name
    minimum = PROMISED_CONTRAST[theme.name]
    short: dict[str, list[str]] = {}

    def check(name: str) -> None:
        if found := low_contrast(app, minimum):
            short[name] = found

    async with app.run_test(size=SIZE) as pilot:
        seen = await _walk(pilot, demo_store, check)
    assert len(seen) == 21
    assert not short, "\n".join(f"{name}:\n  " + "\n  ".join(lines[:8]) for name, lines in short.items())


async def test_no_color_is_honoured_every_colour_drawn_is_a_grey(demo_store, open_meeting, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = CoprodApp(demo_store)
    coloured: dict[str, set] = {}

    def check(name: str) -> None:
        if hues := {rgb for rgb in colours_used(app) if len(set(rgb)) > 1}:
            coloured[name] = hues

    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        # With nothing chosen, the greys are the high-contrast theme's: they stay 7:1 apart.
        assert app.theme == HIGH_CONTRAST.name
        seen = await _walk(pilot, demo_store, check)
        assert not low_contrast(app, 7.0)
    assert len(seen) == 21 and not coloured, coloured


async def test_no_color_keeps_a_theme_the_person_chose(demo_store, monkeypatch) -> None:
    from store.local_settings import remember_display

    remember_display(theme="coprod-light")
    monkeypatch.setenv("NO_COLOR", "1")
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE):
        assert app.no_color and app.theme == "coprod-light"


async def test_theme_chosen_in_the_palette_is_shown_and_remembered_for_the_next_start(demo_store) -> None:
    from store.local_settings import settings_path

    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"high")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        # The screen is drawn in it: the register's black ground and white words.
        assert (0, 0, 0) in colours_used(app) and (255, 255, 255) in colours_used(app)
    assert json.loads(settings_path().read_text())["display"]["theme"] == HIGH_CONTRAST.name
    again = CoprodApp(demo_store)
    async with again.run_test(size=SIZE):
        assert again.theme == HIGH_CONTRAST.name


async def test_theme_chooser_names_coprods_themes_in_words_first(demo_store) -> None:
    from textual.command import CommandList

    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_change_theme()
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        names = [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]
    assert names[:3] == ["Dark", "High contrast", "Light"]


async def test_a_remembered_theme_that_no_longer_exists_starts_in_the_usual_colours(demo_store) -> None:
    from store.local_settings import remember_display

    remember_display(theme="a-theme-since-removed")
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE):
        assert app.theme == "textual-dark"
