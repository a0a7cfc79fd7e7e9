"""`coprod propose`: a member puts an item forward for a meeting's agenda.

Everything can be given as options, for scripts. Anything left out is asked
for, one plain question at a time (see tui/cli/prompts.py), so a member can
propose an item from any terminal with a screen reader, on the facilitator's
laptop or on their own computer.

Who is proposing: --member, else the COPROD_MEMBER environment variable (set
once on a member's own computer, so they are never asked who they are), else
the question. The option wins over the variable, so a facilitator's laptop
with the variable set can still propose for someone else.

Whether the proposer is named on the agenda and in the minutes is not asked:
it follows the consent on their record (as the minutes do), so the answer
could not differ item by item. The recap says which it is.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from store.i18n import _

MEMBER_VARIABLE = "COPROD_MEMBER"
# More matches than this is a list too long to listen to: ask for more letters instead.
MAX_CHOICES = 12


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "propose", parents=[shared], help=_("propose an item for a meeting's agenda"),
        description=_("Propose an item for a meeting's agenda. Anything you leave out is asked for, one "
                      "question at a time, in plain text; answers can also be piped in. The facilitator then "
                      "decides whether it goes on the agenda."))
    p.add_argument("--meeting", metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--member", metavar="ID",
                   help=_("who is proposing it (default: COPROD_MEMBER, for a member's own computer)"))
    p.add_argument("--title", metavar=_("TEXT"), help=_("what the item is called"))
    p.add_argument("--kind", metavar=_("KIND"), help=_("what you want: decision, discussion or information"))
    p.add_argument("--minutes", metavar="N", help=_("how many minutes you need"))
    p.add_argument("--summary", metavar=_("TEXT"), help=_("a short summary in plain words"))
    p.add_argument("--details", metavar=_("TEXT"), help=_("more details, if there are any"))
    p.set_defaults(func=propose)


def propose(args: argparse.Namespace) -> int:
    from store import agenda
    from tui.cli import open_db
    from tui.cli.prompts import Asker

    # Check what was given before asking anything: nobody should answer five
    # questions and then hear that an option was wrong.
    title = _check_title(args.title) if args.title is not None else None
    kind = _parse_kind(args.kind) if args.kind is not None else None
    store = open_db(args)
    try:
        meeting = _given_meeting(store, args.meeting) if args.meeting is not None else None
        member = _given_member(store, args.member)
        minutes = _check_minutes(args.minutes, meeting) if args.minutes is not None else None
        summary = _check_summary(args.summary) if args.summary is not None else None
        details = _check_details(args.details)
        asking = None in (meeting, member, title, kind, minutes)
        asker = Asker()
        if asking:
            asker.say(_("To propose an item, answer each question and press Enter."))
        if meeting is None:
            meeting = _ask_meeting(asker, store)
        if minutes is not None:
            _check_minutes(minutes, meeting)  # now that the meeting, and so its length, is known
        if member is None:
            member = _ask_member(asker, store)
        if title is None:
            title = asker.ask(_("What is the item called?"), _check_title, "--title")
        if kind is None:
            kind = asker.ask(_("What do you want: 1 a decision, 2 a discussion, 3 information?"), _parse_kind,
                             "--kind")
        if minutes is None:
            minutes = asker.ask(_("How many minutes do you need?"), lambda text: _check_minutes(text, meeting),
                                "--minutes")
        if args.summary is None and asking:
            summary = asker.optional(_("A short summary in plain words (press Enter to skip):"), _check_summary,
                                     "--summary")
        item_id = agenda.propose(store, meeting["id"], {
            "title": title, "kind": kind, "minutes_asked": minutes, "summary": summary, "details": details,
            "proposer_id": member["id"], "source": "member",
        })
    finally:
        store.close()
    _recap(meeting, member, title, kind, minutes, summary, details, item_id)
    return 0


# --- what was given as options -------------------------------------------------------------------


def _given_meeting(store, text: str) -> dict[str, Any]:
    from store import agenda
    from store.errors import CoprodError

    meeting = agenda.get_meeting_row(store.conn, text)
    if meeting["status"] == "closed":
        raise CoprodError(_("This meeting is closed. Items can't be added."))
    return meeting


def _given_member(store, text: str | None) -> dict[str, Any] | None:
    from store import members
    from store.errors import CoprodError, NotFound

    if text is not None:
        return members.get_member(store, text)
    from_environment = os.environ.get(MEMBER_VARIABLE, "").strip()
    if not from_environment:
        return None
    try:
        return members.get_member(store, from_environment)
    except NotFound:
        raise CoprodError(_("{variable} names {id}, but there is no member with that id. Give --member, or "
                            "correct {variable}.").format(variable=MEMBER_VARIABLE, id=from_environment)) from None


# --- checking one answer (each raises CoprodError with the reason to say) ---------------------------


def _check_title(text: str) -> str:
    from store.models import ItemIn, validate

    return validate(ItemIn, {"title": text}).title


def _parse_kind(text: str) -> str:
    from store import vocab
    from store.errors import CoprodError

    answer = " ".join(text.split()).rstrip(".")
    codes = list(vocab.ITEM_KINDS)
    if answer.isdigit() and 1 <= int(answer) <= len(codes):
        return codes[int(answer) - 1]
    words = answer.casefold().removeprefix("a ").removeprefix("an ")
    code = vocab.code_for(vocab.ITEM_KINDS, words) if words else None
    if code is None:
        raise CoprodError(_("Type 1 for a decision, 2 for a discussion or 3 for information."))
    return code


def _check_minutes(text: str | int, meeting: dict[str, Any] | None) -> int:
    from store import agenda
    from store.errors import InputError
    from store.models import minutes

    value = minutes(text, "minutes_asked")
    length = agenda.meeting_length(meeting) if meeting else None
    if length is not None and value > length:
        raise InputError(_("The meeting is only {n} minutes long. Ask for {n} minutes or less.").format(n=length),
                         "minutes_asked")
    return value


def _check_summary(text: str) -> str | None:
    from store.models import long_text

    return long_text(text, 1000, "summary")


def _check_details(text: str | None) -> str | None:
    from store.models import long_text

    return long_text(text, 20_000, "details") if text is not None else None


# --- questions -------------------------------------------------------------------------------------


def _ask_meeting(asker, store) -> dict[str, Any]:
    from store import meetings
    from store.errors import CoprodError

    coming = [m for m in meetings.upcoming(store) if m["status"] != "closed"]
    if not coming:
        raise CoprodError(_("There are no meetings coming up to propose an item for. Ask the facilitator to "
                            "add one."))
    asker.say(_("Meetings you can propose an item for:"))
    index = asker.choose(_("Which meeting? Type its number:"), [_meeting_label(m) for m in coming], "--meeting")
    return coming[index]


def _meeting_label(meeting: dict[str, Any]) -> str:
    from store import vocab
    from store.export.words import meeting_when

    return _("{title}, {when} ({status})").format(
        title=meeting["title"], when=meeting_when(meeting),
        status=vocab.label(vocab.MEETING_STATUSES, meeting["status"]).lower())


def matching_members(store, text: str) -> list[dict[str, Any]]:
    """Return the members whose name, or a word of it, starts with `text`; an exact name alone if there is one."""
    from store import members

    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return []
    found = []
    for member in members.search_members(store, wanted, limit=-1):
        name = " ".join(member["name"].split()).casefold()
        if name.startswith(wanted) or any(word.startswith(wanted) for word in name.split()):
            found.append(member)
    exact = [m for m in found if " ".join(m["name"].split()).casefold() == wanted]
    return exact if len(exact) == 1 else found


def _ask_member(asker, store) -> dict[str, Any]:
    from store.errors import CoprodError

    def find(text: str) -> list[dict[str, Any]]:
        if not text:
            raise CoprodError(_("Type your name, or the first letters of it."))
        found = matching_members(store, text)
        if not found:
            raise CoprodError(_("No member's name starts with {text}. Check the spelling, or ask the facilitator "
                                "to add you.").format(text=text))
        if len(found) > MAX_CHOICES:
            raise CoprodError(_("{n} people match {text}. Type more of the name.").format(n=len(found), text=text))
        return found

    found = asker.ask(_("Who is proposing it? Type your name or its first letters:"), find, "--member")
    if len(found) == 1:
        asker.say(_("Proposed by {name}.").format(name=found[0]["name"]))
        return found[0]
    asker.say(_("{n} people match:").format(n=len(found)))
    labels = [_("{name}, {organisation}").format(name=m["name"], organisation=m["organisation"])
              if m["organisation"] else m["name"] for m in found]
    return found[asker.choose(_("Which one? Type its number:"), labels, "--member")]


# --- the end ------------------------------------------------------------------------------------------


def _recap(meeting, member, title, kind, minutes, summary, details, item_id) -> None:
    from store import vocab
    from store.export.words import meeting_when, minutes_text

    print(_("Thank you. Your item has been sent. The facilitator will decide whether it goes on the agenda."))
    print(_("What was sent:"))
    print(_("Meeting: {title}, {when}").format(title=meeting["title"], when=meeting_when(meeting)))
    print(_("Proposed by: {name}").format(name=member["name"]))
    print(named_line(member))
    print(_("Item: {title}").format(title=title))
    print(_("You want: {kind}").format(kind=vocab.label(vocab.ITEM_KINDS, kind)))
    print(_("Time asked for: {minutes}").format(minutes=minutes_text(minutes)))
    if summary:
        print(_("Summary: {summary}").format(summary=summary))
    if details:
        print(_("Details: {details}").format(details=details))
    print(_("Item id: {id}").format(id=item_id))


def named_line(member: dict[str, Any]) -> str:
    """Say whether the member's name will be on the agenda and in the minutes, as their consent on record says."""
    if member.get("consent_date"):
        return _("Your name will be on the agenda and in the minutes, as you agreed.")
    return _("Your name will not be on the agenda or in the minutes: you have not agreed to be named. "
             "Ask the facilitator if you want it to be.")
