"""What to arrange for a meeting: the access needs of the people expected, added up.

For venues, caterers and interpreters: kinds and counts, never names. The
people counted are the register's (store/attendance.py) less anyone marked
apologies or absent. A need that each person brings (a BSL interpreter, an
Easy Read copy) adds up; a need the room meets once (a hearing loop, a quiet
room) is "needed" however many ask. Someone joining remotely needs nothing
from the room, so their in-room needs (the loop, parking, food) are left out;
at a remote meeting that is everyone. A note someone gave with a need
("vegan") is listed with how many gave it, so the caterer knows what to make.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store import vocab
from store.db import Store
from store.i18n import _, ngettext

# The order things are worth booking in, longest lead time first: interpreters
# and captioners are booked weeks ahead, Easy Read papers take time to write,
# then the room and what it must have, then printing, then food on the day.
# A kind added to vocab.ACCESS_NEEDS later goes at the end until placed here.
LEAD_TIME_ORDER = (
    "bsl", "lipspeaker", "speech_to_text", "language",
    "easy_read",
    "hearing_loop", "step_free", "quiet_room", "parking",
    "large_print", "pa", "breaks",
    "dietary",
    "other",
)
# Met once for the whole room, however many people need it.
ONCE_FOR_THE_ROOM = frozenset({"hearing_loop", "step_free", "quiet_room", "breaks"})
# Needs of the room itself: someone joining remotely does not need them.
IN_THE_ROOM = frozenset({"hearing_loop", "step_free", "quiet_room", "parking", "dietary", "pa"})
# People not coming: everyone else on the register is expected.
NOT_COMING = ("apologies", "absent")


@dataclass(frozen=True)
class Need:
    """One kind of need to arrange: how many (people, or 1 for the room) and the notes people gave."""

    kind: str
    count: int
    once: bool = False
    # (note as first written, how many people gave it), most often given first.
    notes: tuple[tuple[str, int], ...] = field(default=())

    @property
    def label(self) -> str:
        """The kind of need in words: 'BSL interpreter'."""
        return vocab.label(vocab.ACCESS_NEEDS, self.kind)


@dataclass(frozen=True)
class Arrangements:
    """What to arrange for one meeting, and for how many people."""

    meeting: dict
    expected: int
    remote: int
    needs: tuple[Need, ...]


def what_to_arrange(store: Store, meeting_id: str) -> Arrangements:
    """Return the access needs of the people expected at a meeting (its id or a unique prefix), added up."""
    from store.attendance import register_rows
    from store.meetings import get_meeting

    meeting = get_meeting(store, meeting_id)
    all_remote = meeting["mode"] == "remote"
    people: dict[str, set[str]] = {}
    notes: dict[str, dict[str, list]] = {}
    expected = remote = 0
    # Every row, not a page: -1 is SQLite's "no limit".
    for row in register_rows(store, meeting["id"], limit=-1):
        if row["status"] in NOT_COMING:
            continue
        expected += 1
        away = all_remote or bool(row["remote"])
        remote += away
        needs = list(row["access_needs"])
        if row["supporter"]:
            # Marked on the register as having come with a supporter: a seat and lunch for them too.
            needs.append({"kind": "pa", "note": ""})
        for need in needs:
            kind = need["kind"]
            if away and kind in IN_THE_ROOM:
                continue
            people.setdefault(kind, set()).add(row["member_id"])
            note = " ".join((need.get("note") or "").split())
            if note:
                seen = notes.setdefault(kind, {}).setdefault(note.casefold(), [note, set()])
                seen[1].add(row["member_id"])
    return Arrangements(meeting, expected, remote, tuple(_needs(people, notes)))


def _needs(people: dict[str, set[str]], notes: dict[str, dict[str, list]]) -> list[Need]:
    order = {kind: place for place, kind in enumerate(LEAD_TIME_ORDER)}
    out = []
    for kind in sorted(people, key=lambda k: (order.get(k, len(order)), k)):
        given = sorted(((text, len(who)) for text, who in notes.get(kind, {}).values()),
                       key=lambda pair: (-pair[1], pair[0].casefold()))
        once = kind in ONCE_FOR_THE_ROOM
        out.append(Need(kind, 1 if once else len(people[kind]), once, tuple(given)))
    return out


def how_many(need: Need) -> str:
    """Return the count in words: 'needed' for the room, else '2 people'."""
    if need.once:
        return _("needed")
    return ngettext("{n} person", "{n} people", need.count).format(n=need.count)


def need_line(need: Need) -> str:
    """Return one need as a line: 'BSL interpreter: 2 people', 'Hearing loop: needed'."""
    return _("{need}: {count}").format(need=need.label, count=how_many(need))


def note_line(note: str, count: int) -> str:
    """Return one note and how many gave it: 'vegan: 2 people'."""
    return _("{note}: {count}").format(note=note, count=ngettext("{n} person", "{n} people", count).format(n=count))


def count_lines(arrangements: Arrangements) -> list[str]:
    """Return how many people are expected, and how many of them join remotely, as lines."""
    lines = [ngettext("For {n} person expected.", "For {n} people expected.",
                      arrangements.expected).format(n=arrangements.expected)]
    if arrangements.meeting["mode"] == "remote":
        lines.append(_("The meeting is remote, so nothing is needed in a room."))
    elif arrangements.remote:
        lines.append(ngettext("{n} of them is joining remotely: their needs in the room are left out.",
                              "{n} of them are joining remotely: their needs in the room are left out.",
                              arrangements.remote).format(n=arrangements.remote))
    return lines


def need_lines(arrangements: Arrangements) -> list[str]:
    """Return each need as a line with its notes indented under it, or a line saying there are none."""
    if not arrangements.needs:
        return [_("No one expected has told us of an access need.")]
    lines = []
    for need in arrangements.needs:
        lines.append(need_line(need))
        lines += ["  " + note_line(note, count) for note, count in need.notes]
    return lines


def summary_lines(arrangements: Arrangements) -> list[str]:
    """Return what to arrange as plain lines, for a terminal or the screen."""
    return [*count_lines(arrangements), *need_lines(arrangements)]
