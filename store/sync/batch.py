"""A batch: a run of one device's changes, as it travels through a store.

The folder store keeps each batch as one file; the PostgreSQL store keeps the
changes as rows and the batch's header as a row of its own. Either way a batch
names the device, its first and last sequence numbers, and what the device had
applied from others when it made the batch's last change (`needs`), so a device
that pulls it applies it only after those changes: a record is never written before the
member or meeting it points to.

Everything read from a store is checked here before any of it is applied:
whole (count and checksum), from the device it claims, in sequence, and only
tables and field groups this version of coprod knows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from store.changes import Change
from store.errors import CoprodError
from store.i18n import _
from store.schema import GROUPS

FORMAT = 1
# Changes per batch: a file of about a megabyte, and a short transaction.
SIZE = 5000


class BatchError(CoprodError):
    """A batch from the store that cannot be used whole."""


class NewerFormat(BatchError):
    """A batch written by a newer coprod: kept for later, never applied in part."""


@dataclass(frozen=True, slots=True)
class Batch:
    """A contiguous run of one device's changes, first..last inclusive."""

    device_id: str
    first: int
    last: int
    needs: dict[str, int]
    changes: Sequence[Change] = field(repr=False)
    values: Sequence[dict] | None = field(default=None, repr=False)  # each change's data, parsed when checked

    def ready(self, have: dict[str, int]) -> bool:
        """True when everything this batch was written after is already applied."""
        return all(have.get(device, 0) >= seq for device, seq in self.needs.items())


class Header(BaseModel):
    """The first line of a batch file, or the batch row in PostgreSQL."""

    model_config = ConfigDict(extra="forbid")

    format: int = Field(ge=1)
    device: str = Field(min_length=1, max_length=64)
    first: int = Field(ge=1)
    last: int = Field(ge=1)
    needs: dict[str, int]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


def body_lines(changes: Sequence[Change]) -> bytes:
    """Return the changes as JSON lines (without device, which the header holds)."""
    return b"".join(
        json.dumps([c.seq, c.hlc, c.tbl, c.row_id, c.grp, c.data], separators=(",", ":")).encode() + b"\n"
        for c in changes
    )


def encode(batch: Batch) -> bytes:
    """Return a batch as file contents: a header line, then one line per change."""
    body = body_lines(batch.changes)
    header = {
        "format": FORMAT, "device": batch.device_id, "first": batch.first, "last": batch.last,
        "needs": batch.needs, "sha256": hashlib.sha256(body).hexdigest(),
    }
    return json.dumps(header, separators=(",", ":"), sort_keys=True).encode() + b"\n" + body


def decode(data: bytes, device_id: str, where: str) -> Batch:
    """Read and check a whole batch file; raise BatchError naming `where` if any part is wrong."""
    head, sep, body = data.partition(b"\n")
    try:
        raw = json.loads(head)
    except ValueError:
        raise BatchError(_("{where} is not a whole coprod file (it may still be copying).").format(where=where))
    if isinstance(raw, dict) and isinstance(raw.get("format"), int) and raw["format"] > FORMAT:
        raise NewerFormat(_("{where} was written by a newer coprod. Update coprod to read it.").format(where=where))
    try:
        header = Header.model_validate(raw)
    except ValidationError:
        raise BatchError(_("{where} is not a whole coprod file (it may still be copying).").format(where=where))
    if not sep or hashlib.sha256(body).hexdigest() != header.sha256:
        raise BatchError(_("{where} is damaged or only half copied: its checksum does not match.").format(where=where))
    if header.device != device_id:
        raise BatchError(_("{where} is in the wrong device's folder.").format(where=where))
    changes = parse_changes(device_id, body, where)
    return Batch(device_id, header.first, header.last, header.needs, changes,
                 check_changes(changes, header.first, header.last, where))


def parse_changes(device_id: str, body: bytes, where: str) -> list[Change]:
    """Return the changes of a batch body, one a line."""
    try:
        rows = json.loads(b"[" + b",".join(body.splitlines()) + b"]")
        return [Change(device_id, *row) for row in rows]
    except (ValueError, TypeError):
        pass
    # Find the line to name in the message.
    for number, line in enumerate(body.splitlines(), start=2):
        try:
            Change(device_id, *json.loads(line))
        except (ValueError, TypeError):
            raise BatchError(_("{where}: line {line} can't be read.").format(where=where, line=number)) from None
    raise BatchError(_("{where} can't be read.").format(where=where))


def check_changes(changes: Sequence[Change], first: int, last: int, where: str) -> list[dict]:
    """Check a batch's changes: in sequence from first to last, of known tables and groups.

    Returns each change's data, parsed.
    """
    if len(changes) != last - first + 1:
        raise BatchError(_("{where} is missing changes: it may be only half copied.").format(where=where))
    values = []
    for expected, change in enumerate(changes, start=first):
        problem = _change_problem(change, expected)
        if type(problem) is dict:
            values.append(problem)
            continue
        if problem == "newer":
            raise NewerFormat(_("{where} holds records from a newer coprod. Update coprod to read it.").format(
                where=where))
        raise BatchError(_("{where}: change {seq} is not right ({problem}).").format(
            where=where, seq=expected, problem=problem))
    return values


_COLUMNS = {(tbl, grp): frozenset(cols) for tbl, groups in GROUPS.items() for grp, cols in groups.items()}
_SCALARS = (str, int, float, list, dict)
# One decoder, called directly: json.loads' own wrapping costs as much as the parse on short texts.
_DECODE = json.JSONDecoder().raw_decode


def _change_problem(change: Change, expected: int) -> str | dict:
    """Return the change's data if it is right, or a word for what is wrong."""
    if change.seq != expected or type(change.hlc) is not int or change.hlc < 0:
        return "sequence"
    columns = _COLUMNS.get((change.tbl, change.grp)) if type(change.tbl) is str and type(change.grp) is str else None
    if columns is None:
        return "newer"
    if type(change.row_id) is not str or not change.row_id or type(change.data) is not str:
        return "id"
    try:
        values, end = _DECODE(change.data)
    except ValueError:
        return "data"
    if end != len(change.data):
        return "data"
    if type(values) is not dict or values.keys() != columns:
        return "columns"
    for value in values.values():
        if value is not None and not isinstance(value, _SCALARS):
            return "value"
    return values
