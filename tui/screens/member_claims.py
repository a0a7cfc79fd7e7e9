"""One member's claims: each with its meeting, status and total, and what was paid in each tax year.

The tax-year totals are what a member may need to show the Jobcentre; they
count claims paid (by the day they were paid), from 6 April to 5 April.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from store import members
from store.claims import member_claims, statement, tax_year
from store.i18n import N_, _
from tui.claim_cells import money, status_cell
from tui.footer import TranslatedFooter
from tui.format import short_date
from tui.paths import STYLES
from tui.widgets.paged_table import Cell, Column, PagedTable


class MemberClaimsTable(PagedTable):
    """A member's claims, the latest meeting first; Enter opens one."""

    BINDINGS = [Binding("enter", "select", N_("Open claim"), id="member_claims.open")]


def tax_year_label(day: str) -> str:
    """Return the tax year a day falls in, written 2026-27."""
    start, end = tax_year(day)
    return f"{start[:4]}-{end[2:4]}"


def paid_by_year(store, member_id: str, rows: list[dict[str, Any]]) -> str:
    """Return what was paid to the member in each tax year they were paid in, the latest first."""
    years = sorted({tax_year_label(r["paid_at"][:10]) for r in rows if r["status"] == "paid" and r["paid_at"]},
                   reverse=True)
    if not years:
        return _("Nothing paid yet.")
    lines = []
    for year in years:
        paid = statement(store, member_id, year)
        lines.append(_("Paid in tax year {year}: fees {fees}, expenses {expenses}, total {total}.").format(
            year=year, fees=money(paid["fee_pence"]), expenses=money(paid["expense_pence"]),
            total=money(paid["total_pence"])))
    return "\n".join(lines)


class MemberClaimsScreen(Screen):
    """Every claim of one member, and their tax-year totals of what was paid."""

    CSS_PATH = STYLES / "claims.tcss"
    AUTO_FOCUS = "#member-claims"
    BINDINGS = [Binding("escape", "back", N_("Back"), id="member_claims.back")]

    def __init__(self, member_id: str) -> None:
        super().__init__()
        self.member_id = member_id
        self.rows: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        member = members.get_member(self.app.store, self.member_id)
        self.sub_title = _("Claims of {name}").format(name=member["name"])
        yield Header()
        yield Static(id="member-paid", classes="banner", markup=False)
        yield MemberClaimsTable(
            # Paid on comes last and wide: the "1–3 of 3" at the end of the headings covers only its end.
            [Column(N_("Meeting"), 16), Column(N_("Title"), None), Column(N_("Status"), 22),
             Column(N_("Total"), 11), Column(N_("Reference"), 16), Column(N_("Paid on"), 28)],
            fetch=lambda offset, limit: self.rows[offset:offset + limit],
            count=lambda: len(self.rows),
            cells=self._cells,
            empty=N_("No claims yet."),
            id="member-claims",
        )
        yield TranslatedFooter(compact=True)

    def _cells(self, row: dict[str, Any]) -> list[Cell]:
        return [short_date(row["meeting_date"]) if row["meeting_date"] else "", row["meeting_title"] or "",
                status_cell(row["status"], row["correction_due_pence"]), money(row["total_pence"]), row["payment_reference"] or "",
                short_date(row["paid_at"][:10]) if row["paid_at"] else ""]

    def on_mount(self) -> None:
        self.load()

    def load(self, keep_cursor: bool = False) -> None:
        """Read the member's claims and totals again."""
        self.rows = member_claims(self.app.store, self.member_id)
        self.query_one("#member-paid", Static).update(paid_by_year(self.app.store, self.member_id, self.rows))
        self.query_one(MemberClaimsTable).reload(keep_cursor=keep_cursor)

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        from tui.screens import navigation

        event.stop()
        navigation.open_claim(self.app, event.row["claim_id"], then=lambda: self.load(keep_cursor=True))

    def action_back(self) -> None:
        self.app.pop_screen()
