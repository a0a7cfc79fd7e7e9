"""Attendance exports, read back cell by cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
import stat
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from store import attendance, meetings, members
from store.errors import CoprodError, InputError
from store.export.attendance import COLUMNS, attendance_query, resolve_scope, summary, write_csv, write_xlsx

ORG = 'Carers, "Together"'


@pytest.fixture
def small(store):
    """Two meetings and five people with known marks; an organisation with a comma and quotes in its name."""
    siân = members.add_member(store, {"name": "Siân Evans", "organisation": ORG, "member_type": "carer"})
    tom = members.add_member(store, {"name": "Tom Nowak", "organisation": "Valleys People First"})
    ann = members.add_member(store, {"name": "Ann Staff", "organisation": "Host", "member_type": "staff"})
    members.add_member(store, {"name": "Zed Never"})  # active, never marked anywhere
    march = meetings.create_meeting(store, {"title": "March meeting", "date": "2026-03-14"})
    june = meetings.create_meeting(store, {"title": "June meeting", "date": "2026-06-20"})
    for meeting in (march, june):
        meetings.set_status(store, meeting, "open")
    attendance.mark(store, march, siân, "present")
    attendance.mark_arrived(store, march, tom, "10:50")
    attendance.set_details(store, march, tom, remote=True, supporter=True)
    attendance.mark(store, march, ann, "apologies")
    bea = attendance.add_walk_in(store, march, name="Bea Visitor")  # a guest: present, but not a member
    attendance.mark(store, june, siân, "absent")
    attendance.mark_left(store, june, tom, "12:15")
    return {"store": store, "march": march, "june": june, "siân": siân, "tom": tom, "ann": ann, "bea": bea}


def expected_rows(s):
    """The export of `small`, written out by hand in the export's order."""
    m = [s["march"], "March meeting", "2026-03-14"]
    j = [s["june"], "June meeting", "2026-06-20"]
    return [
        m + [s["ann"], "Ann Staff", "Host", "staff", "apologies", "in_person", "", "", "staff", "no"],
        m + [s["bea"], "Bea Visitor", "", "guest", "present", "in_person", "", "", "guest", "no"],
        m + [s["siân"], "Siân Evans", ORG, "carer", "present", "in_person", "", "", "member", "no"],
        m + [s["tom"], "Tom Nowak", "Valleys People First", "uses_services", "present", "remote", "10:50", "",
             "member", "yes"],
        j + [s["siân"], "Siân Evans", ORG, "carer", "absent", "in_person", "", "", "member", "no"],
        j + [s["tom"], "Tom Nowak", "Valleys People First", "uses_services", "present", "in_person", "", "12:15",
             "member", "no"],
    ]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_the_header_and_one_row_per_person_per_meeting_cell_by_cell(small, tmp_path):
    target = tmp_path / "all.csv"
    assert write_csv(small["store"], target) == 6
    rows = read_csv(target)
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == expected_rows(small)


def test_csv_is_plain_utf8_without_a_bom_and_quotes_only_what_needs_it(small, tmp_path):
    target = tmp_path / "all.csv"
    write_csv(small["store"], target)
    data = target.read_bytes()
    assert data.startswith(b"meeting_id,meeting_title,")
    assert "Siân Evans".encode("utf-8") in data
    assert b',"Carers, ""Together""",carer,' in data
    assert data.count(b"\r\n") == 7  # header and six rows, each ended the way CSV's standard says


def test_csv_carries_no_contact_access_or_payment_details(small, tmp_path):
    members.update_member(small["store"], small["tom"], {
        "email": "tom@example.org", "phone": "07700 900123", "access_needs": [{"kind": "bsl", "note": "Needs BSL"}],
        "payment_preference": "vouchers", "consent_date": "2026-01-05"})
    target = tmp_path / "all.csv"
    write_csv(small["store"], target)
    text = target.read_text(encoding="utf-8")
    for private in ("tom@example.org", "07700", "bsl", "BSL", "vouchers", "2026-01-05"):
        assert private not in text


