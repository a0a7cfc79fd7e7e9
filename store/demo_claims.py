"""The demo network's claims: a rate card, benefit limits, and claims in every state.

Past meetings get claims for members who were there, drafted from the register
as the facilitator would, with travel and other costs added; then sent,
approved, batched and paid, or sent back, rejected or withdrawn, the older
meetings further along. The same seed gives the same claims; a big network
gets a few thousand claims, not one per person present.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from decimal import Decimal

from store import changes
from store.claims import log, projection
from store.claims.drafting import payment_method, register_lines
from store.claims.lines import amount, line
from store.claims.rates import PUBLISHED_LIMITS
from store.dates import today
from store.ids import link_id, new_id

BASE_MS = 1_767_225_600_000 + 100_000_000  # after the demo's other ids, the same for every run
MOST_CLAIMS = 2500
CARD = {
    "name": "Network rates 2025", "effective_from": "2025-04-01", "fee_hour_pence": 2500, "fee_half_day_pence": 7500,
    "fee_day_pence": 15000, "prep_hour_pence": 2500, "chair_supplement_pence": 2500, "remote_allowance_pence": 500,
    "car_pence": 45, "car_after_pence": 25, "car_threshold_miles": 10_000, "passenger_pence": 5, "motorcycle_pence": 24,
    "bicycle_pence": 20, "subsistence_cap_pence": 1000, "accommodation_cap_pence": 12000, "deadline_days": 90,
    "created_at": "2026-01-05T09:00:00+00:00",
}
# The first claims go through every state in turn, so even a small demo shows each.
FIRST_STATES = ("paid", "approved", "submitted", "draft", "rejected", "withdrawn", "returned", "adjusted")
REJECT_REASONS = (
    "This was claimed on an earlier claim already.",
    "The taxi was not agreed beforehand and there was an accessible bus. Please claim the bus fare.",
)
RETURN_REASONS = ("Please add the receipt for the taxi.", "The train fare looks like first class. Please check it.")


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.n = rng, 0

    def __call__(self) -> str:
        self.n += 1
        return new_id(BASE_MS + self.n, self.rng.randbytes(10))


def _stamp(date: dt.date, hhmm: str) -> str:
    return f"{date.isoformat()}T{hhmm}:00+00:00"


class _Claims:
    def __init__(self, conn: sqlite3.Connection, seed: int) -> None:
        self.conn = conn
        self.rng = random.Random(f"claims-{seed}")
        self.ids = _Ids(self.rng)
        staff = [r[0] for r in conn.execute(
            "SELECT id FROM members WHERE member_type = 'staff' AND active = 1 ORDER BY id")]
        self.facilitator, self.approver = staff[0], staff[1 % len(staff)]
        self.finance = staff[2 % len(staff)]
        self.claims = self.lines = 0
        self.batches: dict[str, str] = {}

    def costs(self, claim_id: str, date: str, person: dict) -> list[dict]:
        rng, out = self.rng, []
        roll = rng.random()
        receipt = rng.random() < 0.8
        details = {"receipt_ref": f"R{rng.randint(1000, 9999)}" if receipt else None,
                   "receipt_path": f"receipts/{claim_id[:8]}.pdf" if receipt else None}
        if person["remote"]:
            return out
        if roll < 0.45:
            fare = rng.choice((320, 480, 650, 1240, 1860))
            out.append(line("expense", "rail_bus", Decimal(1), None, fare, date, **details))
        elif roll < 0.7:
            miles = Decimal(rng.randint(4, 60))
            out.append(line("expense", "car", miles, CARD["car_pence"], amount(miles, CARD["car_pence"]), date))
            if rng.random() < 0.2:
                out.append(line("expense", "car_passengers", miles, CARD["passenger_pence"],
                                amount(miles, CARD["passenger_pence"]), date))
            if rng.random() < 0.4:
                out.append(line("expense", "parking", Decimal(1), None, rng.choice((250, 400, 600)), date, **details))
        elif roll < 0.8:
            out.append(line("expense", "taxi", Decimal(1), None, rng.choice((1150, 1400, 2275)), date,
                            prior_approval=rng.random() < 0.7, **details))
        if rng.random() < 0.25:
            out.append(line("expense", "subsistence", Decimal(1), None, rng.choice((450, 780, 1200)), date, **details))
        if person["supporter"] and rng.random() < 0.6:
            out.append(line("expense", "support_worker", Decimal(3), 1250, 3750, date, prior_approval=True, **details))
        return out

    def claim(self, meeting: dict, person: dict, outcome: str) -> None:
        conn, rng, ids = self.conn, self.rng, self.ids
        day = dt.date.fromisoformat(meeting["date"])
        lines, _why = register_lines(CARD, meeting, person, Decimal(1) if rng.random() < 0.3 else None)
        claim_id = ids()
        lines += self.costs(claim_id, meeting["date"], person)
        if not lines:
            return
        at = _stamp(day, "13:30")
        after = ids()
        log.new_claim(conn, person["id"], meeting["id"], self.facilitator, payment_method(person["payment_preference"]),
                      claim_id=claim_id, at=at, event_id=after)
        for item in lines:
            item["line_id"] = ids()
            after = log.append(conn, claim_id, "line_added", self.facilitator, item, after=after, at=at, event_id=ids())
        self.claims += 1
        self.lines += len(lines)
        if outcome == "draft":
            return
        latest = today()
        steps = []
        sent = day + dt.timedelta(days=rng.randint(1, 4))
        submitter = person["id"] if rng.random() < 0.4 else self.facilitator
        steps.append((sent, "submitted", submitter, {}))
        if outcome == "returned":
            steps.append((sent + dt.timedelta(days=2), "returned", self.approver, {"reason": rng.choice(RETURN_REASONS)}))
        elif outcome == "withdrawn":
            steps.append((sent + dt.timedelta(days=1), "withdrawn", person["id"], {}))
        elif outcome == "rejected":
            steps.append((sent + dt.timedelta(days=3), "rejected", self.approver, {"reason": rng.choice(REJECT_REASONS)}))
        elif outcome != "submitted":
            approved = sent + dt.timedelta(days=rng.randint(1, 5))
            steps.append((approved, "approved", self.approver, {}))
            if outcome in ("paid", "adjusted"):
                batch = self.batches.setdefault(meeting["id"], ids())
                steps.append((approved + dt.timedelta(days=1), "batched", self.finance, {"batch_id": batch}))
                paid = approved + dt.timedelta(days=rng.randint(5, 20))
                steps.append((paid, "paid", self.finance, {"payment_reference": f"BACS-{rng.randint(100000, 999999)}",
                                                           "paid_on": min(paid, latest).isoformat()}))
            if outcome == "adjusted":
                steps.append((latest, "adjusted", self.approver, {
                    "line_id": ids(), "line_kind": "expense", "category": "rail_bus", "quantity": "1", "rate_pence": None,
                    "amount_pence": 240, "line_date": meeting["date"], "receipt_ref": None, "receipt_path": None,
                    "prior_approval": 0, "note": "The return fare was £2.40 more than claimed.",
                }))
        for when, kind, actor, data in steps:
            if when > latest:
                break  # not happened yet: the claim stays where it got to
            after = log.append(conn, claim_id, kind, actor, data, after=after, at=_stamp(when, "11:00"), event_id=ids())


def _outcome(rng: random.Random, made: int, age_days: int) -> str:
    if made < len(FIRST_STATES):
        return FIRST_STATES[made]
    if age_days > 60:
        return rng.choices(("paid", "rejected", "withdrawn", "approved"), weights=(88, 4, 4, 4))[0]
    return rng.choices(("draft", "submitted", "approved", "paid", "returned", "rejected", "withdrawn"),
                       weights=(25, 25, 20, 20, 4, 3, 3))[0]


def add_claims(conn: sqlite3.Connection, seed: int) -> dict[str, int]:
    """Give the demo a rate card, benefit limits, a few members' benefit flags and claims for past meetings."""
    rng_card = random.Random(f"claims-card-{seed}")
    changes.record(conn, "rate_cards", new_id(BASE_MS, rng_card.randbytes(10)), CARD)
    for kind, pence, start in PUBLISHED_LIMITS:
        changes.record(conn, "benefit_limits", link_id("benefit_limit", kind, start),
                       {"kind": kind, "amount_pence": pence, "effective_from": start})
    made = _Claims(conn, seed)
    people = conn.execute(
        "SELECT id FROM members WHERE member_type NOT IN ('staff', 'guest') ORDER BY id"
    ).fetchall()
    for (member_id,) in people:
        roll = made.rng.random()
        flag = "esa" if roll < 0.08 else "uc_housing" if roll < 0.12 else "uc" if roll < 0.15 else None
        if flag:
            changes.record(conn, "members", member_id, {"benefits": flag})
    meetings = [dict(r) for r in conn.execute(
        "SELECT id, date, start_time, end_time, mode FROM meetings WHERE status = 'closed' ORDER BY date, id"
    )]
    present = conn.execute(
        "SELECT a.meeting_id, m.id, m.member_type, m.payment_preference, m.fee_cap_pence, m.paid_by_employer, "
        "a.arrived_at, a.left_at, a.remote, a.supporter, a.role FROM attendance a JOIN members m ON m.id = a.member_id "
        "WHERE a.status = 'present' AND m.member_type != 'staff' ORDER BY a.meeting_id, m.id"
    ).fetchall()
    by_meeting: dict[str, list[dict]] = {}
    for row in present:
        by_meeting.setdefault(row[0], []).append(dict(zip(
            ("id", "member_type", "payment_preference", "fee_cap_pence", "paid_by_employer", "arrived_at", "left_at",
             "remote", "supporter", "role"), row[1:])))
    share = min(1.0, MOST_CLAIMS / max(len(present), 1))
    latest = today()
    with projection.deferred(conn):
        for meeting in meetings:
            age = (latest - dt.date.fromisoformat(meeting["date"])).days
            for person in by_meeting.get(meeting["id"], []):
                if share < 1.0 and made.rng.random() >= share:
                    continue
                made.claim(meeting, person, _outcome(made.rng, made.claims, age))
    return {"claims": made.claims, "claim_lines": made.lines}


