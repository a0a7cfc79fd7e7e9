"""What every shared store offers, and how a LOCATION names one.

A LOCATION is a folder (the default kind: a shared drive, a synced folder, a
USB stick) or a `postgresql://` address. A password never goes in the address:
it comes from PGPASSWORD or the .pgpass file, so it is never saved anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from store.errors import CoprodError
from store.i18n import _
from store.sync.batch import Batch


class StoreError(CoprodError):
    """The shared store can't be used right now; nothing was changed."""


@dataclass
class Heads:
    """How far each device's changes reach in the store, with none missing."""

    seq: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # files set aside, such as a sync program's copies

    def behind(self, device_id: str, applied: dict[str, int]) -> int:
        """Return how many changes in the store `device_id` had not applied when it last synced."""
        return sum(max(0, head - applied.get(other, 0)) for other, head in self.seq.items() if other != device_id)


@dataclass(frozen=True)
class DeviceStatus:
    """One device as the store knows it."""

    device_id: str
    last_sync: str | None  # ISO time, UTC
    pushed: int  # changes it has in the store
    behind: int  # changes in the store it had not applied at its last sync


class Remote(Protocol):
    """A shared store: the folder store or the PostgreSQL store."""

    kind: str
    location: str

    def init(self) -> bool: ...
    def check(self) -> None: ...
    def close(self) -> None: ...
    def heads(self) -> Heads: ...
    def fetch(self, device_id: str, after: int) -> Iterator[Batch]: ...
    def pushed(self, device_id: str) -> int: ...
    def push(self, batch: Batch) -> None: ...
    def report(self, device_id: str, applied: dict[str, int]) -> None: ...
    def statuses(self) -> list[DeviceStatus]: ...


def is_database_url(location: str) -> bool:
    """True when `location` names a PostgreSQL server rather than a folder."""
    return location.startswith(("postgresql://", "postgres://"))


def open_remote(location: str) -> Remote:
    """Return the store `location` names (not yet checked or connected)."""
    location = location.strip()
    if not location:
        raise StoreError(_("Say where the store is: a folder, or a postgresql:// address."))
    if is_database_url(location):
        from store.sync.postgres import PostgresStore

        return PostgresStore(location)
    if "://" in location:
        raise StoreError(_("coprod can sync with a folder or a postgresql:// address, not {location}.").format(
            location=location.split("://", 1)[0] + "://"))
    from store.sync.folder import FolderStore

    return FolderStore(Path(location))
