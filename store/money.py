"""Money as integer pence: parsed from what people type, shown in their locale."""

from __future__ import annotations

import re
from decimal import Decimal

from store.errors import InputError
from store.i18n import _, babel_locale

# Up to £9,999,999.99: larger is a typing slip, not an amount anyone is paid.
_POUNDS = re.compile(r"£?(\d{1,3}(?:,\d{3}){1,2}|\d{1,7})(?:\.(\d{1,2}))?")
_PENCE = re.compile(r"(\d{1,9})p")


def parse_pence(text: str | None, field: str | None = None) -> int | None:
    """Return integer pence from '£12.50', '12.5', '12', '1,250.00' or '50p'; None for an empty answer.

    Never goes through float: the pounds and pence are read as whole numbers.
    """
    if text is None:
        return None
    compact = "".join(str(text).split())
    if not compact:
        return None
    if compact.lstrip("£").startswith("-"):
        raise InputError(_("An amount of money cannot be negative."), field)
    match = _PENCE.fullmatch(compact.lower())
    if match:
        return int(match.group(1))
    match = _POUNDS.fullmatch(compact)
    if not match:
        raise InputError(_("{text} is not an amount of money. Use pounds and pence, for example 12.50.")
                         .format(text=str(text).strip()), field)
    pounds_part = int(match.group(1).replace(",", ""))
    return pounds_part * 100 + int((match.group(2) or "0").ljust(2, "0"))


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
