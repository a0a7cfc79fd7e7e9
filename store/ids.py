"""Globally unique ids, made on the device that creates the record."""

from __future__ import annotations

import contextlib
import os
import random
import threading
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from store import clock

# Attendance and other link records get a name-based id so that two laptops
# marking the same person at the same meeting write the same row, not two.
_LINK_NAMESPACE = uuid.UUID("6f1d2c1e-4b0a-4a53-9d55-0c0b1e5f7a10")


_RANDOM_BITS = 74  # the 12 bits after the version and the 62 after the variant


class _Source:
    """Where the random part of new ids comes from, and the last id it made.

    Two ids made in the same millisecond still rise in the order they were made
    (RFC 9562's monotonic random): the second is the first plus one. Rows made
    together, such as an imported sheet's, then keep their order wherever ids
    break a tie.
    """

    def __init__(self, random_bytes: Callable[[int], bytes]) -> None:
        self.random_bytes = random_bytes
        self.lock = threading.Lock()
        self.last: tuple[int, int] = (-1, 0)  # (milliseconds, random part)

    def next(self, ms: int) -> tuple[int, int]:
        with self.lock:
            last_ms, last_random = self.last
            if ms == last_ms and last_random + 1 < (1 << _RANDOM_BITS):
                made = (ms, last_random + 1)
            else:
                made = (ms, _random_part(self.random_bytes(10)))
            self.last = made
            return made


# The system's randomness, or a seeded source in tests that must repeat.
_source: ContextVar[_Source] = ContextVar("coprod_id_source", default=_Source(os.urandom))


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Inside the block, new ids come from a random source seeded with `seed`, so a run can be repeated."""
    token = _source.set(_Source(random.Random(seed).randbytes))
    try:
        yield
    finally:
        _source.reset(token)


def _random_part(rand: bytes) -> int:
    """The id's 74 random bits from 10 random bytes: 12 from the first two, 62 from the other eight."""
    return (int.from_bytes(rand[:2], "big") & 0x0FFF) << 62 | int.from_bytes(rand[2:10], "big") & ((1 << 62) - 1)


def _uuid7(ms: int, random_part: int) -> str:
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (random_part >> 62) << 64
    value |= 0b10 << 62
    value |= random_part & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def new_id(ms: int | None = None, rand: bytes | None = None) -> str:
    """Return a new UUIDv7 as text: time-ordered (by this device's clock), never reused.

    Given `ms` and `rand` (10 bytes), the id is made from them alone, for the demo network.
    """
    if ms is not None and rand is not None:
        return _uuid7(ms, _random_part(rand))
    return _uuid7(*_source.get().next(clock.now_ms() if ms is None else ms))


def link_id(*parts: str) -> str:
    """Return the one id for a record defined by the ids it links."""
    return str(uuid.uuid5(_LINK_NAMESPACE, "/".join(parts)))
