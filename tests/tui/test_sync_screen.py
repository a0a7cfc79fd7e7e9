"""The Sync screen: send and receive changes through a real folder store, with a second real laptop.

Another laptop (the seed-1 demo network in its own database file) has pushed
its changes to the shared folder first; the app then syncs its own database
with that folder from the screen, as a person would, by keyboard.
"""

from __future__ import annotations

import sqlite3

from drive import SIZE, count_rows, fill, notifications, shown, type_text
from drive_sync import finish, open_sync, other, shared
from textual.command import CommandPalette
from textual.widgets import Button, Input, OptionList, ProgressBar

from store import members
from store.claims import workflow
from store.sync.engine import sync
from store.sync.remote import open_remote
from tui.app import CoprodApp
from tui.screens.home import HomeScreen
from tui.screens.members import MembersScreen
from tui.screens.sync import SyncScreen

__all__ = ["other", "shared"]  # fixtures


def _text(app, selector: str) -> str:
    return shown(app.screen.query_one(selector))


async def test_sync_sends_and_receives_and_says_how_many(db_path, store, other, shared) -> None:
    members.add_member(store, {"name": "Siân Jones"})  # this laptop has a change of its own to send
    mine = count_rows(db_path, "SELECT COUNT(*) FROM changes")
    assert mine > 0
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_text(pilot, str(shared))
        await pilot.press("enter")
        await finish(pilot)

        theirs = count_rows(db_path, "SELECT COUNT(*) FROM changes WHERE device_id != ?", (store.device_id,))
        assert theirs == other.one("SELECT COUNT(*) FROM changes")[0]
        assert _text(app, "#sync-state") == "✓ Sync finished."
        assert _text(app, "#sync-summary") == f"Sent {mine:,} changes.\nReceived {theirs:,} changes."
        assert _text(app, "#sync-error") == _text(app, "#sync-problems") == ""
        # What this laptop sent is now in the store for the other laptop.
        remote = open_remote(str(shared))
        try:
            assert remote.pushed(store.device_id) == mine
        finally:
            remote.close()


async def test_progress_bar_reaches_the_number_of_changes_moved(db_path, store, other, shared) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        bar = app.screen.query_one("#sync-progress", ProgressBar)
        assert not bar.display  # nothing to show before a sync starts
        await type_text(pilot, str(shared))
        await pilot.press("enter")
        await finish(pilot)

        moved = count_rows(db_path, "SELECT COUNT(*) FROM changes")
        assert bar.display
        assert bar.total == bar.progress == moved
        assert _text(app, "#sync-summary").endswith(f"Received {moved:,} changes.")


async def test_home_shows_the_synced_meetings_and_members_after_sync(db_path, store, other, shared) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        assert _text(app, "#today") == "Today is Sunday 22 November 2026. No meeting today."
        await open_sync(pilot)
        await type_text(pilot, str(shared))
        await pilot.press("enter")
        await finish(pilot)
        await pilot.press("escape")
        await pilot.pause()

        assert isinstance(app.screen, HomeScreen)
        assert _text(app, "#today") == "Today, Sunday 22 November 2026: Network meeting. Press Enter to open it."
        listing = app.screen.query_one("#meetings", OptionList)
        shown_ids = {listing.get_option_at_index(i).id for i in range(listing.option_count)}
        synced = {row[0] for row in other.query("SELECT id FROM meetings WHERE deleted_at IS NULL")}
        assert synced and synced <= shown_ids
        active = members.count_active(other.conn)
        assert _text(app, "#members-summary").startswith(f"{active} active members · ")


async def test_the_store_used_is_offered_next_time(db_path, store, other, shared) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        assert app.screen.query_one("#sync-location", Input).value == ""
        assert _text(app, "#sync-hint").startswith("This database has not synced yet.")
        await type_text(pilot, str(shared))
        await pilot.press("enter")
        await finish(pilot)
        await pilot.press("escape")
        await pilot.pause()

        await open_sync(pilot)
        assert app.screen.query_one("#sync-location", Input).value == str(shared)
        assert _text(app, "#sync-hint") == "This is the store this database used last. Press Enter to sync with it."
        # Enter alone syncs again with it; nothing new moves.
        await pilot.press("enter")
        await finish(pilot)
        assert _text(app, "#sync-summary") == "Sent 0 changes.\nReceived 0 changes."


