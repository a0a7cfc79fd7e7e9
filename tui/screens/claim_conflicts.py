"""Conflicts: claims where two laptops took steps that could not both stand, for a person to sort out.

Each row is one conflict, newest first; under the list, the highlighted one
in full: whose claim, what happened, both steps (who, when, what, and whether
it was applied) and what the claim is now. Enter opens the claim to put it
right; d marks the conflict as dealt with, with a note of what was decided.
The conflict is never deleted: the claim's history keeps it, marked.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from store.claims import count_open_conflicts, open_conflicts, resolve_conflict
from store.claims.conflicts import moment
from store.claims.words import day
from store.i18n import N_, _, ngettext
from tui.claim_cells import money, status_cell, status_text
from tui.footer import TranslatedFooter
from tui.format import short_date
from tui.paths import STYLES
from tui.widgets.paged_table import Cell, Column, PagedTable


class ConflictsTable(PagedTable):
    """The open conflicts, newest first; Enter opens the claim."""

    BINDINGS = [Binding("enter", "select", N_("Open claim"), id="conflicts.open")]


def meeting_text(row: dict[str, Any], date=short_date) -> str:
    """Return the claim's meeting as 'Network meeting, Sun 22 Nov 2026' (the date written by `date`)."""
    when = date(row["meeting_date"]) if row["meeting_date"] else ""
    return _("{meeting}, {date}").format(meeting=row["meeting_title"] or _("A meeting"), date=when)


def steps_text(row: dict[str, Any]) -> str:
    """Return the two steps that clashed, in a word or two each: 'Approved / Rejected'."""
    words = [step["kind_words"] for step in row["steps"]]
    if len(words) == 2:
        return _("{first} / {second}").format(first=words[0], second=words[1])
    return words[0] if words else ""


def detail_text(row: dict[str, Any] | None) -> str:
    """Return one conflict in full: whose claim, what happened, both steps, and the claim now."""
    if row is None:
        return ""
    lines = [
        _("{member}'s claim — {meeting}. Now: {status}, {total}.").format(
            member=row["member_name"] or _("Someone"), meeting=meeting_text(row), status=status_text(row["status"]),
            total=money(row["total_pence"])),
        _("What happened: {words}").format(words=row["words"]),
    ]
    lines += [_("• {step}").format(step=step["sentence"]) for step in row["steps"]]
    return "\n".join(lines)


def _cells(row: dict[str, Any]) -> list[Cell]:
    date, time = moment(row["noted_at"])
    return [_("{date} {time}").format(date=date, time=time), row["member_name"] or "", meeting_text(row, day),
            steps_text(row), status_cell(row["status"])]


class ConflictsScreen(Screen):
    """Every open conflict between laptops, with the keys to open its claim and to mark it as dealt with."""

    CSS_PATH = STYLES / "conflicts.tcss"
    AUTO_FOCUS = "#conflicts-table"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="conflicts.back"),
        Binding("d", "resolve", N_("Mark as dealt with"), id="conflicts.resolve"),
    ]

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.sub_title = _("Conflicts")
        yield Header()
        yield Static(id="conflicts-summary", classes="summary", markup=False)
        yield ConflictsTable(
            # The steps' full story is under the list, for the highlighted row.
            [Column(N_("Noticed"), 17), Column(N_("Member"), 18), Column(N_("Meeting"), None),
             Column(N_("Steps that clashed"), 26), Column(N_("Claim now"), 22)],
            fetch=lambda offset, limit: open_conflicts(store, limit, offset),
            count=lambda: count_open_conflicts(store),
            cells=_cells,
            empty=N_("No conflicts to sort out."),
            id="conflicts-table",
        )
        yield Static(id="conflict-detail", markup=False)
        yield TranslatedFooter(compact=True)

    @property
    def table(self) -> ConflictsTable:
        return self.query_one(ConflictsTable)

    def on_mount(self) -> None:
        self.load()

    def load(self, keep_cursor: bool = False) -> None:
        """Read the conflicts again and say how many there are."""
        self.table.reload(keep_cursor=keep_cursor)
        total = self.table.total
        if total:
            summary = ngettext(
                "{n} conflict to sort out. Enter opens the claim to put it right; d marks it as dealt with.",
                "{n} conflicts to sort out. Enter opens the claim to put it right; d marks one as dealt with.",
                total).format(n=total)
        else:
            summary = _("A conflict shows here when two laptops take steps on one claim that can't both stand.")
        self.query_one("#conflicts-summary", Static).update(summary)
        self.query_one("#conflict-detail", Static).update(detail_text(self.table.current))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resolve":
            # Shown, but greyed out, when there is nothing to mark.
            tables = self.query(ConflictsTable)
            return True if tables and tables.first().total else None
        return True

    def on_paged_table_highlighted(self, event: PagedTable.Highlighted) -> None:
        self.query_one("#conflict-detail", Static).update(detail_text(event.row))

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        from tui.screens import navigation

        event.stop()
        navigation.open_claim(self.app, event.row["claim_id"], then=lambda: self.load(keep_cursor=True))

    def action_resolve(self) -> None:
        from tui.screens.claim_dialogs import Field, FieldsDialog
        from tui.screens.who_are_you import with_user

        row = self.table.current
        if row is None:
            self.app.say(_("There is no conflict to mark as dealt with."), error=True)
            return

        def step(person: dict[str, Any]) -> None:
            def save(values: dict[str, Any]) -> str:
                return resolve_conflict(self.app.store, row["claim_id"], person["id"], row["event_id"], values["note"])

            def done(result: Any) -> None:
                if result:
                    self.app.say(_("Marked as dealt with. The claim's history keeps it, with your note."))
                    self.load(keep_cursor=True)

            note = Field("note", _("What did you decide?"), Input(),
                         _("Others read this in the claim's history. If the claim needs putting right, do that too."))
            dialog = FieldsDialog(_("Mark this conflict as dealt with?"), detail_text(row), [note],
                                  _("Mark as dealt with"), save)
            self.app.push_screen(dialog, callback=done)

        with_user(self.app, step)

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list:
        """This screen's keys, named in the command palette too."""
        from textual.app import SystemCommand

        return [
            SystemCommand(_("Mark as dealt with (d)"), _("Say what you decided about the highlighted conflict"),
                          self.action_resolve),
            SystemCommand(_("Open claim (Enter)"), _("Open the highlighted conflict's claim to put it right"),
                          lambda: self.table.action_select()),
        ]
