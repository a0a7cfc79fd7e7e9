"""A paper as one accessible HTML page.

Real headings and lists (never tables for layout), the page's language set so
a screen reader speaks it right, every piece of text escaped, and a small
style sheet in relative units that still reads at 200% zoom and prints well.
Nothing is shown in colour alone: the style sheet uses no colours at all.
"""

from __future__ import annotations

from html import escape

from store.export.paper import Block, Heading, Item, Items, Para, Paper
from store.export.words import html_lang

# Widths in `ch` and sizes in `rem`/`em` grow with the reader's text size;
# a fixed pixel width would cut lines off or force sideways scrolling at 200%.
STYLE = """
html { font-size: 100%; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  line-height: 1.5;
  max-width: 70ch;
  margin: 1.5rem auto;
  padding: 0 1rem;
}
h1 { font-size: 1.8rem; line-height: 1.25; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; border-bottom: 0.1em solid; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
p, li { overflow-wrap: anywhere; }
ul, ol { padding-left: 1.75em; }
li + li { margin-top: 0.35em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  li, p { break-inside: avoid; page-break-inside: avoid; }
}
@page { margin: 2cm; }
""".strip("\n")


def _text(text: str) -> str:
    """Escaped text, its line breaks kept as <br>."""
    return "<br>\n".join(escape(line, quote=False) for line in text.split("\n"))


def _labelled(text: str, label: str | None) -> str:
    body = _text(text)
    if label is None:
        return body
    strong = f"<strong>{escape(label, quote=False)}</strong>"
    return f"{strong} {body}" if body else strong


def _item(item: Item) -> list[str]:
    inner = _labelled(item.text, item.label)
    if not item.children:
        return [f"<li>{inner}</li>"]
    lines = [f"<li>{inner}"]
    for child in item.children:
        lines += _block(child)
    lines.append("</li>")
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{block.level}>{escape(block.text, quote=False)}</h{block.level}>"]
    if isinstance(block, Para):
        return [f"<p>{_labelled(block.text, block.label)}</p>"]
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        lines = [f"<{tag}>"]
        for item in block.items:
            lines += _item(item)
        lines.append(f"</{tag}>")
        return lines
    raise TypeError(type(block).__name__)


def to_html(paper: Paper) -> str:
    """Return the paper as a whole HTML page in the current language."""
    lines = [
        "<!doctype html>",
        f'<html lang="{escape(html_lang())}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(paper.title, quote=False)}</title>",
        "<style>",
        STYLE,
        "</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for block in paper.blocks:
        lines += _block(block)
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
