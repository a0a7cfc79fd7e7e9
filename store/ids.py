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


_COUNTER_BITS = 12  # the bits after the version: which id this is within its millisecond
_TAIL_BITS = 62  # the bits after the variant: random for every id
_TAIL_MASK = (1 << _TAIL_BITS) - 1
_NEW_COUNTER = 1 << (_COUNTER_BITS - 1)  # a millisecond's counter starts below this, leaving room to count up
_STEP_BACK_MS = 1000  # a clock stepping back by less than this keeps counting on from the last id


class _Source:
    """Where the random parts of new ids come from, and the last id it made.

    Two ids made in the same millisecond still rise in the order they were made:
    the 12 bits after the version count up within a millisecond, from a random
    start (RFC 9562's fixed-length dedicated counter), and the last 62 bits are
    random for every id, so the start of an id, as typed at the command line,
    still picks one. Rows made together, such as an imported sheet's, keep their
    order wherever ids break a tie. If a millisecond's counter runs out, the ids
    go on into the next millisecond.
    """

    def __init__(self, random_bytes: Callable[[int], bytes]) -> None:
        self.random_bytes = random_bytes
        self.lock = threading.Lock()
        self.last: tuple[int, int] = (-1, 0)  # (milliseconds, counter)

    def next(self, ms: int) -> tuple[int, int]:
        """Return (milliseconds, random part) for the next id made at wall time `ms`."""
        with self.lock:
            rand = self.random_bytes(10)
            last_ms, last_counter = self.last
            if 0 <= last_ms - ms < _STEP_BACK_MS:
                ms, counter = last_ms, last_counter + 1
                if counter >> _COUNTER_BITS:
                    ms, counter = ms + 1, _start(rand)
            else:
                counter = _start(rand)
            self.last = (ms, counter)
        return ms, counter << _TAIL_BITS | _tail(rand)


def _start(rand: bytes) -> int:
    return int.from_bytes(rand[:2], "big") % _NEW_COUNTER


def _tail(rand: bytes) -> int:
    return int.from_bytes(rand[2:10], "big") & _TAIL_MASK


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
    return (int.from_bytes(rand[:2], "big") & 0x0FFF) << _TAIL_BITS | _tail(rand)


def _uuid7(ms: int, random_part: int) -> str:
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (random_part >> _TAIL_BITS) << 64
    value |= 0b10 << 62
    value |= random_part & _TAIL_MASK
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
