"""The rate card and benefit limits: figures that change over time, kept as data with start dates.

A claim uses the card in force on its meeting's date. Benefit limits only
feed warnings; coprod warns, it does not advise. A member's benefit flag is
special category data: it is kept apart from the member's other details and
never exported.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store import changes, vocab
from store.claims.words import day
from store.dates import now_iso
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import _
from store.ids import link_id, new_id
from store.records import resolve_id
from store.schema import GROUPS

CARD_COLUMNS = GROUPS["rate_cards"]["card"]
_CARD_SELECT = f"SELECT id, {', '.join(CARD_COLUMNS)} FROM rate_cards "

# Published figures (DOMAIN.md "Claims"): ESA permitted work, the higher weekly
# limit; Universal Credit work allowance 2025/26 a month. Taking each from the
# 1st of April is our choice; the rules start with the benefit week in April.
PUBLISHED_LIMITS = (
    ("esa_permitted_work", 18_350, "2024-04-01"),
    ("esa_permitted_work", 19_550, "2025-04-01"),
    ("uc_work_allowance_housing", 41_100, "2025-04-01"),
    ("uc_work_allowance", 68_400, "2025-04-01"),
)
# Which limit applies to a member's benefit flag, and over what period.
LIMIT_FOR_BENEFIT = {
    "esa": ("esa_permitted_work", "week"),
    "uc_housing": ("uc_work_allowance_housing", "month"),
    "uc": ("uc_work_allowance", "month"),
}


def _card_values(data: dict[str, Any]) -> dict[str, Any]:
    from store.claims.models import RateCardIn, validate

    return validate(RateCardIn, data).model_dump()


def _same_day_card(conn: sqlite3.Connection, effective_from: str, other_than: str | None) -> None:
    row = conn.execute(
        "SELECT name FROM rate_cards WHERE effective_from = ? AND deleted_at IS NULL AND id IS NOT ?",
        (effective_from, other_than),
    ).fetchone()
    if row:
        raise InputError(_("The card {name} already starts on {date}. Change that card, or pick another day.")
                         .format(name=row[0], date=day(effective_from)), "effective_from")


def add_rate_card(store: Store, data: dict[str, Any]) -> str:
    """Add a rate card from `data` (amounts as pence or typed money) and return its id."""
    values = _card_values(data)
    card_id = new_id()
    with store.transaction() as conn:
        _same_day_card(conn, values["effective_from"], None)
        changes.record(conn, "rate_cards", card_id, {**values, "created_at": now_iso()})
    return card_id


def update_rate_card(store: Store, card_id: str, data: dict[str, Any]) -> None:
    """Change some of a card's figures; claim lines already made keep their amounts."""
    with store.transaction() as conn:
        real = resolve_id(conn, "rate_cards", card_id, _("rate card"))
        current = dict(conn.execute(_CARD_SELECT + "WHERE id = ?", (real,)).fetchone())
        merged = {k: current[k] for k in CARD_COLUMNS if k != "created_at"}
        merged.update(data)
        values = _card_values(merged)
        _same_day_card(conn, values["effective_from"], real)
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if changed:
            changes.record(conn, "rate_cards", real, changed)


def delete_rate_card(store: Store, card_id: str) -> None:
    """Take a card off the list (claims already made keep their amounts)."""
    with store.transaction() as conn:
        real = resolve_id(conn, "rate_cards", card_id, _("rate card"))
        changes.record(conn, "rate_cards", real, {"deleted_at": now_iso()})


def list_rate_cards(store: Store) -> list[dict[str, Any]]:
    """Return every card, the latest start date first."""
    rows = store.query(_CARD_SELECT + "WHERE deleted_at IS NULL ORDER BY effective_from DESC, created_at DESC, id DESC")
    return [dict(r) for r in rows]


def get_rate_card(store: Store, card_id: str) -> dict[str, Any]:
    """Return one card."""
    real = resolve_id(store.conn, "rate_cards", card_id, _("rate card"))
    return dict(store.one(_CARD_SELECT + "WHERE id = ?", (real,)))


def card_for(conn: sqlite3.Connection, date: str) -> dict[str, Any]:
    """Return the card in force on `date` (an ISO date): the latest to start on or before it."""
    row = conn.execute(
        _CARD_SELECT + "WHERE deleted_at IS NULL AND effective_from <= ? "
        "ORDER BY effective_from DESC, created_at DESC, id DESC LIMIT 1", (date,),
    ).fetchone()
    if row is None:
        raise CoprodError(_("There is no rate card for {date}. Add one first.").format(date=day(date)))
    return dict(row)


