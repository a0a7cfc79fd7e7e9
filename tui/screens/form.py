"""What every form shares: labelled fields, a message beside the field that is wrong, Save and Back."""

from __future__ import annotations

from collections.abc import Iterator

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from store.errors import InputError
from store.i18n import N_


class FormScreen(Screen):
    """A full-screen form; subclasses define compose() with `field()` and `save()`."""

    AUTO_FOCUS = "Input"

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="form.save", priority=True),
        Binding("escape", "back", N_("Back without saving"), id="form.back"),
    ]

    def field(self, name: str, label: str, widget: Widget, hint: str = "") -> Iterator[Widget]:
        """Yield a label, the widget and a place for its error message."""
        yield Label(label, classes="field-label")
        yield widget
        if hint:
            yield Static(hint, classes="hint")
        yield Static("", id=f"error-{name}", classes="error field-error")

    def clear_errors(self) -> None:
        for box in self.query(".field-error").results(Static):
            box.update("")

    def show_error(self, exc: InputError) -> None:
        """Put the message beside its field (or at the top) and move there."""
        self.clear_errors()
        target = self.query(f"#error-{exc.field}") if exc.field else None
        if target:
            box = target.first(Static)
            box.update(exc.message)
            box.scroll_visible()
            field_widget = self.query(f"#field-{exc.field}")
            if field_widget:
                field_widget.first().focus()
        else:
            self.query_one("#error-form", Static).update(exc.message)
        self.app.bell()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            saved = self.save()
        except InputError as exc:
            self.show_error(exc)
            return
        self.dismiss(saved)

    def save(self) -> str:  # pragma: no cover - each form has its own
        raise AssertionError("subclasses define save()")
