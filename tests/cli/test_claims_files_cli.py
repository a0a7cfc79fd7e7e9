"""`coprod export claims`, `coprod import payments` and `coprod export statement` from the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from claims_money_world import build_money_world
from cli_env import env_without_coprod
from html_tree import headings, parse
from openpyxl import load_workbook

from store.export.claims import COLUMNS
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"
HEAVY = ("openpyxl", "pydantic", "textual", "sqlite_utils", "babel")
RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881", "receipt_path": "receipts/rail.pdf"}


@pytest.fixture
def money(store, monkeypatch):
    """March: Priya's claim paid on 20/03/2026, Tomasz's approved; June: Priya's approved."""
    monkeypatch.delenv("COPROD_AS", raising=False)
    w = build_money_world(store, "Priya Shah")
    w.paid_claim = w.paid(w.march, w.priya, "BACS-1001", "20/03/2026", RAIL)
    w.tomasz_claim = w.approved(w.march, w.tomasz)
    w.june_claim = w.approved(w.june, w.priya)
    return w


def run(db_path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def one_line_error(capsys, message: str) -> None:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"coprod: {message}"), captured.err


def batches(store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.query("SELECT claim_id, batch_id FROM claim_state")}


def test_exports_one_meetings_claim_lines_as_csv(money, db_path, out, capsys):
    target = out / "march.csv"
    assert run(db_path, "export", "claims", "--meeting", money.march[:13], "--format", "csv", "-o", str(target)) == 0
    assert capsys.readouterr().out == f"Wrote 3 rows to {target}.\n"
    rows = read_csv(target)
    assert rows[0] == list(COLUMNS)
    assert [(r[0], r[6], r[9], r[11]) for r in rows[1:]] == [
        (money.paid_claim, "half_day", "75.00", "paid"), (money.paid_claim, "rail_bus", "12.40", "paid"),
        (money.tomasz_claim, "half_day", "75.00", "approved")]


def test_exports_a_status_over_a_period_as_xlsx_with_totals(money, db_path, out, capsys):
    target = out / "approved"
    assert run(db_path, "export", "claims", "--from", "01/03/2026", "--to", "30/06/2026", "--status", "approved",
               "--format", "xlsx", "-o", str(target)) == 0
    assert capsys.readouterr().out == f"Wrote 2 rows to {target}.xlsx.\n"
    book = load_workbook(out / "approved.xlsx")
    assert book.sheetnames == ["Claims", "Totals"]
    assert [r[0] for r in book["Claims"].iter_rows(min_row=2, values_only=True)] == [money.tomasz_claim,
                                                                                      money.june_claim]
    totals = [[v for v in r if v is not None] for r in book["Totals"].iter_rows(values_only=True)]
    assert totals[4] == ["All", 2, 150]


@pytest.mark.parametrize("args, message", [
    (["--meeting", "0000dead"], "There is no meeting with id 0000dead."),
    (["--from", "31/02/2026"], "--from: 31/02/2026 is not a real date. Check the day and month."),
    (["--to", "someday"], "--to: "),
    (["--from", "02/02/2026", "--to", "01/01/2026"], "The period starts after it ends."),
    (["--meeting", "MARCH", "--from", "01/01/2026"], "Choose a meeting or a period, not both."),
    (["--status", "lost"], "lost is not a claim status."),
    (["--format", "csv", "-o", "OUT/x.xlsx"], "The file name ends .xlsx but the format is csv."),
    (["-o", "OUT/x.pdf"], "Give --format csv or xlsx, or a file name ending .csv or .xlsx."),
    (["-o", "OUT/missing/x.csv"], "There is no folder "),
    (["--batch"], "Say who is doing this: give --as with your member id, or set COPROD_AS."),
    (["--batch", "--status", "paid", "--as", "FIONA"], "A payment batch holds approved claims only."),
    (["--batch", "--as", "PRIYA"], "Only staff can send claims for payment."),
])
def test_bad_input_gives_one_line_and_exit_1_and_writes_nothing(money, db_path, out, capsys, args, message):
    words = {"MARCH": money.march, "OUT": str(out), "FIONA": money.fiona, "PRIYA": money.priya}
    for key, value in words.items():
        args = [a.replace(key, value) for a in args]
    if "-o" not in args:
        args += ["-o", str(out / "x.csv")]
    before, changes = batches(money.store), money.changes()
    assert run(db_path, "export", "claims", *args) == 1
    one_line_error(capsys, message)
    assert list(out.iterdir()) == []
    assert batches(money.store) == before and money.changes() == changes


