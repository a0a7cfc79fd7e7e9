"""The minutes of a meeting as HTML and Markdown, read back element by element and line by line."""

from __future__ import annotations

import stat

import pytest
from agenda_world import BUS_DECISION, BUS_NOTES, BUS_TITLE, DECLINE_REASON, NAMED, NOT_NAMED, build_world
from html_tree import headings, parse, sections

from store import agenda, meetings
from store.export.minutes import export_minutes, minutes_paper
from store.export.paper import Heading, Paper, check_outline, render
from store.export.paper_md import escape_md
from store.export.words import long_date


@pytest.fixture
def world(store):
    return build_world(store)


@pytest.fixture
def page(world):
    """The HTML minutes of today's meeting: (the text, the doctype, <html>)."""
    text = render(minutes_paper(world.store, world.today), "html")
    doctype, root = parse(text)
    (html,) = root.elements()
    return text, doctype, html


def _main(html):
    (main,) = html.find_all("main")
    return main


def _section(html, level: int, title: str):
    found = [body for (lvl, text), body in sections(_main(html)) if (lvl, text) == (level, title)]
    assert len(found) == 1, f"one h{level} {title!r}"
    return found[0]


def _items_of(elements) -> list[str]:
    return [li.clean_text() for e in elements if e.tag in ("ul", "ol") for li in e.elements()]


# --- the page --------------------------------------------------------------------------------------


def test_page_is_a_whole_document_in_the_current_language_with_a_title(page, world) -> None:
    text, doctype, html = page
    assert text.startswith("<!doctype html>\n")
    assert doctype.lower() == "doctype html"
    assert html.tag == "html" and html.attrs["lang"] == "en-GB"
    (head, body) = html.elements()
    assert [e.tag for e in head.elements()] == ["meta", "meta", "title", "style"]
    assert head.elements()[0].attrs == {"charset": "utf-8"}
    assert head.find_all("title")[0].text() == "Minutes: Network meeting, Sunday 22 November 2026"
    assert [e.tag for e in body.elements()] == ["main"]


def test_headings_go_down_one_level_at_a_time_from_a_single_h1(page) -> None:
    levels = [level for level, _text in headings(page[2])]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"h{after} after h{before}"


def test_no_tables_no_inline_styles_and_the_style_sheet_zooms_and_prints(page) -> None:
    text, _doctype, html = page
    assert not html.find_all("table", "td", "th", "font")
    assert all("style" not in e.attrs and "color" not in e.attrs for e in html.iter())
    (style,) = html.find_all("style")
    css = style.text()
    assert "px" not in css, "fixed pixel sizes do not grow at 200% zoom"
    assert "max-width: 70ch" in css
    assert "@media print" in css
    assert "color" not in css, "nothing in the minutes is told by colour"


def test_every_item_in_running_order_is_a_numbered_h3(page, world) -> None:
    order = agenda.agenda(world.store, world.today)["order"]
    expected = [f"{n}. {item['display_title']}" for n, item in enumerate(order, start=1)]
    assert [text for level, text in headings(page[2]) if level == 3] == expected
    assert f"4. {BUS_TITLE}" in expected


def test_text_is_escaped_and_reads_back_exactly(page) -> None:
    text, _doctype, html = page
    assert "Bus passes &lt;for&gt; carers &amp; PAs" in text
    assert "<for>" not in text
    assert f"4. {BUS_TITLE}" in [t for _l, t in headings(html)]


def test_item_shows_proposers_kind_time_interests_notes_decision_and_actions(page, world) -> None:
    html = page[2]
    assert _items_of(_section(html, 3, f"4. {BUS_TITLE}")) == [
        "Proposed by: Priya Shah and Siân Jones", "For a decision", "Time given: 20 minutes"]
    assert _items_of(_section(html, 4, "Declarations of interest")) == [
        "A member declared an interest: Works for the bus company", "Grace Okafor declared an interest."]
    notes = _section(html, 4, "Notes")
    assert [p.clean_text() for p in notes] == BUS_NOTES.split("\n\n")
    (decision,) = _section(html, 4, "Decision")
    assert decision.tag == "p" and decision.clean_text() == BUS_DECISION
    assert len(decision.find_all("br")) == 1, "the line break typed in the decision is kept"
    actions_shown = [body for (lvl, text), body in sections(_main(html)) if (lvl, text) == (4, "Actions")]
    assert _items_of(actions_shown[0]) == [
        "Write to the council\nWho: Priya Shah and 1 other member\nDue: Tuesday 15 December 2026\nNow: Open"]


def test_matters_arising_show_how_each_earlier_action_stood_at_the_meeting(page) -> None:
    shown = _items_of(_section(page[2], 4, "Actions from earlier meetings"))
    raised = "From: Network meeting on Thursday 1 October 2026"
    assert shown == [
        f"Check which venues have a working hearing loop\n{raised}\nWho: Siân Jones and 1 other member\n"
        "Due: Sunday 1 November 2026\nNow: Still open, overdue",
        f"Send members the consultation link\n{raised}\nWho: Grace Okafor\nDue: Sunday 15 November 2026\n"
        "Now: Done at this meeting: Sent on 20 November.",
        f"Ask the council for figures\n{raised}\nWho: Priya Shah\nDue: Tuesday 1 December 2026\nNow: Still open",
    ]


def test_declined_items_keep_their_reason_and_deferred_ones_say_where_they_went(page, world) -> None:
    html = page[2]
    assert _items_of(_section(html, 2, "Items not taken at this meeting")) == [
        f"Parking at the venue\nProposed by: a member\nWhy it was not taken: {DECLINE_REASON}"]
    assert _items_of(_section(html, 2, "Items moved to a later meeting")) == [
        f"Young carers' breaks\nProposed by: Priya Shah\nMoved to: Steering group on {long_date('2026-12-10')}"]


