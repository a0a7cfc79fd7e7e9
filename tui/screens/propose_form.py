"""Proposing an agenda item, adding one from the floor, and changing one.

A member can fill in "Propose an item" on the facilitator's laptop: plain
questions, the message beside the box that needs changing, and a thank-you
that says what happens next.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Header, Input, Select, Static, TextArea

from store import agenda, meetings, vocab
from store.errors import CoprodError, InputError
from store.i18n import _
from tui.footer import TranslatedFooter
from tui.format import long_date, time_span
from tui.paths import STYLES
from tui.screens.form import FormScreen
from tui.widgets.agenda_text import KIND_CHOICES, minutes_text
from tui.widgets.member_picker import MemberPicker


class ItemFormBase(FormScreen):
    """The questions every item form asks: title, what is wanted, minutes, summary and details."""

    CSS_PATH = STYLES / "agenda.tcss"
    ask_proposer = True
    ask_texts = True

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: dict[str, Any] | None = None

    def values(self) -> dict[str, Any]:
        """The item's current values (empty for a new one)."""
        return {"title": "", "kind": "discussion", "minutes_asked": 10, "summary": "", "details": "", "standing": None}

    def heading(self) -> str:  # pragma: no cover - each form says what it is for
        """The line at the top saying what the form is for."""
        raise AssertionError

    def compose(self) -> ComposeResult:
        self.meeting = meetings.get_meeting(self.app.store, self.meeting_id)
        v = self.values()
        yield Header()
        with VerticalScroll(classes="form item-form"):
            yield Static(self.heading(), classes="item-form-heading")
            yield Static("", id="error-form", classes="error")
            standing = vocab.label(vocab.STANDING_ITEMS, v["standing"]) if v["standing"] else ""
            yield from self.field("title", _("Title"), Input(v["title"], placeholder=standing, id="field-title"),
                                  _("Leave it empty to keep the usual name: {name}.").format(name=standing)
                                  if standing else _("A few words, for example: Bus passes for carers."))
            yield from self.field("kind", _("What do you want from the meeting?"), Select(
                [(_(label), code) for code, label in KIND_CHOICES.items()], value=v["kind"], allow_blank=False,
                id="field-kind"))
            yield from self.field("minutes_asked", self.minutes_label(),
                                  Input(str(v["minutes_asked"]), id="field-minutes_asked"), self.minutes_hint())
            if self.ask_texts:
                yield from self.field("summary", _("Summary in plain words (you can leave this empty)"),
                                      TextArea(v["summary"] or "", id="field-summary", classes="short-text"),
                                      _("One or two short sentences that anyone can follow."))
                yield from self.field("details", _("More details (you can leave this empty)"),
                                      TextArea(v["details"] or "", id="field-details", classes="long-text"))
            if self.ask_proposer:
                yield from self.field("proposer_id", _("Who is proposing it?"), MemberPicker(
                    "field-proposer_id", _("Type part of their name")),
                    _("Then Enter chooses the first name found, or Down arrow to pick another."))
            yield Button(self.button_label(), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def button_label(self) -> str:
        """The words on the button at the bottom."""
        return _("Save")

    def minutes_label(self) -> str:
        """The question above the minutes box."""
        return _("How many minutes do you need?")

    def minutes_hint(self) -> str:
        """The hint under the minutes box: how long the meeting is."""
        length = agenda.meeting_length(self.meeting)
        return _("The whole meeting is {length}.").format(length=minutes_text(length)) if length else ""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def gather(self) -> dict[str, Any]:
        """Return the form's answers as store fields."""
        data: dict[str, Any] = {
            "title": self.query_one("#field-title", Input).value,
            "kind": self.query_one("#field-kind", Select).value,
            "minutes_asked": self.query_one("#field-minutes_asked", Input).value,
        }
        if self.ask_texts:
            data["summary"] = self.query_one("#field-summary", TextArea).text
            data["details"] = self.query_one("#field-details", TextArea).text
        if self.ask_proposer:
            data["proposer_id"] = self.query_one(MemberPicker).value
        return data

    def action_save(self) -> None:
        try:
            saved = self.save()
        except InputError as exc:
            self.show_error(exc)
            return
        except CoprodError as exc:
            # Not about one box (the meeting was closed meanwhile): say it at the top.
            self.clear_errors()
            self.query_one("#error-form", Static).update(exc.message)
            self.app.bell()
            return
        self.after_save(saved)

    def after_save(self, item_id: str) -> None:
        """What happens once the item is saved: the form closes with its id."""
        self.dismiss(item_id)

    def meeting_words(self) -> str:
        """The meeting in words: 'Network meeting on Sunday 22 November 2026 10:30–13:00'."""
        m = self.meeting
        return _("{title} on {date} {time}").format(title=m["title"], date=long_date(m["date"]), time=time_span(m))


class ProposeForm(ItemFormBase):
    """Propose an item: a member (or the facilitator for them) asks for time at a meeting."""

    def heading(self) -> str:
        return _("Propose an item for {meeting}").format(meeting=self.meeting_words())

    def button_label(self) -> str:
        return _("Send the proposal")

    def on_mount(self) -> None:
        self.sub_title = _("Propose an item")

    def save(self) -> str:
        return agenda.propose(self.app.store, self.meeting_id, self.gather())

    def after_save(self, item_id: str) -> None:
        from tui.screens.item_dialogs import SentDialog

        title = " ".join(self.query_one("#field-title", Input).value.split())
        detail = _("The facilitator and the chair will decide whether it goes on the agenda. "
                   "If it does not, they will say why.")
        self.app.push_screen(
            SentDialog(_("Thank you. “{title}” is sent for {meeting}.").format(title=title,
                                                                             meeting=self.meeting_words()), detail),
            callback=lambda _done: self.dismiss(item_id))


class FloorItemForm(ItemFormBase):
    """Any other business from the floor: accepted at once, before the standing "any other business"."""

    ask_texts = False

    def heading(self) -> str:
        return _("An item from the floor for {meeting}. It goes on the running order straight away.").format(
            meeting=self.meeting_words())

    def values(self) -> dict[str, Any]:
        return dict(super().values(), minutes_asked=5)

    def button_label(self) -> str:
        return _("Add to the running order")

    def on_mount(self) -> None:
        self.sub_title = _("From the floor")

    def save(self) -> str:
        item_id = agenda.propose(self.app.store, self.meeting_id, dict(self.gather(), source="floor"))
        title = " ".join(self.query_one("#field-title", Input).value.split())
        self.app.say(_("Added “{title}” to the running order.").format(title=title))
        return item_id


class EditItemForm(ItemFormBase):
    """Change an item's title, what is wanted, minutes asked for, summary and details."""

    ask_proposer = False

    def __init__(self, meeting_id: str, item: dict[str, Any]) -> None:
        super().__init__(meeting_id)
        self.item = item

    @property
    def on_order(self) -> bool:
        """Whether the item is on the running order: then its minutes box is the time it is given."""
        return self.item["status"] == "accepted"

    def values(self) -> dict[str, Any]:
        i = self.item
        minutes = i["minutes_allowed"] if self.on_order else i["minutes_asked"]
        return {"title": i["title"], "kind": i["kind"], "minutes_asked": minutes,
                "summary": i["summary"], "details": i["details"], "standing": i["standing"]}

    def minutes_label(self) -> str:
        return _("How many minutes does it get?") if self.on_order else super().minutes_label()

    def minutes_hint(self) -> str:
        if self.on_order and not self.item["standing"]:
            return _("It asked for {asked}.").format(asked=minutes_text(self.item["minutes_asked"]))
        return super().minutes_hint()

    def heading(self) -> str:
        return _("Change “{title}”").format(title=self.item["display_title"])

    def on_mount(self) -> None:
        self.sub_title = _("Change an item")

    def save(self) -> str:
        data = self.gather()
        if not self.on_order:
            agenda.edit_item(self.app.store, self.item["id"], data)
        else:
            from store import agenda_run
            from store.models import minutes

            # On the running order the box is the time given; check it before anything is written.
            given = minutes(data.pop("minutes_asked"), "minutes_asked")
            agenda.edit_item(self.app.store, self.item["id"], data)
            agenda_run.timebox(self.app.store, self.item["id"], given)
        self.app.say(_("Saved."))
        return self.item["id"]


def propose_item(app) -> None:
    """Ask which meeting (today's or a later one, not closed), then open "Propose an item" for it."""
    from tui.screens.dialogs import ChoiceDialog
    from tui.format import meeting_line

    choices = [(m["id"], meeting_line(m)) for m in meetings.upcoming(app.store, limit=30) if m["status"] != "closed"]
    if not choices:
        app.say(_("There is no meeting to come. Plan one first (n on the home screen)."), error=True)
        return

    def chosen(meeting_id: str | None) -> None:
        if meeting_id:
            app.push_screen(ProposeForm(meeting_id))

    app.push_screen(ChoiceDialog(_("Which meeting is the item for?"), choices), callback=chosen)
