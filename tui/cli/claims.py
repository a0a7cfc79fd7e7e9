"""`coprod claims …`: list and show claims, draft them from the register, add expenses, and take each step.

`coprod claims mine` is the member's own view: their claims in plain lines,
one fact a line, for reading in the terminal or with a screen reader; the
member comes from --member, else COPROD_MEMBER (as for `coprod propose`).

Who is acting: --as (a member id, or its first characters), else the
COPROD_AS environment variable, set once on a member of staff's laptop. The
store decides what that person may do (only staff who are neither the
claimant nor the submitter approve, and so on) and says why not in plain words.
The commands that change a claim are in tui/cli/claim_steps.py; those for
conflicts between laptops (list them, mark one as dealt with) in
tui/cli/claim_conflicts.py.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from store.i18n import _
from tui.cli.output import command_group

ACTOR_VARIABLE = "COPROD_AS"


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    from tui.cli import claim_conflicts, claim_steps

    cmds = command_group(sub, "claims", _("claims for fees and expenses"),
                         _("List and show claims for fees and expenses, draft them from a meeting's register, add "
                           "expenses, and send, approve, reject and pay them. Commands that change a claim need "
                           "--as (or COPROD_AS): the member of staff, or the member, doing it."), shared)
    acting = argparse.ArgumentParser(add_help=False)
    acting.add_argument("--as", dest="actor", metavar="ID",
                        help=_("who is doing this: their member id, or its first characters (default: COPROD_AS)"))

    p = cmds.add_parser("list", parents=[shared], help=_("list claims for a meeting, a member, or by state"),
                        description=_("List claims with their state and money. Give a meeting or a member; with "
                                      "neither, every claim in the network (with --status, only those)."))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--meeting", metavar="ID", help=_("one meeting's claims (its id, or its first characters)"))
    which.add_argument("--member", metavar="ID", help=_("one member's claims (their id, or its first characters)"))
    p.add_argument("--status", metavar=_("STATE"),
                   help=_("only claims in this state: draft, submitted, approved, paid, rejected or withdrawn"))
    p.add_argument("--format", choices=("table", "json"), default="table", help=_("table for people, json for scripts"))
    p.set_defaults(func=list_claims)

    p = cmds.add_parser("mine", parents=[shared], help=_("a member's own claims, in plain words"),
                        description=_("List one member's own claims, the latest meeting first, in plain words: for "
                                      "each claim the meeting, its state, the fees, expenses and total, and how it "
                                      "was paid. Made for a member's own computer: the member is --member, else "
                                      "COPROD_MEMBER."))
    p.add_argument("--member", metavar="ID",
                   help=_("the member (their id, or its first characters; default: COPROD_MEMBER)"))
    p.add_argument("--status", metavar=_("STATE"),
                   help=_("only claims in this state: draft, submitted, approved, paid, rejected or withdrawn"))
    p.set_defaults(func=my_claims)

    p = cmds.add_parser("show", parents=[shared], help=_("show a claim: its lines, warnings and history"))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("--format", choices=("table", "json"), default="table", help=_("table for people, json for scripts"))
    p.set_defaults(func=show_claim)

    claim_steps.add_parsers(cmds, shared, acting)
    claim_conflicts.add_parsers(cmds, shared, acting)


def acting_member(args: argparse.Namespace) -> str:
    """Return who is acting, from --as or COPROD_AS; refuse when neither says."""
    from store.errors import CoprodError

    actor = (getattr(args, "actor", None) or os.environ.get(ACTOR_VARIABLE, "")).strip()
    if not actor:
        raise CoprodError(_("Say who is doing this: give --as with your member id, or set {variable}.").format(
            variable=ACTOR_VARIABLE))
    return actor


def open_existing(args: argparse.Namespace):
    """Open the database, refusing a missing file rather than creating an empty one."""
    from tui.cli import open_db
    from tui.cli.exports import _require_database

    _require_database(args)
    return open_db(args)


def status_words(claim: dict[str, Any]) -> str:
    """Return a claim's state in words, saying so when it needs checking after a clash between laptops."""
    from store import vocab

    words = vocab.label(vocab.CLAIM_STATUSES, claim["status"])
    if claim.get("correction_due_pence"):
        words = _("{status}, correction owed").format(status=words)
    return _("{status} (needs checking)").format(status=words) if claim.get("conflict") else words


def _public(claim: dict[str, Any]) -> dict[str, Any]:
    keep = ("claim_id", "member_id", "member_name", "meeting_id", "meeting_date", "meeting_title", "status",
            "fee_pence", "expense_pence", "total_pence", "payment_method", "submitted_at", "approved_at", "paid_at",
            "payment_reference", "batch_id", "correction_due_pence")
    return {**{k: claim.get(k) for k in keep}, "conflict": bool(claim.get("conflict"))}


