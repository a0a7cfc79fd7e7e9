"""The finance export of claims, read back cell by cell: CSV, XLSX with its Totals sheet, and payment batches."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from decimal import Decimal

import pytest
from claims_money_world import build_money_world
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from store.claims import workflow
from store.claims.queries import export_query
from store.dates import now_iso
from store.errors import CoprodError, InputError
from store.export.claims import (COLUMNS, csv_lines_query, export_batch, lines_around_query, lines_in_query,
                                 resolve_scope, write_csv, write_xlsx)
from store.money import pounds

RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881", "receipt_path": "receipts/rail.pdf"}
CAR = {"category": "car", "miles": "24"}


@pytest.fixture
def money(store):
    """March: Priya's claim paid (then £3.00 taken off: a correction owed), Tomasz's approved; June: Priya's
    rejected; November: Priya's draft."""
    w = build_money_world(store)
    w.paid_claim = w.paid(w.march, w.priya, "BACS-1001", "20/03/2026", RAIL)
    workflow.adjust(store, w.paid_claim, w.ben, {"line_kind": "expense", "category": "rail_bus", "amount": "-3.00",
                                                 "note": "The fare was £3 less."})
    w.approved_claim = w.approved(w.march, w.tomasz, CAR)
    w.rejected_claim = w.rejected(w.june, w.priya)
    w.draft_claim = w.claim(w.november, w.priya)
    return w


PRIYA = 'Priya "Pree" Shah, MBE'
MARCH = "March meeting, in Cardiff"
JUNE = 'The "big" June meeting'


def line_ids(w, claim_id: str) -> list[str]:
    return [r[0] for r in w.store.query("SELECT line_id FROM claim_lines WHERE claim_id = ? ORDER BY position",
                                        (claim_id,))]


def expected_rows(w) -> list[list[str]]:
    """The export of `money`, written out by hand in the export's order: meeting date, claim, line."""
    stamp = now_iso()
    paid = [w.paid_claim, w.priya, PRIYA, "2026-03-14", MARCH]
    paid_end = ["bank", "paid", "Ben Carter", stamp, "2026-03-20", "BACS-1001"]
    # The correction made after the payment is owed on its own: approved, not yet paid.
    owed_end = ["bank", "approved", "Ben Carter", stamp, "", ""]
    approved = [w.approved_claim, w.tomasz, "Tomasz Nowak", "2026-03-14", MARCH]
    approved_end = ["vouchers", "approved", "Ben Carter", stamp, "", ""]
    rejected = [w.rejected_claim, w.priya, PRIYA, "2026-06-20", JUNE]
    draft = [w.draft_claim, w.priya, PRIYA, "2026-11-22", "November meeting"]
    fee, rail, correction = line_ids(w, w.paid_claim)
    car_fee, car = line_ids(w, w.approved_claim)
    return [
        paid + ["fee", "half_day", "1", "7500", "75.00"] + paid_end + [fee, "0"],
        paid + ["expense", "rail_bus", "1", "", "12.40"] + paid_end + [rail, "0"],
        paid + ["expense", "rail_bus", "1", "", "-3.00"] + owed_end + [correction, "1"],
        approved + ["fee", "half_day", "1", "7500", "75.00"] + approved_end + [car_fee, "0"],
        approved + ["expense", "car", "24", "45", "10.80"] + approved_end + [car, "0"],
        rejected + ["fee", "half_day", "1", "7500", "75.00", "bank", "rejected", "", "", "", ""]
        + line_ids(w, w.rejected_claim) + ["0"],
        draft + ["fee", "half_day", "1", "7500", "75.00", "bank", "draft", "", "", "", ""]
        + line_ids(w, w.draft_claim) + ["0"],
    ]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_the_header_and_one_row_per_claim_line_cell_by_cell(money, tmp_path):
    target = tmp_path / "claims.csv"
    assert write_csv(money.store, target) == 7
    rows = read_csv(target)
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == expected_rows(money)


