"""Asking for what the command line was not given: one plain question at a time.

Questions and reasons go to standard output as plain lines (no colour, no
cursor movement, nothing redrawn), so they read the same in any terminal and
through any screen reader. Answers are read with input(), so they can also
be typed ahead or piped in from a file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from store.errors import CoprodError
from store.i18n import _

T = TypeVar("T")
TRIES = 3


class NoAnswer(CoprodError):
    """The answers ran out (end of input) before a question was answered."""


class Asker:
    """Asks questions on standard output and reads the answers from standard input."""

    def __init__(self, tries: int = TRIES) -> None:
        self.tries = tries

    def say(self, text: str = "") -> None:
        """Print one line."""
        print(text, flush=True)

    def read(self, question: str) -> str:
        """Ask one question and return the answer; raise NoAnswer at the end of the input."""
        try:
            answer = input(question + " ")
        except EOFError:
            # Keep the next message on a line of its own.
            self.say()
            raise NoAnswer("") from None
        if not sys.stdin.isatty():
            # Piped answers are not echoed: end the question's line so the next one starts afresh.
            self.say()
        return answer.strip()

    def ask(self, question: str, parse: Callable[[str], T], flag: str) -> T:
        """Ask until `parse` accepts the answer, at most `tries` times.

        `parse` raises CoprodError with a plain reason, which is said before the
        question comes again. `flag` names the option that gives the answer on
        the command line, for the message when the answers run out.
        """
        for attempt in range(1, self.tries + 1):
            try:
                answer = self.read(question)
            except NoAnswer:
                raise NoAnswer(_("There was no answer to \"{question}\". Give {flag} on the command line.")
                               .format(question=question.rstrip(":").strip(), flag=flag)) from None
            try:
                return parse(answer)
            except CoprodError as exc:
                self._wrong(exc, attempt, flag)
        raise AssertionError("unreachable")

    def optional(self, question: str, parse: Callable[[str], T | None], flag: str) -> T | None:
        """Ask a question that may be skipped: Enter, or the end of the input, gives None."""
        for attempt in range(1, self.tries + 1):
            try:
                answer = self.read(question)
            except NoAnswer:
                return None
            if not answer:
                return None
            try:
                return parse(answer)
            except CoprodError as exc:
                self._wrong(exc, attempt, flag)
        return None

    def _wrong(self, exc: CoprodError, attempt: int, flag: str) -> None:
        """Say why an answer was refused, or give up after the last try."""
        if attempt < self.tries:
            self.say(exc.message)
            return
        raise CoprodError(_("{reason} That was the last try: nothing was sent. Run the command again, "
                            "or give {flag}.").format(reason=exc.message, flag=flag)) from None

    def choose(self, question: str, labels: Sequence[str], flag: str) -> int:
        """List `labels` numbered from 1 and return the index of the one chosen by its number."""
        for number, label in enumerate(labels, start=1):
            self.say(_("{n}. {choice}").format(n=number, choice=label))
        return self.ask(question, lambda text: pick_number(text, len(labels)), flag)


def pick_number(text: str, count: int) -> int:
    """Return the 0-based index for a typed number from 1 to `count`; refuse anything else."""
    cleaned = text.strip().rstrip(".")
    if cleaned.isdigit() and 1 <= int(cleaned) <= count:
        return int(cleaned) - 1
    if count == 1:
        raise CoprodError(_("Type 1."))
    raise CoprodError(_("Type a number from 1 to {n}.").format(n=count))