BULK_STATES = (("draft", 20), ("submitted", 15), ("approved", 20), ("paid", 40), ("rejected", 3), ("withdrawn", 2))
BULK_CATEGORIES = ("rail_bus", "car", "taxi", "parking", "subsistence", "support_worker")


def bulk_claims(store, n_claims: int, lines_per_claim: int, seed: int = 1, per_transaction: int = 5000) -> dict[str, int]:
    """Add `n_claims` claims of `lines_per_claim` lines each to a demo network, for benchmarks.

    Written through the change log like any claim, in a few big transactions,
    over the network's past meetings and members (several claims may share a
    meeting and member: this is volume, not a realistic network).
    """
    from store.errors import CoprodError
    from store.i18n import _

    conn = store.conn
    rng = random.Random(f"bulk-{seed}")
    ids = _Ids(rng)
    ids.n = 10_000_000
    staff = [r[0] for r in conn.execute("SELECT id FROM members WHERE member_type = 'staff' ORDER BY id")]
    people = [r[0] for r in conn.execute("SELECT id FROM members WHERE member_type NOT IN ('staff', 'guest') ORDER BY id")]
    meetings = [tuple(r) for r in conn.execute("SELECT id, date FROM meetings WHERE status = 'closed' ORDER BY date, id")]
    if len(staff) < 2 or not people or not meetings:
        raise CoprodError(_("Make a demo network first: bulk claims need its members and past meetings."))
    states, weights = zip(*BULK_STATES)
    made = lines = 0
    while made < n_claims:
        with store.transaction() as tx, projection.deferred(tx):
            for _n in range(min(per_transaction, n_claims - made)):
                meeting_id, date = meetings[made % len(meetings)]
                member = people[(made * 7919) % len(people)]
                lines += _bulk_claim(tx, ids, rng, meeting_id, date, member, staff, rng.choices(states, weights)[0],
                                     lines_per_claim)
                made += 1
    return {"claims": made, "claim_lines": lines}


