"""A member's statement of payments for a tax year, as HTML and Markdown, read back element by element and line by line."""

from __future__ import annotations

import os
import stat

import pytest
from claims_money_world import HOST, build_money_world
from html_tree import headings, parse, sections

from store import attendance, meetings, organisations
from store.claims import line_edits, rates, workflow
from store.errors import InputError
from store.export.statement import export_statement, payer_name

RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881", "receipt_path": "receipts/rail.pdf"}
CAR = {"category": "car", "miles": "24"}


@pytest.fixture
def paid(store):
    """Priya paid on 5 April 2026 (the last day of 2025-26), 6 April 2026 (March's claim; £3 taken off it and
    settled today, 22 November 2026) and 10 July 2026 (June's, with two hours' preparation); her November claim is
    a draft."""
    w = build_money_world(store, "Priya Shah")
    february = meetings.create_meeting(store, {"title": "February meeting", "date": "10/02/2026",
                                               "start_time": "10:00", "end_time": "13:00"})
    meetings.set_status(store, february, "open")
    attendance.mark(store, february, w.priya, "present")
    attendance.close_meeting(store, february, mark_absent=False)
    w.paid(february, w.priya, "BACS-0999", "05/04/2026")
    w.march_claim = w.paid(w.march, w.priya, "BACS-1001", "06/04/2026", RAIL, CAR)
    workflow.adjust(store, w.march_claim, w.ben, {"line_kind": "expense", "category": "rail_bus", "amount": "-3.00",
                                                  "note": "The fare was £3 less."})
    workflow.mark_paid(store, w.march_claim, w.fiona, "BACS-1301", "22/11/2026")
    june = w.claim(w.june, w.priya)
    line_edits.add_fee(store, june, w.grace, {"category": "prep", "hours": "2"})
    workflow.submit(store, june, w.grace)
    workflow.approve(store, june, w.ben)
    workflow.mark_paid(store, june, w.fiona, "BACS-1202", "10/07/2026")
    w.claim(w.november, w.priya)
    return w


MARKDOWN_2026 = [
    "# Payments to Priya Shah",
    "",
    "Tax year: 6 April 2026 to 5 April 2027.",
    "",
    f"Paid by: {HOST}.",
    "",
    "This is what you were paid for taking part in the network in this tax year. You can keep it, or show it to "
    "the Jobcentre or anyone else who asks what you were paid.",
    "",
    "## In total",
    "",
    "- **Fees:** £200.00, payment for your time.",
    "- **Expenses:** £20.20, paying you back for costs.",
    "- **All together:** £220.20",
    "",
    "Expenses are a repayment of costs you had so that you could take part, such as fares or parking; fees are "
    "payment for your time.",
    "",
    "## Each payment",
    "",
    "### 6 April 2026: £98.20",
    "",
    "**For:** March meeting, in Cardiff on 14 March 2026",
    "",
    "**Payment reference:** BACS-1001",
    "",
    "- Fee for a half day: £75.00",
    "- Rail or bus: £12.40",
    "- Car mileage, 24 miles: £10.80",
    "",
    "### 10 July 2026: £125.00",
    "",
    '**For:** The "big" June meeting on 20 June 2026',
    "",
    "**Payment reference:** BACS-1202",
    "",
    "- Fee for a half day: £75.00",
    "- Fee for preparation, 2 hours: £50.00",
    "",
    "## Corrections after payment",
    "",
    "A correction changes a payment made before: money paid to you on top, or taken off. It counts in the tax year "
    "it was paid.",
    "",
    "### 22 November 2026: -£3.00",
    "",
    "**For:** March meeting, in Cardiff on 14 March 2026",
    "",
    "**Payment reference:** BACS-1301",
    "",
    "**Corrects the payment of:** 6 April 2026, reference BACS-1001",
    "",
    "- Correction to rail or bus: -£3.00",
    "",
    "**Why:** The fare was £3 less.",
    "",
    "Made on 22 November 2026.",
]


def test_markdown_says_each_payment_in_the_year_and_the_totals_line_by_line(paid):
    assert export_statement(paid.store, paid.priya, "2026-27", "md").split("\n") == [*MARKDOWN_2026, ""]


def test_the_year_runs_from_6_april_to_5_april(paid):
    text = export_statement(paid.store, paid.priya, "2025/26", "md")
    assert "### 5 April 2026: £75.00" in text.split("\n")
    assert "BACS-1001" not in text and "BACS-0999" in text
    assert "- **All together:** £75.00" in text.split("\n")
    assert "Tax year: 6 April 2025 to 5 April 2026." in text.split("\n")


def _page(world, member: str, year: str = "2026-27"):
    text = export_statement(world.store, member, year, "html")
    doctype, root = parse(text)
    (main,) = root.find_all("main")
    return doctype, root, main


