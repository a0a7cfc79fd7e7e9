"""How dates, times and records read on screen, in the person's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store import vocab
from store.i18n import _, babel_locale


# British English names as babel's locale data (CLDR) has them, Monday and January
# first. The home screen's first frame shows dates, and loading babel with its
# locale data would take a noticeable share of start-up; so British English is
# written from these, and every other language goes through babel. A test holds
# them to babel's own output, day by day.
_BRITISH = "en_GB"
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def long_date(iso: str) -> str:
    """Return 'Sunday 22 November 2026' (or its Welsh) for an ISO date."""
    day = dt.date.fromisoformat(iso)
    if babel_locale() == _BRITISH:
        return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "EEEE d MMMM y", locale=babel_locale())


def short_date(iso: str) -> str:
    """Return 'Sun 22 Nov 2026' (or its Welsh) for an ISO date."""
    day = dt.date.fromisoformat(iso)
    if babel_locale() == _BRITISH:
        return f"{_DAYS_SHORT[day.weekday()]} {day.day} {_MONTHS_SHORT[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "EEE d MMM y", locale=babel_locale())


def uk_date(iso: str | None) -> str:
    """Return an ISO date as day/month/year, the way people type it back."""
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def time_span(meeting: dict[str, Any]) -> str:
    """Return '10:30–13:00', or just the start, or nothing."""
    parts = [t for t in (meeting.get("start_time"), meeting.get("end_time")) if t]
    return "–".join(parts)


def meeting_line(meeting: dict[str, Any]) -> str:
    """Return one line naming a meeting: date, time, title and status in words."""
    status = vocab.label(vocab.MEETING_STATUSES, meeting["status"])
    if meeting.get("reopened") and meeting["status"] == "open":
        status = _("Reopened")
    bits = [short_date(meeting["date"]), time_span(meeting), meeting["title"], f"· {status}"]
    return "  ".join(b for b in bits if b)


def needs_short(needs: list[dict[str, str]]) -> str:
    """Return access needs as short words: 'BSL, Loop, Diet (vegan)'."""
    return ", ".join(_need(n, vocab.ACCESS_NEED_SHORT, "{word} ({note})") for n in needs)


def needs_long(needs: list[dict[str, str]]) -> str:
    """Return access needs in full words, one after another."""
    return "; ".join(_need(n, vocab.ACCESS_NEEDS, "{word}: {note}") for n in needs)


def _need(need: dict[str, str], words: dict[str, str], with_note: str) -> str:
    word = vocab.label(words, need["kind"])
    return with_note.format(word=word, note=need["note"]) if need.get("note") else word
