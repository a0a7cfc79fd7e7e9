"""What every benchmark shares: demo databases made once and kept, the environment, medians."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPROD = Path(sys.executable).parent / "coprod"
# The demo's dates follow "today"; a fixed day keeps a cached database's meeting "today's".
TODAY = "2026-11-22"


def env(**extra: str) -> dict[str, str]:
    """The environment for every process a benchmark starts (and for in-process runs)."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_")}
    out.update(COPROD_TODAY=TODAY, LANG="C.UTF-8", **extra)
    return out


def demo_db(data: Path, members: int, seed: int = 1) -> tuple[Path, dict]:
    """Return a demo database of `members` and what making it took, making it only the first time."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"demo-{members}-seed{seed}.db"
    info_path = path.with_suffix(".json")
    if not (path.exists() and info_path.exists()):
        path.unlink(missing_ok=True)
        print(f"  making {path.name} (coprod demo --members {members}) ...", flush=True)
        started = time.perf_counter()
        subprocess.run([str(COPROD), "demo", "--members", str(members), "--seed", str(seed), "--db", str(path)],
                       check=True, env=env(), stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        with sqlite3.connect(path) as conn:
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("members", "organisations", "meetings", "attendance")}
        info = {"seconds": round(seconds, 1), "made": time.strftime("%Y-%m-%d"), "size_mb": path.stat().st_size // 2**20,
                **counts}
        info_path.write_text(json.dumps(info, indent=1))
    return path, json.loads(info_path.read_text())


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p90_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10, method="inclusive")[-1] * 1000


def machine() -> str:
    """One line about this machine: cores, CPU, memory, Python, SQLite (no paths)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    cli = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[:1] or ["?"]
    return (f"{os.cpu_count()} cores ({cpu}), {mem_kb / 2**20:.1f} GiB; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version} (sqlite3 command {cli[0]}), Textual {version('textual')}; "
            f"{time.strftime('%Y-%m-%d')}")
