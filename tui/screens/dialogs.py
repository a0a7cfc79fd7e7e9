"""Small questions: a time, a choice, yes or no. Each answers through its callback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.dates import parse_time
from store.errors import InputError
from store.i18n import N_, _


class Dialog(ModalScreen):
    """A modal question; Escape always means 'go back, change nothing'."""

    BINDINGS = [Binding("escape", "cancel", N_("Go back"), id="dialog.cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical { width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2; }
    Dialog .question { text-style: bold; margin-bottom: 1; }
    Dialog Horizontal { height: auto; margin-top: 1; }
    Dialog Button { margin-right: 2; width: auto; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)


class TimeDialog(Dialog):
    """Ask for a time, HH:MM; an empty answer clears it."""

    def __init__(self, question: str, value: str) -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question")
            yield Input(self.value, id="time")
            yield Static(_("For example 10:45. Leave it empty to clear it. Enter saves; Escape goes back."),
                         classes="hint")
            yield Static("", id="time-error", classes="error")

    def on_mount(self) -> None:
        box = self.query_one("#time", Input)
        box.focus()
        box.action_select_all()  # typing a new time replaces the suggested one

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            parsed = parse_time(event.value, "time")
        except InputError as exc:
            self.query_one("#time-error", Static).update(exc.message)
            return
        self.dismiss(parsed or "")


class ChoiceDialog(Dialog):
    """Ask the person to pick one of a few choices."""

    def __init__(self, question: str, choices: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.question, self.choices, self.current = question, choices, current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question")
            options = OptionList(*[Option(text, id=code) for code, text in self.choices], id="choices")
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        codes = [code for code, _text in self.choices]
        options.highlighted = codes.index(self.current) if self.current in codes else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConfirmDialog(Dialog):
    """Ask a yes-or-no question with plain buttons."""

    def __init__(self, question: str, yes: str, no: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.yes, self.no, self.detail = question, yes, no, detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question")
            if self.detail:
                yield Static(self.detail)
            with Horizontal():
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
