"""A small network for the claims tests: staff, members with every payment preference, a rate card and meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from store import attendance, meetings, members
from store.claims import rates
from store.db import Store

CARD = {
    "name": "Network rates 2025", "effective_from": "01/04/2025", "fee_hour_pence": "£25", "fee_half_day_pence": "75",
    "fee_day_pence": "150.00", "prep_hour_pence": "25", "chair_supplement_pence": "25", "remote_allowance_pence": "5",
    "subsistence_cap_pence": "10", "accommodation_cap_pence": "120", "deadline_days": 90,
}


@dataclass
class World:
    store: Store
    grace: str  # staff: the facilitator
    ben: str  # staff: approves
    fiona: str  # staff: finance
    priya: str  # fee and expenses
    sian: str  # declines all payment
    dafydd: str  # expenses only
    rhys: str  # reduced fee, capped at £20
    aisha: str  # fee to a charity
    tomasz: str  # vouchers
    olu: str  # paid by their employer
    meeting: str  # 22/11/2026 (today), 10:00-13:00, open
    card: str
    people: dict[str, str] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return self.store.one(f"SELECT COUNT(*) FROM {table}")[0]

    def changes(self) -> int:
        return self.count("changes")

    def meeting_on(self, date: str, start: str = "10:00", end: str = "13:00", mode: str = "in_person",
                   status: str = "open") -> str:
        """A meeting on `date` (dd/mm/yyyy), opened (or left planned)."""
        meeting = meetings.create_meeting(self.store, {"title": "Network meeting", "date": date, "start_time": start,
                                                       "end_time": end, "mode": mode})
        if status != "planned":
            meetings.set_status(self.store, meeting, "open")
        return meeting

    def present(self, meeting: str, *people: str, **details) -> None:
        for person in people:
            attendance.mark(self.store, meeting, person, "present")
            if details:
                attendance.set_details(self.store, meeting, person, **details)

    def close(self, meeting: str) -> None:
        attendance.close_meeting(self.store, meeting, mark_absent=False)

    def sent_claim(self) -> str:
        """Priya's claim for today's meeting (a half-day fee), sent by her; the meeting is then closed."""
        from store.claims import drafting, line_edits, workflow

        self.present(self.meeting, self.priya)
        claim = drafting.create_claim(self.store, self.meeting, self.priya, self.grace)
        line_edits.add_fee(self.store, claim, self.grace, {"category": "half_day"})
        workflow.submit(self.store, claim, self.priya)
        self.close(self.meeting)
        return claim


def build(store: Store) -> World:
    def person(name: str, **extra) -> str:
        return members.add_member(store, {"name": name, **extra})

    world = World(
        store=store,
        grace=person("Grace Okafor", member_type="staff"),
        ben=person("Ben Carter", member_type="staff"),
        fiona=person("Fiona Hughes", member_type="staff"),
        priya=person("Priya Shah"),
        sian=person("Siân Jones", payment_preference="declines"),
        dafydd=person("Dafydd Evans", payment_preference="expenses_only"),
        rhys=person("Rhys Price", payment_preference="reduced_fee", fee_cap_pence=2000),
        aisha=person("Aisha Begum", payment_preference="charity"),
        tomasz=person("Tomasz Nowak", payment_preference="vouchers"),
        olu=person("Olu Adebayo", member_type="org_rep", paid_by_employer=True),
        meeting="",
        card=rates.add_rate_card(store, CARD),
    )
    world.meeting = world.meeting_on("22/11/2026")
    return world


@pytest.fixture
def world(store) -> World:
    """The claims network on an empty database."""
    return build(store)
