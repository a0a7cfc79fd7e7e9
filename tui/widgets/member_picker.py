"""Choose a member by typing part of their name: a find box, the matches, and who is chosen."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store import members
from store.i18n import _

MATCHES = 6


class MemberPicker(Vertical):
    """Type to find; Down arrow to the matches; Enter chooses. `value` is the chosen member's id."""

    DEFAULT_CSS = """
    MemberPicker { height: auto; }
    MemberPicker OptionList { height: auto; max-height: 8; }
    MemberPicker .picker-chosen { height: auto; text-style: bold; }
    """

    class Chosen(Message):
        """A member was chosen."""

        def __init__(self, picker: MemberPicker, member_id: str, name: str) -> None:
            super().__init__()
            self.picker, self.member_id, self.name = picker, member_id, name

    def __init__(self, input_id: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.input_id, self.placeholder = input_id, placeholder
        self.value: str | None = None
        self.chosen_name = ""
        self._names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id=self.input_id)
        yield OptionList(classes="picker-matches")
        yield Static(_("No one chosen yet."), classes="picker-chosen")

    @property
    def box(self) -> Input:
        """The find box."""
        return self.query_one(Input)

    @property
    def matches(self) -> OptionList:
        """The members that match what is typed."""
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        self.matches.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        # Guests and people no longer active can still be the ones speaking at a meeting.
        found = members.search_members(self.app.store, text, limit=MATCHES, include_inactive=True) if text else []
        self._names = {m["id"]: m["name"] for m in found}
        options = [Option(m["name"] + (f" — {m['organisation']}" if m["organisation"] else ""), id=m["id"])
                   for m in found]
        if text and not options:
            options = [Option(_("No one matches. Check the spelling."), disabled=True)]
        self.matches.set_options(options)
        self.matches.display = bool(options)
        if found:
            self.matches.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.matches
        if listing.highlighted is not None and listing.option_count:
            option = listing.get_option_at_index(listing.highlighted)
            if not option.disabled:
                self.choose(option.id, str(option.prompt))
                return
        self.app.bell()

    def on_key(self, event: events.Key) -> None:
        if self.box.has_focus and event.key == "down" and self.matches.display:
            event.stop()
            self.matches.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id, str(event.option.prompt))

    def choose(self, member_id: str | None, shown: str) -> None:
        """Make `member_id` the chosen member and say so under the box."""
        if not member_id:
            return
        self.value = member_id
        self.chosen_name = self._names.get(member_id, shown)
        self.query_one(".picker-chosen", Static).update(_("Chosen: {who}").format(who=shown))
        self.matches.display = False
        self.post_message(self.Chosen(self, member_id, self.chosen_name))
