"""`coprod claims conflicts` and `coprod claims resolve`: see the conflicts between laptops, and mark one as dealt with.

The list is plain text, one block of short lines per conflict with a blank
line between, so a screen reader reads each in order: whose claim, what
happened, both steps (who, when, what), what the claim is now, and the
command that marks it as dealt with. `--format json` gives the same for
scripts.
"""

from __future__ import annotations

import argparse
from typing import Any

from store.i18n import _


def add_parsers(cmds, shared: argparse.ArgumentParser, acting: argparse.ArgumentParser) -> None:
    """Add the conflict commands to `coprod claims`."""
    p = cmds.add_parser("conflicts", parents=[shared], help=_("list conflicts between laptops to sort out"),
                        description=_("List the claims where two laptops took steps that could not both stand, "
                                      "newest first: both steps, who took them and when, and what the claim is "
                                      "now. Each stays flagged until someone marks it as dealt with."))
    p.add_argument("--format", choices=("text", "json"), default="text", help=_("text for people, json for scripts"))
    p.set_defaults(func=list_conflicts)

    p = cmds.add_parser("resolve", parents=[shared, acting],
                        help=_("mark a conflict as dealt with, saying what you decided"),
                        description=_("Mark a conflict between laptops as dealt with, with a note of what you "
                                      "decided. The conflict stays in the claim's history; the claim itself does "
                                      "not change, so make any correction first. If you leave out --note, you are "
                                      "asked for it."))
    p.add_argument("claim", metavar="ID", help=_("the claim's id (or its first characters)"))
    p.add_argument("--event", required=True, metavar="ID",
                   help=_("either step of the conflict, as `coprod claims conflicts` gives it"))
    p.add_argument("--note", metavar=_("TEXT"), help=_("what you decided, in words others will read"))
    p.set_defaults(func=resolve)


def block(conflict: dict[str, Any]) -> list[str]:
    """Return one conflict as short lines of plain text."""
    from store.claims.words import money
    from store.export.words import medium_date

    lines = [
        _("Conflict on {name}'s claim: {meeting}, {date}").format(
            name=conflict["member_name"] or _("someone"), meeting=conflict["meeting_title"] or "",
            date=medium_date(conflict["meeting_date"])),
        _("What happened: {words}").format(words=conflict["words"]),
    ]
    lines += [_("- {step}").format(step=step["sentence"]) for step in conflict["steps"]]
    lines.append(_("The claim now: {status}, {total}.").format(status=conflict["status_words"],
                                                               total=money(conflict["total_pence"])))
    lines.append(_("To mark it as dealt with: coprod claims resolve {claim} --event {event} --note "
                   "\"what you decided\"").format(claim=conflict["claim_id"], event=conflict["event_id"]))
    return lines


def list_conflicts(args: argparse.Namespace) -> int:
    from store.claims.conflicts import open_conflicts
    from store.i18n import ngettext
    from tui.cli.claims import open_existing
    from tui.cli.output import print_json

    store = open_existing(args)
    try:
        rows = open_conflicts(store)
    finally:
        store.close()
    if args.format == "json":
        print_json(rows)
        return 0
    if not rows:
        print(_("No conflicts to sort out."))
        return 0
    print(ngettext("{n} conflict to sort out, newest first.", "{n} conflicts to sort out, newest first.",
                   len(rows)).format(n=len(rows)))
    for conflict in rows:
        print()
        for line in block(conflict):
            print(line)
    return 0


def resolve(args: argparse.Namespace) -> int:
    from store.claims.conflicts import check_resolvable, note_text
    from store.claims.queries import get_claim
    from store.claims.workflow import resolve_conflict
    from tui.cli.claims import acting_member, open_existing
    from tui.cli.prompts import Asker

    # Everything but the note is checked first: no one should type a note and then hear the id was wrong.
    note = note_text(args.note) if args.note is not None else None
    actor = acting_member(args)
    store = open_existing(args)
    try:
        check_resolvable(store, args.claim, actor, args.event)
        if note is None:
            note = Asker().ask(_("What did you decide?"), note_text, "--note")
        resolve_conflict(store, args.claim, actor, args.event, note)
        claim = get_claim(store, args.claim)
    finally:
        store.close()
    print(_("Marked the conflict on {name}'s claim as dealt with. Its history keeps it, with your note.").format(
        name=claim["member_name"]))
    still_open = sum(1 for c in claim["conflicts"] if not c["resolved"])
    if still_open:
        from store.i18n import ngettext

        print(ngettext("This claim has {n} more conflict to sort out.",
                       "This claim has {n} more conflicts to sort out.", still_open).format(n=still_open))
    return 0
