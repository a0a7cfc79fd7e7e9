"""Agenda and action commands for the change-log property tests, picked by small integers.

Mixed into test_changes.Driver, which supplies `store`, `_pick`, `member_ids`,
`meeting_ids`, `item_ids` and `action_ids`, and checks that a refused command
writes nothing.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from store import actions, agenda, agenda_run
from store.ids import link_id

ITEM_TITLES = ["Bus passes for carers", "", "  Easy Read   letters ", "x" * 250, "Hearing loops"]
ITEM_MINUTES = [10, 0, -5, "20", 151, 45, "ten", 5]
ITEM_KINDS = ["decision", "Discussion", "information", "rant"]
SOURCES = ["member", "floor", "import", "standing", "member"]
ALLOWED = [None, 5, 0, "15", 30]
REASONS = ["", "The council is consulting on this next month.", "   "]
TEXTS = ["", "Members said the buses are late.\n\nAgreed to write.", "x" * 20_001, "Noted."]
INTEREST_NOTES = ["", "Works for the bus company", "x" * 400]
ACTION_TEXTS = ["Write to the council", "", "Book the hall"]
DUE_DATES = ["", "01/11/2026", "20/12/2026", "31/02/2026"]
CLOSINGS = [("done", ""), ("dropped", ""), ("dropped", "No longer needed"), ("open", ""), ("Done", "Sent")]
STANDING_CODES = ("welcome", "apologies", "matters_arising", "aob")


def standing_ids(meeting_id: str) -> list[str]:
    """The ids of a new meeting's standing items, in running order."""
    return [link_id(meeting_id, "standing", code) for code in STANDING_CODES]


class AgendaOps:
    """The agenda and action commands a facilitator and members use."""

    def _item(self, which: int) -> str | None:
        return self._pick(self.item_ids, which)

    def op_propose(self, which: int, who: int, title: int, minutes: int, kind: int, source: int) -> None:
        meeting, member = self._pick(self.meeting_ids, which), self._pick(self.member_ids, who)
        if meeting is None or member is None:
            return
        self.item_ids.append(agenda.propose(self.store, meeting, {
            "title": self._pick(ITEM_TITLES, title), "minutes_asked": self._pick(ITEM_MINUTES, minutes),
            "kind": self._pick(ITEM_KINDS, kind), "proposer_id": member, "source": self._pick(SOURCES, source),
        }))

    def op_edit_item(self, which: int, title: int, minutes: int) -> None:
        if item := self._item(which):
            agenda.edit_item(self.store, item, {"title": self._pick(ITEM_TITLES, title),
                                                "minutes_asked": self._pick(ITEM_MINUTES, minutes)})

    def op_accept(self, which: int, allowed: int) -> None:
        if item := self._item(which):
            agenda.accept(self.store, item, self._pick(ALLOWED, allowed))

    def op_decline(self, which: int, reason: int) -> None:
        if item := self._item(which):
            agenda.decline(self.store, item, self._pick(REASONS, reason))

    def op_defer(self, which: int, to: int) -> None:
        item, meeting = self._item(which), self._pick(self.meeting_ids, to)
        if item and meeting:
            self.item_ids.append(agenda.defer(self.store, item, meeting))

    def op_merge(self, which: int, into: int) -> None:
        item, other = self._item(which), self._item(into)
        if item and other:
            agenda.merge(self.store, item, other)

    def op_move(self, which: int, up: bool) -> None:
        if item := self._item(which):
            agenda_run.move(self.store, item, -1 if up else 1)

    def op_timebox(self, which: int, minutes: int) -> None:
        if item := self._item(which):
            agenda_run.timebox(self.store, item, self._pick(ITEM_MINUTES, minutes))

    def op_start(self, which: int) -> None:
        if item := self._item(which):
            agenda_run.start_item(self.store, item)

    def op_end(self, which: int) -> None:
        if item := self._item(which):
            agenda_run.end_item(self.store, item)

    def op_next(self, which: int) -> None:
        if meeting := self._pick(self.meeting_ids, which):
            agenda_run.next_item(self.store, meeting)

    def op_notes(self, which: int, text: int, decision: bool) -> None:
        if item := self._item(which):
            command = agenda_run.set_decision if decision else agenda_run.set_notes
            command(self.store, item, self._pick(TEXTS, text))

    def op_interest(self, which: int, who: int, note: int, withdraw: bool) -> None:
        item, member = self._item(which), self._pick(self.member_ids, who)
        if item and member:
            if withdraw:
                agenda_run.withdraw_interest(self.store, item, member)
            else:
                agenda_run.declare_interest(self.store, item, member, self._pick(INTEREST_NOTES, note))

    def op_add_action(self, which: int, item: int, owners: tuple, text: int, due: int, on_item: bool) -> None:
        people = [self._pick(self.member_ids, o) for o in owners if self.member_ids]
        data = {"description": self._pick(ACTION_TEXTS, text), "owners": people, "due_date": self._pick(DUE_DATES, due)}
        if on_item and self.item_ids:
            data["item_id"] = self._item(item)
        elif self.meeting_ids:
            data["meeting_id"] = self._pick(self.meeting_ids, which)
        self.action_ids.append(actions.add_action(self.store, data)[0])

    def op_edit_action(self, which: int, owners: tuple, text: int, due: int) -> None:
        if action := self._pick(self.action_ids, which):
            actions.edit_action(self.store, action, {
                "owners": [self._pick(self.member_ids, o) for o in owners],
                "description": self._pick(ACTION_TEXTS, text), "due_date": self._pick(DUE_DATES, due),
            })

    def op_close_action(self, which: int, closing: int, meeting: int) -> None:
        if action := self._pick(self.action_ids, which):
            status, note = self._pick(CLOSINGS, closing)
            actions.close_action(self.store, action, status, note, meeting_id=self._pick(self.meeting_ids, meeting))

    def op_reopen_action(self, which: int) -> None:
        if action := self._pick(self.action_ids, which):
            actions.reopen_action(self.store, action)


