"""Saving attendance as CSV or XLSX, from the app. The saving runs in a worker."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from store.errors import CoprodError
from store.i18n import _
from tui.screens.dialogs import Dialog


def default_folder() -> Path:
    """Return the person's Documents folder if there is one, else their home."""
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()


class ExportDialog(Dialog):
    """Pick a format and a file name; this meeting's attendance, or all of it."""

    def __init__(self, meeting_id: str | None) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        name = "attendance-meeting" if self.meeting_id else "attendance-all"
        with Vertical():
            yield Label(_("Save attendance") if not self.meeting_id else _("Save this meeting's attendance"),
                        classes="question")
            with RadioSet(id="export-format"):
                yield RadioButton(_("Spreadsheet (XLSX), with a summary sheet"), value=True, id="xlsx")
                yield RadioButton(_("CSV, for other programs"), id="csv")
            yield Label(_("Save as"))
            yield Input(str(default_folder() / f"{name}.xlsx"), id="export-path")
            yield Static("", id="export-error", classes="error")
            with Horizontal():
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Go back"), id="back")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path_box = self.query_one("#export-path", Input)
        path = Path(path_box.value)
        path_box.value = str(path.with_suffix("." + (event.pressed.id or "xlsx")))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "back":
            self.dismiss(None)
            return
        self.save()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        fmt = "csv" if self.query_one("#csv", RadioButton).value else "xlsx"
        path = Path(self.query_one("#export-path", Input).value).expanduser()
        self.query_one("#export-error", Static).update(_("Saving…"))
        self.write(path, fmt)

    @work(thread=True, exclusive=True, group="export")
    def write(self, path: Path, fmt: str) -> None:
        from store.export import attendance as export

        store = self.app.store.reopen()
        try:
            writer = export.write_csv if fmt == "csv" else export.write_xlsx
            rows = writer(store, path, meeting_id=self.meeting_id)
        except CoprodError as exc:
            self.app.call_from_thread(self.query_one("#export-error", Static).update, exc.message)
            return
        finally:
            store.close()
        self.app.call_from_thread(self.finished, path, rows)

    def finished(self, path: Path, rows: int) -> None:
        self.app.say(_("Saved {n} rows to {path}.").format(n=rows, path=path))
        self.dismiss(str(path))
