"""Globally unique ids, made on the device that creates the record."""

from __future__ import annotations

import os
import time
import uuid

# Attendance and other link records get a name-based id so that two laptops
# marking the same person at the same meeting write the same row, not two.
_LINK_NAMESPACE = uuid.UUID("6f1d2c1e-4b0a-4a53-9d55-0c0b1e5f7a10")


def new_id(ms: int | None = None, rand: bytes | None = None) -> str:
    """Return a new UUIDv7 as text: time-ordered, never reused."""
    if ms is None:
        ms = time.time_ns() // 1_000_000
    if rand is None:
        rand = os.urandom(10)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (int.from_bytes(rand[:2], "big") & 0x0FFF) << 64
    value |= 0b10 << 62
    value |= int.from_bytes(rand[2:10], "big") & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def link_id(*parts: str) -> str:
    """Return the one id for a record defined by the ids it links."""
    return str(uuid.uuid5(_LINK_NAMESPACE, "/".join(parts)))
