"""Papers as plain text: the same blocks as HTML and Markdown, with no markup for a screen reader to read out."""

from __future__ import annotations

from store.export.paper import Item, Items, Para, Paper, render


def _paper() -> Paper:
    paper = Paper("Minutes")
    paper.heading(1, "Minutes of *the* meeting")
    paper.para("Sunday 22 November 2026", label="When:")
    paper.para("First line\nsecond line\n\nA new paragraph # not a heading")
    paper.heading(2, "Who was there")
    paper.items([Item("Priya Shah"), Item("Siân Jones")])
    paper.heading(2, "Agenda items")
    paper.items([Item("Welcome"), Item("Bus passes", label="Item:")], ordered=True)
    paper.heading(2, "Actions")
    paper.items([Item("Write to the council\nWho: Priya Shah\nNow: Open"),
                 Item("Check the loops")])
    return paper


def test_blocks_become_plain_lines_with_a_blank_line_between_them() -> None:
    # Nothing is escaped or marked up: '*' and '#' are only text, and plain lists have no marker to read out.
    assert render(_paper(), "text").splitlines() == [
        "Minutes of *the* meeting", "",
        "When: Sunday 22 November 2026", "",
        "First line", "second line", "",
        "A new paragraph # not a heading", "",
        "Who was there", "",
        "Priya Shah", "Siân Jones", "",
        "Agenda items", "",
        "1. Welcome", "2. Item: Bus passes", "",
        "Actions", "",
        "Write to the council", "Who: Priya Shah", "Now: Open", "",
        "Check the loops",
    ]


def test_blocks_inside_an_entry_are_indented_under_it() -> None:
    paper = Paper("Steps")
    paper.heading(1, "Steps")
    paper.items([Item("Loops", children=[Para("Agreed.", label="Decision:"), Items([Item("Survey")], ordered=True)]),
                 Item("Parking")], ordered=True)
    assert render(paper, "text") == "Steps\n\n1. Loops\n  Decision: Agreed.\n  1. Survey\n\n2. Parking\n"
