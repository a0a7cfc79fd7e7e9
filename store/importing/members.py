"""Importing members from a spreadsheet: map the columns, check every row, write in one transaction.

A blank cell leaves what coprod holds alone (for a new member, the usual
default): a spreadsheet that never had a phone column filled in must not wipe
the phone numbers and access needs people gave the facilitator since.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import members, organisations, vocab
from store.db import Store
from store.money import parse_pence  # noqa: F401  (also used by tests)
from store.errors import CoprodError, InputError
from store.i18n import N_, _
from store.importing.tabular import Table, read_table, write_rows

# The first heading of each field is the one suggested when no name column is found.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": (N_("Name"), N_("Full name"), N_("Member name")),
    "email": (N_("Email"), N_("Email address"), N_("E-mail")),
    "phone": (N_("Phone"), N_("Telephone"), N_("Mobile"), N_("Phone number")),
    "organisation": (N_("Organisation"), N_("Organization"), N_("Org"), N_("Group")),
    "member_type": (N_("Type"), N_("Member type"), N_("Role in network")),
    "preferred_channel": (N_("Preferred contact"), N_("Contact by"), N_("Preferred channel")),
    "access_needs": (N_("Access needs"),),
    "payment_preference": (N_("Payment preference"), N_("Payment")),
    "paid_by_employer": (N_("Paid by employer"),),
    "consent_date": (N_("Consent date"), N_("Consent given")),
    "fee_cap": (N_("Fee cap"),),
}

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
# Up to £9,999,999.99: enough for any cap, and never too big for an SQLite integer.


@dataclass
class MemberRows:
    """A file's rows turned into member fields, before anything is written."""

    name: str
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """What an import did: counts, the rows refused (row number, reason) and notes."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False  # False: the whole file was refused and nothing was written



def header_key(text: str) -> str:
    """Return a heading reduced to letters and digits: 'E-mail' and 'email ' both give 'email'."""
    text = re.sub(r"\(.*?\)", "", text)  # "Phone (mobile)" is a phone column
    return re.sub(r"[\W_]+", "", text.casefold())


def _known_headings() -> dict[str, str]:
    known: dict[str, str] = {}
    for name, headings in FIELDS.items():
        for heading in headings:
            # The translated heading too, so a Welsh spreadsheet's own headings are read.
            known.setdefault(header_key(heading), name)
            known.setdefault(header_key(_(heading)), name)
        known.setdefault(header_key(name), name)
    return known


def map_columns(table: Table) -> tuple[dict[str, int], list[str]]:
    """Return {field: column index} for the table's headings, and notes on the columns left out.

    Raises InputError, naming the columns found and those expected, when no
    column holds the person's name.
    """
    known = _known_headings()
    columns: dict[str, int] = {}
    ignored: list[str] = []
    notes: list[str] = []
    for index, heading in enumerate(table.headers):
        if not heading:
            continue
        name = known.get(header_key(heading))
        if name is None:
            ignored.append(heading)
        elif name in columns:
            notes.append(_("The column {column} was left out: {first} comes first and says the same.")
                         .format(column=heading, first=table.headers[columns[name]]))
        else:
            columns[name] = index
    if "name" not in columns:
        found = ", ".join(h[:40] for h in table.headers[:20] if h) or _("none")
        expected = ", ".join(_(headings[0]) for headings in FIELDS.values())
        raise InputError(_("{file} has no column for the person's name. Columns found: {found}. "
                           "Call the name column \"Name\"; coprod also reads these columns: {expected}.")
                         .format(file=table.name, found=found, expected=expected))
    if ignored:
        notes.insert(0, _("coprod does not keep these columns, so they were left out: {columns}.")
                     .format(columns=", ".join(ignored)))
    return columns, notes


def parse_yes_no(text: str) -> bool:
    """Return True or False for yes/no, y/n, true/false or 1/0 (and yes/no in the current language)."""
    word = text.strip().casefold()
    if word in _YES or word == _("yes").casefold():
        return True
    if word in _NO or word == _("no").casefold():
        return False
    raise InputError(_("Paid by employer must be yes or no, not {value}.").format(value=text), "paid_by_employer")


def parse_needs(text: str) -> list[dict[str, str]]:
    """Return access needs from 'BSL interpreter; Dietary needs: vegan' (each 'Kind' or 'Kind: note')."""
    from store.models import AccessNeed, validate

    needs = []
    for item in text.split(";"):
        kind, _sep, note = item.partition(":")
        kind = kind.strip()
        if not kind and not note.strip():
            continue
        # The register's short forms ("Captions", "Loop") are what people type, too.
        code = vocab.code_for(vocab.ACCESS_NEEDS, kind) or vocab.code_for(vocab.ACCESS_NEED_SHORT, kind)
        try:
            need = validate(AccessNeed, {"kind": code or kind, "note": note})
        except InputError as exc:
            if "," in kind:
                raise InputError(exc.message + " " + _("Separate access needs with a semicolon (;)."),
                                 "access_needs") from None
            raise InputError(exc.message, "access_needs") from None
        needs.append(need.model_dump())
    return needs


def row_fields(cells: tuple[str, ...], columns: dict[str, int]) -> dict[str, Any]:
    """Return the member fields of one row; blank cells are left out. Raises InputError."""
    from store.models import MemberIn, OrganisationIn, validate

    data: dict[str, Any] = {}
    for name, index in columns.items():
        text = cells[index].strip() if index < len(cells) else ""
        if not text:
            continue
        if name == "access_needs":
            data[name] = parse_needs(text)
        elif name == "paid_by_employer":
            data[name] = parse_yes_no(text)
        elif name == "fee_cap":
            data["fee_cap_pence"] = parse_pence(text, "fee_cap_pence")
        elif name == "organisation":
            data[name] = validate(OrganisationIn, {"name": text}).name
        else:
            data[name] = text
    # Name and email are what a row is matched on, so check them before any lookup;
    # the other fields are checked with the member they update.
    who = validate(MemberIn, {"name": data.get("name", ""), "email": data.get("email")})
    data["name"] = who.name
    if who.email:
        data["email"] = who.email
    return data


def plan_members(table: Table) -> MemberRows:
    """Turn a table into member fields, refusing bad cells and rows that repeat an earlier row."""
    columns, notes = map_columns(table)
    if not table.rows:
        raise InputError(_("{file} has a heading row but no members under it.").format(file=table.name))
    plan = MemberRows(table.name, [], notes=table.notes + notes)
    by_email: dict[str, int] = {}
    by_person: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        try:
            data = row_fields(cells, columns)
        except InputError as exc:
            plan.errors.append((number, exc.message))
            continue
        email = data.get("email")
        person = (data["name"].casefold(), data.get("organisation", "").casefold())
        if email and email in by_email:
            plan.errors.append((number, _("Repeats row {first}: the same email.").format(first=by_email[email])))
            continue
        if not email and person in by_person:
            plan.errors.append((number, _("Repeats row {first}: the same name and organisation.")
                                .format(first=by_person[person])))
            continue
        if email:
            by_email[email] = number
        by_person.setdefault(person, number)
        plan.rows.append((number, data))
    return plan


def read_members(path: Path | str) -> MemberRows:
    """Read a CSV or XLSX file of members; nothing touches the database."""
    return plan_members(read_table(path))


def write_members(
    store: Store,
    plan: MemberRows,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write the planned rows in one transaction, adding new members and updating known ones.

    Every bad row is reported. Unless `skip_invalid`, one bad row means nothing
    is written; with it, the good rows are written and the bad ones listed.
    `progress(done, total)` is called as rows are written, for a progress bar.
    """
    result = ImportResult(errors=list(plan.errors), notes=list(plan.notes))
    claimed: dict[str, int] = {}
    result.written = write_rows(store, plan.rows, lambda conn, number, data: _write_row(
        conn, number, data, claimed, result), result.errors, skip_invalid, progress)
    if not result.written:
        result.created = result.updated = result.unchanged = 0
    result.errors.sort()
    return result


def _write_row(
    conn: sqlite3.Connection, number: int, data: dict[str, Any], claimed: dict[str, int], result: ImportResult
) -> None:
    # A savepoint per row, so a row refused half-way (after its organisation
    # was made, say) leaves nothing behind when the other rows are kept.
    conn.execute("SAVEPOINT import_row")
    try:
        org_id = organisations.find_or_create(conn, data.get("organisation", ""))
        member_id = members.find_existing(conn, data.get("email"), data["name"], org_id)
        if member_id in claimed:
            raise InputError(_("This is the same member as row {first}. Give each person their own email, "
                               "or remove one of the rows.").format(first=claimed[member_id]))
        if member_id is None:
            member_id = members.insert_member(conn, data)
            result.created += 1
        elif members.update_member_in(conn, member_id, data):
            result.updated += 1
        else:
            result.unchanged += 1
    except CoprodError as exc:
        conn.execute("ROLLBACK TO import_row")
        conn.execute("RELEASE import_row")
        result.errors.append((number, exc.message))
        return
    conn.execute("RELEASE import_row")
    claimed[member_id] = number


def import_members(
    store: Store,
    path: Path | str,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read a members file and write it: `read_members` then `write_members`."""
    return write_members(store, read_members(path), skip_invalid, progress)
