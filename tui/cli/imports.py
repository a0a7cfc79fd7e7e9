"""`coprod import …`: bring members, or agenda proposals, in from a spreadsheet."""

from __future__ import annotations

import argparse
import sys

from store.i18n import _, ngettext
from tui.cli.output import command_group

# A screen reader reads every line out; past this many, the rest are counted, not listed.
MAX_PROBLEMS_SHOWN = 100


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "import", _("bring members, proposals or payments in from a spreadsheet"),
                         _("Bring records in from a CSV file or an Excel workbook."), shared)
    p = cmds.add_parser(
        "members", parents=[shared], help=_("add or update members from a CSV or Excel file"),
        description=_("Add new members and update the ones coprod already has (matched by email, else by "
                      "name and organisation). Nothing is imported if any row has a problem, unless you "
                      "use --skip-invalid. A blank cell leaves what coprod holds alone."),
    )
    p.add_argument("file", metavar=_("FILE"), help=_("a CSV file or an Excel workbook (.xlsx)"))
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("import the rows that are fine and list the others, instead of importing nothing"))
    p.set_defaults(func=import_members)

    p = cmds.add_parser(
        "proposals", parents=[shared], help=_("add agenda proposals from a CSV or Excel file"),
        description=_("Add agenda proposals, one a row, as gathered by an online form or by email. Columns: "
                      "Title, Meeting (its date or id), Proposer (a member's exact name) or Email, and if you "
                      "like Kind, Minutes, Summary and Details. Nothing is imported if any row has a problem, "
                      "unless you use --skip-invalid. A proposal coprod already has is left as it is."),
    )
    p.add_argument("file", metavar=_("FILE"), help=_("a CSV file or an Excel workbook (.xlsx)"))
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("import the rows that are fine and list the others, instead of importing nothing"))
    p.set_defaults(func=import_proposals)

    from tui.cli import claim_files

    claim_files.add_import_parsers(cmds, shared)


def import_members(args: argparse.Namespace) -> int:
    from store.importing.members import read_members, write_members
    from tui.cli import open_db

    # Read and check the file first: a file that cannot be read never creates a database.
    plan = read_members(args.file)
    result = write_members(open_db(args), plan, skip_invalid=args.skip_invalid)
    for note in result.notes:
        print(note)
    if not result.written:
        count = len(result.errors)
        print(ngettext("{n} row has a problem:", "{n} rows have problems:", count).format(n=count), file=sys.stderr)
        _print_problems(result.errors)
        print(_("Nothing was imported. Fix these rows and import the file again, or use --skip-invalid "
                "to import the other rows."), file=sys.stderr)
        return 1
    print(ngettext("Added {created} member, updated {updated}, {unchanged} unchanged.",
                   "Added {created} members, updated {updated}, {unchanged} unchanged.",
                   result.created).format(created=result.created, updated=result.updated,
                                          unchanged=result.unchanged))
    if result.errors:
        count = len(result.errors)
        print(ngettext("Skipped {n} row:", "Skipped {n} rows:", count).format(n=count), file=sys.stderr)
        _print_problems(result.errors)
    # Asked to skip bad rows, the import succeeded if it kept any; every row bad is still a failure.
    kept = result.created + result.updated + result.unchanged
    return 0 if kept or not result.errors else 1


def import_proposals(args: argparse.Namespace) -> int:
    from store.importing.proposals import read_proposals, write_proposals
    from tui.cli import open_db

    plan = read_proposals(args.file)
    store = open_db(args)
    try:
        result = write_proposals(store, plan, skip_invalid=args.skip_invalid)
    finally:
        store.close()
    for note in result.notes:
        print(note)
    if not result.written:
        count = len(result.errors)
        print(ngettext("{n} row has a problem:", "{n} rows have problems:", count).format(n=count), file=sys.stderr)
        _print_problems(result.errors)
        print(_("Nothing was imported. Fix these rows and import the file again, or use --skip-invalid "
                "to import the other rows."), file=sys.stderr)
        return 1
    for row, title in result.already[:MAX_PROBLEMS_SHOWN]:
        print(_("Row {row}: already there: {title}").format(row=row, title=title))
    print(ngettext("Added {created} proposal, {already} already there.",
                   "Added {created} proposals, {already} already there.",
                   result.created).format(created=result.created, already=len(result.already)))
    if result.errors:
        count = len(result.errors)
        print(ngettext("Skipped {n} row:", "Skipped {n} rows:", count).format(n=count), file=sys.stderr)
        _print_problems(result.errors)
    return 0 if result.created or result.already or not result.errors else 1


def _print_problems(errors: list[tuple[int, str]]) -> None:
    for row, message in errors[:MAX_PROBLEMS_SHOWN]:
        print(_("Row {row}: {message}").format(row=row, message=message), file=sys.stderr)
    hidden = len(errors) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        print(ngettext("…and {n} more problem.", "…and {n} more problems.", hidden).format(n=hidden),
              file=sys.stderr)
