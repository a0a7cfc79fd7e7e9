"""The small questions a claim's steps ask: a reason, a payment, a correction, a fee, preparation hours.

Each dialog hands what was typed to a `save` callback that calls the store; a
refusal shows beside its field (or under the question) and the dialog stays
open, so nothing is lost and nothing is written until it is right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from store import vocab
from store.errors import CoprodError
from store.i18n import N_, _
from tui.paths import STYLES
from tui.screens.dialogs import Dialog


@dataclass
class Field:
    """One field of a dialog: the store's name for it, its label, the widget and a hint."""

    name: str
    label: str
    widget: Widget
    hint: str = ""


class FieldsDialog(Dialog):
    """A question with a few fields; Ctrl+S or Enter saves; dismisses with what `save` returned (or True)."""

    CSS_PATH = STYLES / "claims.tcss"
    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), id="claim_dialog.save", priority=True)]

    def __init__(self, question: str, detail: str, fields: list[Field], yes: str,
                 save: Callable[[dict[str, Any]], Any]) -> None:
        super().__init__()
        self.question, self.detail, self.fields, self.yes, self.save = question, detail, fields, yes, save

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="claim-dialog"):
            yield Label(self.question, classes="question")
            if self.detail:
                yield Static(self.detail, markup=False, id="dialog-detail")
            for item in self.fields:
                yield Label(item.label, classes="field-label")
                item.widget.id = f"field-{item.name}"
                yield item.widget
                if item.hint:
                    yield Static(item.hint, classes="hint")
                yield Static("", id=f"error-{item.name}", classes="error field-error")
            yield Static("", id="error-form", classes="error")
            with Horizontal():
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(_("Go back"), id="no")

    # The field the cursor starts in (the first, unless a dialog names another).
    first_field: str | None = None

    def on_mount(self) -> None:
        if self.fields:
            name = self.first_field or self.fields[0].name
            self.query_one(f"#field-{name}").focus()

    def values(self) -> dict[str, Any]:
        """Return what each field holds now."""
        out = {}
        for item in self.fields:
            value = item.widget.value
            out[item.name] = None if value == Select.NULL else value
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_save()
        else:
            self.dismiss(None)

    def show_error(self, exc: CoprodError) -> None:
        """Put the message beside its field (or under the question) and move there."""
        for box in self.query(".field-error").results(Static):
            box.update("")
        self.query_one("#error-form", Static).update("")
        field = getattr(exc, "field", None)
        boxes = self.query(f"#error-{field}") if field else None
        if boxes:
            boxes.first(Static).update(exc.message)
            self.query_one(f"#field-{field}").focus()
        else:
            self.query_one("#error-form", Static).update(exc.message)
        self.app.bell()

    def action_save(self) -> None:
        try:
            result = self.save(self.values())
        except CoprodError as exc:
            self.show_error(exc)
            return
        self.dismiss(True if result is None else result)


def reason_dialog(question: str, detail: str, label: str, hint: str, yes: str,
                  save: Callable[[str], Any]) -> FieldsDialog:
    """A dialog asking for one reason (the store says whether it may be empty)."""
    return FieldsDialog(question, detail, [Field("reason", label, Input(), hint)], yes,
                        lambda values: save(values["reason"]))


def paid_dialog(detail: str, today_text: str, save: Callable[[str, str], Any], correction: bool = False) -> FieldsDialog:
    """A dialog asking for the payment reference and the day it was paid (today to start with).

    `correction`: what is being paid is the correction owed on a paid claim, not the claim.
    """
    fields = [
        Field("payment_reference", _("Payment reference from finance"), Input()),
        Field("paid_on", _("Paid on"), Input(today_text), _("Day/month/year, for example 20/11/2026.")),
    ]
    title = _("Mark this correction paid?") if correction else _("Mark this claim paid?")
    return FieldsDialog(title, detail, fields, _("Mark it paid"),
                        lambda values: save(values["payment_reference"], values["paid_on"]))


def _options(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return [(_(label), code) for code, label in vocabulary.items()]


class AdjustDialog(FieldsDialog):
    """Correct an approved or paid claim: money on or off a fee or an expense, and why."""

    def __init__(self, detail: str, save: Callable[[dict[str, Any]], Any]) -> None:
        fields = [
            Field("line_kind", _("Fee or expense"), Select(_options(vocab.LINE_KINDS), value="expense",
                                                           allow_blank=False)),
            Field("category", _("Category"), Select(_options(vocab.EXPENSE_CATEGORIES), value="other",
                                                    allow_blank=False)),
            Field("amount", _("Amount (£)"), Input(),
                  _("For example 12.50 to add money, or -12.50 to take it off.")),
            Field("note", _("Why it is corrected"), Input(), _("The member sees this.")),
        ]
        super().__init__(_("Correct this claim"), detail, fields, _("Save the correction"), save)
        self.first_field = "amount"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "field-line_kind":
            return
        categories = vocab.FEE_CATEGORIES if event.value == "fee" else vocab.EXPENSE_CATEGORIES
        box = self.query_one("#field-category", Select)
        box.set_options(_options(categories))
        box.value = next(iter(categories)) if event.value == "fee" else "other"


def fee_dialog(card_words: str, save: Callable[[dict[str, Any]], Any]) -> FieldsDialog:
    """A dialog adding a fee line by hand: its kind, and hours for time by the hour or preparation."""
    fields = [
        Field("category", _("Kind of fee"), Select(_options(vocab.FEE_CATEGORIES), value="half_day",
                                                   allow_blank=False)),
        Field("hours", _("Hours"), Input(), _("Only for time by the hour or preparation, for example 2.5.")),
        Field("note", _("Note"), Input(), _("You can leave this empty.")),
    ]
    return FieldsDialog(_("Add a fee"), card_words, fields, _("Add the fee"), save)


def prep_dialog(save: Callable[[str], Any]) -> FieldsDialog:
    """A dialog for drafting claims from the register, asking for preparation hours (optional)."""
    fields = [Field("hours", _("Preparation hours for each person (optional)"), Input(),
                    _("Leave it empty if there was no preparation. For example 1.5."))]
    detail = _("Makes a draft claim for each person marked present, from the rate card and their payment "
               "preference. People who already have a claim are left as they are.")
    return FieldsDialog(_("Draft claims from the register?"), detail, fields, _("Draft the claims"),
                        lambda values: save(values["hours"]))


class MessageDialog(Dialog):
    """Tell the person something longer than a notification; Enter or Escape closes it."""

    CSS_PATH = STYLES / "claims.tcss"
    BINDINGS = [Binding("enter", "cancel", N_("Close"), id="message.close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="claim-dialog"):
            yield Label(self.title_text, classes="question")
            yield Static(self.text, markup=False, id="message-text")
            with Horizontal():
                yield Button(_("Close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

