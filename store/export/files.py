"""Writing an export safely: whole or not at all, readable only by its owner."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from store.errors import CoprodError
from store.i18n import _


def check_target(path: Path, allowed: tuple[str, ...]) -> str:
    """Return the format named by `path`'s ending; refuse a missing folder or an unknown ending."""
    if not path.parent.is_dir():
        raise CoprodError(_("There is no folder {folder}. Choose a folder that exists.").format(folder=path.parent))
    if path.is_dir():
        raise CoprodError(_("{path} is a folder. Give a file name.").format(path=path))
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in allowed:
        raise CoprodError(_("Save as one of: {formats}.").format(formats=", ".join("." + a for a in allowed)))
    return fmt


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then put it in place; a failure leaves no half file."""
    partial = path.with_name(f".{path.name}.part")
    # Exports hold personal data: only the person who made them can read them.
    try:
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise CoprodError(_("Cannot save {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
