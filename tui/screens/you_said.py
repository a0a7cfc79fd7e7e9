""""You said, we did": every item a member put forward and what became of it, in words to them.

Each item is one block that takes the focus, so Tab (or n and p) moves item
by item and a screen reader meets one whole story at a time.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from store import members
from store.i18n import N_, _, ngettext
from store.you_said_we_did import you_said_we_did
from tui.footer import TranslatedFooter
from tui.format import long_date
from tui.paths import STYLES

KIND_SENTENCES = {
    "decision": N_("You asked for a decision."),
    "discussion": N_("You asked for a discussion."),
    "information": N_("You wanted to share information."),
}


def _text(text: str, classes: str = "") -> Static:
    # People's own words may hold [brackets]: never read them as markup.
    return Static(text, markup=False, classes=classes)


def what_happened(step: dict[str, Any], after: dict[str, Any] | None, deferred_to: dict[str, Any] | None) -> str:
    """Say, as one sentence, what became of an item at one meeting."""
    status = step["status"]
    if status == "declined":
        return _("Not taken this time. The reason: {reason}").format(reason=step["decline_reason"] or "")
    if status == "deferred":
        if after is not None and after.get("how") == "carried":
            title, date = after["meeting_title"], after["meeting_date"]
        elif deferred_to:
            title, date = deferred_to["title"], deferred_to["date"]
        else:
            return _("Moved to a later meeting.")
        return _("Moved to the {meeting} on {date}.").format(meeting=title, date=long_date(date))
    if status == "merged":
        if after:
            return _("Joined with a similar item, “{title}”, so they were taken together.").format(
                title=after["title"])
        return _("Joined with a similar item, so they were taken together.")
    if status == "accepted":
        return _("Accepted onto the agenda.")
    return _("Waiting for a decision.")


def _who(owners: list[dict[str, Any]], member_id: str) -> str:
    from babel.lists import format_list

    from store.i18n import babel_locale

    # Someone who has not agreed to be named is not named to another member.
    names = [_("you") if o["id"] == member_id else (o["name"] if o["named"] else _("another member"))
             for o in owners]
    return format_list(names, locale=babel_locale()) if names else _("no one yet")


def action_state(action: dict[str, Any]) -> str:
    """Say how an action stands, in words and a symbol."""
    status, note = action["status"], action["status_note"]
    if status == "done":
        return _("✓ Done: {note}").format(note=note) if note else _("✓ Done.")
    if status == "dropped":
        return _("✗ Dropped. The reason: {note}").format(note=note or "")
    if action["overdue"]:
        return _("⚠ Overdue: it was due on {date} and is not done yet.").format(date=long_date(action["due_date"]))
    if action["due_date"]:
        return _("Open: due on {date}.").format(date=long_date(action["due_date"]))
    return _("Open: no due date.")


def decision_text(entry: dict[str, Any]) -> str:
    """Say what was decided, or why nothing was."""
    if entry["decision"]:
        return entry["decision"]
    if entry["outcome"]["status"] == "declined":
        return _("Nothing, because the item was not taken.")
    return _("Nothing has been decided yet.")


class ItemBlock(Vertical, can_focus=True):
    """One item's story: where it went, what was decided, what is being done."""

    def __init__(self, entry: dict[str, Any], member_id: str) -> None:
        super().__init__(classes="ysd-item")
        self.entry, self.member_id = entry, member_id

    def compose(self) -> ComposeResult:
        e = self.entry
        yield _text(e["title"], "ysd-title")
        yield _text(_("You put this forward for the {meeting} on {date}.").format(
            meeting=e["meeting_title"], date=long_date(e["meeting_date"])))
        yield _text(_(KIND_SENTENCES.get(e["kind"], KIND_SENTENCES["discussion"])))
        yield _text(_("What happened"), "ysd-heading")
        chain = [e, *e["steps"]]
        for index, step in enumerate(chain):
            after = chain[index + 1] if index + 1 < len(chain) else None
            yield _text(_("{meeting}, {date}: {what}").format(
                meeting=step["meeting_title"], date=long_date(step["meeting_date"]),
                what=what_happened(step, after, e["deferred_to"] if index == 0 else None)), "ysd-step")
        yield _text(_("What was decided"), "ysd-heading")
        yield _text(decision_text(e), "ysd-step")
        yield _text(_("What is being done"), "ysd-heading")
        if not e["actions"]:
            yield _text(_("No actions came from this item."), "ysd-step")
        for action in e["actions"]:
            yield _text("• " + action["description"], "ysd-step")
            yield _text(_("Who: {names}. {state}").format(names=_who(action["owners"], self.member_id),
                                                          state=action_state(action)), "ysd-action")


class YouSaidScreen(Screen):
    """What became of a member's items, newest first; the keyboard moves item by item."""

    CSS_PATH = STYLES / "actions.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="you_said.back"),
        Binding("n", "step(1)", N_("Next item"), id="you_said.next"),
        Binding("p", "step(-1)", N_("Previous item"), id="you_said.previous"),
    ]

    def __init__(self, member_id: str) -> None:
        super().__init__()
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        store = self.app.store
        member = members.get_member(store, self.member_id)
        entries = you_said_we_did(store, self.member_id)
        self.sub_title = _("You said, we did")
        yield Header()
        with VerticalScroll(id="you-said"):
            yield _text(_("You said, we did: {name}").format(name=member["name"]), "banner")
            if entries:
                yield _text(ngettext(
                    "You put forward {n} item. This is what became of it, newest first.",
                    "You put forward {n} items. This is what became of each one, newest first.",
                    len(entries)).format(n=len(entries)) + "\n" + _(
                    "Tab or n moves to the next item; the arrow keys scroll."), "summary")
            else:
                yield _text(_("You have not put forward any items yet."), "summary")
            for entry in entries:
                yield ItemBlock(entry, self.member_id)
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        blocks = self.query(ItemBlock)
        (blocks.first() if blocks else self.query_one("#you-said")).focus()

    def action_step(self, direction: int) -> None:
        blocks = list(self.query(ItemBlock))
        if not blocks:
            return
        current = blocks.index(self.focused) if self.focused in blocks else -1
        blocks[max(0, min(current + direction, len(blocks) - 1))].focus()

    def action_back(self) -> None:
        self.app.pop_screen()
