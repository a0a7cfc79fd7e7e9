"""Dates and times as people type them, checked before anything is written."""

from __future__ import annotations

import datetime as dt
import re

from store.errors import InputError
from store.i18n import _

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)
_TIME_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})\s*$")


def parse_date(text: str | dt.date, field: str | None = "date") -> str:
    """Return an ISO date from '14/03/2026', '14-3-26' or '2026-03-14'; refuse impossible dates."""
    if isinstance(text, dt.date):
        return text.isoformat()
    raw = (text or "").strip()
    if not raw:
        raise InputError(_("Fill in the date, for example 14/03/2026."), field)
    iso = _ISO.match(raw)
    dmy = _DMY.match(raw)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif dmy:
        day, month, year = (int(g) for g in dmy.groups())
        if year < 100:
            year += 2000
    else:
        raise InputError(
            _("{text} is not a date. Use day/month/year, for example 14/03/2026.").format(text=raw), field
        )
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise InputError(
            _("{text} is not a real date. Check the day and month.").format(text=raw), field
        ) from None


def parse_time(text: str | None, field: str | None = "time") -> str | None:
    """Return 'HH:MM' from '9:30', '0930', '9.30' or '2pm'; None for an empty answer."""
    raw = (text or "").strip()
    if not raw:
        return None
    match = _TIME.match(raw) or _TIME_COMPACT.match(raw)
    if not match:
        raise InputError(_("{text} is not a time. Use hours and minutes, for example 14:30.").format(text=raw), field)
    hour = int(match.group(1))
    minute = int(match.group(2) or 0)
    suffix = match.group(3).lower() if match.re is _TIME and match.group(3) else None
    if suffix:
        if not 1 <= hour <= 12:
            raise InputError(_("{text} is not a time.").format(text=raw), field)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InputError(_("{text} is not a time.").format(text=raw), field)
    return f"{hour:02d}:{minute:02d}"


def today() -> dt.date:
    """Return today's date (COPROD_TODAY overrides it, for demos and tests)."""
    import os

    fixed = os.environ.get("COPROD_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def now_hhmm() -> str:
    """Return the time now as HH:MM (COPROD_NOW overrides it, for tests)."""
    import os

    return os.environ.get("COPROD_NOW") or dt.datetime.now().strftime("%H:%M")


def now_iso() -> str:
    """Return the UTC time now, to the second, for created_at, deleted_at and item timers.

    On the day COPROD_TODAY names, when it is set, so that records made in a
    demo or a test belong to the same day as its meetings; at the time
    COPROD_NOW names, when it is set, so that a test can move the clock on and
    check what a meeting's timer shows. That time is taken as UTC, so a test
    gets the same stamps in every time zone.
    """
    import os

    fixed = os.environ.get("COPROD_NOW")
    if fixed:
        hour, minute = (int(part) for part in parse_time(fixed, None).split(":"))
        return dt.datetime.combine(today(), dt.time(hour, minute), dt.timezone.utc).isoformat()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    day = today()
    return now.replace(year=day.year, month=day.month, day=day.day).isoformat()
