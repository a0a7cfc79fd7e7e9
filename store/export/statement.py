"""A member's statement of payments for one UK tax year, as HTML or Markdown.

Written to the member, in plain words, for them to keep or to show the
Jobcentre: who paid them, each payment with its date, meeting, what it was
for and how much, and the year's fees and expenses, apart, since fees can
affect benefits and expenses do not. Only claims marked paid, with a payment
date in the year (6 April to 5 April), are counted, with corrections made
in the year to claims already paid, listed apart. Nothing about the
member's benefits is ever written here. In Easy Read the explanations are
short sentences, one a line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from store import vocab
from store.claims.words import money
from store.dates import today
from store.db import Store
from store.export.paper import Item, Paper, render, write
from store.export.paper_access import PaperOptions, easy_lines_or, make_paper
from store.i18n import N_, _, babel_locale, ngettext

# What each fee was for, as a whole phrase so a translation never glues words together.
FEE_WORDS = {
    "hours": N_("Fee for your time"),
    "half_day": N_("Fee for a half day"),
    "day": N_("Fee for a day"),
    "prep": N_("Fee for preparation"),
    "chairing": N_("Fee for chairing"),
}
MILEAGE = frozenset({"car", "motorcycle", "bicycle"})
# How a payment reached the member, when it was not to their bank.
METHOD_WORDS = {
    "vouchers": N_("Paid in vouchers."),
    "charity": N_("Paid to a charity, as you asked."),
}
METHOD_TOTALS = {
    "vouchers": N_("{amount} of this was paid in vouchers."),
    "charity": N_("{amount} of this was paid to a charity, as you asked."),
}


def payer_name(store: Store) -> str:
    """Return the name of the network's host organisation if there is exactly one, else "the network"."""
    rows = store.query("SELECT name FROM organisations WHERE kind = 'host' AND deleted_at IS NULL "
                       "AND trim(name) != '' LIMIT 2")
    return rows[0][0] if len(rows) == 1 else _("the network")


def day(iso: str | None) -> str:
    """Return '20 March 2026' (or its Welsh) for an ISO date; '' for none."""
    if not iso:
        return ""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso[:10]), "d MMMM y", locale=babel_locale())


def _number(text: str) -> tuple[str, int]:
    """A quantity as the locale writes it, and a count for choosing singular or plural."""
    from babel.numbers import format_decimal

    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return str(text), 2
    return format_decimal(number, locale=babel_locale()), 1 if number == 1 else 2


def line_words(line: dict[str, Any]) -> str:
    """Return what one line of a payment was for: 'Fee for a half day', 'Car mileage, 24 miles'."""
    category = line["category"]
    if line["line_kind"] == "fee":
        what = _(FEE_WORDS[category]) if category in FEE_WORDS else vocab.label(vocab.LINE_CATEGORIES, category)
        if category in ("hours", "prep") and not line["adjustment"]:
            shown, count = _number(line["quantity"])
            what = _("{what}, {hours}").format(what=what, hours=ngettext("{n} hour", "{n} hours", count).format(n=shown))
    else:
        what = vocab.label(vocab.LINE_CATEGORIES, category)
        if category in MILEAGE and not line["adjustment"]:
            shown, count = _number(line["quantity"])
            what = _("{what}, {miles}").format(what=what, miles=ngettext("{n} mile", "{n} miles", count).format(n=shown))
    if line["adjustment"]:
        return _("Correction to {what}").format(what=what[:1].lower() + what[1:])
    return what


def statement_paper(store: Store, member_id: str, tax_year: str, options: PaperOptions | None = None) -> Paper:
    """Return a member's statement of payments for a tax year ('2026-27') as a paper, made with `options`."""
    return make_paper(lambda made_with: _statement_paper(store, member_id, tax_year, made_with), options)