def test_amounts_are_pounds_with_two_decimals_and_a_minus_for_money_taken_off(money, tmp_path):
    target = tmp_path / "claims.csv"
    write_csv(money.store, target)
    data = target.read_bytes()
    assert b",75.00,bank," in data and b",-3.00,bank," in data and b",10.80,vouchers," in data
    assert b"\xc2\xa3" not in data  # no pound sign anywhere
    assert data.count(b"\r\n") == 8  # the header and seven lines


def test_csv_quotes_only_the_free_text_that_needs_it(money, tmp_path):
    target = tmp_path / "claims.csv"
    write_csv(money.store, target)
    data = target.read_bytes()
    assert b',"Priya ""Pree"" Shah, MBE",2026-03-14,"March meeting, in Cardiff",fee,' in data
    assert b',"The ""big"" June meeting",' in data
    assert b",Tomasz Nowak,2026-03-14," in data


def test_export_carries_no_contact_access_or_benefit_details(money, tmp_path):
    from store import members
    from store.claims import rates

    members.update_member(money.store, money.priya, {"email": "priya@example.org", "phone": "07700 900123",
                                                    "access_needs": [{"kind": "bsl", "note": "Needs BSL"}]})
    rates.set_benefits(money.store, money.priya, "esa")
    target = tmp_path / "claims.csv"
    write_csv(money.store, target)
    text = target.read_text(encoding="utf-8")
    for private in ("priya@example.org", "07700", "bsl", "BSL", "esa", "receipts/rail.pdf", "T-881"):
        assert private not in text


def test_export_file_is_readable_only_by_its_owner(money, tmp_path):
    for name, writer in (("a.csv", write_csv), ("a.xlsx", write_xlsx)):
        writer(money.store, tmp_path / name)
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600


def test_meeting_period_and_status_each_narrow_the_rows(money, tmp_path):
    w, target = money, tmp_path / "a.csv"
    want = expected_rows(w)
    assert write_csv(w.store, target, meeting_id=w.march) == 5
    assert read_csv(target)[1:] == want[:5]
    assert write_csv(w.store, target, since="2026-06-20", until="2026-06-20") == 1
    assert read_csv(target)[1:] == want[5:6]
    assert write_csv(w.store, target, status="approved") == 3
    assert read_csv(target)[1:] == want[2:5]
    assert write_csv(w.store, target, status="paid") == 2
    assert read_csv(target)[1:] == want[:2]
    assert write_csv(w.store, target, since="2026-03-15", status="draft") == 1
    assert read_csv(target)[1:] == want[6:]
    assert write_csv(w.store, target, until="2026-03-13") == 0
    assert read_csv(target) == [list(COLUMNS)]


def test_scope_takes_prefixes_typed_dates_and_status_words(money):
    w = money
    assert resolve_scope(w.store, w.june[:-4], status="Waiting for approval") == {
        "meeting_id": w.june, "since": None, "until": None, "status": "submitted"}
    assert resolve_scope(w.store, None, "14/03/2026", "20/6/2026", "PAID") == {
        "meeting_id": None, "since": "2026-03-14", "until": "2026-06-20", "status": "paid"}


@pytest.mark.parametrize("scope, error, message", [
    ({"meeting": "zzzz"}, CoprodError, "There is no meeting with id zzzz"),
    ({"since": "2026-06-01", "until": "2026-01-01"}, CoprodError, "starts after it ends"),
    ({"since": "31/02/2026"}, InputError, "31/02/2026 is not a real date"),
    ({"status": "lost"}, InputError, "lost is not a claim status. Choose one of: draft, submitted, approved"),
    ({"meeting": "MARCH", "since": "01/01/2026"}, CoprodError, "Choose a meeting or a period, not both."),
])
def test_bad_scope_is_refused(money, scope, error, message):
    meeting = scope.get("meeting", "").replace("MARCH", money.march) or None
    with pytest.raises(error, match=message):
        resolve_scope(money.store, meeting, scope.get("since"), scope.get("until"), scope.get("status"))


