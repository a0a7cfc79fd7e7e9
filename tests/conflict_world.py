"""Two laptops taking steps on one claim that can't both stand, brought together as sync does: by change rows.

Each laptop is its own database file with its own device id. What one laptop
has reaches the other only through `changes.log` on one side and
`changes.apply` on the other, the same path sync takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_env import FIXED_NOW
from store import changes
from store.claims import workflow
from store.db import Store, open_store

REASON = "Claimed twice."


def bring_over(source: Store, target: Store) -> int:
    """Apply every change `source` has logged to `target`, in one transaction; return how many were new there."""
    with target.transaction() as conn:
        return sum(changes.apply(conn, change) for change in changes.log(source.conn))


def second_laptop(first: Store, path: Path) -> Store:
    """A new laptop with a file of its own, holding everything `first` has (as after its first sync)."""
    laptop = open_store(path)
    bring_over(first, laptop)
    return laptop


def approve_here_reject_there(here: Store, there: Store, claim: str, approver: str, rejecter: str,
                              monkeypatch: pytest.MonkeyPatch, approve_at: str = "10:40",
                              reject_at: str = "10:41") -> None:
    """Approve the claim on `here`; later (`reject_at`) reject it on `there`, which had not seen the approval;
    then bring `there`'s changes to `here`.

    The times apart fix the replay order (approval first), so the rejection
    is the step that is not applied, on every run.
    """
    monkeypatch.setenv("COPROD_NOW", approve_at)
    workflow.approve(here, claim, approver)
    monkeypatch.setenv("COPROD_NOW", reject_at)
    workflow.reject(there, claim, rejecter, REASON)
    monkeypatch.setenv("COPROD_NOW", FIXED_NOW)
    bring_over(there, here)


def event_of(store: Store, claim: str, kind: str) -> str:
    """The id of the claim's one event of `kind`."""
    rows = store.query("SELECT id FROM claim_events WHERE claim_id = ? AND kind = ?", (claim, kind))
    assert len(rows) == 1, (kind, len(rows))
    return rows[0][0]
