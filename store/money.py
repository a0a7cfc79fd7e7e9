"""Money as integer pence: parsed from what people type, shown in their locale."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from store.errors import InputError
from store.i18n import _, babel_locale

MAX_PENCE = 100_000_000  # £1,000,000: no single amount here is larger.
_AMOUNT = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$|^\.\d{1,2}$")


def parse_pence(text: str | int | None, field: str | None = None) -> int | None:
    """Return pence from '£12.50', '12.5', '12' or '1,250.00'; None for an empty answer."""
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        return text * 100
    raw = str(text).strip().replace("£", "").replace(" ", "")
    if not raw:
        return None
    if raw.startswith("-"):
        raise InputError(_("An amount cannot be negative."), field)
    if not _AMOUNT.match(raw):
        raise InputError(_("{text} is not an amount of money. Use pounds and pence, for example 12.50.")
                         .format(text=str(text).strip()), field)
    try:
        pence = int(Decimal(raw.replace(",", "")) * 100)
    except InvalidOperation:
        raise InputError(_("{text} is not an amount of money.").format(text=str(text).strip()), field) from None
    if pence > MAX_PENCE:
        raise InputError(_("{text} is too large for one amount.").format(text=str(text).strip()), field)
    return pence


def pounds(pence: int | None) -> str:
    """Return pence as plain pounds with two decimals, '12.50', for files and forms."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def format_money(pence: int) -> str:
    """Return '£12.50' formatted for the current locale."""
    from babel.numbers import format_currency

    return format_currency(Decimal(pence) / 100, "GBP", locale=babel_locale())
