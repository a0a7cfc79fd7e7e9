"""Exporting all attendance to CSV: the coprod command against sqlite3 -csv running the same query.

Whole commands, alternating, the same database file:
    coprod export attendance --from 2000-01-01 --to 2100-12-31 --format csv -o out.csv --db DB
    sqlite3 -csv -header DB "<the export's SQL with its parameters inlined>" > out2.csv
The in-process time of the export function alone is reported for context.
"""

from __future__ import annotations

import csv
import subprocess
import tempfile
import time
from pathlib import Path

from common import COPROD, env, median_ms

SINCE, UNTIL = "2000-01-01", "2100-12-31"


def inline(sql: str, params: list[str]) -> str:
    """Put the parameters into the SQL as quoted literals, for the sqlite3 command line."""
    for value in params:
        sql = sql.replace("?", "'" + str(value).replace("'", "''") + "'", 1)
    return sql


def _run(command: list[str], output: Path | None = None) -> float:
    started = time.perf_counter()
    if output is None:
        subprocess.run(command, check=True, env=env(), stdout=subprocess.DEVNULL)
    else:
        with output.open("w") as out:
            subprocess.run(command, check=True, env=env(), stdout=out)
    return time.perf_counter() - started


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1  # less the header


def measure(db: Path, runs: int = 15, warmups: int = 2) -> dict[str, float]:
    from store.db import open_store
    from store.export.attendance import attendance_query, write_csv

    sql, params = attendance_query(since=SINCE, until=UNTIL)
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "out.csv", Path(folder) / "out2.csv"
        coprod = [str(COPROD), "export", "attendance", "--from", SINCE, "--to", UNTIL, "--format", "csv",
                  "-o", str(ours), "--db", str(db)]
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
            write_csv(store, Path(folder) / "in-process.csv", since=SINCE, until=UNTIL)
            in_process.append(time.perf_counter() - started)
        store.close()
    coprod_ms, sqlite_ms = median_ms(times["coprod"]), median_ms(times["sqlite3"])
    return {"coprod_ms": coprod_ms, "sqlite3_ms": sqlite_ms, "ratio": coprod_ms / sqlite_ms, "rows": rows,
            "rows_sqlite3": rows_sqlite, "in_process_ms": median_ms(in_process), "runs": runs}
