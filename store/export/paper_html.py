"""A paper as one accessible HTML page.

Real headings and lists (never tables for layout), the page's language set so
a screen reader speaks it right, every piece of text escaped, and a small
style sheet in relative units that still reads at 200% zoom and prints well.
Nothing is shown in colour alone: the style sheet uses no colours at all.
A large-print page has a style sheet of its own; a bilingual page marks the
parts in its second language with their `lang`, so a screen reader changes voice.
"""

from __future__ import annotations

from html import escape

from store.export.paper import Block, Both, Heading, Item, Items, Para, Paper
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

# Large print (RNIB "See it right", UK Association for Accessible Formats): body
# text at 18pt, headings larger, a plain sans-serif face, wide line spacing, and
# text ranged left, since justified text opens uneven gaps between words.
# Sizes are in pt so that print and screen agree; they still grow with zoom.
LARGE_PRINT_STYLE = """
html { font-size: 18pt; }
body {
  font-family: Arial, Verdana, "Helvetica Neue", sans-serif;
  font-size: 18pt;
  line-height: 1.6;
  text-align: left;
  letter-spacing: 0.01em;
  word-spacing: 0.05em;
  max-width: 60ch;
  margin: 1.5rem auto;
  padding: 0 1rem;
}
h1 { font-size: 28pt; line-height: 1.3; }
h2 { font-size: 24pt; line-height: 1.3; margin-top: 2.2rem; border-bottom: 0.1em solid; }
h3 { font-size: 21pt; line-height: 1.3; margin-top: 1.8rem; }
h4 { font-size: 19pt; line-height: 1.3; margin: 1.2rem 0 0.4rem; }
p, li { font-size: 18pt; text-align: left; overflow-wrap: anywhere; }
strong { font-weight: bold; }
ul, ol { padding-left: 1.75em; }
li + li { margin-top: 0.6em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 18pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  li, p { break-inside: avoid; page-break-inside: avoid; }
}
@page { margin: 2cm; }
""".strip("\n")


def _text(text: str) -> str:
    """Escaped text, its line breaks kept as <br>."""
    return "<br>\n".join(escape(line, quote=False) for line in text.split("\n"))


def _in_language(lang: str, inner: str, tag: str = "span") -> str:
    return f'<{tag} lang="{escape(lang)}">{inner}</{tag}>'


def _label(label: str) -> str:
    if isinstance(label, Both):
        # A label in both languages before words that are the same in both (a name, a title).
        parts = [f"<strong>{escape(label.first, quote=False)}</strong>"] if label.first else []
        parts.append(_in_language(label.lang, escape(label.second, quote=False), "strong"))
        return " ".join(parts)
    return f"<strong>{escape(label, quote=False)}</strong>"


def _one_language(text: str, label: str | None) -> str:
    body = _text(text)
    if label is None:
        return body
    strong = _label(label)
    return f"{strong} {body}" if body else strong


def _sides(text: Both, label: str | None) -> list[tuple[str, str | None, str | None]]:
    """Each language's (text, label, lang): the page's own first (lang None), then the other."""
    first_label, second_label = (label.first, label.second) if isinstance(label, Both) else (label, label)
    sides = [(text.first, first_label, None)] if text.first else []
    return [*sides, (text.second, second_label, text.lang)]


def _labelled(text: str, label: str | None) -> str:
    if not isinstance(text, Both):
        return _one_language(text, label)
    out = []
    for side, side_label, lang in _sides(text, label):
        inner = _one_language(side, side_label)
        out.append(_in_language(lang, inner) if lang else inner)
    return "<br>\n".join(out)


def _heading_text(text: str) -> str:
    if not isinstance(text, Both):
        return escape(text, quote=False)
    parts = [escape(text.first, quote=False)] if text.first else []
    parts.append(_in_language(text.lang, escape(text.second, quote=False)))
    return "<br>\n".join(parts)


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
        return [f"<h{block.level}>{_heading_text(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        if isinstance(block.text, Both):
            # One paragraph per language, each marked, rather than two languages run together.
            return [f'<p lang="{escape(lang)}">{_one_language(side, label)}</p>' if lang
                    else f"<p>{_one_language(side, label)}</p>"
                    for side, label, lang in _sides(block.text, block.label)]
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
    """Return the paper as a whole HTML page in its language (the current one unless the paper says)."""
    lines = [
        "<!doctype html>",
        f'<html lang="{escape(paper.lang or html_lang())}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(paper.title, quote=False)}</title>",
        "<style>",
        LARGE_PRINT_STYLE if paper.large_print else STYLE,
        "</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for block in paper.blocks:
        lines += _block(block)
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
