"""The home screen and the command palette: where the facilitator starts."""

from __future__ import annotations

from drive import SIZE, counts_line, open_today, shown, todays_meeting, type_text
from textual.command import CommandPalette
from textual.widgets import OptionList

from store import attendance, meetings
from tui.screens.home import HomeScreen
from tui.screens.meeting import MeetingScreen
from tui.screens.meeting_form import MeetingForm
from tui.screens.members import MembersScreen


def _listed(app) -> list[str]:
    listing = app.screen.query_one("#meetings", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_home_shows_todays_meeting_in_the_banner(app) -> None:
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, HomeScreen)
        assert shown(app.screen.query_one("#today")) == (
            "Today, Sunday 22 November 2026: Network meeting. Press Enter to open it.")


async def test_home_lists_today_then_past_meetings_newest_first(app) -> None:
    async with app.run_test(size=SIZE):
        assert _listed(app) == [
            "Today and coming up",
            "Sun 22 Nov 2026  10:30–13:00  Network meeting  · Planned",
            "Past meetings",
            "Wed 23 Sept 2026  10:30–13:00  Network meeting  · Closed",
            "Fri 24 Jul 2026  10:30–13:00  Network meeting  · Closed",
            "Sun 24 May 2026  10:30–13:00  Network meeting  · Closed",
        ]
        # Today's meeting is the one Enter would open.
        listing = app.screen.query_one("#meetings", OptionList)
        assert listing.highlighted_option.id == todays_meeting(app.store)
        assert app.focused is listing


async def test_home_summarises_members_and_organisations(demo_store, app) -> None:
    orgs = demo_store.one("SELECT COUNT(*) FROM organisations WHERE deleted_at IS NULL")[0]
    async with app.run_test(size=SIZE):
        assert shown(app.screen.query_one("#members-summary")) == (
            f"55 active members · {orgs} organisations · Press m to find or add members.")


async def test_home_with_no_meeting_today_says_so(store) -> None:
    from tui.app import CoprodApp

    app = CoprodApp(store)
    async with app.run_test(size=SIZE):
        assert shown(app.screen.query_one("#today")) == "Today is Sunday 22 November 2026. No meeting today."
        assert "Nothing planned. Press n to plan a meeting." in _listed(app)
        assert shown(app.screen.query_one("#members-summary")).startswith("0 active members · 0 organisations")


async def test_enter_opens_the_highlighted_meeting(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == todays_meeting(demo_store)
        assert app.focused is app.screen.query_one("#filter")


async def test_arrow_down_and_enter_open_a_past_meeting_with_its_register(demo_store, app) -> None:
    past = meetings.recent(demo_store)[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == past["id"]
        assert "Closed. Press Ctrl+O to reopen it." in shown(app.screen.query_one("#meeting-heading"))
        # The past register shows the marks it was closed with.
        c = attendance.counts(demo_store, past["id"])
        assert c["present"] > 0
        assert counts_line(app).startswith(f"Present {c['present']} · Apologies {c['apologies']} · Absent {c['absent']}")


async def test_t_opens_todays_meeting(demo_store, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        assert app.screen.meeting_id == todays_meeting(demo_store)
        assert shown(app.screen.query_one("#meeting-heading")).startswith(
            "Network meeting — Sunday 22 November 2026 10:30–13:00")


async def test_m_opens_members_and_n_opens_a_new_meeting_form(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)


async def test_home_shows_a_closed_meeting_as_closed_on_return(demo_store, open_meeting, app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        await pilot.press("f3")
        await pilot.click("#leave")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Sun 22 Nov 2026  10:30–13:00  Network meeting  · Closed" in _listed(app)


# --- the command palette -------------------------------------------------------------


async def test_palette_offers_the_apps_own_commands(app) -> None:
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Home", "Today's meeting", "Members", "Organisations", "New meeting", "New member",
                      "Export attendance", "Theme", "Reduce motion", "Help (F1)", "Quit"):
            assert title in titles


async def test_palette_on_the_register_names_the_keys_the_footer_hides(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_today(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Unmark (u)", "Came with a supporter (s)", "Role at this meeting (o)",
                      "Edit details (F2)", "Export this meeting's attendance (F4)", "Close meeting (F3)"):
            assert title in titles


async def test_typing_in_the_palette_finds_and_runs_members(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "members")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        found = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any(text.startswith("Members") for text in found)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)


async def test_palette_new_meeting_opens_the_meeting_form(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "new meeting")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)


def _leave_a_past_meeting_open(store) -> None:
    """A past meeting reopened to fix a mark and never closed again."""
    meetings.set_status(store, meetings.recent(store)[0]["id"], "open")


async def test_t_opens_todays_meeting_even_when_an_older_one_was_left_open(demo_store, app) -> None:
    _leave_a_past_meeting_open(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == todays_meeting(demo_store)


async def test_enter_opens_todays_meeting_as_the_banner_says_even_with_an_older_one_open(demo_store, app) -> None:
    _leave_a_past_meeting_open(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app.screen.query_one("#today")).endswith("Network meeting. Press Enter to open it.")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.meeting_id == todays_meeting(demo_store)
