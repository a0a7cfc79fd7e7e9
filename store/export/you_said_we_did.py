""""You said, we did" as a paper for one member: every item they asked for, and what became of it.

Written to the member ("You asked for … The meeting decided …"), following
each item wherever it went: joined with a duplicate, or moved to a later
meeting and decided there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.dates import today
from store.db import Store
from store.export.action_lines import action_item
from store.export.paper import Item, Paper, render, write
from store.export.words import long_date
from store.i18n import N_, _

ASKED = {
    "decision": N_("You asked for a decision at {meeting} on {date}."),
    "discussion": N_("You asked for a discussion at {meeting} on {date}."),
    "information": N_("You asked to share information at {meeting} on {date}."),
}


def you_said_we_did_paper(store: Store, member_id: str) -> Paper:
    """Return "you said, we did" for a member (their id or a unique prefix) as a paper."""
    from store.members import get_member
    from store.you_said_we_did import you_said_we_did

    member = get_member(store, member_id)
    entries = you_said_we_did(store, member["id"])
    paper = Paper(_("You said, we did: {name}").format(name=member["name"]))
    paper.heading(1, _("You said, we did"))
    paper.para(_("For {name}.").format(name=member["name"]))
    if not entries:
        paper.para(_("You have not asked for any items yet. When you do, this page will say what happened to them."))
        return paper
    paper.para(_("These are the items you asked for at meetings, newest first, and what happened to each one."))
    for entry in entries:
        _entry(paper, entry, member["id"])
    return paper


def export_you_said_we_did(store: Store, member_id: str, fmt: str, path: Path | None = None) -> str:
    """Return the paper as md or html text, and write it to `path` when one is given."""
    paper = you_said_we_did_paper(store, member_id)
    return write(paper, path, fmt) if path is not None else render(paper, fmt)


def _entry(paper: Paper, entry: dict[str, Any], member_id: str) -> None:
    paper.heading(2, entry["title"])
    asked = ASKED.get(entry["kind"], ASKED["discussion"])
    paper.para(_(asked).format(meeting=entry["meeting_title"], date=long_date(entry["meeting_date"])))
    paper.heading(3, _("What happened"))
    places = [entry, *entry["steps"]]
    steps = []
    for here, following in zip(places, [*places[1:], None]):
        what = _what_happened(here, following)
        steps.append(Item(_("{meeting} on {date}: {what}").format(
            meeting=here["meeting_title"], date=long_date(here["meeting_date"]), what=what)))
    paper.items(steps, ordered=True)
    outcome = entry["outcome"]
    if entry["decision"]:
        paper.para(entry["decision"], label=_("The meeting decided:"))
    elif outcome["status"] == "accepted" and outcome["meeting_date"] < today().isoformat():
        paper.para(_("No decision was written down for it."))
    elif outcome["status"] in ("accepted", "proposed"):
        paper.para(_("There is no decision yet."))
    if entry["actions"]:
        paper.heading(3, _("Actions"))
        paper.items([action_item(_owners_for(a, member_id)) for a in entry["actions"]])


def _what_happened(here: dict[str, Any], following: dict[str, Any] | None) -> str:
    """One place the item reached, in words; `following` is where it went next, if anywhere."""
    status = here["status"]
    if status == "proposed":
        return _("The facilitator has not yet decided whether it goes on the agenda.")
    if status == "accepted":
        coming = here["meeting_date"] >= today().isoformat()
        if here.get("place"):
            place = {"n": here["place"], "count": here["places"]}
            return (_("It is item {n} of {count} on the agenda.") if coming
                    else _("It was item {n} of {count} on the agenda.")).format(**place)
        return _("It is on the agenda.") if coming else _("It was on the agenda.")
    if status == "declined":
        return _("It was not taken. The reason: {reason}").format(reason=here["decline_reason"] or "")
    if status == "deferred":
        if following is not None:
            return _("It was moved to {meeting} on {date}.").format(
                meeting=following["meeting_title"], date=long_date(following["meeting_date"]))
        return _("It was moved to a later meeting.")
    if status == "merged":
        if following is not None:
            return _("It was joined with another item asking the same: {title}.").format(title=following["title"])
        return _("It was joined with another item asking the same.")
    return status


def _owners_for(action: dict[str, Any], member_id: str) -> dict[str, Any]:
    """The action with owners as names: 'you' for the member, None for people not agreeing to be named."""
    owners = []
    for owner in action["owners"]:
        if owner["id"] == member_id:
            owners.append(_("you"))
        else:
            owners.append(owner["name"] if owner["named"] else None)
    return {**action, "owners": owners}
