"""`coprod export claims`, `coprod export statement` and `coprod import payments`: claims to finance and back.

Added to `coprod export` and `coprod import` by tui/cli/exports.py and
tui/cli/imports.py. The CSV export imports only the standard library and
store/, so a nightly script does not wait for openpyxl, pydantic or Textual.
"""

from __future__ import annotations

import argparse

from store.i18n import _

PAPER_FORMATS = ("md", "html")


def add_export_parsers(cmds, shared: argparse.ArgumentParser) -> None:
    """Add `claims` and `statement` to the `coprod export` commands."""
    from tui.cli.claims import ACTOR_VARIABLE
    from tui.cli.exports import FORMATS
    from tui.cli.papers import add_paper_options

    p = cmds.add_parser(
        "claims", parents=[shared], help=_("claim lines for finance, as CSV or XLSX"),
        description=_("Save claims for finance: one row per claim line, with the member, the meeting, the amount "
                      "(pounds with two decimals) and how it stands. Give one meeting, or a period of meeting "
                      "dates (both days included); with neither, every claim. XLSX files add a Totals sheet. With "
                      "--batch, only what is owed and not yet sent goes in: approved claims, and corrections made "
                      "after a claim was sent or paid. It is recorded as sent, so nothing is ever sent to be paid "
                      "twice."))
    p.add_argument("--meeting", metavar="ID", help=_("one meeting (its id, or its first characters)"))
    p.add_argument("--from", dest="since", metavar=_("DATE"), help=_("meetings on or after this date, e.g. 14/03/2026"))
    p.add_argument("--to", dest="until", metavar=_("DATE"), help=_("meetings on or before this date"))
    p.add_argument("--status", metavar=_("STATE"),
                   help=_("only claims in this state: draft, submitted, approved, paid, rejected or withdrawn"))
    p.add_argument("--batch", action="store_true",
                   help=_("send the approved claims and corrections not yet sent as one payment batch, and record it"))
    p.add_argument("--as", dest="actor", metavar="ID",
                   help=_("with --batch: the member of staff sending it (default: {variable})").format(
                       variable=ACTOR_VARIABLE))
    p.add_argument("--format", choices=FORMATS, help=_("csv or xlsx (default: from the file name)"))
    p.add_argument("-o", "--output", required=True, metavar=_("FILE"),
                   help=_("the file to write; an older file of that name is replaced"))
    p.set_defaults(func=export_claims)

    p = cmds.add_parser(
        "statement", parents=[shared], help=_("what a member was paid in a tax year, for them to keep"),
        description=_("A statement for one member of the fees and expenses paid to them in a UK tax year "
                      "(6 April to 5 April), in plain words, to keep or to show the Jobcentre. Printed here "
                      "unless you give a file. The HTML reads well with a screen reader, at 200% zoom, and on paper."))
    p.add_argument("--member", metavar="ID",
                   help=_("the member (their id, or its first characters; default: COPROD_MEMBER)"))
    p.add_argument("--tax-year", required=True, metavar=_("YEAR"), help=_("the tax year, for example 2026-27"))
    p.add_argument("--format", choices=PAPER_FORMATS,
                   help=_("md or html (default: from the file name; printed here as plain text)"))
    p.add_argument("-o", "--output", metavar=_("FILE"), help=_("the file to write (default: print it here)"))
    add_paper_options(p)
    p.set_defaults(func=export_statement)


def add_import_parsers(cmds, shared: argparse.ArgumentParser) -> None:
    """Add `payments` to the `coprod import` commands."""
    from tui.cli.claims import ACTOR_VARIABLE

    p = cmds.add_parser(
        "payments", parents=[shared], help=_("mark claims paid from finance's file"),
        description=_("Mark claims paid from a CSV or Excel file with a claim id, a payment reference and the date "
                      "paid on each row (the finance export with those filled in will do). A row for a claim already "
                      "paid pays the correction owed on it. If any row names an unknown claim, one that is not "
                      "approved, a paid claim with nothing owed, or has no reference or date, every such row is "
                      "listed and nothing is marked paid."))
    p.add_argument("file", metavar=_("FILE"), help=_("a CSV file or an Excel workbook (.xlsx)"))
    p.add_argument("--as", dest="actor", metavar="ID",
                   help=_("the member of staff recording the payments (default: {variable})").format(
                       variable=ACTOR_VARIABLE))
    p.set_defaults(func=import_payments)