def test_export_file_is_readable_only_by_its_owner(small, tmp_path):
    target = tmp_path / "all.csv"
    write_csv(small["store"], target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_period_includes_both_ends_and_nothing_outside(small, tmp_path):
    s = small
    target = tmp_path / "p.csv"
    assert write_csv(s["store"], target, since="2026-03-14", until="2026-06-20") == 6
    assert write_csv(s["store"], target, since="2026-03-14", until="2026-03-14") == 4
    assert read_csv(target)[1:] == expected_rows(s)[:4]
    assert write_csv(s["store"], target, since="2026-03-15", until="2026-06-20") == 2
    assert read_csv(target)[1:] == expected_rows(s)[4:]
    assert write_csv(s["store"], target, until="2026-03-13") == 0
    assert write_csv(s["store"], target, since="2026-06-21") == 0
    assert read_csv(target) == [list(COLUMNS)]


def test_one_meeting_exports_only_its_rows(small, tmp_path):
    target = tmp_path / "june.csv"
    assert write_csv(small["store"], target, meeting_id=small["june"]) == 2
    assert read_csv(target)[1:] == expected_rows(small)[4:]


def test_deleted_marks_and_deleted_meetings_are_left_out(small, tmp_path):
    s = small
    # Tombstones as a sync from another laptop leaves them.
    s["store"].conn.execute("UPDATE attendance SET deleted_at = '2026-07-01T00:00:00+00:00' "
                            "WHERE meeting_id = ? AND member_id = ?", (s["march"], s["ann"]))
    s["store"].conn.execute("UPDATE meetings SET deleted_at = '2026-07-01T00:00:00+00:00' WHERE id = ?", (s["june"],))
    target = tmp_path / "a.csv"
    assert write_csv(s["store"], target) == 3
    assert read_csv(target)[1:] == expected_rows(s)[1:4]


def test_a_plain_sqlite_connection_does_as_well_as_a_store(small, db_path, tmp_path):
    write_csv(small["store"], tmp_path / "store.csv")
    conn = sqlite3.connect(db_path)
    try:
        assert write_csv(conn, tmp_path / "conn.csv") == 6
        assert summary(conn) == summary(small["store"])
    finally:
        conn.close()
    assert (tmp_path / "conn.csv").read_bytes() == (tmp_path / "store.csv").read_bytes()


def _nocase(text: str) -> str:
    # SQLite's NOCASE folds only the ASCII letters.
    return text.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))


def test_demo_export_holds_every_mark_of_the_attendance_table_cell_by_cell(demo_store, tmp_path):
    target = tmp_path / "demo.csv"
    rows = write_csv(demo_store, target)
    # The same facts read another way: straight from the tables, with the codes mapped in Python.
    want = []
    for r in demo_store.query(
        "SELECT a.meeting_id, mt.title, mt.date, a.member_id, m.name, o.name, m.member_type, a.status, a.remote, "
        "a.arrived_at, a.left_at, a.role, a.supporter FROM attendance a, meetings mt, members m "
        "LEFT JOIN organisations o ON o.id = m.organisation_id "
        "WHERE mt.id = a.meeting_id AND m.id = a.member_id AND a.deleted_at IS NULL AND mt.deleted_at IS NULL"
    ):
        want.append([r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7], "remote" if r[8] else "in_person",
                     r[9] or "", r[10] or "", r[11], "yes" if r[12] else "no"])
    got = read_csv(target)[1:]
    assert rows == len(got) == len(want) > 100
    assert sorted(got) == sorted(want)
    order = [(r[2], r[0], _nocase(r[4]), r[3]) for r in got]
    assert order == sorted(order)


def test_xlsx_attendance_sheet_matches_the_csv_cell_by_cell(small, tmp_path):
    write_csv(small["store"], tmp_path / "a.csv")
    assert write_xlsx(small["store"], tmp_path / "a.xlsx") == 6
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Attendance", "Summary"]
    got = [[("" if v is None else v) for v in row] for row in book["Attendance"].iter_rows(values_only=True)]
    want = read_csv(tmp_path / "a.csv")
    assert got[0] == want[0]
    assert len(got) == len(want)
    for got_row, want_row in zip(got[1:], want[1:], strict=True):
        assert got_row[2] == dt.datetime.fromisoformat(want_row[2])  # a real date in Excel
        assert got_row[:2] + got_row[3:] == want_row[:2] + want_row[3:]


