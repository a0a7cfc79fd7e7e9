"""The hybrid logical clock that orders changes across devices.

A stamp packs wall-clock milliseconds and a counter into one integer, so it
sorts as a number and stays monotonic when the wall clock steps back.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(ms: int, counter: int) -> int:
    """Return a stamp for wall time `ms` and logical `counter`."""
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    """Return (milliseconds, counter) of a stamp."""
    return stamp >> COUNTER_BITS, stamp & _COUNTER_MASK


# How far this device's clock runs ahead of true time: set only by the tests
# that check sync copes with a laptop whose clock is wrong.
_ahead_ms: ContextVar[int] = ContextVar("coprod_clock_ahead_ms", default=0)


class HandClock:
    """A wall clock that moves only when told to: for tests that must run the same way every time."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def advance(self, ms: int = 1) -> None:
        self.ms += ms


_hand: ContextVar[HandClock | None] = ContextVar("coprod_hand_clock", default=None)


def now_ms() -> int:
    """Return this device's wall-clock time in milliseconds."""
    hand = _hand.get()
    wall = time.time_ns() // 1_000_000 if hand is None else hand.ms
    return wall + _ahead_ms.get()


@contextlib.contextmanager
def by_hand(ms: int) -> Iterator[HandClock]:
    """Inside the block, the wall clock stands at `ms` and moves only by the HandClock's advance()."""
    hand = HandClock(ms)
    token = _hand.set(hand)
    try:
        yield hand
    finally:
        _hand.reset(token)


@contextlib.contextmanager
def running_ahead(ms: int) -> Iterator[None]:
    """Inside the block, behave as a device whose clock is `ms` milliseconds fast."""
    token = _ahead_ms.set(ms)
    try:
        yield
    finally:
        _ahead_ms.reset(token)


def tick(last: int, wall_ms: int | None = None) -> int:
    """Return the stamp for a local event after `last`."""
    wall = now_ms() if wall_ms is None else wall_ms
    # As plain integers, a full counter carries into the milliseconds instead of wrapping.
    return max(pack(wall, 0), last + 1)


def receive(last: int, remote: int, wall_ms: int | None = None) -> int:
    """Return the local stamp after seeing a remote stamp (HLC receive rule)."""
    wall = now_ms() if wall_ms is None else wall_ms
    return max(pack(wall, 0), last + 1, remote + 1)
