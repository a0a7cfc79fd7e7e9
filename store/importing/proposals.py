"""Importing agenda proposals from a spreadsheet, as gathered by an online form or by email.

Each row is one proposal: the item's title, who proposed it (matched to a
member by email, else by their exact name), the meeting (its date, when one
meeting is on that day, or its id), and optionally what they want, the time
needed, a summary and details. Every row is checked; unless asked to skip bad
rows, one bad row means nothing is written. A proposal already held (same
meeting, same proposer, same title) is reported as already there, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import agenda, vocab
from store.dates import parse_date
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import N_, _
from store.importing.members import header_key
from store.importing.tabular import Table, read_table, write_rows
from store.records import resolve_id

# The first heading of each field is the one suggested when a column is missing.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": (N_("Title"), N_("Item"), N_("Item title"), N_("Agenda item")),
    "proposer": (N_("Proposer"), N_("Name"), N_("Your name"), N_("Proposed by")),
    "email": (N_("Email"), N_("Email address"), N_("Your email"), N_("E-mail")),
    "meeting": (N_("Meeting"), N_("Meeting date"), N_("Which meeting")),
    "kind": (N_("Kind"), N_("What do you want"), N_("What for")),
    "minutes": (N_("Minutes"), N_("Time needed"), N_("Minutes needed"), N_("Time")),
    "summary": (N_("Summary"), N_("Plain-language summary"), N_("Short summary")),
    "details": (N_("Details"), N_("More details")),
}
# What a missing column is called in the message that asks for it.
_MISSING = {
    "title": N_("the item's title (\"Title\")"),
    "meeting": N_("the meeting (\"Meeting\" or \"Meeting date\")"),
    "proposer": N_("who proposed it (\"Proposer\" or \"Email\")"),
}
# Three numbers with separators: a date, even an impossible one (31/02/2026), not an id.
_DATE_LIKE = re.compile(r"\s*\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\s*")


@dataclass
class ProposalRows:
    """A file's rows turned into proposal fields, before anything is written."""

    name: str
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ProposalResult:
    """What an import did: proposals added, rows already there (row, title), rows refused (row, reason)."""

    created: int = 0
    already: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False  # False: the whole file was refused and nothing was written



def _known_headings() -> dict[str, str]:
    known: dict[str, str] = {}
    for name, headings in FIELDS.items():
        for heading in headings:
            known.setdefault(header_key(heading), name)
            known.setdefault(header_key(_(heading)), name)
    return known


def map_columns(table: Table) -> tuple[dict[str, int], list[str]]:
    """Return {field: column index} for the table's headings, and notes on the columns left out.

    Raises InputError naming every column that is missing (title, meeting,
    and a proposer's name or email) and the columns that were found.
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
    missing = [key for key in ("title", "meeting") if key not in columns]
    if "proposer" not in columns and "email" not in columns:
        missing.append("proposer")
    if missing:
        found = ", ".join(h[:40] for h in table.headers[:20] if h) or _("none")
        raise InputError(_("{file} has no column for {missing}. Columns found: {found}.").format(
            file=table.name, missing="; ".join(_(_MISSING[m]) for m in missing), found=found))
    if ignored:
        notes.insert(0, _("coprod does not keep these columns, so they were left out: {columns}.")
                     .format(columns=", ".join(ignored)))
    return columns, notes


def parse_kind(text: str) -> str:
    """Return the kind of item from 'Decision', 'a discussion' or 'For information'; blank means discussion."""
    words = " ".join(text.split())
    if not words:
        return "discussion"
    code = vocab.code_for(vocab.ITEM_KINDS, words)
    if code:
        return code
    # A form's answers are often sentences: "I would like a decision".
    said = words.casefold()
    found = {c for c, label in vocab.ITEM_KINDS.items() if label.casefold() in said or _(label).casefold() in said}
    if len(found) == 1:
        return found.pop()
    choices = ", ".join(_(label) for label in vocab.ITEM_KINDS.values())
    raise InputError(_("{value} is not a kind of item. Choose one of: {choices}.").format(value=words, choices=choices),
                     "kind")


def row_fields(cells: tuple[str, ...], columns: dict[str, int]) -> dict[str, Any]:
    """Return one row's proposal fields, checked; raises InputError with a plain reason."""
    from store.models import ItemIn, validate

    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    item = validate(ItemIn, {
        "title": cell("title"), "kind": parse_kind(cell("kind")), "minutes_asked": cell("minutes") or None,
        "summary": cell("summary"), "details": cell("details"),
    }).model_dump()
    meeting = cell("meeting")
    if not meeting:
        raise InputError(_("Say which meeting: its date or its id."), "meeting")
    name, email = " ".join(cell("proposer").split()), cell("email").lower()
    if not name and not email:
        raise InputError(_("Say who proposed it: their name or their email."), "proposer_id")
    return {**item, "meeting": meeting, "proposer": name, "email": email}


