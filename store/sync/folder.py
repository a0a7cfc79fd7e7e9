"""The folder store: a shared drive, a synced folder (OneDrive and the like) or a USB stick.

    LOCATION/coprod-store.json          what this folder is (written once, by `store init`)
    LOCATION/devices/<device id>/       one folder per device; only that device writes in it
        000000000001-000000005000.batch changes 1 to 5,000, never changed once written
        status.json                     when the device last synced and what it had applied

A batch is written to a temporary name, flushed to disk, then renamed, so a
reader sees a whole file or none. Files whose names do not fit the pattern
(a sync program's "conflicted copy", another device's temporary file) are
never read. An empty or missing folder is "not connected", never "no data".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

from store.i18n import _
from store.sync import failpoints
from store.sync.batch import Batch, BatchError, decode, encode
from store.sync.remote import DeviceStatus, Heads, StoreError

MARKER = "coprod-store.json"
_BATCH_NAME = re.compile(r"^(\d{12})-(\d{12})\.batch$")
_DEVICE_NAME = re.compile(r"^[0-9a-f][0-9a-f-]{7,63}$")


class FolderStore:
    """A store in a folder; see the module docstring for its layout."""

    kind = "folder"

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser().absolute()
        self.location = str(self.path)

    # -- setting up -----------------------------------------------------

    def init(self) -> bool:
        """Make the folder a store; return False if it already was one."""
        if (self.path / MARKER).is_file():
            self.check()
            return False
        if not self.path.parent.is_dir():
            raise StoreError(_("Can't find the folder {folder}. If it is on a shared or USB drive, check that it "
                               "is connected.").format(folder=self.path.parent))
        if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
            raise StoreError(_("{folder} already has other files in it. Choose an empty or new folder for the "
                               "store.").format(folder=self.path))
        try:
            (self.path / "devices").mkdir(parents=True, exist_ok=True)
            marker = {"format": 1, "store_id": str(uuid.uuid4()), "created_at": _now()}
            _write_whole(self.path / MARKER, json.dumps(marker, indent=1).encode())
        except OSError as exc:
            raise StoreError(_("Can't set up a store in {folder}: {reason}").format(
                folder=self.path, reason=exc.strerror)) from exc
        return True

    def check(self) -> None:
        """Raise StoreError unless the folder is a store this coprod can use."""
        try:
            marker = json.loads((self.path / MARKER).read_bytes())
        except FileNotFoundError:
            raise StoreError(_("There is no coprod store at {folder}. If it is on a shared or USB drive, check that "
                               "it is connected. To start a new store there: coprod store init {folder}").format(
                folder=self.path)) from None
        except (OSError, ValueError) as exc:
            raise StoreError(_("The store at {folder} can't be read. Check the drive, then try again.").format(
                folder=self.path)) from exc
        if not isinstance(marker, dict) or not isinstance(marker.get("format"), int):
            raise StoreError(_("The store at {folder} can't be read. Check the drive, then try again.").format(
                folder=self.path))
        if marker["format"] > 1:
            raise StoreError(_("The store at {folder} was made by a newer coprod. Update coprod to use it.").format(
                folder=self.path))
        if not (self.path / "devices").is_dir():
            raise StoreError(_("The store at {folder} is missing its devices folder. Check the drive, then try "
                               "again.").format(folder=self.path))

    def close(self) -> None:
        """Nothing to close for a folder."""

    # -- reading --------------------------------------------------------

    def _files(self, device_id: str) -> tuple[list[tuple[int, int, Path]], list[str]]:
        """Return a device's batch files by first sequence number, and names set aside."""
        found, odd = [], []
        folder = self.path / "devices" / device_id
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return [], []
        for name in names:
            match = _BATCH_NAME.match(name)
            if match:
                first, last = int(match[1]), int(match[2])
                if first <= last:
                    found.append((first, last, folder / name))
                    continue
            if name.endswith(".batch") or (".batch" in name and not name.startswith(".")):
                odd.append(name)
        found.sort()
        return found, odd

    def heads(self) -> Heads:
        """Return, for every device, the last sequence number it has in the store with none missing before it."""
        heads = Heads()
        try:
            devices = os.listdir(self.path / "devices")
        except OSError as exc:
            raise StoreError(_("The store at {folder} can't be read. Check the drive, then try again.").format(
                folder=self.path)) from exc
        for device_id in devices:
            if not _DEVICE_NAME.match(device_id):
                continue
            files, odd = self._files(device_id)
            heads.seq[device_id] = _contiguous_end(files, 0)
            heads.ignored.extend(f"{device_id}/{name}" for name in odd)
        return heads

    def fetch(self, device_id: str, after: int) -> Iterator[Batch]:
        """Yield the device's batches after sequence number `after`, in order, each read whole and checked."""
        files, _odd = self._files(device_id)
        expect = after + 1
        for first, last, path in files:
            if last < expect:
                continue
            if first > expect:
                return  # a file not here yet: what follows must wait for it
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise BatchError(_("{where} can't be read: {reason}").format(
                    where=f"{device_id}/{path.name}", reason=exc.strerror)) from exc
            batch = decode(data, device_id, f"{device_id}/{path.name}")
            if (batch.first, batch.last) != (first, last):
                raise BatchError(_("{where} holds other changes than its name says.").format(
                    where=f"{device_id}/{path.name}"))
            yield batch
            expect = last + 1

    def statuses(self) -> list[DeviceStatus]:
        """Return what each device last said of itself."""
        heads = self.heads()
        out = []
        for device_id, pushed in sorted(heads.seq.items()):
            try:
                said = json.loads((self.path / "devices" / device_id / "status.json").read_bytes())
            except (OSError, ValueError):
                said = {}
            applied = said.get("applied") if isinstance(said.get("applied"), dict) else {}
            out.append(DeviceStatus(device_id, said.get("last_sync") if isinstance(said.get("last_sync"), str)
                                    else None, pushed, heads.behind(device_id, applied)))
        return out

    # -- writing (own folder only) -----------------------------------------

    def pushed(self, device_id: str) -> int:
        """Return how far this device's own changes are in the store, with none missing."""
        files, _odd = self._files(device_id)
        return _contiguous_end(files, 0)

    def push(self, batch: Batch) -> None:
        """Write one batch file: to a temporary name, to disk, then renamed into place."""
        folder = self.path / "devices" / batch.device_id
        try:
            folder.mkdir(exist_ok=True)
            _write_whole(folder / f"{batch.first:012d}-{batch.last:012d}.batch", encode(batch),
                         before_rename="folder-before-rename")
        except OSError as exc:
            raise StoreError(_("Can't write to the store at {folder}: {reason}").format(
                folder=self.path, reason=exc.strerror)) from exc

    def report(self, device_id: str, applied: dict[str, int]) -> None:
        """Record when this device synced and what it has applied, for `store status`."""
        folder = self.path / "devices" / device_id
        data = {"device": device_id, "last_sync": _now(), "applied": applied}
        try:
            folder.mkdir(exist_ok=True)
            _write_whole(folder / "status.json", json.dumps(data, sort_keys=True).encode())
        except OSError as exc:
            raise StoreError(_("Can't write to the store at {folder}: {reason}").format(
                folder=self.path, reason=exc.strerror)) from exc


def _contiguous_end(files: list[tuple[int, int, Path]], after: int) -> int:
    end = after
    for first, last, _path in files:
        if first > end + 1:
            break
        end = max(end, last)
    return end


def _write_whole(path: Path, data: bytes, before_rename: str | None = None) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it into place."""
    partial = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}.part")
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before_rename:
            failpoints.reach(before_rename)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every system can open a folder.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
