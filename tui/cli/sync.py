"""`coprod sync` and `coprod store …`: share this database's changes through a shared store."""

from __future__ import annotations

import argparse
import sys

from store.i18n import _
from tui.cli.output import command_group


def add_parsers(sub, shared: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[shared], help=_("send and receive changes through the shared store"),
                       description=_("Send this database's new changes to the shared store and bring in everyone "
                                     "else's. The store is a folder (a shared drive, a synced folder or a USB stick) "
                                     "or a postgresql:// address; the last one used is remembered. The password for "
                                     "PostgreSQL comes from PGPASSWORD or your .pgpass file."))
    p.add_argument("--store", metavar=_("LOCATION"), help=_("the folder or postgresql:// address of the store"))
    p.set_defaults(func=run_sync)

    cmds = command_group(sub, "store", _("set up a shared store or see who has synced"),
                         _("Set up a new shared store, or see which devices have synced with one and how far "
                           "behind each is."), shared)
    p = cmds.add_parser("init", parents=[shared], help=_("set up a new store"),
                        description=_("Set up a new shared store: an empty folder, or the coprod tables in a "
                                      "PostgreSQL database."))
    p.add_argument("location", metavar=_("LOCATION"), help=_("a folder, or a postgresql:// address"))
    p.set_defaults(func=init_store)
    p = cmds.add_parser("status", parents=[shared], help=_("show the devices that have synced"),
                        description=_("Show every device that has synced with the store: when it last synced, how "
                                      "many changes it has sent, and how many it has still to receive."))
    p.add_argument("location", nargs="?", metavar=_("LOCATION"),
                   help=_("a folder, or a postgresql:// address (default: the last store this database used)"))
    p.set_defaults(func=store_status)


def _location(args: argparse.Namespace, given: str | None) -> str:
    """Return the store named on the command line, else the one this database used last."""
    from store.errors import CoprodError
    from store.sync.engine import last_location
    from tui.cli import open_db

    if given:
        return given
    store = open_db(args)
    try:
        found = last_location(store)
    finally:
        store.close()
    if not found:
        raise CoprodError(_("Say which store to use, for example: coprod sync --store /path/to/shared/folder"))
    return found


def run_sync(args: argparse.Namespace) -> int:
    from store.i18n import ngettext
    from store.sync.engine import sync
    from store.sync.remote import open_remote
    from tui.cli import open_db

    remote = open_remote(_location(args, args.store))
    store = open_db(args)
    show = _progress_line if sys.stderr.isatty() else None
    try:
        summary = sync(store, remote, show)
    finally:
        store.close()
        remote.close()
    if show:
        print(file=sys.stderr)
    print(_("Synced with {location}.").format(location=remote.location))
    print(ngettext("Sent {n:,} change.", "Sent {n:,} changes.", summary.sent).format(n=summary.sent))
    print(ngettext("Received {n:,} change.", "Received {n:,} changes.", summary.received).format(n=summary.received))
    if summary.waiting:
        print(ngettext("{n} batch is waiting for changes from another device that have not reached the store yet. "
                       "Sync again later.",
                       "{n} batches are waiting for changes from other devices that have not reached the store yet. "
                       "Sync again later.", summary.waiting).format(n=summary.waiting))
    if summary.conflicts:
        print(ngettext("{n} claim needs checking: two devices changed it at once. See: coprod claims conflicts",
                       "{n} claims need checking: two devices changed them at once. See: coprod claims conflicts",
                       summary.conflicts).format(n=summary.conflicts))
    for note in summary.notes:
        print(note, file=sys.stderr)
    for problem in summary.problems:
        print(_("coprod: {message}").format(message=problem), file=sys.stderr)
    return 1 if summary.problems else 0


def _progress_line(done: int, total: int) -> None:
    print("\r" + _("Syncing: {done:,} of {total:,} changes").format(done=done, total=total), end="", file=sys.stderr,
          flush=True)


def init_store(args: argparse.Namespace) -> int:
    from store.sync.remote import open_remote

    remote = open_remote(args.location)
    try:
        made = remote.init()
    finally:
        remote.close()
    if made:
        print(_("The store is ready at {location}. Each device can now run: coprod sync --store {location}").format(
            location=remote.location))
    else:
        print(_("{location} is already a coprod store. Nothing was changed.").format(location=remote.location))
    return 0


def store_status(args: argparse.Namespace) -> int:
    from store.i18n import ngettext
    from store.sync.remote import open_remote
    from tui.cli import open_db
    from tui.cli.output import print_table

    remote = open_remote(_location(args, args.location))
    try:
        remote.check()
        devices = remote.statuses()
    finally:
        remote.close()
    store = open_db(args)
    me = store.device_id
    store.close()
    print(_("Store: {location}").format(location=remote.location))
    if not devices:
        print(_("No device has synced with this store yet."))
        return 0
    rows = []
    for d in devices:
        name = d.device_id[-8:] + (" " + _("(this device)") if d.device_id == me else "")
        when = d.last_sync.replace("T", " ").replace("+00:00", " UTC") if d.last_sync else _("never")
        behind = _("up to date") if not d.behind else ngettext(
            "{n:,} change to receive", "{n:,} changes to receive", d.behind).format(n=d.behind)
        rows.append((name, when, f"{d.pushed:,}", behind))
    print_table((_("Device"), _("Last synced"), _("Changes sent"), _("Behind")), rows)
    return 0
