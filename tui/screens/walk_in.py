"""Adding a walk-in: someone already known, or a new guest, in a few keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import members
from store.i18n import _
from tui.screens.dialogs import Dialog

NEW = "__new__"


class WalkInDialog(Dialog):
    """Type a name; pick a match with the arrow keys and Enter, or add a new guest."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.start_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Who has come in?"), classes="question")
            yield Input(self.start_name, placeholder=_("Their name"), id="walk-name")
            yield OptionList(id="walk-matches")
            yield Input(placeholder=_("Organisation, if they have one (for a new guest)"), id="walk-org")
            yield Static(_("Down arrow to pick someone; Enter to mark them present; Escape goes back."), classes="hint")
            yield Static("", id="walk-error", classes="error")

    def on_mount(self) -> None:
        self.refresh_matches()
        self.query_one("#walk-name", Input).focus()

    def refresh_matches(self) -> None:
        name = self.query_one("#walk-name", Input).value.strip()
        matches = members.search_members(self.app.store, name, limit=8, include_inactive=True) if name else []
        options = [Option(f"{m['name']}" + (f" — {m['organisation']}" if m["organisation"] else ""), id=m["id"])
                   for m in matches]
        if name:
            options.append(Option(_("Add {name} as a new guest").format(name=name), id=NEW))
        listing = self.query_one("#walk-matches", OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "walk-name":
            self.refresh_matches()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        listing = self.query_one("#walk-matches", OptionList)
        if event.input.id == "walk-org":
            self.choose(NEW)
        elif listing.highlighted is not None and listing.option_count:
            self.choose(listing.get_option_at_index(listing.highlighted).id)
        else:
            self.query_one("#walk-error", Static).update(_("Type their name first."))

    def on_key(self, event) -> None:
        name_box = self.query_one("#walk-name", Input)
        if name_box.has_focus and event.key == "down":
            event.stop()
            self.query_one("#walk-matches", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id)

    def choose(self, option_id: str | None) -> None:
        name = " ".join(self.query_one("#walk-name", Input).value.split())
        if option_id == NEW:
            if not name:
                self.query_one("#walk-error", Static).update(_("Type their name first."))
                return
            self.dismiss({"name": name, "organisation": self.query_one("#walk-org", Input).value})
        elif option_id:
            member = members.get_member(self.app.store, option_id)
            self.dismiss({"member_id": option_id, "name": member["name"]})