def test_csv_lines_are_the_rows_of_the_stores_export_query_for_every_filter(money):
    conn = money.store.conn
    for filters in ({}, {"meeting_id": money.march}, {"status": "paid"}, {"since": "2026-06-01"},
                    {"until": "2026-03-14", "status": "approved", "not_batched": True}):
        sql, params = export_query(**filters)
        plain = list(conn.execute(sql, params))
        want = [["" if v is None else str(v) for v in row] for row in plain]
        query, same_params = csv_lines_query(**filters)
        assert same_params == params
        # The fast form reads the store's tables itself; the other quotes the store's rows from outside.
        assert query == lines_in_query(sql)
        for lines_sql in (query, lines_around_query(sql)):
            got = list(conn.execute(lines_sql, params))
            assert list(csv.reader(io.StringIO("".join(line for line, _c in got), newline=""))) == want
            assert [claim for _line, claim in got] == [row[0] for row in plain]


def test_a_query_of_another_shape_is_quoted_from_outside(money):
    sql, params = export_query()
    odd = sql.replace("FROM claim_state s JOIN claim_lines l", "FROM claim_state AS s JOIN claim_lines AS l")
    with pytest.raises(ValueError):
        lines_in_query(odd)
    conn = money.store.conn
    around = [tuple(r) for r in conn.execute(lines_around_query(odd), params)]
    assert around == [tuple(r) for r in conn.execute(lines_in_query(sql), params)] and len(around) == 7


def _csv_module_bytes(conn) -> bytes:
    """What Python's csv module writes for the plain query's rows: the reference."""
    sql, params = export_query()
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(COLUMNS)
    writer.writerows(conn.execute(sql, params))
    return expected.getvalue().encode("utf-8")


# Names, titles and payment references as people type them, or as old files hold them.
_free_text = st.text(alphabet=st.sampled_from(list('ab ,"\r\nâŵŷ\'-;\t£')), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_free_text, title=_free_text, approver=_free_text, reference=_free_text)
def test_the_csv_is_byte_for_byte_what_the_csv_module_writes_whatever_people_typed(money, name, title, approver,
                                                                                  reference, tmp_path_factory):
    w = money
    conn = w.store.conn
    # Straight into the rows: the forms tidy spaces and line breaks, old data and other devices may not.
    conn.execute("UPDATE members SET name = ? WHERE id = ?", (name, w.priya))
    conn.execute("UPDATE members SET name = ? WHERE id = ?", (approver, w.ben))
    conn.execute("UPDATE meetings SET title = ? WHERE id = ?", (title, w.march))
    conn.execute("UPDATE claim_lines SET payment_reference = ? WHERE claim_id = ? AND paid_on IS NOT NULL",
                 (reference, w.paid_claim))
    target = tmp_path_factory.mktemp("csv") / "a.csv"
    assert write_csv(w.store, target) == 7
    assert target.read_bytes() == _csv_module_bytes(conn)
    rows = read_csv(target)[1:]
    assert {r[2] for r in rows if r[1] == w.priya} == {name}
    assert {r[4] for r in rows if r[3] == "2026-03-14"} == {title}
    assert {r[12] for r in rows if r[11] in ("paid", "approved")} == {approver}
    assert {r[15] for r in rows if r[0] == w.paid_claim and r[11] == "paid"} == {reference}


def test_demo_export_holds_every_live_line_cell_by_cell(demo_store, tmp_path):
    target = tmp_path / "demo.csv"
    rows = write_csv(demo_store, target)
    # The same facts read another way: straight from the tables, with the pence turned to pounds in Python.
    want = []
    for r in demo_store.query(
        "SELECT l.claim_id, s.member_id, m.name, s.meeting_date, g.title, l.line_kind, l.category, l.quantity, "
        "l.rate_pence, l.amount_pence, s.payment_method, "
        "CASE WHEN s.status = 'paid' AND l.paid_on IS NULL THEN 'approved' ELSE s.status END, a.name, s.approved_at, "
        "l.paid_on, l.payment_reference, l.line_id, l.adjustment FROM claim_lines l, claim_state s, members m, "
        "meetings g "
        "LEFT JOIN members a ON a.id = s.approved_by "
        "WHERE s.claim_id = l.claim_id AND m.id = s.member_id AND g.id = s.meeting_id AND l.removed = 0"
    ):
        values = ["" if v is None else str(v) for v in r]
        values[9] = pounds(r[9])
        want.append(values)
    got = read_csv(target)[1:]
    assert rows == len(got) == len(want) > 100
    assert sorted(got) == sorted(want)
    assert {r[11] for r in got} == {"draft", "submitted", "approved", "paid", "rejected", "withdrawn"}
    order = [(r[3], r[0]) for r in got]
    assert order == sorted(order)


