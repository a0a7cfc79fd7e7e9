"""A paper for people to read (minutes, agendas, "you said, we did"), as headings, paragraphs and lists.

The papers are built once as these blocks and written as HTML or Markdown by
store/export/paper_html.py and store/export/paper_md.py, so both say the same
thing in the same order and keep the same heading outline, which is how a
screen reader user moves around a long paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from store.errors import CoprodError
from store.i18n import _

FORMATS = ("md", "html")


class Both(str):
    """The same words in two languages: the page's own first, then the other, marked with its language.

    A bilingual paper holds these where the two languages differ. As a plain
    string it is both parts, one after the other, so a writer that knows
    nothing of languages still shows everything.
    """

    first: str
    second: str
    lang: str

    def __new__(cls, first: str, second: str, lang: str, joiner: str = "\n") -> Both:
        """Hold `first` (the page's language) and `second` (in `lang`, an HTML language such as 'en-GB')."""
        self = super().__new__(cls, joiner.join(part for part in (first, second) if part))
        self.first, self.second, self.lang = first, second, lang
        return self


@dataclass
class Heading:
    """A heading: level 1 is the paper's title; levels never skip on the way down."""

    level: int
    text: str


@dataclass
class Para:
    """A paragraph; line breaks inside it are kept. `label` is shown first, in bold ("Decision:")."""

    text: str
    label: str | None = None


@dataclass
class Item:
    """One entry of a list, with an optional bold label and blocks nested under it."""

    text: str
    label: str | None = None
    children: list[Block] = field(default_factory=list)


@dataclass
class Items:
    """A list: numbered when the order matters (steps, the running order), bulleted otherwise."""

    items: list[Item]
    ordered: bool = False


Block = Heading | Para | Items


@dataclass
class Paper:
    """A whole paper: its title (for the window or tab) and its blocks, the first a level 1 heading."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    # The page's language as HTML writes it ('cy', 'en-GB'); None is the language in use.
    lang: str | None = None
    # Large print: HTML sets the body text at 18pt or more; Markdown has no type size, so cannot.
    large_print: bool = False

    def heading(self, level: int, text: str) -> None:
        """Add a heading."""
        self.blocks.append(Heading(level, text))

    def para(self, text: str | None, label: str | None = None) -> None:
        """Add paragraphs: a blank line in `text` starts a new one. Nothing is added for empty text."""
        for part in paragraphs(text):
            self.blocks.append(Para(part, label))
            label = None

    def items(self, items: list[Item], ordered: bool = False) -> None:
        """Add a list; nothing is added for an empty one."""
        if items:
            self.blocks.append(Items(items, ordered))

    def outline(self) -> list[int]:
        """Return the heading levels in order, for checking that none is skipped."""
        return [b.level for b in self.blocks if isinstance(b, Heading)]


def paragraphs(text: str | None) -> list[str]:
    """Split text typed in the app into paragraphs at blank lines; single line breaks stay inside."""
    out = []
    for part in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in part.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return out


def check_outline(paper: Paper) -> None:
    """Refuse a paper whose headings skip a level going down, or that does not start with its title."""
    previous = 0
    for level in paper.outline():
        if level > previous + 1:
            raise ValueError(f"heading level {level} follows level {previous}")
        previous = level


def joined_blocks(paper: Paper, block_lines) -> str:
    """Return the paper's blocks, each turned into lines by `block_lines`, with a blank line between blocks."""
    out: list[str] = []
    for block in paper.blocks:
        if out:
            out.append("")
        out += block_lines(block)
    return "\n".join(out) + "\n"


def render(paper: Paper, fmt: str) -> str:
    """Return the paper as HTML, Markdown or plain text (for the terminal)."""
    check_outline(paper)
    if paper.large_print and fmt != "html":
        raise CoprodError(large_print_needs_html())
    if fmt == "html":
        from store.export.paper_html import to_html

        return to_html(paper)
    if fmt == "md":
        from store.export.paper_md import to_markdown

        return to_markdown(paper)
    if fmt == "text":
        from store.export.paper_text import to_text

        return to_text(paper)
    raise CoprodError(_("Choose md or html."))


def large_print_needs_html() -> str:
    """Return the message that refuses large print in Markdown or plain text."""
    return _("Large print needs HTML: Markdown and plain text have no type size. "
             "Use --format html or a name ending .html.")


def write(paper: Paper, path: Path, fmt: str) -> str:
    """Write the paper to `path`, whole or not at all, readable only by its owner; return the text."""
    from store.export.files import atomic_file

    text = render(paper, fmt)
    with atomic_file(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return text
