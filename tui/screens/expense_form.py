"""The form for an expense on a draft claim: an amount, or miles (and passengers) for mileage, and its receipt.

For mileage the form shows, as the miles are typed, the rate it will use from
the rate card and the member's miles so far this tax year, and what the
journey comes to (split in two when it crosses the 10,000-mile threshold).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Select, Static

from store import claims, vocab
from store.errors import CoprodError, InputError
from store.i18n import _
from tui.footer import TranslatedFooter
from tui.paths import STYLES
from tui.screens.form import FormScreen

MILEAGE = ("car", "motorcycle", "bicycle")


class ExpenseForm(FormScreen):
    """Category, amount or miles, date, receipt, agreed beforehand, note; dismisses with the new line ids."""

    CSS_PATH = STYLES / "claims.tcss"
    AUTO_FOCUS = "#field-category"

    def __init__(self, claim: dict[str, Any], actor_id: str) -> None:
        super().__init__()
        self.claim, self.actor_id = claim, actor_id

    def compose(self) -> ComposeResult:
        self.sub_title = _("Add an expense for {name}").format(name=self.claim["member_name"])
        options = [(_(label), code) for code, label in vocab.EXPENSE_CATEGORIES.items()]
        yield Header()
        with VerticalScroll(classes="form", id="expense-form"):
            yield Static("", id="error-form", classes="error")
            yield from self.field("category", _("What was it for?"),
                                  Select(options, value="rail_bus", allow_blank=False, id="field-category"))
            yield from self.field("amount", _("Amount (£)"), Input(id="field-amount"),
                                  _("For example 12.50."))
            yield from self.field("miles", _("Miles"), Input(id="field-miles"), _("For example 24, or 12.5."))
            yield from self.field("passengers", _("Passengers"), Input("0", id="field-passengers"),
                                  _("People travelling with them in the car, if any."))
            yield Static("", id="mileage-rate", classes="mileage-rate", markup=False)
            yield from self.field("line_date", _("Date, if not the meeting day"), Input(id="field-line_date"),
                                  _("Day/month/year. Leave it empty for the meeting day."))
            yield from self.field("receipt_ref", _("Receipt reference"), Input(id="field-receipt_ref"),
                                  _("Needed for everything but mileage."))
            yield from self.field("receipt_path", _("Receipt file"), Input(id="field-receipt_path"),
                                  _("Where the scan or photo is kept, for example receipts/train.pdf."))
            yield Checkbox(_("Agreed beforehand (taxis, accommodation, carer or PA costs)"),
                           id="field-prior_approval")
            yield Static("", id="error-prior_approval", classes="error field-error")
            yield from self.field("note", _("Note"), Input(id="field-note"), _("You can leave this empty."))
            yield Button(_("Save"), id="save", variant="primary")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self.show_fields()

    @property
    def category(self) -> str:
        return self.query_one("#field-category", Select).value

    def _show(self, name: str, shown: bool) -> None:
        for widget in self.query(f"#field-{name}, #error-{name}"):
            widget.display = shown
        # The label and hint sit either side of the field: they come and go with it.
        field_widget = self.query_one(f"#field-{name}")
        siblings = list(field_widget.parent.children)
        at = siblings.index(field_widget)
        for near in (siblings[at - 1], siblings[at + 1]):
            if near.has_class("field-label") or near.has_class("hint"):
                near.display = shown

    def show_fields(self) -> None:
        """Show miles for mileage (and passengers for a car), an amount for everything else."""
        mileage = self.category in MILEAGE
        self._show("amount", not mileage)
        self._show("miles", mileage)
        self._show("passengers", self.category == "car")
        self.show_rate()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "field-category":
            self.show_fields()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("field-miles", "field-passengers", "field-line_date"):
            self.show_rate()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def show_rate(self) -> None:
        """Say which mileage rate will be used and, once miles are typed, what the journey comes to."""
        from tui.claim_words import mileage_words

        box = self.query_one("#mileage-rate", Static)
        if self.category not in MILEAGE:
            box.display = False
            return
        box.display = True
        box.update(mileage_words(self.app.store, self.claim, self.category, self.value("miles"),
                                 self.value("passengers"), self.value("line_date")))

    def value(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value

    def gather(self) -> dict[str, Any]:
        """Return what the form holds, as add_expense takes it."""
        mileage = self.category in MILEAGE
        data = {
            "category": self.category,
            "line_date": self.value("line_date"),
            "receipt_ref": self.value("receipt_ref"),
            "receipt_path": self.value("receipt_path"),
            "prior_approval": self.query_one("#field-prior_approval", Checkbox).value,
            "note": self.value("note"),
        }
        if mileage:
            data["miles"] = self.value("miles")
            if self.category == "car":
                data["passengers"] = self.value("passengers")
        else:
            data["amount"] = self.value("amount")
        return data

    def save(self) -> list[str]:
        try:
            return claims.add_expense(self.app.store, self.claim["claim_id"], self.actor_id, self.gather())
        except InputError as exc:
            if exc.field in ("quantity", "rate"):
                # The form asks for miles or an amount; a total that is too big belongs to that field.
                raise InputError(exc.message, "miles" if self.category in MILEAGE else "amount") from exc
            raise
        except CoprodError as exc:
            raise InputError(exc.message) from exc
