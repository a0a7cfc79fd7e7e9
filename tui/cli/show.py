"""`coprod show …`: a meeting's agenda or register as plain text, for reading in the terminal.

Written for a screen reader, which reads the terminal line by line: no
table, no colour, nothing redrawn; one fact a line, its label first
("Time given: 20 minutes"); dates written out in the person's language; a
blank line between one item or person and the next. People are named on the
agenda only if they agreed to be named, as in the minutes. The facilitator's
view with ids, for deciding on items, is `coprod agenda show`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from store.i18n import _
from tui.cli.output import command_group

# People read from the database at a time: a large network's register is printed as it is read.
REGISTER_PAGE = 500


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    cmds = command_group(sub, "show", _("read a meeting's agenda or register as plain text"),
                         _("Print a meeting's agenda or register as plain text, one fact a line, for reading in "
                           "the terminal or with a screen reader."), shared)

    p = cmds.add_parser(
        "agenda", parents=[shared], help=_("a meeting's agenda, in plain text"),
        description=_("Print a meeting's agenda: when and where it is, each item in running order with its time, "
                      "who proposed it (if they agreed to be named) and its summary, then the proposals still "
                      "waiting for a decision and the items not taken, with the reasons."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.set_defaults(func=show_agenda)

    p = cmds.add_parser(
        "register", parents=[shared], help=_("a meeting's register, in plain text"),
        description=_("Print a meeting's register: how many people are present, sent apologies, are absent or "
                      "are not marked yet, then one line for each person with how they are marked, times they "
                      "arrived late or left early, whether they joined remotely or came with a supporter, and "
                      "their access needs."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--status", metavar=_("MARK"),
                   help=_("only people marked this way: present, apologies, absent or not marked"))
    p.set_defaults(func=show_register)


def _open(args: argparse.Namespace):
    from tui.cli import open_db
    from tui.cli.exports import _require_database

    _require_database(args)
    return open_db(args)


def _print(lines: Iterator[str] | list[str]) -> None:
    for line in lines:
        print(line)


def labelled(label: str, value: str) -> str:
    """Return one fact as a line, its label first: 'Time given: 20 minutes'."""
    return f"{label} {value}"


def one_line(text: str | None) -> str:
    """Return text typed in the app with its line breaks and runs of spaces made single spaces."""
    return " ".join((text or "").split())


# --- the meeting -------------------------------------------------------------------------------------------


def meeting_lines(meeting: dict[str, Any]) -> list[str]:
    """Return a meeting's date, time, place and state, one a line."""
    from store import vocab
    from store.export.words import long_date

    lines = [_("Date: {date}").format(date=long_date(meeting["date"]))]
    start, end = meeting.get("start_time"), meeting.get("end_time")
    if start and end:
        lines.append(_("Time: {start} to {end}").format(start=start, end=end))
    elif start:
        lines.append(_("Time: from {start}").format(start=start))
    mode = vocab.label(vocab.MEETING_MODES, meeting["mode"]) if meeting.get("mode") else ""
    venue = one_line(meeting.get("venue"))
    where = _("{venue} ({mode})").format(venue=venue, mode=mode) if venue and mode else venue or mode
    if where:
        lines.append(labelled(_("Where:"), where))
    status = vocab.label(vocab.MEETING_STATUSES, meeting["status"])
    if meeting.get("reopened") and meeting["status"] == "open":
        status = _("Reopened")
    lines.append(_("Status: {status}").format(status=status))
    return lines


# --- the agenda ---------------------------------------------------------------------------------------------


def _named(item: dict[str, Any]) -> str:
    """Who proposed an item, naming only those who agreed to be named ('Priya Shah and 1 other member')."""
    from store.export.words import people

    return people([p["name"] if p["named"] else None for p in item["proposers"]])


def _proposal_facts(item: dict[str, Any]) -> list[str]:
    """The lines every item shows: who proposed it, what for, and its summary."""
    from store.export.minutes import FOR_WHAT

    lines = []
    if item["proposers"]:
        lines.append(_("Proposed by: {people}").format(people=_named(item)))
    if not item["standing"] and item["kind"] in FOR_WHAT:
        for_what = FOR_WHAT[item["kind"]]
        lines.append(_(for_what))
    if item["summary"]:
        lines.append(_("Summary: {summary}").format(summary=one_line(item["summary"])))
    return lines


