"""Papers everyone can read: Easy Read, large print, and Welsh and English together.

The agenda, the minutes and the statement each take the same three options
and are made through `make_paper`, so the options mean the same on every
paper:

- Easy Read is words, so each paper chooses its own shorter wording and puts
  the main point first; `sentences` splits text people typed into one short
  sentence a line.
- Large print is type size, so it is the HTML page's business
  (store/export/paper_html.py); Markdown has none, and is refused.
- Bilingual builds the paper once in Welsh and once in English (the words of
  the paper come from the catalog, the dates from babel) and lays the two
  side by side, Welsh first as the Welsh Language Standards ask. What reads
  the same in both (a title, a summary, names: what people typed) is shown
  once, as entered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from store.errors import CoprodError
from store.export.paper import Block, Both, Heading, Item, Items, Para, Paper, large_print_needs_html
from store.i18n import _, in_language

# (catalog code, HTML lang): Welsh first, then English (Welsh Language Standards: Welsh no less favourably).
FIRST_LANGUAGE = ("cy", "cy")
SECOND_LANGUAGE = ("en_GB", "en-GB")
# Where a sentence may end: . ! or ? (with any closing quote or bracket), then space.
_MAYBE_END = re.compile(r"""[.!?]["'”’)\]]*\s+""")


@dataclass(frozen=True)
class PaperOptions:
    """How a paper is made: Easy Read wording, large print, and Welsh and English together."""

    easy_read: bool = False
    large_print: bool = False
    bilingual: bool = False

    def check(self, fmt: str) -> None:
        """Refuse a format that cannot carry these options (large print needs HTML)."""
        if self.large_print and fmt != "html":
            raise CoprodError(large_print_needs_html())


PLAIN = PaperOptions()


def wording(options: PaperOptions, usual: str, easy: str) -> str:
    """Return the Easy Read wording (marked with N_) when the paper is Easy Read, else the usual one, translated."""
    return _(easy if options.easy_read else usual)


def easy_lines_or(options: PaperOptions, usual: str, *easy: str) -> str:
    """Return the Easy Read sentences one a line when the paper is Easy Read, else the usual paragraph."""
    return "\n".join(easy) if options.easy_read else usual


def sentences(text: str | None) -> list[str]:
    """Split text into its sentences and lines, for Easy Read's one idea a line; blank lines go.

    A sentence ends where the next word does not start in lower case: "It is
    late. We will" splits, "e.g. the venue" stays whole.
    """
    out = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line = line.strip()  # no space at the end, so a match is always followed by a word
        start = 0
        for end in _MAYBE_END.finditer(line):
            if not line[end.end()].islower():
                out.append(line[start:end.end()])
                start = end.end()
        out.append(line[start:])
    return [part.strip() for part in out if part.strip()]


def one_a_line(text: str | None) -> str:
    """Return text as one sentence a line (a paragraph keeps its line breaks)."""
    return "\n".join(sentences(text))


def make_paper(build: Callable[[PaperOptions], Paper], options: PaperOptions | None = None) -> Paper:
    """Return the paper `build` makes with these options: in Welsh and English together when bilingual.

    `build` reads what it needs and words it in the current language; for a
    bilingual paper it runs once in each language.
    """
    options = options or PLAIN
    if options.bilingual:
        with in_language(FIRST_LANGUAGE[0]):
            first = build(options)
        with in_language(SECOND_LANGUAGE[0]):
            second = build(options)
        paper = side_by_side(first, second)
    else:
        paper = build(options)
    paper.large_print = options.large_print
    return paper


def side_by_side(first: Paper, second: Paper) -> Paper:
    """Return one paper with the Welsh paper's words first and the English paper's after, where they differ."""
    return Paper(_both(first.title, second.title, " / "), _blocks(first.blocks, second.blocks),
                 lang=FIRST_LANGUAGE[1])


def _both(first: str | None, second: str | None, joiner: str = "\n") -> str | None:
    """The words once when the two languages say the same, else both."""
    if first == second or second is None:
        return first
    return Both(first or "", second, SECOND_LANGUAGE[1], joiner)


def _only_second(block: Block) -> Block:
    """A block from the second paper alone, every word of it marked as the second language."""
    if isinstance(block, Heading):
        return Heading(block.level, _both("", block.text, ""))
    if isinstance(block, Para):
        return Para(_both("", block.text), _both("", block.label, "") if block.label else None)
    return Items([_item(Item(""), item) for item in block.items], block.ordered)


def _blocks(first: list[Block], second: list[Block]) -> list[Block]:
    same_shape = len(first) == len(second) and all(type(a) is type(b) for a, b in zip(first, second))
    if not same_shape:
        # A translation that splits a paragraph differently: each language whole, rather than mismatched.
        return [*first, *[_only_second(b) for b in second]]
    return [_block(a, b) for a, b in zip(first, second)]


def _block(first: Block, second: Block) -> Block:
    if isinstance(first, Heading):
        return Heading(first.level, _both(first.text, second.text, " / "))
    if isinstance(first, Para):
        return Para(_both(first.text, second.text), _both(first.label, second.label, " "))
    if len(first.items) != len(second.items):
        return Items([*first.items, *[_item(Item(""), item) for item in second.items]], first.ordered)
    return Items([_item(a, b) for a, b in zip(first.items, second.items)], first.ordered)


def _item(first: Item, second: Item) -> Item:
    return Item(_both(first.text, second.text), _both(first.label, second.label, " "),
                _blocks(first.children, second.children))
