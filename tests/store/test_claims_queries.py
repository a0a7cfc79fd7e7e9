"""Reading claims: by meeting and member, one in full, the finance export's rows, and a member's statement."""

from __future__ import annotations

import pytest

from claims_world import World, world  # noqa: F401  (fixture)
from store.claims import drafting, line_edits, queries, workflow
from store.errors import InputError


def claim_for(world: World, member: str, meeting: str | None = None, fee: bool = True) -> str:
    meeting = meeting or world.meeting
    if world.store.one("SELECT status FROM meetings WHERE id = ?", (meeting,))[0] != "closed":
        world.present(meeting, member)
    claim = drafting.create_claim(world.store, meeting, member, world.grace)
    if fee:
        line_edits.add_fee(world.store, claim, world.grace, {"category": "half_day"})
    return claim


def paid(world: World, claim: str, on: str, reference: str = "BACS-1") -> None:
    meeting = world.store.one("SELECT meeting_id FROM claims WHERE id = ?", (claim,))[0]
    workflow.submit(world.store, claim, world.grace)
    if world.store.one("SELECT status FROM meetings WHERE id = ?", (meeting,))[0] != "closed":
        world.close(meeting)
    workflow.approve(world.store, claim, world.ben)
    workflow.mark_paid(world.store, claim, world.fiona, reference, on)


def test_a_meetings_claims_list_by_name_with_totals(world: World) -> None:
    priya, aisha, tomasz = (claim_for(world, m) for m in (world.priya, world.aisha, world.tomasz))
    line_edits.add_expense(world.store, priya, world.priya, {"category": "parking", "amount": "4.50"})
    workflow.submit(world.store, aisha, world.aisha)
    workflow.withdraw(world.store, tomasz, world.tomasz)
    rows = queries.meeting_claims(world.store, world.meeting)
    assert [(r["member_name"], r["status"], r["fee_pence"], r["expense_pence"], r["total_pence"], r["payment_method"])
            for r in rows] == [("Aisha Begum", "submitted", 7500, 0, 7500, "charity"),
                               ("Priya Shah", "draft", 7500, 450, 7950, "bank"),
                               ("Tomasz Nowak", "withdrawn", 7500, 0, 7500, "vouchers")]
    assert [r["claim_id"] for r in queries.meeting_claims(world.store, world.meeting, status="submitted")] == [aisha]
    totals = queries.meeting_totals(world.store, world.meeting)
    assert totals["claims"] == 3
    assert totals["by_status"] == {"draft": 1, "submitted": 1, "approved": 0, "paid": 0, "rejected": 0, "withdrawn": 1}
    assert (totals["fee_pence"], totals["expense_pence"], totals["total_pence"]) == (15000, 450, 15450)


def test_an_unknown_status_is_refused(world: World) -> None:
    with pytest.raises(InputError, match="lost is not a claim status"):
        queries.meeting_claims(world.store, world.meeting, status="lost")


def test_a_members_claims_latest_meeting_first(world: World) -> None:
    earlier = world.meeting_on("01/10/2026")
    old = claim_for(world, world.priya, earlier)
    new = claim_for(world, world.priya)
    assert [r["claim_id"] for r in queries.member_claims(world.store, world.priya)] == [new, old]
    assert queries.member_claims(world.store, world.aisha) == []


def test_the_meeting_list_reads_the_claims_table_through_its_index(world: World) -> None:
    plan = " ".join(r[3] for r in world.store.query(
        "EXPLAIN QUERY PLAN SELECT * FROM claim_state s JOIN members m ON m.id = s.member_id WHERE s.meeting_id = ?",
        ("x",)))
    assert "claim_state_by_meeting" in plan


def test_one_claim_in_full(world: World) -> None:
    claim = claim_for(world, world.priya)
    taxi = line_edits.add_expense(world.store, claim, world.priya, {"category": "taxi", "amount": "12"})[0]
    line_edits.remove_line(world.store, claim, world.priya, taxi)
    full = queries.get_claim(world.store, claim[:12])
    assert (full["claim_id"], full["member_name"], full["meeting_title"], full["created_by_name"]) == (
        claim, "Priya Shah", "Network meeting", "Grace Okafor")
    assert [(l["category"], l["removed"]) for l in full["lines"]] == [("half_day", 0), ("taxi", 1)]
    assert full["warnings"] == [] and full["conflicts"] == []
    assert [h["kind"] for h in full["history"]] == ["created", "line_added", "line_added", "line_removed"]
    assert full["history"][-1]["words"] == "Took off Taxi: £12.00."


