"""The app's own commands, for the command palette (Ctrl+P)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from store.i18n import _

if TYPE_CHECKING:
    from tui.app import CoprodApp


def app_commands(app: CoprodApp, screen: Screen) -> Iterable[SystemCommand]:
    """Yield every command the palette offers on `screen`, in the current language."""
    from tui import motion
    from tui.screens import navigation
    from tui.screens.propose_form import propose_item
    from tui.screens.sync import open_sync

    yield SystemCommand(_("Home"), _("Go to the list of meetings"), lambda: navigation.go_home(app))
    yield SystemCommand(_("Today's meeting"), _("Open today's meeting and its register"),
                        lambda: navigation.open_today(app))
    yield SystemCommand(_("Members"), _("Find, add and change members"), lambda: navigation.open_members(app))
    yield SystemCommand(_("Organisations"), _("Find, add and rename organisations"),
                        lambda: navigation.open_organisations(app))
    yield SystemCommand(_("Open actions"), _("Every open action in the network: find one, see one person's"),
                        lambda: navigation.open_actions(app))
    yield SystemCommand(_("New meeting"), _("Plan a new meeting"), lambda: navigation.new_meeting(app))
    yield SystemCommand(_("Propose an item"), _("A member asks for time at a meeting to come"),
                        lambda: propose_item(app))
    yield SystemCommand(_("New member"), _("Add someone to the network"), lambda: navigation.new_member(app))
    yield SystemCommand(_("Conflicts"),
                        _("Claims changed on two laptops at once: see both steps, mark each as dealt with"),
                        lambda: navigation.open_conflicts(app))
    yield SystemCommand(_("Rate cards"), _("What meetings pay: fees, mileage and caps, from the day each starts"),
                        lambda: navigation.open_rate_cards(app))
    yield SystemCommand(_("Sync"), _("Send this laptop's changes to the shared store and bring in everyone else's"),
                        lambda: open_sync(app))
    yield SystemCommand(_("Who are you"), _("Say which member of staff is using coprod on this laptop"),
                        lambda: navigation.choose_who(app))
    yield SystemCommand(_("Export attendance"), _("Save attendance as a spreadsheet"),
                        lambda: navigation.export_attendance(app, getattr(screen, "meeting_id", None)))
    for command in getattr(screen, "palette_commands", lambda: [])():
        yield command
    # Named in the other language, in that language, so someone who can't read this one still finds it.
    yield SystemCommand(_("Cymraeg"), _("Newid i'r Gymraeg · Switch to Welsh"), app.action_switch_language)
    yield SystemCommand(_("Theme"), _("Change the colours"), app.action_change_theme)
    yield SystemCommand(_("Reduce motion"), _("Stop things on screen moving by themselves, or let them move again"),
                        lambda: motion.toggle(app))
    yield SystemCommand(_("Help (F1)"), _("What this screen is for, and its keys"), app.action_show_help)
    yield SystemCommand(_("Quit"), _("Close coprod. Everything is already saved."), app.action_quit)
