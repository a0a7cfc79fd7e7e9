"""Fixtures for the TUI tests: the real app on the seed-1 demo network.

tests/conftest.py fixes today (2026-11-22), now (10:40) and the language, so
names, dates and counts are the same on every run. The helpers that drive the
app and read the screen live in drive.py.
"""

from __future__ import annotations

import pytest

from tui.app import CoprodApp


@pytest.fixture
def app(demo_store) -> CoprodApp:
    """The app on the demo network, with today's meeting planned."""
    return CoprodApp(demo_store)
