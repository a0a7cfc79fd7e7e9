"""A meeting's Claims tab: drafting claims from the register in one step, the list and its totals."""

from __future__ import annotations

from decimal import Decimal

from drive import SIZE, notifications, row_cells, shown, todays_meeting, type_text
from drive_claims import (
    be, claims_on_disk, lines_on_disk, mark_present, open_claims_tab, own_settings, paid_member, staff,
)
from textual.widgets import Input

from store import claims, vocab
from store.claims import card_for
from store.money import format_money
from tui.screens.claim import ClaimScreen
from tui.screens.claim_dialogs import FieldsDialog, MessageDialog

__all__ = ["own_settings"]


async def _draft(pilot, hours: str = "") -> str:
    """Press Ctrl+D, give the preparation hours, and return what the result dialog says."""
    await pilot.press("ctrl+d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FieldsDialog)
    assert pilot.app.focused is pilot.app.screen.query_one("#field-hours", Input)
    await type_text(pilot, hours)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MessageDialog)
    return shown(pilot.app.screen.query_one("#message-text"))


async def test_drafting_from_the_register_pays_only_people_present_and_follows_their_preferences(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    fee = paid_member(store, "fee_and_expenses")
    declines = paid_member(store, "declines")
    vouchers = paid_member(store, "vouchers")
    colleague, facilitator = staff(store, 0), staff(store, 1)
    away = store.one("SELECT * FROM members WHERE member_type NOT IN ('staff', 'guest') AND active = 1 "
                     "AND payment_preference = 'fee_and_expenses' AND id != ? ORDER BY name LIMIT 1", (fee["id"],))
    mark_present(store, open_meeting, fee, declines, vouchers, colleague)
    be(store, facilitator)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_claims_tab(pilot)
        assert "No claims yet" in shown(view.query_one("#claims-totals"))
        said = await _draft(pilot, "1.5")
        assert said.splitlines() == [
            "Made 2 draft claims.",
            "Left out 2 people:",
            *sorted([f"• {declines['name']}: declines all payment",
                     f"• {colleague['name']}: staff are not paid through claims"],
                    key=lambda line: line.split(":")[0]),
        ]
        await pilot.press("enter")
        await pilot.pause()
        on_disk = claims_on_disk(db_path, open_meeting)
        # Claims only for the two paid people present: not the one away, the one who declines, or staff.
        assert sorted(on_disk) == sorted([fee["name"], vouchers["name"]])
        assert away["name"] not in on_disk
        card = card_for(store.conn, store.one("SELECT date FROM meetings WHERE id = ?", (open_meeting,))[0])
        lines = lines_on_disk(db_path, on_disk[fee["name"]]["claim_id"])
        # 10:30 to 13:00 is under four hours: a half day, and the preparation typed in.
        assert [(l["line_kind"], l["category"], l["quantity"], l["amount_pence"]) for l in lines] == [
            ("fee", "half_day", "1", card["fee_half_day_pence"]),
            ("fee", "prep", "1.5", int(Decimal("1.5") * card["prep_hour_pence"])),
        ]
        assert on_disk[fee["name"]]["status"] == "draft"
        assert on_disk[fee["name"]]["created_by"] == facilitator["id"]
        assert on_disk[vouchers["name"]]["payment_method"] == "vouchers"
        # The list shows both, by name, with their status in words and the money in pounds.
        table = view.table
        names = [row_cells(table, i)[0] for i in range(table.total)]
        assert names == sorted([fee["name"], vouchers["name"]], key=str.casefold)
        row = row_cells(table, names.index(fee["name"]))
        total = card["fee_half_day_pence"] + int(Decimal("1.5") * card["prep_hour_pence"])
        assert row[1:5] == ["✎ Draft", format_money(total), format_money(0), format_money(total)]
        totals = shown(view.query_one("#claims-totals"))
        assert totals.startswith("2 claims (Draft: 2)")
        both = sum(c["total_pence"] for c in on_disk.values())
        assert f"Total {format_money(both)}" in totals


async def test_drafting_again_leaves_claims_as_they_are_and_says_who_has_one(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    fee = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, fee)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_claims_tab(pilot)
        assert (await _draft(pilot)).splitlines()[0] == "Made 1 draft claim."
        await pilot.press("enter")
        first = claims_on_disk(db_path, open_meeting)
        said = await _draft(pilot)
        assert said.splitlines() == ["Made 0 draft claims.", "Left out 1 person:",
                                     f"• {fee['name']}: already has a claim"]
        assert claims_on_disk(db_path, open_meeting) == first


async def test_drafting_bad_preparation_hours_says_why_beside_the_box_and_writes_nothing(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    mark_present(store, open_meeting, paid_member(store, "fee_and_expenses"))
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_claims_tab(pilot)
        await pilot.press("ctrl+d")
        await pilot.pause()
        await type_text(pilot, "lots")
        await pilot.press("enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, FieldsDialog)
        assert shown(dialog.query_one("#error-hours")) == "lots is not a number. Use figures, for example 2.5."
        assert claims_on_disk(db_path, open_meeting) == {}


async def test_drafting_before_the_meeting_opens_is_refused_in_words(db_path, demo_store, app) -> None:
    store = demo_store
    meeting = todays_meeting(store)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_claims_tab(pilot)
        await pilot.press("ctrl+d", "enter")
        await pilot.pause()
        assert shown(pilot.app.screen.query_one("#error-form")) == (
            "This meeting has not started yet. Claims come from its register.")
        assert claims_on_disk(db_path, meeting) == {}


async def test_a_past_meeting_lists_every_claim_with_its_state_in_words_and_enter_opens_one(
        demo_store, app) -> None:
    store = demo_store
    meeting = store.one("SELECT meeting_id FROM claim_state GROUP BY meeting_id ORDER BY COUNT(*) DESC LIMIT 1")[0]
    expected = claims.meeting_claims(store, meeting)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_claims_tab(pilot, meeting)
        table = view.table
        assert table.total == len(expected)
        for i, claim in enumerate(expected):
            cells = row_cells(table, i)
            status = vocab.label(vocab.CLAIM_STATUSES, claim["status"])
            assert cells[0] == claim["member_name"]
            assert cells[1].endswith(status) and cells[1] != status  # a symbol beside the word
            assert cells[4] == format_money(claim["total_pence"])
        totals = claims.meeting_totals(store, meeting)
        assert f"Paid {format_money(totals['paid_pence'])}" in shown(view.query_one("#claims-totals"))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClaimScreen)
        assert pilot.app.screen.claim_id == expected[1]["claim_id"]
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is view.table


async def test_a_claim_with_a_correction_owed_says_so_in_the_list_and_the_totals(demo_store, app) -> None:
    store = demo_store
    owed = store.one("SELECT claim_id, meeting_id, correction_due_pence FROM claim_state "
                     "WHERE correction_due_pence != 0")
    expected = claims.meeting_claims(store, owed["meeting_id"])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_claims_tab(pilot, owed["meeting_id"])
        states = {claim["claim_id"]: row_cells(view.table, i)[1] for i, claim in enumerate(expected)}
        assert states[owed["claim_id"]] == "⚠ Correction owed"
        assert all(text != "⚠ Correction owed" for claim, text in states.items() if claim != owed["claim_id"])
        totals = claims.meeting_totals(store, owed["meeting_id"])
        assert totals["owed_pence"] == owed["correction_due_pence"]
        assert shown(view.query_one("#claims-totals")).endswith(
            f"Paid {format_money(totals['paid_pence'])} · Owed: {format_money(owed['correction_due_pence'])}")


async def test_the_warnings_column_counts_a_claims_warnings_with_a_symbol_and_a_word(
        demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    boss = staff(store, 0)
    claim = claims.create_claim(store, open_meeting, member["id"], boss["id"])
    # A taxi with no receipt, not agreed beforehand: two warnings.
    claims.add_expense(store, claim, boss["id"], {"category": "taxi", "amount": "14.00"})
    async with app.run_test(size=SIZE) as pilot:
        view = await open_claims_tab(pilot)
        assert row_cells(view.table, 0)[5] == "⚠ 2 warnings"


async def test_someone_left_out_for_taking_expenses_only_gets_a_claim_started_by_hand(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "expenses_only")
    mark_present(store, open_meeting, member)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        await open_claims_tab(pilot)
        said = await _draft(pilot)
        assert f"• {member['name']}: takes expenses only and has no costs yet" in said.splitlines()
        await pilot.press("enter", "ctrl+n")
        await pilot.pause()
        await type_text(pilot, member["name"])
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        on_disk = claims_on_disk(db_path, open_meeting)
        assert list(on_disk) == [member["name"]]
        claim = on_disk[member["name"]]
        assert (claim["status"], claim["total_pence"]) == ("draft", 0)
        # The new claim opens, ready for the member's costs.
        assert isinstance(pilot.app.screen, ClaimScreen)
        assert pilot.app.screen.claim_id == claim["claim_id"]
        assert "Claim started for " + member["name"] + "." in notifications(pilot.app)


async def test_drafting_makes_a_new_draft_after_a_withdrawal_and_names_whose_claim_was_rejected(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    withdrew = paid_member(store, "fee_and_expenses")
    rejected = dict(store.one(
        "SELECT * FROM members WHERE member_type NOT IN ('staff', 'guest') AND payment_preference = 'fee_and_expenses' "
        "AND active = 1 AND deleted_at IS NULL AND id != ? ORDER BY name LIMIT 1", (withdrew["id"],)))
    mark_present(store, open_meeting, withdrew, rejected)
    boss, other = staff(store, 0), staff(store, 1)
    old = {}
    for member in (withdrew, rejected):
        old[member["id"]] = claims.create_claim(store, open_meeting, member["id"], boss["id"])
        claims.add_fee(store, old[member["id"]], boss["id"], {"category": "half_day"})
    claims.withdraw(store, old[withdrew["id"]], withdrew["id"], "Wrong meeting.")
    claims.submit(store, old[rejected["id"]], boss["id"])
    claims.reject(store, old[rejected["id"]], other["id"], "Claimed on paper already.")
    be(store, boss)
    async with app.run_test(size=SIZE) as pilot:
        await open_claims_tab(pilot)
        said = await _draft(pilot)
        assert said.splitlines() == [
            "Made 1 draft claim.", "Left out 1 person:",
            f"• {rejected['name']}: their claim was rejected; start one by hand if they should still be paid"]
    rows = store.query("SELECT claim_id, member_id, status FROM claim_state WHERE meeting_id = ? ORDER BY status",
                       (open_meeting,))
    assert sorted((r["member_id"], r["status"]) for r in rows) == sorted([
        (withdrew["id"], "draft"), (withdrew["id"], "withdrawn"), (rejected["id"], "rejected")])
    assert {r["claim_id"] for r in rows if r["status"] == "draft"}.isdisjoint(old.values())