def plan_proposals(table: Table) -> ProposalRows:
    """Turn a table into proposal fields, listing every row with a problem."""
    columns, notes = map_columns(table)
    if not table.rows:
        raise InputError(_("{file} has a heading row but no proposals under it.").format(file=table.name))
    plan = ProposalRows(table.name, [], notes=table.notes + notes)
    for number, cells in table.rows:
        try:
            plan.rows.append((number, row_fields(cells, columns)))
        except InputError as exc:
            plan.errors.append((number, exc.message))
    return plan


def read_proposals(path: Path | str) -> ProposalRows:
    """Read a CSV or XLSX file of proposals; nothing touches the database."""
    return plan_proposals(read_table(path))


class _People:
    """Members by email and by name, read once per import (names compared as the person typed them)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for row in conn.execute("SELECT id, name, email FROM members WHERE deleted_at IS NULL ORDER BY id"):
            if row["email"]:
                self.by_email.setdefault(row["email"].casefold(), row["id"])
            self.by_name.setdefault(" ".join(row["name"].split()).casefold(), []).append(row["id"])

    def find(self, name: str, email: str) -> str:
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()]
        same = self.by_name.get(name.casefold(), []) if name else []
        if len(same) == 1:
            return same[0]
        if same:
            raise InputError(_("More than one member is called {name}. Add their email so coprod knows who it is.")
                             .format(name=name), "proposer_id")
        if name and email:
            raise InputError(_("No member has the email {email} or is called {name}. Check them, or add the "
                               "person as a member first.").format(email=email, name=name), "proposer_id")
        if email:
            raise InputError(_("No member has the email {email}. Check it, or add the person as a member first.")
                             .format(email=email), "proposer_id")
        raise InputError(_("No member is called {name}. Check the spelling, or add the person as a member first.")
                         .format(name=name), "proposer_id")


def find_meeting(conn: sqlite3.Connection, text: str) -> str:
    """Return the meeting a cell names: the one meeting on a date, or an id (or its first characters)."""
    try:
        day = parse_date(text, "meeting")
    except InputError:
        if _DATE_LIKE.fullmatch(text):
            raise
        return resolve_id(conn, "meetings", text, _("meeting"))
    rows = conn.execute("SELECT id FROM meetings WHERE date = ? AND deleted_at IS NULL LIMIT 2", (day,)).fetchall()
    if not rows:
        raise InputError(_("There is no meeting on {date}.").format(date=text), "meeting")
    if len(rows) > 1:
        raise InputError(_("There is more than one meeting on {date}. Give the meeting's id instead.")
                         .format(date=text), "meeting")
    return rows[0][0]


def _already_there(conn: sqlite3.Connection, meeting_id: str, proposer_id: str, title: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM agenda_items WHERE meeting_id = ? AND proposer_id = ? AND deleted_at IS NULL "
        "AND fold(title) = ? LIMIT 1",
        (meeting_id, proposer_id, title.casefold()),
    ).fetchone() is not None


def write_proposals(
    store: Store,
    plan: ProposalRows,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ProposalResult:
    """Write the planned proposals in one transaction through the ordinary propose command.

    Every bad row is reported. Unless `skip_invalid`, one bad row means nothing
    is written; with it, the good rows are written and the bad ones listed.
    `progress(done, total)` is called as rows are written, for a progress bar.
    """
    result = ProposalResult(errors=list(plan.errors), notes=list(plan.notes))
    people: list[_People] = []

    def write(conn: sqlite3.Connection, number: int, data: dict[str, Any]) -> None:
        if not people:
            people.append(_People(conn))
        _write_row(store, conn, people[0], number, data, result)

    result.written = write_rows(store, plan.rows, write, result.errors, skip_invalid, progress)
    if not result.written:
        result.created = 0
        result.already = []
    result.errors.sort()
    return result


def _write_row(store: Store, conn: sqlite3.Connection, people: _People, number: int,
               data: dict[str, Any], result: ProposalResult) -> None:
    # A savepoint per row: a row refused half-way leaves nothing behind when the others are kept.
    conn.execute("SAVEPOINT import_proposal")
    try:
        meeting_id = find_meeting(conn, data["meeting"])
        proposer_id = people.find(data["proposer"], data["email"])
        if _already_there(conn, meeting_id, proposer_id, data["title"]):
            result.already.append((number, data["title"]))
        else:
            fields = {k: data[k] for k in agenda.PROPOSAL_FIELDS}
            agenda.propose(store, meeting_id, {**fields, "proposer_id": proposer_id, "source": "import"})
            result.created += 1
    except CoprodError as exc:
        conn.execute("ROLLBACK TO import_proposal")
        conn.execute("RELEASE import_proposal")
        result.errors.append((number, exc.message))
        return
    conn.execute("RELEASE import_proposal")


def import_proposals(
    store: Store,
    path: Path | str,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ProposalResult:
    """Read a proposals file and write it: `read_proposals` then `write_proposals`."""
    return write_proposals(store, read_proposals(path), skip_invalid, progress)
