"""What to arrange for a meeting: the access needs of the people expected, added up, from a real database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store import attendance, meetings, members
from store.access_summary import Need, need_line, summary_lines, what_to_arrange
from store.errors import CoprodError


@dataclass
class Network:
    store: object
    meeting: str
    people: dict[str, str]


def _person(store, name: str, *needs: tuple[str, str], **extra) -> str:
    return members.add_member(store, {"name": name, "consent_date": "10/01/2026",
                                      "access_needs": [{"kind": kind, "note": note} for kind, note in needs], **extra})


@pytest.fixture
def network(store) -> Network:
    """A hybrid meeting, open, with nine people whose needs and marks differ.

    Ann (not marked): BSL, vegan. Bob (present): BSL, hearing loop. Cai (present, remote): hearing loop,
    Vegan. Dee (apologies): gluten-free, quiet room. Eve (absent): vegan, large print. Fay (present):
    halal, PA. Gus (present with a supporter): no needs. Hal (inactive): BSL. Ivy (present, remote): Polish.
    """
    people = {
        "ann": _person(store, "Ann Lewis", ("bsl", ""), ("dietary", "vegan")),
        "bob": _person(store, "Bob Morgan", ("bsl", "Prefers two interpreters"), ("hearing_loop", "")),
        "cai": _person(store, "Cai Rees", ("hearing_loop", ""), ("dietary", " Vegan ")),
        "dee": _person(store, "Dee Price", ("dietary", "gluten-free"), ("quiet_room", "")),
        "eve": _person(store, "Eve Owen", ("dietary", "vegan"), ("large_print", "")),
        "fay": _person(store, "Fay Hughes", ("dietary", "halal"), ("pa", "")),
        "gus": _person(store, "Gus Bell"),
        "hal": _person(store, "Hal James", ("bsl", "")),
        "ivy": _person(store, "Ivy Nowak", ("language", "Polish")),
    }
    members.set_active(store, people["hal"], False)
    meeting = meetings.create_meeting(store, {"title": "Network meeting", "date": "22/11/2026", "start_time": "10:30",
                                              "end_time": "13:00", "mode": "hybrid", "venue": "Community Hall"})
    meetings.set_status(store, meeting, "open")
    for who in ("bob", "cai", "fay", "gus", "ivy"):
        attendance.mark(store, meeting, people[who], "present")
    attendance.mark(store, meeting, people["dee"], "apologies")
    attendance.mark(store, meeting, people["eve"], "absent")
    attendance.set_details(store, meeting, people["cai"], remote=True)
    attendance.set_details(store, meeting, people["ivy"], remote=True)
    attendance.set_details(store, meeting, people["gus"], supporter=True)
    return Network(store, meeting, people)


def _by_kind(network: Network) -> dict[str, Need]:
    return {need.kind: need for need in what_to_arrange(network.store, network.meeting).needs}


def test_people_expected_are_the_register_less_apologies_and_absent(network) -> None:
    summary = what_to_arrange(network.store, network.meeting)
    # Ann, Bob, Cai, Fay, Gus and Ivy; Dee sent apologies, Eve was absent, Hal is no longer a member.
    assert summary.expected == 6
    assert summary.remote == 2


def test_interpreters_add_up_per_person_and_people_not_coming_are_left_out(network) -> None:
    needs = _by_kind(network)
    assert needs["bsl"].count == 2 and not needs["bsl"].once  # Ann and Bob; not Hal, who is inactive
    assert "quiet_room" not in needs  # only Dee asked, and she sent apologies
    assert "large_print" not in needs  # only Eve, who was absent


def test_a_hearing_loop_is_needed_once_and_a_remote_persons_room_needs_are_left_out(network) -> None:
    needs = _by_kind(network)
    assert needs["hearing_loop"] == Need("hearing_loop", 1, once=True)
    cai = network.people["cai"]
    attendance.set_details(network.store, network.meeting, network.people["bob"], remote=True)
    # Bob joins remotely too: no one in the room needs the loop now.
    assert "hearing_loop" not in _by_kind(network)
    attendance.set_details(network.store, network.meeting, cai, remote=False)
    assert _by_kind(network)["hearing_loop"].count == 1


def test_dietary_needs_are_counted_and_each_note_listed_with_how_many_gave_it(network) -> None:
    dietary = _by_kind(network)["dietary"]
    # Ann (vegan) and Fay (halal); Cai's " Vegan " is left out, since he joins remotely.
    assert dietary.count == 2
    assert dietary.notes == (("halal", 1), ("vegan", 1))
    attendance.set_details(network.store, network.meeting, network.people["cai"], remote=False)
    dietary = _by_kind(network)["dietary"]
    assert dietary.count == 3
    # Spacing and capitals do not make a new note: the first way it was written is kept.
    assert dietary.notes == (("vegan", 2), ("halal", 1))


def test_needs_that_work_remotely_still_count_for_remote_people(network) -> None:
    language = _by_kind(network)["language"]
    assert (language.count, language.notes) == (1, (("Polish", 1),))


def test_coming_with_a_supporter_counts_as_a_pa_attending(network) -> None:
    pa = _by_kind(network)["pa"]
    assert pa.count == 2  # Fay, who said so, and Gus, marked on the register as coming with a supporter


def test_needs_come_longest_to_book_first_interpreters_then_rooms_then_food(network) -> None:
    kinds = [need.kind for need in what_to_arrange(network.store, network.meeting).needs]
    assert kinds == ["bsl", "language", "hearing_loop", "pa", "dietary"]


def test_a_remote_meeting_needs_nothing_in_a_room(network) -> None:
    meetings.update_meeting(network.store, network.meeting, {"mode": "remote"})
    summary = what_to_arrange(network.store, network.meeting)
    assert summary.remote == summary.expected == 6
    assert [need.kind for need in summary.needs] == ["bsl", "language"]
    lines = summary_lines(summary)
    assert lines[:2] == ["For 6 people expected.", "The meeting is remote, so nothing is needed in a room."]


def test_summary_lines_say_counts_and_kinds_and_never_names(network) -> None:
    lines = summary_lines(what_to_arrange(network.store, network.meeting))
    assert lines == [
        "For 6 people expected.",
        "2 of them are joining remotely: their needs in the room are left out.",
        "BSL interpreter: 2 people",
        "  Prefers two interpreters: 1 person",
        "Another language: 1 person",
        "  Polish: 1 person",
        "Hearing loop: needed",
        "PA attends: 2 people",
        "Dietary needs: 2 people",
        "  halal: 1 person",
        "  vegan: 1 person",
    ]
    text = "\n".join(lines)
    for name in ("Ann", "Bob", "Cai", "Fay", "Gus", "Ivy", "Lewis", "Morgan"):
        assert name not in text


def test_a_meeting_where_no_one_has_a_need_says_so(store) -> None:
    _person(store, "Zoe Evans")
    meeting = meetings.create_meeting(store, {"title": "Steering group", "date": "10/12/2026"})
    summary = what_to_arrange(store, meeting)
    assert (summary.expected, summary.needs) == (1, ())
    assert summary_lines(summary) == ["For 1 person expected.", "No one expected has told us of an access need."]


def test_need_line_in_welsh_uses_the_welsh_catalog(network) -> None:
    from store.i18n import _, in_language

    with in_language("cy"):
        line = need_line(Need("hearing_loop", 1, once=True))
        assert line.startswith(_("Hearing loop"))
        assert _("Hearing loop") != "Hearing loop"


def test_an_unknown_meeting_is_refused(store) -> None:
    with pytest.raises(CoprodError, match="There is no meeting with id 0000dead."):
        what_to_arrange(store, "0000dead")
