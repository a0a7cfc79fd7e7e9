"""Start to first frame: coprod on a 5,000-member network against a bare Textual app.

Both run as whole processes in a real pseudo-terminal of 120x40 (so they really
draw), alternating, in the same environment, and exit right after their first
frame: coprod because COPROD_EXIT_AFTER_FIRST_FRAME is set, the bare app
because it calls `self.call_after_refresh(self.exit)` in on_ready.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from common import COPROD, ROOT, env, median_ms


def run_in_pty(command: list[str], environment: dict[str, str]) -> tuple[float, int]:
    """Return the wall-clock seconds from spawning `command` in a pty to its exit, and the bytes it drew."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drawn = 0

    def drain() -> None:  # a terminal that reads everything, as a real one would
        nonlocal drawn
        try:
            while chunk := os.read(master, 65536):
                drawn += len(chunk)
        except OSError:  # the child has gone and the slave side is closed
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True)
    code = proc.wait(timeout=60)
    elapsed = time.perf_counter() - started
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    if code != 0:
        raise SystemExit(f"{Path(command[-1]).name} exited with {code}")
    return elapsed, drawn


def measure(db: Path, runs: int = 15, warmups: int = 2) -> dict[str, float]:
    environment = env(TERM="xterm-256color", COLUMNS="120", LINES="40",
                      COPROD_EXIT_AFTER_FIRST_FRAME="1", COPROD_DB=str(db))
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")]
    app = [str(COPROD)]
    times: dict[str, list[float]] = {"bare": [], "coprod": []}
    drawn = {"bare": 0, "coprod": 0}
    for i in range(warmups + runs):
        for name, command in (("bare", bare), ("coprod", app)):
            seconds, drawn[name] = run_in_pty(command, environment)
            if i >= warmups:
                times[name].append(seconds)
    bare_ms, app_ms = median_ms(times["bare"]), median_ms(times["coprod"])
    return {"bare_ms": bare_ms, "coprod_ms": app_ms, "ratio": app_ms / bare_ms, "runs": runs,
            "bare_bytes": drawn["bare"], "coprod_bytes": drawn["coprod"]}