def add_benefit_limit(store: Store, data: dict[str, Any]) -> str:
    """Add a benefit limit (kind, amount, effective_from) and return its id."""
    from store.claims.models import BenefitLimitIn, validate

    values = validate(BenefitLimitIn, data).model_dump()
    with store.transaction() as conn:
        same = conn.execute(
            "SELECT 1 FROM benefit_limits WHERE kind = ? AND effective_from = ? AND deleted_at IS NULL",
            (values["kind"], values["effective_from"]),
        ).fetchone()
        if same:
            raise InputError(_("That limit already has a figure from {date}.").format(date=day(values["effective_from"])),
                             "effective_from")
        limit_id = new_id()
        changes.record(conn, "benefit_limits", limit_id, values)
    return limit_id


def delete_benefit_limit(store: Store, limit_id: str) -> None:
    """Take a benefit limit off the list."""
    with store.transaction() as conn:
        real = resolve_id(conn, "benefit_limits", limit_id, _("benefit limit"))
        changes.record(conn, "benefit_limits", real, {"deleted_at": now_iso()})


def list_benefit_limits(store: Store) -> list[dict[str, Any]]:
    """Return every benefit limit, by kind, the latest first."""
    rows = store.query(
        "SELECT id, kind, amount_pence, effective_from FROM benefit_limits WHERE deleted_at IS NULL "
        "ORDER BY kind, effective_from DESC"
    )
    return [dict(r) for r in rows]


def limit_for(conn: sqlite3.Connection, kind: str, date: str) -> int | None:
    """Return the limit of `kind` in force on `date`, in pence, or None if none is recorded."""
    row = conn.execute(
        "SELECT amount_pence FROM benefit_limits WHERE kind = ? AND effective_from <= ? AND deleted_at IS NULL "
        "ORDER BY effective_from DESC, id DESC LIMIT 1", (kind, date),
    ).fetchone()
    return row[0] if row else None


def seed_benefit_limits(store: Store) -> int:
    """Record the published limits that are not there yet; return how many were added.

    Each gets an id made from its kind and date, so two laptops that both seed
    write the same records, not two of each.
    """
    added = 0
    with store.transaction() as conn:
        for kind, pence, start in PUBLISHED_LIMITS:
            limit_id = link_id("benefit_limit", kind, start)
            if conn.execute("SELECT 1 FROM benefit_limits WHERE id = ?", (limit_id,)).fetchone():
                continue
            changes.record(conn, "benefit_limits", limit_id, {"kind": kind, "amount_pence": pence, "effective_from": start})
            added += 1
    return added


def set_benefits(store: Store, member_id: str, benefits: str | None) -> None:
    """Record which benefit a member gets, for fee warnings ('esa', 'uc_housing', 'uc'; empty for none)."""
    text = str(benefits or "").strip()
    code = None
    if text:
        code = vocab.code_for(vocab.BENEFITS, text)
        if code is None:
            choices = ", ".join(_(label) for label in vocab.BENEFITS.values())
            raise InputError(_("{value} is not a benefit coprod warns about. Choose one of: {choices}.")
                             .format(value=text, choices=choices), "benefits")
    with store.transaction() as conn:
        real = resolve_id(conn, "members", member_id, _("member"))
        current = conn.execute("SELECT benefits FROM members WHERE id = ?", (real,)).fetchone()[0]
        if current != code:
            changes.record(conn, "members", real, {"benefits": code})


def member_benefits(store: Store, member_id: str) -> str | None:
    """Return the member's benefit flag, or None."""
    real = resolve_id(store.conn, "members", member_id, _("member"))
    return store.one("SELECT benefits FROM members WHERE id = ?", (real,))[0]


def tax_year(date: str) -> tuple[str, str]:
    """Return the first and last day of the UK tax year (6 April to 5 April) that `date` falls in."""
    year, month, dom = int(date[:4]), int(date[5:7]), int(date[8:10])
    start = year if (month, dom) >= (4, 6) else year - 1
    return f"{start:04d}-04-06", f"{start + 1:04d}-04-05"


def parse_tax_year(text: str) -> tuple[str, str]:
    """Return the first and last day of a tax year written '2026-27' (or '2026/27', '2026-2027')."""
    import re

    raw = str(text or "").strip()
    match = re.fullmatch(r"(\d{4})\s*[-/]\s*(\d{2}|\d{4})", raw)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if (second == first + 1) or (second < 100 and second == (first + 1) % 100):
            return f"{first:04d}-04-06", f"{first + 1:04d}-04-05"
    raise InputError(_("{text} is not a tax year. Write it like 2026-27.").format(text=raw), "tax_year")
