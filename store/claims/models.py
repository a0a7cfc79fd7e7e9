"""What valid claims input is: rate cards, benefit limits, fee and expense lines, corrections.

Imported only when something is written (pydantic is slow to import). Single
fields (money, quantities, text) are checked by store.claims.fields.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from store import vocab
from store.claims.fields import (  # noqa: F401  (MAX_* and quantity are used from here too)
    FIELD_LABELS, MAX_HOURS, MAX_LINE_PENCE, MAX_MILE_RATE_PENCE, MAX_MILES, MAX_PASSENGERS, MAX_RATE_PENCE, _text,
    money, quantity, signed_money,
)
from store.claims.lines import MILEAGE
from store.dates import parse_date
from store.errors import InputError
from store.i18n import _
from store.money import pounds


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RateCardIn(_Model):
    """A rate card: what a meeting pays from its start date on."""

    name: str
    effective_from: str
    fee_hour_pence: int | None = None
    fee_half_day_pence: int | None = None
    fee_day_pence: int | None = None
    prep_hour_pence: int | None = None
    chair_supplement_pence: int | None = None
    remote_allowance_pence: int | None = None
    car_pence: int = 45
    car_after_pence: int = 25
    car_threshold_miles: int = 10_000
    passenger_pence: int = 5
    motorcycle_pence: int = 24
    bicycle_pence: int = 20
    subsistence_cap_pence: int | None = None
    accommodation_cap_pence: int | None = None
    deadline_days: int = 90

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: Any) -> str:
        text = _text(v, 100, "name")
        if not text:
            raise InputError(_("Give the rate card a name."), "name")
        return text

    @field_validator("effective_from", mode="before")
    @classmethod
    def _from(cls, v: Any) -> str:
        return parse_date(v, "effective_from")

    @field_validator("fee_hour_pence", "fee_half_day_pence", "fee_day_pence", "prep_hour_pence",
                     "chair_supplement_pence", "remote_allowance_pence", "subsistence_cap_pence",
                     "accommodation_cap_pence", mode="before")
    @classmethod
    def _money(cls, v: Any, info: ValidationInfo) -> int | None:
        return money(v, info.field_name)

    @field_validator("car_pence", "car_after_pence", "passenger_pence", "motorcycle_pence", "bicycle_pence",
                     mode="before")
    @classmethod
    def _per_mile(cls, v: Any, info: ValidationInfo) -> int:
        if v is None or v == "":
            return cls.model_fields[info.field_name].default
        pence = money(v, info.field_name, maximum=10**9)
        if pence > MAX_MILE_RATE_PENCE:
            raise InputError(_("That is £{amount} a mile. Give pence a mile, for example 45p.")
                             .format(amount=pounds(pence)), info.field_name)
        return pence

    @field_validator("car_threshold_miles", "deadline_days", mode="before")
    @classmethod
    def _whole(cls, v: Any, info: ValidationInfo) -> int:
        if v is None or v == "":
            return cls.model_fields[info.field_name].default
        limits = {"car_threshold_miles": (1, 1_000_000), "deadline_days": (1, 3650)}[info.field_name]
        text = str(v).strip().replace(",", "")
        if isinstance(v, bool) or isinstance(v, float) or not re.fullmatch(r"\d{1,9}", text):
            raise InputError(_("{field} must be a whole number.").format(field=_(FIELD_LABELS[info.field_name])),
                             info.field_name)
        number = int(text)
        if not limits[0] <= number <= limits[1]:
            raise InputError(_("{field} must be from {low} to {high}.").format(
                field=_(FIELD_LABELS[info.field_name]), low=limits[0], high=limits[1]), info.field_name)
        return number

    @model_validator(mode="after")
    def _some_fee(self) -> RateCardIn:
        if self.fee_hour_pence is None and self.fee_half_day_pence is None and self.fee_day_pence is None:
            raise InputError(_("Give at least one fee: by the hour, the half day or the day."), "fee_hour_pence")
        return self


class BenefitLimitIn(_Model):
    """A benefit earnings limit in force from a date."""

    kind: str
    amount_pence: int
    effective_from: str

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        code = vocab.code_for(vocab.BENEFIT_LIMIT_KINDS, str(v or ""))
        if code is None:
            choices = ", ".join(_(text) for text in vocab.BENEFIT_LIMIT_KINDS.values())
            raise InputError(_("{value} is not a benefit limit. Choose one of: {choices}.")
                             .format(value=str(v or "").strip(), choices=choices), "kind")
        return code

    @field_validator("amount_pence", mode="before")
    @classmethod
    def _amount(cls, v: Any) -> int:
        return money(v, "amount", maximum=1_000_000, required=True, allow_zero=False)

    @field_validator("effective_from", mode="before")
    @classmethod
    def _from(cls, v: Any) -> str:
        return parse_date(v, "effective_from")


class LineDetailsIn(_Model):
    """What every line may carry besides its money."""

    line_date: str | None = None
    receipt_ref: str | None = None
    receipt_path: str | None = None
    prior_approval: bool = False
    note: str | None = None

    @field_validator("line_date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> str | None:
        return parse_date(v, "line_date") if str(v or "").strip() else None

    @field_validator("receipt_ref", mode="before")
    @classmethod
    def _ref(cls, v: Any) -> str | None:
        return _text(v, 100, "receipt_ref")

    @field_validator("receipt_path", mode="before")
    @classmethod
    def _path(cls, v: Any) -> str | None:
        text = str(v or "").strip()
        if "\n" in text or "\r" in text or "\x00" in text:
            raise InputError(_("Give the receipt file as one path, for example receipts/train.pdf."), "receipt_path")
        if len(text) > 1000:
            raise InputError(_("Keep this under {n} characters.").format(n=1000), "receipt_path")
        return text or None

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, v: Any) -> str | None:
        return _text(v, 500, "note")


class ExpenseIn(LineDetailsIn):
    """An expense: an amount, or a quantity at a rate, or miles (with passengers) for mileage."""

    category: str
    amount: int | None = None
    quantity: Decimal | None = None
    rate: int | None = None
    miles: Decimal | None = None
    passengers: int = 0

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, v: Any) -> str:
        code = vocab.code_for(vocab.EXPENSE_CATEGORIES, str(v or ""))
        if code is None:
            choices = ", ".join(_(text) for text in vocab.EXPENSE_CATEGORIES.values())
            raise InputError(_("{value} is not a kind of expense. Choose one of: {choices}.")
                             .format(value=str(v or "").strip(), choices=choices), "category")
        return code

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, v: Any) -> int | None:
        return money(v, "amount", maximum=MAX_LINE_PENCE, allow_zero=False)

    @field_validator("rate", mode="before")
    @classmethod
    def _rate(cls, v: Any) -> int | None:
        return money(v, "rate", maximum=MAX_LINE_PENCE, allow_zero=False)

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, v: Any) -> Decimal | None:
        if v is None or str(v).strip() == "":
            return None
        return quantity(v, "quantity", maximum=Decimal(1000))

    @field_validator("miles", mode="before")
    @classmethod
    def _miles(cls, v: Any) -> Decimal | None:
        if v is None or str(v).strip() == "":
            return None
        return quantity(v, "miles", minimum=Decimal(1), maximum=MAX_MILES, places=1)

    @field_validator("passengers", mode="before")
    @classmethod
    def _passengers(cls, v: Any) -> int:
        if v is None or str(v).strip() == "":
            return 0
        if isinstance(v, bool) or not re.fullmatch(r"\d{1,3}", str(v).strip()) or int(str(v).strip()) > MAX_PASSENGERS:
            raise InputError(_("Give the number of passengers, from 0 to {n}.").format(n=MAX_PASSENGERS), "passengers")
        return int(str(v).strip())

    @model_validator(mode="after")
    def _how_much(self) -> ExpenseIn:
        if self.category in MILEAGE:
            if self.miles is None:
                raise InputError(_("Give the miles: coprod works out the amount."), "miles")
            if self.amount is not None or self.quantity is not None or self.rate is not None:
                raise InputError(_("Give the miles only: coprod works out the amount."), "amount")
            if self.passengers and self.category != "car":
                raise InputError(_("Only a car journey can have passengers."), "passengers")
            return self
        if self.miles is not None or self.passengers:
            raise InputError(_("Miles are only for car, motorcycle or bicycle journeys."), "miles")
        if self.amount is not None and (self.quantity is not None or self.rate is not None):
            raise InputError(_("Give an amount, or a quantity and a rate, not both."), "amount")
        if self.amount is None and (self.quantity is None or self.rate is None):
            field = "amount" if self.quantity is None and self.rate is None else ("rate" if self.rate is None else "quantity")
            raise InputError(_("Give an amount, or a quantity and a rate."), field)
        return self


class FeeIn(LineDetailsIn):
    """A fee line added by hand: hours, half day, day, preparation or chairing."""

    category: str
    hours: Decimal | None = None

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, v: Any) -> str:
        code = vocab.code_for(vocab.FEE_CATEGORIES, str(v or ""))
        if code is None:
            choices = ", ".join(_(text) for text in vocab.FEE_CATEGORIES.values())
            raise InputError(_("{value} is not a kind of fee. Choose one of: {choices}.")
                             .format(value=str(v or "").strip(), choices=choices), "category")
        return code

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, v: Any) -> Decimal | None:
        if v is None or str(v).strip() == "":
            return None
        return quantity(v, "hours", minimum=Decimal("0.25"), maximum=MAX_HOURS)

    @model_validator(mode="after")
    def _needs_hours(self) -> FeeIn:
        if self.category in ("hours", "prep") and self.hours is None:
            raise InputError(_("Give the number of hours, for example 2.5."), "hours")
        if self.category not in ("hours", "prep") and self.hours is not None:
            raise InputError(_("Hours are only for fees by the hour or preparation."), "hours")
        return self


class AdjustmentIn(_Model):
    """A correction to an approved or paid claim: money on or off, and why."""

    line_kind: str
    category: str
    amount: int
    note: str

    @field_validator("line_kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> str:
        code = vocab.code_for(vocab.LINE_KINDS, str(v or ""))
        if code is None:
            raise InputError(_("Say whether the correction is to a fee or an expense."), "line_kind")
        return code

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, v: Any) -> str:
        code = vocab.code_for(vocab.LINE_CATEGORIES, str(v or ""))
        if code is None:
            raise InputError(_("{value} is not a kind of fee or expense.").format(value=str(v or "").strip()), "category")
        return code

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, v: Any) -> int:
        return signed_money(v, "amount")

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, v: Any) -> str:
        text = _text(v, 500, "note")
        if not text:
            raise InputError(_("Say why the claim is corrected, so the member knows."), "note")
        return text

    @model_validator(mode="after")
    def _category_fits(self) -> AdjustmentIn:
        fits = vocab.FEE_CATEGORIES if self.line_kind == "fee" else {**vocab.EXPENSE_CATEGORIES, "car_passengers": ""}
        if self.category not in fits:
            raise InputError(_("That category is not a kind of {kind}.").format(
                kind=vocab.label(vocab.LINE_KINDS, self.line_kind).lower()), "category")
        return self


def validate(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """Return `model` built from `data`, or raise InputError with a plain message."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else None
        label = _(FIELD_LABELS.get(field, field or "")) if field else ""
        cause = (err.get("ctx") or {}).get("error")
        if cause is not None:
            raise InputError(str(cause), field) from None
        if err["type"] == "missing":
            raise InputError(_("Fill in {field}.").format(field=label), field) from None
        if err["type"] == "extra_forbidden":
            raise InputError(_("{field} is not something coprod keeps.").format(field=field), field) from None
        if err["type"] in ("bool_parsing", "bool_type"):
            raise InputError(_("{field} must be yes or no.").format(field=label), field) from None
        raise InputError(_("{field} is not valid.").format(field=label), field) from None