def test_a_batch_twice_never_sends_a_claim_twice(money, db_path, out, capsys):
    w = money
    first = out / "batch-1.csv"
    assert run(db_path, "export", "claims", "--batch", "--as", w.fiona, "-o", str(first)) == 0
    said = capsys.readouterr().out
    batch = batches(w.store)[w.tomasz_claim]
    assert said == (f"Wrote 2 rows to {first}. 2 claims are now in payment batch {batch[:8]}, so they will not be "
                    "sent again.\n")
    assert {r[0] for r in read_csv(first)[1:]} == {w.tomasz_claim, w.june_claim}
    assert batches(w.store)[w.paid_claim] is None  # paid already: never in a batch
    second = out / "batch-2.csv"
    assert run(db_path, "export", "claims", "--batch", "--as", w.fiona, "-o", str(second)) == 0
    assert capsys.readouterr().out == ("No approved claims or corrections are waiting to be sent for payment, so no file "
                                       "was written.\n")
    assert not second.exists()


def test_a_correction_after_payment_goes_from_the_command_line_to_finance_and_back(money, db_path, out, tmp_path,
                                                                                   capsys):
    w = money
    assert run(db_path, "claims", "correct", w.paid_claim[:13], "--kind", "expense", "--category", "parking",
               "--amount", "4.50", "--note", "Parking was missed off.", "--as", w.ben) == 0
    capsys.readouterr()
    assert run(db_path, "claims", "show", w.paid_claim) == 0
    shown = capsys.readouterr().out
    assert "State: Paid, correction owed" in shown
    assert "A correction of £4.50 is owed and not yet paid. The next payment batch sends it to finance." in shown
    assert [line for line in shown.splitlines() if line.startswith("Parking")][0].count("correction; not yet paid") == 1
    batch = out / "batch.csv"
    assert run(db_path, "export", "claims", "--batch", "--meeting", w.march, "--as", w.fiona, "-o", str(batch)) == 0
    said = capsys.readouterr().out
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in read_csv(batch)[1:]]
    # Tomasz's approved claim whole, and from Priya's paid claim only the correction.
    assert [(r["claim_id"], r["category"], r["amount"], r["status"], r["correction"]) for r in rows] == [
        (w.paid_claim, "parking", "4.50", "approved", "1"),
        (w.tomasz_claim, "half_day", "75.00", "approved", "0")]
    assert said.startswith(f"Wrote 2 rows to {batch}. 2 claims are now in payment batch")
    # Finance pays both and sends the rows back; the paid claim keeps its first payment.
    paid = tmp_path / "paid.csv"
    paid.write_text(f"claim_id,payment_reference,paid_on\n{w.paid_claim},BACS-3001,21/11/2026\n"
                    f"{w.tomasz_claim},BACS-3002,21/11/2026\n", encoding="utf-8")
    assert run(db_path, "import", "payments", str(paid), "--as", w.fiona) == 0
    assert capsys.readouterr().out == "Marked 2 claims paid.\n"
    assert tuple(w.store.one("SELECT status, payment_reference, paid_at, correction_due_pence FROM claim_state "
                             "WHERE claim_id = ?", (w.paid_claim,))) == ("paid", "BACS-1001", "2026-03-20", 0)
    assert run(db_path, "claims", "show", w.paid_claim) == 0
    shown = capsys.readouterr().out
    assert "State: Paid\n" in shown and "correction; paid on 21 Nov 2026, reference BACS-3001" in shown
    # The same file again: already recorded, nothing written.
    assert run(db_path, "import", "payments", str(paid), "--as", w.fiona) == 0
    assert capsys.readouterr().out == ("Marked 0 claims paid.\n"
                                       "2 claims were already marked paid with these details.\n")


def test_a_batch_of_one_meetings_one_claim_as_xlsx(money, db_path, out, capsys):
    w = money
    target = out / "june.xlsx"
    assert run(db_path, "export", "claims", "--batch", "--meeting", w.june, "--as", w.fiona, "-o", str(target)) == 0
    batch = batches(w.store)[w.june_claim]
    assert capsys.readouterr().out == (f"Wrote 1 row to {target}. 1 claim is now in payment batch {batch[:8]}, so it "
                                       "will not be sent again.\n")
    assert [r[0] for r in load_workbook(target)["Claims"].iter_rows(min_row=2, values_only=True)] == [w.june_claim]
    assert batches(w.store)[w.tomasz_claim] is None


