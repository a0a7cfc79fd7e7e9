"""Make the README's picture of the register with the app itself: `python -m tui.screenshot FILE.svg`."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


async def _shoot(target: Path) -> None:
    from store import attendance, meetings
    from store.db import open_store
    from store.demo import create_demo
    from tui.app import CoprodApp
    from tui.screens.meeting import MeetingScreen

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "demo.db")
        create_demo(store, seed=1, members=60)
        meeting = meetings.upcoming(store)[0]["id"]
        meetings.set_status(store, meeting, "open")
        rows = attendance.register_rows(store, meeting, limit=12)
        for row, status in zip(rows, ("present", "present", "apologies", "present", "absent", "present")):
            attendance.mark(store, meeting, row["member_id"], status)
        attendance.mark_arrived(store, meeting, rows[3]["member_id"], "10:55")
        attendance.set_details(store, meeting, rows[1]["member_id"], remote=True)
        app = CoprodApp(store)
        async with app.run_test(size=(120, 34)) as pilot:
            app.push_screen(MeetingScreen(meeting))
            await pilot.pause()
            await pilot.press("down", "down", "down", "down", "down", "down", "down", "down")
            await pilot.pause()
            app.save_screenshot(filename=target.name, path=str(target.parent))
        store.close()


def main() -> int:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/register.svg").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("COPROD_TODAY", "2026-11-22")
    asyncio.run(_shoot(target))
    print(target.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
