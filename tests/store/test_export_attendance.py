"""Attendance exports, read back cell by cell."""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat

import pytest
from openpyxl import load_workbook

from store import attendance, meetings, members
from store.errors import CoprodError, InputError
from store.export.attendance import COLUMNS, resolve_scope, summary, write_csv, write_xlsx


@pytest.fixture
def small(store):
    """Two meetings, four people (one with a comma and quotes in their organisation), known marks."""
    siân = members.add_member(store, {"name": "Siân Evans", "organisation": 'Carers, "Together"', "member_type": "carer"})
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
    attendance.mark(store, june, siân, "absent")
    attendance.mark_left(store, june, tom, "12:15")
    return {"store": store, "march": march, "june": june, "siân": siân, "tom": tom, "ann": ann}


def _expected(s, meeting, member, name, org, mtype, status, mode, arrived, left, role, supporter, title, date):
    return [meeting, title, date, member, name, org, mtype, status, mode, arrived, left, role, supporter]


def expected_rows(s):
    march, june = s["march"], s["june"]
    m, j = ("March meeting", "2026-03-14"), ("June meeting", "2026-06-20")
    return [
        _expected(s, march, s["ann"], "Ann Staff", "Host", "staff", "apologies", "in_person", "", "", "staff", "no", *m),
        _expected(s, march, s["siân"], "Siân Evans", 'Carers, "Together"', "carer", "present", "in_person", "", "",
                  "member", "no", *m),
        _expected(s, march, s["tom"], "Tom Nowak", "Valleys People First", "uses_services", "present", "remote",
                  "10:50", "", "member", "yes", *m),
        _expected(s, june, s["siân"], "Siân Evans", 'Carers, "Together"', "carer", "absent", "in_person", "", "",
                  "member", "no", *j),
        _expected(s, june, s["tom"], "Tom Nowak", "Valleys People First", "uses_services", "present", "in_person",
                  "", "12:15", "member", "no", *j),
    ]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_the_header_and_one_row_per_person_per_meeting_cell_by_cell(small, tmp_path):
    target = tmp_path / "all.csv"
    assert write_csv(small["store"], target) == 5
    rows = read_csv(target)
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == expected_rows(small)


def test_csv_carries_no_contact_access_or_payment_details(small, tmp_path):
    members.update_member(small["store"], small["tom"], {"email": "tom@example.org", "phone": "07700 900123",
                                                         "access_needs": [{"kind": "bsl", "note": ""}]})
    target = tmp_path / "all.csv"
    write_csv(small["store"], target)
    text = target.read_text(encoding="utf-8")
    assert "tom@example.org" not in text and "07700" not in text and "bsl" not in text


