"""Draft claims from the register: fees by time attended, the rate card, and each member's payment preference."""

from __future__ import annotations

import pytest

from claims_world import World, world  # noqa: F401  (fixture)
from store import attendance, members
from store.claims import drafting, queries, rates, workflow
from store.errors import CoprodError, InputError


def lines_of(world: World, claim_id: str) -> list[tuple]:
    return [(l["line_kind"], l["category"], l["quantity"], l["rate_pence"], l["amount_pence"])
            for l in queries.claim_lines(world.store, claim_id)]


def only_claim(world: World, member: str, meeting: str | None = None) -> dict:
    rows = world.store.query("SELECT * FROM claim_state WHERE member_id = ? AND meeting_id = ?",
                             (member, meeting or world.meeting))
    assert len(rows) == 1
    return dict(rows[0])


def test_member_present_for_three_hours_gets_a_half_day_fee_in_a_draft_made_by_the_facilitator(world: World) -> None:
    world.present(world.meeting, world.priya)
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["made"] == 1 and made["skipped"] == 0
    claim = only_claim(world, world.priya)
    assert claim["status"] == "draft" and claim["payment_method"] == "bank"
    assert lines_of(world, claim["claim_id"]) == [("fee", "half_day", "1", 7500, 7500)]
    assert world.store.one("SELECT created_by FROM claims WHERE id = ?", (claim["claim_id"],))[0] == world.grace
    assert claim["total_pence"] == 7500


def test_more_than_four_hours_is_a_day(world: World) -> None:
    long_day = world.meeting_on("23/11/2026", "09:30", "16:30")
    world.present(long_day, world.priya)
    drafting.draft_from_register(world.store, long_day, world.grace)
    assert lines_of(world, only_claim(world, world.priya, long_day)["claim_id"]) == [("fee", "day", "1", 15000, 15000)]


def test_late_arrival_and_early_leaving_count_the_time_actually_there(world: World) -> None:
    long_day = world.meeting_on("23/11/2026", "09:00", "16:00")
    world.present(long_day, world.priya, world.aisha)
    attendance.mark_arrived(world.store, long_day, world.priya, "12:00")  # 4 hours: half day
    attendance.mark_left(world.store, long_day, world.aisha, "13:01")  # 4 hours 1 minute: a day
    drafting.draft_from_register(world.store, long_day, world.grace)
    assert lines_of(world, only_claim(world, world.priya, long_day)["claim_id"])[0][1] == "half_day"
    assert lines_of(world, only_claim(world, world.aisha, long_day)["claim_id"])[0][1] == "day"


@pytest.mark.parametrize(("start", "end", "quantity", "pence"), [
    ("10:00", "12:50", "3", 7500),  # 2 h 50 rounds up to 3 hours
    ("10:00", "12:10", "2.25", 5625),  # 2 h 10 rounds up to 2 h 15
    ("10:00", "17:00", "7", 17500),
])
def test_a_card_without_day_rates_pays_by_the_hour_rounded_up_to_the_quarter(world: World, start, end, quantity, pence) -> None:
    rates.add_rate_card(world.store, {"name": "Hourly", "effective_from": "01/11/2026", "fee_hour_pence": "25"})
    meeting = world.meeting_on("23/11/2026", start, end)
    world.present(meeting, world.priya)
    drafting.draft_from_register(world.store, meeting, world.grace)
    assert lines_of(world, only_claim(world, world.priya, meeting)["claim_id"]) == [("fee", "hours", quantity, 2500, pence)]


