"""The demo's claims: a plausible card, claims for past meetings in every state, kept by the rules; bulk data."""

from __future__ import annotations

import pytest

from store.claims import queries, rates
from store.claims.state import STATUSES
from store.claims.warnings import warnings
from store.demo_claims import bulk_claims
from store.errors import CoprodError


def test_demo_has_a_rate_card_in_force_for_its_meetings_and_the_published_benefit_limits(demo_store) -> None:
    card = rates.card_for(demo_store.conn, "2026-11-22")
    assert (card["fee_hour_pence"], card["fee_half_day_pence"], card["fee_day_pence"], card["prep_hour_pence"],
            card["chair_supplement_pence"], card["remote_allowance_pence"]) == (2500, 7500, 15000, 2500, 2500, 500)
    assert (card["car_pence"], card["car_after_pence"], card["passenger_pence"], card["motorcycle_pence"],
            card["bicycle_pence"], card["subsistence_cap_pence"], card["accommodation_cap_pence"],
            card["deadline_days"]) == (45, 25, 5, 24, 20, 1000, 12000, 90)
    assert rates.limit_for(demo_store.conn, "esa_permitted_work", "2026-11-22") == 19550
    assert demo_store.one("SELECT COUNT(*) FROM members WHERE benefits IS NOT NULL")[0] > 0


def test_demo_has_claims_in_every_state_for_past_meetings_only(demo_store) -> None:
    rows = demo_store.query("SELECT s.status, g.status AS meeting_status FROM claim_state s JOIN meetings g "
                            "ON g.id = s.meeting_id")
    assert {r["status"] for r in rows} == set(STATUSES)
    assert {r["meeting_status"] for r in rows} == {"closed"}
    kinds = {r[0] for r in demo_store.query("SELECT DISTINCT line_kind FROM claim_lines")}
    assert kinds == {"fee", "expense"}


def test_demo_claims_keep_the_rules(demo_store) -> None:
    bad_total = demo_store.one(
        "SELECT COUNT(*) FROM claim_state s WHERE total_pence != (SELECT COALESCE(SUM(amount_pence), 0) "
        "FROM claim_lines l WHERE l.claim_id = s.claim_id AND l.removed = 0)")[0]
    assert bad_total == 0
    approvals = demo_store.query(
        "SELECT s.member_id, s.submitted_by, s.approved_by, a.member_type FROM claim_state s "
        "JOIN members a ON a.id = s.approved_by")
    assert approvals
    assert all(r["member_type"] == "staff" and r["approved_by"] not in (r["member_id"], r["submitted_by"])
               for r in approvals)
    present = demo_store.one(
        "SELECT COUNT(*) FROM claim_state s LEFT JOIN attendance a ON a.meeting_id = s.meeting_id "
        "AND a.member_id = s.member_id AND a.status = 'present' WHERE a.id IS NULL")[0]
    assert present == 0, "every demo claim is for someone marked present"
    assert demo_store.one("SELECT COUNT(*) FROM claim_conflicts")[0] == 0
    staff_fees = demo_store.one(
        "SELECT COUNT(*) FROM claim_state s JOIN members m ON m.id = s.member_id WHERE m.member_type = 'staff'")[0]
    assert staff_fees == 0


def test_demo_claims_show_warnings_to_check(demo_store) -> None:
    found = set()
    for row in demo_store.query("SELECT claim_id FROM claim_state"):
        found |= {w["code"] for w in warnings(demo_store.conn, row[0])}
    assert {"missing_receipt", "past_deadline"} <= found


def test_bulk_claims_are_written_through_the_change_log(demo_store) -> None:
    before = demo_store.one("SELECT COUNT(*) FROM claim_state")[0]
    made = bulk_claims(demo_store, 120, 3, per_transaction=50)
    assert made == {"claims": 120, "claim_lines": 360}
    assert demo_store.one("SELECT COUNT(*) FROM claim_state")[0] == before + 120
    assert demo_store.one("SELECT COUNT(*) FROM changes WHERE tbl = 'claims'")[0] == before + 120
    rows = queries.claims_for_export(demo_store)
    assert len(rows) == demo_store.one("SELECT COUNT(*) FROM claim_lines WHERE removed = 0")[0]


def test_bulk_claims_need_a_network(store) -> None:
    with pytest.raises(CoprodError, match="Make a demo network first"):
        bulk_claims(store, 10, 3)
