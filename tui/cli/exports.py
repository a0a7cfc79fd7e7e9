"""`coprod export …`: attendance as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "export", _("save records as files for other people"),
                         _("Save records as CSV or Excel files."), shared)
    p = cmds.add_parser("attendance", parents=[shared], help=_("attendance for a meeting or a period"),
                        description=_("Save attendance: one row per person per meeting. With no meeting or "
                                      "period, every meeting is included."))
    p.add_argument("--meeting", metavar="ID", help=_("one meeting (its id, or its first characters)"))
    p.add_argument("--from", dest="since", metavar=_("DATE"), help=_("meetings on or after this date"))
    p.add_argument("--to", dest="until", metavar=_("DATE"), help=_("meetings on or before this date"))
    p.add_argument("--format", choices=("csv", "xlsx"), help=_("csv or xlsx (default: from the file name)"))
    p.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the file to write"))
    p.set_defaults(func=export_attendance)


def export_attendance(args: argparse.Namespace) -> int:
    from store.errors import CoprodError
    from store.export import attendance
    from tui.cli import open_db

    target = Path(args.output).expanduser()
    fmt = args.format or target.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise CoprodError(_("Give --format csv or xlsx, or a file name ending .csv or .xlsx."))
    if target.suffix.lower() != "." + fmt:
        target = target.with_name(target.name + "." + fmt) if not target.suffix else target.with_suffix("." + fmt)
    store = open_db(args)
    scope = attendance.resolve_scope(store, args.meeting, args.since, args.until)
    writer = attendance.write_csv if fmt == "csv" else attendance.write_xlsx
    rows = writer(store, target, **scope)
    print(_("Wrote {n} rows to {path}.").format(n=rows, path=target))
    return 0
