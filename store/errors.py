"""The errors the core raises, each with a message the person can act on."""

from __future__ import annotations


class CoprodError(Exception):
    """A problem to show the person as it is; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(CoprodError):
    """Bad input for one field (or the whole form when `field` is None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CoprodError):
    """The record asked for does not exist (or was deleted)."""


class DatabaseError(CoprodError):
    """The database file cannot be used: not SQLite, too new, or unreadable."""


class MeetingNotOpen(CoprodError):
    """The register cannot be taken: the meeting is planned, not yet open."""