def test_xlsx_claims_sheet_matches_the_csv_cell_by_cell(money, tmp_path):
    write_csv(money.store, tmp_path / "a.csv")
    assert write_xlsx(money.store, tmp_path / "a.xlsx") == 7
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Claims", "Totals"]
    sheet = book["Claims"]
    got = [list(row) for row in sheet.iter_rows(values_only=True)]
    want = read_csv(tmp_path / "a.csv")
    assert got[0] == want[0] == list(COLUMNS)
    assert len(got) == len(want) == 8
    at = {name: i for i, name in enumerate(COLUMNS)}
    for number, (got_row, want_row) in enumerate(zip(got[1:], want[1:], strict=True), start=2):
        for name, i in at.items():
            cell, text = got_row[i], want_row[i]
            if name == "amount":
                assert Decimal(str(cell)).quantize(Decimal("0.01")) == Decimal(text)
                assert sheet.cell(number, i + 1).number_format == "0.00"
            elif name == "quantity":
                assert Decimal(str(cell)) == Decimal(text)
            elif name == "rate_pence":
                assert cell == (int(text) if text else None)
            elif name in ("meeting_date", "paid_at"):
                assert cell == (dt.datetime.fromisoformat(text) if text else None)  # a real date in Excel
            elif name == "correction":
                assert cell == int(text)
            elif name == "approved_at":
                assert cell == (dt.datetime.fromisoformat(text).replace(tzinfo=None) if text else None)
            else:
                assert (cell or "") == text, (number, name)


def test_xlsx_totals_sheet_adds_up_fees_against_expenses_categories_and_members(money, tmp_path):
    write_xlsx(money.store, tmp_path / "a.xlsx")
    sheet = load_workbook(tmp_path / "a.xlsx")["Totals"]
    rows = [[v for v in r if v is not None] for r in sheet.iter_rows(values_only=True)]

    def money_cells(row):
        return [Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, (int, float)) else v for v in row]

    assert rows[0] == ["Fees and expenses"]
    assert rows[1] == ["Kind", "Lines", "Amount"]
    # Fees: four half days at 75; expenses: 12.40 - 3.00 + 10.80.
    assert [r[:2] for r in rows[2:5]] == [["Fees (payment for time)", 4], ["Expenses (costs paid back)", 3], ["All", 7]]
    assert [money_cells(r)[2] for r in rows[2:5]] == [Decimal("300.00"), Decimal("20.20"), Decimal("320.20")]
    assert rows[5] == [] and rows[6] == ["By category"]
    assert rows[7] == ["Category", "Fee or expense", "Code", "Lines", "Amount"]
    assert [money_cells(r) for r in rows[8:11]] == [
        ["Half day", "Fee", "half_day", 4, Decimal("300.00")],
        ["Car mileage", "Expense", "car", 1, Decimal("10.80")],
        ["Rail or bus", "Expense", "rail_bus", 2, Decimal("9.40")],
    ]
    assert rows[11] == [] and rows[12] == ["By member"]
    assert rows[13] == ["Member", "Member id", "Claims", "Fees", "Expenses", "Total"]
    assert [money_cells(r) for r in rows[14:]] == [
        [PRIYA, money.priya, 3, Decimal("225.00"), Decimal("9.40"), Decimal("234.40")],
        ["Tomasz Nowak", money.tomasz, 1, Decimal("75.00"), Decimal("10.80"), Decimal("85.80")],
    ]
    assert sheet["C3"].number_format == "0.00"


def test_xlsx_totals_are_only_of_the_rows_exported(money, tmp_path):
    # Tomasz's approved claim, and the correction still owed on Priya's paid one.
    assert write_xlsx(money.store, tmp_path / "a.xlsx", status="approved") == 3
    rows = [[v for v in r if v is not None] for r in load_workbook(tmp_path / "a.xlsx")["Totals"].iter_rows(values_only=True)]
    assert [r[:2] for r in rows[2:5]] == [["Fees (payment for time)", 1], ["Expenses (costs paid back)", 2], ["All", 1 + 2]]
    members = rows.index(["By member"]) + 2
    assert [r[0] for r in rows[members:]] == [PRIYA, "Tomasz Nowak"]