def test_csv_export_loads_no_heavy_library(money, db_path, out):
    script = (
        "import json, sys\n"
        "from tui.cli import main\n"
        f"code = main(['--db', {str(db_path)!r}, 'export', 'claims', '-o', {str(out / 'a.csv')!r}])\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env_without_coprod(),
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert len(read_csv(out / "a.csv")) == 5


def test_installed_command_exports_claims(money, db_path, out):
    target = out / "all.csv"
    done = subprocess.run([str(COPROD), "--db", str(db_path), "export", "claims", "-o", str(target)],
                          capture_output=True, text=True, env=env_without_coprod(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote 4 rows to {target}.\n"


def test_import_payments_marks_claims_paid(money, db_path, tmp_path, capsys):
    w = money
    path = tmp_path / "paid.csv"
    path.write_text(f"Claim,Payment ref,Date paid\n{w.tomasz_claim},BACS-2001,21 November 2026\n"
                    f"{w.june_claim},BACS-2002,21/11/2026\n", encoding="utf-8")
    assert run(db_path, "import", "payments", str(path), "--as", w.fiona) == 0
    assert capsys.readouterr().out == "Marked 2 claims paid.\n"
    assert {r[0]: (r[1], r[2], r[3]) for r in w.store.query(
        "SELECT claim_id, status, payment_reference, paid_at FROM claim_state")} == {
        w.paid_claim: ("paid", "BACS-1001", "2026-03-20"), w.tomasz_claim: ("paid", "BACS-2001", "2026-11-21"),
        w.june_claim: ("paid", "BACS-2002", "2026-11-21")}


def test_a_payments_file_naming_unknown_claims_is_refused_in_one_line_and_nothing_is_written(money, db_path,
                                                                                           tmp_path, capsys):
    w = money
    path = tmp_path / "paid.csv"
    path.write_text(f"claim_id,payment_reference,paid_on\n{w.tomasz_claim},BACS-2001,21/11/2026\n"
                    "0000dead-beef,BACS-2002,21/11/2026\nfeedface-0000,BACS-2003,21/11/2026\n", encoding="utf-8")
    changes = w.changes()
    assert run(db_path, "import", "payments", str(path), "--as", w.fiona) == 1
    one_line_error(capsys, "Nothing was marked paid: 2 rows have problems. Row 3: There is no claim with id "
                           "0000dead-beef. Row 4: There is no claim with id feedface-0000.")
    assert w.changes() == changes
    assert w.store.one("SELECT status FROM claim_state WHERE claim_id = ?", (w.tomasz_claim,))[0] == "approved"


def test_import_payments_needs_to_know_who_and_a_readable_file(money, db_path, tmp_path, capsys):
    changes = money.changes()
    path = tmp_path / "paid.csv"
    path.write_text("claim_id,payment_reference,paid_on\n", encoding="utf-8")
    assert run(db_path, "import", "payments", str(path)) == 1
    one_line_error(capsys, "Say who is doing this")
    assert run(db_path, "import", "payments", str(tmp_path / "none.csv"), "--as", money.fiona) == 1
    one_line_error(capsys, "There is no file at ")
    assert run(db_path, "import", "payments", str(path), "--as", money.fiona) == 1
    one_line_error(capsys, "There are no payments in paid.csv: it has headings but no rows.")
    assert money.changes() == changes


def test_statement_prints_plain_text_without_a_file(money, db_path, capsys):
    assert run(db_path, "export", "statement", "--member", money.priya, "--tax-year", "2025-26") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Payments to Priya Shah"
    assert "20 March 2026: £87.40" in lines
    assert "All together: £87.40" in lines
    assert not any(mark in line for line in lines for mark in ("#", "**", "\x1b"))


def test_statement_prints_markdown_without_a_file_when_asked(money, db_path, capsys):
    assert run(db_path, "export", "statement", "--member", money.priya, "--tax-year", "2025-26",
               "--format", "md") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# Payments to Priya Shah"
    assert "### 20 March 2026: £87.40" in lines
    assert "- **All together:** £87.40" in lines


def test_statement_writes_html_to_a_file(money, db_path, out, capsys):
    target = out / "priya"
    assert run(db_path, "export", "statement", "--member", money.priya,
               "--tax-year", "2025-26", "--format", "html", "-o", str(target)) == 0
    assert capsys.readouterr().out == f"Wrote the statement to {target}.html.\n"
    _doctype, root = parse((out / "priya.html").read_text(encoding="utf-8"))
    assert headings(root)[:3] == [(1, "Payments to Priya Shah"), (2, "In total"), (2, "Each payment")]


@pytest.mark.parametrize("year", ["2026", "2026-28"])
def test_statement_with_a_bad_tax_year_is_refused_and_writes_nothing(money, db_path, out, capsys, year):
    assert run(db_path, "export", "statement", "--member", money.priya, "--tax-year", year, "-o",
               str(out / "s.html")) == 1
    one_line_error(capsys, f"{year} is not a tax year. Write it like 2026-27.")
    assert list(out.iterdir()) == []
