"""Dates on screen: British English written without babel reads exactly as babel writes it; other languages use babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from store.i18n import babel_locale, set_language
from tui.format import long_date, short_date

PATTERNS = ((long_date, "EEEE d MMMM y"), (short_date, "EEE d MMM y"))


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range(count)]


def test_british_dates_read_as_babel_writes_them_on_every_day_of_two_years() -> None:
    # Two years from a Monday: every weekday and month in both their long and short names.
    assert babel_locale() == "en_GB"
    for day in _days(dt.date(2026, 1, 5), 731):
        for shown, pattern in PATTERNS:
            assert shown(day.isoformat()) == format_date(day, pattern, locale="en_GB"), (day, pattern)


def test_a_day_in_september_is_sept_as_in_british_usage() -> None:
    assert short_date("2026-09-06") == format_date(dt.date(2026, 9, 6), "EEE d MMM y", locale="en_GB")
    assert "Sept" in short_date("2026-09-06")


def test_welsh_dates_come_from_babels_welsh_data() -> None:
    assert set_language("cy") == "cy"
    assert babel_locale() == "cy_GB"
    for day in _days(dt.date(2026, 11, 16), 7):
        for shown, pattern in PATTERNS:
            assert shown(day.isoformat()) == format_date(day, pattern, locale="cy_GB"), (day, pattern)
    assert long_date("2026-11-22") != format_date(dt.date(2026, 11, 22), "EEEE d MMMM y", locale="en_GB")
