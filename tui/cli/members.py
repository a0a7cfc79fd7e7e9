"""`coprod members …`: list, show, add, edit and deactivate members."""

from __future__ import annotations

import argparse

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "members", _("list and change members"),
                         _("List, show, add, edit and deactivate members."), shared)

    p = cmds.add_parser("list", parents=[shared], help=_("list members"), description=_("List members by name."))
    p.add_argument("--format", choices=("table", "json"), default="table", help=_("table for people, json for scripts"))
    p.add_argument("--search", default="", metavar=_("TEXT"), help=_("only members whose name, organisation or email has TEXT"))
    p.add_argument("--all", action="store_true", help=_("include inactive members and guests"))
    p.set_defaults(func=list_members)

    p = cmds.add_parser("show", parents=[shared], help=_("show one member"), description=_("Show one member."))
    p.add_argument("member", metavar="ID", help=_("the member's id (or its first characters)"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=show_member)

    for name, helptext in (("add", _("add a member")), ("edit", _("change a member's details"))):
        p = cmds.add_parser(name, parents=[shared], help=helptext, description=helptext)
        if name == "edit":
            p.add_argument("member", metavar="ID", help=_("the member's id (or its first characters)"))
        p.add_argument("--name", required=name == "add")
        p.add_argument("--organisation", help=_("the organisation's name (made if new)"))
        p.add_argument("--type", dest="member_type", help=_("uses services, carer, organisation rep, staff, trustee"))
        p.add_argument("--email")
        p.add_argument("--phone")
        p.add_argument("--contact", dest="preferred_channel", help=_("email, phone, text, post or in person"))
        p.add_argument("--need", dest="needs", action="append", metavar=_("KIND[:NOTE]"),
                       help=_("an access need, such as 'BSL interpreter' or 'Dietary needs:vegan' (repeat for more)"))
        p.add_argument("--payment", dest="payment_preference", help=_("the payment preference"))
        p.add_argument("--fee-cap", dest="fee_cap", metavar=_("AMOUNT"),
                       help=_("the most they are paid for one meeting, for a reduced fee, such as 20.00"))
        p.add_argument("--paid-by-employer", dest="paid_by_employer", choices=("yes", "no"))
        p.add_argument("--consent-date", dest="consent_date", metavar=_("DATE"))
        p.set_defaults(func=add_member if name == "add" else edit_member)

    for name, helptext in (("deactivate", _("take a member off new registers")),
                           ("reactivate", _("put a member back on registers"))):
        p = cmds.add_parser(name, parents=[shared], help=helptext, description=helptext)
        p.add_argument("member", metavar="ID")
        p.set_defaults(func=set_active, active=name == "reactivate")


def _fields(args: argparse.Namespace) -> dict:
    data = {}
    for key in ("name", "organisation", "member_type", "email", "phone", "preferred_channel",
                "payment_preference", "consent_date"):
        value = getattr(args, key, None)
        if value is not None:
            data[key] = value
    if getattr(args, "fee_cap", None) is not None:
        from store.money import parse_pence

        data["fee_cap_pence"] = parse_pence(args.fee_cap, "fee_cap_pence")
    if getattr(args, "paid_by_employer", None) is not None:
        data["paid_by_employer"] = args.paid_by_employer == "yes"
    if getattr(args, "needs", None):
        data["access_needs"] = [
            {"kind": kind.strip(), "note": note.strip()}
            for kind, _sep, note in (need.partition(":") for need in args.needs)
        ]
    return data


def _public(member: dict) -> dict:
    return {k: member[k] for k in (
        "id", "name", "organisation", "member_type", "email", "phone", "preferred_channel", "access_needs",
        "payment_preference", "fee_cap_pence", "paid_by_employer", "consent_date", "active")}


def list_members(args: argparse.Namespace) -> int:
    from store import members, vocab
    from tui.cli import open_db
    from tui.cli.output import print_json, print_table

    store = open_db(args)
    rows = members.search_members(store, args.search, limit=-1, include_inactive=args.all)
    if args.format == "json":
        print_json([_public(m) for m in rows])
        return 0
    print_table(
        [_("Id"), _("Name"), _("Organisation"), _("Type"), _("Access needs")],
        [(m["id"], m["name"], m["organisation"], vocab.label(vocab.MEMBER_TYPES, m["member_type"]),
          ", ".join(vocab.label(vocab.ACCESS_NEEDS, n["kind"]) for n in m["access_needs"])) for m in rows],
    )
    return 0


def show_member(args: argparse.Namespace) -> int:
    from store import members, vocab
    from tui.cli import open_db
    from tui.cli.output import print_json

    member = members.get_member(open_db(args), args.member)
    if args.format == "json":
        print_json(_public(member))
        return 0
    needs = "; ".join(
        vocab.label(vocab.ACCESS_NEEDS, n["kind"]) + (f" ({n['note']})" if n["note"] else "")
        for n in member["access_needs"]
    )
    lines = [
        (_("Name"), member["name"]),
        (_("Id"), member["id"]),
        (_("Organisation"), member["organisation"] or ""),
        (_("Type"), vocab.label(vocab.MEMBER_TYPES, member["member_type"])),
        (_("Email"), member["email"] or ""),
        (_("Phone"), member["phone"] or ""),
        (_("Preferred contact"), vocab.label(vocab.CHANNELS, member["preferred_channel"])),
        (_("Access needs"), needs or _("None recorded")),
        (_("Payment preference"), vocab.label(vocab.PAYMENT_PREFERENCES, member["payment_preference"])),
        (_("Paid by employer"), _("Yes") if member["paid_by_employer"] else _("No")),
        (_("Consent date"), member["consent_date"] or _("Not recorded")),
        (_("Active"), _("Yes") if member["active"] else _("No")),
    ]
    for key, value in lines:
        print(f"{key}: {value}")
    return 0


def add_member(args: argparse.Namespace) -> int:
    from store import members
    from tui.cli import open_db

    fields = _fields(args)  # bad input is refused before any file is opened
    member_id = members.add_member(open_db(args), fields)
    print(member_id)
    return 0


def edit_member(args: argparse.Namespace) -> int:
    from store import members
    from tui.cli import open_db

    fields = _fields(args)
    members.update_member(open_db(args), args.member, fields)
    print(_("Saved."))
    return 0


def set_active(args: argparse.Namespace) -> int:
    from store import members
    from tui.cli import open_db

    store = open_db(args)
    members.set_active(store, args.member, args.active)
    member = members.get_member(store, args.member)
    message = _("{name} is back on registers.") if args.active else _("{name} is off new registers.")
    print(message.format(name=member["name"]))
    return 0
