"""A folder store whose sync program holds a file back: it is sent again, and every laptop still converges.

A shared drive or a synced folder (OneDrive and the like) can be slow to bring
a file, or lose one. The device whose file is missing sends those changes again
at its next sync. The file sent again must need only what its changes were made
on top of: were it to need what the device had applied by the time it sent it
again, it could need changes that were made on top of it, and a new laptop
could then apply neither.
"""

from __future__ import annotations

from pathlib import Path

from store import members
from store.db import open_store
from store.sync.engine import needs, sync
from store.sync.remote import open_remote

from sync_world import Devices, dump, location


def hold_back(where: str, device_id: str, parked: Path) -> list[Path]:
    """Move a device's batch files out of the store, as a sync program that has not copied them yet."""
    parked.mkdir(exist_ok=True)
    moved = []
    for batch in sorted((Path(where) / "devices" / device_id).glob("*.batch")):
        moved.append(batch.rename(parked / batch.name))
    return moved


def test_a_file_sent_again_needs_only_what_its_changes_were_made_on_top_of(tmp_path: Path) -> None:
    where = location("folder", tmp_path, None)
    laptops = Devices(tmp_path, where)
    try:
        office, home, new = laptops["office"], laptops["home"], laptops["new"]
        members.add_member(office, {"name": "Sian Jones"})
        laptops.sync("office")
        laptops.sync("home")
        members.add_member(home, {"name": "Dafydd Evans"})  # made on top of the office's changes
        laptops.sync("home")
        laptops.sync("office")  # the office now has the home laptop's changes too
        held = hold_back(where, office.device_id, tmp_path / "parked")

        again = laptops.sync("office")  # its own file is missing: it sends its changes again
        for batch in held:  # the sync program catches up; the office's copy is already there
            batch.unlink()

        assert again.sent == office.one("SELECT seq FROM device")[0]
        first = laptops.sync("new")
        assert (first.waiting, laptops.sync("new").received) == (0, 0)
        assert first.received == office.one("SELECT COUNT(*) FROM changes")[0]
        assert dump(new) == dump(office) == dump(home)
    finally:
        laptops.close()


def test_a_batch_needs_what_was_applied_before_its_last_change_was_made(tmp_path: Path) -> None:
    where = location("folder", tmp_path, None)
    laptops = Devices(tmp_path, where)
    try:
        office, home = laptops["office"], laptops["home"]
        members.add_member(office, {"name": "Sian Jones"})
        before = office.one("SELECT seq FROM device")[0]
        members.add_member(home, {"name": "Dafydd Evans"})
        laptops.sync("home")
        laptops.sync("office")
        members.add_member(office, {"name": "Aisha Begum"})
        after = office.one("SELECT seq FROM device")[0]
        home_seq = home.one("SELECT seq FROM device")[0]
        laptops.sync("office")

        assert needs(office, before) == {}
        assert needs(office, before + 1) == {home.device_id: home_seq}
        assert needs(office, after) == {home.device_id: home_seq}
        # What the batch files say.
        remote = open_remote(where)
        batches = list(remote.fetch(office.device_id, 0))
        assert [(b.first, b.last, b.needs) for b in batches] == [(1, before, {}),
                                                                 (before + 1, after, {home.device_id: home_seq})]
    finally:
        laptops.close()


def test_changes_made_before_this_was_kept_need_all_that_had_been_applied(tmp_path: Path) -> None:
    """An older database knows no more than what it had applied when it was upgraded: its old changes need that."""
    laptop = open_store(tmp_path / "old.db")
    with laptop.transaction() as conn:
        conn.execute("DROP TABLE sync_heard")
        conn.execute("INSERT INTO sync_applied (device_id, seq) VALUES ('0190aaaa-0000-7000-8000-000000000001', 12)")
        conn.execute("PRAGMA user_version = 6")
    laptop.close()

    upgraded = open_store(tmp_path / "old.db")
    try:
        assert needs(upgraded, 1) == {"0190aaaa-0000-7000-8000-000000000001": 12}
    finally:
        upgraded.close()
