"""`coprod actions …`: list the network's actions, add one, and mark them done or dropped."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "actions", _("list actions and mark them done"),
                         _("List the network's actions, add one, and mark them done or dropped. Open actions come "
                           "back under matters arising at every meeting until they are done."), shared)

    p = cmds.add_parser("list", parents=[shared], help=_("list open actions"),
                        description=_("List the network's open actions by due date. An action past its due date "
                                      "says overdue."))
    p.add_argument("--owner", metavar="ID", help=_("only this person's actions (their id, or its first characters)"))
    p.add_argument("--all", action="store_true", help=_("include actions that were done or dropped"))
    p.add_argument("--format", choices=("table", "json"), default="table", help=_("table for people, json for scripts"))
    p.set_defaults(func=list_actions)

    p = cmds.add_parser("add", parents=[shared], help=_("add an action"),
                        description=_("Add an action: what needs doing, who will do it and by when. It prints the "
                                      "new action's id."))
    p.add_argument("--description", required=True, metavar=_("TEXT"), help=_("what needs doing"))
    p.add_argument("--owner", dest="owners", action="append", required=True, metavar="ID",
                   help=_("who will do it (repeat for more than one person)"))
    p.add_argument("--due", metavar=_("DATE"), help=_("the due date, for example 14/03/2026"))
    p.add_argument("--meeting", metavar="ID", help=_("the meeting it came from"))
    p.add_argument("--item", metavar="ID", help=_("the agenda item it came from"))
    p.set_defaults(func=add_action)

    for name, helptext, description in (
        ("done", _("mark an action done"), _("Mark an action done, with a note if you like.")),
        ("drop", _("drop an action, saying why"), _("Drop an action that is no longer needed. Say why in --note.")),
    ):
        p = cmds.add_parser(name, parents=[shared], help=helptext, description=description)
        p.add_argument("action", metavar="ID", help=_("the action's id (or its first characters)"))
        p.add_argument("--note", required=name == "drop", metavar=_("TEXT"),
                       help=_("what happened") if name == "done" else _("why it was dropped"))
        p.add_argument("--meeting", metavar="ID", help=_("the meeting where this was agreed, if any"))
        p.set_defaults(func=close_action, status="done" if name == "done" else "dropped")


def _public(action: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "description", "due_date", "status", "status_note", "overdue", "created_at", "closed_at",
            "meeting_id", "meeting_title", "meeting_date", "item_id", "item_title")
    out = {k: action[k] for k in keep}
    out["owners"] = [{"id": o["id"], "name": o["name"]} for o in action["owners"]]
    return out


def list_actions(args: argparse.Namespace) -> int:
    from store import actions
    from store.action_history import all_actions
    from store.export.action_lines import status_words
    from store.export.words import medium_date
    from store.i18n import ngettext
    from tui.cli import open_db
    from tui.cli.output import print_json, print_table

    store = open_db(args)
    try:
        if args.all:
            rows = all_actions(store, args.owner)
        else:
            rows = actions.open_actions(store, owner_id=args.owner, limit=-1)
    finally:
        store.close()
    if args.format == "json":
        print_json([_public(a) for a in rows])
        return 0
    if not rows:
        print(_("There are no actions to list.") if args.all else _("There are no open actions."))
        return 0
    print_table(
        [_("What needs doing"), _("Who"), _("Due"), _("State"), _("From"), _("Id")],
        [(a["description"], ", ".join(o["name"] for o in a["owners"]), medium_date(a["due_date"]),
          status_words(a["status"], None, a["overdue"]),
          _("{meeting}, {date}").format(meeting=a["meeting_title"], date=medium_date(a["meeting_date"]))
          if a["meeting_title"] else "", a["id"]) for a in rows],
    )
    still_open = sum(1 for a in rows if a["status"] == "open")
    overdue = sum(1 for a in rows if a["overdue"])
    print(ngettext("{n} open action, {overdue} overdue.", "{n} open actions, {overdue} overdue.",
                   still_open).format(n=still_open, overdue=overdue))
    return 0


def add_action(args: argparse.Namespace) -> int:
    from store import actions
    from tui.cli import open_db

    store = open_db(args)
    try:
        action_id, warnings = actions.add_action(store, {
            "description": args.description, "owners": args.owners, "due_date": args.due,
            "meeting_id": args.meeting, "item_id": args.item,
        })
    finally:
        store.close()
    print(action_id)
    for warning in warnings:
        print(_("coprod: {message}").format(message=warning), file=sys.stderr)
    return 0


def close_action(args: argparse.Namespace) -> int:
    from store import actions
    from tui.cli import open_db

    store = open_db(args)
    try:
        actions.close_action(store, args.action, args.status, args.note or "", args.meeting)
        action = actions.get_action(store, args.action)
    finally:
        store.close()
    if args.status == "done":
        print(_("Marked done: {description}").format(description=action["description"]))
    else:
        print(_("Dropped: {description}").format(description=action["description"]))
    return 0
