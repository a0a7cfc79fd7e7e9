"""How the actions screens look, compared with the accepted SVGs in __snapshots__/.

Pinned to 120×36 on the seed-1 demo network, with today, now and the language
fixed (tests/conftest.py), no blinking cursors and no notifications. After an
intended change, look at the new pictures and accept them with
`pytest tests/tui/test_actions_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from drive import SIZE, still, type_text

from tui.app import CoprodApp


def _steps(*keys: str, tab: bool = False, typed: tuple[str, ...] = ()):
    """A run_before that presses `keys` (then opens the Actions tab, then types), and holds the screen still."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        if tab:
            await pilot.click("#--content-tab-tab-actions")
            await pilot.pause()
        for text in typed:
            if text.startswith("key:"):
                await pilot.press(*text.removeprefix("key:").split(","))
            else:
                await type_text(pilot, text)
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        still(pilot.app)

    return run_before


def test_actions_tab_look_with_matters_arising_and_an_overdue_action(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=_steps("t", tab=True))


def test_network_open_actions_look(snap_compare, demo_store) -> None:
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=_steps("a", "down"))


def test_action_form_look_with_two_owners_and_a_past_due_date(snap_compare, demo_store) -> None:
    typed = ("key:ctrl+n", "Book a hearing loop for the spring meeting", "key:tab", "priya", "key:enter",
             "carys jen", "key:enter", "key:tab,tab", "01/11/2026")
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=_steps("t", tab=True, typed=typed))


def test_you_said_we_did_look_for_a_deferred_item(snap_compare, demo_store) -> None:
    name = demo_store.one("SELECT p.name FROM agenda_items i JOIN members p ON p.id = i.proposer_id "
                          "WHERE i.status = 'deferred' ORDER BY i.id LIMIT 1")[0]
    typed = (name, "key:down,y")
    assert snap_compare(CoprodApp(demo_store), terminal_size=SIZE, run_before=_steps("m", typed=typed))
