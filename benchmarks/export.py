"""Exporting all attendance to CSV: the coprod command against sqlite3 -csv on the same query."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from common import COPROD, env, median_ms


def _inline(sql: str, params: list[str]) -> str:
    for value in params:
        sql = sql.replace("?", "'" + value.replace("'", "''") + "'", 1)
    return sql


def _time(command: list[str], stdout=None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=stdout or subprocess.DEVNULL, env=env())
    return time.perf_counter() - started


def measure(db: Path, runs: int) -> dict[str, float]:
    from store.db import open_store
    from store.export.attendance import attendance_query, write_csv

    sql, params = attendance_query()
    query = _inline(sql, params)
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "coprod.csv", Path(folder) / "sqlite3.csv"
        app_cmd = [str(COPROD), "--db", str(db), "export", "attendance", "--format", "csv", "-o", str(ours)]
        cli_cmd = ["sqlite3", "-csv", "-header", str(db), query]
        app_times, cli_times = [], []
        for _ in range(2):
            _time(app_cmd)
            with theirs.open("w") as out:
                _time(cli_cmd, out)
        for _ in range(runs):
            app_times.append(_time(app_cmd))
            with theirs.open("w") as out:
                cli_times.append(_time(cli_cmd, out))
        rows_ours = sum(1 for _ in ours.open(encoding="utf-8")) - 1
        rows_theirs = sum(1 for _ in theirs.open(encoding="utf-8")) - 1
        store = open_store(db)
        started = time.perf_counter()
        write_csv(store, Path(folder) / "inproc.csv")
        in_process = time.perf_counter() - started
        store.close()
    app_ms, cli_ms = median_ms(app_times), median_ms(cli_times)
    return {"coprod_ms": app_ms, "sqlite3_ms": cli_ms, "ratio": app_ms / cli_ms, "rows": rows_ours,
            "rows_sqlite3": rows_theirs, "in_process_ms": in_process * 1000}