def test_html_is_in_the_current_language_with_a_title_and_headings_that_never_skip(paid):
    doctype, root, main = _page(paid, paid.priya)
    assert doctype == "doctype html"
    (html,) = root.elements()
    assert html.attrs["lang"] == "en-GB"
    assert root.find_all("title")[0].text() == "Payments to Priya Shah: tax year 6 April 2026 to 5 April 2027"
    assert headings(root) == [(1, "Payments to Priya Shah"), (2, "In total"), (2, "Each payment"),
                              (3, "6 April 2026: £98.20"), (3, "10 July 2026: £125.00"),
                              (2, "Corrections after payment"), (3, "22 November 2026: -£3.00")]
    assert not root.find_all("table")
    style = root.find_all("style")[0].text()
    assert "max-width: 70ch" in style and "@media print" in style and "px" not in style
    assert 'name="viewport"' in "".join(f'name="{m.attrs.get("name")}"' for m in root.find_all("meta"))


def _blocks(blocks) -> list[str]:
    out = []
    for block in blocks:
        if block.tag in ("ul", "ol"):
            out += [li.clean_text() for li in block.elements()]
        else:
            out.append(block.clean_text())
    return out


def test_html_holds_the_totals_the_plain_words_and_each_payment_element_by_element(paid):
    _doctype, _root, main = _page(paid, paid.priya)
    parts = {text: body for (_level, text), body in sections(main)}
    assert _blocks(parts["Payments to Priya Shah"]) == [
        "Tax year: 6 April 2026 to 5 April 2027.", f"Paid by: {HOST}.",
        "This is what you were paid for taking part in the network in this tax year. You can keep it, or show it "
        "to the Jobcentre or anyone else who asks what you were paid."]
    totals = parts["In total"]
    assert [b.tag for b in totals] == ["ul", "p"]
    assert _blocks(totals) == [
        "Fees: £200.00, payment for your time.", "Expenses: £20.20, paying you back for costs.",
        "All together: £220.20",
        "Expenses are a repayment of costs you had so that you could take part, such as fares or parking; fees "
        "are payment for your time."]
    assert [s.text() for s in totals[0].find_all("strong")] == ["Fees:", "Expenses:", "All together:"]
    assert _blocks(parts["6 April 2026: £98.20"]) == [
        "For: March meeting, in Cardiff on 14 March 2026", "Payment reference: BACS-1001",
        "Fee for a half day: £75.00", "Rail or bus: £12.40", "Car mileage, 24 miles: £10.80"]
    assert _blocks(parts["10 July 2026: £125.00"]) == [
        'For: The "big" June meeting on 20 June 2026', "Payment reference: BACS-1202",
        "Fee for a half day: £75.00", "Fee for preparation, 2 hours: £50.00"]
    assert _blocks(parts["22 November 2026: -£3.00"]) == [
        "For: March meeting, in Cardiff on 14 March 2026", "Payment reference: BACS-1301",
        "Corrects the payment of: 6 April 2026, reference BACS-1001",
        "Correction to rail or bus: -£3.00", "Why: The fare was £3 less.", "Made on 22 November 2026."]


def test_text_people_typed_is_escaped_in_html(paid):
    paid.store.conn.execute("UPDATE meetings SET title = ? WHERE id = ?", ("<b>Carers & friends</b>", paid.march))
    text = export_statement(paid.store, paid.priya, "2026-27", "html")
    assert "&lt;b&gt;Carers &amp; friends&lt;/b&gt; on 14 March 2026" in text
    _doctype, root = parse(text)
    assert not root.find_all("b")


def test_vouchers_are_said_apart_and_on_the_payment(store):
    w = build_money_world(store)
    w.paid(w.march, w.tomasz, "VOUCH-7", "01/05/2026")
    lines = export_statement(store, w.tomasz, "2026-27", "md").split("\n")
    assert "£75.00 of this was paid in vouchers." in lines
    at = lines.index("### 1 May 2026: £75.00")
    assert lines[at:at + 8] == ["### 1 May 2026: £75.00", "", "**For:** March meeting, in Cardiff on 14 March 2026",
                                "", "**Payment reference:** VOUCH-7", "", "Paid in vouchers.", ""]


def test_a_year_without_payments_says_so(paid):
    lines = export_statement(paid.store, paid.priya, "2024-25", "md").split("\n")
    assert "- **All together:** £0.00" in lines
    assert lines[lines.index("## Each payment") + 2] == "There are no payments to you in this tax year."
    assert not [line for line in lines if line.startswith("###")]


