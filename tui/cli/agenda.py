"""`coprod agenda …`: show a meeting's running order and proposals; accept, decline, defer or merge items.

For scripting and for anyone who prefers the command line; the agenda screen
does the same through the same store commands.
"""

from __future__ import annotations

import argparse
from typing import Any

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "agenda", _("show and decide a meeting's agenda"),
                         _("Show a meeting's running order and the proposals waiting, and accept, decline, move "
                           "or join items."), shared)

    p = cmds.add_parser("show", parents=[shared], help=_("show the running order and the proposals waiting"),
                        description=_("Show the running order (place, item, who proposed it, minutes), the total "
                                      "time against the meeting's length, and the proposals waiting for a decision."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--format", choices=("table", "json"), default="table", help=_("table for people, json for scripts"))
    p.set_defaults(func=show_agenda)

    p = cmds.add_parser("accept", parents=[shared], help=_("put a proposal on the running order"),
                        description=_("Put a proposal on the running order, last before any other business."))
    p.add_argument("item", metavar="ITEM", help=_("the item's id (or its first characters)"))
    p.add_argument("--minutes", metavar="N", help=_("the minutes it is given (default: the minutes asked for)"))
    p.set_defaults(func=accept)

    p = cmds.add_parser("decline", parents=[shared], help=_("decline a proposal, saying why"),
                        description=_("Decline a proposal. The reason is kept and shown to the member."))
    p.add_argument("item", metavar="ITEM", help=_("the item's id (or its first characters)"))
    p.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why, in words the member will read"))
    p.set_defaults(func=decline)

    p = cmds.add_parser("defer", parents=[shared], help=_("move an item to a later meeting"),
                        description=_("Move an item to a later meeting, which decides on it again."))
    p.add_argument("item", metavar="ITEM", help=_("the item's id (or its first characters)"))
    p.add_argument("--to", dest="to_meeting", required=True, metavar=_("MEETING"),
                   help=_("the later meeting (its id, or its first characters)"))
    p.set_defaults(func=defer)

    p = cmds.add_parser("merge", parents=[shared], help=_("join a duplicate into another item"),
                        description=_("Join a duplicate item into another item on the same agenda. Both "
                                      "proposers are kept."))
    p.add_argument("item", metavar="ITEM", help=_("the duplicate item's id (or its first characters)"))
    p.add_argument("--into", required=True, metavar="ITEM", help=_("the item it joins"))
    p.set_defaults(func=merge)


def _proposers(item: dict[str, Any]) -> str:
    return ", ".join(p["name"] for p in item["proposers"])


def _heading(meeting: dict[str, Any]) -> str:
    from store import vocab
    from store.export.words import meeting_when

    return _("{title}, {when} ({status})").format(
        title=meeting["title"], when=meeting_when(meeting),
        status=vocab.label(vocab.MEETING_STATUSES, meeting["status"]).lower())


def _total_line(view: dict[str, Any]) -> str:
    total, length = view["total_minutes"], view["meeting_minutes"]
    if length is None:
        return _("Total: {total} minutes. The meeting has no start and end time to check it against.").format(
            total=total)
    if view["overrun"]:
        return _("Over time: the items add up to {total} minutes, but the meeting is {length} minutes long. "
                 "Take off {over} minutes.").format(total=total, length=length, over=total - length)
    return _("Total: {total} minutes of {length}.").format(total=total, length=length)


def _what_happened(item: dict[str, Any]) -> str:
    from store.export.words import medium_date

    if item["status"] == "declined":
        return _("Declined: {reason}").format(reason=" ".join((item["decline_reason"] or "").split()))
    if item["status"] == "deferred":
        return _("Moved to {meeting} on {date}").format(meeting=item["deferred_to_title"] or "",
                                                        date=medium_date(item["deferred_to_date"]))
    if item["status"] == "merged":
        return _("Joined with {title}").format(title=item["merged_into_title"] or "")
    return item["status"]


def show_agenda(args: argparse.Namespace) -> int:
    from store import agenda, vocab
    from store.i18n import ngettext
    from tui.cli import open_db
    from tui.cli.output import print_json, print_table

    store = open_db(args)
    try:
        view = agenda.agenda(store, args.meeting)
    finally:
        store.close()
    if args.format == "json":
        print_json({key: view[key] for key in ("meeting", "order", "proposals", "other", "total_minutes",
                                               "meeting_minutes", "overrun", "matters_arising_count")})
        return 0
    print(_heading(view["meeting"]))
    print()
    print(_("Running order:"))
    print_table([_("Place"), _("Item"), _("Proposed by"), _("Minutes allowed"), _("Id")],
                [(n, i["display_title"], _proposers(i), i["minutes_shown"], i["id"])
                 for n, i in enumerate(view["order"], start=1)])
    print(_total_line(view))
    count = view["matters_arising_count"]
    if count:
        print(ngettext("Matters arising: {n} open action from earlier meetings.",
                       "Matters arising: {n} open actions from earlier meetings.", count).format(n=count))
    print()
    waiting = view["proposals"]
    if waiting:
        print(ngettext("Waiting for a decision: {n} proposal.", "Waiting for a decision: {n} proposals.",
                       len(waiting)).format(n=len(waiting)))
        print_table([_("Item"), _("Proposed by"), _("Minutes asked"), _("Kind"), _("Id")],
                    [(i["display_title"], _proposers(i), i["minutes_asked"], vocab.label(vocab.ITEM_KINDS, i["kind"]),
                      i["id"]) for i in waiting])
    else:
        print(_("No proposals are waiting for a decision."))
    if view["other"]:
        print()
        print(_("Not on the agenda:"))
        print_table([_("Item"), _("Proposed by"), _("What happened"), _("Id")],
                    [(i["display_title"], _proposers(i), _what_happened(i), i["id"]) for i in view["other"]])
    return 0


def _title(store, item_id: str) -> str:
    from store import agenda

    return agenda.item_title(agenda.get_item(store.conn, item_id))


def accept(args: argparse.Namespace) -> int:
    from store import agenda
    from store.export.words import minutes_text
    from tui.cli import open_db

    store = open_db(args)
    try:
        agenda.accept(store, args.item, args.minutes)
        item = agenda.get_item(store.conn, args.item)
    finally:
        store.close()
    print(_("Accepted: {title}, with {minutes}.").format(title=agenda.item_title(item),
                                                         minutes=minutes_text(item["minutes_allowed"])))
    return 0


def decline(args: argparse.Namespace) -> int:
    from store import agenda
    from tui.cli import open_db

    store = open_db(args)
    try:
        agenda.decline(store, args.item, args.reason)
        title = _title(store, args.item)
    finally:
        store.close()
    print(_("Declined: {title}. The member will see your reason.").format(title=title))
    return 0


def defer(args: argparse.Namespace) -> int:
    from store import agenda
    from store.export.words import long_date
    from tui.cli import open_db

    store = open_db(args)
    try:
        carried = agenda.defer(store, args.item, args.to_meeting)
        title = _title(store, args.item)
        target = agenda.get_meeting_row(store.conn, agenda.get_item(store.conn, carried)["meeting_id"])
    finally:
        store.close()
    print(_("Moved {title} to {meeting} on {date}. That meeting will decide on it.").format(
        title=title, meeting=target["title"], date=long_date(target["date"])))
    return 0


def merge(args: argparse.Namespace) -> int:
    from store import agenda
    from tui.cli import open_db

    store = open_db(args)
    try:
        agenda.merge(store, args.item, args.into)
        title, into = _title(store, args.item), _title(store, args.into)
    finally:
        store.close()
    print(_("Joined {title} with {other}. Both proposers are kept.").format(title=title, other=into))
    return 0