def list_claims(args: argparse.Namespace) -> int:
    from store.claim_lists import network_claims, status_code
    from store.claims.queries import meeting_claims, member_claims
    from store.claims.words import money
    from store.export.words import medium_date
    from tui.cli.output import print_json, print_table

    status = status_code(args.status)
    store = open_existing(args)
    try:
        if args.meeting:
            rows = meeting_claims(store, args.meeting, status)
        elif args.member:
            rows = [r for r in member_claims(store, args.member) if status is None or r["status"] == status]
        else:
            rows = network_claims(store, status)
    finally:
        store.close()
    if args.format == "json":
        print_json([_public(r) for r in rows])
        return 0
    if not rows:
        print(_("There are no claims to list."))
        return 0
    print_table(
        [_("Member"), _("Meeting"), _("State"), _("Fees"), _("Expenses"), _("Total"), _("Id")],
        [(r["member_name"], _("{meeting}, {date}").format(meeting=r["meeting_title"] or "",
                                                          date=medium_date(r["meeting_date"])),
          status_words(r), money(r["fee_pence"]), money(r["expense_pence"]), money(r["total_pence"]), r["claim_id"])
         for r in rows],
    )
    print(totals_line(rows))
    return 0


def totals_line(rows: list[dict[str, Any]]) -> str:
    """Return how many claims are listed and what the live ones (not rejected or withdrawn) add up to."""
    from store.claims.queries import LIVE_STATUSES
    from store.claims.words import money
    from store.i18n import ngettext

    live = [r for r in rows if r["status"] in LIVE_STATUSES]
    fees, expenses = sum(r["fee_pence"] for r in live), sum(r["expense_pence"] for r in live)
    return ngettext("{n} claim. Not counting rejected or withdrawn claims: fees {fees}, expenses {expenses}, "
                    "total {total}.",
                    "{n} claims. Not counting rejected or withdrawn claims: fees {fees}, expenses {expenses}, "
                    "total {total}.", len(rows)).format(n=len(rows), fees=money(fees), expenses=money(expenses),
                                                       total=money(fees + expenses))


def my_claims(args: argparse.Namespace) -> int:
    """Print one member's claims as blocks of plain lines, one fact a line, for reading with a screen reader."""
    from store.claim_lists import status_code
    from store.claims.queries import get_claim, member_claims
    from store.errors import CoprodError
    from store.members import get_member
    from tui.cli.propose import MEMBER_VARIABLE

    who = (args.member or os.environ.get(MEMBER_VARIABLE, "")).strip()
    if not who:
        raise CoprodError(_("Say whose claims to show: give --member, or set {variable}.").format(
            variable=MEMBER_VARIABLE))
    status = status_code(args.status)
    store = open_existing(args)
    try:
        member = get_member(store, who)
        rows = [r for r in member_claims(store, member["id"]) if status is None or r["status"] == status]
        # Only a rejected claim needs more than the list holds: the reason, which the member must see.
        reasons = {r["claim_id"]: get_claim(store, r["claim_id"])["rejected_reason"]
                   for r in rows if r["status"] == "rejected"}
    finally:
        store.close()
    print(_("Claims for {name}").format(name=member["name"]))
    if not rows:
        print(_("There are no claims to list."))
        return 0
    print(totals_line(rows))
    for row in rows:
        print()
        for line in claim_block(row, reasons.get(row["claim_id"])):
            print(line)
    return 0


def claim_block(claim: dict[str, Any], rejected_reason: str | None = None) -> list[str]:
    """Return one claim as plain lines: the meeting, its state, the money, how and when it was paid."""
    from store.claims.words import money
    from store.export.words import long_date
    from tui.cli.show import labelled

    lines = [
        _("Meeting: {meeting}, {date}").format(meeting=claim["meeting_title"] or _("A meeting"),
                                               date=long_date(claim["meeting_date"])),
        _("State: {status}").format(status=status_words(claim)),
        labelled(_("Fees:"), money(claim["fee_pence"])),
        labelled(_("Expenses:"), money(claim["expense_pence"])),
        labelled(_("Total:"), money(claim["total_pence"])),
        _("Payment: {method}").format(method=_payment_method(claim["payment_method"])),
    ]
    if claim["status"] == "paid":
        lines.append(_("Paid on {date}, reference {reference}.").format(date=long_date(claim["paid_at"]),
                                                                        reference=claim["payment_reference"]))
    owed = claim.get("correction_due_pence") or 0
    if owed > 0:
        lines.append(_("A correction of {amount} is still to be paid to you.").format(amount=money(owed)))
    elif owed < 0:
        lines.append(_("A correction takes {amount} off this claim. It is not settled yet.").format(
            amount=money(-owed)))
    if claim["status"] == "rejected" and rejected_reason:
        lines.append(_("Rejected: {reason}").format(reason=" ".join(rejected_reason.split())))
    lines.append(_("To see this claim in full: coprod claims show {id}").format(id=claim["claim_id"]))
    return lines