def test_missing_folder_or_wrong_ending_is_refused_and_nothing_is_written(money, tmp_path):
    for writer, name in ((write_csv, "a.csv"), (write_xlsx, "a.xlsx")):
        with pytest.raises(CoprodError, match="There is no folder"):
            writer(money.store, tmp_path / "nowhere" / name)
    with pytest.raises(CoprodError, match="Save as one of: .csv"):
        write_csv(money.store, tmp_path / "a.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coprod.db", "coprod.db-shm", "coprod.db-wal"]


def _batched(store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.query("SELECT claim_id, batch_id FROM claim_state")}


def _sent(store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.query("SELECT line_id, batch_id FROM claim_lines")}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_batch_sends_approved_claims_and_corrections_owed_not_yet_sent_and_marks_them(money, tmp_path, fmt):
    w = money
    target = tmp_path / f"batch.{fmt}"
    done = export_batch(w.store, target, fmt, w.fiona)
    assert (done["rows"], done["claims"]) == (3, 2)
    assert _batched(w.store)[w.approved_claim] == done["batch_id"]
    assert {k for k, v in _batched(w.store).items() if v} == {w.approved_claim}
    if fmt == "csv":
        rows = read_csv(target)[1:]
    else:
        rows = list(load_workbook(target)["Claims"].iter_rows(min_row=2, values_only=True))
    correction = line_ids(w, w.paid_claim)[2]
    # The whole approved claim, and from the paid one only the correction owed, each line once.
    assert [(r[0], r[16]) for r in rows] == [(w.paid_claim, correction)] + [
        (w.approved_claim, line) for line in line_ids(w, w.approved_claim)]
    assert {line for line, batch in _sent(w.store).items() if batch == done["batch_id"]} == {r[16] for r in rows}
    assert [r[11] for r in rows] == ["approved"] * 3
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("coprod.db")) == [target.name]


def test_a_second_batch_never_holds_a_claim_sent_in_the_first(money, tmp_path):
    w = money
    first = export_batch(w.store, tmp_path / "first.csv", "csv", w.fiona)
    # Between the two batches another claim is approved.
    later = w.approved(w.june, w.priya, RAIL, fee=None)
    second = export_batch(w.store, tmp_path / "second.csv", "csv", w.fiona)
    sent_first = {r[0] for r in read_csv(tmp_path / "first.csv")[1:]}
    sent_second = {r[0] for r in read_csv(tmp_path / "second.csv")[1:]}
    assert sent_first == {w.approved_claim, w.paid_claim} and sent_second == {later}
    assert first["batch_id"] != second["batch_id"]
    third = export_batch(w.store, tmp_path / "third.csv", "csv", w.fiona)
    assert third == {"rows": 0, "claims": 0, "batch_id": None}
    assert not (tmp_path / "third.csv").exists()


def test_a_batch_keeps_to_its_meeting_or_period(money, tmp_path):
    w = money
    later = w.approved(w.june, w.priya, RAIL, fee=None)
    done = export_batch(w.store, tmp_path / "june.csv", "csv", w.fiona, meeting_id=w.june)
    assert done["claims"] == 1
    assert {r[0] for r in read_csv(tmp_path / "june.csv")[1:]} == {later}
    assert _batched(w.store)[w.approved_claim] is None


def test_a_refused_batch_writes_no_file_and_records_nothing(money, tmp_path):
    w = money
    target = tmp_path / "batch.csv"
    target.write_text("last week's batch\n")
    changes = w.changes()
    with pytest.raises(CoprodError, match="Only staff can send claims for payment."):
        export_batch(w.store, target, "csv", w.priya)
    assert target.read_text() == "last week's batch\n"
    assert w.changes() == changes
    assert not any(_batched(w.store).values())
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("coprod.db")) == ["batch.csv"]
