"""How the agenda reads on screen: times, the totals line, the timer line and each item's cells.

Pure functions of what the store returns, so the words can be checked for a
given moment without running the app or waiting for the clock.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from store import vocab
from store.i18n import N_, _, babel_locale, ngettext

KIND_CHOICES = {
    "decision": N_("A decision: the meeting agrees what to do"),
    "discussion": N_("A discussion: hear what people think"),
    "information": N_("Information: tell people something"),
}


def minutes_text(minutes: int | None) -> str:
    """Return a length of time as '1 h 45 min', '2 h' or '45 min'."""
    minutes = max(0, int(minutes or 0))
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{h} h {m} min").format(h=hours, m=rest)
    if hours:
        return _("{h} h").format(h=hours)
    return _("{m} min").format(m=rest)


def seconds_text(seconds: int | None) -> str:
    """Return time used as '4 min 5 s', or '1 h 12 min' from an hour on."""
    seconds = max(0, int(seconds or 0))
    if seconds >= 3600:
        return minutes_text(seconds // 60)
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return _("{m} min {s} s").format(m=minutes, s=rest)
    if minutes:
        return _("{m} min").format(m=minutes)
    return _("{s} s").format(s=rest)


def day_month(iso: str | None) -> str:
    """Return '10 Nov' for an ISO date or timestamp."""
    if not iso:
        return ""
    return _day_month(iso[:10], str(babel_locale()))


@lru_cache(maxsize=512)
def _day_month(day: str, locale: str) -> str:
    # An agenda shows the same few dates on every line; babel takes a while over each.
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(day), "d MMM", locale=locale)


def summary_line(data: dict[str, Any]) -> tuple[str, bool]:
    """Return the line that is always on screen: the agenda's total against the meeting, and any overrun.

    The second value says whether the agenda is longer than the meeting.
    """
    total, length = data["total_minutes"], data["meeting_minutes"]
    parts = []
    if length is None:
        parts.append(_("Agenda {total}. The meeting has no end time: press F2 to set one.").format(
            total=minutes_text(total)))
    else:
        parts.append(_("Agenda {total} of {length}").format(total=minutes_text(total), length=minutes_text(length)))
    if data["overrun"]:
        parts.append(_("⚠ Too long by {over}: shorten items or move some to a later meeting").format(
            over=minutes_text(total - length)))
    return " · ".join(parts), bool(data["overrun"])


def timer_line(timer: dict[str, Any] | None, status: str, started: bool, finished: bool) -> tuple[str, bool]:
    """Return the timer line for the running item and the meeting, in words; and whether anything is over time.

    `timer` is what store.agenda_run.timer() returns (None before any item has
    started); `started` says whether any item has started, `finished` whether
    every item has ended.
    """
    if status == "closed":
        return _("This meeting is closed."), False
    if timer is None or not started:
        return _("Not started yet: s starts the item under the cursor, n starts from the top."), False
    used, allowed = timer["meeting_used_seconds"], timer["meeting_allowed_seconds"]
    if timer["meeting_over"]:
        meeting = _("⚠ Meeting over time by {over} ({used} of {allowed})").format(
            over=seconds_text(used - allowed), used=seconds_text(used), allowed=seconds_text(allowed))
    else:
        meeting = _("Meeting {used} of {allowed}").format(used=seconds_text(used), allowed=seconds_text(allowed))
    if timer["item_id"]:
        item_used, item_allowed = timer["item_used_seconds"], timer["item_allowed_seconds"]
        if timer["item_over"]:
            item = _("⚠ On now: {title}, over its time by {over} ({used} of {allowed})").format(
                title=timer["item_title"], over=seconds_text(item_used - item_allowed),
                used=seconds_text(item_used), allowed=seconds_text(item_allowed))
        else:
            item = _("▶ On now: {title}, {used} of {allowed}").format(
                title=timer["item_title"], used=seconds_text(item_used), allowed=seconds_text(item_allowed))
        return f"{item} · {meeting}", bool(timer["item_over"] or timer["meeting_over"])
    if finished:
        return _("✓ Every item has ended. {meeting}. Press F3 to close the meeting.").format(meeting=meeting), \
            bool(timer["meeting_over"])
    return _("No item on now. {meeting}. Press n to start the next item.").format(meeting=meeting), \
        bool(timer["meeting_over"])


# --- the rows of the agenda table ----------------------------------------------------


def proposer_text(item: dict[str, Any]) -> str:
    """Return who proposed an item: 'Megan Osei', 'Megan Osei and 1 more', or 'Standing item'."""
    if item["standing"]:
        return _("Standing item")
    names = [p["name"] for p in item.get("proposers") or []] or [item["proposer_name"] or ""]
    if len(names) > 1:
        return ngettext("{name} and {n} more", "{name} and {n} more", len(names) - 1).format(
            name=names[0], n=len(names) - 1)
    return names[0]


def state_text(item: dict[str, Any]) -> str:
    """Return an item's state in a symbol and words (never colour alone)."""
    status = item["status"]
    if status == "proposed":
        if item["carried_from"]:
            return _("↻ Moved from {date}").format(date=day_month(item["carried_from_date"]))
        return _("Proposed {date}").format(date=day_month(item["proposed_at"]))
    if status == "accepted":
        if item["started_at"] and not item["ended_at"]:
            return _("▶ On now")
        if item["ended_at"]:
            return _("✓ Ended")
        return ""
    if status == "declined":
        return _("✗ Declined")
    if status == "deferred":
        return _("→ Moved to {date}").format(date=day_month(item["deferred_to_date"]))
    return _("⇢ Joined with another item")


