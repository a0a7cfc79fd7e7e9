"""A small network with claims in known states, for the finance export, payments, statements and claims CLI tests.

Made through the store's own commands, as the app and the command line do.
Today is 22/11/2026 (tests/conftest.py fixes the clock).
"""

from __future__ import annotations

from dataclasses import dataclass

from store import attendance, meetings, members, organisations
from store.claims import drafting, line_edits, rates, workflow
from store.db import Store

HOST = "Valleys Care Trust"
CARD = {
    "name": "Network rates 2025", "effective_from": "01/04/2025", "fee_hour_pence": "25", "fee_half_day_pence": "75",
    "fee_day_pence": "150", "prep_hour_pence": "25", "chair_supplement_pence": "25", "remote_allowance_pence": "5",
    "subsistence_cap_pence": "10", "accommodation_cap_pence": "120", "deadline_days": 90,
}


@dataclass
class MoneyWorld:
    store: Store
    grace: str  # staff: the facilitator, who starts and sends claims
    ben: str  # staff: approves
    fiona: str  # staff: finance, who pays
    priya: str  # fee and expenses; her name has a comma and quotes in it
    tomasz: str  # paid in vouchers
    olu: str  # marked absent at March
    march: str  # 14/03/2026, 10:00-13:00, closed: Priya, Tomasz and Grace present, Olu absent
    june: str  # 20/06/2026, 10:00-16:00, closed: Priya present
    november: str  # 22/11/2026 (today), open: Priya present

    def changes(self) -> int:
        """How many change rows the database holds: any write adds some."""
        return self.store.one("SELECT COUNT(*) FROM changes")[0]

    def claim(self, meeting: str, member: str, *expenses: dict, fee: str | None = "half_day") -> str:
        """Start a claim for someone present, with a fee line (unless None) and the expenses given."""
        claim_id = drafting.create_claim(self.store, meeting, member, self.grace)
        if fee:
            line_edits.add_fee(self.store, claim_id, self.grace, {"category": fee})
        for expense in expenses:
            line_edits.add_expense(self.store, claim_id, self.grace, expense)
        return claim_id

    def approved(self, meeting: str, member: str, *expenses: dict, fee: str | None = "half_day") -> str:
        """A claim sent by Grace and approved by Ben."""
        claim_id = self.claim(meeting, member, *expenses, fee=fee)
        workflow.submit(self.store, claim_id, self.grace)
        workflow.approve(self.store, claim_id, self.ben)
        return claim_id

    def paid(self, meeting: str, member: str, reference: str, paid_on: str, *expenses: dict,
             fee: str | None = "half_day") -> str:
        """A claim approved, then paid by Fiona."""
        claim_id = self.approved(meeting, member, *expenses, fee=fee)
        workflow.mark_paid(self.store, claim_id, self.fiona, reference, paid_on)
        return claim_id

    def rejected(self, meeting: str, member: str) -> str:
        """A claim sent, then rejected by Ben."""
        claim_id = self.claim(meeting, member)
        workflow.submit(self.store, claim_id, self.grace)
        workflow.reject(self.store, claim_id, self.ben, "This was claimed already.")
        return claim_id


def _meeting(store: Store, title: str, date: str, start: str, end: str) -> str:
    meeting = meetings.create_meeting(store, {"title": title, "date": date, "start_time": start, "end_time": end})
    meetings.set_status(store, meeting, "open")
    return meeting


def build_money_world(store: Store, priya_name: str = 'Priya "Pree" Shah, MBE') -> MoneyWorld:
    """Make the network: people, a host organisation, a rate card and three meetings with their registers."""
    host = organisations.add_organisation(store, HOST, "host")

    def person(name: str, **extra) -> str:
        return members.add_member(store, {"name": name, **extra})

    world = MoneyWorld(
        store=store,
        grace=person("Grace Okafor", member_type="staff", organisation_id=host),
        ben=person("Ben Carter", member_type="staff", organisation_id=host),
        fiona=person("Fiona Hughes", member_type="staff", organisation_id=host),
        priya=person(priya_name),
        tomasz=person("Tomasz Nowak", payment_preference="vouchers"),
        olu=person("Olu Adebayo"),
        march=_meeting(store, "March meeting, in Cardiff", "14/03/2026", "10:00", "13:00"),
        june=_meeting(store, 'The "big" June meeting', "20/06/2026", "10:00", "16:00"),
        november=_meeting(store, "November meeting", "22/11/2026", "10:00", "13:00"),
    )
    rates.add_rate_card(store, CARD)
    for who, status in ((world.priya, "present"), (world.tomasz, "present"), (world.olu, "absent"),
                        (world.grace, "present")):
        attendance.mark(store, world.march, who, status)
    attendance.mark(store, world.june, world.priya, "present")
    attendance.mark(store, world.november, world.priya, "present")
    for meeting in (world.march, world.june):
        attendance.close_meeting(store, meeting, mark_absent=False)
    return world
