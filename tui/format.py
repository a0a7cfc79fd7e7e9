"""How dates, times and records read on screen, in the person's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store import vocab
from store.i18n import _, babel_locale


def long_date(iso: str) -> str:
    """Return 'Sunday 22 November 2026' (or its Welsh) for an ISO date."""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso), "EEEE d MMMM y", locale=babel_locale())


def short_date(iso: str) -> str:
    """Return 'Sun 22 Nov 2026' (or its Welsh) for an ISO date."""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso), "EEE d MMM y", locale=babel_locale())


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
