"""A meeting's claims: one row per claim, the totals, and drafting claims from the register in one step.

The list pages from the database; each row's warnings are counted when the
row is first drawn, so a meeting of a few hundred claims opens at once.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from store import local_settings, vocab
from store.claims import draft_from_register, meeting_list, meeting_totals
from store.claims.drafting import draft_result_lines
from store.i18n import N_, _, ngettext
from tui.claim_cells import money, status_cell, warnings_cell
from tui.widgets.paged_table import Cell, Column, PagedTable


class ClaimsTable(PagedTable):
    """A meeting's claims, a page at a time; Enter opens the one under the cursor."""

    BINDINGS = [Binding("enter", "select", N_("Open claim"), id="claims.open")]


def totals_text(totals: dict[str, Any]) -> str:
    """Return the meeting's claims in one line: how many in each state, then the money."""
    if not totals["claims"]:
        return _("No claims yet. Press Ctrl+D to draft them from the register.")
    counts = " · ".join(
        _("{status}: {n}").format(status=vocab.label(vocab.CLAIM_STATUSES, code), n=n)
        for code, n in totals["by_status"].items() if n
    )
    money_line = _("Fees {fees} · Expenses {expenses} · Total {total} · Paid {paid}").format(
        fees=money(totals["fee_pence"]), expenses=money(totals["expense_pence"]),
        total=money(totals["total_pence"]), paid=money(totals["paid_pence"]))
    if totals["owed_pence"]:
        money_line += " · " + _("Owed: {amount}").format(amount=money(totals["owed_pence"]))
    head = ngettext("{n} claim", "{n} claims", totals["claims"]).format(n=totals["claims"])
    return _("{claims} ({counts})").format(claims=head, counts=counts) + "\n" + money_line


class ClaimsView(Vertical):
    """The totals line above the claims of one meeting."""

    BINDINGS = [
        Binding("ctrl+d", "draft", N_("Draft claims from the register"), id="claims.draft"),
        Binding("ctrl+n", "new_claim", N_("Start a claim"), id="claims.new"),
    ]

    def __init__(self, meeting_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting_id = meeting_id
        self.loaded = False

    def compose(self) -> ComposeResult:
        store = self.app.store
        yield Static(id="claims-totals", markup=False)
        yield ClaimsTable(
            # Warnings come last and wide: the "1–30 of 200" at the end of the headings covers only their end.
            [Column(N_("Member"), None), Column(N_("Status"), 22), Column(N_("Fees"), 11),
             Column(N_("Expenses"), 11), Column(N_("Total"), 11), Column(N_("Warnings"), 28)],
            fetch=lambda offset, limit: meeting_list.claims_page(store, self.meeting_id, offset, limit),
            count=lambda: meeting_list.count_claims(store, self.meeting_id),
            cells=self._cells,
            empty=N_("No claims for this meeting yet."),
            id="claims-table",
        )
        yield Static(id="claims-who", markup=False)

    def _cells(self, row: dict[str, Any]) -> list[Cell]:
        if "warnings" not in row:
            row["warnings"] = meeting_list.warning_count(self.app.store, row["claim_id"])
        return [row["member_name"], status_cell(row["status"], row["correction_due_pence"]), money(row["fee_pence"]),
                money(row["expense_pence"]), money(row["total_pence"]), warnings_cell(row["warnings"])]

    @property
    def table(self) -> ClaimsTable:
        return self.query_one(ClaimsTable)

    def on_show(self) -> None:
        # Read when first shown, not when the meeting opens: the register must come up at once.
        self.reload(keep_cursor=self.loaded)
        self.loaded = True

    def focus_list(self) -> None:
        """Put the focus on the claims, so the keys of this tab work at once."""
        self.table.focus()

    def reload(self, keep_cursor: bool = True) -> None:
        """Read the claims and totals again."""
        self.table.reload(keep_cursor=keep_cursor)
        self.query_one("#claims-totals", Static).update(totals_text(meeting_totals(self.app.store, self.meeting_id)))
        person = local_settings.current_user(self.app.store)
        who = (_("You are: {name}. To change, press Ctrl+P and choose “Who are you”.").format(name=person["name"])
               if person else _("No one has said who they are on this laptop yet. Press Ctrl+P, “Who are you”."))
        self.query_one("#claims-who", Static).update(who)

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        event.stop()
        self.open_claim(event.row["claim_id"])

    def open_claim(self, claim_id: str) -> None:
        """Show one claim; the list is read again when it closes."""
        from tui.screens import navigation

        navigation.open_claim(self.app, claim_id, then=lambda: self.reload())

    def action_draft(self) -> None:
        from tui.screens.claim_dialogs import MessageDialog, prep_dialog
        from tui.screens.who_are_you import with_user

        store = self.app.store

        def ask(person: dict[str, Any]) -> None:
            def save(hours: str) -> dict[str, Any]:
                return draft_from_register(store, self.meeting_id, person["id"], hours)

            def done(result: dict[str, Any] | None) -> None:
                if not result:
                    return
                self.reload(keep_cursor=False)
                self.app.push_screen(MessageDialog(_("Claims drafted from the register"),
                                                   "\n".join(draft_result_lines(result))))

            self.app.push_screen(prep_dialog(save), callback=done)

        with_user(self.app, ask)

    def action_new_claim(self) -> None:
        from tui.screens.claim_start import StartClaimDialog
        from tui.screens.who_are_you import with_user

        def started(claim_id: str | None) -> None:
            if claim_id:
                self.reload(keep_cursor=False)
                self.open_claim(claim_id)

        with_user(self.app, lambda person: self.app.push_screen(
            StartClaimDialog(self.meeting_id, person["id"]), callback=started))

    def palette_commands(self) -> list:
        """Commands for this tab, so its keys are named in the command palette too."""
        from textual.app import SystemCommand

        return [
            SystemCommand(_("Draft claims from the register (Ctrl+D)"),
                          _("A draft claim for each person present, from the rate card"), self.action_draft),
            SystemCommand(_("Start a claim (Ctrl+N)"), _("A claim for one person present, for their costs"),
                          self.action_new_claim),
            SystemCommand(_("Open claim (Enter)"), _("See the highlighted claim: lines, warnings, history"),
                          lambda: self.table.run_action("select")),
        ]

