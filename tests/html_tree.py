"""Read an exported HTML page back into elements, with the standard library's parser, for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "br", "link", "img", "hr", "input"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def text(self) -> str:
        """All the text inside, with <br> as a line break."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            else:
                out.append(child.text())
        return "".join(out)

    def clean_text(self) -> str:
        """The text with the source's line breaks after <br> removed and the ends trimmed."""
        return self.text().replace("\n\n", "\n").strip()

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, *tags: str) -> list[Element]:
        """Every element inside with one of these tags, in document order."""
        return [e for e in self.iter() if e.tag in tags]

    def elements(self) -> list[Element]:
        """The element children only."""
        return [c for c in self.children if isinstance(c, Element)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.doctype: str | None = None
        self.unclosed: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs) -> None:
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            raise AssertionError(f"</{tag}> closes <{self.current.tag}>")
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> tuple[str | None, Element]:
    """Return the page's doctype and its root; fails on an element closed out of order."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.doctype, builder.root


def headings(root: Element) -> list[tuple[int, str]]:
    """Every heading as (level, text), in document order."""
    return [(int(e.tag[1]), e.clean_text()) for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]


def sections(main: Element) -> list[tuple[tuple[int, str], list[Element]]]:
    """Split the children of <main> at each heading: [(heading, the elements up to the next heading)]."""
    out: list[tuple[tuple[int, str], list[Element]]] = []
    for element in main.elements():
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append(((int(element.tag[1]), element.clean_text()), []))
        elif out:
            out[-1][1].append(element)
    return out