_i = st.integers(min_value=0, max_value=40)
_owners = st.lists(_i, min_size=0, max_size=3).map(tuple)
AGENDA_OPERATIONS = [
    st.tuples(st.just("propose"), _i, _i, _i, _i, _i, _i),
    st.tuples(st.just("edit_item"), _i, _i, _i),
    st.tuples(st.just("accept"), _i, _i),
    st.tuples(st.just("decline"), _i, _i),
    st.tuples(st.just("defer"), _i, _i),
    st.tuples(st.just("merge"), _i, _i),
    st.tuples(st.just("move"), _i, st.booleans()),
    st.tuples(st.just("timebox"), _i, _i),
    st.tuples(st.just("start"), _i),
    st.tuples(st.just("end"), _i),
    st.tuples(st.just("next"), _i),
    st.tuples(st.just("notes"), _i, _i, st.booleans()),
    st.tuples(st.just("interest"), _i, _i, _i, st.booleans()),
    st.tuples(st.just("add_action"), _i, _i, _owners, _i, _i, st.booleans()),
    st.tuples(st.just("edit_action"), _i, _owners, _i, _i),
    st.tuples(st.just("close_action"), _i, _i, _i),
    st.tuples(st.just("reopen_action"), _i),
]

AGENDA_KINDS = [
    "propose", "propose", "edit_item", "accept", "accept", "decline", "defer", "merge", "move", "move", "timebox",
    "start", "end", "next", "next", "notes", "interest", "add_action", "add_action", "edit_action", "close_action",
    "reopen_action",
]


def random_agenda_operation(rng: random.Random, kind: str) -> tuple:
    """One agenda or action operation of `kind`, like AGENDA_OPERATIONS draws, from a seeded generator."""
    i = lambda: rng.randint(0, 200)  # noqa: E731
    owners = lambda: tuple(i() for _ in range(rng.randint(0, 3)))  # noqa: E731
    flag = lambda: rng.random() < 0.5  # noqa: E731
    return {
        "propose": lambda: (kind, i(), i(), i(), i(), i(), i()),
        "edit_item": lambda: (kind, i(), i(), i()),
        "accept": lambda: (kind, i(), i()),
        "decline": lambda: (kind, i(), i()),
        "defer": lambda: (kind, i(), i()),
        "merge": lambda: (kind, i(), i()),
        "move": lambda: (kind, i(), flag()),
        "timebox": lambda: (kind, i(), i()),
        "start": lambda: (kind, i()),
        "end": lambda: (kind, i()),
        "next": lambda: (kind, i()),
        "notes": lambda: (kind, i(), i(), flag()),
        "interest": lambda: (kind, i(), i(), i(), flag()),
        "add_action": lambda: (kind, i(), i(), owners(), i(), i(), flag()),
        "edit_action": lambda: (kind, i(), owners(), i(), i()),
        "close_action": lambda: (kind, i(), i(), i()),
        "reopen_action": lambda: (kind, i()),
    }[kind]()
