"""`coprod demo`: make a demo network."""

from __future__ import annotations

import argparse

from store.errors import CoprodError
from store.i18n import _


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[shared], help=_("make a demo network to try coprod"),
                       description=_("Make a demo network: members, organisations, past meetings and one today."))
    p.add_argument("--seed", type=int, default=1, help=_("the same seed makes the same network (default 1)"))
    p.add_argument("--members", type=int, default=60, help=_("how many members (default 60)"))
    p.add_argument("--if-missing", action="store_true",
                   help=_("do nothing if the database already has members"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from store.demo import create_demo
    from tui.cli import open_db

    if args.members < 5 or args.members > 200_000:
        raise CoprodError(_("Choose between 5 and 200000 members."))
    store = open_db(args)
    has_members = store.one("SELECT COUNT(*) FROM members")[0] > 0
    if has_members:
        if args.if_missing:
            return 0
        raise CoprodError(_("{path} already has members. Use a new file with --db.").format(path=store.path))
    made = create_demo(store, seed=args.seed, members=args.members)
    print(_("Made a demo network in {path}: {members} members, {organisations} organisations, {meetings} meetings.")
          .format(path=store.path, **made))
    return 0
