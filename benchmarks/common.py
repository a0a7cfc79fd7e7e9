"""What every benchmark shares: demo databases made once, timings and medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPROD = BIN / "coprod"
TODAY = "2026-11-22"


def demo_db(data: Path, members: int, seed: int = 1) -> Path:
    """Return a demo database of `members`, making it the first time (kept between runs)."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"demo-{members}-{seed}.db"
    if not path.exists():
        started = time.perf_counter()
        subprocess.run([str(COPROD), "demo", "--members", str(members), "--seed", str(seed), "--db", str(path)],
                       check=True, env=env(), stdout=subprocess.DEVNULL)
        print(f"  made {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def env(**extra: str) -> dict[str, str]:
    """The environment for coprod processes: a fixed day so 'today's meeting' exists."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    out.update(COPROD_TODAY=TODAY, LANG="C.UTF-8", **extra)
    return out


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p90_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))] * 1000