def agenda_lines(view: dict[str, Any]) -> Iterator[str]:
    """Yield the agenda as plain lines, from the view `store.agenda.agenda` returns."""
    from store.export.words import long_date, minutes_text
    from store.i18n import ngettext
    from tui.cli.agenda import _total_line

    meeting = view["meeting"]
    yield _("Agenda: {title}").format(title=meeting["title"])
    yield from meeting_lines(meeting)
    yield ""
    order = view["order"]
    if order:
        yield ngettext("Running order: {n} item.", "Running order: {n} items.", len(order)).format(n=len(order))
    else:
        yield _("No items are on the agenda yet.")
    arising = view["matters_arising_count"]
    for number, item in enumerate(order, start=1):
        yield ""
        yield _("{n}. {title}").format(n=number, title=item["display_title"])
        yield labelled(_("Time given:"), minutes_text(item["minutes_shown"]))
        yield from _proposal_facts(item)
        if item["standing"] == "matters_arising" and arising:
            yield ngettext("Matters arising: {n} open action from earlier meetings.",
                           "Matters arising: {n} open actions from earlier meetings.", arising).format(n=arising)
    if order:
        yield ""
        yield _total_line(view)

    yield ""
    waiting = view["proposals"]
    if waiting:
        yield ngettext("Waiting for a decision: {n} proposal.", "Waiting for a decision: {n} proposals.",
                       len(waiting)).format(n=len(waiting))
    else:
        yield _("No proposals are waiting for a decision.")
    for item in waiting:
        yield ""
        yield _("Item: {title}").format(title=item["display_title"])
        yield _("Time asked for: {minutes}").format(minutes=minutes_text(item["minutes_asked"]))
        yield from _proposal_facts(item)

    sections = (
        ("declined", _("Items not taken at this meeting"),
         lambda i: _("Why it was not taken: {reason}").format(reason=one_line(i["decline_reason"]))),
        ("deferred", _("Items moved to a later meeting"),
         lambda i: _("Moved to: {meeting} on {date}").format(meeting=i["deferred_to_title"] or "",
                                                            date=long_date(i["deferred_to_date"]))),
        ("merged", _("Items joined with another item asking the same"),
         lambda i: _("Joined with {title}").format(title=i["merged_into_title"] or "")),
    )
    for status, heading, outcome in sections:
        items = [i for i in view["other"] if i["status"] == status]
        if not items:
            continue
        yield ""
        yield heading
        for item in items:
            yield ""
            yield _("Item: {title}").format(title=item["display_title"])
            if item["proposers"]:
                yield _("Proposed by: {people}").format(people=_named(item))
            yield outcome(item)


def show_agenda(args: argparse.Namespace) -> int:
    from store import agenda

    store = _open(args)
    try:
        view = agenda.agenda(store, args.meeting)
    finally:
        store.close()
    _print(agenda_lines(view))
    return 0


# --- the register ------------------------------------------------------------------------------------------


def _status_code(text: str | None) -> str | None:
    """The attendance status a typed mark names ('present', 'not marked', 'Apologies'); None for none."""
    from store import vocab
    from store.errors import CoprodError

    if text is None:
        return None
    code = vocab.code_for(vocab.ATTENDANCE_STATUSES, text)
    if code is not None:
        return code
    raise CoprodError(_("{value} is not a mark on the register. Choose present, apologies, absent or not "
                        "marked.").format(value=one_line(text)))


def person_line(row: dict[str, Any]) -> str:
    """Return one person's line of the register: name and mark first, then each other fact as a sentence."""
    from store import vocab
    from tui.format import needs_long

    facts = [_("{name}: {status}.").format(name=row["name"],
                                           status=vocab.label(vocab.ATTENDANCE_STATUSES, row["status"]))]
    if row["role"] and row["role"] != "member":
        facts.append(_("Role: {role}.").format(role=vocab.label(vocab.ROLES, row["role"])))
    if row["arrived_at"]:
        facts.append(_("Arrived late at {time}.").format(time=row["arrived_at"]))
    if row["left_at"]:
        facts.append(_("Left early at {time}.").format(time=row["left_at"]))
    if row["remote"]:
        facts.append(_("Joined remotely."))
    if row["supporter"]:
        facts.append(_("Came with a supporter or PA."))
    if row["access_needs"]:
        facts.append(_("Access needs: {needs}.").format(needs=needs_long(row["access_needs"])))
    return " ".join(facts)


def register_lines(store, meeting: dict[str, Any], status: str | None) -> Iterator[str]:
    """Yield the register as plain lines: the meeting, the counts, then one line a person, by name."""
    from store import attendance, vocab
    from store.i18n import ngettext

    counts = attendance.counts(store, meeting["id"])
    yield _("Register: {title}").format(title=meeting["title"])
    yield from meeting_lines(meeting)
    yield ""
    yield _("Present {present}, apologies {apologies}, absent {absent}, not marked {unmarked}.").format(**counts)
    yield ngettext("{n} person is on the register.", "{n} people are on the register.",
                   counts["total"]).format(n=counts["total"])
    if counts["remote"]:
        yield ngettext("{n} person present joined remotely.", "{n} people present joined remotely.",
                       counts["remote"]).format(n=counts["remote"])
    if status is not None:
        yield _("Showing only: {status}.").format(status=vocab.label(vocab.ATTENDANCE_STATUSES, status))
    yield ""
    offset, listed = 0, 0
    while True:
        rows = attendance.register_rows(store, meeting["id"], offset=offset, limit=REGISTER_PAGE, status=status)
        for row in rows:
            yield person_line(row)
        listed += len(rows)
        if len(rows) < REGISTER_PAGE:
            break
        offset += REGISTER_PAGE
    if not listed:
        yield _("There is no one to list.")


def show_register(args: argparse.Namespace) -> int:
    from store import agenda

    status = _status_code(args.status)
    store = _open(args)
    try:
        meeting = agenda.get_meeting_row(store.conn, args.meeting)
        _print(register_lines(store, meeting, status))
    finally:
        store.close()
    return 0
