"""A paper as Markdown: '#' headings, '-' and '1.' lists, text escaped only where it would turn into markup.

Markdown is also read raw, in a terminal or by a screen reader, so escaping
is kept to the characters that would change the meaning: a backslash before
every full stop would be read out as noise. Markdown cannot mark a
language, so a bilingual paper puts the second language after the first:
on the same line in a heading, on the next line or paragraph elsewhere.
"""

from __future__ import annotations

import re

from store.export.paper import Block, Both, Heading, Item, Items, Para, Paper, joined_blocks

# Inline characters that start emphasis, code, links, HTML or strike-through.
_INLINE = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What turns a line into a heading, quote, list item or rule when it starts the line.
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
# A line break inside a paragraph: two spaces, invisible when the file is read raw.
_BREAK = "  \n"


def escape_md(text: str, line_start: bool = True) -> str:
    """Return one line of text with the characters that would become Markdown markup escaped.

    `line_start` says the text starts a line, where '#', '-' or '1.' would make
    a heading or a list; inside a heading they are only text.
    """
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if not line_start:
        return text
    numbered = _NUMBERED.match(text)
    if numbered:
        return f"{numbered.group(1)}\\{numbered.group(2)}{text[numbered.end():]}"
    start = _LINE_START.match(text)
    if start:
        return f"{start.group(1)}\\{text[start.end(1):]}"
    return text


def _text(text: str) -> str:
    return _BREAK.join(escape_md(line.strip()) for line in text.split("\n"))


def _label(label: str) -> str:
    if isinstance(label, Both):
        return " / ".join(f"**{escape_md(side, line_start=False)}**" for side in (label.first, label.second) if side)
    return f"**{escape_md(label, line_start=False)}**"


def _one_language(text: str, label: str | None) -> str:
    body = _text(text)
    if label is None:
        return body
    return f"{_label(label)} {body}".rstrip()


def _sides(text: Both, label: str | None) -> list[str]:
    """Each language's words, the page's own first, each with its own label."""
    first_label, second_label = (label.first, label.second) if isinstance(label, Both) else (label, label)
    sides = [(text.first, first_label), (text.second, second_label)]
    return [_one_language(side, side_label) for side, side_label in sides if side]


def _labelled(text: str, label: str | None) -> str:
    if isinstance(text, Both):
        return _BREAK.join(_sides(text, label))
    return _one_language(text, label)


def _heading_text(text: str) -> str:
    sides = [text.first, text.second] if isinstance(text, Both) else [text]
    return " / ".join(escape_md(side, line_start=False) for side in sides if side)


def _indent(lines: list[str], by: int) -> list[str]:
    pad = " " * by
    return [pad + line if line else "" for line in lines]


def _item(item: Item, marker: str) -> list[str]:
    first, *rest = _labelled(item.text, item.label).split("\n")
    lines = [f"{marker}{first}", *_indent(rest, len(marker))]
    for child in item.children:
        lines.append("")
        lines += _indent(_block(child), len(marker))
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = _heading_text(block.text)
        # A heading's closing '#'s are dropped by Markdown: keep one that is part of the text.
        return ["#" * block.level + " " + (text[:-1] + "\\#" if text.endswith("#") else text)]
    if isinstance(block, Para):
        if isinstance(block.text, Both):
            # A paragraph in each language, one after the other.
            return "\n\n".join(_sides(block.text, block.label)).split("\n")
        return _labelled(block.text, block.label).split("\n")
    if isinstance(block, Items):
        lines: list[str] = []
        loose = any(item.children for item in block.items)
        for number, item in enumerate(block.items, start=1):
            if loose and lines:
                lines.append("")
            lines += _item(item, f"{number}. " if block.ordered else "- ")
        return lines
    raise TypeError(type(block).__name__)


def to_markdown(paper: Paper) -> str:
    """Return the paper as Markdown, one blank line between blocks."""
    return joined_blocks(paper, _block)
