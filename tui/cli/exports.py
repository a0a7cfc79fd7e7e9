"""`coprod export …`: attendance as CSV or XLSX.

The CSV path imports only the standard library and store/: a script that
exports every night should not wait for openpyxl, pydantic or Textual.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from store.i18n import _
from tui.cli.output import command_group

FORMATS = ("csv", "xlsx")
# The option each date of the period comes from, for messages about a bad date.
_DATE_OPTIONS = {"from": "--from", "to": "--to"}


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "export", _("save records as files for other people"),
                         _("Save records as CSV or Excel files, and papers such as minutes as HTML or Markdown."),
                         shared)
    p = cmds.add_parser(
        "attendance", parents=[shared], help=_("attendance for a meeting or a period"),
        description=_("Save attendance: one row per person per meeting. Give one meeting, or a period "
                      "(both days included); with neither, every meeting is included. CSV files are plain "
                      "UTF-8 with codes, for other programs; XLSX files add a summary sheet and open "
                      "well in Excel."))
    p.add_argument("--meeting", metavar="ID", help=_("one meeting (its id, or its first characters)"))
    p.add_argument("--from", dest="since", metavar=_("DATE"),
                   help=_("meetings on or after this date, for example 14/03/2026"))
    p.add_argument("--to", dest="until", metavar=_("DATE"), help=_("meetings on or before this date"))
    p.add_argument("--format", choices=FORMATS, help=_("csv or xlsx (default: from the file name)"))
    p.add_argument("-o", "--output", required=True, metavar=_("FILE"),
                   help=_("the file to write; an older file of that name is replaced"))
    p.set_defaults(func=export_attendance)

    from tui.cli import access_needs, claim_files, papers

    papers.add_parsers(cmds, shared)
    claim_files.add_export_parsers(cmds, shared)
    access_needs.add_parsers(cmds, shared)


def output_path(output: str, fmt: str | None) -> tuple[Path, str]:
    """Return the file to write and its format, from -o and --format.

    A name without the format's ending gets it added ("March" → "March.csv",
    "2026.03" → "2026.03.csv"): replacing what follows a dot could lose part
    of the name. A name ending in the other format contradicts --format.
    """
    from store.errors import CoprodError

    target = Path(output).expanduser()
    ending = target.suffix.lower().lstrip(".")
    fmt = fmt or ending
    if fmt not in FORMATS:
        raise CoprodError(_("Give --format csv or xlsx, or a file name ending .csv or .xlsx."))
    if ending in FORMATS and ending != fmt:
        raise CoprodError(_("The file name ends .{ending} but the format is {format}. Make them match.").format(
            ending=ending, format=fmt))
    if ending != fmt:
        target = target.with_name(f"{target.name}.{fmt}")
    return target, fmt


def export_attendance(args: argparse.Namespace) -> int:
    from store.errors import CoprodError, InputError
    from store.export import attendance
    from store.export.files import check_target
    from store.i18n import ngettext
    from tui.cli import open_db

    target, fmt = output_path(args.output, args.format)
    # Say what is wrong with the file name before touching the database.
    check_target(target, (fmt,))
    _require_database(args)
    store = open_db(args)
    try:
        try:
            scope = attendance.resolve_scope(store, args.meeting, args.since, args.until)
        except InputError as exc:
            if exc.field not in _DATE_OPTIONS:
                raise
            raise CoprodError(_("{option}: {message}").format(option=_DATE_OPTIONS[exc.field],
                                                              message=exc.message)) from exc
        writer = attendance.write_csv if fmt == "csv" else attendance.write_xlsx
        rows = writer(store, target, **scope)
    finally:
        store.close()
    print(ngettext("Wrote {n} row to {path}.", "Wrote {n} rows to {path}.", rows).format(n=rows, path=target))
    return 0


def _require_database(args: argparse.Namespace) -> None:
    # Opening a missing file would create an empty database and export nothing:
    # a mistyped --db should say so instead.
    from store.db import default_path
    from store.errors import CoprodError

    path = Path(args.db).expanduser() if args.db else default_path()
    if not path.is_file():
        raise CoprodError(_("There is no database at {path}. Check --db or COPROD_DB.").format(path=path))
