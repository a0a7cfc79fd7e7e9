"""How claims put dates and money into sentences, in the person's language."""

from __future__ import annotations

import datetime as dt

from store.i18n import babel_locale
from store.money import format_money


def day(iso: str | None) -> str:
    """Return '22 Nov 2026' (or its Welsh) for an ISO date or timestamp; '' for none."""
    if not iso:
        return ""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso[:10]), "d MMM y", locale=babel_locale())


def money(pence: int | None) -> str:
    """Return '£12.50' in the person's locale; '' for none."""
    return "" if pence is None else format_money(pence)
