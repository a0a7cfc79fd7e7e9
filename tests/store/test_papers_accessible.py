"""Papers everyone can read: the agenda, minutes and statement in Easy Read, large print and Welsh with English.

The HTML is read back with the standard library's parser, element by element;
the Markdown line by line.
"""

from __future__ import annotations

import re
import stat

import pytest
from agenda_world import BUS_DECISION, BUS_TITLE, NOT_NAMED, build_world
from html_tree import headings, parse

from store import agenda
from store.errors import CoprodError
from store.export.agenda_paper import agenda_paper, export_agenda
from store.export.minutes import export_minutes, minutes_paper
from store.export.paper import Both, Heading, Item, Items, Para, Paper, render
from store.export.paper_access import PaperOptions, sentences, side_by_side
from store.i18n import _, in_language

BUS_SUMMARY = "Bus fares cost carers a lot. The council may help, e.g. with passes.\n\nWe want a letter to the council."
LIFT_TITLE = "The lift at the hall"
LIFT_SUMMARY = "The lift broke twice. Members could not get upstairs!"
EASY = PaperOptions(easy_read=True)
LARGE = PaperOptions(large_print=True)
BOTH = PaperOptions(bilingual=True)


@pytest.fixture
def world(store):
    """The agenda world, with summaries on the bus item and on an item Tom (not named in papers) proposed."""
    w = build_world(store)
    agenda.edit_item(store, w.items["bus"], {"summary": BUS_SUMMARY})
    w.items["lift"] = agenda.propose(store, w.today, {"title": LIFT_TITLE, "kind": "discussion", "minutes_asked": 10,
                                                      "proposer_id": w.tom, "summary": LIFT_SUMMARY})
    agenda.accept(store, w.items["lift"])
    return w


def _html(paper: Paper):
    """(<html>, <main>) of the paper as HTML."""
    _doctype, root = parse(render(paper, "html"))
    (html,) = root.elements()
    (main,) = html.find_all("main")
    return html, main


def _order(world) -> list[dict]:
    return agenda.agenda(world.store, world.today)["order"]


def _running_order(main):
    """The one <ol> of the agenda, straight after the running order's heading."""
    elements = main.elements()
    (ol,) = [e for e in elements if e.tag == "ol"]
    assert elements[elements.index(ol) - 1].tag == "h2"
    return ol


def _own_text(li) -> str:
    """The text of a list entry before any list nested in it."""
    parts = []
    for child in li.children:
        if not isinstance(child, str) and child.tag in ("ul", "ol"):
            break
        parts.append(child if isinstance(child, str) else ("\n" if child.tag == "br" else child.text()))
    return "".join(parts).replace("\n\n", "\n").strip()


def _font_sizes(css: str) -> list[tuple[str, float, str]]:
    """Every font-size in the style sheet as (selector, number, unit)."""
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for number, unit in re.findall(r"font-size:\s*([\d.]+)\s*([a-z%]+)", body):
            out.append((selector.strip(), float(number), unit))
    return out


# --- the agenda --------------------------------------------------------------------------------------------


def test_agenda_html_has_one_h1_an_h2_and_an_ol_with_each_accepted_item_in_running_order(world) -> None:
    html, main = _html(agenda_paper(world.store, world.today))
    assert html.attrs["lang"] == "en-GB"
    assert html.find_all("title")[0].text() == "Agenda: Network meeting, Sunday 22 November 2026"
    assert headings(html) == [(1, "Agenda: Network meeting"), (2, "Agenda items")]
    ol = _running_order(main)
    order = _order(world)
    assert len(order) == 6  # four standing items, the bus passes and the lift
    assert [li.tag for li in ol.elements()] == ["li"] * len(order)
    assert [_own_text(li) for li in ol.elements()] == [i["display_title"] for i in order]
    assert not html.find_all("table")