def line_rows(lines: list[dict[str, Any]], owed: frozenset[str] = frozenset()) -> list[tuple]:
    """Return a claim's lines as table rows: what, kind, quantity, rate, amount, receipt, notes, id.

    The lines in `owed` are noted as not yet paid.
    """
    from store import vocab
    from store.claims.words import money
    from store.export.words import medium_date

    out = []
    for line in lines:
        notes = []
        if line["removed"]:
            notes.append(_("taken off"))
        if line["adjustment"]:
            notes.append(_("correction"))
        if line["line_id"] in owed:
            notes.append(_("not yet paid"))
        elif line["adjustment"] and line["paid_on"] and line["payment_reference"]:
            notes.append(_("paid on {date}, reference {reference}").format(date=medium_date(line["paid_on"]),
                                                                          reference=line["payment_reference"]))
        if line["prior_approval"]:
            notes.append(_("agreed beforehand"))
        if line["note"]:
            notes.append(line["note"])
        out.append((vocab.label(vocab.LINE_CATEGORIES, line["category"]), vocab.label(vocab.LINE_KINDS, line["line_kind"]),
                    line["quantity"], money(line["rate_pence"]), money(line["amount_pence"]),
                    " ".join(x for x in (line["receipt_ref"], line["receipt_path"]) if x), "; ".join(notes),
                    line["line_id"]))
    return out


def show_claim(args: argparse.Namespace) -> int:
    from store import vocab
    from store.claims.queries import get_claim
    from store.claims.words import money
    from store.export.words import medium_date
    from tui.cli.output import print_json, print_table

    store = open_existing(args)
    try:
        claim = get_claim(store, args.claim)
    finally:
        store.close()
    if args.format == "json":
        print_json(claim)
        return 0
    print(_("Claim {id}").format(id=claim["claim_id"]))
    print(_("Member: {name}").format(name=claim["member_name"]))
    print(_("Meeting: {meeting}, {date}").format(meeting=claim["meeting_title"] or "",
                                                 date=medium_date(claim["meeting_date"])))
    print(_("State: {status}").format(status=status_words(claim)))
    print(_("Payment: {method}").format(method=_payment_method(claim["payment_method"])))
    print(_("Fees {fees}, expenses {expenses}, total {total}.").format(
        fees=money(claim["fee_pence"]), expenses=money(claim["expense_pence"]), total=money(claim["total_pence"])))
    if claim["approved_by_name"]:
        print(_("Approved by {name} on {date}.").format(name=claim["approved_by_name"],
                                                        date=medium_date(claim["approved_at"])))
    if claim["status"] == "paid":
        print(_("Paid on {date}, reference {reference}.").format(date=medium_date(claim["paid_at"]),
                                                                 reference=claim["payment_reference"]))
    if claim["status"] == "rejected" and claim["rejected_reason"]:
        print(_("Rejected: {reason}").format(reason=claim["rejected_reason"]))
    if claim["batch_id"]:
        print(_("Sent to finance in payment batch {batch}.").format(batch=claim["batch_id"][:8]))
    if claim["correction_due_pence"]:
        print(_("A correction of {amount} is owed and not yet paid. The next payment batch sends it to finance.")
              .format(amount=money(claim["correction_due_pence"])))
    print()
    print(_("Lines:"))
    if claim["lines"]:
        print_table([_("What"), _("Fee or expense"), _("Quantity"), _("Rate"), _("Amount"), _("Receipt"), _("Notes"),
                     _("Line id")], line_rows(claim["lines"], frozenset(claim["owed_line_ids"])))
    else:
        print(_("No lines yet."))
    print()
    print(_("Warnings:"))
    for warning in claim["warnings"]:
        print(_("- {message}").format(message=warning["message"]))
    if not claim["warnings"]:
        print(_("None."))
    for conflict in claim["conflicts"]:
        if not conflict["resolved"]:
            print(_("- {message}").format(message=conflict["words"]))
    dealt_with = [c for c in claim["conflicts"] if c["resolved"]]
    if dealt_with:
        print()
        print(_("Conflicts dealt with:"))
        for conflict in dealt_with:
            print(_("- {message} What was decided: {note}").format(message=conflict["words"], note=conflict["note"]))
    print()
    print(_("History:"))
    print_table([_("When"), _("Who"), _("What")],
                [(_("{date} {time}").format(date=medium_date(h["at"]), time=(h["at"] or "")[11:16]),
                  h["actor"], h["words"] if h["applied"] else _("{words} (not applied)").format(words=h["words"]))
                 for h in claim["history"]])
    return 0


def _payment_method(code: str | None) -> str:
    words = {"bank": _("bank transfer"), "vouchers": _("vouchers"), "charity": _("to a charity")}
    return words.get(code or "", code or "")