def test_chair_and_co_chair_get_the_chairing_supplement_and_everyone_the_preparation_asked(world: World) -> None:
    world.present(world.meeting, world.priya, role="chair")
    world.present(world.meeting, world.aisha, role="co-chair")
    world.present(world.meeting, world.tomasz)
    drafting.draft_from_register(world.store, world.meeting, world.grace, prep_hours="1.5")
    for person in (world.priya, world.aisha):
        assert lines_of(world, only_claim(world, person)["claim_id"]) == [
            ("fee", "half_day", "1", 7500, 7500), ("fee", "chairing", "1", 2500, 2500), ("fee", "prep", "1.5", 2500, 3750)]
    assert lines_of(world, only_claim(world, world.tomasz)["claim_id"]) == [
        ("fee", "half_day", "1", 7500, 7500), ("fee", "prep", "1.5", 2500, 3750)]


def test_joining_remotely_adds_the_phone_and_internet_allowance_as_an_expense(world: World) -> None:
    world.present(world.meeting, world.priya, remote=True)
    drafting.draft_from_register(world.store, world.meeting, world.grace)
    claim = only_claim(world, world.priya)
    assert lines_of(world, claim["claim_id"]) == [("fee", "half_day", "1", 7500, 7500),
                                                  ("expense", "phone_internet", "1", 500, 500)]
    assert (claim["fee_pence"], claim["expense_pence"]) == (7500, 500)


def test_everyone_at_a_remote_meeting_gets_the_allowance(world: World) -> None:
    online = world.meeting_on("24/11/2026", mode="remote")
    world.present(online, world.priya, world.dafydd)
    drafting.draft_from_register(world.store, online, world.grace)
    assert ("expense", "phone_internet", "1", 500, 500) in lines_of(world, only_claim(world, world.priya, online)["claim_id"])
    assert lines_of(world, only_claim(world, world.dafydd, online)["claim_id"]) == [
        ("expense", "phone_internet", "1", 500, 500)]


def test_declined_member_gets_no_claim_and_no_allowance(world: World) -> None:
    world.present(world.meeting, world.sian, remote=True)
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["made"] == 0 and made["why"] == {"declines": 1}
    assert world.count("claims") == 0


def test_expenses_only_member_gets_no_fee_line(world: World) -> None:
    world.present(world.meeting, world.dafydd)
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["why"] == {"expenses_only": 1} and world.count("claims") == 0


def test_reduced_fee_is_capped_at_the_members_cap(world: World) -> None:
    world.present(world.meeting, world.rhys, role="chair")
    drafting.draft_from_register(world.store, world.meeting, world.grace)
    claim = only_claim(world, world.rhys)
    assert lines_of(world, claim["claim_id"]) == [("fee", "half_day", "1", 7500, 2000)]
    assert claim["fee_pence"] == 2000
    assert "fee cap of £20.00" in queries.claim_lines(world.store, claim["claim_id"])[0]["note"]


@pytest.mark.parametrize(("who", "method"), [("aisha", "charity"), ("tomasz", "vouchers"), ("priya", "bank")])
def test_charity_and_vouchers_are_the_payment_method(world: World, who, method) -> None:
    world.present(world.meeting, getattr(world, who))
    drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert only_claim(world, getattr(world, who))["payment_method"] == method


def test_staff_and_people_paid_by_their_employer_get_no_fee(world: World) -> None:
    world.present(world.meeting, world.ben, world.olu)
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["why"] == {"staff": 1, "paid_by_employer": 1}
    assert world.count("claims") == 0


def test_employer_paid_member_joining_remotely_still_gets_the_allowance(world: World) -> None:
    world.present(world.meeting, world.olu, remote=True)
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["no_fee"] == {"paid_by_employer": 1}
    assert lines_of(world, only_claim(world, world.olu)["claim_id"]) == [("expense", "phone_internet", "1", 500, 500)]


def test_guests_and_supporters_get_expenses_only(world: World) -> None:
    guest = members.add_member(world.store, {"name": "Jo Visitor", "member_type": "guest"})
    world.present(world.meeting, guest, remote=True)
    world.present(world.meeting, world.priya, role="supporter")
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert made["no_fee"] == {"guest": 1} and made["why"] == {"role": 1}
    assert lines_of(world, only_claim(world, guest)["claim_id"]) == [("expense", "phone_internet", "1", 500, 500)]