def test_export_file_is_readable_only_by_its_owner(small, tmp_path):
    target = tmp_path / "all.csv"
    write_csv(small["store"], target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_period_includes_both_ends_and_nothing_outside(small, tmp_path):
    s = small
    target = tmp_path / "p.csv"
    assert write_csv(s["store"], target, since="2026-03-14", until="2026-03-14") == 3
    assert {r[0] for r in read_csv(target)[1:]} == {s["march"]}
    assert write_csv(s["store"], target, since="2026-03-15", until="2026-06-20") == 2
    assert {r[0] for r in read_csv(target)[1:]} == {s["june"]}
    assert write_csv(s["store"], target, since="2026-06-21") == 0
    assert read_csv(target) == [list(COLUMNS)]


def test_one_meeting_exports_only_its_rows(small, tmp_path):
    target = tmp_path / "june.csv"
    assert write_csv(small["store"], target, meeting_id=small["june"]) == 2
    assert read_csv(target)[1:] == expected_rows(small)[3:]


def test_xlsx_attendance_sheet_matches_the_csv_cell_by_cell(small, tmp_path):
    write_csv(small["store"], tmp_path / "a.csv")
    assert write_xlsx(small["store"], tmp_path / "a.xlsx") == 5
    sheet = load_workbook(tmp_path / "a.xlsx")["Attendance"]
    got = [[("" if v is None else v) for v in row] for row in sheet.iter_rows(values_only=True)]
    want = read_csv(tmp_path / "a.csv")
    assert got[0] == want[0]
    for got_row, want_row in zip(got[1:], want[1:], strict=True):
        assert got_row[2] == dt.datetime.fromisoformat(want_row[2])  # a real date in Excel
        assert got_row[:2] + got_row[3:] == want_row[:2] + want_row[3:]


def test_xlsx_summary_has_counts_per_meeting_organisations_and_the_kpi(small, tmp_path):
    write_xlsx(small["store"], tmp_path / "a.xlsx")
    rows = [list(r) for r in load_workbook(tmp_path / "a.xlsx")["Summary"].iter_rows(values_only=True)]
    # Active members: Siân, Tom, Ann, Zed = 4. March: 2 present; June: 1 present.
    assert rows[2] == [dt.datetime(2026, 3, 14), "March meeting", 2, 1, 0, 3, 0.5]
    assert rows[3] == [dt.datetime(2026, 6, 20), "June meeting", 1, 0, 1, 2, 0.25]
    assert rows[6][:3] == ["Organisation", "Times present", "Members present"]
    organisations = {r[0]: r[1:3] for r in rows[7:9]}
    assert organisations == {'Carers, "Together"': [1, 1], "Valleys People First": [2, 1]}
    network = {r[0]: r[1] for r in rows[9:] if r and r[0]}
    assert network["Active members"] == 4
    assert network["Active members who came at least once"] == 2
    assert network["Share of active members who came (the aim is one third or more)"] == 0.5


def test_summary_kpi_counts_each_member_once(small):
    figures = summary(small["store"])
    assert (figures["active_members"], figures["active_members_present"]) == (4, 2)


def test_demo_export_matches_the_attendance_table(demo_store, tmp_path):
    target = tmp_path / "demo.csv"
    rows = write_csv(demo_store, target)
    assert rows == demo_store.one("SELECT COUNT(*) FROM attendance WHERE deleted_at IS NULL")[0]
    for row in read_csv(target)[1:]:
        record = dict(zip(COLUMNS, row))
        status = demo_store.one("SELECT status FROM attendance WHERE meeting_id = ? AND member_id = ?",
                                (record["meeting_id"], record["member_id"]))[0]
        assert record["status"] == status


@pytest.mark.parametrize("scope, message", [
    ({"meeting": "zzzz"}, "no meeting"),
    ({"since": "2026-06-01", "until": "2026-01-01"}, "starts after it ends"),
    ({"since": "31/02/2026"}, "not a real date"),
])
def test_bad_scope_is_refused(small, scope, message):
    with pytest.raises((CoprodError, InputError), match=message):
        resolve_scope(small["store"], scope.get("meeting"), scope.get("since"), scope.get("until"))


def test_meeting_and_period_together_are_refused(small):
    with pytest.raises(CoprodError, match="not both"):
        resolve_scope(small["store"], small["march"], "2026-01-01", None)


def test_missing_folder_is_refused_and_nothing_is_written(small, tmp_path):
    with pytest.raises(CoprodError, match="no folder"):
        write_csv(small["store"], tmp_path / "nowhere" / "a.csv")
    assert not (tmp_path / "nowhere").exists()


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


def test_a_file_name_with_the_wrong_ending_is_refused(small, tmp_path):
    with pytest.raises(CoprodError, match=".xlsx"):
        write_xlsx(small["store"], tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()


def test_a_file_the_system_cannot_make_gives_a_plain_message(small, tmp_path):
    target = tmp_path / ("n" * 250 + ".csv")  # longer than any file name may be, even for root
    with pytest.raises(CoprodError, match="Cannot save"):
        write_csv(small["store"], target)
    assert list(tmp_path.glob("n*")) == []


def test_a_row_with_an_odd_code_is_still_written_correctly(small, tmp_path):
    import io

    from store.export.attendance import attendance_query

    s = small
    # A role that somehow holds a comma (say, from an old file) must still make valid CSV.
    s["store"].conn.execute("UPDATE attendance SET role = 'chair, acting' WHERE member_id = ?", (s["tom"],))
    target = tmp_path / "a.csv"
    assert write_csv(s["store"], target) == 5
    sql, params = attendance_query()
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(COLUMNS)
    writer.writerows(s["store"].conn.execute(sql, params))
    assert target.read_bytes() == expected.getvalue().encode("utf-8")
    assert [r[11] for r in read_csv(target)[1:] if r[3] == s["tom"]] == ["chair, acting", "chair, acting"]
