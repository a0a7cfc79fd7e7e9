"""Importing members from CSV and XLSX files: reading, checking, matching and writing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import members
from store.errors import InputError, NotFound
from store.importing.members import import_members, parse_pence, read_members
from store.importing.tabular import MAX_BYTES

FULL_HEADINGS = ["Name", "Email", "Phone", "Organisation", "Type", "Preferred contact", "Access needs",
                 "Payment preference", "Paid by employer", "Consent date", "Fee cap"]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def count(store, table: str) -> int:
    return store.one(f"SELECT COUNT(*) FROM {table}")[0]


def by_name(store) -> dict[str, dict]:
    return {m["name"]: m for m in members.search_members(store, limit=-1, include_inactive=True)}


def full_file(path: Path, phone_for_ann: str = "01234 567890") -> Path:
    return write_csv(path, [
        FULL_HEADINGS,
        ["Ann Evans", "ann@example.org", phone_for_ann, "Carers Wales", "Carer", "Email",
         "BSL interpreter; Dietary needs: vegan", "Reduced fee", "no", "14/03/2026", "£20.00"],
        ["Bryn Hughes", "", "07700 900123", "Deaf Access Cymru", "Organisation rep", "Text message",
         "Hearing loop", "Expenses only", "yes", "2026-01-05", ""],
        ["Cerys Lloyd", "cerys@example.org", "", "", "", "", "", "", "", "", ""],
    ])


# --- reading files -------------------------------------------------------------------------


def test_csv_heading_aliases_fill_every_field_and_unknown_columns_are_noted(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [
        [" FULL NAME ", "E-mail", "Telephone", "Organization", "Role in network", "Contact by", "access_needs",
         "Payment", "Paid by employer", "Consent given", "Fee cap", "Ward"],
        ["Siân Jones", "SIAN@Example.org", "01234 567890", "Carers Wales", "Carer", "Text message",
         "Captions; Other need: chair with arms", "Reduced fee", "Y", "14/03/2026", "£12.50", "North"],
    ])

    result = import_members(store, path)

    assert (result.created, result.updated, result.unchanged, result.errors) == (1, 0, 0, [])
    sian = by_name(store)["Siân Jones"]
    assert sian["email"] == "sian@example.org"
    assert sian["phone"] == "01234 567890"
    assert sian["organisation"] == "Carers Wales"
    assert sian["member_type"] == "carer"
    assert sian["preferred_channel"] == "text"
    assert sian["access_needs"] == [{"kind": "speech_to_text", "note": ""},
                                    {"kind": "other", "note": "chair with arms"}]
    assert sian["payment_preference"] == "reduced_fee"
    assert sian["paid_by_employer"] == 1
    assert sian["consent_date"] == "2026-03-14"
    assert sian["fee_cap_pence"] == 1250
    assert [n for n in result.notes if "Ward" in n] == [
        "coprod does not keep these columns, so they were left out: Ward."]


@pytest.mark.parametrize("text, pence", [
    ("20", 2000), ("20.00", 2000), ("£20.00", 2000), ("20.5", 2050), ("£1,020.50", 102050),
    ("50p", 50), (" £ 7.05 ", 705), ("0", 0),
])
def test_fee_cap_amounts_become_integer_pence(text, pence):
    assert parse_pence(text) == pence


@pytest.mark.parametrize("text", ["-5", "20.505", "twenty", "20,50", "1e3", "£", "12345678.00"])
def test_fee_cap_that_is_not_money_is_refused(text):
    with pytest.raises(InputError, match="amount of money"):
        parse_pence(text)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_fee_cap_written_as_pounds_reads_back_as_the_same_pence(pence):
    assert parse_pence(f"£{pence // 100:,}.{pence % 100:02d}") == pence
    assert parse_pence(f"{pence // 100}.{pence % 100:02d}") == pence


def test_xlsx_made_with_openpyxl_is_read_with_its_cell_types(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Members"
    sheet.append(["Member name", "Email address", "Mobile", "Group", "Consent date", "Fee cap", "Paid by employer"])
    sheet.append(["Dafydd Rees", "dafydd@example.org", "07700 900111", "Age Cymru", dt.date(2026, 2, 1), 12.5, True])
    sheet.append(["Eleri Price", None, 1234567890, None, None, 20, False])
    book.create_sheet("Notes").append(["Not members"])
    path = tmp_path / "members.xlsx"
    book.save(path)

    result = import_members(store, path)

    assert (result.created, result.errors) == (2, [])
    found = by_name(store)
    assert found["Dafydd Rees"]["consent_date"] == "2026-02-01"
    assert found["Dafydd Rees"]["fee_cap_pence"] == 1250
    assert found["Dafydd Rees"]["paid_by_employer"] == 1
    assert found["Dafydd Rees"]["organisation"] == "Age Cymru"
    assert found["Eleri Price"]["phone"] == "1234567890"
    assert found["Eleri Price"]["fee_cap_pence"] == 2000
    assert found["Eleri Price"]["paid_by_employer"] == 0
    assert "Read the first sheet, Members; the other sheets were left alone." in result.notes


def test_xlsx_row_numbers_count_blank_rows_as_the_spreadsheet_shows_them(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "Name", "Email"
    sheet["A2"], sheet["B2"] = "Ann", "ann@example.org"
    sheet["A5"], sheet["B5"] = "Bob", "not an email"
    path = tmp_path / "members.xlsx"
    book.save(path)

    result = import_members(store, path)

    assert result.errors == [(5, "not an email is not an email address.")]
    assert count(store, "members") == 0


def test_xlsx_with_a_wrongly_recorded_used_range_is_read_in_full(store, tmp_path):
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    for row in (["Name"], ["Ann"], ["Bob"], ["Cat"]):
        book.active.append(row)
    made = tmp_path / "made.xlsx"
    book.save(made)
    # Some programs record the used range as just A1; read-only openpyxl would then stop at row 1.
    path = tmp_path / "members.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, replaced = re.subn(rb'<dimension ref="A1:A4"\s*/>', b'<dimension ref="A1"/>', data)
                assert replaced == 1
            target.writestr(item, data)

    result = import_members(store, path)

    assert result.created == 3
    assert set(by_name(store)) == {"Ann", "Bob", "Cat"}


def test_utf8_file_with_bom_reads_its_first_heading_without_the_bom(store, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes("Ward,Name,Email\r\nNorth,Siân Jones,sian@example.org\r\n".encode("utf-8-sig"))

    result = import_members(store, path)

    assert result.created == 1
    assert result.notes == ["coprod does not keep these columns, so they were left out: Ward."]
    assert by_name(store)["Siân Jones"]["email"] == "sian@example.org"


def test_windows_1252_file_from_excel_keeps_its_accents_and_pound_signs(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [
        ["Name", "Organisation", "Payment preference", "Fee cap"],
        ["Siân Öztürk", "Café Cymru", "Reduced fee", "£15.00"],
    ], encoding="cp1252")
    assert "Siân".encode("cp1252") in path.read_bytes()  # really not UTF-8

    import_members(store, path)

    sian = by_name(store)["Siân Öztürk"]
    assert sian["organisation"] == "Café Cymru"
    assert sian["fee_cap_pence"] == 1500


def test_semicolon_separated_csv_from_a_european_excel_is_read(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [["Name", "Phone"], ["Ann", "01234 567890"]], delimiter=";")

    import_members(store, path)

    assert by_name(store)["Ann"]["phone"] == "01234 567890"


# --- refusing files ------------------------------------------------------------------------


def test_file_without_a_name_column_is_refused_naming_the_columns(store, tmp_path):
    members.add_member(store, {"name": "Already Here"})
    before = count(store, "members"), count(store, "changes")
    path = write_csv(tmp_path / "members.csv", [["Email", "Ward"], ["ann@example.org", "North"]])

    with pytest.raises(InputError) as caught:
        import_members(store, path)

    message = caught.value.message
    assert "members.csv has no column for the person's name" in message
    assert "Columns found: Email, Ward." in message
    assert '"Name"' in message and "Fee cap" in message
    assert (count(store, "members"), count(store, "changes")) == before


def test_file_with_headings_but_no_rows_is_refused(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [["Name", "Email"]])

    with pytest.raises(InputError, match="no members under it"):
        import_members(store, path)


def test_ten_megabytes_of_random_bytes_is_refused_quickly(store, tmp_path):
    junk = os.urandom(10 * 1024 * 1024)
    cases = {
        "junk.csv": junk,
        "no-nul.csv": junk.replace(b"\x00", b""),  # gets past the NUL check: decoding must refuse it
        # Decodes as Windows-1252 without a NUL: only the control characters give it away.
        "decodable.csv": bytes(b for b in junk if b not in b"\x00\x81\x8d\x8f\x90\x9d"),
        "junk.xlsx": b"PK" + junk,  # looks like a zip, is not a workbook
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        started = time.perf_counter()
        with pytest.raises(InputError, match="is not a CSV or Excel file"):
            import_members(store, path)
        assert time.perf_counter() - started < 5, name
    assert count(store, "changes") == 0


def test_file_over_50_mb_is_refused_before_it_is_read(store, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no real disk or time used

    with pytest.raises(InputError, match="huge.csv is larger than 50 MB"):
        import_members(store, path)


def test_old_excel_file_is_refused_with_advice(store, tmp_path):
    path = tmp_path / "members.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)

    with pytest.raises(InputError, match=r"old-style or password-protected Excel file.*\.xlsx"):
        import_members(store, path)


def test_missing_file_is_reported_with_its_path(store, tmp_path):
    path = tmp_path / "nowhere.csv"

    with pytest.raises(NotFound) as caught:
        import_members(store, path)

    assert caught.value.message == f"There is no file at {path}."


# --- bad rows ------------------------------------------------------------------------------


def bad_rows_file(path: Path) -> Path:
    return write_csv(path, [
        ["Name", "Email", "Organisation", "Fee cap", "Access needs", "Type"],       # row 1
        ["Ann", "ann@example.org", "", "", "", ""],                                  # row 2
        ["Bob", "not-an-email", "", "", "", ""],                                     # row 3
        [],                                                                          # row 4, blank
        ["Cat", "", "", "", "Jetpack", ""],                                          # row 5
        ["Dan", "", "", "", "Dietary needs: vegan,\nno nuts", ""],                   # row 6, two lines
        ["Eve", "", "", "twenty", "", ""],                                           # row 7
        ["Fay", "", "Ghost Org", "", "", "Astronaut"],                               # row 8
        ["", "gwen@example.org", "", "", "", ""],                                    # row 9
        ["Huw", "", "", "", "BSL interpreter, Large print", ""],                     # row 10
    ])


def test_bad_rows_are_reported_with_spreadsheet_row_numbers_and_nothing_is_written(store, tmp_path):
    members.add_member(store, {"name": "Already Here"})
    before = count(store, "members"), count(store, "changes"), count(store, "organisations")

    result = import_members(store, bad_rows_file(tmp_path / "members.csv"))

    assert not result.written
    assert [row for row, _message in result.errors] == [3, 5, 7, 8, 9, 10]
    messages = dict(result.errors)
    assert messages[3] == "not-an-email is not an email address."
    assert messages[5].startswith("Jetpack is not a kind of access need. Choose one of: BSL interpreter")
    assert messages[7] == "twenty is not an amount of money. Use pounds and pence, for example 12.50."
    assert messages[8].startswith("Astronaut is not a member type.")
    assert messages[9] == "Fill in the person's name."
    assert messages[10].endswith("Separate access needs with a semicolon (;).")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert (count(store, "members"), count(store, "changes"), count(store, "organisations")) == before


def test_skip_invalid_writes_only_the_valid_rows(store, tmp_path):
    result = import_members(store, bad_rows_file(tmp_path / "members.csv"), skip_invalid=True)

    assert result.written
    assert result.created == 2
    assert [row for row, _message in result.errors] == [3, 5, 7, 8, 9, 10]
    assert set(by_name(store)) == {"Ann", "Dan"}
    assert by_name(store)["Dan"]["access_needs"] == [{"kind": "dietary", "note": "vegan, no nuts"}]
    # Row 8 was refused after its organisation was looked up: the organisation must not linger.
    assert count(store, "organisations") == 0


def test_duplicate_rows_in_the_file_are_refused_naming_the_first(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [
        ["Name", "Email", "Organisation"],
        ["Ann", "ann@example.org", ""],
        ["Bob", "", ""],
        ["Annie", "ANN@example.org", ""],
        ["Carol", "", "Mind Cymru"],
        ["carol", "", "mind  cymru"],
        ["Carol", "", "Another Org"],
    ])

    result = import_members(store, path)

    assert result.errors == [(4, "Repeats row 2: the same email."),
                             (6, "Repeats row 5: the same name and organisation.")]
    assert count(store, "members") == 0


def test_two_rows_that_match_one_member_are_refused(store, tmp_path):
    path = write_csv(tmp_path / "members.csv", [
        ["Name", "Email", "Organisation"],
        ["Ann", "ann@example.org", "Mind Cymru"],
        ["Ann", "ann.other@example.org", "Mind Cymru"],
    ])

    result = import_members(store, path)

    assert result.errors == [(3, "This is the same member as row 2. Give each person their own email, "
                                 "or remove one of the rows.")]
    assert count(store, "members") == 0


# --- importing again -----------------------------------------------------------------------


def test_importing_an_unchanged_file_again_writes_no_change_rows(store, tmp_path):
    path = full_file(tmp_path / "members.csv")
    first = import_members(store, path)
    assert first.created == 3
    changes_after_first = count(store, "changes")

    again = import_members(store, path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert count(store, "changes") == changes_after_first
    assert count(store, "members") == 3


def test_changed_phone_updates_that_member_and_adds_nobody(store, tmp_path):
    import_members(store, full_file(tmp_path / "members.csv"))
    changes_before = count(store, "changes")

    result = import_members(store, full_file(tmp_path / "members.csv", phone_for_ann="07700 900999"))

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert count(store, "members") == 3
    assert by_name(store)["Ann Evans"]["phone"] == "07700 900999"
    new = store.query("SELECT tbl, grp FROM changes ORDER BY hlc DESC LIMIT ?",
                      (count(store, "changes") - changes_before,))
    assert [(r["tbl"], r["grp"]) for r in new] == [("members", "contact")]


def test_member_without_email_is_matched_on_name_and_organisation(store, tmp_path):
    import_members(store, write_csv(tmp_path / "first.csv", [
        ["Name", "Organisation", "Phone"],
        ["Ann Smith", "Org A", "01111 111111"],
        ["Ann Smith", "Org B", "02222 222222"],
    ]))

    result = import_members(store, write_csv(tmp_path / "second.csv", [
        ["Name", "Organisation", "Phone"],
        ["ann  smith", "org a", "03333 333333"],
    ]))

    assert (result.created, result.updated) == (0, 1)
    phones = {m["organisation"]: m["phone"] for m in members.search_members(store, limit=-1)}
    assert phones == {"Org A": "03333 333333", "Org B": "02222 222222"}


def test_email_match_ignores_case_against_existing_members(demo_store, tmp_path):
    known = next(m for m in members.search_members(demo_store, limit=-1) if m["email"])
    total = count(demo_store, "members")
    path = write_csv(tmp_path / "members.csv", [
        ["Name", "Email", "Phone"], [known["name"], known["email"].upper(), "07700 900555"],
    ])

    result = import_members(demo_store, path)

    assert (result.created, result.updated) == (0, 1)
    assert count(demo_store, "members") == total
    assert members.get_member(demo_store, known["id"])["phone"] == "07700 900555"


def test_blank_cells_leave_what_is_stored_alone(store, tmp_path):
    import_members(store, full_file(tmp_path / "members.csv"))
    before = by_name(store)["Ann Evans"]
    path = write_csv(tmp_path / "blanks.csv", [FULL_HEADINGS, ["Ann Evans", "ann@example.org"] + [""] * 9])

    result = import_members(store, path)

    assert result.unchanged == 1
    assert by_name(store)["Ann Evans"] == before


def test_progress_is_reported_up_to_the_last_row(store, tmp_path):
    seen = []
    from store.importing.members import write_members

    write_members(store, read_members(full_file(tmp_path / "members.csv")), progress=lambda d, t: seen.append((d, t)))

    assert seen[-1] == (3, 3)


def test_importing_the_module_loads_neither_openpyxl_nor_textual():
    code = ("import sys, store.importing.members, store.importing.tabular; "
            "print(sorted(m for m in ('openpyxl', 'textual') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"
