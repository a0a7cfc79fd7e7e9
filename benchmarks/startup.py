"""Start to first frame: coprod on a 5,000-member network against a bare Textual app.

Both run as whole processes in a real pseudo-terminal (120x40), alternating,
and exit right after their first frame.
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


def run_in_pty(command: list[str], environment: dict[str, str]) -> float:
    """Return the seconds from spawning `command` in a pty to its exit."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=environment, close_fds=True)
    code = proc.wait(timeout=60)
    elapsed = time.perf_counter() - started
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    if code != 0:
        raise SystemExit(f"{command[0]} exited {code}")
    return elapsed


def measure(db: Path, runs: int) -> dict[str, float]:
    base_env = env(TERM="xterm-256color", COPROD_EXIT_AFTER_FIRST_FRAME="1", COPROD_DB=str(db))
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")]
    app = [str(COPROD)]
    for _ in range(2):  # warm the file cache for both
        run_in_pty(bare, base_env)
        run_in_pty(app, base_env)
    bare_times, app_times = [], []
    for _ in range(runs):
        bare_times.append(run_in_pty(bare, base_env))
        app_times.append(run_in_pty(app, base_env))
    bare_ms, app_ms = median_ms(bare_times), median_ms(app_times)
    return {"bare_ms": bare_ms, "coprod_ms": app_ms, "ratio": app_ms / bare_ms}
