"""Small questions about one agenda item: a reason, a number of minutes, who declares an interest.

Each dialog runs the store command itself when the person presses Enter, so a
refusal (an empty reason, zero minutes) is shown beside the box and the
dialog stays open; nothing is written until the answer is good.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from store.errors import CoprodError
from store.i18n import _
from tui.screens.dialogs import Dialog
from tui.widgets.member_picker import MemberPicker


class AnswerDialog(Dialog):
    """Ask for one line of text and hand it to `submit`; a refusal is shown beside the box."""

    def __init__(self, question: str, value: str, hint: str, submit: Callable[[str], Any],
                 placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.hint, self.submit = question, value, hint, submit
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static("", id="answer-error", classes="error")
            yield Static(self.hint, classes="hint")

    def on_mount(self) -> None:
        box = self.query_one("#answer", Input)
        box.focus()
        box.action_select_all()  # typing replaces the suggested answer

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.submit(event.value)
        except CoprodError as exc:
            self.query_one("#answer-error", Static).update(exc.message)
            self.app.bell()
            return
        self.dismiss(True if result is None else result)


class InterestDialog(Dialog):
    """Who declares an interest in an item, and what it is; `submit(member_id, note)` records it."""

    def __init__(self, title: str, submit: Callable[[str, str], Any]) -> None:
        super().__init__()
        self.title_text, self.submit = title, submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Who is declaring an interest in “{title}”?").format(title=self.title_text),
                        classes="question")
            yield MemberPicker("interest-who", _("Type part of their name"))
            yield Static("", id="error-member", classes="error")
            yield Label(_("What is the interest? (you can leave this empty)"), classes="field-label")
            yield Input(placeholder=_("For example: works for the provider"), id="interest-note")
            yield Static("", id="error-note", classes="error")
            yield Static(_("Down arrow to the names, Enter to choose; then Enter in the last box saves. "
                           "Escape goes back."), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#interest-who", Input).focus()

    def on_member_picker_chosen(self, event: MemberPicker.Chosen) -> None:
        self.query_one("#error-member", Static).update("")
        self.query_one("#interest-note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        member = self.query_one(MemberPicker).value
        if member is None:
            self.query_one("#error-member", Static).update(_("Choose who is declaring the interest."))
            self.query_one("#interest-who", Input).focus()
            self.app.bell()
            return
        try:
            self.submit(member, event.value)
        except CoprodError as exc:
            self.query_one("#error-note", Static).update(exc.message)
            self.app.bell()
            return
        self.dismiss(self.query_one(MemberPicker).chosen_name)


class SentDialog(Dialog):
    """Say, in plain words, what just happened and what comes next; one button closes it."""

    def __init__(self, heading: str, detail: str) -> None:
        super().__init__()
        self.heading, self.detail = heading, detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="question", id="sent-heading")
            yield Static(self.detail, id="sent-detail")
            with Horizontal():
                yield Button(_("Done"), id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)
