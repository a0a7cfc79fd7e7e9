""""You said, we did" for one member, as HTML and Markdown, read back element by element."""

from __future__ import annotations

import stat

import pytest
from agenda_world import BUS_DECISION, BUS_TITLE, DECLINE_REASON, build_world
from html_tree import headings, parse, sections

from store import agenda, agenda_run, meetings
from store.errors import NotFound
from store.export.paper import render
from store.export.words import long_date
from store.export.you_said_we_did import export_you_said_we_did, you_said_we_did_paper

TODAY = long_date("2026-11-22")
LATER = long_date("2026-12-10")


@pytest.fixture
def world(store):
    return build_world(store)


def _page(world, member: str):
    text = export_you_said_we_did(world.store, member, "html")
    _doctype, root = parse(text)
    (main,) = root.find_all("main")
    return text, root, main


def _entry(main, title: str) -> dict[str, list]:
    """The blocks under one item's h2, grouped by the h3 they follow ('' for those before any h3)."""
    out: dict[str, list] = {}
    inside, current = False, ""
    for (level, text), body in sections(main):
        if level == 2:
            inside = text == title
            current = ""
            if inside:
                out[current] = body
        elif inside and level == 3:
            current = text
            out[current] = body
    assert out, f"no item called {title!r}"
    return out


def _lines(blocks) -> list[str]:
    out = []
    for block in blocks:
        if block.tag in ("ul", "ol"):
            out += [li.clean_text() for li in block.elements()]
        else:
            out.append(block.clean_text())
    return out


def test_page_is_in_the_current_language_with_headings_that_never_skip(world) -> None:
    text, root, main = _page(world, world.priya)
    (html,) = root.elements()
    assert html.attrs["lang"] == "en-GB"
    assert root.find_all("title")[0].text() == "You said, we did: Priya Shah"
    levels = [level for level, _t in headings(root)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:]))
    assert not root.find_all("table")


def test_items_come_newest_first_each_with_what_was_asked(world) -> None:
    _text, _root, main = _page(world, world.priya)
    assert [t for level, t in headings(main) if level == 2] == ["Young carers' breaks", BUS_TITLE]
    assert _lines(_entry(main, BUS_TITLE)[""]) == [f"You asked for a decision at Network meeting on {TODAY}."]


def test_accepted_item_says_the_decision_and_the_actions_with_you_among_the_owners(world) -> None:
    # Item 4 of 5: the running order starts with three standing items and ends with any other business.
    _text, _root, main = _page(world, world.priya)
    entry = _entry(main, BUS_TITLE)
    assert _lines(entry["What happened"]) == [
        f"Network meeting on {TODAY}: It is item 4 of 5 on the agenda.", f"The meeting decided: {BUS_DECISION}"]
    assert entry["What happened"][0].tag == "ol"
    assert _lines(entry["Actions"]) == [
        "Write to the council\nWho: you and 1 other member\nDue: Tuesday 15 December 2026\nNow: Open"]


def test_deferred_item_is_followed_to_the_later_meeting(world) -> None:
    _text, _root, main = _page(world, world.priya)
    assert _lines(_entry(main, "Young carers' breaks")["What happened"]) == [
        f"Network meeting on {TODAY}: It was moved to Steering group on {LATER}.",
        f"Steering group on {LATER}: The facilitator has not yet decided whether it goes on the agenda.",
        "There is no decision yet.",
    ]


def test_deferred_item_shows_the_decision_made_at_the_later_meeting(world) -> None:
    carried = world.items["breaks_later"]
    agenda.accept(world.store, carried)
    agenda_run.set_decision(world.store, carried, "Agreed: breaks in every school holiday.")
    _text, _root, main = _page(world, world.priya)
    assert _lines(_entry(main, "Young carers' breaks")["What happened"])[1:] == [
        f"Steering group on {LATER}: It is item 4 of 5 on the agenda.",
        "The meeting decided: Agreed: breaks in every school holiday.",
    ]