def test_drafting_again_leaves_existing_claims_alone_and_writes_nothing(world: World) -> None:
    world.present(world.meeting, world.priya, world.aisha)
    first = drafting.draft_from_register(world.store, world.meeting, world.grace)
    before = world.changes()
    again = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert first["made"] == 2
    assert again == {"made": 0, "skipped": 2, "why": {"has_claim": 2}, "no_fee": {}, "claim_ids": [], "left_out": [
        {"member_id": world.aisha, "name": "Aisha Begum", "reason": "has_claim"},
        {"member_id": world.priya, "name": "Priya Shah", "reason": "has_claim"},
    ]}
    assert world.changes() == before
    world.present(world.meeting, world.tomasz)
    assert drafting.draft_from_register(world.store, world.meeting, world.grace)["made"] == 1


def test_absent_people_are_not_drafted(world: World) -> None:
    world.present(world.meeting, world.priya)
    attendance.mark(world.store, world.meeting, world.aisha, "absent")
    attendance.mark(world.store, world.meeting, world.tomasz, "apologies")
    assert drafting.draft_from_register(world.store, world.meeting, world.grace)["made"] == 1


def test_a_card_changed_later_leaves_drafted_lines_as_they_were(world: World) -> None:
    world.present(world.meeting, world.priya)
    claim_id = drafting.draft_from_register(world.store, world.meeting, world.grace)["claim_ids"][0]
    rates.update_rate_card(world.store, world.card, {"fee_half_day_pence": "80"})
    assert lines_of(world, claim_id) == [("fee", "half_day", "1", 7500, 7500)]


def test_no_rate_card_for_the_meeting_date_refuses_and_writes_nothing(world: World) -> None:
    old = world.meeting_on("10/01/2025")
    world.present(old, world.priya)
    before = world.changes()
    with pytest.raises(CoprodError, match="There is no rate card for 10 Jan 2025. Add one first."):
        drafting.draft_from_register(world.store, old, world.grace)
    assert world.changes() == before


def test_planned_meeting_has_no_claims_yet(world: World) -> None:
    planned = world.meeting_on("01/12/2026", status="planned")
    with pytest.raises(CoprodError, match="has not started yet"):
        drafting.draft_from_register(world.store, planned, world.grace)


def test_only_staff_draft_from_the_register(world: World) -> None:
    world.present(world.meeting, world.priya)
    with pytest.raises(CoprodError, match="Only staff can draft claims"):
        drafting.draft_from_register(world.store, world.meeting, world.priya)
    assert world.count("claims") == 0


def test_bad_preparation_hours_are_refused_before_anything_is_written(world: World) -> None:
    world.present(world.meeting, world.priya)
    before = world.changes()
    for hours, words in (("lots", "lots is not a number"), ("100", "100 is more than 24"), ("0.1", "at least 0.25")):
        with pytest.raises(InputError, match=words):
            drafting.draft_from_register(world.store, world.meeting, world.grace, prep_hours=hours)
    assert world.changes() == before


def test_a_claim_for_someone_who_was_absent_is_refused(world: World) -> None:
    attendance.mark(world.store, world.meeting, world.priya, "absent")
    before = world.changes()
    with pytest.raises(CoprodError) as caught:
        drafting.create_claim(world.store, world.meeting, world.priya, world.grace)
    assert caught.value.message == "Priya Shah is not marked present at this meeting, so there is nothing to claim for it."
    assert world.changes() == before


