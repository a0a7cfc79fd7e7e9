"""Find a member by typing part of their name, and choose them with Enter.

Only people already in the network can be found, so a name that is typed but
matches no one can never be chosen: that is how a form keeps an owner or a
filter to real members.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from store import members
from store.i18n import _

SHOWN = 6


@dataclass(frozen=True)
class Extra:
    """A choice that is always offered before the people found (such as "Everyone")."""

    key: str
    label: str


class MemberFinder(Vertical):
    """A box to type in and the members that match, best first."""

    DEFAULT_CSS = """
    MemberFinder { height: auto; }
    MemberFinder OptionList { height: auto; max-height: 8; }
    """

    class Chosen(Message):
        """The person chose someone (or an extra choice: then `member` is None)."""

        def __init__(self, finder: MemberFinder, key: str, name: str, member: dict[str, Any] | None) -> None:
            super().__init__()
            self.finder, self.key, self.name, self.member = finder, key, name, member

        @property
        def control(self) -> MemberFinder:
            return self.finder

    class NoMatch(Message):
        """Enter was pressed on text that matches no member."""

        def __init__(self, finder: MemberFinder, text: str) -> None:
            super().__init__()
            self.finder, self.text = finder, text

        @property
        def control(self) -> MemberFinder:
            return self.finder

    def __init__(self, input_id: str, placeholder: str, extras: list[Extra] | None = None,
                 include_inactive: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.input_id, self.placeholder = input_id, placeholder
        self.extras = extras or []
        self.include_inactive = include_inactive
        self.found: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id=self.input_id)
        yield OptionList(classes="finder-matches")

    def on_mount(self) -> None:
        self.refresh_matches()

    @property
    def box(self) -> Input:
        return self.query_one(Input)

    @property
    def matches(self) -> OptionList:
        return self.query_one(OptionList)

    def refresh_matches(self) -> None:
        """List the members whose name, organisation or email holds the typed text."""
        text = self.box.value.strip()
        found = members.search_members(self.app.store, text, limit=SHOWN,
                                       include_inactive=self.include_inactive) if text else []
        self.found = {m["id"]: m for m in found}
        options = [Option(Content(extra.label), id=f"extra:{extra.key}") for extra in self.extras]
        for m in found:
            label = f"{m['name']} — {m['organisation']}" if m["organisation"] else m["name"]
            options.append(Option(Content(label), id=m["id"]))
        self.matches.set_options(options)
        # An empty list is not a stop for Tab on the way to the next field.
        self.matches.can_focus = bool(options)
        if found:
            self.matches.highlighted = len(self.extras)
        elif options:
            self.matches.highlighted = 0

    def clear(self) -> None:
        """Empty the box, ready for the next name."""
        self.box.value = ""
        self.refresh_matches()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_matches()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        listing = self.matches
        if event.value.strip() and not self.found:
            # Typed text that is no one's name is never taken as a choice.
            self.post_message(self.NoMatch(self, event.value.strip()))
        elif listing.highlighted is not None and listing.option_count:
            self.choose(listing.get_option_at_index(listing.highlighted).id)
        else:
            self.post_message(self.NoMatch(self, event.value.strip()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if self.box.has_focus and event.key == "down" and self.matches.option_count:
            event.stop()
            self.matches.focus()

    def choose(self, option_id: str | None) -> None:
        """Report the choice of the option with `option_id`."""
        if not option_id:
            return
        if option_id.startswith("extra:"):
            key = option_id.removeprefix("extra:")
            label = next(e.label for e in self.extras if e.key == key)
            self.post_message(self.Chosen(self, key, label, None))
            return
        member = self.found[option_id]
        self.post_message(self.Chosen(self, option_id, member["name"], member))
