"""The demo network: realistic, valid, and the same for the same seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import actions, agenda, attendance, meetings, members
from store.demo import create_demo
from store.demo_names import ORGANISATIONS
from store.db import open_store
from store.models import ActionIn, ItemIn, MeetingIn, MemberIn, validate
from store.schema import GROUPS

TODAY = dt.date(2026, 11, 22)  # conftest's COPROD_TODAY


def _dump(store) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in store.query(f"SELECT * FROM {t} ORDER BY id")] for t in GROUPS}


def _make(path: Path, seed: int, n: int = 60) -> dict[str, list[tuple]]:
    store = open_store(path)
    try:
        create_demo(store, seed=seed, members=n)
        return _dump(store)
    finally:
        store.close()


def test_same_seed_makes_the_same_network_on_any_laptop(tmp_path) -> None:
    first = _make(tmp_path / "a.db", seed=7)
    second = _make(tmp_path / "b.db", seed=7)
    assert first == second
    assert all(first[t] for t in GROUPS), "every table should have demo rows"


def test_different_seed_makes_a_different_network(tmp_path) -> None:
    first = _make(tmp_path / "a.db", seed=1)
    second = _make(tmp_path / "b.db", seed=2)
    assert [r[1] for r in first["members"]] != [r[1] for r in second["members"]]
    assert first["attendance"] != second["attendance"]


def test_demo_network_has_sixty_members_from_thirty_seven_organisations(demo_store) -> None:
    assert demo_store.one("SELECT COUNT(*) FROM members")[0] == 60
    assert demo_store.one("SELECT COUNT(*) FROM organisations")[0] == len(ORGANISATIONS) == 37
    used = demo_store.one("SELECT COUNT(DISTINCT organisation_id) FROM members")[0]
    assert used >= 20, "members should come from many organisations"
    assert members.count_active(demo_store.conn) >= 50


def test_demo_network_has_three_closed_past_meetings_and_one_planned_today(demo_store) -> None:
    past = meetings.recent(demo_store)
    assert len(past) == 3
    assert all(m["status"] == "closed" and m["date"] < TODAY.isoformat() for m in past)
    upcoming = meetings.upcoming(demo_store)
    assert len(upcoming) == 1
    today = upcoming[0]
    assert (today["date"], today["status"], today["reopened"]) == (TODAY.isoformat(), "planned", 0)
    assert demo_store.one("SELECT COUNT(*) FROM meetings")[0] == 4


def test_past_demo_meetings_have_a_full_register(demo_store) -> None:
    for meeting in meetings.recent(demo_store):
        rows = demo_store.query("SELECT status, role FROM attendance WHERE meeting_id = ?", (meeting["id"],))
        assert len(rows) == 60
        statuses = {r["status"] for r in rows}
        assert statuses == {"present", "apologies", "absent"}
        roles = {r["role"] for r in rows}
        assert {"chair", "staff", "member"} <= roles
    today = meetings.upcoming(demo_store)[0]
    assert demo_store.one("SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (today["id"],))[0] == 0


def test_demo_has_the_variety_the_screens_need(demo_store) -> None:
    types = {r[0] for r in demo_store.query("SELECT DISTINCT member_type FROM members")}
    assert {"trustee", "staff", "uses_services", "carer", "org_rep"} <= types
    assert demo_store.one("SELECT COUNT(*) FROM members WHERE access_needs != '[]'")[0] >= 5
    assert demo_store.one("SELECT COUNT(*) FROM attendance WHERE arrived_at IS NOT NULL")[0] >= 1
    assert demo_store.one("SELECT COUNT(*) FROM members WHERE paid_by_employer = 1")[0] >= 4


def test_demo_members_and_meetings_pass_the_checks_typed_ones_must(demo_store) -> None:
    # Bad data never gets in, not even by the demo.
    for member in members.search_members(demo_store, limit=-1, include_inactive=True):
        fields = {k: member[k] for k in members.EDITABLE}
        checked = validate(MemberIn, fields).model_dump()
        checked["paid_by_employer"] = int(checked["paid_by_employer"])
        assert checked == fields, member["name"]
    for meeting in meetings.list_meetings(demo_store):
        fields = {k: meeting[k] for k in ("title", "kind", "date", "start_time", "end_time", "mode", "venue")}
        assert validate(MeetingIn, fields).model_dump() == fields


def test_demo_figures_returned_match_what_was_written(db_path) -> None:
    store = open_store(db_path)
    try:
        made = create_demo(store, seed=3, members=60)
        assert made == {
            "organisations": store.one("SELECT COUNT(*) FROM organisations")[0],
            "members": store.one("SELECT COUNT(*) FROM members")[0],
            "meetings": store.one("SELECT COUNT(*) FROM meetings")[0],
            "attendance": store.one("SELECT COUNT(*) FROM attendance")[0],
            "agenda_items": store.one("SELECT COUNT(*) FROM agenda_items")[0],
            "actions": store.one("SELECT COUNT(*) FROM actions")[0],
        }
    finally:
        store.close()


def test_demo_dates_follow_today(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_TODAY", "2027-05-01")
    store = open_store(tmp_path / "later.db")
    try:
        create_demo(store, seed=1)
        assert meetings.upcoming(store)[0]["date"] == "2027-05-01"
        assert all(m["date"] < "2027-05-01" for m in meetings.recent(store))
    finally:
        store.close()


def test_five_hundred_members_scale_meetings_and_organisations(db_path) -> None:
    store = open_store(db_path)
    try:
        made = create_demo(store, seed=1, members=500)
        assert store.one("SELECT COUNT(*) FROM members")[0] == 500
        # Three past meetings per 60 members, plus today's.
        assert made["meetings"] == round(3 * 500 / 60) + 1 == store.one("SELECT COUNT(*) FROM meetings")[0]
        assert store.one("SELECT COUNT(*) FROM organisations")[0] == 500 * len(ORGANISATIONS) // 60
        past = meetings.recent(store, limit=1000)
        assert len(past) == made["meetings"] - 1
        assert len({m["date"] for m in past}) == len(past), "past meetings fall on different days"
        assert all(m["date"] >= (TODAY - dt.timedelta(days=366)).isoformat() for m in past)
        for meeting in past:
            assert store.one("SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (meeting["id"],))[0] >= 12
        assert len(meetings.upcoming(store)) == 1
        # Open actions grow with the network: tens here, a few hundred at 5,000 members.
        assert 20 <= actions.count_open_actions(store) <= 80
    finally:
        store.close()


def test_todays_demo_meeting_can_be_opened_and_marked(demo_store, open_meeting) -> None:
    person = demo_store.one("SELECT id FROM members WHERE active = 1 AND member_type = 'carer' LIMIT 1")[0]
    attendance.mark(demo_store, open_meeting, person, "present")
    assert attendance.counts(demo_store, open_meeting)["present"] == 1


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_change_log_is_complete_for_every_row(tmp_path, seed) -> None:
    # Each demo row was written through the log: one change per field group it has.
    store = open_store(tmp_path / "demo.db")
    try:
        create_demo(store, seed=seed)
        for table in GROUPS:
            rows = store.one(f"SELECT COUNT(*) FROM {table}")[0]
            logged = store.one("SELECT COUNT(DISTINCT row_id) FROM changes WHERE tbl = ?", (table,))[0]
            assert logged == rows, table
    finally:
        store.close()


# --- agendas, minutes and actions ----------------------------------------------------------


def test_every_demo_meeting_has_its_standing_items(demo_store) -> None:
    for meeting in meetings.list_meetings(demo_store):
        standing = [i["standing"] for i in agenda.agenda(demo_store, meeting["id"])["order"] if i["standing"]]
        assert standing == ["welcome", "apologies", "matters_arising", "aob"], meeting["date"]


def test_past_demo_meetings_were_run_and_minuted(demo_store) -> None:
    declined, deferred = [], []
    for meeting in meetings.recent(demo_store):
        view = agenda.agenda(demo_store, meeting["id"])
        own = [i for i in view["order"] + view["other"] if not i["standing"]]
        assert 2 <= len(own) <= 5
        for item in view["order"]:
            assert item["started_at"] and item["ended_at"], "every accepted item ran"
            if not item["standing"]:
                assert item["notes"] and item["decision"]
        declined += [i for i in view["other"] if i["status"] == "declined"]
        deferred += [i for i in view["other"] if i["status"] == "deferred"]
    assert declined and all(i["decline_reason"] for i in declined)
    assert len(deferred) == 1
    today = meetings.upcoming(demo_store)[0]
    assert deferred[0]["deferred_to"] == today["id"]


def test_todays_demo_meeting_has_proposals_to_triage_and_some_accepted(demo_store) -> None:
    view = agenda.agenda(demo_store, meetings.upcoming(demo_store)[0]["id"])
    titles = [i["title"] for i in view["proposals"]]
    assert 3 <= len(titles) <= 4
    assert {"Bus passes for carers", "Free bus travel for carers"} <= set(titles), "a near-duplicate to merge"
    assert any(i["carried_from"] for i in view["proposals"]), "the item deferred last time"
    accepted = [i for i in view["order"] if not i["standing"]]
    assert accepted and view["order"][-1]["standing"] == "aob"
    assert not view["overrun"]
    assert view["matters_arising_count"] > 0


def test_demo_actions_are_done_dropped_open_and_overdue(demo_store) -> None:
    statuses = {r[0] for r in demo_store.query("SELECT DISTINCT status FROM actions")}
    assert {"done", "open"} <= statuses
    assert any(a["overdue"] for a in actions.open_actions(demo_store, limit=-1))
    assert all(a["owners"] for a in actions.open_actions(demo_store, limit=-1))
    assert demo_store.one("SELECT COUNT(*) FROM agenda_interests")[0] >= 1


def test_demo_items_and_actions_pass_the_checks_typed_ones_must(demo_store) -> None:
    for row in demo_store.query("SELECT title, kind, minutes_asked, summary, details FROM agenda_items "
                                "WHERE standing IS NULL"):
        assert validate(ItemIn, dict(row)).model_dump() == dict(row)
    for row in demo_store.query("SELECT description, due_date FROM actions"):
        assert validate(ActionIn, dict(row)).model_dump() == dict(row)
