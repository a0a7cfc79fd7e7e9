"""`coprod claims start|draft|add-expense|add-fee|remove-line|submit|send-back|approve|reject|pay|withdraw|correct`.

Each command is one store command (one transaction): a refusal prints one
line, `coprod: <why>`, exits 1 and writes nothing. After a change the claim
is read back and summed up in a sentence, with any warnings on it, since
warnings never block a claim but must never be missed.
"""

from __future__ import annotations

import argparse
from typing import Any

from store.i18n import _

def add_parsers(cmds, shared: argparse.ArgumentParser, acting: argparse.ArgumentParser) -> None:
    """Add the commands that change claims to `coprod claims`."""
    parents = [shared, acting]
    p = cmds.add_parser("start", parents=parents, help=_("start an empty claim for someone who was there"),
                        description=_("Start an empty draft claim for a member marked present at a meeting, for "
                                      "their expenses. Prints the new claim's id."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--member", required=True, metavar="ID", help=_("the member (their id, or its first characters)"))
    p.set_defaults(func=start_claim)

    p = cmds.add_parser("draft", parents=parents, help=_("draft claims for everyone present at a meeting"),
                        description=_("Draft a claim for each person marked present, with fees from the rate card "
                                      "and their payment preference. Anyone who already has a claim is left alone, "
                                      "so this can be run again."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--prep-hours", metavar="N", help=_("hours of preparation to pay each person, for example 1.5"))
    p.set_defaults(func=draft_claims)

    p = cmds.add_parser("add-expense", parents=parents, help=_("add an expense to a draft claim"),
                        description=_("Add an expense: an amount, or miles for a journey (coprod works out mileage "
                                      "at the rate card's rates), or a quantity at a rate. Keep the receipt's "
                                      "reference and file for everything but mileage."))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("--category", required=True, metavar=_("KIND"),
                   help=_("rail_bus, taxi, car, motorcycle, bicycle, parking, accommodation, subsistence, care, "
                          "support_worker, phone_internet or other"))
    p.add_argument("--amount", metavar=_("MONEY"), help=_("what it cost, for example 12.50"))
    p.add_argument("--miles", metavar="N", help=_("miles travelled, for car, motorcycle or bicycle"))
    p.add_argument("--passengers", metavar="N", help=_("passengers carried in the car"))
    p.add_argument("--quantity", metavar="N", help=_("how many (hours, nights), with --rate"))
    p.add_argument("--rate", metavar=_("MONEY"), help=_("the cost of one, with --quantity"))
    p.add_argument("--date", dest="line_date", metavar=_("DATE"), help=_("the day of the cost (default: the meeting's)"))
    p.add_argument("--receipt", dest="receipt_ref", metavar=_("REF"), help=_("the receipt's reference"))
    p.add_argument("--file", dest="receipt_path", metavar=_("PATH"), help=_("where the receipt's file is kept"))
    p.add_argument("--prior-approval", action="store_true",
                   help=_("the cost was agreed beforehand (taxis, accommodation, support workers)"))
    p.add_argument("--note", metavar=_("TEXT"), help=_("anything finance should know"))
    p.set_defaults(func=add_expense)

    p = cmds.add_parser("add-fee", parents=parents, help=_("add a fee to a draft claim by hand"))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("--category", required=True, metavar=_("KIND"), help=_("hours, half_day, day, prep or chairing"))
    p.add_argument("--hours", metavar="N", help=_("hours, for hours or prep"))
    p.add_argument("--note", metavar=_("TEXT"), help=_("anything finance should know"))
    p.set_defaults(func=add_fee)

    p = cmds.add_parser("remove-line", parents=parents, help=_("take a line off a draft claim"))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("line", metavar=_("LINE"), help=_("the line's id, as `coprod claims show` gives it"))
    p.set_defaults(func=remove_line)

    steps = (
        ("submit", _("send a draft claim for approval"), ()),
        ("approve", _("approve a claim (staff who are not its claimant or submitter)"), ()),
        ("send-back", _("send a claim back for changes, saying why"), ("reason",)),
        ("reject", _("reject a claim, saying why"), ("reason",)),
        ("pay", _("record that finance paid a claim"), ("reference", "paid_on")),
        ("withdraw", _("withdraw a draft or submitted claim"), ("optional_reason",)),
    )
    for name, helptext, needs in steps:
        p = cmds.add_parser(name, parents=parents, help=helptext, description=helptext[:1].upper() + helptext[1:] + ".")
        p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
        if "reason" in needs:
            p.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why, in words the member will read"))
        if "optional_reason" in needs:
            p.add_argument("--reason", metavar=_("TEXT"), help=_("why, if you like"))
        if "reference" in needs:
            p.add_argument("--reference", required=True, metavar=_("REF"), help=_("finance's payment reference"))
            p.add_argument("--paid-on", required=True, metavar=_("DATE"), help=_("the day it was paid, e.g. 14/03/2026"))
        p.set_defaults(func=take_step, step=name)

    p = cmds.add_parser("correct", parents=parents, help=_("correct an approved or paid claim"),
                        description=_("Correct an approved or paid claim with money on or off (a minus amount takes "
                                      "money off). The claim itself is never edited: the correction is a new line."))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("--kind", required=True, choices=("fee", "expense"), help=_("a fee or an expense"))
    p.add_argument("--category", required=True, metavar=_("KIND"), help=_("the kind of fee or expense"))
    p.add_argument("--amount", required=True, metavar=_("MONEY"), help=_("for example 2.40, or -2.40 to take off"))
    p.add_argument("--note", required=True, metavar=_("TEXT"), help=_("why, in words the member will read"))
    p.set_defaults(func=correct_claim)


def _claim(store, claim_id: str) -> dict[str, Any]:
    from store.claims.queries import get_claim

    return get_claim(store, claim_id)


def _print_warnings(warnings: list[dict[str, Any]]) -> None:
    for warning in warnings:
        print(_("Warning: {message}").format(message=warning["message"]))


def start_claim(args: argparse.Namespace) -> int:
    from store.claims.drafting import create_claim
    from tui.cli.claims import acting_member, open_existing

    actor = acting_member(args)
    store = open_existing(args)
    try:
        claim_id = create_claim(store, args.meeting, args.member, actor)
        claim = _claim(store, claim_id)
    finally:
        store.close()
    print(_("Started a claim for {name}: {id}").format(name=claim["member_name"], id=claim_id))
    return 0


def draft_claims(args: argparse.Namespace) -> int:
    from store.claims.drafting import draft_from_register, draft_result_lines
    from store.claims.queries import meeting_claims
    from store.claims.words import money
    from tui.cli.claims import acting_member, open_existing
    from tui.cli.output import print_table

    actor = acting_member(args)
    store = open_existing(args)
    try:
        done = draft_from_register(store, args.meeting, actor, args.prep_hours)
        made = set(done["claim_ids"])
        rows = [r for r in meeting_claims(store, args.meeting) if r["claim_id"] in made]
    finally:
        store.close()
    said = draft_result_lines(done)
    print(said[0])
    if rows:
        print_table([_("Member"), _("Fees"), _("Expenses"), _("Total"), _("Id")],
                    [(r["member_name"], money(r["fee_pence"]), money(r["expense_pence"]), money(r["total_pence"]),
                      r["claim_id"]) for r in rows])
    # Who was left out is named, with why, so no one present is missed without a word.
    for line in said[1:]:
        print(line)
    return 0


def add_expense(args: argparse.Namespace) -> int:
    from store.claims.line_edits import add_expense as add
    from tui.cli.claims import acting_member, open_existing

    keys = ("category", "amount", "miles", "passengers", "quantity", "rate", "line_date", "receipt_ref",
            "receipt_path", "note")
    data = {k: getattr(args, k) for k in keys if getattr(args, k) is not None}
    data["prior_approval"] = args.prior_approval
    actor = acting_member(args)
    store = open_existing(args)
    try:
        line_ids = add(store, args.claim, actor, data)
        claim = _claim(store, args.claim)
    finally:
        store.close()
    _report_lines(claim, line_ids)
    return 0


def add_fee(args: argparse.Namespace) -> int:
    from store.claims.line_edits import add_fee as add
    from tui.cli.claims import acting_member, open_existing

    data = {k: getattr(args, k) for k in ("category", "hours", "note") if getattr(args, k) is not None}
    actor = acting_member(args)
    store = open_existing(args)
    try:
        line_id = add(store, args.claim, actor, data)
        claim = _claim(store, args.claim)
    finally:
        store.close()
    _report_lines(claim, [line_id])
    return 0


def _report_lines(claim: dict[str, Any], line_ids: list[str]) -> None:
    from store import vocab
    from store.claims.words import money

    new = set(line_ids)
    for line in claim["lines"]:
        if line["line_id"] in new:
            print(_("Added {category}: {amount} (line {id}).").format(
                category=vocab.label(vocab.LINE_CATEGORIES, line["category"]), amount=money(line["amount_pence"]),
                id=line["line_id"]))
    print(_("{name}'s claim now comes to {total}.").format(name=claim["member_name"], total=money(claim["total_pence"])))
    _print_warnings([w for w in claim["warnings"] if w.get("line_id") in new])


def remove_line(args: argparse.Namespace) -> int:
    from store.claims.line_edits import remove_line as remove
    from store.claims.words import money
    from tui.cli.claims import acting_member, open_existing

    actor = acting_member(args)
    store = open_existing(args)
    try:
        remove(store, args.claim, actor, args.line)
        claim = _claim(store, args.claim)
    finally:
        store.close()
    print(_("Took the line off. {name}'s claim now comes to {total}.").format(
        name=claim["member_name"], total=money(claim["total_pence"])))
    return 0


def take_step(args: argparse.Namespace) -> int:
    from store.claims import workflow
    from store.claims.words import day, money
    from tui.cli.claims import acting_member, open_existing

    actor = acting_member(args)
    store = open_existing(args)
    try:
        if args.step == "submit":
            workflow.submit(store, args.claim, actor)
        elif args.step == "approve":
            workflow.approve(store, args.claim, actor)
        elif args.step == "send-back":
            workflow.return_to_draft(store, args.claim, actor, args.reason)
        elif args.step == "reject":
            workflow.reject(store, args.claim, actor, args.reason)
        elif args.step == "pay":
            details = workflow.payment_details(args.reference, args.paid_on)
            paid = workflow.mark_paid(store, args.claim, actor, details["payment_reference"], details["paid_on"])
        else:
            workflow.withdraw(store, args.claim, actor, args.reason)
        claim = _claim(store, args.claim)
    finally:
        store.close()
    words = {"name": claim["member_name"], "total": money(claim["total_pence"])}
    if args.step == "submit":
        print(_("Sent {name}'s claim for approval ({total}).").format(**words))
    elif args.step == "approve":
        print(_("Approved {name}'s claim ({total}).").format(**words))
    elif args.step == "send-back":
        print(_("Sent {name}'s claim back for changes.").format(**words))
    elif args.step == "reject":
        print(_("Rejected {name}'s claim.").format(**words))
    elif args.step == "pay" and paid == "correction_paid":
        print(_("Marked the correction to {name}'s claim paid on {date}, reference {reference}.").format(
            date=day(details["paid_on"]), reference=details["payment_reference"], **words))
    elif args.step == "pay":
        print(_("Marked {name}'s claim paid: {total} on {date}, reference {reference}.").format(
            date=day(claim["paid_at"]), reference=claim["payment_reference"], **words))
    else:
        print(_("Withdrew {name}'s claim.").format(**words))
    if args.step in ("submit", "approve"):
        _print_warnings(claim["warnings"])
    return 0


def correct_claim(args: argparse.Namespace) -> int:
    from store.claims.words import money
    from store.claims.workflow import adjust
    from tui.cli.claims import acting_member, open_existing

    actor = acting_member(args)
    store = open_existing(args)
    try:
        line_id = adjust(store, args.claim, actor, {"line_kind": args.kind, "category": args.category,
                                                    "amount": args.amount, "note": args.note})
        claim = _claim(store, args.claim)
    finally:
        store.close()
    amount = next(line["amount_pence"] for line in claim["lines"] if line["line_id"] == line_id)
    print(_("Corrected {name}'s claim by {amount}: it now comes to {total}.").format(
        name=claim["member_name"], amount=money(amount), total=money(claim["total_pence"])))
    return 0
