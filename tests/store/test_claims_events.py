"""The claim state machine and replay (DESIGN rule 6): every transition, conflicts between laptops, properties."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.claims.events import order, replay
from store.claims.refusals import conflict_words, refusal_code, refusal_message
from store.claims.state import EVENT_KINDS, STATUSES, TRANSITIONS, Event

T0 = "2026-11-22T10:00:00+00:00"


def ev(eid: str, after: str | None, kind: str, at: str = T0, actor: str = "grace", **data) -> Event:
    return Event(eid, "claim", after, kind, actor, at, data)


def line_data(line_id: str = "l1", pence: int = 7500, kind: str = "fee", category: str = "half_day") -> dict:
    return {"line_id": line_id, "line_kind": kind, "category": category, "quantity": "1", "rate_pence": pence,
            "amount_pence": pence, "line_date": "2026-11-22"}


def chain(*steps: tuple) -> list[Event]:
    """A log written on one laptop: each event after the one before."""
    out, after = [], None
    for n, (kind, data) in enumerate(steps):
        out.append(ev(f"e{n:02d}", after, kind, at=f"2026-11-22T10:{n:02d}:00+00:00", **data))
        after = out[-1].id
    return out


PAYMENT = {"payment_reference": "BACS-1", "paid_on": "2026-11-20"}
VALID_DATA = {
    "created": {"payment_method": "bank"}, "line_added": line_data("l9", 500, "expense", "parking"),
    "line_changed": {"line_id": "l1", "amount_pence": 15000, "category": "day"}, "line_removed": {"line_id": "l1"},
    "submitted": {}, "returned": {"reason": "Add the receipt."}, "approved": {}, "rejected": {"reason": "Claimed twice."},
    "paid": PAYMENT, "withdrawn": {}, "batched": {"batch_id": "b1"},
    "adjusted": {**line_data("adj", -250, "expense", "rail_bus"), "note": "Fare was less."},
    "resolved": {"event_id": "e001", "note": "Kept the approval."},
    "correction_batched": {"batch_id": "b2", "line_ids": ["adj"]},
    "correction_paid": {"payment_reference": "BACS-2", "paid_on": "2026-11-21", "line_ids": ["adj"]},
}
# The shortest way to each state, from a claim with one fee line.
TO_STATE = {
    "draft": [],
    "submitted": ["submitted"],
    "approved": ["submitted", "approved"],
    "paid": ["submitted", "approved", "paid"],
    "rejected": ["submitted", "rejected"],
    "withdrawn": ["withdrawn"],
}


def log_in(status: str) -> list[Event]:
    steps = [("created", VALID_DATA["created"]), ("line_added", line_data())]
    steps += [(kind, VALID_DATA[kind]) for kind in TO_STATE[status]]
    return chain(*steps)


def follow(log: list[Event], kind: str, data: dict | None = None, at: str = "2026-11-22T11:00:00+00:00") -> list[Event]:
    return [*log, ev("next", log[-1].id, kind, at=at, **(VALID_DATA[kind] if data is None else data))]


# `resolved` is allowed in every state but needs a conflict to name: test_claims_conflicts.py covers it.
STEPS = [kind for kind in EVENT_KINDS if kind not in ("created", "resolved")]
# A correction's own batch and payment need a correction owed: tested on their own below.
ALLOWED = [(status, kind) for status in STATUSES for kind in STEPS
           if status in TRANSITIONS[kind][0] and not kind.startswith("correction_")]
REFUSED = [(status, kind) for status in STATUSES for kind in STEPS if status not in TRANSITIONS[kind][0]]


def test_every_kind_of_event_is_either_allowed_or_refused_in_every_state() -> None:
    corrections_allowed = sum(len(TRANSITIONS[k][0]) for k in ("correction_batched", "correction_paid"))
    assert len(ALLOWED) + corrections_allowed + len(REFUSED) == len(STATUSES) * len(STEPS)
    assert TRANSITIONS["resolved"] == (frozenset(STATUSES), None)
    assert ("paid", "rejected") in REFUSED and ("submitted", "approved") in ALLOWED


@pytest.mark.parametrize(("status", "kind"), ALLOWED)
def test_allowed_transition_moves_the_claim_to_its_next_state(status, kind) -> None:
    before = replay(log_in(status))
    assert before.status == status
    assert refusal_message(before, kind, VALID_DATA[kind]) is None
    after = replay(follow(log_in(status), kind))
    assert after.status == (TRANSITIONS[kind][1] or status)
    assert "next" not in after.skipped
    assert after.conflicts == []


@pytest.mark.parametrize(("status", "kind"), REFUSED)
def test_refused_transition_is_explained_and_never_applied(status, kind) -> None:
    before = replay(log_in(status))
    message = refusal_message(before, kind, VALID_DATA[kind])
    assert message and message.startswith("This claim is ")
    after = replay(follow(log_in(status), kind))
    if kind == "paid" and status not in ("paid",):
        # Money sent is a fact: the claim is paid, with the clash shown.
        assert after.status == "paid"
        assert [c.kind for c in after.conflicts] == ["paid_anyway"]
    else:
        assert after.status == status
        assert "next" in after.skipped
        assert after.total_pence == before.total_pence


def test_refusal_reads_as_one_plain_sentence() -> None:
    assert refusal_message(replay(log_in("paid")), "rejected", {"reason": "x"}) == "This claim is paid: it can't be rejected."
    assert refusal_message(replay(log_in("draft")), "approved", {}) == "This claim is a draft: it can't be approved."


def test_adjustment_adds_a_line_to_a_paid_claim_without_changing_its_status() -> None:
    state = replay(follow(log_in("paid"), "adjusted"))
    assert state.status == "paid"
    assert state.lines["adj"].adjustment == 1
    assert state.expense_pence == -250
    assert state.total_pence == 7500 - 250


def test_line_changed_and_removed_keep_totals_to_the_live_lines() -> None:
    log = chain(("created", {}), ("line_added", line_data("a", 7500)),
                ("line_added", line_data("b", 1250, "expense", "taxi")),
                ("line_changed", {"line_id": "a", "amount_pence": 15000, "category": "day"}),
                ("line_removed", {"line_id": "b"}))
    state = replay(log)
    assert (state.fee_pence, state.expense_pence) == (15000, 0)
    assert state.lines["a"].category == "day" and state.lines["a"].position == 1
    assert state.lines["b"].removed == 1


def test_a_line_that_is_gone_cannot_be_changed() -> None:
    log = chain(("created", {}), ("line_added", line_data("a")), ("line_removed", {"line_id": "a"}))
    state = replay(log)
    assert refusal_code(state, "line_changed", {"line_id": "a", "amount_pence": 1}) == "line_gone"
    assert refusal_message(state, "line_removed", {"line_id": "a"}) == "That line is not on this claim any more."


# --- two laptops ------------------------------------------------------------------


def submitted_log() -> list[Event]:
    return log_in("submitted")


@pytest.mark.parametrize("approve_first", [True, False])
def test_approve_on_one_laptop_and_reject_on_another_is_a_conflict(approve_first) -> None:
    base = submitted_log()
    head = base[-1].id
    early, late = "2026-11-23T09:00:00+00:00", "2026-11-23T10:00:00+00:00"
    approve = ev("approve", head, "approved", at=early if approve_first else late, actor="ben")
    rejected = ev("reject", head, "rejected", at=late if approve_first else early, actor="fiona", reason="No.")
    state = replay([*base, approve, rejected])
    assert state.status == ("approved" if approve_first else "rejected")
    assert len(state.conflicts) == 1
    loser = "reject" if approve_first else "approve"
    assert state.conflicts[0].event_id == loser
    assert loser in state.skipped
    assert conflict_words(state.conflicts[0].kind)


def test_two_changes_to_the_same_line_on_two_laptops_are_a_conflict() -> None:
    base = chain(("created", {}), ("line_added", line_data("a")))
    one = ev("one", base[-1].id, "line_changed", at="2026-11-22T12:00:00+00:00", line_id="a", amount_pence=100)
    two = ev("two", base[-1].id, "line_changed", at="2026-11-22T12:05:00+00:00", line_id="a", amount_pence=200)
    state = replay([*base, two, one])
    assert [(c.event_id, c.other_event_id, c.kind) for c in state.conflicts] == [("two", "one", "same_line")]
    assert state.lines["a"].amount_pence == 200  # the later change stands, and the clash is shown


def test_changes_to_different_lines_at_once_merge_without_conflict() -> None:
    base = chain(("created", {}), ("line_added", line_data("a")), ("line_added", line_data("b", 500, "expense", "parking")))
    one = ev("one", base[-1].id, "line_changed", at="2026-11-22T12:00:00+00:00", line_id="a", amount_pence=100)
    two = ev("two", base[-1].id, "line_removed", at="2026-11-22T12:05:00+00:00", line_id="b")
    added = ev("three", base[-1].id, "line_added", at="2026-11-22T12:06:00+00:00", **line_data("c", 300, "expense", "parking"))
    state = replay([*base, one, two, added])
    assert state.conflicts == []
    assert state.total_pence == 100 + 300


@pytest.mark.parametrize("edit_first", [True, False])
def test_line_change_on_one_laptop_after_a_submit_on_another_is_a_conflict(edit_first) -> None:
    base = chain(("created", {}), ("line_added", line_data("a")))
    early, late = "2026-11-22T12:00:00+00:00", "2026-11-22T12:30:00+00:00"
    edit = ev("edit", base[-1].id, "line_changed", at=early if edit_first else late, line_id="a", amount_pence=100)
    submit = ev("submit", base[-1].id, "submitted", at=late if edit_first else early)
    state = replay([*base, edit, submit])
    assert state.status == "submitted"
    assert len(state.conflicts) == 1
    assert state.conflicts[0].kind == ("edit_and_decision" if edit_first else "refused")


def test_continuing_after_a_merge_is_not_a_conflict() -> None:
    # Laptop 1 adds a line while laptop 2 changes another; after syncing, laptop 1
    # (which has seen both) changes the second line again: one conflict-free history.
    base = chain(("created", {}), ("line_added", line_data("a")), ("line_added", line_data("b", 500, "expense", "parking")))
    add = ev("add", base[-1].id, "line_added", at="2026-11-22T12:00:00+00:00", **line_data("c", 300, "expense", "parking"))
    change = ev("change", base[-1].id, "line_changed", at="2026-11-22T12:05:00+00:00", line_id="b", amount_pence=600)
    merged = replay([*base, add, change])
    assert merged.last_event_id == "change" and merged.conflicts == []
    again = ev("again", merged.last_event_id, "line_changed", at="2026-11-22T13:00:00+00:00", line_id="b", amount_pence=700)
    state = replay([*base, add, change, again])
    assert state.conflicts == []
    assert state.lines["b"].amount_pence == 700


def test_paid_claim_stays_paid_when_a_rejection_from_another_laptop_sorts_first() -> None:
    base = submitted_log()
    head = base[-1].id
    rejected = ev("reject", head, "rejected", at="2026-11-23T09:00:00+00:00", reason="No.")
    approved = ev("approve", head, "approved", at="2026-11-23T10:00:00+00:00")
    paid = ev("paid", "approve", "paid", at="2026-11-30T10:00:00+00:00", **PAYMENT)
    state = replay([*base, rejected, approved, paid])
    assert state.status == "paid"
    assert state.payment_reference == "BACS-1"
    assert {c.kind for c in state.conflicts} == {"refused", "paid_anyway"}


def test_a_second_payment_with_other_details_is_a_conflict_and_the_first_stands() -> None:
    base = log_in("approved")
    one = ev("one", base[-1].id, "paid", at="2026-11-23T09:00:00+00:00", **PAYMENT)
    two = ev("two", base[-1].id, "paid", at="2026-11-23T10:00:00+00:00", payment_reference="BACS-2", paid_on="2026-11-21")
    state = replay([*base, one, two])
    assert (state.status, state.payment_reference) == ("paid", "BACS-1")
    assert [c.kind for c in state.conflicts] == ["paid_twice"]


def test_the_same_step_taken_on_two_laptops_is_no_conflict() -> None:
    base = submitted_log()
    one = ev("one", base[-1].id, "approved", at="2026-11-23T09:00:00+00:00", actor="ben")
    two = ev("two", base[-1].id, "approved", at="2026-11-23T10:00:00+00:00", actor="fiona")
    state = replay([*base, one, two])
    assert state.status == "approved" and state.approved_by == "ben"
    assert state.conflicts == []


def test_withdrawn_while_submitted_elsewhere_is_a_conflict() -> None:
    base = chain(("created", {}), ("line_added", line_data()))
    sent = ev("sent", base[-1].id, "submitted", at="2026-11-23T09:00:00+00:00")
    withdrawn = ev("withdrawn", base[-1].id, "withdrawn", at="2026-11-23T10:00:00+00:00")
    state = replay([*base, sent, withdrawn])
    assert state.status == "withdrawn"
    assert [c.kind for c in state.conflicts] == ["two_decisions"]


def test_two_corrections_at_once_both_count_and_are_flagged() -> None:
    base = log_in("paid")
    one = ev("one", base[-1].id, "adjusted", at="2026-11-23T09:00:00+00:00", **{**line_data("x", 100, "expense", "parking")})
    two = ev("two", base[-1].id, "adjusted", at="2026-11-23T09:30:00+00:00", **{**line_data("y", 100, "expense", "parking")})
    state = replay([*base, one, two])
    assert state.expense_pence == 200
    assert [c.kind for c in state.conflicts] == ["two_adjustments"]


def test_a_claim_in_two_batches_keeps_the_first_and_shows_the_clash() -> None:
    base = log_in("approved")
    one = ev("one", base[-1].id, "batched", at="2026-11-23T09:00:00+00:00", batch_id="b1")
    two = ev("two", base[-1].id, "batched", at="2026-11-23T09:30:00+00:00", batch_id="b2")
    state = replay([*base, one, two])
    assert state.batch_id == "b1"
    assert [c.kind for c in state.conflicts] == ["two_batches"]


def test_an_event_whose_predecessor_has_not_arrived_is_still_applied() -> None:
    log = log_in("draft")
    orphan = ev("orphan", "not-here-yet", "line_added", at="2026-11-22T12:00:00+00:00", **line_data("z", 100, "expense", "parking"))
    state = replay([*log, orphan])
    assert "z" in state.lines


def test_a_damaged_log_with_a_loop_still_replays() -> None:
    a = ev("a", "b", "line_added", **line_data("a"))
    b = ev("b", "a", "line_added", **line_data("b", 100))
    assert [e.id for e in order([b, a])] == ["a", "b"]
    assert replay([a, b]).total_pence == 7600


def test_event_with_unreadable_data_is_kept_with_empty_data() -> None:
    event = Event.from_row(("e", "c", None, "created", "grace", T0, "{not json"))
    assert event.data == {}


# --- properties ------------------------------------------------------------------------

AT = [f"2026-11-2{d}T10:00:00+00:00" for d in range(2, 6)]
LINE_IDS = ["a", "b", "c"]


@st.composite
def event_logs(draw) -> list[Event]:
    """Logs as several laptops could write them: each event after one seen before, mostly the latest."""
    events = [ev("e000", None, "created", at=AT[0])]
    for n in range(1, draw(st.integers(1, 25))):
        after = events[-1].id if draw(st.booleans()) else draw(st.sampled_from(events)).id
        kind = draw(st.sampled_from([k for k in EVENT_KINDS if k != "created"]))
        data: dict = dict(VALID_DATA[kind])
        if kind in ("line_added", "line_changed", "line_removed", "adjusted"):
            pence = draw(st.integers(-5000, 500_000)) if kind == "adjusted" else draw(st.integers(1, 500_000))
            data.update(line_id=draw(st.sampled_from(LINE_IDS)) if kind != "adjusted" else f"adj{n}",
                        amount_pence=pence, line_kind=draw(st.sampled_from(["fee", "expense"])))
        if kind == "paid":
            data = {"payment_reference": draw(st.sampled_from(["R1", "R2"])), "paid_on": "2026-11-20"}
        if kind == "batched":
            data = {"batch_id": draw(st.sampled_from(["b1", "b2"]))}
        if kind.startswith("correction_"):
            made = [e.data["line_id"] for e in events if e.kind == "adjusted"] or ["adj0"]
            data = {**data, "line_ids": draw(st.lists(st.sampled_from(made), min_size=1, max_size=2, unique=True)),
                    "batch_id": draw(st.sampled_from(["b1", "b2", "b3"])),
                    "payment_reference": draw(st.sampled_from(["R1", "R3"]))}
        if kind == "resolved":
            data = {"event_id": draw(st.sampled_from(events)).id, "note": "Sorted."}
        events.append(ev(f"e{n:03d}", after, kind, at=draw(st.sampled_from(AT)), **data))
    return events


def summary(state) -> tuple:
    lines = sorted((line.line_id, line.position, line.line_kind, line.amount_pence, line.removed, line.adjustment,
                    line.batch_id or "", line.paid_on or "", line.payment_reference or "", line.paid_later)
                   for line in state.lines.values())
    return (state.status, state.fee_pence, state.expense_pence, lines, state.payment_reference, state.batch_id,
            state.last_event_id, sorted(state.skipped),
            sorted((c.event_id, c.other_event_id or "", c.kind, c.resolved_by_event or "") for c in state.conflicts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=event_logs())
def test_total_always_equals_the_sum_of_live_lines(log) -> None:
    state = replay(log)
    live = [line for line in state.lines.values() if not line.removed]
    assert state.total_pence == sum(line.amount_pence for line in live)
    assert state.fee_pence == sum(line.amount_pence for line in live if line.line_kind == "fee")
    assert state.expense_pence == sum(line.amount_pence for line in live if line.line_kind == "expense")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=event_logs(), shuffler=st.randoms(use_true_random=False))
def test_replay_does_not_depend_on_the_order_events_are_stored_in(log, shuffler) -> None:
    shuffled = list(log)
    shuffler.shuffle(shuffled)
    assert summary(replay(shuffled)) == summary(replay(log))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=event_logs())
def test_paid_never_reverts(log) -> None:
    ordered = order(log)
    paid_from = None
    for k in range(1, len(ordered) + 1):
        status = replay(ordered[:k]).status
        if paid_from is not None:
            assert status == "paid", f"paid at event {paid_from}, then {status} after {ordered[k - 1].kind}"
        elif status == "paid":
            paid_from = k
    if any(e.kind == "paid" for e in log):
        assert replay(log).status == "paid"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=event_logs())
def test_a_line_once_paid_stays_paid_with_the_same_details_and_a_sent_line_stays_sent(log) -> None:
    ordered = order(log)
    settled: dict[str, tuple] = {}
    sent: dict[str, str] = {}
    for k in range(1, len(ordered) + 1):
        state = replay(ordered[:k])
        for line in state.lines.values():
            if line.line_id in settled:
                assert (line.paid_on, line.payment_reference, line.paid_later) == settled[line.line_id]
            elif line.paid_on is not None:
                settled[line.line_id] = (line.paid_on, line.payment_reference, line.paid_later)
            if line.line_id in sent:
                assert line.batch_id == sent[line.line_id]
            elif line.batch_id is not None:
                sent[line.line_id] = line.batch_id
        # What is owed is exactly the live lines no payment settled, once the claim is paid.
        if state.status == "paid":
            assert state.correction_due_pence == sum(line.amount_pence for line in state.live_lines()
                                                     if line.paid_on is None)


def test_the_property_logs_reach_every_state_and_conflict() -> None:
    # The generator must reach the interesting cases, or the properties prove little.
    rng = random.Random(3)
    seen_status, seen_conflict, seen_resolved = set(), False, False
    for _n in range(400):
        log = _random_log(rng)
        state = replay(log)
        seen_status.add(state.status)
        seen_conflict |= bool(state.conflicts)
        seen_resolved |= any(c.resolved_by_event for c in state.conflicts)
    assert seen_status == set(STATUSES)
    assert seen_conflict and seen_resolved


def _random_log(rng: random.Random) -> list[Event]:
    events = [ev("e000", None, "created", at=AT[0])]
    for n in range(1, rng.randint(2, 20)):
        after = events[-1].id if rng.random() < 0.7 else rng.choice(events).id
        kind = rng.choice([k for k in EVENT_KINDS if k != "created"])
        data = {**VALID_DATA[kind], "event_id": rng.choice(events).id} if kind == "resolved" else VALID_DATA[kind]
        events.append(ev(f"e{n:03d}", after, kind, at=rng.choice(AT), **data))
    return events


@pytest.mark.parametrize(("kind", "data"), [
    ("line_added", {"line_id": "x", "line_kind": "fee", "category": "day", "amount_pence": "lots"}),
    ("line_added", {"line_kind": "fee", "category": "day", "amount_pence": 5}),
    ("adjusted", {"amount_pence": 100}),
    ("adjusted", {**line_data("adj", 0, "expense", "parking")}),
    ("paid", {"payment_reference": "", "paid_on": "2026-11-20"}),
    ("batched", {}),
    ("teleported", {}),
])
def test_a_damaged_event_from_another_device_is_set_aside_and_shown(kind, data) -> None:
    status = {"line_added": "draft", "adjusted": "paid", "paid": "approved", "batched": "approved",
              "teleported": "draft"}[kind]
    before = replay(log_in(status))
    state = replay(follow(log_in(status), kind, data))
    assert "next" in state.skipped
    assert (state.status, state.total_pence) == (before.status, before.total_pence)
    assert [c.kind for c in state.conflicts] in (["bad_data"], ["unknown"])
