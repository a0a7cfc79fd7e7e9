"""A meeting's agenda as a paper: the running order, with each item's time, proposers and summary.

Sent out before the meeting, so members can prepare. Only accepted items
are on it, in running order. Proposers are named only if they agreed to be
named, as in the minutes; the others are counted. In Easy Read each item
starts with its plain-language summary, one sentence a line, and the
title and details come after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.db import Store
from store.export.minutes import FOR_WHAT
from store.export.paper import Block, Item, Items, Para, Paper, paragraphs, write
from store.export.paper_access import PaperOptions, make_paper, one_a_line
from store.export.words import long_date, meeting_when, meeting_where, minutes_text, people
from store.i18n import N_, _

# What the meeting will do with an item, in Easy Read: a short sentence each.
EASY_FOR_WHAT = {
    "decision": N_("We will make a decision."),
    "discussion": N_("We will talk about it."),
    "information": N_("We will share some news."),
}


def agenda_paper(store: Store, meeting_id: str, options: PaperOptions | None = None) -> Paper:
    """Return a meeting's agenda (its id or a unique prefix) as a paper, made with `options`."""
    return make_paper(lambda made_with: _paper(store, meeting_id, made_with), options)


def export_agenda(store: Store, meeting_id: str, path: Path, fmt: str,
                  options: PaperOptions | None = None) -> Paper:
    """Write a meeting's agenda to `path` as md or html; return the paper written."""
    options = options or PaperOptions()
    options.check(fmt)
    paper = agenda_paper(store, meeting_id, options)
    write(paper, path, fmt)
    return paper


def _paper(store: Store, meeting_id: str, options: PaperOptions) -> Paper:
    from store.agenda import agenda

    view = agenda(store, meeting_id)
    meeting = view["meeting"]
    paper = Paper(_("Agenda: {meeting}, {date}").format(meeting=meeting["title"], date=long_date(meeting["date"])))
    paper.heading(1, _("Agenda: {meeting}").format(meeting=meeting["title"]))
    paper.para(meeting_when(meeting), label=_("When:"))
    paper.para(meeting_where(meeting), label=_("Where:"))
    if options.easy_read:
        paper.para("\n".join((_("This paper says what the meeting will talk about."),
                              _("We will take the items in this order."))))
        paper.heading(2, _("What we will talk about"))
    else:
        paper.heading(2, _("Agenda items"))
    if not view["order"]:
        paper.para(_("There are no items on the agenda yet."))
    make = _easy_item if options.easy_read else _item
    paper.items([make(item) for item in view["order"]], ordered=True)
    return paper


def _proposers(item: dict[str, Any]) -> list[str | None]:
    return [p["name"] if p["named"] else None for p in item["proposers"]]


def _item(item: dict[str, Any]) -> Item:
    facts = [Item(minutes_text(item["minutes_shown"]), label=_("Time allowed:"))] if item["minutes_shown"] else []
    if item["proposers"]:
        facts.append(Item(people(_proposers(item)), label=_("Proposed by:")))
    facts.append(Item(_(FOR_WHAT.get(item["kind"], item["kind"]))))
    children: list[Block] = [Items(facts)]
    for number, part in enumerate(paragraphs(item["summary"])):
        children.append(Para(part, label=None if number else _("Summary:")))
    return Item(item["display_title"], children=children)


def _easy_item(item: dict[str, Any]) -> Item:
    summary = one_a_line(item["summary"])
    facts = [Item(item["display_title"], label=_("Item:"))] if summary else []
    if item["minutes_shown"]:
        facts.append(Item(minutes_text(item["minutes_shown"]), label=_("Time:")))
    if item["proposers"]:
        facts.append(Item(people(_proposers(item)), label=_("Asked for by:")))
    if item["kind"] in EASY_FOR_WHAT:
        what_for = EASY_FOR_WHAT[item["kind"]]
        facts.append(Item(_(what_for)))
    return Item(summary or item["display_title"], children=[Items(facts)])