def item_cells(item: dict[str, Any]) -> list[str]:
    """Return the cells of an item's row: item, proposed by, kind, time, state."""
    title = item["display_title"]
    if item.get("number"):
        title = _("{n}. {title}").format(n=item["number"], title=title)
    minutes = item["minutes_allowed"] if item["status"] == "accepted" else item["minutes_asked"]
    return [title, proposer_text(item), vocab.label(vocab.ITEM_KINDS, item["kind"]), minutes_text(minutes),
            state_text(item)]


def detail_lines(item: dict[str, Any] | None, meeting_status: str, arising: int = 0) -> list[str]:
    """Return three lines about the item under the cursor: what it is, what became of it, and its keys.

    `arising` is how many open actions from earlier meetings come up under matters arising.
    """
    if item is None:
        return [_("Nothing here yet. Press p to propose an item."), "", ""]
    who = ", ".join(
        p["name"] + (f" ({item['proposer_organisation']})" if k == 0 and item["proposer_organisation"] else "")
        for k, p in enumerate(item.get("proposers") or [])
    )
    kind = vocab.label(vocab.ITEM_KINDS, item["kind"])
    first = _("{title} · {kind} · proposed by {who}").format(title=item["display_title"], kind=kind, who=who) \
        if who else _("{title} · {kind}").format(title=item["display_title"], kind=kind)
    second = _second_line(item)
    if item["standing"] == "matters_arising" and arising:
        second = ngettext("{n} open action from earlier meetings comes up here.",
                          "{n} open actions from earlier meetings come up here.", arising).format(n=arising)
    return [first, second, keys_hint(item, meeting_status)]


def _second_line(item: dict[str, Any]) -> str:
    status = item["status"]
    if status == "declined":
        return _("✗ Declined: {reason}").format(reason=item["decline_reason"] or "")
    if status == "deferred":
        return _("→ Moved to {meeting} on {date}. That meeting decides on it.").format(
            meeting=item["deferred_to_title"] or "", date=day_month(item["deferred_to_date"]))
    if status == "merged":
        return _("⇢ Joined with “{title}”. Both proposers are kept.").format(title=item["merged_into_title"] or "")
    bits = []
    if status == "accepted":
        if item["minutes_allowed"] != item["minutes_asked"]:
            bits.append(_("Given {given} (asked for {asked})").format(
                given=minutes_text(item["minutes_allowed"]), asked=minutes_text(item["minutes_asked"])))
        else:
            bits.append(_("Given {given}").format(given=minutes_text(item["minutes_allowed"])))
        if item["interests"]:
            bits.append(_("Interests: {names}").format(names=", ".join(
                i["name"] + (f" ({i['note']})" if i["note"] else "") for i in item["interests"])))
        if item["decision"]:
            bits.append(_("Decision: {text}").format(text=" ".join(item["decision"].split())))
    elif item["carried_from"]:
        bits.append(_("Moved here from {meeting} on {date}").format(
            meeting=item["carried_from_title"] or "", date=day_month(item["carried_from_date"])))
    if item["summary"]:
        bits.append(" ".join(item["summary"].split()))
    return " · ".join(bits)


def keys_hint(item: dict[str, Any], meeting_status: str) -> str:
    """Return the keys that work on this item, in words."""
    if meeting_status == "closed":
        return _("This meeting is closed: press Ctrl+O to reopen it and change the agenda.")
    if item["status"] == "proposed":
        return _("a accept · d decline · f later meeting · g join with another · e edit")
    if item["status"] == "accepted":
        return _("s start · n next · Enter minutes · t time · Ctrl+↑/↓ move · i interest · f later meeting · e edit")
    if item["status"] == "declined":
        return _("a accept after all")
    return ""