def _bulk_claim(conn: sqlite3.Connection, ids: _Ids, rng: random.Random, meeting_id: str, date: str, member: str,
                staff: list[str], outcome: str, n_lines: int) -> int:
    at = f"{date}T13:30:00+00:00"
    claim_id, after = ids(), ids()
    log.new_claim(conn, member, meeting_id, staff[0], "bank", claim_id=claim_id, at=at, event_id=after)
    for k in range(n_lines):
        if k == 0:
            item = line("fee", "half_day", Decimal(1), 7500, 7500, date)
        else:
            item = line("expense", rng.choice(BULK_CATEGORIES), Decimal(1), None, rng.randint(150, 4500), date,
                        receipt_ref=f"R{rng.randint(1000, 9999)}")
        item["line_id"] = ids()
        after = log.append(conn, claim_id, "line_added", staff[0], item, after=after, at=at, event_id=ids())
    steps = {
        "draft": [], "submitted": [("submitted", {})], "approved": [("submitted", {}), ("approved", {})],
        "paid": [("submitted", {}), ("approved", {}),
                 ("paid", {"payment_reference": f"BACS-{rng.randint(100000, 999999)}", "paid_on": date})],
        "rejected": [("submitted", {}), ("rejected", {"reason": REJECT_REASONS[0]})],
        "withdrawn": [("withdrawn", {})],
    }[outcome]
    for kind, data in steps:
        actor = staff[1] if kind in ("approved", "rejected", "paid") else staff[0]
        after = log.append(conn, claim_id, kind, actor, data, after=after, at=f"{date}T16:00:00+00:00", event_id=ids())
    return n_lines
