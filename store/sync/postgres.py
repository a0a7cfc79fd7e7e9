"""The PostgreSQL store, for organisations with a database server.

The same log as the folder store, in tables of the `coprod` schema: every
change as a row with a unique (device, sequence) key, and a row per pushed
batch naming what it was written on top of. A push is one transaction that
inserts with ON CONFLICT DO NOTHING, so a push repeated after a crash adds
nothing. A pull asks for each device's changes after the last one applied
here, by sequence number, never by time or by a global cursor, so a
transaction that commits late is never skipped: its changes are simply the
next ones for that device.

The password never appears in the address: libpq reads PGPASSWORD or .pgpass.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from store.i18n import _
from store.changes import Change
from store.sync.batch import Batch, BatchError, check_changes
from store.sync.remote import DeviceStatus, Heads, StoreError

FORMAT = 1
_SCHEMA = """
CREATE SCHEMA IF NOT EXISTS coprod;
CREATE TABLE coprod.store_info (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE coprod.changes (
    device_id text NOT NULL,
    seq bigint NOT NULL,
    hlc bigint NOT NULL,
    tbl text NOT NULL,
    row_id text NOT NULL,
    grp text NOT NULL,
    data text NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE TABLE coprod.batches (
    device_id text NOT NULL,
    first_seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    needs jsonb NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, first_seq)
);
CREATE TABLE coprod.devices (
    device_id text PRIMARY KEY,
    last_sync timestamptz,
    applied jsonb NOT NULL DEFAULT '{}'
)
"""


class PostgresStore:
    """A store in a PostgreSQL database; see the module docstring."""

    kind = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg.conninfo

        try:
            params = psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError:
            raise StoreError(_("{url} is not a PostgreSQL address coprod can read. It looks like "
                               "postgresql://user@server/database").format(url=url)) from None
        if params.get("password"):
            raise StoreError(_("Take the password out of the address: coprod reads it from PGPASSWORD or your "
                               ".pgpass file, so it is never saved."))
        self.location = url
        self._where = f"{params.get('host', 'localhost')}:{params.get('port', 5432)}/{params.get('dbname', '')}"
        self._conn: Any = None

    # -- connecting -----------------------------------------------------

    def _connect(self) -> Any:
        if self._conn is not None:
            return self._conn
        import psycopg

        try:
            self._conn = psycopg.connect(self.location, connect_timeout=10, application_name="coprod")
        except psycopg.OperationalError as exc:
            raise self._error(exc) from None
        return self._conn

    def _error(self, exc: Exception) -> StoreError:
        text = str(exc).lower()
        if "password" in text or "authentication" in text:
            return StoreError(_("The database server at {where} refused the user name or password. Check them: "
                                "the password goes in PGPASSWORD or your .pgpass file.").format(where=self._where))
        if "does not exist" in text and "database" in text:
            return StoreError(_("There is no database {where}. Check the address.").format(where=self._where))
        return StoreError(_("Can't reach the database server at {where}. Check the address, that the server is "
                            "running and that this computer is online.").format(where=self._where))

    def _run(self, sql: str, params: Any = None, *, fetch: bool = True) -> list[tuple]:
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction():
                cur = conn.execute(sql, params)
                return cur.fetchall() if fetch else []
        except psycopg.OperationalError as exc:
            self.close()
            raise self._error(exc) from None

    def init(self) -> bool:
        """Set up the coprod tables; return False if the database already had them."""
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction():
                exists = conn.execute("SELECT to_regclass('coprod.store_info')").fetchone()[0]
                if exists is None:
                    for statement in _SCHEMA.split(";"):
                        conn.execute(statement)
                    conn.execute("INSERT INTO coprod.store_info VALUES ('format', %s)", (str(FORMAT),))
        except psycopg.errors.InsufficientPrivilege:
            self.close()
            raise StoreError(_("This database user may not create tables. Ask the database's administrator to run "
                               "coprod store init, or to give this user that right.")) from None
        except psycopg.OperationalError as exc:
            self.close()
            raise self._error(exc) from None
        if exists is not None:
            self.check()
            return False
        return True

    def check(self) -> None:
        """Raise StoreError unless the database holds a store this coprod can use."""
        rows = self._run("SELECT to_regclass('coprod.store_info') IS NOT NULL")
        if not rows[0][0]:
            raise StoreError(_("There is no coprod store in {where}. To set one up: coprod store init ADDRESS").format(
                where=self._where))
        found = self._run("SELECT value FROM coprod.store_info WHERE key = 'format'")
        if not found or not found[0][0].isdigit() or int(found[0][0]) > FORMAT:
            raise StoreError(_("The store in {where} was made by a newer coprod. Update coprod to use it.").format(
                where=self._where))

    def close(self) -> None:
        """Close the connection, if one is open."""
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    # -- reading --------------------------------------------------------

    def _batches(self, device_id: str | None = None, after: int = 0) -> list[tuple]:
        if device_id is None:
            return self._run("SELECT device_id, first_seq, last_seq, needs FROM coprod.batches "
                             "ORDER BY device_id, first_seq")
        return self._run("SELECT device_id, first_seq, last_seq, needs FROM coprod.batches "
                         "WHERE device_id = %s AND last_seq > %s ORDER BY first_seq", (device_id, after))

    def heads(self) -> Heads:
        """Return, for every device, how far its changes reach in the store with none missing."""
        heads = Heads()
        for device_id, first, last, _needs in self._batches():
            end = heads.seq.get(device_id, 0)
            if first <= end + 1:
                heads.seq[device_id] = max(end, last)
            else:
                heads.seq.setdefault(device_id, end)
        return heads

    def fetch(self, device_id: str, after: int) -> Iterator[Batch]:
        """Yield the device's changes after `after`, a pushed batch at a time, each checked whole."""
        expect = after + 1
        for _device, first, last, needs in self._batches(device_id, after):
            if first > expect:
                return
            if last < expect:
                continue
            rows = self._run("SELECT seq, hlc, tbl, row_id, grp, data FROM coprod.changes "
                             "WHERE device_id = %s AND seq BETWEEN %s AND %s ORDER BY seq", (device_id, expect, last))
            where = _("changes {first} to {last} from device {device}").format(
                first=expect, last=last, device=device_id[-8:])
            needs = needs if isinstance(needs, dict) else json.loads(needs)
            if not all(isinstance(k, str) and type(v) is int for k, v in needs.items()):
                raise BatchError(_("{where} can't be read.").format(where=where))
            changes = [Change(device_id, *row) for row in rows]
            values = check_changes(changes, expect, last, where)
            yield Batch(device_id, expect, last, needs, changes, values)
            expect = last + 1

    def statuses(self) -> list[DeviceStatus]:
        """Return each device with when it last synced and how far behind it was."""
        heads = self.heads()
        said = {row[0]: (row[1], row[2]) for row in self._run(
            "SELECT device_id, to_char(last_sync AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"'), "
            "applied FROM coprod.devices")}
        out = []
        for device_id in sorted(set(heads.seq) | set(said)):
            last_sync, applied = said.get(device_id, (None, {}))
            out.append(DeviceStatus(device_id, last_sync, heads.seq.get(device_id, 0),
                                    heads.behind(device_id, applied if isinstance(applied, dict) else {})))
        return out

    # -- writing --------------------------------------------------------

    def pushed(self, device_id: str) -> int:
        """Return how far this device's own changes reach in the store, with none missing."""
        return self.heads().seq.get(device_id, 0)

    def push(self, batch: Batch) -> None:
        """Insert one batch's changes and its row in one transaction; rows already there are left alone."""
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction():
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (LIKE coprod.changes) ON COMMIT DELETE ROWS")
                with conn.cursor() as cur:
                    with cur.copy("COPY incoming (device_id, seq, hlc, tbl, row_id, grp, data) FROM STDIN") as copy:
                        for c in batch.changes:
                            copy.write_row((c.device_id, c.seq, c.hlc, c.tbl, c.row_id, c.grp, c.data))
                conn.execute("INSERT INTO coprod.changes SELECT * FROM incoming ON CONFLICT DO NOTHING")
                conn.execute(
                    "INSERT INTO coprod.batches (device_id, first_seq, last_seq, needs) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (batch.device_id, batch.first, batch.last, json.dumps(batch.needs)))
        except psycopg.OperationalError as exc:
            self.close()
            raise self._error(exc) from None

    def report(self, device_id: str, applied: dict[str, int]) -> None:
        """Record when this device synced and what it has applied, for `store status`."""
        self._run(
            "INSERT INTO coprod.devices (device_id, last_sync, applied) VALUES (%s, now(), %s) "
            "ON CONFLICT (device_id) DO UPDATE SET last_sync = excluded.last_sync, applied = excluded.applied",
            (device_id, json.dumps(applied)), fetch=False)

