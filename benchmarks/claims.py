"""Claims at volume: one meeting's claims list, and the finance export of every line against sqlite3 -csv.

The data is a 5,000-member demo network (made with `coprod demo`, which gives
it a rate card and its own claims) with 50,000 more claims of three lines each
added by the store's bulk helper through the change log. It is made once and
kept beside the demo databases.

(a) The store's queries behind a meeting's claims list (`meeting_claims` and
    `meeting_totals`), in process, timed on every meeting that has claims; the
    figure is the median over the meetings.
(b) Whole commands, alternating, on the same file:
        coprod export claims --format csv -o out.csv --db DB
        sqlite3 -csv -header DB "<store.claims.queries.export_query() with its parameters inlined>" > out2.csv
    and both files must hold the same number of rows.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from common import COPROD, env, median_ms, p90_ms
from export import _rows, _run, inline

CLAIMS = 50_000
LINES_PER_CLAIM = 3
DEMO_MEMBERS = 5000


def claims_db(data: Path, seed: int = 1) -> tuple[Path, dict]:
    """Return the benchmark's database (made the first time) and what it holds."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"claims-{CLAIMS}-seed{seed}.db"
    info_path = path.with_suffix(".json")
    if not (path.exists() and info_path.exists()):
        path.unlink(missing_ok=True)
        partial = path.with_name(path.name + ".part")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        print(f"  making {path.name} (a {DEMO_MEMBERS:,}-member demo and {CLAIMS:,} more claims) ...", flush=True)
        started = time.perf_counter()
        subprocess.run([str(COPROD), "demo", "--members", str(DEMO_MEMBERS), "--seed", str(seed), "--db", str(partial)],
                       check=True, env=env(), stdout=subprocess.DEVNULL)
        demo_seconds = time.perf_counter() - started
        bulk = _bulk(partial, seed)
        with sqlite3.connect(partial) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("members", "meetings", "claims", "claim_events", "changes")}
            counts["claim_lines"] = conn.execute("SELECT COUNT(*) FROM claim_lines WHERE removed = 0").fetchone()[0]
        conn.close()
        partial.rename(path)
        info = {"seconds": round(time.perf_counter() - started, 1), "demo_seconds": round(demo_seconds, 1),
                "bulk_seconds": bulk["seconds"], "made": time.strftime("%Y-%m-%d"),
                "size_mb": path.stat().st_size // 2**20, **counts}
        info_path.write_text(json.dumps(info, indent=1))
    return path, json.loads(info_path.read_text())


def _bulk(path: Path, seed: int) -> dict:
    from store.db import open_store
    from store.demo_claims import bulk_claims

    store = open_store(path)
    try:
        started = time.perf_counter()
        made = bulk_claims(store, CLAIMS, LINES_PER_CLAIM, seed=seed)
        made["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        store.close()
    return made


def meeting_list(db: Path, rounds: int = 3) -> dict:
    """Time a meeting's claims list with its totals, in process, for every meeting with claims."""
    from store.claims.queries import meeting_claims, meeting_totals
    from store.db import open_store

    store = open_store(db)
    try:
        meetings = [r[0] for r in store.query(
            "SELECT meeting_id FROM claim_state GROUP BY meeting_id ORDER BY meeting_id")]
        sizes = [len(meeting_claims(store, m)) for m in meetings]  # and warms the cache
        per_meeting: list[float] = []
        for meeting in meetings:
            samples = []
            for _round in range(rounds):
                started = time.perf_counter()
                meeting_claims(store, meeting)
                meeting_totals(store, meeting)
                samples.append(time.perf_counter() - started)
            per_meeting.append(min(samples))
    finally:
        store.close()
    return {"median_ms": median_ms(per_meeting), "p90_ms": p90_ms(per_meeting), "max_ms": max(per_meeting) * 1000,
            "meetings": len(meetings), "median_claims": sorted(sizes)[len(sizes) // 2], "most_claims": max(sizes)}


def export_csv(db: Path, runs: int = 15, warmups: int = 2) -> dict:
    """Time `coprod export claims --format csv` of every line against sqlite3 -csv on the same query."""
    from store.claims.queries import export_query
    from store.db import open_store
    from store.export.claims import write_csv

    sql, params = export_query()
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "out.csv", Path(folder) / "out2.csv"
        coprod = [str(COPROD), "export", "claims", "--format", "csv", "-o", str(ours), "--db", str(db)]
        sqlite = ["sqlite3", "-csv", "-header", str(db), inline(sql, params)]
        times: dict[str, list[float]] = {"coprod": [], "sqlite3": []}
        for i in range(warmups + runs):
            coprod_s, sqlite_s = _run(coprod), _run(sqlite, theirs)
            if i >= warmups:
                times["coprod"].append(coprod_s)
                times["sqlite3"].append(sqlite_s)
        rows, rows_sqlite = _rows(ours), _rows(theirs)

        store = open_store(db)
        in_process = []
        for _ in range(5):
            started = time.perf_counter()
            write_csv(store, Path(folder) / "in-process.csv")
            in_process.append(time.perf_counter() - started)
        store.close()
    coprod_ms, sqlite_ms = median_ms(times["coprod"]), median_ms(times["sqlite3"])
    return {"coprod_ms": coprod_ms, "sqlite3_ms": sqlite_ms, "ratio": coprod_ms / sqlite_ms, "rows": rows,
            "rows_sqlite3": rows_sqlite, "in_process_ms": median_ms(in_process), "runs": runs}
