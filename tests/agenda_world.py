"""A small network with a full agenda history, for the command line, import and paper tests.

Built only through store commands, so it holds exactly what the app would
write. Today is 22/11/2026 (the fixed clock of tests/cli_env.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store import actions, agenda, agenda_run, attendance, meetings, members
from store.db import Store

BUS_TITLE = "Bus passes <for> carers & PAs"
BUS_DECISION = "Agreed: the network will write to the council.\nStaff will draft the letter."
BUS_NOTES = "Members said fares are too high.\n\nThe council *may* help with [costs]."
DECLINE_REASON = "The venue is changing next year, so this can wait."


@dataclass
class World:
    store: Store
    # Meetings
    earlier: str = ""  # 01/10/2026 10:30-12:30, closed
    today: str = ""  # 22/11/2026 10:30-13:00 (150 minutes), open
    later: str = ""  # 10/12/2026 10:00-12:00, "Steering group", planned
    untimed: str = ""  # 15/01/2027, no times, planned
    # People: the ones marked * have not agreed to be named in papers
    priya: str = ""  # Priya Shah, priya@example.org
    patel: str = ""  # Priya Patel
    sian: str = ""  # Siân Jones, sian@example.org
    dafydd: str = ""  # * Dafydd Evans, dafydd@example.org
    tom: str = ""  # * Tom Hughes
    grace: str = ""  # Grace Okafor, staff
    items: dict[str, str] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)

    def count(self, table: str) -> int:
        """How many rows a table holds."""
        return self.store.one(f"SELECT COUNT(*) FROM {table}")[0]

    def changes(self) -> int:
        """How many changes the log holds: any write adds to it."""
        return self.count("changes")


NAMED = ("Priya Shah", "Priya Patel", "Siân Jones", "Grace Okafor")
NOT_NAMED = ("Dafydd Evans", "Tom Hughes")


def build_world(store: Store) -> World:
    """Make the network: four meetings, six people, and items, interests and actions at two meetings."""
    w = World(store)

    def person(name: str, consent: bool = True, **extra) -> str:
        return members.add_member(store, {"name": name, "consent_date": "10/01/2026" if consent else "", **extra})

    def meeting(date: str, start: str = "", end: str = "", title: str = "Network meeting") -> str:
        return meetings.create_meeting(store, {"title": title, "date": date, "start_time": start, "end_time": end})

    w.priya = person("Priya Shah", organisation="Riverside Carers Forum", email="priya@example.org")
    w.patel = person("Priya Patel", email="ppatel@example.org")
    w.sian = person("Siân Jones", email="sian@example.org")
    w.dafydd = person("Dafydd Evans", consent=False, email="dafydd@example.org")
    w.tom = person("Tom Hughes", consent=False)
    w.grace = person("Grace Okafor", member_type="staff")
    w.earlier = meeting("01/10/2026", "10:30", "12:30")
    w.today = meeting("22/11/2026", "10:30", "13:00")
    w.later = meeting("10/12/2026", "10:00", "12:00", "Steering group")
    w.untimed = meeting("15/01/2027")

    def propose(key: str, meeting_id: str, title: str, who: str, kind: str = "decision", minutes: int = 20) -> str:
        w.items[key] = agenda.propose(store, meeting_id, {"title": title, "kind": kind, "minutes_asked": minutes,
                                                          "proposer_id": who})
        return w.items[key]

    def action(key: str, description: str, owners: list[str], due: str, meeting_id: str, item: str | None) -> None:
        w.actions[key], _warnings = actions.add_action(store, {
            "description": description, "owners": owners, "due_date": due, "meeting_id": meeting_id, "item_id": item})

    # The earlier meeting: one item, decided, with three actions.
    meetings.set_status(store, w.earlier, "open")
    loops = propose("loops", w.earlier, "Hearing loops in GP surgeries", w.sian, minutes=15)
    agenda.accept(store, loops)
    agenda_run.set_decision(store, loops, "Agreed to survey the venues.")
    action("loops", "Check which venues have a working hearing loop", [w.sian, w.dafydd], "01/11/2026", w.earlier,
           loops)
    action("link", "Send members the consultation link", [w.grace], "15/11/2026", w.earlier, loops)
    action("figures", "Ask the council for figures", [w.priya], "01/12/2026", w.earlier, loops)
    meetings.set_status(store, w.earlier, "closed")

    # Today's meeting: register, triage, one item run and minuted.
    meetings.set_status(store, w.today, "open")
    for who, status in ((w.priya, "present"), (w.patel, "present"), (w.dafydd, "present"), (w.tom, "present"),
                        (w.grace, "present"), (w.sian, "apologies")):
        attendance.mark(store, w.today, who, status)
    bus = propose("bus", w.today, BUS_TITLE, w.priya)
    propose("free_bus", w.today, "Free bus travel for carers", w.sian, minutes=15)
    propose("parking", w.today, "Parking at the venue", w.dafydd, kind="discussion", minutes=10)
    propose("breaks", w.today, "Young carers' breaks", w.priya, minutes=15)
    propose("easy_read", w.today, "Easy Read letters", w.patel, kind="information", minutes=10)
    agenda.accept(store, bus)
    agenda.merge(store, w.items["free_bus"], bus)
    agenda.decline(store, w.items["parking"], DECLINE_REASON)
    w.items["breaks_later"] = agenda.defer(store, w.items["breaks"], w.later)
    agenda_run.set_notes(store, bus, BUS_NOTES)
    agenda_run.set_decision(store, bus, BUS_DECISION)
    agenda_run.declare_interest(store, bus, w.dafydd, "Works for the bus company")
    agenda_run.declare_interest(store, bus, w.grace, "")
    action("letter", "Write to the council", [w.priya, w.tom], "15/12/2026", w.today, bus)
    actions.close_action(store, w.actions["link"], "done", "Sent on 20 November.", w.today)
    return w
