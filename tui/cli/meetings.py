"""`coprod meetings …`: list, add, edit, open, close and reopen meetings."""

from __future__ import annotations

import argparse

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "meetings", _("list and change meetings"),
                         _("List, add, edit, open, close and reopen meetings."), shared)

    p = cmds.add_parser("list", parents=[shared], help=_("list meetings"), description=_("List meetings by date."))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--from", dest="since", metavar=_("DATE"), help=_("from this date"))
    p.add_argument("--to", dest="until", metavar=_("DATE"), help=_("up to this date"))
    p.set_defaults(func=list_meetings)

    p = cmds.add_parser("show", parents=[shared], help=_("show a meeting and its register counts"))
    p.add_argument("meeting", metavar="ID")
    p.set_defaults(func=show_meeting)

    for name in ("add", "edit"):
        p = cmds.add_parser(name, parents=[shared], help=_("add a meeting") if name == "add" else _("change a meeting"))
        if name == "edit":
            p.add_argument("meeting", metavar="ID")
        p.add_argument("--title", required=name == "add")
        p.add_argument("--date", required=name == "add", metavar=_("DATE"), help=_("day/month/year"))
        p.add_argument("--start", dest="start_time", metavar=_("TIME"), help=_("hours:minutes"))
        p.add_argument("--end", dest="end_time", metavar=_("TIME"))
        p.add_argument("--kind", help=_("network, steering, project or other"))
        p.add_argument("--mode", help=_("in person, remote or hybrid"))
        p.add_argument("--venue")
        p.set_defaults(func=add_meeting if name == "add" else edit_meeting)

    for name, helptext in (("open", _("open a meeting to take its register")), ("reopen", _("reopen a closed meeting"))):
        p = cmds.add_parser(name, parents=[shared], help=helptext)
        p.add_argument("meeting", metavar="ID")
        p.set_defaults(func=open_meeting)

    p = cmds.add_parser("close", parents=[shared], help=_("close a meeting"))
    p.add_argument("meeting", metavar="ID")
    p.add_argument("--mark-absent", action="store_true", help=_("mark everyone not yet marked as absent"))
    p.set_defaults(func=close_meeting)


def _fields(args: argparse.Namespace) -> dict:
    return {k: getattr(args, k) for k in ("title", "date", "start_time", "end_time", "kind", "mode", "venue")
            if getattr(args, k, None) is not None}


def list_meetings(args: argparse.Namespace) -> int:
    from store import meetings, vocab
    from store.dates import parse_date
    from tui.cli import open_db
    from tui.cli.output import print_json, print_table

    since = parse_date(args.since, "from") if args.since else None
    until = parse_date(args.until, "to") if args.until else None
    rows = meetings.list_meetings(open_db(args), since, until)
    if args.format == "json":
        print_json(rows)
        return 0
    print_table(
        [_("Id"), _("Date"), _("Time"), _("Title"), _("Kind"), _("Status")],
        [(m["id"], m["date"], "–".join(t for t in (m["start_time"], m["end_time"]) if t), m["title"],
          vocab.label(vocab.MEETING_KINDS, m["kind"]), vocab.label(vocab.MEETING_STATUSES, m["status"])) for m in rows],
    )
    return 0


def show_meeting(args: argparse.Namespace) -> int:
    from store import attendance, meetings, vocab
    from tui.cli import open_db
    from tui.format import long_date, time_span

    store = open_db(args)
    m = meetings.get_meeting(store, args.meeting)
    c = attendance.counts(store, m["id"])
    print(f"{m['title']}")
    when = " ".join(part for part in (long_date(m["date"]), time_span(m)) if part)
    print(_("Date: {date}").format(date=when))
    print(_("Status: {status}").format(status=vocab.label(vocab.MEETING_STATUSES, m["status"])))
    print(_("Present {present}, apologies {apologies}, absent {absent}, not marked {unmarked}.").format(**c))
    return 0


def add_meeting(args: argparse.Namespace) -> int:
    from store import meetings
    from tui.cli import open_db

    print(meetings.create_meeting(open_db(args), _fields(args)))
    return 0


def edit_meeting(args: argparse.Namespace) -> int:
    from store import meetings
    from tui.cli import open_db

    meetings.update_meeting(open_db(args), args.meeting, _fields(args))
    print(_("Saved."))
    return 0


def open_meeting(args: argparse.Namespace) -> int:
    from store import meetings
    from tui.cli import open_db

    meetings.set_status(open_db(args), args.meeting, "open")
    print(_("The meeting is open."))
    return 0


def close_meeting(args: argparse.Namespace) -> int:
    from store import attendance
    from tui.cli import open_db

    store = open_db(args)
    marked = attendance.close_meeting(store, args.meeting, mark_absent=args.mark_absent)
    if args.mark_absent:
        print(_("The meeting is closed. {n} people marked absent.").format(n=marked))
    else:
        print(_("The meeting is closed."))
    return 0