def test_xlsx_summary_has_counts_per_meeting_organisations_and_the_kpi(small, tmp_path):
    write_xlsx(small["store"], tmp_path / "a.xlsx")
    sheet = load_workbook(tmp_path / "a.xlsx")["Summary"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    # Active members: Siân, Tom, Ann, Zed = 4 (Bea is a guest). March: 3 present, 2 of them members.
    assert rows[0][0] == "Meetings"
    assert rows[1] == ["Date", "Meeting", "Present", "Apologies", "Absent", "Marked",
                       "Present as a share of active members"]
    assert rows[2] == [dt.datetime(2026, 3, 14), "March meeting", 3, 1, 0, 4, 0.5]
    assert rows[3] == [dt.datetime(2026, 6, 20), "June meeting", 1, 0, 1, 2, 0.25]
    assert sheet["G3"].number_format == "0%"
    assert rows[5][0] == "Organisations"
    assert rows[6][:3] == ["Organisation", "Times present", "Members present"]
    assert [r[:3] for r in rows[7:9]] == [[ORG, 1, 1], ["Valleys People First", 2, 1]]
    assert rows[10][0] == "Network"
    network = {r[0]: r[1] for r in rows[11:] if r and r[0]}
    assert network == {
        "Active members": 4,
        "Active members who came at least once": 2,
        "Share of active members who came (the aim is one third or more)": 0.5,
    }


def test_summary_returns_the_figures_as_plain_data(small):
    figures = summary(small["store"], since="2026-06-01")
    assert figures == {
        "meetings": [{"date": "2026-06-20", "title": "June meeting", "present": 1, "apologies": 0, "absent": 1,
                      "marked": 2, "share": 0.25}],
        "organisations": [{"organisation": "Valleys People First", "times_present": 1, "members_present": 1}],
        "active_members": 4, "active_members_present": 1, "kpi": 0.25,
    }


def test_kpi_counts_each_member_once_and_only_active_members(small):
    s = small
    figures = summary(s["store"])
    assert (figures["active_members"], figures["active_members_present"]) == (4, 2)  # Tom came twice
    members.set_active(s["store"], s["siân"], False)
    figures = summary(s["store"])
    assert (figures["active_members"], figures["active_members_present"], figures["kpi"]) == (3, 1, 1 / 3)
    assert [m["present"] for m in figures["meetings"]] == [3, 1]  # she was still there


@pytest.mark.parametrize("scope, error, message", [
    ({"meeting": "zzzz"}, CoprodError, "There is no meeting with id zzzz"),
    ({"since": "2026-06-01", "until": "2026-01-01"}, CoprodError, "starts after it ends"),
    ({"since": "14/03/2026", "until": "13/03/2026"}, CoprodError, "starts after it ends"),
    ({"since": "31/02/2026"}, InputError, "31/02/2026 is not a real date"),
    ({"until": "2026-13-01"}, InputError, "not a real date"),
])
def test_bad_scope_is_refused(small, scope, error, message):
    with pytest.raises(error, match=message):
        resolve_scope(small["store"], scope.get("meeting"), scope.get("since"), scope.get("until"))


def test_scope_takes_a_unique_id_prefix_and_day_month_year_dates(small):
    s = small
    assert resolve_scope(s["store"], s["june"][:-4]) == {"meeting_id": s["june"], "since": None, "until": None}
    assert resolve_scope(s["store"], None, "14/03/2026", "20/6/2026") == {
        "meeting_id": None, "since": "2026-03-14", "until": "2026-06-20"}


def test_meeting_and_period_together_are_refused(small):
    with pytest.raises(CoprodError, match="not both"):
        resolve_scope(small["store"], small["march"], "2026-01-01", None)


def test_missing_folder_is_refused_and_nothing_is_written(small, tmp_path):
    for writer, name in ((write_csv, "a.csv"), (write_xlsx, "a.xlsx")):
        with pytest.raises(CoprodError, match="There is no folder"):
            writer(small["store"], tmp_path / "nowhere" / name)
    assert not (tmp_path / "nowhere").exists()


def test_an_export_replaces_an_older_file_of_the_same_name(small, out):
    target = out / "a.csv"
    target.write_text("last month's export\n")
    write_csv(small["store"], target, meeting_id=small["june"])
    assert read_csv(target)[1:] == expected_rows(small)[4:]
    assert [p.name for p in out.iterdir()] == ["a.csv"]


def test_an_export_that_fails_midway_leaves_the_old_file_and_no_part_file(tmp_path):
    from store.export.files import atomic_file

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "a.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target, "w", encoding="utf-8") as handle:
        handle.write("half a file")
        raise RuntimeError("the disk filled up")
    assert target.read_text() == "old"
    assert [p.name for p in folder.iterdir()] == ["a.csv"]


@pytest.mark.filterwarnings("error")
def test_an_xlsx_export_that_fails_midway_leaves_no_file_and_no_spooled_rows(small, out, monkeypatch):
    import gc
    import tempfile

    import store.export.attendance as export

    def broken(*args, **kwargs):
        raise RuntimeError("the disk filled up")

    spooled = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    # The Attendance sheet is written; the Summary then fails.
    monkeypatch.setattr(export, "summary", broken)
    with pytest.raises(RuntimeError):
        write_xlsx(small["store"], out / "a.xlsx")
    gc.collect()  # a half-closed sheet would complain here
    assert list(out.iterdir()) == []
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) == spooled


