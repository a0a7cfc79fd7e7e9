"""Starting a claim by hand, for one person marked present: for costs the register knows nothing of."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from store.claims import create_claim
from store.errors import CoprodError
from store.i18n import _
from tui.paths import STYLES
from tui.screens.dialogs import Dialog
from tui.widgets.member_finder import MemberFinder


class StartClaimDialog(Dialog):
    """Find the person by typing; Enter starts an empty draft claim for them. Dismisses with its id."""

    CSS_PATH = STYLES / "claims.tcss"

    def __init__(self, meeting_id: str, actor_id: str) -> None:
        super().__init__()
        self.meeting_id, self.actor_id = meeting_id, actor_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Start a claim for someone who was here"), classes="question")
            yield MemberFinder("start-find", _("Type part of a name"), include_inactive=True, id="start-finder")
            yield Static(_("Down arrow, then Enter, chooses someone. The claim starts empty: add their costs next."),
                         classes="hint")
            yield Static("", id="start-error", classes="error")

    def on_mount(self) -> None:
        self.query_one(MemberFinder).box.focus()

    def on_member_finder_chosen(self, message: MemberFinder.Chosen) -> None:
        message.stop()
        try:
            claim_id = create_claim(self.app.store, self.meeting_id, message.key, self.actor_id)
        except CoprodError as exc:
            self.query_one("#start-error", Static).update(exc.message)
            self.app.bell()
            return
        self.app.say(_("Claim started for {name}.").format(name=message.name))
        self.dismiss(claim_id)

    def on_member_finder_no_match(self, message: MemberFinder.NoMatch) -> None:
        message.stop()
        self.query_one("#start-error", Static).update(_("No one matches. Check the spelling."))
        self.app.bell()