def test_only_people_who_agreed_are_named_and_the_rest_are_counted(page, world) -> None:
    text, _doctype, html = page
    present = _section(html, 2, "Who was there")
    assert [e.tag for e in present] == ["p", "ul", "p", "p", "ul"]
    assert present[0].clean_text() == "Present: 5 people."
    assert _items_of([present[1]]) == ["Grace Okafor", "Priya Patel", "Priya Shah"]
    assert present[2].clean_text() == "2 other people were there who are not named here."
    assert present[3].clean_text() == "Apologies: 1 person."
    assert _items_of([present[4]]) == ["Siân Jones"]
    for name in NOT_NAMED:
        assert name not in text and name.split()[0] not in text
    assert all(name in text for name in NAMED)


def test_a_closed_meeting_is_no_longer_called_a_draft(world) -> None:
    warning = "These minutes are a draft: the meeting has not been closed yet."
    draft = render(minutes_paper(world.store, world.today), "md").splitlines()
    assert draft[:7] == ["# Minutes of Network meeting", "", "**When:** Sunday 22 November 2026, 10:30–13:00", "",
                         "**Where:** In person", "", warning]
    meetings.set_status(world.store, world.today, "closed")
    final = render(minutes_paper(world.store, world.today), "md").splitlines()
    assert warning not in final
    assert final[6] == "## Who was there"


# --- Markdown ------------------------------------------------------------------------------------------


def test_markdown_has_the_same_outline_as_the_html(world, page) -> None:
    lines = render(minutes_paper(world.store, world.today), "md").splitlines()
    md_headings = [(len(line) - len(line.lstrip("#")), line.lstrip("#").strip()) for line in lines
                   if line.startswith("#")]
    html_headings = [(level, escape_md(text, line_start=False)) for level, text in headings(page[2])]
    assert md_headings == html_headings
    assert lines[0] == "# Minutes of Network meeting"


def test_markdown_lists_decisions_and_escapes_markup_line_by_line(world) -> None:
    lines = render(minutes_paper(world.store, world.today), "md").splitlines()
    at = lines.index("### 4. Bus passes \\<for> carers & PAs")
    assert lines[at + 1:at + 6] == [
        "", "- **Proposed by:** Priya Shah and Siân Jones", "- For a decision", "- **Time given:** 20 minutes", ""]
    notes = lines.index("#### Notes")
    assert lines[notes + 1:notes + 5] == [
        "", "Members said fares are too high.", "", "The council \\*may\\* help with \\[costs\\]."]
    decision = lines.index("#### Decision")
    assert lines[decision + 1:decision + 4] == [
        "", "Agreed: the network will write to the council.  ", "Staff will draft the letter."]
    action = lines.index("- Write to the council  ")
    assert lines[action + 1:action + 4] == [
        "  Who: Priya Shah and 1 other member  ", "  Due: Tuesday 15 December 2026  ", "  Now: Open"]
    assert lines[-1] != "" and lines[-1].startswith("  Moved to: Steering group")


@pytest.mark.parametrize(("text", "escaped"), [
    ("# not a heading", "\\# not a heading"),
    ("1. not a list", "1\\. not a list"),
    ("- not a bullet", "\\- not a bullet"),
    ("> not a quote", "\\> not a quote"),
    ("*a* _b_ `c` [d] <e> ~f~", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\<e> \\~f\\~"),
    ("&amp; stays text", "\\&amp; stays text"),
    ("Plain words. No noise, please!", "Plain words. No noise, please!"),
])
def test_markdown_escapes_only_what_would_become_markup(text, escaped) -> None:
    assert escape_md(text) == escaped


# --- the file ------------------------------------------------------------------------------------------------


def test_minutes_file_is_private_and_has_the_rendered_text(world, tmp_path) -> None:
    target = tmp_path / "minutes.html"
    paper = export_minutes(world.store, world.today[:-6], target, "html")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == render(paper, "html")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_paper_whose_headings_skip_a_level_is_refused() -> None:
    paper = Paper("x", [Heading(1, "Title"), Heading(3, "Skipped a level")])
    with pytest.raises(ValueError):
        check_outline(paper)
    with pytest.raises(ValueError):
        check_outline(Paper("x", [Heading(2, "No title first")]))


def test_actions_outside_any_item_and_matters_arising_without_its_standing_item_get_sections(world) -> None:
    from store import actions, changes
    from store.ids import link_id

    actions.add_action(world.store, {"description": "Book a bigger room", "owners": [world.grace],
                                     "meeting_id": world.today})
    # A meeting made before agendas existed has no standing items: its matters arising still appear.
    with world.store.transaction() as conn:
        changes.record(conn, "agenda_items", link_id(world.today, "standing", "matters_arising"),
                       {"deleted_at": "2026-11-22T10:40:00+00:00"})
    _doctype, root = parse(render(minutes_paper(world.store, world.today), "html"))
    assert "Actions from earlier meetings" not in [t for _l, t in headings(root)]
    assert [(level, t) for level, t in headings(root) if level == 2] == [
        (2, "Who was there"), (2, "Agenda items"), (2, "Matters arising"), (2, "Other actions"),
        (2, "Items not taken at this meeting"), (2, "Items moved to a later meeting")]
    html = root.elements()[0]
    arising = [entry.split("\n")[0] for entry in _items_of(_section(html, 2, "Matters arising"))]
    assert arising == ["Check which venues have a working hearing loop", "Send members the consultation link",
                       "Ask the council for figures"]
    assert _items_of(_section(html, 2, "Other actions")) == [
        "Book a bigger room\nWho: Grace Okafor\nNow: Open"]
