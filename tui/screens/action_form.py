"""The form for a new action, or to change one: what, who, by when, and from which item."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store import actions, agenda
from store.dates import parse_date, today
from store.errors import CoprodError, InputError
from store.i18n import N_, _
from tui.footer import TranslatedFooter
from tui.format import uk_date
from tui.paths import STYLES
from tui.screens.form import FormScreen
from tui.widgets.member_finder import MemberFinder


class OwnerList(OptionList):
    """The people chosen to do the action; Delete takes the highlighted one off."""

    BINDINGS = [Binding("delete,backspace", "remove", N_("Take off"), id="action_form.remove_owner")]

    def action_remove(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.screen.remove_owner(option.id)


class ActionForm(FormScreen):
    """Description, owners, due date and agenda item; dismisses with the action's id once saved."""

    CSS_PATH = STYLES / "actions.tcss"
    AUTO_FOCUS = "#field-description"

    def __init__(self, action_id: str | None, meeting_id: str | None = None) -> None:
        super().__init__()
        self.action_id = action_id
        self.meeting_id = meeting_id
        self.owners: dict[str, str] = {}  # id -> name, in the order chosen

    def compose(self) -> ComposeResult:
        store = self.app.store
        action = actions.get_action(store, self.action_id) if self.action_id else None
        if action:
            self.owners = {o["id"]: o["name"] for o in action["owners"]}
            self.meeting_id = action["meeting_id"]
        self.sub_title = _("Change an action") if action else _("New action")
        yield Header()
        with VerticalScroll(classes="form", id="action-form"):
            yield Static("", id="error-form", classes="error")
            yield from self.field("description", _("What needs doing"),
                                  Input(action["description"] if action else "", id="field-description"))
            yield Label(_("Who will do it"), classes="field-label")
            yield MemberFinder("field-owners", _("Type part of a name to find a member"), id="owner-finder")
            yield Static(_("Down arrow, then Enter, chooses someone. You can choose more than one."),
                         classes="hint")
            yield Static("", id="error-owners", classes="error field-error")
            yield Label(_("Chosen so far"), classes="field-label")
            yield Static(_("No one chosen yet."), id="owners-none", classes="hint")
            yield OwnerList(id="owners-chosen")
            yield Static(_("To take someone off, highlight them here and press Delete."), classes="hint",
                         id="owners-remove-hint")
            yield from self.field("due_date", _("Due date"),
                                  Input(uk_date(action["due_date"]) if action else "", id="field-due_date"),
                                  _("Day/month/year, for example 14/03/2027. Leave it empty if there is no date."))
            yield Static("", id="warning-due_date", classes="warning")
            yield from self.item_field(action)
            yield Button(_("Save"), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def item_field(self, action: dict[str, Any] | None) -> ComposeResult:
        """The agenda item the action came from: chosen for a new action, shown for a saved one."""
        if action is not None:
            if action["item_title"]:
                yield Label(_("From agenda item"), classes="field-label")
                yield Static(action["item_title"], markup=False, id="item-shown")
            return
        if not self.meeting_id:
            return
        order = agenda.agenda(self.app.store, self.meeting_id)["order"]
        yield from self.field("item_id", _("From agenda item"), Select(
            [(Content(item["display_title"]), item["id"]) for item in order], prompt=_("Not from an item"),
            id="field-item_id"), _("Choose the item this action came from, or leave it."))

    def on_mount(self) -> None:
        self.show_owners()
        self.warn_due_date()

    # --- owners -----------------------------------------------------------------------------

    def show_owners(self) -> None:
        """Show the chosen owners, or say no one is chosen yet."""
        listing = self.query_one("#owners-chosen", OwnerList)
        highlighted = listing.highlighted
        listing.set_options([Option(Content(name), id=member) for member, name in self.owners.items()])
        if self.owners:
            listing.highlighted = min(highlighted or 0, len(self.owners) - 1)
        listing.display = bool(self.owners)
        self.query_one("#owners-remove-hint").display = bool(self.owners)
        self.query_one("#owners-none").display = not self.owners

    def on_member_finder_chosen(self, event: MemberFinder.Chosen) -> None:
        event.stop()
        self.query_one("#error-owners", Static).update("")
        if event.key not in self.owners:
            self.owners[event.key] = event.name
        self.show_owners()
        event.finder.clear()
        event.finder.box.focus()

    def on_member_finder_no_match(self, event: MemberFinder.NoMatch) -> None:
        event.stop()
        if not event.text and self.owners:
            # Enter on an empty box, with people chosen: move on, as Enter does elsewhere here.
            self.query_one("#field-due_date", Input).focus()
            return
        if event.text:
            message = _("No member is called “{name}”. Only members can do actions: "
                        "add them on the Members screen first.").format(name=event.text)
        else:
            message = _("Type part of a name first.")
        self.query_one("#error-owners", Static).update(message)
        self.app.bell()

    def remove_owner(self, member_id: str) -> None:
        """Take one person off the owners."""
        self.owners.pop(member_id, None)
        self.show_owners()
        if not self.owners:
            self.query_one("#field-owners", Input).focus()

    # --- the due date -------------------------------------------------------------------------

    def warn_due_date(self) -> None:
        """Say at once when the typed date has passed (it can still be saved)."""
        text = self.query_one("#field-due_date", Input).value
        warning = ""
        try:
            if text.strip() and parse_date(text, "due_date") < today().isoformat():
                warning = _("The due date has passed. You can still save it.")
        except InputError:
            pass  # not a date yet: the message comes on saving
        self.query_one("#warning-due_date", Static).update(warning)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-due_date":
            self.warn_due_date()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field, as people new to forms expect.
        self.focus_next()

    # --- saving --------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def action_save(self) -> None:
        try:
            super().action_save()
        except CoprodError as exc:  # not about one field: say it at the top
            self.clear_errors()
            self.query_one("#error-form", Static).update(exc.message)
            self.app.bell()

    def save(self) -> str:
        store = self.app.store
        data: dict[str, Any] = {
            "description": self.query_one("#field-description", Input).value,
            "owners": list(self.owners),
            "due_date": self.query_one("#field-due_date", Input).value,
        }
        if self.action_id:
            warnings = actions.edit_action(store, self.action_id, data)
            saved = self.action_id
            self.app.say(_("Saved."))
        else:
            item = self.query("#field-item_id").results(Select)
            chosen = next(item, None)
            item_id = chosen.value if chosen is not None and chosen.value != Select.NULL else None
            saved, warnings = actions.add_action(store, {**data, "meeting_id": self.meeting_id, "item_id": item_id})
            self.app.say(_("Action added."))
        for warning in warnings:
            self.app.notify(warning, severity="warning", timeout=6)
        return saved
