"""The hybrid logical clock that orders changes across devices.

A stamp packs wall-clock milliseconds and a counter into one integer, so it
sorts as a number and stays monotonic when the wall clock steps back.
"""

from __future__ import annotations

import time

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(ms: int, counter: int) -> int:
    """Return a stamp for wall time `ms` and logical `counter`."""
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    """Return (milliseconds, counter) of a stamp."""
    return stamp >> COUNTER_BITS, stamp & _COUNTER_MASK


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def tick(last: int, wall_ms: int | None = None) -> int:
    """Return the stamp for a local event after `last`."""
    wall = now_ms() if wall_ms is None else wall_ms
    # As plain integers, a full counter carries into the milliseconds instead of wrapping.
    return max(pack(wall, 0), last + 1)


def receive(last: int, remote: int, wall_ms: int | None = None) -> int:
    """Return the local stamp after seeing a remote stamp (HLC receive rule)."""
    wall = now_ms() if wall_ms is None else wall_ms
    return max(pack(wall, 0), last + 1, remote + 1)
