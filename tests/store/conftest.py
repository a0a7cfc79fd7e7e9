"""A small network for the agenda and action tests: people, and meetings before, today and after."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store import meetings, members
from store.db import Store


@dataclass
class Net:
    store: Store
    today: str  # 22/11/2026, 10:30-13:00 (150 minutes), open
    later: str  # 10/12/2026, 10:00-12:00, planned
    earlier: str  # 01/10/2026, closed
    untimed: str  # 15/01/2027, no start or end time, planned
    priya: str  # consented to be named
    sian: str  # consented to be named
    dafydd: str  # has not consented to be named
    grace: str  # staff, consented

    def changes(self) -> int:
        return self.store.one("SELECT COUNT(*) FROM changes")[0]


@pytest.fixture
def net(store) -> Net:
    """Four meetings and four people; today's meeting is open."""
    def person(name: str, consent: bool = True, **extra) -> str:
        return members.add_member(store, {"name": name, "consent_date": "10/01/2026" if consent else "", **extra})

    def meeting(date: str, start: str = "", end: str = "", title: str = "Network meeting") -> str:
        return meetings.create_meeting(store, {"title": title, "date": date, "start_time": start, "end_time": end})

    made = Net(
        store=store,
        today=meeting("22/11/2026", "10:30", "13:00"),
        later=meeting("10/12/2026", "10:00", "12:00", "Steering group"),
        earlier=meeting("01/10/2026", "10:30", "12:30"),
        untimed=meeting("15/01/2027"),
        priya=person("Priya Shah", organisation="Riverside Carers Forum"),
        sian=person("Siân Jones"),
        dafydd=person("Dafydd Evans", consent=False),
        grace=person("Grace Okafor", member_type="staff"),
    )
    meetings.set_status(store, made.today, "open")
    meetings.set_status(store, made.earlier, "closed")
    return made