def test_a_member_can_start_their_own_claim_once_and_again_after_withdrawing(world: World) -> None:
    world.present(world.meeting, world.dafydd)
    claim_id = drafting.create_claim(world.store, world.meeting, world.dafydd, world.dafydd)
    assert only_claim(world, world.dafydd)["status"] == "draft"
    with pytest.raises(CoprodError, match="Dafydd Evans already has a claim for this meeting."):
        drafting.create_claim(world.store, world.meeting, world.dafydd, world.grace)
    with pytest.raises(CoprodError, match="Only staff or Dafydd Evans can start a claim"):
        drafting.create_claim(world.store, world.meeting, world.dafydd, world.priya)
    workflow.withdraw(world.store, claim_id, world.dafydd)
    assert drafting.create_claim(world.store, world.meeting, world.dafydd, world.grace) != claim_id


def test_drafting_names_everyone_left_out_and_why_by_name(world: World) -> None:
    guest = members.add_member(world.store, {"name": "Jo Visitor", "member_type": "guest"})
    world.present(world.meeting, world.priya, world.sian, world.dafydd, world.ben, world.olu, guest)
    world.present(world.meeting, world.tomasz, role="supporter")
    made = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert [(p["name"], p["reason"]) for p in made["left_out"]] == [
        ("Ben Carter", "staff"), ("Dafydd Evans", "expenses_only"), ("Jo Visitor", "guest"),
        ("Olu Adebayo", "paid_by_employer"), ("Siân Jones", "declines"), ("Tomasz Nowak", "role"),
    ]
    assert [p["member_id"] for p in made["left_out"]][:2] == [world.ben, world.dafydd]
    assert drafting.draft_result_lines(made) == [
        "Made 1 draft claim.",
        "Left out 6 people:",
        "• Ben Carter: staff are not paid through claims",
        "• Dafydd Evans: takes expenses only and has no costs yet",
        "• Jo Visitor: a guest with no costs yet",
        "• Olu Adebayo: their employer pays them to attend",
        "• Siân Jones: declines all payment",
        "• Tomasz Nowak: came as a supporter, interpreter or staff",
    ]


def test_a_withdrawn_claim_gets_a_new_draft_and_a_rejected_one_does_not(world: World) -> None:
    """Withdrawing takes back one claim, not the right to be paid: both paths then allow a new claim.
    A rejection is staff's decision: drafting again must not undo it (a claim can still be started by hand)."""
    world.present(world.meeting, world.priya, world.aisha)
    first = drafting.draft_from_register(world.store, world.meeting, world.grace)
    priya_claim, aisha_claim = (only_claim(world, who)["claim_id"] for who in (world.priya, world.aisha))
    workflow.withdraw(world.store, priya_claim, world.priya, "I put the wrong day.")
    workflow.submit(world.store, aisha_claim, world.grace)
    workflow.reject(world.store, aisha_claim, world.ben, "Claimed already on paper.")
    again = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert first["made"] == 2 and again["made"] == 1
    assert [(p["name"], p["reason"]) for p in again["left_out"]] == [("Aisha Begum", "rejected")]
    assert drafting.draft_result_lines(again)[-1] == (
        "• Aisha Begum: their claim was rejected; start one by hand if they should still be paid")
    (new,) = again["claim_ids"]
    assert new != priya_claim
    statuses = world.store.query("SELECT claim_id, status FROM claim_state WHERE member_id = ? ORDER BY status",
                                 (world.priya,))
    assert [tuple(r) for r in statuses] == [(new, "draft"), (priya_claim, "withdrawn")]
    assert lines_of(world, new) == [("fee", "half_day", "1", 7500, 7500)]
    # A third run finds Priya's new live claim and makes nothing.
    third = drafting.draft_from_register(world.store, world.meeting, world.grace)
    assert third["made"] == 0 and third["why"] == {"has_claim": 1, "rejected": 1}
    # By hand, as before: a rejected or withdrawn claim does not stop a new one, a live one does.
    assert drafting.create_claim(world.store, world.meeting, world.aisha, world.grace) != aisha_claim
    with pytest.raises(CoprodError, match="Priya Shah already has a claim for this meeting."):
        drafting.create_claim(world.store, world.meeting, world.priya, world.grace)
