"""Moving between screens, in one place, so screens never reach into each other."""

from __future__ import annotations

from collections.abc import Callable
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


def open_actions(app: CoprodApp) -> None:
    """Show every open action in the network."""
    from tui.screens.actions import ActionsScreen

    if not isinstance(app.screen, ActionsScreen):
        app.push_screen(ActionsScreen())


def open_you_said(app: CoprodApp, member_id: str) -> None:
    """Show what became of the items a member put forward."""
    from tui.screens.you_said import YouSaidScreen

    app.push_screen(YouSaidScreen(member_id))


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


def open_claim(app: CoprodApp, claim_id: str, then: Callable[[], None] | None = None) -> None:
    """Show one claim; call `then` when the person leaves it (to read a list again)."""
    from tui.screens.claim import ClaimScreen

    app.push_screen(ClaimScreen(claim_id), callback=(lambda _result: then()) if then else None)


def open_member_claims(app: CoprodApp, member_id: str) -> None:
    """Show a member's claims and what they were paid in each tax year."""
    from tui.screens.member_claims import MemberClaimsScreen

    app.push_screen(MemberClaimsScreen(member_id))


def open_conflicts(app: CoprodApp) -> None:
    """Show the conflicts between laptops that someone needs to sort out."""
    from tui.screens.claim_conflicts import ConflictsScreen

    if not isinstance(app.screen, ConflictsScreen):
        app.push_screen(ConflictsScreen())


def open_rate_cards(app: CoprodApp) -> None:
    """Show the rate cards."""
    from tui.screens.rate_card import RateCardsScreen

    if not isinstance(app.screen, RateCardsScreen):
        app.push_screen(RateCardsScreen())


def choose_who(app: CoprodApp) -> None:
    """Ask who is using coprod on this laptop, and remember it for this database."""
    from tui.screens.who_are_you import choose_who as ask

    ask(app)


def show_who(app: CoprodApp) -> None:
    """Put who is using coprod on this laptop in the header (nothing when no one is chosen)."""
    # The home screen calls this before its first frame: it needs the settings, not the dialog's module.
    from store import local_settings
    from store.i18n import _

    person = local_settings.current_user(app.store)
    app.title = _("coprod · You are: {name}").format(name=person["name"]) if person else "coprod"