def test_merged_item_follows_the_item_it_joined_to_its_decision(world) -> None:
    _text, _root, main = _page(world, world.sian)
    entry = _entry(main, "Free bus travel for carers")
    assert _lines(entry["What happened"]) == [
        f"Network meeting on {TODAY}: It was joined with another item asking the same: {BUS_TITLE}.",
        f"Network meeting on {TODAY}: It is item 4 of 5 on the agenda.",
        f"The meeting decided: {BUS_DECISION}",
    ]
    # Priya Shah agreed to be named; Tom Hughes did not, so he is only counted.
    assert _lines(entry["Actions"]) == [
        "Write to the council\nWho: Priya Shah and 1 other member\nDue: Tuesday 15 December 2026\nNow: Open"]


def test_declined_item_gives_the_reason(world) -> None:
    text, _root, main = _page(world, world.dafydd)
    assert _lines(_entry(main, "Parking at the venue")["What happened"]) == [
        f"Network meeting on {TODAY}: It was not taken. The reason: {DECLINE_REASON}"]
    assert "The meeting decided" not in text


def test_earlier_item_shows_its_decision_and_how_each_action_stands_now(world) -> None:
    _text, _root, main = _page(world, world.sian)
    entry = _entry(main, "Hearing loops in GP surgeries")
    assert _lines(entry["What happened"]) == [
        f"Network meeting on {long_date('2026-10-01')}: It was item 4 of 5 on the agenda.",
        "The meeting decided: Agreed to survey the venues."]
    assert [line.split("\n")[-1] for line in _lines(entry["Actions"])] == [
        "Now: Open, overdue", "Now: Done: Sent on 20 November.", "Now: Open"]


def test_member_with_no_items_is_told_so(world) -> None:
    _text, _root, main = _page(world, world.tom)
    assert [e.clean_text() for e in main.elements()] == [
        "You said, we did", "For Tom Hughes.",
        "You have not asked for any items yet. When you do, this page will say what happened to them."]


def test_markdown_speaks_to_the_member_line_by_line(world) -> None:
    lines = render(you_said_we_did_paper(world.store, world.dafydd), "md").splitlines()
    assert lines == [
        "# You said, we did", "", "For Dafydd Evans.", "",
        "These are the items you asked for at meetings, newest first, and what happened to each one.", "",
        "## Parking at the venue", "", f"You asked for a discussion at Network meeting on {TODAY}.", "",
        "### What happened", "",
        f"1. Network meeting on {TODAY}: It was not taken. The reason: {DECLINE_REASON}",
    ]


def test_unknown_member_is_refused(world) -> None:
    with pytest.raises(NotFound):
        you_said_we_did_paper(world.store, "0000dead")


def test_written_file_is_private(world, tmp_path) -> None:
    target = tmp_path / "ysw.md"
    text = export_you_said_we_did(world.store, world.priya, "md", target)
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_accepted_item_at_a_past_meeting_with_no_decision_says_none_was_written(world) -> None:
    meeting = meetings.create_meeting(world.store, {"title": "Autumn meeting", "date": "05/11/2026"})
    item = agenda.propose(world.store, meeting, {"title": "Benches", "minutes_asked": 5, "proposer_id": world.tom})
    agenda.accept(world.store, item)
    _text, _root, main = _page(world, world.tom)
    assert _lines(_entry(main, "Benches")["What happened"]) == [
        f"Autumn meeting on {long_date('2026-11-05')}: It was item 4 of 5 on the agenda.",
        "No decision was written down for it.",
    ]


def test_accepted_item_says_where_it_stands_as_the_running_order_changes(world) -> None:
    def bus_line() -> str:
        _text, _root, main = _page(world, world.priya)
        return _lines(_entry(main, BUS_TITLE)["What happened"])[0]

    assert bus_line() == f"Network meeting on {TODAY}: It is item 4 of 5 on the agenda."
    agenda.accept(world.store, world.items["easy_read"])
    assert bus_line() == f"Network meeting on {TODAY}: It is item 4 of 6 on the agenda."
    welcome = next(i for i in agenda.agenda(world.store, world.today)["order"] if i["standing"] == "welcome")
    agenda.decline(world.store, welcome["id"], "We all know each other.")
    assert bus_line() == f"Network meeting on {TODAY}: It is item 3 of 5 on the agenda."
