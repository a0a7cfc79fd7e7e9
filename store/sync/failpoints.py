"""Named points in a sync where the crash-safety tests stop the process dead.

`COPROD_FAILPOINT=<name>` makes the process kill itself with SIGKILL when it
reaches that point, as a flat battery or a killed window would: no clean-up
runs. The tests then sync again and check that nothing was lost or doubled.
Unset, a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "folder-before-rename",  # a batch file written and flushed, not yet renamed into place
    "after-push",  # the store has the batch (PostgreSQL committed); this database has not noted it
    "mid-apply",  # one pulled batch applied and committed, more to come
)


def reach(name: str) -> None:
    """Stop the process dead here if the tests asked for it."""
    if os.environ.get("COPROD_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