def _statement_paper(store: Store, member_id: str, tax_year: str, options: PaperOptions) -> Paper:
    from store.claims.queries import statement

    data = statement(store, member_id, tax_year)
    payer = payer_name(store)
    name, first, last = data["member_name"], day(data["start"]), day(data["end"])
    paper = Paper(_("Payments to {name}: tax year {first} to {last}").format(name=name, first=first, last=last))
    paper.heading(1, _("Payments to {name}").format(name=name))
    paper.para(_("Tax year: {first} to {last}.").format(first=first, last=last))
    paper.para(_("Paid by: {payer}.").format(payer=payer))
    paper.para(easy_lines_or(
        options,
        _("This is what you were paid for taking part in the network in this tax year. You can keep it, "
          "or show it to the Jobcentre or anyone else who asks what you were paid."),
        _("This shows the money you were paid for taking part in the network this tax year."),
        _("You can keep it."),
        _("You can show it to the Jobcentre, or to anyone who asks what you were paid.")))
    paper.heading(2, _("In total"))
    paper.items([
        Item(_("{amount}, payment for your time.").format(amount=money(data["fee_pence"])), label=_("Fees:")),
        Item(_("{amount}, paying you back for costs.").format(amount=money(data["expense_pence"])),
             label=_("Expenses:")),
        Item(money(data["total_pence"]), label=_("All together:")),
    ])
    paper.para(easy_lines_or(
        options,
        _("Expenses are a repayment of costs you had so that you could take part, such as fares or "
          "parking; fees are payment for your time."),
        _("Fees pay you for your time."),
        _("Expenses pay you back for costs, like bus fares or parking.")))
    for method, pence in sorted(data["by_method"].items()):
        if method in METHOD_TOTALS and pence:
            paper.para(_(METHOD_TOTALS[method]).format(amount=money(pence)))
    paper.heading(2, _("Each payment"))
    if not data["claims"]:
        paper.para(_("There are no payments to you in this tax year."))
    for claim in data["claims"]:
        _payment(paper, claim)
    if data["corrections"]:
        paper.heading(2, _("Corrections after payment"))
        paper.para(easy_lines_or(
            options,
            _("A correction changes a payment made before: money paid to you on top, or taken off. "
              "It counts in the tax year it was paid."),
            _("A correction changes a payment made before."),
            _("It pays you more, or takes money off."),
            _("It counts in the tax year it was paid.")))
        for correction in data["corrections"]:
            _correction(paper, correction)
    paper.para(_("Made on {date}.").format(date=day(today().isoformat())))
    return paper


def _payment(paper: Paper, claim: dict[str, Any]) -> None:
    paper.heading(3, _("{date}: {amount}").format(date=day(claim["paid_on"]), amount=money(claim["total_pence"])))
    paper.para(_("{meeting} on {date}").format(meeting=claim["meeting_title"] or _("A meeting"),
                                                date=day(claim["meeting_date"])), label=_("For:"))
    paper.para(claim["payment_reference"], label=_("Payment reference:"))
    if claim["payment_method"] in METHOD_WORDS:
        method = METHOD_WORDS[claim["payment_method"]]
        paper.para(_(method))
    paper.items([Item(_("{what}: {amount}").format(what=line_words(line), amount=money(line["amount_pence"])))
                 for line in claim["lines"]])


def _correction(paper: Paper, correction: dict[str, Any]) -> None:
    line = correction["line"]
    paper.heading(3, _("{date}: {amount}").format(date=day(correction["on"]), amount=money(line["amount_pence"])))
    paper.para(_("{meeting} on {date}").format(meeting=correction["meeting_title"] or _("A meeting"),
                                                date=day(correction["meeting_date"])), label=_("For:"))
    paper.para(line["payment_reference"], label=_("Payment reference:"))
    paper.para(_("{date}, reference {reference}").format(date=day(correction["paid_on"]),
                                                          reference=correction["payment_reference"]),
               label=_("Corrects the payment of:"))
    paper.items([Item(_("{what}: {amount}").format(what=line_words(line), amount=money(line["amount_pence"])))])
    if line["note"]:
        paper.para(line["note"], label=_("Why:"))


def export_statement(store: Store, member_id: str, tax_year: str, fmt: str, path: Path | None = None,
                     options: PaperOptions | None = None) -> str:
    """Return the statement as md or html text, and write it to `path` (whole, owner-only) when one is given."""
    options = options or PaperOptions()
    options.check(fmt)
    paper = statement_paper(store, member_id, tax_year, options)
    return write(paper, path, fmt) if path is not None else render(paper, fmt)
