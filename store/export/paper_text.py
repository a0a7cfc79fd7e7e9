"""A paper as plain text, for the terminal and a screen reader that reads it line by line.

No markup at all: a Markdown '#' or '**' is read out as "number sign" or
"star star", and a box drawn round a table is read as a string of symbols.
Headings are lines of their own; a label comes before its value on the
same line ("Fees: £75.00"); numbered lists keep their numbers, since the
order means something; other lists are one entry a line with no marker to
read out. A blank line separates one block from the next, and the entries
of a list whose entries run to more than one line.
"""

from __future__ import annotations

from store.export.paper import Block, Heading, Item, Items, Para, Paper, joined_blocks
from store.i18n import _

INDENT = "  "


def _labelled(text: str, label: str | None) -> list[str]:
    lines = [line.strip() for line in text.split("\n")]
    if label:
        lines[0] = f"{label} {lines[0]}".rstrip()
    return lines


def _item(item: Item, number: int | None) -> list[str]:
    first, *rest = _labelled(item.text, item.label)
    if number is not None:
        first = _("{n}. {choice}").format(n=number, choice=first)
    lines = [first, *rest]
    for child in item.children:
        lines += [INDENT + line if line else "" for line in _block(child)]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Para):
        return _labelled(block.text, block.label)
    if isinstance(block, Items):
        spaced = any(item.children or "\n" in item.text for item in block.items)
        lines: list[str] = []
        for number, item in enumerate(block.items, start=1):
            if spaced and lines:
                lines.append("")
            lines += _item(item, number if block.ordered else None)
        return lines
    raise TypeError(type(block).__name__)


def to_text(paper: Paper) -> str:
    """Return the paper as plain lines, a blank line between blocks."""
    return joined_blocks(paper, _block)
