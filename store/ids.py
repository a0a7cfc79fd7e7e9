"""Globally unique ids, made on the device that creates the record."""

from __future__ import annotations

import contextlib
import os
import random
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from store import clock

# Attendance and other link records get a name-based id so that two laptops
# marking the same person at the same meeting write the same row, not two.
_LINK_NAMESPACE = uuid.UUID("6f1d2c1e-4b0a-4a53-9d55-0c0b1e5f7a10")


# Where the random part of an id comes from: the system, or a seeded source in tests that must repeat.
_random_bytes: ContextVar[Callable[[int], bytes]] = ContextVar("coprod_id_random", default=os.urandom)


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Inside the block, new ids come from a random source seeded with `seed`, so a run can be repeated."""
    token = _random_bytes.set(random.Random(seed).randbytes)
    try:
        yield
    finally:
        _random_bytes.reset(token)


def new_id(ms: int | None = None, rand: bytes | None = None) -> str:
    """Return a new UUIDv7 as text: time-ordered (by this device's clock), never reused."""
    if ms is None:
        ms = clock.now_ms()
    if rand is None:
        rand = _random_bytes.get()(10)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (int.from_bytes(rand[:2], "big") & 0x0FFF) << 64
    value |= 0b10 << 62
    value |= int.from_bytes(rand[2:10], "big") & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def link_id(*parts: str) -> str:
    """Return the one id for a record defined by the ids it links."""
    return str(uuid.uuid5(_LINK_NAMESPACE, "/".join(parts)))