def test_each_agenda_item_gives_its_time_proposers_and_summary_and_names_only_people_who_agreed(world) -> None:
    html, main = _html(agenda_paper(world.store, world.today))
    entries = {_own_text(li): li for li in _running_order(main).elements()}
    bus = entries[BUS_TITLE]
    (facts,) = bus.find_all("ul")
    assert [li.clean_text() for li in facts.elements()] == [
        "Time allowed: 20 minutes", "Proposed by: Priya Shah and Siân Jones", "For a decision"]
    assert [p.clean_text() for p in bus.find_all("p")] == [
        "Summary: Bus fares cost carers a lot. The council may help, e.g. with passes.",
        "We want a letter to the council."]
    lift = entries[LIFT_TITLE]
    assert [li.clean_text() for li in lift.find_all("ul")[0].elements()] == [
        "Time allowed: 10 minutes", "Proposed by: a member", "For discussion"]
    text = html.text()
    assert all(name not in text for name in NOT_NAMED)
    welcome = entries["Welcome and introductions"]
    assert [li.clean_text() for li in welcome.find_all("ul")[0].elements()] == [
        "Time allowed: 10 minutes", "For information"]


def test_easy_read_puts_each_summary_first_one_sentence_a_line_then_the_title(world) -> None:
    html, main = _html(agenda_paper(world.store, world.today, EASY))
    assert headings(html) == [(1, "Agenda: Network meeting"), (2, "What we will talk about")]
    entries = _running_order(main).elements()
    assert len(entries) == len(_order(world))
    bus = entries[3]
    # The summary comes before anything else in the entry, one sentence on each line.
    assert bus.children[0].strip() == "Bus fares cost carers a lot."
    assert _own_text(bus).split("\n") == [
        "Bus fares cost carers a lot.", "The council may help, e.g. with passes.", "We want a letter to the council."]
    assert [li.clean_text() for li in bus.find_all("ul")[0].elements()] == [
        f"Item: {BUS_TITLE}", "Time: 20 minutes", "Asked for by: Priya Shah and Siân Jones",
        "We will make a decision."]
    assert _own_text(entries[4]).split("\n") == ["The lift broke twice.", "Members could not get upstairs!"]
    # An item with no summary starts with its title, which is not repeated under it.
    assert _own_text(entries[0]) == "Welcome and introductions"
    assert [li.clean_text() for li in entries[0].find_all("ul")[0].elements()] == [
        "Time: 10 minutes", "We will share some news."]


def test_easy_read_agenda_markdown_line_by_line(world) -> None:
    lines = render(agenda_paper(world.store, world.today, EASY), "md").splitlines()
    assert lines[:11] == [
        "# Agenda: Network meeting", "",
        "**When:** Sunday 22 November 2026, 10:30–13:00", "",
        "**Where:** In person", "",
        "This paper says what the meeting will talk about.  ", "We will take the items in this order.", "",
        "## What we will talk about", ""]
    at = lines.index("4. Bus fares cost carers a lot.  ")
    assert lines[at:at + 9] == [
        "4. Bus fares cost carers a lot.  ",
        "   The council may help, e.g. with passes.  ",
        "   We want a letter to the council.",
        "",
        "   - **Item:** Bus passes \\<for> carers & PAs",
        "   - **Time:** 20 minutes",
        "   - **Asked for by:** Priya Shah and Siân Jones",
        "   - We will make a decision.",
        ""]


def test_usual_agenda_markdown_line_by_line(world) -> None:
    lines = render(agenda_paper(world.store, world.today), "md").splitlines()
    at = lines.index("4. Bus passes \\<for> carers & PAs")
    assert lines[at:at + 10] == [
        "4. Bus passes \\<for> carers & PAs", "",
        "   - **Time allowed:** 20 minutes",
        "   - **Proposed by:** Priya Shah and Siân Jones",
        "   - For a decision", "",
        "   **Summary:** Bus fares cost carers a lot. The council may help, e.g. with passes.", "",
        "   We want a letter to the council.", ""]


def test_an_agenda_with_nothing_accepted_says_so_and_has_no_list(world) -> None:
    from store import changes

    # A meeting made before agendas existed has no standing items.
    with world.store.transaction() as conn:
        for (item_id,) in conn.execute("SELECT id FROM agenda_items WHERE meeting_id = ?", (world.untimed,)):
            changes.record(conn, "agenda_items", item_id, {"deleted_at": "2026-11-22T10:40:00+00:00"})
    html, main = _html(agenda_paper(world.store, world.untimed))
    assert not main.find_all("ol")
    assert main.elements()[-1].clean_text() == "There are no items on the agenda yet."
    assert html.find_all("title")[0].text() == "Agenda: Network meeting, Friday 15 January 2027"


