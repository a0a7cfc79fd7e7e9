"""The Sync screen: send this database's changes to the shared store and bring in everyone else's.

The sync runs in a thread on a connection of its own; the progress it reports
from there reaches the screen through the app's event loop. The screen is only
ever opened above the home screen, so leaving it shows the synced data: the
home screen reads everything again when it comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from store.errors import CoprodError
from store.i18n import N_, _, ngettext
from tui.footer import TranslatedFooter
from tui.paths import STYLES

if TYPE_CHECKING:
    from store.sync.engine import Summary
    from tui.app import CoprodApp


def open_sync(app: CoprodApp) -> None:
    """Show the Sync screen above the home screen (the screens in between are closed first)."""
    from tui.screens import navigation

    if isinstance(app.screen, SyncScreen):
        return
    # Screens left open below would go on showing what they read before the sync.
    navigation.go_home(app)
    app.push_screen(SyncScreen())


def summary_lines(summary: Summary) -> list[str]:
    """Say what a sync did: changes sent and received, batches waiting, claims to check."""
    lines = [
        ngettext("Sent {n:,} change.", "Sent {n:,} changes.", summary.sent).format(n=summary.sent),
        ngettext("Received {n:,} change.", "Received {n:,} changes.", summary.received).format(n=summary.received),
    ]
    if summary.waiting:
        lines.append(ngettext(
            "{n} batch is waiting for changes from another device that have not reached the store yet. "
            "Sync again later.",
            "{n} batches are waiting for changes from other devices that have not reached the store yet. "
            "Sync again later.", summary.waiting).format(n=summary.waiting))
    if summary.conflicts:
        lines.append(ngettext(
            "{n} claim needs checking: two devices changed it at once. Open the claims that need checking from "
            "the home screen (key x).",
            "{n} claims need checking: two devices changed them at once. Open the claims that need checking from "
            "the home screen (key x).", summary.conflicts).format(n=summary.conflicts))
    return lines


def _bullets(heading: str, items: list[str]) -> str:
    return "\n".join([heading] + [_("• {item}").format(item=item) for item in items])


class SyncScreen(Screen):
    """Where the store is, a button to sync, the progress, and what the sync did."""

    CSS_PATH = STYLES / "sync.tcss"
    AUTO_FOCUS = "#sync-location"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="sync.back"),
        Binding("ctrl+s", "sync", N_("Sync now"), id="sync.start"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running = False

    def compose(self) -> ComposeResult:
        self.sub_title = _("Sync")
        yield Header()
        with VerticalScroll(id="sync", classes="form"):
            yield Static(_("Send this database's new changes to the shared store and bring in everyone "
                           "else's. The store is a folder (a shared drive, a synced folder or a USB stick) "
                           "or a postgresql:// address; the last one used is remembered. The password for "
                           "PostgreSQL comes from PGPASSWORD or your .pgpass file."), classes="hint", markup=False)
            yield Label(_("Folder or postgresql:// address"), classes="field-label")
            yield Input(placeholder=_("For example, the coprod folder on your shared drive"), id="sync-location")
            yield Static(id="sync-hint", classes="hint", markup=False)
            yield Static(id="sync-error", classes="error", markup=False)
            yield Button(_("Sync now"), id="sync-now", variant="primary")
            yield Static(id="sync-state", markup=False)
            yield ProgressBar(show_eta=False, id="sync-progress")
            yield Static(id="sync-summary", markup=False)
            yield Static(id="sync-problems", classes="sync-list", markup=False)
            yield Static(id="sync-notes", classes="sync-list", markup=False)
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        from store.sync.engine import last_location

        location = last_location(self.app.store)
        self.query_one("#sync-location", Input).value = location or ""
        self.query_one("#sync-hint", Static).update(
            _("This is the store this database used last. Press Enter to sync with it.") if location else
            _("This database has not synced yet. Type where the shared store is, then press Enter."))

    def palette_commands(self) -> list[SystemCommand]:
        """The keys of this screen, for the command palette."""
        return [SystemCommand(_("Sync now (Ctrl+S)"), _("Send and receive changes through the store named here"),
                              self.action_sync)]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_sync()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_sync()

    def action_sync(self) -> None:
        """Start a sync with the store in the box, unless one is running."""
        if self.running:
            self.app.say(_("Sync is still running. Wait for it to finish."))
            return
        self.running = True
        self._set_busy(True)
        for name in ("#sync-error", "#sync-summary", "#sync-problems", "#sync-notes"):
            self.query_one(name, Static).update("")
        self.query_one("#sync-state", Static).update(_("Looking at the store…"))
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = False
        self.run_sync(self.query_one("#sync-location", Input).value)

    def action_back(self) -> None:
        if self.running:
            # Leaving now would hide how the sync ended; it never takes long.
            self.app.say(_("Sync is still running. Wait for it to finish."))
            return
        self.app.pop_screen()

    def _set_busy(self, busy: bool) -> None:
        self.query_one("#sync-now", Button).disabled = busy
        box = self.query_one("#sync-location", Input)
        box.disabled = busy
        if not busy:
            box.focus()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_sync(self, location: str) -> None:
        """Sync on a connection of this thread's own; report back through the app's event loop."""
        from store.sync.engine import sync
        from store.sync.remote import open_remote

        try:
            remote = open_remote(location)
        except CoprodError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        own = self.app.store.reopen()  # SQLite connections stay in their own thread
        try:
            summary = sync(own, remote, lambda done, total: self.app.call_from_thread(self._progress, done, total))
        except CoprodError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        finally:
            own.close()
            remote.close()
        self.app.call_from_thread(self._finished, summary)

    def _here(self) -> bool:
        # The palette's Home closes this screen even while a sync runs; the sync still ends well.
        return self in self.app.screen_stack

    def _progress(self, done: int, total: int) -> None:
        if not self._here():
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
        self.query_one("#sync-state", Static).update(
            _("Syncing: {done:,} of {total:,} changes").format(done=done, total=total))

    def _finished(self, summary: Summary) -> None:
        self.running = False
        if not self._here():
            self.app.say(" ".join([_("✓ Sync finished.")] + summary_lines(summary)))
            return
        self._set_busy(False)
        self.query_one("#sync-state", Static).update(
            _("⚠ Sync finished, but some changes were set aside. See below.") if summary.problems
            else _("✓ Sync finished."))
        self.query_one("#sync-summary", Static).update("\n".join(summary_lines(summary)))
        if summary.problems:
            self.query_one("#sync-problems", Static).update(
                _bullets(_("Set aside, not brought in:"), summary.problems))
        if summary.notes:
            self.query_one("#sync-notes", Static).update(_bullets(_("Worth knowing:"), summary.notes))
        self.query_one("#sync-hint", Static).update(
            _("This is the store this database used last. Press Enter to sync with it."))

    def _failed(self, message: str) -> None:
        self.running = False
        if not self._here():
            self.app.say(message, error=True)
            return
        self._set_busy(False)
        self.query_one("#sync-state", Static).update(_("✗ Sync did not finish."))
        self.query_one("#sync-error", Static).update(message)
        self.app.bell()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A fault coprod has no words for still ends in a message, never a traceback.
        if event.worker.group == "sync" and event.state == WorkerState.ERROR and self.running:
            self._failed(_("Something went wrong that coprod did not expect: {reason}. Try again; if it "
                           "happens again, ask for help.").format(
                reason=event.worker.error))
