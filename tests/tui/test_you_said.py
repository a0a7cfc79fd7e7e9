""""You said, we did" for a member: reached from the members list, in words to the member, item by item."""

from __future__ import annotations

from drive import SIZE, shown, todays_meeting, type_text
from textual.command import CommandPalette
from textual.widgets import OptionList

from store import agenda
from tui.format import long_date
from tui.screens.members import MembersScreen
from tui.screens.you_said import ItemBlock, YouSaidScreen


def _proposer_of(store, status: str) -> tuple[str, dict]:
    """The name of a member whose item has `status`, and that item with its meeting's date."""
    row = store.one(
        "SELECT p.name, i.id, i.title, i.decline_reason, i.deferred_to, m.date, m.title AS meeting FROM agenda_items i "
        "JOIN members p ON p.id = i.proposer_id JOIN meetings m ON m.id = i.meeting_id "
        "WHERE i.status = ? ORDER BY m.date, i.id LIMIT 1", (status,))
    assert row is not None, f"the demo has no {status} item"
    return row["name"], dict(row)


def _member_with_several_stories(store) -> tuple[str, str]:
    """The id and name of the member with the most actions among those with two items or more to follow."""
    from store.you_said_we_did import you_said_we_did

    best = None
    for member, name in store.query("SELECT DISTINCT p.id, p.name FROM agenda_items i "
                                    "JOIN members p ON p.id = i.proposer_id ORDER BY p.name"):
        entries = you_said_we_did(store, member)
        if len(entries) >= 2:
            score = sum(len(e["actions"]) for e in entries)
            if best is None or score > best[0]:
                best = (score, member, name)
    assert best is not None, "the demo has no member with two items"
    return best[1], best[2]


async def _open_for(pilot, name: str) -> YouSaidScreen:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MembersScreen)
    await type_text(pilot, name)
    await pilot.pause()
    await pilot.press("down", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, YouSaidScreen)
    return pilot.app.screen


def _block_text(block: ItemBlock) -> list[str]:
    return [shown(line) for line in block.children]


async def test_y_shows_a_declined_item_with_the_reason_given(demo_store, app) -> None:
    name, item = _proposer_of(demo_store, "declined")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, name)
        assert shown(screen.query_one(".banner")) == f"You said, we did: {name}"
        block = next(b for b in screen.query(ItemBlock) if b.entry["item_id"] == item["id"])
        lines = _block_text(block)
        assert lines[0] == item["title"]
        assert lines[1] == f"You put this forward for the {item['meeting']} on {long_date(item['date'])}."
        when = f"{item['meeting']}, {long_date(item['date'])}"
        assert f"{when}: Not taken this time. The reason: {item['decline_reason']}" in lines
        assert "Nothing, because the item was not taken." in lines


async def test_a_deferred_item_says_where_it_went_and_what_happened_there(demo_store, app) -> None:
    name, item = _proposer_of(demo_store, "deferred")
    target = demo_store.one("SELECT title, date FROM meetings WHERE id = ?", (item["deferred_to"],))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, name)
        block = next(b for b in screen.query(ItemBlock) if b.entry["item_id"] == item["id"])
        lines = _block_text(block)
        assert (f"{item['meeting']}, {long_date(item['date'])}: Moved to the {target['title']} on "
                f"{long_date(target['date'])}.") in lines
        # At the meeting it went to, it waits for a decision again.
        assert f"{target['title']}, {long_date(target['date'])}: Waiting for a decision." in lines
        assert "Nothing has been decided yet." in lines


async def test_items_come_newest_first_with_their_actions_and_state(demo_store, app) -> None:
    from store.you_said_we_did import you_said_we_did

    member, name = _member_with_several_stories(demo_store)
    entries = you_said_we_did(demo_store, member)
    assert len(entries) >= 2 and any(e["actions"] for e in entries)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, name)
        blocks = list(screen.query(ItemBlock))
        assert [b.entry["item_id"] for b in blocks] == [e["item_id"] for e in entries]
        dates = [max([b.entry["meeting_date"], *(s["meeting_date"] for s in b.entry["steps"])]) for b in blocks]
        assert dates == sorted(dates, reverse=True)
        with_actions = [b for b in blocks if b.entry["actions"]]
        assert with_actions
        for block in with_actions:
            lines = _block_text(block)
            for action in block.entry["actions"]:
                state = lines[lines.index("• " + action["description"]) + 1]
                assert state.startswith("Who: ")
                due = long_date(action["due_date"]) if action["due_date"] else None
                expected = {
                    "done": f"✓ Done: {action['status_note']}" if action["status_note"] else "✓ Done.",
                    "dropped": f"✗ Dropped. The reason: {action['status_note']}",
                    "open": f"⚠ Overdue: it was due on {due} and is not done yet." if action["overdue"]
                    else f"Open: due on {due}.",
                }[action["status"]]
                assert state.endswith(expected)
                # The member reads about themselves as "you".
                assert ("you" in state.split(". ")[0]) == any(o["id"] == member for o in action["owners"])


async def test_n_and_p_move_from_item_to_item(demo_store, app) -> None:
    _member, name = _member_with_several_stories(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, name)
        blocks = list(screen.query(ItemBlock))
        assert app.focused is blocks[0]
        await pilot.press("n")
        await pilot.pause()
        assert app.focused is blocks[1]
        await pilot.press("p")
        await pilot.pause()
        assert app.focused is blocks[0]


async def test_a_reason_with_brackets_is_shown_as_typed(demo_store, app) -> None:
    meeting = todays_meeting(demo_store)
    waiting = next(i for i in agenda.agenda(demo_store, meeting)["proposals"] if not i["carried_from"])
    agenda.decline(demo_store, waiting["id"], "Covered under [item 4] last time")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, waiting["proposer_name"])
        block = next(b for b in screen.query(ItemBlock) if b.entry["item_id"] == waiting["id"])
        assert any(line.endswith("The reason: Covered under [item 4] last time") for line in _block_text(block))


async def test_a_member_with_no_items_is_told_so(demo_store, app) -> None:
    name = demo_store.one(
        "SELECT name FROM members m WHERE active = 1 AND member_type != 'guest' AND NOT EXISTS "
        "(SELECT 1 FROM agenda_items i WHERE i.proposer_id = m.id) ORDER BY name LIMIT 1")[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_for(pilot, name)
        assert not screen.query(ItemBlock)
        assert shown(screen.query_one(".summary")) == "You have not put forward any items yet."


async def test_palette_on_the_members_list_opens_you_said_we_did_for_the_highlighted_member(demo_store, app) -> None:
    name, _item = _proposer_of(demo_store, "declined")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, name)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "you said")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        found = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any(text.startswith("You said, we did (y)") for text in found)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YouSaidScreen)
        assert shown(app.screen.query_one(".banner")) == f"You said, we did: {name}"