def test_large_print_sets_body_text_at_18pt_or_more_headings_larger_left_aligned_and_sans_serif(world) -> None:
    html, _main = _html(agenda_paper(world.store, world.today, LARGE))
    (style,) = html.find_all("style")
    css = style.text()
    sizes = _font_sizes(css)
    assert sizes, "the large-print style sheet sets its type sizes"
    assert all(unit == "pt" and number >= 18 for _selector, number, unit in sizes), sizes
    by_selector = {selector: number for selector, number, _unit in sizes}
    assert by_selector["body"] == 18
    assert all(by_selector[h] > by_selector["body"] for h in ("h1", "h2", "h3", "h4"))
    assert by_selector["h1"] > by_selector["h2"] > by_selector["h3"] > by_selector["h4"]
    assert "justify" not in css and "text-align: left" in css
    body_rule = re.search(r"body \{([^}]*)\}", css).group(1)
    assert "sans-serif" in body_rule
    line_height = float(re.search(r"line-height:\s*([\d.]+)", body_rule).group(1))
    assert line_height >= 1.5
    assert "px" not in css, "fixed pixel sizes do not grow with zoom"


def test_usual_papers_keep_their_usual_style_sheet(world) -> None:
    html, _main = _html(agenda_paper(world.store, world.today))
    css = html.find_all("style")[0].text()
    assert "18pt" not in css and "font-size: 100%" in css


