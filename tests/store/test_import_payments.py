"""Payments back from finance: a file of claim ids, references and dates marks claims paid, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from claims_money_world import build_money_world
from openpyxl import Workbook

from store.claims import PaymentsRefused
from store.errors import CoprodError, InputError
from store.export.claims import write_csv
from store.importing.payments import paid_on_text, read_payments, write_payments

RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881", "receipt_path": "receipts/rail.pdf"}


@pytest.fixture
def money(store):
    """Two approved claims at March (Priya, Tomasz), a rejected one and a draft (Priya's, June and November)."""
    w = build_money_world(store)
    w.priya_claim = w.approved(w.march, w.priya, RAIL)
    w.tomasz_claim = w.approved(w.march, w.tomasz)
    w.rejected_claim = w.rejected(w.june, w.priya)
    w.draft_claim = w.claim(w.november, w.priya)
    return w


def write_file(path, text: str):
    path.write_text(text, encoding="utf-8", newline="")
    return path


def states(store) -> dict[str, tuple]:
    return {r[0]: (r[1], r[2], r[3]) for r in store.query(
        "SELECT claim_id, status, payment_reference, paid_at FROM claim_state")}


def test_marks_claims_paid_from_loose_headings_and_dates_as_people_type_them(money, tmp_path):
    w = money
    path = write_file(tmp_path / "paid.csv", f"Claim,Ref,Date paid\r\n{w.priya_claim[:13]},BACS 77,20 March 2026\r\n"
                                             f"{w.tomasz_claim},BACS 78,21/3/26\r\n")
    done = write_payments(w.store, read_payments(path), w.fiona)
    assert done == {"paid": 2, "already": 0, "repeated": 0}
    got = states(w.store)
    assert got[w.priya_claim] == ("paid", "BACS 77", "2026-03-20")
    assert got[w.tomasz_claim] == ("paid", "BACS 78", "2026-03-21")


def test_an_excel_file_with_real_date_cells_is_read(money, tmp_path):
    w = money
    book = Workbook()
    sheet = book.active
    sheet.append(["Claim id", "Payment reference", "Payment date"])
    sheet.append([w.priya_claim, "FP-1", dt.datetime(2026, 4, 2)])
    book.save(tmp_path / "paid.xlsx")
    assert write_payments(w.store, read_payments(tmp_path / "paid.xlsx"), w.fiona)["paid"] == 1
    assert states(w.store)[w.priya_claim] == ("paid", "FP-1", "2026-04-02")


def test_the_finance_export_filled_in_counts_each_claim_once(money, tmp_path):
    w = money
    exported = tmp_path / "claims.csv"
    write_csv(w.store, exported, status="approved")
    with open(exported, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, at = rows[0], {name: i for i, name in enumerate(rows[0])}
    # Finance fill in paid_at and payment_reference on the rows they paid (Priya's two lines), and drop the rest.
    paid = [row for row in rows[1:] if row[at["claim_id"]] == w.priya_claim]
    for row in paid:
        row[at["paid_at"]], row[at["payment_reference"]] = "20/03/2026", "PAY-9"
    path = tmp_path / "back.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *paid])
    plan = read_payments(path)
    assert len(plan.rows) == 2
    assert write_payments(w.store, plan, w.fiona) == {"paid": 1, "already": 0, "repeated": 1}
    assert states(w.store)[w.priya_claim] == ("paid", "PAY-9", "2026-03-20")


def test_a_whole_export_filled_in_pays_a_correction_on_its_own_row_and_keeps_the_first_payment(money, tmp_path):
    from store.claims import workflow

    w = money
    write_payments(w.store, read_payments(write_file(tmp_path / "first.csv", (
        f"claim_id,payment_reference,paid_on\n{w.priya_claim},PAY-1,2026-03-20\n"))), w.fiona)
    workflow.adjust(w.store, w.priya_claim, w.ben, {"line_kind": "expense", "category": "parking", "amount": "3.00",
                                                    "note": "Parking was missed off."})
    exported = tmp_path / "claims.csv"
    write_csv(w.store, exported, meeting_id=w.march)
    with open(exported, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = {name: i for i, name in enumerate(rows[0])}
    mine = [row for row in rows[1:] if row[at["claim_id"]] == w.priya_claim]
    # The first two lines show the payment already made; finance fill in the correction's row.
    assert [(r[at["paid_at"]], r[at["payment_reference"]], r[at["correction"]]) for r in mine] == [
        ("2026-03-20", "PAY-1", "0"), ("2026-03-20", "PAY-1", "0"), ("", "", "1")]
    mine[2][at["paid_at"]], mine[2][at["payment_reference"]] = "21/11/2026", "PAY-2"
    path = tmp_path / "back.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *mine])
    assert write_payments(w.store, read_payments(path), w.fiona) == {"paid": 1, "already": 1, "repeated": 1}
    assert states(w.store)[w.priya_claim] == ("paid", "PAY-1", "2026-03-20")
    assert w.store.one("SELECT paid_on, payment_reference FROM claim_lines WHERE claim_id = ? AND adjustment = 1",
                       (w.priya_claim,))[:] == ("2026-11-21", "PAY-2")


def test_importing_the_same_file_again_changes_nothing(money, tmp_path):
    w = money
    path = write_file(tmp_path / "paid.csv", f"claim_id,payment_reference,paid_on\n{w.priya_claim},B1,2026-03-20\n")
    write_payments(w.store, read_payments(path), w.fiona)
    changes = w.changes()
    assert write_payments(w.store, read_payments(path), w.fiona) == {"paid": 0, "already": 1, "repeated": 0}
    assert w.changes() == changes


def test_every_bad_row_is_named_by_its_spreadsheet_row_and_nothing_is_written(money, tmp_path):
    w = money
    path = write_file(tmp_path / "paid.csv", (
        "Claim id,Reference,Paid on\n"
        f"{w.priya_claim},B1,20/03/2026\n"  # row 2: fine on its own
        "\n"  # row 3: blank, still counted as the spreadsheet counts it
        "0000dead-beef,B2,20/03/2026\n"  # row 4: no such claim
        f"{w.rejected_claim},B3,20/03/2026\n"  # row 5: rejected
        f"{w.draft_claim},B4,20/03/2026\n"  # row 6: a draft
        f"{w.tomasz_claim},,20/03/2026\n"  # row 7: no reference
        f"{w.priya_claim},B9,21/03/2026\n"  # row 8: Priya's claim again, paid differently
    ))
    before, changes = states(w.store), w.changes()
    with pytest.raises(PaymentsRefused) as refused:
        write_payments(w.store, read_payments(path), w.fiona)
    assert refused.value.problems == [
        (4, "There is no claim with id 0000dead-beef."),
        (5, "This claim is rejected: it can't be paid."),
        (6, "This claim is a draft: it can't be paid."),
        (7, "Give the payment reference from finance."),
        (8, "Row 2 gives this claim another payment reference or date."),
    ]
    assert refused.value.message.startswith("Nothing was marked paid: 5 rows have problems. Row 4: There is no claim")
    assert "\n" not in refused.value.message
    assert states(w.store) == before and w.changes() == changes


@pytest.mark.parametrize("paid_on, message", [
    ("31/02/2026", "31/02/2026 is not a real date"),
    ("01/12/2026", "The payment date is in the future"),
    ("soon", "soon is not a date"),
])
def test_a_bad_date_is_refused_with_its_row(money, tmp_path, paid_on, message):
    w = money
    path = write_file(tmp_path / "paid.csv", f"claim_id,payment_reference,paid_on\n{w.priya_claim},B1,{paid_on}\n")
    changes = w.changes()
    with pytest.raises(PaymentsRefused, match=f"Row 2: {message}"):
        write_payments(w.store, read_payments(path), w.fiona)
    assert w.changes() == changes


def test_only_staff_record_payments(money, tmp_path):
    w = money
    path = write_file(tmp_path / "paid.csv", f"claim_id,payment_reference,paid_on\n{w.priya_claim},B1,2026-03-20\n")
    changes = w.changes()
    with pytest.raises(CoprodError, match="Only staff can mark claims paid."):
        write_payments(w.store, read_payments(path), w.priya)
    assert w.changes() == changes


def test_a_file_without_the_three_columns_is_refused_naming_what_is_missing(tmp_path):
    path = write_file(tmp_path / "paid.csv", "Claim,Amount\nabc,12.00\n")
    with pytest.raises(InputError, match="Missing: Payment reference, Paid on. Columns found: Claim, Amount."):
        read_payments(path)


def test_a_file_with_headings_only_is_refused(tmp_path):
    path = write_file(tmp_path / "paid.csv", "claim_id,payment_reference,paid_on\n")
    with pytest.raises(InputError, match="no rows"):
        read_payments(path)


@pytest.mark.parametrize("typed, read", [
    ("14 March 2026", "14/03/2026"), ("2 Apr 26", "02/04/26"), ("14-Mar-2026", "14/03/2026"),
    ("1st June 2026", "01/06/2026"), ("14/03/2026", "14/03/2026"), ("14 Marching 2026", "14 Marching 2026"),
])
def test_dates_written_with_the_months_name_are_read(typed, read):
    assert paid_on_text(typed) == read
