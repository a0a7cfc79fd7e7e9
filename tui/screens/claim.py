"""One claim: who and which meeting, its lines and totals, warnings in plain words, its history, and its steps.

The footer shows the steps the claim's state allows (a draft gets lines and is
sent; a claim waiting for approval is approved, rejected or sent back; an
approved one is paid; approved and paid ones are corrected, never edited).
Every step asks who is using coprod first if no one has said, and a step the
store refuses is explained in its words, with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from store import claims, vocab
from store.errors import CoprodError
from store.i18n import N_, _, ngettext
from tui.claim_cells import kind_text, money, quantity_text, receipt_text
from tui.claim_words import claim_heading, history_text, next_steps, warnings_text
from tui.footer import TranslatedFooter
from tui.paths import STYLES
from tui.widgets.paged_table import Cell, Column, PagedTable

# Which states each step appears in; the store still checks every one.
STEPS = {
    "add_expense": ("draft",),
    "add_fee": ("draft",),
    "submit": ("draft",),
    "approve": ("submitted",),
    "reject": ("submitted",),
    "send_back": ("submitted",),
    "paid": ("approved",),
    "withdraw": ("draft", "submitted"),
    "adjust": ("approved", "paid"),
}


class LinesTable(PagedTable):
    """The claim's lines; Delete takes the one under the cursor off a draft."""

    BINDINGS = [Binding("delete", "remove", N_("Take line off"), id="claim.remove_line")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return getattr(self.screen, "status", None) == "draft"
        return True

    def action_remove(self) -> None:
        if self.current is not None:
            self.screen.remove_line(self.current)


class ClaimScreen(Screen):
    """A claim in full, with the keys for its next steps."""

    CSS_PATH = STYLES / "claims.tcss"
    AUTO_FOCUS = "#claim-lines"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="claim.back"),
        Binding("e", "add_expense", N_("Add expense"), id="claim.expense"),
        Binding("f", "add_fee", N_("Add fee"), id="claim.fee"),
        Binding("s", "submit", N_("Send for approval"), id="claim.submit"),
        Binding("a", "approve", N_("Approve"), id="claim.approve"),
        Binding("r", "reject", N_("Reject"), id="claim.reject"),
        Binding("b", "send_back", N_("Send back"), id="claim.send_back"),
        Binding("p", "paid", N_("Mark paid"), id="claim.paid"),
        Binding("w", "withdraw", N_("Withdraw"), id="claim.withdraw"),
        Binding("j", "adjust", N_("Correct"), id="claim.adjust"),
    ]

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.claim: dict[str, Any] = {}
        self.lines: list[dict[str, Any]] = []
        self.missing: set[str] = set()
        self.owed: set[str] = set()

    @property
    def status(self) -> str | None:
        return self.claim.get("status")

    def compose(self) -> ComposeResult:
        self.sub_title = _("Claim")
        yield Header()
        yield Static(id="claim-heading", classes="banner", markup=False)
        yield Static(id="claim-next", classes="hint", markup=False)
        yield LinesTable(
            [Column(N_("Kind"), 18), Column(N_("Category"), None), Column(N_("How worked out"), 26),
             Column(N_("Amount"), 11), Column(N_("Receipt"), None)],
            fetch=lambda offset, limit: self.lines[offset:offset + limit],
            count=lambda: len(self.lines),
            cells=self._cells,
            empty=N_("No lines yet. Press e to add an expense or f to add a fee."),
            id="claim-lines",
        )
        yield Static(id="claim-totals", markup=False)
        with VerticalScroll(id="claim-more"):
            yield Static(_("Warnings"), classes="claim-section")
            yield Static(id="claim-warnings", markup=False)
            yield Static(_("History"), classes="claim-section")
            yield Static(id="claim-history", markup=False)
        yield TranslatedFooter(compact=True)

    def _cells(self, line: dict[str, Any]) -> list[Cell]:
        return [kind_text(line, line["line_id"] in self.owed), vocab.label(vocab.LINE_CATEGORIES, line["category"]), quantity_text(line),
                money(line["amount_pence"]), receipt_text(line, line["line_id"] in self.missing)]

    @property
    def table(self) -> LinesTable:
        return self.query_one(LinesTable)

    def on_mount(self) -> None:
        self.load()

    def load(self, keep_cursor: bool = False) -> None:
        """Read the claim again and show it."""
        c = self.claim = claims.get_claim(self.app.store, self.claim_id)
        self.lines = [line for line in c["lines"] if not line["removed"]]
        self.missing = {w["line_id"] for w in c["warnings"] if w["code"] == "missing_receipt" and w.get("line_id")}
        self.owed = set(c["owed_line_ids"])
        self.query_one("#claim-heading", Static).update(claim_heading(c))
        self.query_one("#claim-next", Static).update(next_steps(c["status"], c["correction_due_pence"]))
        self.table.styles.height = min(max(len(self.lines), 1), 10) + 1
        self.table.reload(keep_cursor=keep_cursor)
        totals = _("Fees {fees} · Expenses {expenses} · Total {total}").format(
            fees=money(c["fee_pence"]), expenses=money(c["expense_pence"]), total=money(c["total_pence"]))
        if c["correction_due_pence"]:
            totals += " · " + _("Owed: {amount}").format(amount=money(c["correction_due_pence"]))
        self.query_one("#claim-totals", Static).update(totals)
        self.query_one("#claim-warnings", Static).update(warnings_text(c["warnings"]))
        self.query_one("#claim-history", Static).update(history_text(c["history"]))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "paid" and self.claim.get("correction_due_pence") and self.status == "paid":
            return True
        if action in STEPS:
            return self.status in STEPS[action]
        return True

    # --- running a step -----------------------------------------------------------------

    def as_user(self, step: Callable[[dict[str, Any]], None]) -> None:
        """Run `step` with the person using coprod (asking who first if no one has said)."""
        from tui.screens.who_are_you import with_user

        with_user(self.app, step)

    def write(self, command: Callable[[], Any], done: str) -> bool:
        """Run a store command; on success say `done` and show the claim again, else say why not."""
        try:
            command()
        except CoprodError as exc:
            self.app.say(exc.message, error=True)
            return False
        self.app.say(done)
        self.load(keep_cursor=True)
        return True

    def after_dialog(self, done: str) -> Callable[[Any], None]:
        """Return a dialog callback that shows the claim again and says `done` once the dialog saved."""
        def finished(result: Any) -> None:
            if result:
                self.app.say(done)
                self.load(keep_cursor=True)

        return finished

    def describe(self) -> str:
        """Return who and what the claim is for, for the top of a dialog."""
        return _("{member}, {meeting}: {total}").format(member=self.claim["member_name"],
                                                        meeting=self.claim["meeting_title"] or "",
                                                        total=money(self.claim["total_pence"]))

    # --- the steps -----------------------------------------------------------------------

    def action_add_expense(self) -> None:
        from tui.screens.expense_form import ExpenseForm

        self.as_user(lambda person: self.app.push_screen(
            ExpenseForm(self.claim, person["id"]), callback=self.after_dialog(_("Expense added."))))

    def action_add_fee(self) -> None:
        from tui.claim_words import card_fees
        from tui.screens.claim_dialogs import fee_dialog

        def step(person: dict[str, Any]) -> None:
            def save(values: dict[str, Any]) -> None:
                claims.add_fee(self.app.store, self.claim_id, person["id"], values)

            self.app.push_screen(fee_dialog(card_fees(self.app.store, self.claim), save),
                                 callback=self.after_dialog(_("Fee added.")))

        self.as_user(step)

    def remove_line(self, line: dict[str, Any]) -> None:
        """Ask, then take `line` off the draft (it stays in the history)."""
        from tui.screens.dialogs import ConfirmDialog

        def step(person: dict[str, Any]) -> None:
            def answer(yes: bool | None) -> None:
                if yes:
                    self.write(lambda: claims.remove_line(self.app.store, self.claim_id, person["id"], line["line_id"]),
                               _("Line taken off. The history keeps it."))

            what = _("{category}: {amount}").format(category=vocab.label(vocab.LINE_CATEGORIES, line["category"]),
                                                    amount=money(line["amount_pence"]))
            self.app.push_screen(ConfirmDialog(_("Take this line off the claim?"), _("Take it off"), _("Keep it"),
                                               what), callback=answer)

        self.as_user(step)

    def remove_current(self) -> None:
        """Take the highlighted line off, or say why it can't be."""
        if self.status != "draft":
            self.app.say(_("Lines can only be taken off a draft. Correct an approved or paid claim with j."),
                         error=True)
        elif self.table.current is not None:
            self.remove_line(self.table.current)

    def action_submit(self) -> None:
        self.as_user(lambda person: self.write(
            lambda: claims.submit(self.app.store, self.claim_id, person["id"]), _("Sent for approval.")))

    def action_approve(self) -> None:
        from tui.screens.dialogs import ConfirmDialog

        def step(person: dict[str, Any]) -> None:
            def approve(yes: bool | None = True) -> None:
                if yes:
                    self.write(lambda: claims.approve(self.app.store, self.claim_id, person["id"]), _("Approved."))

            found = self.claim["warnings"]
            if not found:
                approve()
                return
            question = ngettext("This claim has {n} warning. Approve it anyway?",
                                "This claim has {n} warnings. Approve it anyway?", len(found)).format(n=len(found))
            self.app.push_screen(ConfirmDialog(question, _("Approve it"), _("Go back"), warnings_text(found)),
                                 callback=approve)

        self.as_user(step)

    def action_reject(self) -> None:
        from tui.screens.claim_dialogs import reason_dialog

        def step(person: dict[str, Any]) -> None:
            dialog = reason_dialog(_("Reject this claim?"), self.describe(), _("Why is it rejected?"),
                                   _("The member sees this reason."), _("Reject it"),
                                   lambda reason: claims.reject(self.app.store, self.claim_id, person["id"], reason))
            self.app.push_screen(dialog, callback=self.after_dialog(_("Rejected. The reason is kept.")))

        self.as_user(step)

    def action_send_back(self) -> None:
        from tui.screens.claim_dialogs import reason_dialog

        def step(person: dict[str, Any]) -> None:
            dialog = reason_dialog(
                _("Send this claim back for changes?"), self.describe(), _("What needs changing?"),
                _("The member sees this."), _("Send it back"),
                lambda reason: claims.return_to_draft(self.app.store, self.claim_id, person["id"], reason))
            self.app.push_screen(dialog, callback=self.after_dialog(_("Sent back. It is a draft again.")))

        self.as_user(step)

    def action_paid(self) -> None:
        from store.dates import today
        from tui.format import uk_date
        from tui.screens.claim_dialogs import paid_dialog

        owed = self.claim["correction_due_pence"] if self.status == "paid" else 0

        def step(person: dict[str, Any]) -> None:
            what = self.describe()
            if owed:
                what = _("{member}, {meeting}: the correction of {amount}").format(
                    member=self.claim["member_name"], meeting=self.claim["meeting_title"] or "", amount=money(owed))
            dialog = paid_dialog(what, uk_date(today().isoformat()),
                                 lambda reference, paid_on: claims.mark_paid(self.app.store, self.claim_id,
                                                                             person["id"], reference, paid_on),
                                 correction=bool(owed))
            self.app.push_screen(dialog, callback=self.after_dialog(
                _("Correction marked paid.") if owed else _("Marked paid.")))

        self.as_user(step)

    def action_withdraw(self) -> None:
        from tui.screens.claim_dialogs import reason_dialog

        def step(person: dict[str, Any]) -> None:
            dialog = reason_dialog(
                _("Withdraw this claim?"), self.describe(), _("Why? (you can leave this empty)"),
                _("A withdrawn claim is kept, never deleted."), _("Withdraw it"),
                lambda reason: claims.withdraw(self.app.store, self.claim_id, person["id"], reason))
            self.app.push_screen(dialog, callback=self.after_dialog(_("Withdrawn.")))

        self.as_user(step)

    def action_adjust(self) -> None:
        from tui.screens.claim_dialogs import AdjustDialog

        def step(person: dict[str, Any]) -> None:
            dialog = AdjustDialog(self.describe(),
                                  lambda values: claims.adjust(self.app.store, self.claim_id, person["id"], values))
            self.app.push_screen(dialog, callback=self.after_dialog(_("Correction added.")))

        self.as_user(step)

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list:
        """Every step, named with its key; one the claim's state does not allow is explained when chosen."""
        from textual.app import SystemCommand

        steps = [
            (_("Add expense (e)"), _("Travel, parking, care and other costs"), self.action_add_expense),
            (_("Add fee (f)"), _("A fee line by hand: hours, half day, day, preparation, chairing"),
             self.action_add_fee),
            (_("Take line off (Delete)"), _("Take the highlighted line off a draft"), self.remove_current),
            (_("Send for approval (s)"), _("Send the draft to staff to approve"), self.action_submit),
            (_("Approve (a)"), _("Approve a claim waiting for approval"), self.action_approve),
            (_("Reject (r)"), _("Reject a claim, saying why"), self.action_reject),
            (_("Send back (b)"), _("Send a claim back for changes, saying what"), self.action_send_back),
            (_("Mark paid (p)"), _("Record the payment reference and date, of a claim or of a correction owed"),
             self.action_paid),
            (_("Withdraw (w)"), _("Withdraw a draft or a claim waiting for approval"), self.action_withdraw),
            (_("Correct (j)"), _("Add money to or take it off an approved or paid claim"), self.action_adjust),
        ]
        return [SystemCommand(title, help_text, callback) for title, help_text, callback in steps]