def test_the_payer_is_the_one_host_organisation_else_the_network(store):
    w = build_money_world(store)
    assert payer_name(store) == HOST
    organisations.add_organisation(store, "Second Host", "host")
    assert payer_name(store) == "the network"
    w.paid(w.march, w.priya, "B-1", "01/05/2026")
    assert "Paid by: the network." in export_statement(store, w.priya, "2026-27", "md").split("\n")


def test_nothing_about_benefits_is_written(paid):
    rates.set_benefits(paid.store, paid.priya, "uc_housing")
    text = export_statement(paid.store, paid.priya, "2026-27", "md")
    for word in ("Universal Credit", "uc_housing", "ESA", "allowance", "limit"):
        assert word not in text


@pytest.mark.parametrize("year", ["2026", "2026-28", "26-27", "2026-2028", "next year", ""])
def test_a_bad_tax_year_is_refused(paid, year):
    with pytest.raises(InputError, match="is not a tax year. Write it like 2026-27."):
        export_statement(paid.store, paid.priya, year, "md")


def test_a_written_statement_is_readable_only_by_its_owner(paid, tmp_path):
    target = tmp_path / "statement.html"
    text = export_statement(paid.store, paid.priya, "2026-2027", "html", target)
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_a_correction_after_payment_counts_in_the_year_it_was_paid_and_not_before(paid):
    from store.claims.queries import statement

    february = paid.store.one("SELECT claim_id FROM claim_state WHERE payment_reference = 'BACS-0999'")[0]
    workflow.adjust(paid.store, february, paid.ben, {"line_kind": "expense", "category": "parking", "amount": "2.40",
                                                     "note": "Parking was missed off."})
    # Owed, not yet paid: on no statement, and the payment it corrects keeps what was paid.
    waiting = statement(paid.store, paid.priya, "2026-27")
    assert [(c["claim_id"], c["line"]["amount_pence"]) for c in waiting["corrections"]] == [(paid.march_claim, -300)]
    assert waiting["total_pence"] == 22020
    earlier = export_statement(paid.store, paid.priya, "2025-26", "md").split("\n")
    assert "### 5 April 2026: £75.00" in earlier and "- **All together:** £75.00" in earlier
    assert "## Corrections after payment" not in earlier
    workflow.mark_paid(paid.store, february, paid.fiona, "BACS-1302", "22/11/2026")
    assert export_statement(paid.store, paid.priya, "2025-26", "md").split("\n") == earlier
    now = statement(paid.store, paid.priya, "2026-27")
    assert [(c["claim_id"], c["on"], c["line"]["amount_pence"], c["line"]["payment_reference"])
            for c in now["corrections"]] == [(february, "2026-11-22", 240, "BACS-1302"),
                                             (paid.march_claim, "2026-11-22", -300, "BACS-1301")]
    assert (now["fee_pence"], now["expense_pence"], now["total_pence"]) == (20000, 2260, 22260)
    assert now["by_method"] == {"bank": 22260}
    lines = export_statement(paid.store, paid.priya, "2026-27", "md").split("\n")
    assert "- **All together:** £222.60" in lines
    at = lines.index("### 22 November 2026: £2.40")
    assert lines[at:at + 12] == [
        "### 22 November 2026: £2.40", "", "**For:** February meeting on 10 February 2026", "",
        "**Payment reference:** BACS-1302", "",
        "**Corrects the payment of:** 5 April 2026, reference BACS-0999", "", "- Correction to parking: £2.40", "",
        "**Why:** Parking was missed off.", ""]


def test_a_correction_made_before_payment_is_part_of_that_payment(store):
    w = build_money_world(store, "Priya Shah")
    claim = w.approved(w.march, w.priya, RAIL)
    workflow.adjust(store, claim, w.ben, {"line_kind": "expense", "category": "rail_bus", "amount": "-2.40",
                                          "note": "Off-peak fare."})
    workflow.mark_paid(store, claim, w.fiona, "BACS-2001", "01/05/2026")
    lines = export_statement(store, w.priya, "2026-27", "md").split("\n")
    at = lines.index("### 1 May 2026: £85.00")
    assert lines[at + 6:at + 9] == ["- Fee for a half day: £75.00", "- Rail or bus: £12.40",
                                    "- Correction to rail or bus: -£2.40"]
    assert "- **All together:** £85.00" in lines
    assert "## Corrections after payment" not in lines


def test_in_easy_read_a_correction_is_explained_in_short_sentences_one_a_line(paid):
    from store.export.paper_access import PaperOptions

    lines = export_statement(paid.store, paid.priya, "2026-27", "md", options=PaperOptions(easy_read=True)).split("\n")
    at = lines.index("## Corrections after payment")
    # One sentence a line: Markdown's hard line breaks end the first two.
    assert [line.rstrip() for line in lines[at + 2:at + 5]] == ["A correction changes a payment made before.",
                                    "It pays you more, or takes money off.", "It counts in the tax year it was paid."]
