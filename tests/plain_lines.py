"""Checks for text printed for a screen reader: plain lines, nothing drawn, no escape codes."""

from __future__ import annotations

import re

# Box drawing, block elements and geometric shapes: what tables and frames are drawn with.
DRAWN = re.compile("[\u2500-\u25ff]")


def assert_plain(text: str) -> list[str]:
    """Check the text has no escape codes, drawn lines, tabs or trailing spaces; return its lines."""
    assert "\x1b" not in text and "\t" not in text and "\r" not in text
    assert not DRAWN.search(text), DRAWN.search(text)
    lines = text.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert text.endswith("\n") and not text.endswith("\n\n")
    return lines


def blocks(lines: list[str]) -> list[list[str]]:
    """Split lines into the blocks that blank lines separate."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]
