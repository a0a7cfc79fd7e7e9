"""Moving between screens, in one place, so screens never reach into each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import meetings

if TYPE_CHECKING:
    from tui.app import CoprodApp


def go_home(app: CoprodApp) -> None:
    """Close every screen above the home screen."""
    while len(app.screen_stack) > 2 or (len(app.screen_stack) == 2 and app.screen.is_modal):
        app.pop_screen()
    while len(app.screen_stack) > 1:
        app.pop_screen()


def open_meeting(app: CoprodApp, meeting_id: str) -> None:
    """Show a meeting with its register."""
    from tui.screens.meeting import MeetingScreen

    app.push_screen(MeetingScreen(meeting_id))


def open_today(app: CoprodApp) -> None:
    """Show the first meeting today or later, or say there is none."""
    from store.i18n import _

    from store.dates import today

    upcoming = meetings.upcoming(app.store, limit=50)
    # An older meeting left open sorts first; today's is the one people mean.
    upcoming.sort(key=lambda m: m["date"] < today().isoformat())
    if not upcoming:
        app.say(_("There is no meeting today or later. Press n on the home screen to plan one."))
        return
    go_home(app)
    open_meeting(app, upcoming[0]["id"])


def open_members(app: CoprodApp) -> None:
    """Show the members list."""
    from tui.screens.members import MembersScreen

    if not isinstance(app.screen, MembersScreen):
        app.push_screen(MembersScreen())


def open_organisations(app: CoprodApp) -> None:
    """Show the organisations list."""
    from tui.screens.organisations import OrganisationsScreen

    if not isinstance(app.screen, OrganisationsScreen):
        app.push_screen(OrganisationsScreen())


def new_member(app: CoprodApp) -> None:
    """Open the form for a new member."""
    from tui.screens.member_form import MemberForm

    app.push_screen(MemberForm(None))


def new_meeting(app: CoprodApp) -> None:
    """Open the form for a new meeting, and show it once saved."""
    from tui.screens.meeting_form import MeetingForm

    def saved(meeting_id: str | None) -> None:
        if meeting_id:
            open_meeting(app, meeting_id)

    app.push_screen(MeetingForm(None), callback=saved)


def export_attendance(app: CoprodApp, meeting_id: str | None) -> None:
    """Ask where to save attendance, then save it in the background."""
    from tui.screens.export_dialog import ExportDialog

    app.push_screen(ExportDialog(meeting_id))
