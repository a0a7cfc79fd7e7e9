"""Dates and times as people type them: every real one understood, every impossible one refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.dates import now_hhmm, now_iso, parse_date, parse_time, today
from store.errors import InputError

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
separators = st.sampled_from(["/", "-", ".", " / "])


@given(day=dates, sep=separators, pad=st.booleans())
def test_day_month_year_round_trips_to_iso(day, sep, pad) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if pad else (str(day.day), str(day.month))
    assert parse_date(f"{d}{sep}{m}{sep}{day.year}") == day.isoformat()


@given(day=dates, sep=separators)
def test_two_digit_year_means_this_century(day, sep) -> None:
    assert parse_date(f"{day.day}{sep}{day.month}{sep}{day.year % 100:02d}") == day.isoformat()


@given(day=st.dates(min_value=dt.date(1000, 1, 1)), pad=st.booleans())
def test_iso_dates_round_trip(day, pad) -> None:
    text = day.isoformat() if pad else f"{day.year}-{day.month}-{day.day}"
    assert parse_date(f"  {text} ") == day.isoformat()


@given(day=st.dates())
def test_date_objects_are_taken_as_they_are(day) -> None:
    assert parse_date(day) == day.isoformat()


@given(day=dates)
def test_parsing_an_iso_date_again_changes_nothing(day) -> None:
    once = parse_date(day.strftime("%d/%m/%Y"))
    assert parse_date(once) == once


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2026", "31/04/2026", "00/01/2026", "12/13/2026", "2026-02-30",
                                  "32-1-26"])
def test_impossible_dates_are_refused_on_the_date_field(text) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert caught.value.field == "date"
    assert text in caught.value.message
    assert "real date" in caught.value.message


def test_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_date("29/02/2028") == "2028-02-29"


@pytest.mark.parametrize("text", ["tomorrow", "14 March 2026", "2026/03/14", "14/03", "1/1/202", "14/03/2026 10:00"])
def test_text_that_is_not_a_date_is_refused_with_an_example(text) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, field="consent_date")
    assert caught.value.field == "consent_date"
    assert "14/03/2026" in caught.value.message


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_date_asks_for_one(text) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert "Fill in the date" in caught.value.message


@given(hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_twenty_four_hour_times_round_trip(hour, minute) -> None:
    expected = f"{hour:02d}:{minute:02d}"
    for text in (f"{hour}:{minute:02d}", f"{hour:02d}:{minute:02d}", f"{hour}.{minute:02d}", f"{hour:02d}{minute:02d}",
                 f" {hour}:{minute:02d} "):
        assert parse_time(text) == expected, text


@given(hour=st.integers(0, 23), minute=st.integers(0, 59), suffix_case=st.sampled_from(["lower", "upper"]),
       space=st.booleans())
def test_twelve_hour_times_round_trip(hour, minute, suffix_case, space) -> None:
    twelve = hour % 12 or 12
    suffix = "am" if hour < 12 else "pm"
    suffix = suffix.upper() if suffix_case == "upper" else suffix
    gap = " " if space else ""
    assert parse_time(f"{twelve}:{minute:02d}{gap}{suffix}") == f"{hour:02d}:{minute:02d}"
    if minute == 0:
        assert parse_time(f"{twelve}{gap}{suffix}") == f"{hour:02d}:00"


@given(hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_parsing_a_parsed_time_again_changes_nothing(hour, minute) -> None:
    once = parse_time(f"{hour}.{minute:02d}")
    assert parse_time(once) == once


@pytest.mark.parametrize(("text", "expected"), [("12am", "00:00"), ("12pm", "12:00"), ("12:30am", "00:30"),
                                                ("2pm", "14:00"), ("9", "09:00"), ("0930", "09:30")])
def test_well_known_times(text, expected) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "13pm", "0am", "930", "noon", "9:3", "10:30:00", "-1:00"])
def test_impossible_times_are_refused_on_their_field(text) -> None:
    with pytest.raises(InputError) as caught:
        parse_time(text, "start_time")
    assert caught.value.field == "start_time"
    assert text in caught.value.message


@pytest.mark.parametrize("text", ["", "  ", None])
def test_empty_time_means_no_time(text) -> None:
    assert parse_time(text) is None


def test_today_and_now_follow_the_test_clock() -> None:
    assert today() == dt.date(2026, 11, 22)
    assert now_hhmm() == "10:40"


def test_now_iso_is_utc_to_the_second(monkeypatch) -> None:
    monkeypatch.delenv("COPROD_TODAY")  # the real clock, not the fixed test day and time
    monkeypatch.delenv("COPROD_NOW")
    stamp = dt.datetime.fromisoformat(now_iso())
    assert stamp.utcoffset() == dt.timedelta(0)
    assert stamp.microsecond == 0
    assert abs((dt.datetime.now(dt.timezone.utc) - stamp).total_seconds()) < 5


def test_records_made_under_a_fixed_day_are_stamped_with_that_day(monkeypatch):
    from store.dates import now_iso

    monkeypatch.setenv("COPROD_TODAY", "2026-03-14")
    assert now_iso().startswith("2026-03-14T")


def test_now_iso_follows_the_fixed_wall_clock_time(monkeypatch) -> None:
    # A test moves COPROD_NOW on to see a meeting's timer run.
    first = dt.datetime.fromisoformat(now_iso())
    assert now_iso() == "2026-11-22T10:40:00+00:00"
    monkeypatch.setenv("COPROD_NOW", "11:05")
    assert (dt.datetime.fromisoformat(now_iso()) - first).total_seconds() == 25 * 60
