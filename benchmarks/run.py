"""Run the benchmarks for the performance targets and print figures, targets and PASS/FAIL.

    .venv/bin/python benchmarks/run.py [--quick] [--only startup|filter|mark|export] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("COPROD_TODAY", "2026-11-22")

import common  # noqa: E402


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem = "unknown memory"
    return (f"{os.cpu_count()} cores, {cpu}, {mem}; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; {dt.date.today().isoformat()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", choices=("startup", "filter", "mark", "export"))
    parser.add_argument("--data", type=Path, default=common.ROOT / "bench-data")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    print(machine(), flush=True)
    small = common.demo_db(args.data, 5000)
    results: list[tuple[str, str, str, bool]] = []

    if args.only in (None, "startup"):
        import startup

        r = startup.measure(small, runs)
        results.append(("Start to first frame, 5,000 members",
                        f"coprod {r['coprod_ms']:.0f} ms, bare app {r['bare_ms']:.0f} ms, ratio {r['ratio']:.2f}x",
                        "<= 1.3x bare app", r["ratio"] <= 1.3))
    if args.only in (None, "filter"):
        import register

        for size, limit in ((5000, 30), (50000, 60)):
            db = small if size == 5000 else common.demo_db(args.data, 50000)
            r = register.filter_keystroke(db)
            results.append((f"Filter keystroke, {size:,} members",
                            f"median {r['median_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms ({r['keystrokes']} keys; "
                            f"Pilot round trip {r['pilot_ms']:.0f} ms, empty app {r['pilot_empty_ms']:.0f} ms)",
                            f"<= {limit} ms", r["median_ms"] <= limit))
    if args.only in (None, "mark"):
        import register

        r = register.mark_present(small, 30 if args.quick else 100)
        results.append(("Mark present, key to committed row and redraw",
                        f"median {r['median_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms "
                        f"({r['confirmed']}/{r['marks']} rows confirmed on disk; Pilot round trip "
                        f"{r['pilot_ms']:.0f} ms, empty app {r['pilot_empty_ms']:.0f} ms)",
                        "median <= 15 ms", r["median_ms"] <= 15 and r["confirmed"] == r["marks"]))
    if args.only in (None, "export"):
        import export

        r = export.measure(small, runs)
        results.append(("Export all attendance to CSV",
                        f"coprod {r['coprod_ms']:.0f} ms, sqlite3 -csv {r['sqlite3_ms']:.0f} ms, ratio {r['ratio']:.2f}x "
                        f"({r['rows']:,} rows; in-process {r['in_process_ms']:.0f} ms)",
                        "<= 2x sqlite3", r["ratio"] <= 2 and r["rows"] == r["rows_sqlite3"]))

    print()
    print("| Measure | Figure | Target | Result |")
    print("| --- | --- | --- | --- |")
    for name, figure, target, ok in results:
        print(f"| {name} | {figure} | {target} | {'PASS' if ok else 'FAIL'} |")
    return 0 if all(ok for *_rest, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