def test_large_print_in_markdown_is_refused_and_writes_nothing(world, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "agenda.md"
    with pytest.raises(CoprodError, match="Large print needs HTML"):
        export_agenda(world.store, world.today, target, "md", LARGE)
    with pytest.raises(CoprodError, match="Large print needs HTML"):
        export_minutes(world.store, world.today, out / "minutes.md", "md", LARGE)
    assert list(out.iterdir()) == []


def test_bilingual_agenda_is_welsh_first_with_english_marked_for_a_screen_reader(world) -> None:
    html, main = _html(agenda_paper(world.store, world.today, BOTH))
    assert html.attrs["lang"] == "cy"
    with in_language("cy"):
        welsh = {"items": _("Agenda items"), "when": _("When:"), "welcome": _("Welcome and introductions")}
    assert welsh["items"] != "Agenda items", "the Welsh catalog translates the heading"
    (h2,) = main.find_all("h2")
    # The Welsh words first, in the page's language; then the English, marked as English.
    assert h2.children[0] == welsh["items"]
    (english,) = h2.find_all("span")
    assert (english.attrs, english.text()) == ({"lang": "en-GB"}, "Agenda items")
    when_cy, when_en = main.elements()[1:3]
    assert when_cy.tag == when_en.tag == "p"
    assert "lang" not in when_cy.attrs and when_cy.find_all("strong")[0].text() == welsh["when"]
    assert when_en.attrs == {"lang": "en-GB"} and when_en.clean_text().startswith("When: Sunday 22 November 2026")
    entries = _running_order(main).elements()
    assert len(entries) == len(_order(world))
    assert _own_text(entries[0]) == f"{welsh['welcome']}\nWelcome and introductions"
    # What people typed appears once, as entered: the title has no second language.
    assert _own_text(entries[3]) == BUS_TITLE
    assert render(agenda_paper(world.store, world.today, BOTH), "html").count("Bus passes &lt;for&gt;") == 1


def test_bilingual_markdown_puts_both_languages_in_each_heading_welsh_first(world) -> None:
    from store.export.words import meeting_when

    meeting = agenda.agenda(world.store, world.today)["meeting"]
    with in_language("cy"):
        heading, when, welsh_day = _("Agenda items"), _("When:"), meeting_when(meeting)
        welcome, for_information = _("Welcome and introductions"), _("For information")
    lines = render(agenda_paper(world.store, world.today, BOTH), "md").splitlines()
    assert lines[:5] == ["# Agenda: Network meeting", "", f"**{when}** {welsh_day}", "",
                         "**When:** Sunday 22 November 2026, 10:30–13:00"]
    assert f"## {heading} / Agenda items" in lines
    at = lines.index(f"1. {welcome}  ")
    assert lines[at + 1] == "   Welcome and introductions"
    assert f"   - {for_information}  " in lines[at:at + 7] and "     For information" in lines[at:at + 7]


def test_agenda_file_is_private_and_an_unknown_meeting_writes_nothing(world, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "agenda.html"
    paper = export_agenda(world.store, world.today[:-6], target, "html", EASY)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == render(paper, "html")
    with pytest.raises(CoprodError, match="There is no meeting with id 0000dead."):
        export_agenda(world.store, "0000dead", out / "other.html", "html")
    assert [p.name for p in out.iterdir()] == ["agenda.html"]


# --- the minutes with the same options ---------------------------------------------------------------------


def test_easy_read_minutes_say_what_was_decided_first_one_sentence_a_line(world) -> None:
    html, main = _html(minutes_paper(world.store, world.today, EASY))
    levels = headings(html)
    assert (2, "What we talked about") in levels and (2, "Agenda items") not in levels
    bus = levels.index((3, f"4. {BUS_TITLE}"))
    after = [text for level, text in levels[bus + 1:] if level == 4][:4]
    assert after == ["What we decided", "People with an interest", "What people said", "Who will do what"]
    sections = {}
    current = None
    for element in main.elements():
        if element.tag == "h4":
            current = element.clean_text()
        elif current and current not in sections:
            sections[current] = element
    assert sections["What we decided"].clean_text().split("\n") == BUS_DECISION.split("\n")
    assert sections["What people said"].clean_text().split("\n") == [
        "Members said fares are too high.", "The council *may* help with [costs]."]
    assert main.elements()[3].clean_text() == "This is a draft.\nThe meeting is not closed yet."


def test_bilingual_minutes_heading_in_welsh_then_english(world) -> None:
    html, main = _html(minutes_paper(world.store, world.today, BOTH))
    assert html.attrs["lang"] == "cy"
    with in_language("cy"):
        title, present = _("Minutes of {meeting}").format(meeting="Network meeting"), _("Who was there")
    h1 = main.find_all("h1")[0]
    assert h1.children[0] == title and h1.find_all("span")[0].attrs == {"lang": "en-GB"}
    assert h1.find_all("span")[0].text() == "Minutes of Network meeting"
    h2s = main.find_all("h2")
    assert h2s[0].children[0] == present and h2s[0].find_all("span")[0].text() == "Who was there"
    # A list of names is data: each name once, in no particular language.
    present = main.elements()[main.elements().index(h2s[0]) + 3]
    assert present.tag == "ul"
    assert [(li.clean_text(), li.find_all("span")) for li in present.elements()] == [
        ("Grace Okafor", []), ("Priya Patel", []), ("Priya Shah", [])]


# --- the statement with the same options -------------------------------------------------------------------


@pytest.fixture
def paid(store):
    """Priya's March claim, paid on 20 March 2026 (tax year 2025-26)."""
    from claims_money_world import build_money_world

    w = build_money_world(store, "Priya Shah")
    w.paid(w.march, w.priya, "BACS-1001", "20/03/2026",
           {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881"})
    return w


def test_easy_read_statement_explains_in_short_sentences_one_a_line(paid) -> None:
    from store.export.statement import export_statement

    usual = export_statement(paid.store, paid.priya, "2025-26", "md").splitlines()
    easy = export_statement(paid.store, paid.priya, "2025-26", "md", options=EASY).splitlines()
    long_intro = next(line for line in usual if line.startswith("This is what you were paid"))
    assert long_intro not in easy
    at = easy.index("This shows the money you were paid for taking part in the network this tax year.  ")
    assert easy[at + 1:at + 3] == [
        "You can keep it.  ", "You can show it to the Jobcentre, or to anyone who asks what you were paid."]
    at = easy.index("Fees pay you for your time.  ")
    assert easy[at + 1] == "Expenses pay you back for costs, like bus fares or parking."
    # The money is the same either way.
    assert [line for line in usual if "£" in line] == [line for line in easy if "£" in line]


def test_bilingual_large_print_statement_is_welsh_first_at_18pt(paid) -> None:
    from store.export.statement import export_statement

    text = export_statement(paid.store, paid.priya, "2025-26", "html", options=PaperOptions(
        large_print=True, bilingual=True))
    _doctype, root = parse(text)
    (html,) = root.elements()
    assert html.attrs["lang"] == "cy"
    with in_language("cy"):
        in_total = _("In total")
    h2 = html.find_all("h2")[0]
    assert h2.children[0] == in_total and [(e.attrs, e.text()) for e in h2.find_all("span")] == [
        ({"lang": "en-GB"}, "In total")]
    sizes = _font_sizes(html.find_all("style")[0].text())
    assert min(number for _selector, number, _unit in sizes) >= 18


def test_a_statement_in_large_print_is_refused_as_markdown(paid) -> None:
    from store.export.statement import export_statement

    with pytest.raises(CoprodError, match="Large print needs HTML"):
        export_statement(paid.store, paid.priya, "2025-26", "md", options=LARGE)


# --- how two languages are laid side by side -----------------------------------------------------------------


def test_words_the_same_in_both_languages_are_shown_once_and_different_ones_both() -> None:
    welsh = Paper("Agenda", [Heading(1, "Agenda"), Para("Enw", label="Pryd:"),
                             Items([Item("Tom", label="Gan:", children=[Para("Dydd Sul")])])])
    english = Paper("Agenda", [Heading(1, "Agenda"), Para("Enw", label="When:"),
                               Items([Item("Tom", label="By:", children=[Para("Sunday")])])])
    both = side_by_side(welsh, english)
    assert both.lang == "cy" and both.title == "Agenda"
    assert both.blocks[0] == Heading(1, "Agenda") and not isinstance(both.blocks[0].text, Both)
    para = both.blocks[1]
    assert para.text == "Enw" and (para.label.first, para.label.second, para.label.lang) == ("Pryd:", "When:", "en-GB")
    item = both.blocks[2].items[0]
    assert item.text == "Tom" and (item.label.first, item.label.second) == ("Gan:", "By:")
    assert (item.children[0].text.first, item.children[0].text.second) == ("Dydd Sul", "Sunday")


def test_papers_of_different_shapes_keep_each_language_whole_rather_than_mismatch() -> None:
    welsh = Paper("T", [Heading(1, "Teitl"), Para("Un.")])
    english = Paper("T", [Heading(1, "Title"), Para("One."), Para("Two.")])
    both = side_by_side(welsh, english)
    assert [type(b).__name__ for b in both.blocks] == ["Heading", "Para", "Heading", "Para", "Para"]
    assert both.blocks[:2] == welsh.blocks
    assert [(b.text.first, b.text.second) for b in both.blocks[2:]] == [("", "Title"), ("", "One."), ("", "Two.")]
    html = render(both, "html")
    assert '<p lang="en-GB">Two.</p>' in html and '<h1><span lang="en-GB">Title</span></h1>' in html


def test_both_languages_read_as_plain_text_by_a_writer_that_knows_no_languages() -> None:
    assert str(Both("Pryd:", "When:", "en-GB", " ")) == "Pryd: When:"
    assert "\n".join(["x", Both("Dydd Sul", "Sunday", "en-GB")]) == "x\nDydd Sul\nSunday"


# --- sentences for Easy Read --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lines"), [
    ("It is late. We will go.", ["It is late.", "We will go."]),
    ("Bring your card, e.g. a bus pass. Thanks!", ["Bring your card, e.g. a bus pass.", "Thanks!"]),
    ('He said "Yes." Then we left?  Maybe.', ['He said "Yes."', "Then we left?", "Maybe."]),
    ("One line\n\nAnother line", ["One line", "Another line"]),
    ("  ", []),
    (None, []),
    ("Mae'n hwyr. Awn ni adref.", ["Mae'n hwyr.", "Awn ni adref."]),
])
def test_sentences_split_where_a_new_sentence_starts(text, lines) -> None:
    assert sentences(text) == lines
