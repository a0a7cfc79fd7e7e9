"""Printing lists for people (aligned columns) and for scripts (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from store.i18n import _


def command_group(sub, name: str, helptext: str, description: str, shared):
    """Add `coprod NAME …` and return the place for its own commands."""
    group = sub.add_parser(name, parents=[shared], help=helptext, description=description)
    return group.add_subparsers(dest=f"{name}_command", metavar=_("COMMAND"), required=True, parser_class=type(group))


def print_or_saved(text: str, target: Any, saved: str) -> int:
    """Print `text` when there is no file to write; else say where it was saved (`saved` names {path}). Return 0."""
    if target is None:
        sys.stdout.write(text)
    else:
        print(saved.format(path=target))
    return 0


def print_json(rows: Any) -> None:
    """Print `rows` as JSON, keeping non-English letters readable."""
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows as plain aligned columns a screen reader reads in order."""
    text = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in text]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in text:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
