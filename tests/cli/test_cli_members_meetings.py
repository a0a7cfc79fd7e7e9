"""`coprod members …` and `coprod meetings …`: what scripts and people get from each command."""

from __future__ import annotations

import json

import pytest

from cli_env import run_cli
from store import attendance, meetings, members
from store.db import open_store

MEMBER_FIELDS = {"id", "name", "organisation", "member_type", "email", "phone", "preferred_channel", "access_needs",
                 "payment_preference", "fee_cap_pence", "paid_by_employer", "consent_date", "active"}
MEETING_FIELDS = {"id", "title", "kind", "date", "start_time", "end_time", "mode", "venue", "status", "reopened",
                  "created_at"}


run = run_cli


@pytest.fixture
def demo_db(capsys, db_path) -> str:
    """A file holding the demo network, made through the command line."""
    assert run(capsys, "--db", str(db_path), "demo")[0] == 0
    return str(db_path)


def _store(path: str):
    return open_store(path)


def _one_line_error(err: str) -> None:
    assert err.startswith("coprod: ")
    assert err.count("\n") == 1


# --- members ------------------------------------------------------------------------


def test_members_list_json_is_every_active_member_with_the_public_fields(capsys, demo_db) -> None:
    code, out, err = run(capsys, "--db", demo_db, "members", "list", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    store = _store(demo_db)
    try:
        assert len(rows) == members.count_members(store) == members.count_active(store.conn)
        assert len(rows) == store.one("SELECT COUNT(*) FROM members WHERE active = 1 AND member_type != 'guest'")[0]
    finally:
        store.close()
    assert all(set(r) == MEMBER_FIELDS for r in rows)
    assert all(r["active"] == 1 for r in rows)
    assert [r["name"] for r in rows] == sorted((r["name"] for r in rows), key=str.casefold)
    assert all(isinstance(r["access_needs"], list) for r in rows)


def test_members_list_all_includes_inactive_members(capsys, demo_db) -> None:
    _, out, _ = run(capsys, "--db", demo_db, "members", "list", "--all", "--format", "json")
    assert len(json.loads(out)) == 60


def test_members_list_search_narrows_the_list(capsys, demo_db) -> None:
    _, out, _ = run(capsys, "--db", demo_db, "members", "list", "--format", "json")
    first = json.loads(out)[0]
    _, out, _ = run(capsys, "--db", demo_db, "members", "list", "--format", "json", "--search", first["name"].upper())
    found = json.loads(out)
    assert first["id"] in [r["id"] for r in found]
    assert all(first["name"].casefold() in r["name"].casefold() for r in found)


def test_members_list_table_has_a_header_and_one_line_per_member(capsys, demo_db) -> None:
    _, out, _ = run(capsys, "--db", demo_db, "members", "list")
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Id", "Name"]
    _, js, _ = run(capsys, "--db", demo_db, "members", "list", "--format", "json")
    assert len(lines) == 1 + len(json.loads(js))


def test_members_list_of_an_empty_database_is_an_empty_json_list(capsys, db_path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "members", "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == []


def test_members_add_prints_the_new_id_and_keeps_every_field(capsys, db_path) -> None:
    code, out, err = run(
        capsys, "--db", str(db_path), "members", "add", "--name", "Siân Jones", "--organisation", "Deaf Access Network",
        "--type", "carer", "--email", "Sian@Example.org", "--phone", "07700 900123", "--contact", "text message",
        "--need", "BSL interpreter", "--need", "Dietary needs:vegan", "--payment", "expenses only",
        "--paid-by-employer", "yes", "--consent-date", "14/03/2026",
    )
    assert code == 0, err
    member_id = out.strip()
    code, out, _ = run(capsys, "--db", str(db_path), "members", "show", member_id, "--format", "json")
    got = json.loads(out)
    assert got == {
        "id": member_id, "name": "Siân Jones", "organisation": "Deaf Access Network", "member_type": "carer",
        "email": "sian@example.org", "phone": "07700 900123", "preferred_channel": "text",
        "access_needs": [{"kind": "bsl", "note": ""}, {"kind": "dietary", "note": "vegan"}],
        "payment_preference": "expenses_only", "fee_cap_pence": None, "paid_by_employer": 1,
        "consent_date": "2026-03-14", "active": 1,
    }


def test_members_show_text_is_readable_lines(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah", "--need", "Step-free access")
    _, text, _ = run(capsys, "--db", str(db_path), "members", "show", out.strip()[:13])
    assert "Name: Priya Shah" in text.splitlines()
    assert "Access needs: Step-free access" in text.splitlines()
    assert "Active: Yes" in text.splitlines()


def test_members_add_with_a_bad_email_exits_1_and_writes_nothing(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah",
                         "--organisation", "New Group", "--email", "priya-at-example")
    assert code == 1
    assert out == ""
    _one_line_error(err)
    assert "priya-at-example is not an email address" in err
    store = _store(str(db_path))
    try:
        assert store.one("SELECT COUNT(*) FROM changes")[0] == 0
        assert store.one("SELECT COUNT(*) FROM organisations")[0] == 0
    finally:
        store.close()


def test_members_add_with_an_unknown_need_exits_1(capsys, db_path) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah", "--need", "telepathy")
    assert code == 1
    _one_line_error(err)


def test_members_show_of_an_unknown_id_exits_1_with_one_line(capsys, demo_db) -> None:
    code, out, err = run(capsys, "--db", demo_db, "members", "show", "0000dead")
    assert code == 1
    assert out == ""
    _one_line_error(err)
    assert err == "coprod: There is no member with id 0000dead.\n"


def test_members_edit_changes_the_field_given(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah", "--email", "p@example.org")
    member_id = out.strip()
    code, out, err = run(capsys, "--db", str(db_path), "members", "edit", member_id, "--email", "priya@example.org")
    assert (code, out.strip()) == (0, "Saved."), err
    _, out, _ = run(capsys, "--db", str(db_path), "members", "show", member_id, "--format", "json")
    got = json.loads(out)
    assert (got["name"], got["email"]) == ("Priya Shah", "priya@example.org")


def test_members_edit_with_bad_input_exits_1_and_changes_nothing(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah")
    member_id = out.strip()
    code, _, err = run(capsys, "--db", str(db_path), "members", "edit", member_id, "--name", " ")
    assert code == 1
    _one_line_error(err)
    _, out, _ = run(capsys, "--db", str(db_path), "members", "show", member_id, "--format", "json")
    assert json.loads(out)["name"] == "Priya Shah"


def test_members_deactivate_and_reactivate(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah")
    member_id = out.strip()
    code, out, _ = run(capsys, "--db", str(db_path), "members", "deactivate", member_id)
    assert (code, out.strip()) == (0, "Priya Shah is off new registers.")
    _, out, _ = run(capsys, "--db", str(db_path), "members", "list", "--format", "json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--db", str(db_path), "members", "reactivate", member_id)
    assert (code, out.strip()) == (0, "Priya Shah is back on registers.")
    _, out, _ = run(capsys, "--db", str(db_path), "members", "list", "--format", "json")
    assert [m["id"] for m in json.loads(out)] == [member_id]


# --- meetings -----------------------------------------------------------------------


def test_meetings_list_json_has_every_meeting_with_the_expected_fields(capsys, demo_db) -> None:
    code, out, err = run(capsys, "--db", demo_db, "meetings", "list", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 4
    assert all(set(r) == MEETING_FIELDS for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert [r["status"] for r in rows] == ["closed", "closed", "closed", "planned"]
    assert rows[-1]["date"] == "2026-11-22"


def test_meetings_list_date_range_includes_both_ends(capsys, db_path) -> None:
    for date in ("01/11/2026", "21/11/2026", "22/11/2026", "23/11/2026"):
        run(capsys, "--db", str(db_path), "meetings", "add", "--title", "Network meeting", "--date", date)
    _, out, _ = run(capsys, "--db", str(db_path), "meetings", "list", "--format", "json",
                    "--from", "21/11/2026", "--to", "22/11/26")
    assert [m["date"] for m in json.loads(out)] == ["2026-11-21", "2026-11-22"]


def test_meetings_list_with_an_impossible_from_date_exits_1(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "meetings", "list", "--from", "31/02/2026")
    assert code == 1
    _one_line_error(err)
    assert "31/02/2026" in err


def test_meetings_list_table_shows_labels_not_codes(capsys, demo_db) -> None:
    _, out, _ = run(capsys, "--db", demo_db, "meetings", "list")
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Date", "Time", "Title", "Kind", "Status"]
    assert len(lines) == 5
    assert "Planned" in lines[-1] and "10:30–13:00" in lines[-1]


def test_meetings_add_prints_the_id_of_a_planned_meeting(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "meetings", "add", "--title", "Steering group",
                         "--date", "14/03/2026", "--start", "10:30", "--end", "1pm", "--kind", "steering",
                         "--mode", "remote", "--venue", "Online")
    assert code == 0, err
    store = _store(str(db_path))
    try:
        got = meetings.get_meeting(store, out.strip())
    finally:
        store.close()
    assert (got["title"], got["date"], got["start_time"], got["end_time"], got["kind"], got["mode"], got["status"]) == (
        "Steering group", "2026-03-14", "10:30", "13:00", "steering", "remote", "planned")


def test_meetings_add_on_an_impossible_date_exits_1_and_writes_no_meeting(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "meetings", "add", "--title", "Network meeting",
                         "--date", "31/02/2026")
    assert code == 1
    assert out == ""
    _one_line_error(err)
    assert "31/02/2026 is not a real date" in err
    _, out, _ = run(capsys, "--db", str(db_path), "meetings", "list", "--format", "json")
    assert json.loads(out) == []
    store = _store(str(db_path))
    try:
        assert store.one("SELECT COUNT(*) FROM changes")[0] == 0
    finally:
        store.close()


def test_meetings_add_ending_before_it_starts_exits_1(capsys, db_path) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "meetings", "add", "--title", "Network meeting",
                       "--date", "14/03/2026", "--start", "14:00", "--end", "13:00")
    assert code == 1
    assert "end after it starts" in err


def test_meetings_edit_changes_the_details_given(capsys, db_path) -> None:
    _, out, _ = run(capsys, "--db", str(db_path), "meetings", "add", "--title", "Network meeting", "--date", "14/03/2026")
    meeting_id = out.strip()
    code, out, err = run(capsys, "--db", str(db_path), "meetings", "edit", meeting_id, "--venue", "Library")
    assert (code, out.strip()) == (0, "Saved."), err
    _, out, _ = run(capsys, "--db", str(db_path), "meetings", "list", "--format", "json")
    got = json.loads(out)[0]
    assert (got["venue"], got["title"], got["date"]) == ("Library", "Network meeting", "2026-03-14")


def test_meetings_show_prints_the_register_counts(capsys, demo_db) -> None:
    store = _store(demo_db)
    try:
        today = meetings.upcoming(store)[0]["id"]
        expected = members.count_active(store.conn)
    finally:
        store.close()
    code, out, err = run(capsys, "--db", demo_db, "meetings", "show", today)
    assert code == 0, err
    assert out.splitlines()[0] == "Network meeting"
    assert "Status: Planned" in out
    assert f"Present 0, apologies 0, absent 0, not marked {expected}." in out


def test_meetings_open_close_mark_absent_and_reopen(capsys, demo_db) -> None:
    store = _store(demo_db)
    try:
        today = meetings.upcoming(store)[0]["id"]
    finally:
        store.close()
    code, out, _ = run(capsys, "--db", demo_db, "meetings", "open", today)
    assert (code, out.strip()) == (0, "The meeting is open.")

    store = _store(demo_db)
    try:
        people = [r[0] for r in store.query(
            "SELECT id FROM members WHERE active = 1 AND member_type != 'guest' ORDER BY id")]
        attendance.mark(store, today, people[0], "present")
        attendance.mark(store, today, people[1], "apologies")
    finally:
        store.close()
    unmarked = len(people) - 2

    code, out, err = run(capsys, "--db", demo_db, "meetings", "close", today, "--mark-absent")
    assert code == 0, err
    assert out.strip() == f"The meeting is closed. {unmarked} people marked absent."
    store = _store(demo_db)
    try:
        counts = attendance.counts(store, today)
        assert (counts["present"], counts["apologies"], counts["absent"], counts["unmarked"]) == (1, 1, unmarked, 0)
        assert meetings.get_meeting(store, today)["status"] == "closed"
    finally:
        store.close()

    code, out, _ = run(capsys, "--db", demo_db, "meetings", "reopen", today)
    assert code == 0
    _, out, _ = run(capsys, "--db", demo_db, "meetings", "list", "--format", "json", "--from", "22/11/2026")
    got = json.loads(out)[0]
    assert (got["status"], got["reopened"]) == ("open", 1)


def test_meetings_close_without_mark_absent_leaves_people_unmarked(capsys, demo_db) -> None:
    store = _store(demo_db)
    try:
        today = meetings.upcoming(store)[0]["id"]
        expected = members.count_active(store.conn)
    finally:
        store.close()
    run(capsys, "--db", demo_db, "meetings", "open", today)
    code, out, _ = run(capsys, "--db", demo_db, "meetings", "close", today)
    assert (code, out.strip()) == (0, "The meeting is closed.")
    store = _store(demo_db)
    try:
        counts = attendance.counts(store, today)
        assert (counts["absent"], counts["unmarked"]) == (0, expected)
    finally:
        store.close()


def test_meetings_open_of_an_unknown_id_exits_1(capsys, demo_db) -> None:
    code, _, err = run(capsys, "--db", demo_db, "meetings", "open", "0000dead")
    assert code == 1
    assert err == "coprod: There is no meeting with id 0000dead.\n"
