"""Payments back from finance: mark many claims paid at once, all or nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from store.claims import checks, log
from store.claims.projection import load_state
from store.claims.workflow import payment_details, payment_step
from store.db import Store
from store.errors import CoprodError
from store.i18n import _, ngettext


class PaymentsRefused(CoprodError):
    """A payments file with problems: nothing was written. `problems` holds (row number, message)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        count = len(problems)
        head = ngettext("Nothing was marked paid: {n} row has a problem.",
                        "Nothing was marked paid: {n} rows have problems.", count).format(n=count)
        listed = " ".join(_("Row {row}: {problem}").format(row=row, problem=problem) for row, problem in problems[:20])
        rest = count - 20
        more = ngettext("And {n} more row.", "And {n} more rows.", rest).format(n=rest) if rest > 0 else ""
        super().__init__(" ".join(part for part in (head, listed, more) if part))
        self.problems = problems


def _fields(row: Any) -> tuple[Any, Any, Any]:
    if isinstance(row, Mapping):
        return row.get("claim_id"), row.get("payment_reference"), row.get("paid_on")
    values = tuple(row)
    if len(values) != 3:
        raise CoprodError(_("Each row needs a claim id, a payment reference and the date paid."))
    return values


def import_payments(store: Store, rows: Iterable[Any], actor_id: str, first_row: int = 1,
                    row_numbers: Sequence[int] | None = None) -> dict[str, int]:
    """Mark claims paid from rows of (claim_id, payment_reference, paid_on); return {"paid", "already"}.

    A row for an approved claim pays it; a row for a paid claim with a
    correction owed pays the correction (workflow.payment_step). Every row is
    checked: an unknown claim, one not approved, a paid claim with nothing
    owed, a bad reference or date, or a second payment the claim can't take is
    reported with its row number (counted from `first_row`, or given in
    `row_numbers`), and then nothing at all is written. A payment already
    recorded, with the same reference and date, counts as already done. A
    claim on two rows is judged on the second as the first left it: its own
    payment on one row and its correction's on another both stand.
    """
    with store.transaction() as conn:
        person = checks.actor(conn, actor_id)
        checks.require_staff(person, _("Only staff can mark claims paid."))
        problems: list[tuple[int, str]] = []
        paid = already = 0
        seen: dict[str, int] = {}
        numbers = iter(row_numbers) if row_numbers is not None else itertools.count(first_row)
        for number, row in zip(numbers, rows):
            try:
                claim_id, reference, paid_on = _fields(row)
                real = checks.resolve_claim(conn, str(claim_id or ""))
                data = payment_details(reference, paid_on)
            except CoprodError as exc:
                problems.append((number, exc.message))
                continue
            state = load_state(conn, real)
            try:
                step = payment_step(state, data)
            except CoprodError as exc:
                if real in seen:
                    problems.append((number, _("Row {row} gives this claim another payment reference or date.")
                                     .format(row=seen[real])))
                else:
                    problems.append((number, exc.message))
                continue
            seen.setdefault(real, number)
            if step is None:
                already += 1
                continue
            # Written at once, so a later row for the same claim sees it; any problem undoes the lot.
            log.append(conn, real, step[0], person["id"], step[1], after=state.last_event_id)
            paid += 1
        if problems:
            raise PaymentsRefused(problems)
    return {"paid": paid, "already": already}
