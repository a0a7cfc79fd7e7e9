"""Checking one field of claims input: money, quantities and short text, with the fields' names.

No pydantic here, so a screen can check a field as it is typed without the
cost of loading the models. Money is integer pence; a float is refused rather
than rounded.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from store.claims.lines import plain
from store.errors import InputError
from store.i18n import N_, _, ngettext
from store.money import format_money, parse_pence, pounds

MAX_LINE_PENCE = 500_000  # £5,000: the most a single line of a claim may be
MAX_RATE_PENCE = 500_000
MAX_MILE_RATE_PENCE = 500  # £5 a mile: more is a slip of pounds for pence
MAX_MILES = Decimal(2000)
MAX_HOURS = Decimal(24)
MAX_PASSENGERS = 8
_NUMBER = re.compile(r"\d{1,30}(?:\.\d{1,10})?")

FIELD_LABELS = {
    "name": N_("Name"),
    "effective_from": N_("Starts on"),
    "fee_hour_pence": N_("Fee per hour"),
    "fee_half_day_pence": N_("Fee per half day"),
    "fee_day_pence": N_("Fee per day"),
    "prep_hour_pence": N_("Preparation per hour"),
    "chair_supplement_pence": N_("Chairing"),
    "remote_allowance_pence": N_("Remote meeting allowance"),
    "car_pence": N_("Car, first miles"),
    "car_after_pence": N_("Car, after the threshold"),
    "car_threshold_miles": N_("Car threshold (miles)"),
    "passenger_pence": N_("Passengers"),
    "motorcycle_pence": N_("Motorcycle"),
    "bicycle_pence": N_("Bicycle"),
    "subsistence_cap_pence": N_("Meals cap"),
    "accommodation_cap_pence": N_("Accommodation cap"),
    "deadline_days": N_("Days to claim"),
    "kind": N_("Kind"),
    "amount": N_("Amount"),
    "category": N_("Category"),
    "quantity": N_("Quantity"),
    "rate": N_("Rate"),
    "miles": N_("Miles"),
    "passengers": N_("Passengers"),
    "hours": N_("Hours"),
    "line_date": N_("Date"),
    "receipt_ref": N_("Receipt reference"),
    "receipt_path": N_("Receipt file"),
    "prior_approval": N_("Agreed beforehand"),
    "note": N_("Note"),
    "line_kind": N_("Fee or expense"),
}



def money(value: Any, field: str, *, maximum: int = MAX_RATE_PENCE, required: bool = False,
          allow_zero: bool = True) -> int | None:
    """Return pence from whole pence (int) or typed text ('£12.50', '45p'); None when empty and allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(_("Fill in {field}.").format(field=_(FIELD_LABELS.get(field, field))), field)
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise InputError(_("Give an amount of money, for example 12.50."), field)
    pence = value if isinstance(value, int) else parse_pence(str(value), field)
    if pence is None:
        return None
    if pence < 0:
        raise InputError(_("An amount of money cannot be negative."), field)
    if pence == 0 and not allow_zero:
        raise InputError(_("Give an amount of at least 1p."), field)
    if pence > maximum:
        raise InputError(_("{amount} is more than coprod takes here (up to {most}). Check the amount.")
                         .format(amount=format_money(pence), most=format_money(maximum)), field)
    return pence


def signed_money(value: Any, field: str) -> int:
    """Return pence for a correction, which may take money off: '-12.50' or '12.50'."""
    text = str(value if value is not None else "").strip()
    if isinstance(value, int) and not isinstance(value, bool):
        sign, pence = (-1 if value < 0 else 1), abs(value)
    else:
        sign = -1 if text.lstrip("£").startswith("-") or text.startswith("-") else 1
        pence = money(text.replace("-", "", 1), field, maximum=MAX_LINE_PENCE, required=True)
    if not pence:
        raise InputError(_("A correction must change the claim by at least 1p."), field)
    if pence > MAX_LINE_PENCE:
        raise InputError(_("A correction can be up to £{most}.").format(most=pounds(MAX_LINE_PENCE)), field)
    return sign * pence


def quantity(value: Any, field: str, *, maximum: Decimal, minimum: Decimal = Decimal("0.01"), places: int = 2) -> Decimal:
    """Return a quantity (miles, hours, nights) as a Decimal, never a float."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InputError(_("{field} must be a number, for example 2.5.").format(field=_(FIELD_LABELS.get(field, field))), field)
    text = str(value if value is not None else "").strip().replace(",", "")
    if not text:
        raise InputError(_("Fill in {field}.").format(field=_(FIELD_LABELS.get(field, field))), field)
    if not _NUMBER.fullmatch(text):
        raise InputError(_("{text} is not a number. Use figures, for example 2.5.").format(text=text), field)
    number = Decimal(text)
    if -number.as_tuple().exponent > places and number != number.quantize(Decimal(1).scaleb(-places)):
        raise InputError(ngettext("Use at most {n} figure after the point.", "Use at most {n} figures after the point.",
                                  places).format(n=places), field)
    if number < minimum:
        raise InputError(_("{field} must be at least {n}.").format(field=_(FIELD_LABELS.get(field, field)),
                                                                  n=plain(minimum)), field)
    if number > maximum:
        raise InputError(_("{text} is more than {n}. Check the number.").format(text=text, n=plain(maximum)), field)
    return number


def _text(value: Any, limit: int, field: str) -> str | None:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise InputError(_("Keep this under {n} characters.").format(n=limit), field)
    return text or None
