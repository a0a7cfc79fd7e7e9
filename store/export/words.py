"""How dates, times and lists of people read in exported papers, in the person's language.

The papers are made outside the app too (from the command line, or a script),
so this is store code: babel for dates and lists, nothing from the interface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from store.i18n import _, babel_locale, current_language, ngettext


def long_date(iso: str | None) -> str:
    """Return 'Sunday 22 November 2026' (or its Welsh) for an ISO date; '' for none."""
    if not iso:
        return ""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso[:10]), "EEEE d MMMM y", locale=babel_locale())


def medium_date(iso: str | None) -> str:
    """Return '22 Nov 2026' (or its Welsh) for an ISO date; '' for none."""
    if not iso:
        return ""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso[:10]), "d MMM y", locale=babel_locale())


def time_span(start: str | None, end: str | None) -> str:
    """Return '10:30–13:00', or just the start, or nothing."""
    return "–".join(t for t in (start, end) if t)


def html_lang() -> str:
    """Return the current language as an HTML lang value: en_GB gives 'en-GB'."""
    return current_language().replace("_", "-")


def name_list(names: Sequence[str]) -> str:
    """Return names joined as the language joins them: 'Priya, Siân and Grace'."""
    if not names:
        return ""
    from babel.lists import format_list

    return format_list(list(names), locale=babel_locale())


def people(names: Sequence[str | None]) -> str:
    """Return the people named, with those not named (None) counted: 'Priya Shah and 1 other member'.

    Someone who has not agreed to be named in papers appears only in the count.
    """
    named = [n for n in names if n]
    hidden = len(names) - len(named)
    if not hidden:
        return name_list(named)
    if not named:
        return ngettext("a member", "{n} members", hidden).format(n=hidden)
    others = ngettext("{n} other member", "{n} other members", hidden).format(n=hidden)
    return name_list([*named, others])


def minutes_text(n: int | None) -> str:
    """Return '1 minute' or '15 minutes'; '' for none."""
    if n is None:
        return ""
    return ngettext("{n} minute", "{n} minutes", n).format(n=n)


def meeting_where(meeting: dict) -> str:
    """Return 'Community Hall (In person)', or just the mode when there is no venue."""
    from store import vocab

    mode = vocab.label(vocab.MEETING_MODES, meeting["mode"])
    return _("{venue} ({mode})").format(venue=meeting["venue"], mode=mode) if meeting.get("venue") else mode


def meeting_when(meeting: dict) -> str:
    """Return 'Sunday 22 November 2026, 10:30–13:00' for a meeting (the time only when it is set)."""
    span = time_span(meeting.get("start_time"), meeting.get("end_time"))
    day = long_date(meeting.get("date"))
    return _("{date}, {time}").format(date=day, time=span) if span else day
