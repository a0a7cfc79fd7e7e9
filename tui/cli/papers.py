"""`coprod export agenda`, `minutes` and `you-said-we-did`: papers for people, as HTML or Markdown.

Added to `coprod export` by tui/cli/exports.py. "You said, we did" prints to
the terminal when no file is given, so a member with a screen reader can read
it where they are; its member defaults to COPROD_MEMBER, as for `propose`.
The agenda, the minutes and the statement (tui/cli/claim_files.py) take the
same options for Easy Read, large print and Welsh with English, added here.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from store.i18n import _

FORMATS = ("md", "html")


def add_paper_options(p: argparse.ArgumentParser) -> None:
    """Add --easy-read, --large-print and --bilingual to a paper's command."""
    p.add_argument("--easy-read", action="store_true",
                   help=_("Easy Read: short sentences, one a line, the main point first"))
    p.add_argument("--large-print", action="store_true",
                   help=_("large print: text at 18pt or more. HTML only: a Markdown file has no type size"))
    p.add_argument("--bilingual", action="store_true", help=_("Welsh and English together, Welsh first"))


def paper_options(args: argparse.Namespace, fmt: str):
    """Return the paper options the command line asked for, refusing any the format cannot carry."""
    from store.export.paper_access import PaperOptions

    options = PaperOptions(easy_read=args.easy_read, large_print=args.large_print, bilingual=args.bilingual)
    options.check(fmt)
    return options


def add_parsers(cmds, shared: argparse.ArgumentParser) -> None:
    """Add the paper exports to the `coprod export` commands."""
    meeting_papers = (
        ("agenda", _("the agenda of a meeting, as HTML or Markdown"),
         _("Save the agenda of a meeting, to send out before it: the accepted items in running order, "
           "each with its time, who proposed it (names of people who agreed to be named, a count for "
           "the rest) and its plain-language summary. The HTML reads well with a screen reader, at "
           "200% zoom, and on paper."), export_agenda),
        ("minutes", _("the minutes of a meeting, as HTML or Markdown"),
         _("Save the minutes of a meeting: who was there (names of people who agreed to be named, "
           "counts for the rest), each item in running order with its proposers, notes, decision "
           "and actions, matters arising, and items declined or moved. The HTML reads well with a "
           "screen reader, at 200% zoom, and on paper."), export_minutes),
    )
    for name, helptext, description, func in meeting_papers:
        p = cmds.add_parser(name, parents=[shared], help=helptext, description=description)
        p.add_argument("--meeting", required=True, metavar="ID",
                       help=_("the meeting (its id, or its first characters)"))
        p.add_argument("--format", choices=FORMATS, help=_("md or html (default: from the file name)"))
        p.add_argument("-o", "--output", required=True, metavar=_("FILE"),
                       help=_("the file to write; an older file of that name is replaced"))
        add_paper_options(p)
        p.set_defaults(func=func)

    p = cmds.add_parser(
        "you-said-we-did", parents=[shared], help=_("what became of the items a member proposed"),
        description=_("For one member: every item they proposed and what became of it (accepted, declined "
                      "and why, moved to a later meeting, joined with another item), the decision, and the "
                      "actions and where they stand. Printed here unless you give a file."))
    p.add_argument("--member", metavar="ID",
                   help=_("the member (their id, or its first characters; default: COPROD_MEMBER)"))
    p.add_argument("--format", choices=FORMATS,
                   help=_("md or html (default: from the file name; printed here as plain text)"))
    p.add_argument("-o", "--output", metavar=_("FILE"), help=_("the file to write (default: print it here)"))
    p.set_defaults(func=export_you_said_we_did)


def paper_path(output: str, fmt: str | None, formats: tuple[str, ...] = FORMATS,
               missing: str | None = None) -> tuple[Path, str]:
    """Return the file to write and its format, from -o and --format.

    A name without an ending gets the format's ("March" → "March.html"); a name
    ending in another of `formats` contradicts --format. `missing` is what to
    say when neither names a format.
    """
    from store.errors import CoprodError
    from store.export.files import check_target

    target = Path(output).expanduser()
    ending = target.suffix.lower().lstrip(".")
    fmt = fmt or (ending if ending in formats else None)
    if fmt is None:
        raise CoprodError(missing or _("Give --format md or html, or a file name ending .md or .html."))
    if ending in formats and ending != fmt:
        raise CoprodError(_("The file name ends .{ending} but the format is {format}. Make them match.").format(
            ending=ending, format=fmt))
    if ending != fmt:
        target = target.with_name(f"{target.name}.{fmt}")
    check_target(target, formats)
    return target, fmt


def _write_paper(args: argparse.Namespace, write, done: str) -> int:
    """Check the file and options, write the meeting's paper with `write`, and say where it went."""
    from tui.cli import open_db
    from tui.cli.exports import _require_database

    target, fmt = paper_path(args.output, args.format)
    options = paper_options(args, fmt)
    _require_database(args)
    store = open_db(args)
    try:
        write(store, args.meeting, target, fmt, options)
    finally:
        store.close()
    print(done.format(path=target))
    return 0


def export_agenda(args: argparse.Namespace) -> int:
    from store.export.agenda_paper import export_agenda as write_agenda

    return _write_paper(args, write_agenda, _("Wrote the agenda to {path}."))


def export_minutes(args: argparse.Namespace) -> int:
    from store.export.minutes import export_minutes as write_minutes

    return _write_paper(args, write_minutes, _("Wrote the minutes to {path}."))


def export_you_said_we_did(args: argparse.Namespace) -> int:
    from store.errors import CoprodError
    from store.export.you_said_we_did import export_you_said_we_did as make
    from tui.cli import open_db
    from tui.cli.exports import _require_database
    from tui.cli.output import print_or_saved
    from tui.cli.propose import MEMBER_VARIABLE

    member = args.member or os.environ.get(MEMBER_VARIABLE, "").strip()
    if not member:
        raise CoprodError(_("Say whose items to show: give --member, or set {variable}.").format(
            variable=MEMBER_VARIABLE))
    # On the terminal, plain text unless a format is asked for: Markdown's marks are read out by a screen reader.
    target, fmt = (paper_path(args.output, args.format) if args.output else (None, args.format or "text"))
    _require_database(args)
    store = open_db(args)
    try:
        text = make(store, member, fmt, target)
    finally:
        store.close()
    return print_or_saved(text, target, _("Wrote \"you said, we did\" to {path}."))
