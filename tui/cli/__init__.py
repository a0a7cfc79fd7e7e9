"""The `coprod` command: scripting and set-up beside the TUI.

Kept light: a command imports only what it uses, so scripts start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from store.errors import CoprodError
from store.i18n import _, language_from_environment, set_language
from tui import __version__

# Each top-level command and the module under tui/cli that adds it. A command
# line that names one builds (and imports) only that one: a nightly export
# script should not wait for every other command's help text.
COMMANDS = {
    "demo": "demo",
    "members": "members",
    "meetings": "meetings",
    "import": "imports",
    "export": "exports",
    "propose": "propose",
    "agenda": "agenda",
    "actions": "actions",
    "claims": "claims",
    "show": "show",
    "sync": "sync",
    "store": "sync",
}


class Parser(argparse.ArgumentParser):
    """argparse with a one-line, plain error and exit code 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse's hook
        self.exit(2, _("coprod: {message}\nTry '{prog} --help'.\n").format(message=message, prog=self.prog))


def common_options(default: object) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar=_("PATH"), default=default,
                        help=_("the database file (default: COPROD_DB, else your user data folder)"))
    parent.add_argument("--lang", metavar=_("CODE"), default=default,
                        help=_("the language: en_GB or cy (default: the one chosen in the app, else LANG)"))
    return parent


def build_parser(only: Sequence[str] | None = None) -> Parser:
    """Return the `coprod` parser: with every command, or only with the commands in `only`."""
    parser = Parser(prog="coprod", parents=[common_options(None)],
                    description=_("Run Co-production Network meetings. With no command, opens the app."))
    parser.add_argument("--version", action="version", version=f"coprod {__version__}",
                        help=_("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)
    shared = common_options(argparse.SUPPRESS)
    names = COMMANDS if only is None else only
    for name in dict.fromkeys(COMMANDS[n] for n in names):
        importlib.import_module(f"tui.cli.{name}").add_parsers(sub, shared)
    return parser


def _commands_needed(argv: Sequence[str]) -> list[str] | None:
    """Return the commands the parser needs for `argv`; None means all of them.

    Opening the app needs none; `coprod export …` needs only `export`; help, or a
    word that is not a command (for argparse to name the choices), needs all.
    """
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word in ("--db", "--lang"):
            next(words, None)
        elif not word.startswith("-"):
            return [word] if word in COMMANDS else None
    return []


def _pre_language(argv: Sequence[str]) -> None:
    # Help text is built with _(), so the language must be set before parsing.
    code = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            code = argv[i + 1]
        elif arg.startswith("--lang="):
            code = arg.split("=", 1)[1]
    if not code and not os.environ.get("COPROD_LANG"):
        # The language chosen in the app outranks the system's (LANG is English on most laptops).
        from store.local_settings import remembered_language

        code = remembered_language()
    set_language(code or language_from_environment())
    from tui.cli import argparse_words

    argparse_words.install()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _pre_language(args_list)
    parser = build_parser(_commands_needed(args_list))
    args = parser.parse_args(args_list)
    try:
        if args.command is None:
            from tui.app import run_app

            return run_app(db=args.db)
        return int(args.func(args) or 0)
    except CoprodError as exc:
        print(_("coprod: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def open_db(args: argparse.Namespace):
    """Open the database the command names."""
    from store.db import open_store

    return open_store(args.db)
