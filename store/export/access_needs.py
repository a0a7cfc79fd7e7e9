"""What to arrange for a meeting, as a file for a venue, a caterer or an interpreting agency.

Kinds and counts only, never names: these files leave the network. CSV has
one row per kind of need and one row per note given with it (a caterer's
"vegan: 2"); Markdown and HTML are a short paper; plain text is the lines
the meeting screen shows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from store.access_summary import Arrangements, count_lines, need_line, need_lines, note_line, what_to_arrange
from store.dates import today
from store.db import Store
from store.export.files import atomic_file
from store.export.paper import Item, Items, Paper, render, write
from store.export.words import long_date, meeting_when, meeting_where
from store.i18n import _

FORMATS = ("csv", "md", "html")
# `count` is people, or 1 for a need met once for the room (once_for_the_room = yes).
# A note row repeats its need and counts the people who gave that note.
COLUMNS = ("kind", "need", "count", "once_for_the_room", "note")


def access_needs_paper(arrangements: Arrangements) -> Paper:
    """Return what to arrange as a paper: the meeting, how many are expected, then each need."""
    meeting = arrangements.meeting
    paper = Paper(_("What to arrange: {meeting}, {date}").format(meeting=meeting["title"],
                                                                 date=long_date(meeting["date"])))
    paper.heading(1, _("What to arrange: {meeting}").format(meeting=meeting["title"]))
    paper.para(meeting_when(meeting), label=_("When:"))
    paper.para(meeting_where(meeting), label=_("Where:"))
    paper.para("\n".join(count_lines(arrangements)))
    paper.heading(2, _("Access needs"))
    if not arrangements.needs:
        paper.para("\n".join(need_lines(arrangements)))
    paper.items([Item(need_line(need), children=[Items([Item(note_line(note, n)) for note, n in need.notes])]
                      if need.notes else []) for need in arrangements.needs])
    paper.para(_("Made on {date}.").format(date=long_date(today().isoformat())))
    return paper


def access_needs_text(store: Store, meeting_id: str) -> str:
    """Return what to arrange as plain lines, for a terminal and a screen reader."""
    arrangements = what_to_arrange(store, meeting_id)
    meeting = arrangements.meeting
    title = _("What to arrange: {meeting}, {date}").format(meeting=meeting["title"], date=long_date(meeting["date"]))
    return "\n".join([title, "", *count_lines(arrangements), "", *need_lines(arrangements)]) + "\n"


def csv_rows(arrangements: Arrangements) -> list[tuple]:
    """Return the CSV rows after the header: one per need, then one per note given with it."""
    rows = []
    for need in arrangements.needs:
        once = "yes" if need.once else "no"
        rows.append((need.kind, need.label, need.count, once, ""))
        rows += [(need.kind, need.label, n, once, note) for note, n in need.notes]
    return rows


def csv_text(arrangements: Arrangements) -> str:
    """Return the CSV file's text: the header and every row, lines ending CRLF as CSV does."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(csv_rows(arrangements))
    return buffer.getvalue()


def export_access_needs(store: Store, meeting_id: str, fmt: str, path: Path | None = None) -> str:
    """Return what to arrange as csv, md, html or plain text; write it to `path` (whole, owner-only) when given."""
    if fmt == "text":
        return access_needs_text(store, meeting_id)
    arrangements = what_to_arrange(store, meeting_id)
    if fmt == "csv":
        text = csv_text(arrangements)
        if path is not None:
            with atomic_file(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        return text
    paper = access_needs_paper(arrangements)
    return write(paper, path, fmt) if path is not None else render(paper, fmt)
