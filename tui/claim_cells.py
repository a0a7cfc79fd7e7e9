"""How claims read on screen: a status as a symbol and words, money in the locale, warnings counted in words."""

from __future__ import annotations

from typing import Any

from store import vocab
from store.i18n import _, ngettext
from store.money import format_money

# A symbol beside each status word, so no state is told by colour alone.
STATUS_MARK = {
    "draft": ("✎", ""),
    "submitted": ("◔", "table--warn"),
    "approved": ("✓", "table--good"),
    "paid": ("●", "table--good"),
    "rejected": ("✗", "table--bad"),
    "withdrawn": ("–", "table--muted"),
}


def money(pence: int | None) -> str:
    """Return '£1,234.50' for the locale ('' for none)."""
    return "" if pence is None else format_money(pence)


def status_text(status: str) -> str:
    """Return a claim's status as a symbol and words: '✓ Approved'."""
    symbol, _cls = STATUS_MARK.get(status, ("?", ""))
    return f"{symbol} {vocab.label(vocab.CLAIM_STATUSES, status)}"


def status_cell(status: str, correction_due_pence: int = 0) -> tuple[str, str]:
    """Return a claim's status for a table: the words and the style that goes with them.

    A claim with a correction still owed says so instead, since that is what needs doing.
    """
    if correction_due_pence:
        return _("⚠ Correction owed"), "table--warn"
    return status_text(status), STATUS_MARK.get(status, ("", ""))[1]


def warnings_cell(count: int) -> tuple[str, str]:
    """Return '⚠ 2 warnings' (or nothing) for a table."""
    if not count:
        return "", ""
    return ngettext("⚠ {n} warning", "⚠ {n} warnings", count).format(n=count), "table--warn"


def quantity_text(line: dict[str, Any]) -> str:
    """Return how a line's amount was worked out: '30 miles × £0.45', '2.5 hours × £25.00', or ''."""
    if line["rate_pence"] is None:
        return ""
    rate = money(line["rate_pence"])
    # Plural forms need a whole number: "1" is one, 0.5 or 2.5 read as many.
    count = 1 if line["quantity"] == "1" else 2
    if line["category"] in ("car", "motorcycle", "bicycle", "car_passengers"):
        return ngettext("{n} mile × {rate}", "{n} miles × {rate}", count).format(n=line["quantity"], rate=rate)
    if line["category"] in ("hours", "prep"):
        return ngettext("{n} hour × {rate}", "{n} hours × {rate}", count).format(n=line["quantity"], rate=rate)
    return _("{n} × {rate}").format(n=line["quantity"], rate=rate)


def kind_text(line: dict[str, Any], owed: bool = False) -> str:
    """Return 'Fee', 'Expense', or that it is a correction, and whether it is owed apart from the claim's payment."""
    kind = vocab.label(vocab.LINE_KINDS, line["line_kind"])
    if owed:
        # Only a correction is ever owed on its own; the mark keeps it short enough for the column.
        return _("⚠ Owed: {kind}").format(kind=kind)
    if line.get("adjustment"):
        return _("{kind} correction").format(kind=kind)
    return kind


def receipt_text(line: dict[str, Any], missing: bool) -> tuple[str, str]:
    """Return the receipt in words: its reference and file, '⚠ No receipt' (when `missing`), or 'Not needed'."""
    agreed = [_("agreed beforehand")] if line.get("prior_approval") else []
    if line["line_kind"] == "fee" or line.get("adjustment"):
        return "", ""
    parts = [p for p in (line.get("receipt_ref"), line.get("receipt_path")) if p]
    if parts:
        return " · ".join(parts + agreed), ""
    if missing:
        return " · ".join([_("⚠ No receipt")] + agreed), "table--warn"
    return " · ".join([_("Not needed")] + agreed), "table--muted"