def test_export_has_one_row_per_live_line_with_exactly_the_finance_columns(world: World) -> None:
    earlier = world.meeting_on("01/10/2026")
    first = claim_for(world, world.aisha, earlier)
    line_edits.add_expense(world.store, first, world.aisha, {"category": "parking", "amount": "0.05"})
    paid(world, first, "10/10/2026", "BACS-77")
    workflow.adjust(world.store, first, world.ben, {"line_kind": "expense", "category": "parking", "amount": "-0.05",
                                                    "note": "No parking charge that day."})
    second = claim_for(world, world.priya)
    gone = line_edits.add_expense(world.store, second, world.priya, {"category": "car", "miles": "10"})[0]
    line_edits.remove_line(world.store, second, world.priya, gone)
    line_edits.add_expense(world.store, second, world.priya, {"category": "car", "miles": "32.5"})
    sql, params = queries.export_query()
    cursor = world.store.conn.execute(sql, params)
    assert tuple(d[0] for d in cursor.description) == queries.EXPORT_COLUMNS == (
        "claim_id", "member_id", "member_name", "meeting_date", "meeting_title", "line_kind", "category", "quantity",
        "rate_pence", "amount", "payment_method", "status", "approved_by", "approved_at", "paid_at", "payment_reference",
        "line_id", "correction")
    rows = [tuple(r) for r in cursor]
    stamp = "2026-11-22T10:40:00+00:00"
    ids = {claim: [line["line_id"] for line in queries.claim_lines(world.store, claim)] for claim in (first, second)}
    assert rows == [
        (first, world.aisha, "Aisha Begum", "2026-10-01", "Network meeting", "fee", "half_day", "1", 7500, "75.00",
         "charity", "paid", "Ben Carter", stamp, "2026-10-10", "BACS-77", ids[first][0], 0),
        (first, world.aisha, "Aisha Begum", "2026-10-01", "Network meeting", "expense", "parking", "1", None, "0.05",
         "charity", "paid", "Ben Carter", stamp, "2026-10-10", "BACS-77", ids[first][1], 0),
        # Corrected after the payment: owed on its own, so approved and not yet paid.
        (first, world.aisha, "Aisha Begum", "2026-10-01", "Network meeting", "expense", "parking", "1", None, "-0.05",
         "charity", "approved", "Ben Carter", stamp, None, None, ids[first][2], 1),
        (second, world.priya, "Priya Shah", "2026-11-22", "Network meeting", "fee", "half_day", "1", 7500, "75.00",
         "bank", "draft", None, None, None, None, ids[second][0], 0),
        (second, world.priya, "Priya Shah", "2026-11-22", "Network meeting", "expense", "car", "32.5", 45, "14.63",
         "bank", "draft", None, None, None, None, ids[second][1], 0),
    ]
    assert queries.claims_for_export(world.store) == rows


def test_export_filters_by_meeting_dates_status_and_batch(world: World) -> None:
    earlier = world.meeting_on("01/10/2026")
    world.present(world.meeting, world.priya, world.aisha)
    old = claim_for(world, world.tomasz, earlier)
    paid(world, old, "10/10/2026")
    batched = claim_for(world, world.priya)
    unbatched = claim_for(world, world.aisha)
    for claim in (batched, unbatched):
        workflow.submit(world.store, claim, world.grace)
    world.close(world.meeting)
    for claim in (batched, unbatched):
        workflow.approve(world.store, claim, world.ben)
    workflow.record_batch(world.store, [batched], world.fiona)

    def claims(**filters) -> list[str]:
        return sorted({row[0] for row in queries.claims_for_export(world.store, **filters)})

    assert claims(meeting_id=earlier) == [old]
    assert claims(since="02/10/2026") == sorted([batched, unbatched])
    assert claims(until="2026-10-01") == [old]
    assert claims(status="paid") == [old]
    assert claims(status="approved", not_batched=True) == [unbatched]
    with pytest.raises(InputError, match="not a date"):
        queries.export_query(since="yesterday")


def test_statement_holds_what_was_paid_in_the_tax_year_by_payment_date(world: World) -> None:
    spring = world.meeting_on("01/04/2026")
    summer = world.meeting_on("01/07/2026")
    world.present(summer, world.priya, world.aisha)
    autumn = world.meeting_on("01/10/2026")
    before_year = claim_for(world, world.priya, spring)
    paid(world, before_year, "05/04/2026", "BACS-5APR")
    first_day = claim_for(world, world.priya, summer)
    line_edits.add_expense(world.store, first_day, world.priya, {"category": "car", "miles": "10"})
    paid(world, first_day, "06/07/2026", "BACS-JUL")
    unpaid = claim_for(world, world.priya, autumn)
    workflow.submit(world.store, unpaid, world.grace)
    someone_else = claim_for(world, world.aisha, summer)
    paid(world, someone_else, "07/07/2026")
    got = queries.statement(world.store, world.priya, "2026-27")
    assert (got["member_name"], got["tax_year"], got["start"], got["end"]) == ("Priya Shah", "2026-27", "2026-04-06",
                                                                               "2027-04-05")
    assert [(c["claim_id"], c["paid_on"], c["payment_reference"]) for c in got["claims"]] == [
        (first_day, "2026-07-06", "BACS-JUL")]
    assert [(l["category"], l["amount_pence"]) for l in got["claims"][0]["lines"]] == [("half_day", 7500), ("car", 450)]
    assert (got["fee_pence"], got["expense_pence"], got["total_pence"]) == (7500, 450, 7950)
    assert got["by_method"] == {"bank": 7950}
    earlier = queries.statement(world.store, world.priya, "2025/26")
    assert [c["claim_id"] for c in earlier["claims"]] == [before_year]
