"""A realistic demo network, the same for the same seed (dates follow today)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from store import changes
from store.dates import today
from store.db import Store
from store.demo_agenda import add_agendas
from store.demo_claims import add_claims
from store.demo_names import FIRST_NAMES, ORGANISATIONS, SURNAMES, VENUES
from store.ids import link_id, new_id

NEED_KINDS = (
    ("bsl", ""), ("hearing_loop", ""), ("step_free", ""), ("dietary", "Vegetarian"),
    ("dietary", "Gluten free"), ("easy_read", ""), ("large_print", ""), ("quiet_room", ""),
    ("breaks", "Every 45 minutes"), ("pa", ""), ("parking", "Blue badge"), ("speech_to_text", ""),
    ("language", "Polish"), ("lipspeaker", ""),
)
BASE_MS = 1_767_225_600_000  # 2026-01-01: demo ids sort after each other, the same for every run.


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.n = rng, 0

    def __call__(self) -> str:
        self.n += 1
        return new_id(BASE_MS + self.n, self.rng.randbytes(10))


def _member_type(i: int, n: int, rng: random.Random) -> str:
    if i == 0:
        return "trustee"
    if i <= max(3, n // 15):
        return "staff"
    return rng.choices(("uses_services", "carer", "org_rep"), weights=(40, 25, 35))[0]


def _payment(member_type: str, rng: random.Random) -> dict:
    pref = rng.choices(
        ("fee_and_expenses", "expenses_only", "declines", "reduced_fee", "charity", "vouchers"),
        weights=(70, 8, 6, 6, 4, 6),
    )[0]
    employer = member_type in ("staff", "org_rep") and rng.random() < (1 if member_type == "staff" else 0.5)
    return {
        "payment_preference": pref,
        "fee_cap_pence": 2000 if pref == "reduced_fee" else None,
        "paid_by_employer": int(employer),
    }


def create_demo(store: Store, seed: int = 1, members: int = 60) -> dict[str, int]:
    """Fill an empty database with a demo network; return how many records were made."""
    rng = random.Random(seed)
    ids = _Ids(rng)
    start = today()
    with store.transaction() as conn:
        org_ids = _organisations(conn, ids, members)
        member_rows = _members(conn, ids, rng, org_ids, members)
        counts = _meetings(conn, ids, rng, member_rows, start, members)
        # Agendas and actions draw from their own generator, so the members,
        # meetings and registers above stay exactly as they were for a seed.
        counts.update(add_agendas(conn, seed))
        # So do claims; their figures are add_claims' own, not the network's.
        add_claims(conn, seed)
    return {"organisations": len(org_ids), "members": len(member_rows), **counts}


def _organisations(conn: sqlite3.Connection, ids: _Ids, members: int) -> list[str]:
    wanted = max(len(ORGANISATIONS), members * len(ORGANISATIONS) // 60)
    out = []
    for i in range(wanted):
        name, kind = ORGANISATIONS[i % len(ORGANISATIONS)]
        if i >= len(ORGANISATIONS):
            name = f"{name} ({i // len(ORGANISATIONS) + 1})"
        org_id = ids()
        changes.record(conn, "organisations", org_id, {"name": name, "kind": kind, "created_at": "2026-01-05T09:00:00+00:00"})
        out.append(org_id)
    return out


def _members(conn: sqlite3.Connection, ids: _Ids, rng: random.Random, orgs: list[str], n: int) -> list[tuple[str, str]]:
    host = orgs[len(ORGANISATIONS) - 1]
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        name = f"{first} {last}"
        kind = _member_type(i, n, rng)
        if kind == "staff":
            org = host
        elif kind == "org_rep" or rng.random() < 0.5:
            org = orgs[i % len(orgs)] if i < len(orgs) else rng.choice(orgs)
        else:
            org = None
        needs = []
        if rng.random() < 0.35:
            for kind_note in rng.sample(NEED_KINDS, rng.choice((1, 1, 2, 3))):
                if kind_note[0] not in {need["kind"] for need in needs}:
                    needs.append({"kind": kind_note[0], "note": kind_note[1]})
        handle = f"{first}.{last}".lower().replace("'", "").replace("â", "a").replace("ë", "e")
        channel = rng.choices(("email", "phone", "text", "post"), weights=(60, 20, 12, 8))[0]
        member_id = ids()
        values = {
            "name": name, "organisation_id": org, "member_type": kind,
            "created_at": "2026-01-10T10:00:00+00:00",
            "email": f"{handle}{i}@example.org" if channel != "post" else None,
            "phone": f"07700 9{i % 100000:05d}" if channel in ("phone", "text") else None,
            "preferred_channel": channel, "access_needs": needs,
            "consent_date": None if rng.random() < 0.1 else "2026-01-10",
            "active": 0 if rng.random() < 0.04 else 1,
            **_payment(kind, rng),
        }
        changes.record(conn, "members", member_id, values)
        rows.append((member_id, kind))
    return rows


def _meetings(
    conn: sqlite3.Connection, ids: _Ids, rng: random.Random, people: list[tuple[str, str]], start: dt.date, n: int
) -> dict[str, int]:
    past = max(3, round(3 * n / 60))
    marks = 0
    active = [p for p in people]
    for k in range(past, 0, -1):
        date = start - dt.timedelta(days=max(7, k * 365 // max(past, 6)))
        network = k % 4 == 1 or past <= 3
        meeting_id = ids()
        changes.record(conn, "meetings", meeting_id, {
            "title": "Network meeting" if network else rng.choice(("Steering group", "Carers' project group", "Advisory group")),
            "kind": "network" if network else rng.choice(("steering", "project")),
            "date": date.isoformat(), "start_time": "10:30", "end_time": "13:00",
            "mode": rng.choice(("in_person", "hybrid", "remote")), "venue": rng.choice(VENUES),
            "created_at": "2026-01-12T09:00:00+00:00", "status": "closed", "reopened": 0,
        })
        invited = active if n <= 60 else rng.sample(active, min(len(active), 300 if network else rng.randint(12, 40)))
        for position, (member_id, kind) in enumerate(invited):
            status = rng.choices(("present", "apologies", "absent"), weights=(55, 25, 20))[0]
            arrived = "10:50" if status == "present" and rng.random() < 0.1 else None
            left = "12:15" if status == "present" and rng.random() < 0.08 else None
            role = "chair" if kind == "trustee" else ("minute_taker" if position == 1 and kind == "staff" else
                                                      ("staff" if kind == "staff" else "member"))
            changes.record(conn, "attendance", link_id(meeting_id, member_id), {
                "meeting_id": meeting_id, "member_id": member_id, "status": status,
                "arrived_at": arrived, "left_at": left,
                "remote": int(status == "present" and rng.random() < 0.15),
                "supporter": int(status == "present" and rng.random() < 0.1), "role": role,
            })
            marks += 1
    today_id = ids()
    changes.record(conn, "meetings", today_id, {
        "title": "Network meeting", "kind": "network", "date": start.isoformat(),
        "start_time": "10:30", "end_time": "13:00", "mode": "hybrid", "venue": VENUES[0],
        "created_at": "2026-01-12T09:00:00+00:00", "status": "planned", "reopened": 0,
    })
    return {"meetings": past + 1, "attendance": marks}
