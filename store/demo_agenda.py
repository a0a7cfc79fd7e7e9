"""The demo network's agendas, minutes and actions, the same for the same seed.

Past meetings get their standing items and a few members' items, run and
minuted, some declined and one moved on to today's meeting, with actions that
were done, dropped or are still open. Today's meeting gets proposals waiting
for the facilitator (one a near-duplicate of another) and some accepted items.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from store import changes
from store.agenda import STANDING, add_standing_items
from store.ids import link_id, new_id

# (title, kind, minutes, plain-language summary)
TOPICS = (
    ("Bus passes for carers", "decision", 20, "Carers should travel free when they travel with the person they care for."),
    ("Easy Read versions of council letters", "decision", 15, "Letters about care should come in Easy Read too."),
    ("Waiting times for care assessments", "discussion", 25, "People wait months for an assessment. What can we ask for?"),
    ("Changing places toilets in the town centre", "discussion", 15, "There is only one, and it is often locked."),
    ("Update from the mental health partnership board", "information", 10, None),
    ("Direct payments: paying personal assistants on time", "discussion", 20, "Some PAs were paid late this year."),
    ("Carers' breaks over the summer holidays", "decision", 15, "Young carers need breaks when school is out."),
    ("Feedback on the new hospital discharge leaflet", "discussion", 15, None),
    ("Hearing loops in GP surgeries", "decision", 10, "Many loops are broken or switched off."),
    ("Money for members' travel to meetings", "information", 10, "How expenses are paid, and how fast."),
    ("Online meetings: what works for you", "discussion", 20, None),
    ("Co-chair for next year", "decision", 10, "Who would like to co-chair with the chair next year?"),
)
DUPLICATE = ("Free bus travel for carers", "decision", 15, "Carers travelling with someone should not pay the fare.")
DECLINE_REASONS = (
    "The health board is consulting on this next month. We will share how to take part.",
    "This was decided at the steering group. The notes are on the website.",
    "There is not enough time at this meeting. Please bring it to the working group.",
)
DECISIONS = (
    "Agreed: the network will write to the council asking for this.",
    "Agreed to set up a small group to look into it and report back.",
    "Agreed to ask the service to come and speak at the next meeting.",
    "Noted. No decision needed.",
)
NOTES = (
    "Members shared their experiences. Several people said this affects them every week.",
    "The chair summed up the points made. Staff will check the facts before the next meeting.",
    "A member said the information needs to be in other languages too.",
)
ACTIONS = (
    "Write to the council's head of adult services",
    "Find out who runs the service and invite them",
    "Send members the consultation link",
    "Check which venues have a working hearing loop",
    "Draft a short survey for members",
    "Share the notes in Easy Read",
)
INTERESTS = ("Works for the provider discussed", "Sits on the partnership board", "Family member uses this service")
BASE_MS = 1_767_225_600_000 + 50_000_000  # after the demo's other ids, the same for every run


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.n = rng, 0

    def __call__(self) -> str:
        self.n += 1
        return new_id(BASE_MS + self.n, self.rng.randbytes(10))


def _stamp(date: str, hhmm: str) -> str:
    return f"{date}T{hhmm}:00+00:00"


def _later(stamp: str, minutes: int) -> str:
    return (dt.datetime.fromisoformat(stamp) + dt.timedelta(minutes=minutes)).isoformat()


class _Agendas:
    def __init__(self, conn: sqlite3.Connection, seed: int) -> None:
        self.conn = conn
        self.rng = random.Random(f"agenda-{seed}")
        self.ids = _Ids(self.rng)
        people = conn.execute(
            "SELECT id, member_type FROM members WHERE active = 1 AND member_type != 'guest' ORDER BY id"
        ).fetchall()
        self.staff = [r[0] for r in people if r[1] == "staff"]
        self.members = [r[0] for r in people if r[1] != "staff"]
        self.items = self.actions = 0
        self.carried: tuple | None = None

    def item(self, meeting: str, topic: tuple, proposer: str, at: str, **extra) -> str:
        title, kind, minutes, summary = topic
        item_id = self.ids()
        changes.record(self.conn, "agenda_items", item_id, {
            "meeting_id": meeting, "title": title, "kind": kind, "minutes_asked": minutes, "summary": summary,
            "details": None, "proposer_id": proposer, "proposed_at": at, "source": "member", "standing": None,
            "carried_from": None, "status": "proposed", **extra,
        })
        self.items += 1
        return item_id

    def order(self, meeting: str, accepted: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Place accepted items before 'any other business'; return the whole running order."""
        running = [(link_id(meeting, "standing", code), minutes) for code, _kind, minutes, _pos in STANDING]
        for k, (item_id, minutes) in enumerate(accepted):
            changes.record(self.conn, "agenda_items", item_id, {"position": 40 + 10 * k, "minutes_allowed": minutes})
        changes.record(self.conn, "agenda_items", running[-1][0],
                       {"position": 40 + 10 * len(accepted), "minutes_allowed": running[-1][1]})
        return running[:3] + accepted + running[3:]

    def action(self, meeting: str, item: str, date: str, owners: list[str], closed: tuple | None) -> None:
        action_id = self.ids()
        due = (dt.date.fromisoformat(date) + dt.timedelta(days=self.rng.choice((14, 28, 42, 90)))).isoformat()
        status = {"status": "open", "status_note": None, "closed_at": None, "closed_meeting_id": None}
        if closed:
            how, note, at_meeting, at_date = closed
            status = {"status": how, "status_note": note, "closed_at": _stamp(at_date, "11:00"),
                      "closed_meeting_id": at_meeting}
        changes.record(self.conn, "actions", action_id, {
            "meeting_id": meeting, "item_id": item, "description": self.rng.choice(ACTIONS), "due_date": due,
            "created_at": _stamp(date, "12:30"), **status,
        })
        for owner in dict.fromkeys(owners):
            changes.record(self.conn, "action_owners", link_id(action_id, owner), {"action_id": action_id, "member_id": owner})
        self.actions += 1

    def past(self, index: int, meeting: tuple, later: list[tuple], carry_to: str | None) -> None:
        meeting_id, date = meeting[0], meeting[1]
        rng = self.rng
        topics = rng.sample(TOPICS, rng.randint(2, 5))
        accepted: list[tuple[str, int]] = []
        for k, topic in enumerate(topics):
            # The first meeting's first item is always minuted, with an interest and
            # actions, so that even a small demo shows each of them.
            first = index == 0 and k == 0
            proposer = rng.choice(self.members)
            at = _stamp((dt.date.fromisoformat(date) - dt.timedelta(days=20 - k)).isoformat(), "09:15")
            if k == len(topics) - 1 and carry_to:
                item_id = self.item(meeting_id, topic, proposer, at, status="deferred", deferred_to=carry_to)
                self.item(carry_to, topic, proposer, at, carried_from=item_id)
                self.carried = topic
            elif (k == 1 and index == 0) or (not first and rng.random() < 0.15):
                self.item(meeting_id, topic, proposer, at, status="declined", decline_reason=rng.choice(DECLINE_REASONS))
            else:
                item_id = self.item(meeting_id, topic, proposer, at, status="accepted",
                                    notes=rng.choice(NOTES), decision=rng.choice(DECISIONS))
                accepted.append((item_id, topic[2]))
                if first or rng.random() < 0.2:
                    person = rng.choice(self.members + self.staff)
                    changes.record(self.conn, "agenda_interests", link_id(item_id, person),
                                   {"item_id": item_id, "member_id": person, "note": rng.choice(INTERESTS)})
                if first:
                    # One done at the next meeting, one still open (and by now overdue).
                    closings = [("done", None, *later[0][:2]) if later else None, None]
                else:
                    closings = [self._closing(later) for _n in range(rng.choice((0, 1, 1, 2)))]
                for closing in closings:
                    self.action(meeting_id, item_id, date, [rng.choice(self.staff), proposer], closing)
        clock = _stamp(date, "10:30")
        for item_id, minutes in self.order(meeting_id, accepted):
            ended = _later(clock, minutes + rng.randint(-2, 4))
            changes.record(self.conn, "agenda_items", item_id, {"started_at": clock, "ended_at": ended})
            clock = ended

    def _closing(self, later: list[tuple]) -> tuple | None:
        """How an action ended: at one of the later past meetings, or not yet."""
        roll = self.rng.random()
        if not later or roll < 0.4:
            return None
        at = later[0] if roll < 0.85 else self.rng.choice(later)
        if roll > 0.93:
            return ("dropped", "The service closed, so this is no longer needed.", at[0], at[1])
        return ("done", None, at[0], at[1])

    def today(self, meeting_id: str, date: str) -> None:
        rng = self.rng

        def at(days: int) -> str:
            return _stamp((dt.date.fromisoformat(date) - dt.timedelta(days=days)).isoformat(), "14:00")

        topics = rng.sample([t for t in TOPICS if t not in (TOPICS[0], self.carried)], 5)
        self.item(meeting_id, TOPICS[0], rng.choice(self.members), at(12))
        self.item(meeting_id, DUPLICATE, rng.choice(self.members), at(9))
        self.item(meeting_id, topics[0], rng.choice(self.members), at(6))
        accepted = []
        for k, topic in enumerate(topics[1:3]):
            item_id = self.item(meeting_id, topic, rng.choice(self.members), at(20 - k), status="accepted")
            accepted.append((item_id, topic[2]))
        self.order(meeting_id, accepted)


def add_agendas(conn: sqlite3.Connection, seed: int) -> dict[str, int]:
    """Give every demo meeting its agenda, and past ones their minutes and actions; return the counts."""
    made = _Agendas(conn, seed)
    meetings = conn.execute("SELECT id, date, status FROM meetings ORDER BY date, id").fetchall()
    past = [tuple(m) for m in meetings if m[2] == "closed"]
    upcoming = [m for m in meetings if m[2] != "closed"]
    for meeting in meetings:
        add_standing_items(conn, meeting[0])
    today = upcoming[0][0] if upcoming else None
    for index, meeting in enumerate(past):
        made.past(index, meeting, past[index + 1:], today if index == len(past) - 1 else None)
    if today:
        made.today(today, upcoming[0][1])
    return {"agenda_items": made.items + 4 * len(meetings), "actions": made.actions}