def export_claims(args: argparse.Namespace) -> int:
    from store.errors import CoprodError, InputError
    from store.export import claims
    from store.export.files import check_target
    from store.i18n import ngettext
    from tui.cli.claims import acting_member, open_existing
    from tui.cli.exports import _DATE_OPTIONS, output_path

    target, fmt = output_path(args.output, args.format)
    check_target(target, (fmt,))
    if args.batch and args.status and args.status.strip().casefold() != "approved":
        raise CoprodError(_("A payment batch holds approved claims only. Leave out --status, or use --status approved."))
    actor = acting_member(args) if args.batch else None
    store = open_existing(args)
    try:
        try:
            scope = claims.resolve_scope(store, args.meeting, args.since, args.until, args.status)
        except InputError as exc:
            if exc.field not in _DATE_OPTIONS:
                raise
            raise CoprodError(_("{option}: {message}").format(option=_DATE_OPTIONS[exc.field],
                                                              message=exc.message)) from exc
        if args.batch:
            scope.pop("status")
            done = claims.export_batch(store, target, fmt, actor, **scope)
        else:
            writer = claims.write_csv if fmt == "csv" else claims.write_xlsx
            done = {"rows": writer(store, target, **scope)}
    finally:
        store.close()
    if not args.batch:
        rows = done["rows"]
        print(ngettext("Wrote {n} row to {path}.", "Wrote {n} rows to {path}.", rows).format(n=rows, path=target))
    elif done["batch_id"] is None:
        print(_("No approved claims or corrections are waiting to be sent for payment, so no file was written."))
    else:
        wrote = ngettext("Wrote {n} row to {path}.", "Wrote {n} rows to {path}.", done["rows"]).format(
            n=done["rows"], path=target)
        batched = ngettext("{n} claim is now in payment batch {batch}, so it will not be sent again.",
                           "{n} claims are now in payment batch {batch}, so they will not be sent again.",
                           done["claims"]).format(n=done["claims"], batch=done["batch_id"][:8])
        print(f"{wrote} {batched}")
    return 0


def export_statement(args: argparse.Namespace) -> int:
    from store.claims.rates import parse_tax_year
    from store.export.statement import export_statement as make
    from tui.cli.claims import open_existing
    from tui.cli.output import print_or_saved
    from tui.cli.papers import paper_options, paper_path

    member = _member_or_me(args.member)
    parse_tax_year(args.tax_year)  # a bad year is refused before anything is opened
    # On the terminal, plain text unless a format is asked for: Markdown's marks are read out by a screen reader.
    target, fmt = paper_path(args.output, args.format) if args.output else (None, args.format or "text")
    options = paper_options(args, fmt)
    store = open_existing(args)
    try:
        text = make(store, member, args.tax_year, fmt, target, options)
    finally:
        store.close()
    return print_or_saved(text, target, _("Wrote the statement to {path}."))


def _member_or_me(given: str | None) -> str:
    """The member a statement is for: --member, else COPROD_MEMBER (set on a member's own computer)."""
    import os

    from store.errors import CoprodError
    from tui.cli.propose import MEMBER_VARIABLE

    member = (given or os.environ.get(MEMBER_VARIABLE, "")).strip()
    if not member:
        raise CoprodError(_("Say whose statement to make: give --member, or set {variable}.").format(
            variable=MEMBER_VARIABLE))
    return member


def import_payments(args: argparse.Namespace) -> int:
    from store.i18n import ngettext
    from store.importing.payments import read_payments, write_payments
    from tui.cli.claims import acting_member, open_existing

    actor = acting_member(args)
    # Read and check the file first: a file that cannot be read never opens the database.
    plan = read_payments(args.file)
    store = open_existing(args)
    try:
        done = write_payments(store, plan, actor)
    finally:
        store.close()
    for note in plan.notes:
        print(note)
    print(ngettext("Marked {n} claim paid.", "Marked {n} claims paid.", done["paid"]).format(n=done["paid"]))
    if done["already"]:
        print(ngettext("{n} claim was already marked paid with these details.",
                       "{n} claims were already marked paid with these details.", done["already"]).format(
            n=done["already"]))
    return 0
