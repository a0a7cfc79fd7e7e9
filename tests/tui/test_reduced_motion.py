"""Reduced motion: chosen in the palette and remembered, or asked for with TEXTUAL_ANIMATIONS=none.

Then Textual animates nothing, text cursors stand still, and the agenda's
timers count whole minutes (their line changes once a minute), while being
over time still shows at once.
"""

from __future__ import annotations

import json

from drive import SIZE, open_today
from drive_agenda import today_agenda
from textual.widgets import Input

from store import agenda_run
from store.dates import today
from tui.app import CoprodApp
from tui.motion import steady_timer
from tui.widgets.agenda_text import timer_line


async def _palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def _remembered() -> dict:
    from store.local_settings import settings_path

    return json.loads(settings_path().read_text())["display"]


async def test_reduce_motion_from_the_palette_stops_animation_and_blinking_and_is_remembered(demo_store,
                                                                                              open_meeting) -> None:
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.animation_level == "full"
        await open_today(pilot)
        box = app.screen.query_one("#filter", Input)
        assert app.focused is box and box.cursor_blink
        await _palette(pilot, "reduce motion")
        assert app.animation_level == "none"
        assert not box.cursor_blink  # the box already on screen stops too
        assert any("Motion reduced" in str(n.message) for n in app._notifications)
        assert _remembered()["reduce_motion"] is True
    again = CoprodApp(demo_store)
    async with again.run_test(size=SIZE) as pilot:
        assert again.animation_level == "none"
        await open_today(pilot)
        # A box focused on a screen opened later does not blink either.
        assert again.focused is again.screen.query_one("#filter", Input) and not again.focused.cursor_blink
        await _palette(pilot, "reduce motion")
        assert again.animation_level == "full" and again.focused.cursor_blink
        assert _remembered()["reduce_motion"] is False


async def test_textual_animations_none_in_the_environment_reduces_motion(demo_store, open_meeting,
                                                                         monkeypatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.animation_level == "none"
        await open_today(pilot)
        assert not app.focused.cursor_blink


async def test_reduce_motion_keeps_other_display_choices(demo_store) -> None:
    from store.local_settings import remember_display

    remember_display(theme="coprod-light")
    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await _palette(pilot, "reduce motion")
    assert _remembered() == {"theme": "coprod-light", "reduce_motion": True}


async def test_reduced_motion_timers_count_whole_minutes_and_still_show_over_time(demo_store, open_meeting) -> None:
    item = today_agenda(demo_store).order[0]
    agenda_run.start_item(demo_store, today_agenda(demo_store).items[item]["id"])  # at 10:40, the tests' clock
    allowed = today_agenda(demo_store).items[item]["minutes_allowed"]

    def at(minutes: int, seconds: int) -> dict:
        hour, minute = divmod(10 * 60 + 40 + minutes, 60)
        moment = f"{today().isoformat()}T{hour:02}:{minute:02}:{seconds:02}+00:00"
        return agenda_run.timer(demo_store, open_meeting, moment)

    app = CoprodApp(demo_store)
    async with app.run_test(size=SIZE):
        moving = timer_line(steady_timer(app, at(2, 30)), "open", True, False)[0]
        assert "2 min 30 s" in moving
        app.animation_level = "none"
        still = [timer_line(steady_timer(app, at(2, s)), "open", True, False)[0] for s in (1, 30, 59)]
        assert still == [still[0]] * 3 and "3 min" in still[0] and " s " not in still[0]
        over, is_over = timer_line(steady_timer(app, at(allowed, 1)), "open", True, False)
        assert is_over and "over its time by 1 min" in over