def test_control_characters_are_kept_in_csv_and_left_out_in_xlsx(small, out):
    s = small
    # The forms tidy names; one from an old file or another program may still hold a
    # control character, which Excel cannot hold.
    s["store"].conn.execute("UPDATE members SET name = ? WHERE id = ?", ("Tom\x01Nowak", s["tom"]))
    write_csv(s["store"], out / "a.csv")
    assert write_xlsx(s["store"], out / "a.xlsx") == 6
    assert [r[4] for r in read_csv(out / "a.csv")[1:] if r[3] == s["tom"]] == ["Tom\x01Nowak"] * 2
    sheet = load_workbook(out / "a.xlsx")["Attendance"]
    assert [r[4] for r in sheet.iter_rows(min_row=2, values_only=True) if r[3] == s["tom"]] == ["TomNowak"] * 2


def _csv_module_bytes(conn) -> bytes:
    """What Python's csv module writes for the export query's rows: the reference."""
    sql, params = attendance_query()
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(COLUMNS)
    writer.writerows(conn.execute(sql, params))
    return expected.getvalue().encode("utf-8")


# Names, titles and organisations as people type them (or as old files hold them):
# commas, quotes, line breaks of every kind, Welsh and other letters.
_free_text = st.text(alphabet=st.sampled_from(list('ab ,"\r\nâŵŷ\'-;\t')), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_free_text, name=_free_text, organisation=_free_text)
def test_the_csv_is_byte_for_byte_what_the_csv_module_writes_whatever_people_typed(small, title, name,
                                                                                  organisation, tmp_path_factory):
    s = small
    conn = s["store"].conn
    # Straight into the rows: the forms tidy spaces and line breaks, old data may not.
    conn.execute("UPDATE meetings SET title = ? WHERE id = ?", (title, s["march"]))
    conn.execute("UPDATE members SET name = ? WHERE id = ?", (name, s["tom"]))
    conn.execute("UPDATE organisations SET name = ? WHERE name = ?", (organisation, ORG))
    target = tmp_path_factory.mktemp("csv") / "a.csv"
    assert write_csv(s["store"], target) == 6
    assert target.read_bytes() == _csv_module_bytes(conn)
    rows = read_csv(target)[1:]
    assert {r[1] for r in rows if r[0] == s["march"]} == {title}
    assert {r[4] for r in rows if r[3] == s["tom"]} == {name}
    assert {r[5] for r in rows if r[3] == s["siân"]} == {organisation}
    conn.execute("UPDATE organisations SET name = ? WHERE name = ?", (ORG, organisation))


@pytest.mark.parametrize("role", ["chair, acting", 'chair "acting"', "chair\nacting"])
def test_a_role_that_would_need_quoting_in_the_csv_is_refused(small, role):
    # The export quotes only free text; the codes in every other column are checked on the way in.
    with pytest.raises(CoprodError):
        attendance.set_details(small["store"], small["march"], small["tom"], role=role)
    assert small["store"].conn.execute("SELECT role FROM attendance WHERE member_id = ? AND meeting_id = ?",
                                       (small["tom"], small["march"])).fetchone()[0] == "member"


def test_attendance_query_names_its_scope_only_through_parameters(small):
    sql, params = attendance_query(meeting_id="x'); DROP TABLE members; --", since="2026-01-01",
                                   until="2026-12-31")
    assert params == ["x'); DROP TABLE members; --", "2026-01-01", "2026-12-31"]
    assert "DROP" not in sql
    assert small["store"].conn.execute(sql, params).fetchall() == []
    assert len(COLUMNS) == len(small["store"].conn.execute(sql, params).description)
