"""The words argparse itself prints (usage, headings, its error messages), in the person's language.

argparse looks its words up through the standard gettext functions it
imported; pointing those at coprod's catalog makes `coprod --help` and its
errors read in Welsh as well as the rest. The strings are listed here so the
catalog holds them.
"""

from __future__ import annotations

import argparse

from store.i18n import N_, _, ngettext

WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def install() -> None:
    """Make argparse translate its words through coprod's catalog."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
