"""The minutes of a meeting as a paper: who was there, each item in running order, and what was decided.

People are named only if they agreed to be named (store/minutes_data.py
leaves the others out as None); they are counted instead. The words are
addressed to whoever reads the minutes afterwards, in plain English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store import vocab
from store.db import Store
from store.export.action_lines import action_item
from store.export.paper import Item, Paper, write
from store.export.words import long_date, meeting_when, minutes_text, people
from store.i18n import N_, _, ngettext

# Whole phrases, so that a translation never glues words together.
FOR_WHAT = {
    "decision": N_("For a decision"),
    "discussion": N_("For discussion"),
    "information": N_("For information"),
}


def minutes_paper(store: Store, meeting_id: str) -> Paper:
    """Return the minutes of a meeting (its id or a unique prefix) as a paper."""
    from store.minutes_data import minutes

    data = minutes(store, meeting_id)
    meeting = data["meeting"]
    paper = Paper(_("Minutes: {meeting}, {date}").format(meeting=meeting["title"], date=long_date(meeting["date"])))
    paper.heading(1, _("Minutes of {meeting}").format(meeting=meeting["title"]))
    _about(paper, meeting)
    _attendance(paper, data["attendance"])
    _items(paper, data)
    arising_shown = any(item["standing"] == "matters_arising" for item in data["items"])
    if data["matters_arising"] and not arising_shown:
        paper.heading(2, _("Matters arising"))
        _arising(paper, data["matters_arising"], meeting["date"])
    if data["other_actions"]:
        paper.heading(2, _("Other actions"))
        paper.items([action_item(a) for a in data["other_actions"]])
    if data["declined"]:
        paper.heading(2, _("Items not taken at this meeting"))
        paper.items([_declined(i) for i in data["declined"]])
    if data["deferred"]:
        paper.heading(2, _("Items moved to a later meeting"))
        paper.items([_deferred(i) for i in data["deferred"]])
    return paper


def export_minutes(store: Store, meeting_id: str, path: Path, fmt: str) -> Paper:
    """Write the minutes of a meeting to `path` as md or html; return the paper written."""
    paper = minutes_paper(store, meeting_id)
    write(paper, path, fmt)
    return paper


def _about(paper: Paper, meeting: dict[str, Any]) -> None:
    paper.para(meeting_when(meeting), label=_("When:"))
    mode = vocab.label(vocab.MEETING_MODES, meeting["mode"])
    where = _("{venue} ({mode})").format(venue=meeting["venue"], mode=mode) if meeting["venue"] else mode
    paper.para(where, label=_("Where:"))
    if meeting["status"] != "closed":
        paper.para(_("These minutes are a draft: the meeting has not been closed yet."))


def _attendance(paper: Paper, seen: dict[str, Any]) -> None:
    paper.heading(2, _("Who was there"))
    paper.para(ngettext("{n} person.", "{n} people.", seen["present"]).format(n=seen["present"]), label=_("Present:"))
    paper.items([Item(name) for name in seen["present_names"]])
    if seen["present_not_named"]:
        n = seen["present_not_named"]
        paper.para(ngettext("{n} other person was there who is not named here.",
                            "{n} other people were there who are not named here.", n).format(n=n))
    paper.para(ngettext("{n} person.", "{n} people.", seen["apologies"]).format(n=seen["apologies"]),
               label=_("Apologies:"))
    paper.items([Item(name) for name in seen["apologies_names"]])
    hidden = seen["apologies"] - len(seen["apologies_names"])
    if hidden:
        paper.para(ngettext("{n} other person sent apologies and is not named here.",
                            "{n} other people sent apologies and are not named here.", hidden).format(n=hidden))
    if seen["absent"]:
        paper.para(ngettext("{n} person.", "{n} people.", seen["absent"]).format(n=seen["absent"]), label=_("Absent:"))


def _items(paper: Paper, data: dict[str, Any]) -> None:
    paper.heading(2, _("Agenda items"))
    if not data["items"]:
        paper.para(_("No items were on the agenda."))
    for number, item in enumerate(data["items"], start=1):
        paper.heading(3, _("{n}. {title}").format(n=number, title=item["title"]))
        facts = []
        if item["proposers"]:
            facts.append(Item(people(item["proposers"]), label=_("Proposed by:")))
        facts.append(Item(_(FOR_WHAT.get(item["kind"], item["kind"]))))
        if item["minutes_allowed"]:
            facts.append(Item(minutes_text(item["minutes_allowed"]), label=_("Time given:")))
        paper.items(facts)
        if item["interests"]:
            paper.heading(4, _("Declarations of interest"))
            paper.items([_interest(i) for i in item["interests"]])
        if item["standing"] == "matters_arising":
            paper.heading(4, _("Actions from earlier meetings"))
            _arising(paper, data["matters_arising"], data["meeting"]["date"])
        if item["notes"]:
            paper.heading(4, _("Notes"))
            paper.para(item["notes"])
        if item["decision"]:
            paper.heading(4, _("Decision"))
            paper.para(item["decision"])
        if item["actions"]:
            paper.heading(4, _("Actions"))
            paper.items([action_item(a) for a in item["actions"]])


def _interest(interest: dict[str, Any]) -> Item:
    who = interest["name"] or _("A member")
    if interest["note"]:
        return Item(_("{name} declared an interest: {note}").format(name=who, note=interest["note"]))
    return Item(_("{name} declared an interest.").format(name=who))


def _arising(paper: Paper, arising: list[dict[str, Any]], meeting_date: str) -> None:
    if not arising:
        paper.para(_("There were no open actions from earlier meetings."))
        return
    entries = []
    for action in arising:
        if action["closed_here"] and action["status"] == "done":
            state = (_("Done at this meeting: {note}") if action["status_note"] else _("Done at this meeting"))
        elif action["closed_here"]:
            state = (_("Dropped at this meeting: {note}") if action["status_note"]
                     else _("Dropped at this meeting"))
        elif action["due_date"] and action["due_date"] < meeting_date:
            state = _("Still open, overdue")
        else:
            state = _("Still open")
        raised = None
        if action["raised_at_title"]:
            raised = _("{meeting} on {date}").format(meeting=action["raised_at_title"],
                                                     date=long_date(action["raised_at_date"]))
        entries.append(action_item(action, state=state.format(note=action["status_note"]), raised_at=raised))
    paper.items(entries)


def _declined(item: dict[str, Any]) -> Item:
    lines = [item["title"]]
    if item["proposers"]:
        lines.append(_("Proposed by: {people}").format(people=people(item["proposers"])))
    lines.append(_("Why it was not taken: {reason}").format(reason=item["reason"] or ""))
    return Item("\n".join(lines))


def _deferred(item: dict[str, Any]) -> Item:
    lines = [item["title"]]
    if item["proposers"]:
        lines.append(_("Proposed by: {people}").format(people=people(item["proposers"])))
    if item["to_title"]:
        lines.append(_("Moved to: {meeting} on {date}").format(meeting=item["to_title"],
                                                              date=long_date(item["to_date"])))
    return Item("\n".join(lines))
