"""`coprod export access-needs`: what to arrange for a meeting, for the venue, caterer and interpreters.

Added to `coprod export` by tui/cli/exports.py. Printed here as plain lines
when no file is given, as "you said, we did" is, so it can be read out or
pasted into an email.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from store.i18n import _

FORMATS = ("csv", "md", "html")


def add_parsers(cmds, shared: argparse.ArgumentParser) -> None:
    """Add `access-needs` to the `coprod export` commands."""
    p = cmds.add_parser(
        "access-needs", parents=[shared], help=_("what to arrange for a meeting's access needs"),
        description=_("What to arrange for a meeting: the access needs of everyone expected (not those who sent "
                      "apologies or were absent), added up, with the things that take longest to book first. "
                      "Counts and kinds only, never names, so it can go to a venue or a caterer. Needs in the "
                      "room, such as a hearing loop or food, leave out people joining remotely. Printed here "
                      "unless you give a file."))
    p.add_argument("--meeting", required=True, metavar="ID", help=_("the meeting (its id, or its first characters)"))
    p.add_argument("--format", choices=FORMATS,
                   help=_("csv, md or html (default: from the file name; printed here as plain text)"))
    p.add_argument("-o", "--output", metavar=_("FILE"), help=_("the file to write (default: print it here)"))
    p.set_defaults(func=export_access_needs)


def needs_path(output: str, fmt: str | None) -> tuple[Path, str]:
    """Return the file to write and its format, from -o and --format (as for the other exports)."""
    from tui.cli.papers import paper_path

    return paper_path(output, fmt, FORMATS,
                      _("Give --format csv, md or html, or a file name ending .csv, .md or .html."))


def export_access_needs(args: argparse.Namespace) -> int:
    from store.export.access_needs import export_access_needs as make
    from tui.cli import open_db
    from tui.cli.exports import _require_database
    from tui.cli.output import print_or_saved

    target, fmt = needs_path(args.output, args.format) if args.output else (None, args.format or "text")
    _require_database(args)
    store = open_db(args)
    try:
        text = make(store, args.meeting, fmt, target)
    finally:
        store.close()
    return print_or_saved(text, target, _("Wrote what to arrange to {path}."))
