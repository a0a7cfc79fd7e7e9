"""The Totals sheet of the finance export: fees against expenses, each category, each member.

Added up in whole pence from the very rows written to the Claims sheet, so
the totals always agree with the lines above them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from store import vocab
from store.i18n import _

KINDS = ("fee", "expense")


@dataclass
class _Sum:
    lines: int = 0
    pence: int = 0


@dataclass
class _Member:
    name: str
    claims: set[str] = field(default_factory=set)
    fee_pence: int = 0
    expense_pence: int = 0


@dataclass
class Totals:
    """Running totals of export rows, in pence."""

    kinds: dict[str, _Sum] = field(default_factory=lambda: {kind: _Sum() for kind in KINDS})
    categories: dict[tuple[str, str], _Sum] = field(default_factory=dict)
    members: dict[str, _Member] = field(default_factory=dict)

    def add(self, row: Sequence[Any], index: dict[str, int]) -> None:
        """Count one export row (a tuple in EXPORT_COLUMNS order; `index` maps column names to places)."""
        kind, category = row[index["line_kind"]], row[index["category"]]
        pence = int(Decimal(row[index["amount"]]) * 100)
        for total in (self.kinds.setdefault(kind, _Sum()), self.categories.setdefault((kind, category), _Sum())):
            total.lines += 1
            total.pence += pence
        member = self.members.setdefault(row[index["member_id"]], _Member(row[index["member_name"]] or ""))
        member.claims.add(row[index["claim_id"]])
        if kind == "fee":
            member.fee_pence += pence
        else:
            member.expense_pence += pence

    def all_pence(self) -> int:
        """Every line added together."""
        return sum(total.pence for total in self.kinds.values())


def _money(sheet, pence: int):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=Decimal(pence).scaleb(-2))
    cell.number_format = "0.00"
    return cell


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def totals_sheet(book, totals: Totals, clean: Callable[[Any], Any]) -> None:
    """Add the Totals sheet to a write-only workbook."""
    from store.export import xlsx

    sheet = book.create_sheet(_("Totals"))
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 24
    sheet.append(xlsx.bold(sheet, [_("Fees and expenses")]))
    sheet.append(xlsx.bold(sheet, [_("Kind"), _("Lines"), _("Amount")]))
    for kind in sorted(totals.kinds, key=_kind_order):
        total = totals.kinds[kind]
        label = _("Fees (payment for time)") if kind == "fee" else (
            _("Expenses (costs paid back)") if kind == "expense" else kind)
        sheet.append([label, total.lines, _money(sheet, total.pence)])
    sheet.append([_("All"), sum(t.lines for t in totals.kinds.values()), _money(sheet, totals.all_pence())])
    sheet.append([])
    sheet.append(xlsx.bold(sheet, [_("By category")]))
    sheet.append(xlsx.bold(sheet, [_("Category"), _("Fee or expense"), _("Code"), _("Lines"), _("Amount")]))
    for (kind, category), total in sorted(
        totals.categories.items(),
        key=lambda item: (_kind_order(item[0][0]), vocab.label(vocab.LINE_CATEGORIES, item[0][1]).casefold()),
    ):
        sheet.append([vocab.label(vocab.LINE_CATEGORIES, category), vocab.label(vocab.LINE_KINDS, kind), clean(category),
                      total.lines, _money(sheet, total.pence)])
    sheet.append([])
    sheet.append(xlsx.bold(sheet, [_("By member")]))
    sheet.append(xlsx.bold(sheet, [_("Member"), _("Member id"), _("Claims"), _("Fees"), _("Expenses"), _("Total")]))
    for member_id, member in sorted(totals.members.items(), key=lambda item: (item[1].name.casefold(), item[0])):
        sheet.append([clean(member.name), member_id, len(member.claims), _money(sheet, member.fee_pence),
                      _money(sheet, member.expense_pence), _money(sheet, member.fee_pence + member.expense_pence)])
