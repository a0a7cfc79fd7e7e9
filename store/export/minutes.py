"""The minutes of a meeting as a paper: who was there, each item in running order, and what was decided.

People are named only if they agreed to be named (store/minutes_data.py
leaves the others out as None); they are counted instead. The words are
addressed to whoever reads the minutes afterwards, in plain English. In
Easy Read the headings are plainer, and each item says what was decided
before what was said, one sentence a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.db import Store
from store.export.action_lines import action_item
from store.export.paper import Item, Paper, write
from store.export.paper_access import PaperOptions, make_paper, one_a_line, wording
from store.export.words import long_date, meeting_when, meeting_where, minutes_text, people
from store.i18n import N_, _, ngettext

# Whole phrases, so that a translation never glues words together.
FOR_WHAT = {
    "decision": N_("For a decision"),
    "discussion": N_("For discussion"),
    "information": N_("For information"),
}


def minutes_paper(store: Store, meeting_id: str, options: PaperOptions | None = None) -> Paper:
    """Return the minutes of a meeting (its id or a unique prefix) as a paper, made with `options`."""
    return make_paper(lambda made_with: _minutes_paper(store, meeting_id, made_with), options)


def _minutes_paper(store: Store, meeting_id: str, options: PaperOptions) -> Paper:
    from store.minutes_data import minutes

    data = minutes(store, meeting_id)
    meeting = data["meeting"]
    paper = Paper(_("Minutes: {meeting}, {date}").format(meeting=meeting["title"], date=long_date(meeting["date"])))
    paper.heading(1, _("Minutes of {meeting}").format(meeting=meeting["title"]))
    _about(paper, meeting, options)
    _attendance(paper, data["attendance"])
    _items(paper, data, options)
    arising_shown = any(item["standing"] == "matters_arising" for item in data["items"])
    if data["matters_arising"] and not arising_shown:
        paper.heading(2, wording(options, N_("Matters arising"), N_("Actions from before")))
        _arising(paper, data["matters_arising"], meeting["date"])
    if data["other_actions"]:
        paper.heading(2, wording(options, N_("Other actions"), N_("Other things to do")))
        paper.items([action_item(a) for a in data["other_actions"]])
    if data["declined"]:
        paper.heading(2, wording(options, N_("Items not taken at this meeting"), N_("Items we did not take")))
        paper.items([_declined(i) for i in data["declined"]])
    if data["deferred"]:
        paper.heading(2, wording(options, N_("Items moved to a later meeting"), N_("Items for a later meeting")))
        paper.items([_deferred(i) for i in data["deferred"]])
    return paper


def export_minutes(store: Store, meeting_id: str, path: Path, fmt: str,
                   options: PaperOptions | None = None) -> Paper:
    """Write the minutes of a meeting to `path` as md or html; return the paper written."""
    options = options or PaperOptions()
    options.check(fmt)
    paper = minutes_paper(store, meeting_id, options)
    write(paper, path, fmt)
    return paper


def _about(paper: Paper, meeting: dict[str, Any], options: PaperOptions) -> None:
    paper.para(meeting_when(meeting), label=_("When:"))
    paper.para(meeting_where(meeting), label=_("Where:"))
    if meeting["status"] != "closed":
        paper.para(wording(options, N_("These minutes are a draft: the meeting has not been closed yet."),
                           N_("This is a draft.\nThe meeting is not closed yet.")))


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


def _items(paper: Paper, data: dict[str, Any], options: PaperOptions) -> None:
    easy = options.easy_read
    paper.heading(2, wording(options, N_("Agenda items"), N_("What we talked about")))
    if not data["items"]:
        paper.para(_("No items were on the agenda."))
    for number, item in enumerate(data["items"], start=1):
        paper.heading(3, _("{n}. {title}").format(n=number, title=item["title"]))
        facts = []
        if item["proposers"]:
            facts.append(Item(people(item["proposers"]), label=wording(options, N_("Proposed by:"),
                                                                       N_("Asked for by:"))))
        facts.append(Item(_(FOR_WHAT.get(item["kind"], item["kind"]))))
        if item["minutes_allowed"]:
            facts.append(Item(minutes_text(item["minutes_allowed"]), label=wording(options, N_("Time given:"),
                                                                                     N_("Time:"))))
        paper.items(facts)
        if easy and item["decision"]:
            # Easy Read puts the main point first: what was decided, then what was said.
            paper.heading(4, _("What we decided"))
            paper.para(one_a_line(item["decision"]))
        if item["interests"]:
            paper.heading(4, wording(options, N_("Declarations of interest"), N_("People with an interest")))
            paper.items([_interest(i) for i in item["interests"]])
        if item["standing"] == "matters_arising":
            paper.heading(4, wording(options, N_("Actions from earlier meetings"), N_("Actions from before")))
            _arising(paper, data["matters_arising"], data["meeting"]["date"])
        if item["notes"]:
            paper.heading(4, wording(options, N_("Notes"), N_("What people said")))
            paper.para(one_a_line(item["notes"]) if easy else item["notes"])
        if item["decision"] and not easy:
            paper.heading(4, _("Decision"))
            paper.para(item["decision"])
        if item["actions"]:
            paper.heading(4, wording(options, N_("Actions"), N_("Who will do what")))
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
