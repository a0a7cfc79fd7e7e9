"""Payments back from finance: a CSV or Excel file of claim ids, payment references and dates paid.

Headings are matched loosely ("Claim id", "claim_id", "Claim"; "Reference",
"Payment ref"; "Paid on", "Date paid", "Payment date"), and the finance
export's own columns work too, so finance can fill in the reference and date
on the file they were sent. That file has a row per claim line: rows that give
the same claim the same payment count once, and a claim's own payment and its
correction's, on rows of their own, both stand. Dates may be typed as people type
them: 14/03/2026, 2026-03-14, 14 March 2026 or 14-Mar-26.

All or nothing: every unknown claim, claim not approved, bad reference or
date is reported with its row number (as the spreadsheet numbers it), and
then nothing at all is marked paid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import N_, _
from store.importing.members import header_key
from store.importing.tabular import Table, read_table

# The first heading of each field is the one named when a column is missing.
FIELDS: dict[str, tuple[str, ...]] = {
    "claim_id": (N_("Claim id"), "claim_id", N_("Claim"), N_("Claim reference"), N_("Claim number")),
    "payment_reference": (N_("Payment reference"), "payment_reference", N_("Reference"), N_("Payment ref"),
                          N_("Ref"), N_("BACS reference"), N_("Transaction reference")),
    "paid_on": (N_("Paid on"), "paid_on", "paid_at", N_("Date paid"), N_("Payment date"), N_("Paid"), N_("Date")),
}
MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
# '14 March 2026', '14 Mar 26', '14-Mar-2026': how banks and finance systems often write a day.
_NAMED_MONTH = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([A-Za-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})\s*$")


@dataclass
class PaymentRows:
    """A file's rows as payments, before anything is checked against the database."""

    name: str
    rows: list[tuple[int, dict[str, str]]]
    notes: list[str] = field(default_factory=list)


def _known_headings() -> dict[str, str]:
    known: dict[str, str] = {}
    for name, headings in FIELDS.items():
        for heading in headings:
            known.setdefault(header_key(heading), name)
            known.setdefault(header_key(_(heading)), name)
    return known


def map_columns(table: Table) -> dict[str, int]:
    """Return {field: column index}; refuse a file without a column for each of the three fields."""
    known = _known_headings()
    columns: dict[str, int] = {}
    for index, heading in enumerate(table.headers):
        name = known.get(header_key(heading)) if heading else None
        if name is not None and name not in columns:
            columns[name] = index
    missing = [FIELDS[key][0] for key in FIELDS if key not in columns]
    if missing:
        found = ", ".join(h[:40] for h in table.headers[:20] if h) or _("none")
        raise InputError(_("{file} needs columns for the claim id, the payment reference and the date paid. "
                           "Missing: {missing}. Columns found: {found}.").format(
            file=table.name, missing=", ".join(_(m) for m in missing), found=found))
    return columns


def paid_on_text(text: str) -> str:
    """Return a date written with the month's name ('14 March 2026') as 14/03/2026; other text as it is."""
    match = _NAMED_MONTH.match(text or "")
    if match and match.group(2).casefold() in MONTHS:
        return f"{int(match.group(1)):02d}/{MONTHS[match.group(2).casefold()]:02d}/{match.group(3)}"
    return text


def read_payments(path: Path | str) -> PaymentRows:
    """Read a payments file into numbered rows of claim_id, payment_reference and paid_on (text)."""
    table = read_table(path)
    columns = map_columns(table)
    rows = []
    for row in table.rows:
        def cell(name: str) -> str:
            at = columns[name]
            return row.cells[at].strip() if at < len(row.cells) else ""

        rows.append((row.number, {"claim_id": cell("claim_id"), "payment_reference": cell("payment_reference"),
                                  "paid_on": paid_on_text(cell("paid_on"))}))
    if not rows:
        raise InputError(_("There are no payments in {file}: it has headings but no rows.").format(file=table.name))
    return PaymentRows(table.name, rows, list(table.notes))


def write_payments(store: Store, plan: PaymentRows, actor_id: str) -> dict[str, Any]:
    """Mark the file's claims paid, all or nothing; return {"paid", "already", "repeated"}.

    Raises store.claims.PaymentsRefused (one line, every problem with its row
    number) when any row has a problem; then nothing is written. `repeated`
    counts rows that gave a claim the same payment as an earlier row.
    """
    from store.claims.checks import resolve_claim
    from store.claims.payments import PaymentsRefused, import_payments
    from store.claims.workflow import payment_details

    problems: list[tuple[int, str]] = []
    first: dict[tuple[str, str, str], int] = {}
    repeated = 0
    with store.transaction() as conn:
        for number, fields in plan.rows:
            try:
                real = resolve_claim(conn, fields["claim_id"])
                details = payment_details(fields["payment_reference"], fields["paid_on"])
            except CoprodError as exc:
                problems.append((number, exc.message))
                continue
            key = (real, details["payment_reference"], details["paid_on"])
            if key in first:
                repeated += 1
                continue
            first[key] = number
        try:
            done = import_payments(store, list(first), actor_id, row_numbers=list(first.values()))
        except PaymentsRefused as exc:
            problems += exc.problems
        if problems:
            # Raising inside the transaction rolls back anything written.
            raise PaymentsRefused(sorted(problems))
    return {"paid": done["paid"], "already": done["already"], "repeated": repeated}
