"""Who is using coprod on this laptop: a member of staff, found by typing, remembered for this database.

Approving and paying a claim record who did it, so the steps that write a
claim ask for this first if no one has been chosen. The header says who it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import local_settings, staff
from store.errors import CoprodError
from store.i18n import _
from tui.screens import navigation
from tui.screens.dialogs import Dialog

if TYPE_CHECKING:
    from tui.app import CoprodApp


class WhoAreYouDialog(Dialog):
    """Type part of a name; the staff who match are listed; Enter chooses. Dismisses with the person, or None."""

    DEFAULT_CSS = """
    WhoAreYouDialog OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, why: str = "") -> None:
        super().__init__()
        self.why = why
        self.found: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        now = local_settings.current_user(self.app.store)
        with Vertical():
            yield Label(_("Who is using coprod on this laptop?"), classes="question")
            if self.why:
                yield Static(self.why, id="who-why")
            yield Static(_("You are: {name}").format(name=now["name"]) if now else _("No one chosen yet."),
                         id="who-now")
            yield Input(placeholder=_("Type part of your name"), id="who-find")
            yield OptionList(id="who-staff")
            yield Static(_("Only staff are listed: they approve and pay claims. Enter chooses; Escape goes back."),
                         classes="hint")
            yield Static("", id="who-error", classes="error")

    def on_mount(self) -> None:
        self.show_matches("")
        self.query_one("#who-find", Input).focus()

    def show_matches(self, text: str) -> None:
        """List the staff whose name holds `text`."""
        found = staff.find_staff(self.app.store, text)
        self.found = {m["id"]: m for m in found}
        listing = self.query_one("#who-staff", OptionList)
        listing.set_options([Option(m["name"], id=m["id"]) for m in found]
                            or [Option(_("No member of staff matches. Check the spelling."), disabled=True)])
        if found:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_matches(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.query_one("#who-staff", OptionList)
        option = listing.highlighted_option
        if option is None or option.disabled:
            self.app.bell()
            return
        self.choose(option.id)

    def on_key(self, event) -> None:
        if event.key == "down" and self.query_one("#who-find", Input).has_focus:
            event.stop()
            self.query_one("#who-staff", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id)

    def choose(self, member_id: str | None) -> None:
        """Remember `member_id` as the person using coprod here, and close."""
        if not member_id:
            return
        try:
            person = local_settings.set_current_user(self.app.store, member_id)
        except CoprodError as exc:
            self.query_one("#who-error", Static).update(exc.message)
            self.app.bell()
            return
        self.dismiss(person)


def choose_who(app: CoprodApp, then: Callable[[dict[str, Any]], None] | None = None, why: str = "") -> None:
    """Ask who is using coprod, remember it, say so, then call `then` with the person."""

    def chosen(person: dict[str, Any] | None) -> None:
        if person:
            navigation.show_who(app)
            app.say(_("You are {name} on this laptop.").format(name=person["name"]))
            if then is not None:
                then(person)

    app.push_screen(WhoAreYouDialog(why), callback=chosen)


def with_user(app: CoprodApp, then: Callable[[dict[str, Any]], None]) -> None:
    """Call `then` with the person using coprod, asking who they are first if no one is chosen."""
    person = local_settings.current_user(app.store)
    if person is not None:
        then(person)
        return
    choose_who(app, then, _("Claims record who did each step. Choose yourself first."))