async def test_a_missing_folder_is_said_in_plain_words_and_nothing_is_written(db_path, store, tmp_path) -> None:
    members.add_member(store, {"name": "Siân Jones"})
    before = count_rows(db_path, "SELECT COUNT(*) FROM changes")
    missing = tmp_path / "not-plugged-in"
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_text(pilot, str(missing))
        await pilot.press("enter")
        await finish(pilot)

        assert isinstance(app.screen, SyncScreen)
        assert _text(app, "#sync-state") == "✗ Sync did not finish."
        assert _text(app, "#sync-error") == (
            f"There is no coprod store at {missing}. If it is on a shared or USB drive, check that it is connected. "
            f"To start a new store there: coprod store init {missing}")
        assert _text(app, "#sync-summary") == ""
        # The person can put it right and try again straight away.
        assert not app.screen.query_one("#sync-now", Button).disabled
        assert app.focused is app.screen.query_one("#sync-location", Input)
    assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == before
    assert count_rows(db_path, "SELECT COUNT(*) FROM sync_stores") == 0
    assert not missing.exists()


async def test_an_address_with_a_password_is_refused_beside_the_field(db_path, store) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_text(pilot, "postgresql://coprod:secret@localhost/coprod")
        await pilot.press("enter")
        await finish(pilot)

        assert _text(app, "#sync-error").startswith("Take the password out of the address")
        assert "secret" not in _text(app, "#sync-error")
    assert count_rows(db_path, "SELECT COUNT(*) FROM sync_stores") == 0


async def test_escape_during_a_sync_stays_and_says_it_is_still_running(db_path, store, other, shared) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await fill(pilot, "#sync-location", str(shared))
        # Another program holds the database for a moment, so the sync has to wait for it.
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#sync-now", Button).disabled
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SyncScreen)
            assert "Sync is still running. Wait for it to finish." in notifications(app)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await finish(pilot)
        assert _text(app, "#sync-state") == "✓ Sync finished."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_claim_changed_on_both_laptops_is_counted_and_where_to_look_is_said(db_path, store, other,
                                                                                    shared) -> None:
    remote = open_remote(str(shared))
    try:
        sync(store, remote)
        claim, member, submitter = other.one(
            "SELECT c.id, c.member_id, s.submitted_by FROM claims c JOIN claim_state s ON s.claim_id = c.id "
            "WHERE s.status = 'submitted' ORDER BY c.id LIMIT 1")
        staff = other.one("SELECT id FROM members WHERE member_type = 'staff' AND id NOT IN (?, ?) ORDER BY id",
                          (member, submitter))[0]
        workflow.approve(other, claim, staff)
        workflow.reject(store, claim, staff, "No receipt for the taxi")
        sync(other, remote)
    finally:
        remote.close()
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await pilot.press("enter")  # the store used before is already in the box
        await finish(pilot)

        assert count_rows(db_path, "SELECT COUNT(*) FROM claim_state WHERE conflict") == 1
        assert _text(app, "#sync-summary").splitlines() == [
            "Sent 1 change.", "Received 1 change.",
            "1 claim needs checking: two devices changed it at once. Open the claims that need checking from the "
            "home screen (key x).",
        ]


async def test_palette_sync_opens_the_screen_above_home(store) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "sync")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, SyncScreen)
        # Leaving it lands on the home screen, which reads everything again.
        assert [type(s) for s in app.screen_stack] == [HomeScreen, SyncScreen]


async def test_home_names_the_sync_key(store) -> None:
    app = CoprodApp(store)
    async with app.run_test(size=SIZE):
        keys = {(b.key, b.description, b.id) for b in HomeScreen.BINDINGS}
        assert ("s", "Sync", "home.sync") in keys
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Sync" in titles


async def test_a_damaged_file_and_a_sync_programs_copy_are_listed_and_nothing_of_them_applied(
        db_path, store, other, shared) -> None:
    folder = shared / "devices" / other.device_id
    (batch,) = sorted(folder.glob("*.batch"))
    copy = folder / f"{batch.stem} (Laptop's conflicted copy).batch"
    copy.write_bytes(batch.read_bytes())
    batch.write_bytes(batch.read_bytes()[: batch.stat().st_size // 2])  # as if half-copied
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_sync(pilot)
        await type_text(pilot, str(shared))
        await pilot.press("enter")
        await finish(pilot)

        assert _text(app, "#sync-state") == "⚠ Sync finished, but some changes were set aside. See below."
        assert _text(app, "#sync-summary") == "Sent 0 changes.\nReceived 0 changes."
        problems = _text(app, "#sync-problems").splitlines()
        assert problems[0] == "Set aside, not brought in:"
        assert len(problems) == 2 and problems[1].startswith("• ") and batch.name in problems[1]
        assert _text(app, "#sync-notes").splitlines() == [
            "Worth knowing:",
            "• Left alone a file that is not one of coprod's own (a sync program may have made a copy): "
            f"{other.device_id}/{copy.name}",
        ]
    assert count_rows(db_path, "SELECT COUNT(*) FROM changes") == 0
