"""Open, create and migrate the SQLite file; one transaction per command."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from store.errors import CoprodError, DatabaseError
from store.i18n import _
from store.ids import new_id

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"


def migrations() -> list[tuple[int, Path]]:
    """Return the numbered migration files, in order."""
    found = []
    for path in MIGRATIONS_DIR.glob("*.sql"):
        number = int(path.name.split("_", 1)[0])
        found.append((number, path))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]
# Migrations that add to the local claim tables: once one has run, those
# tables are replayed from the claims' events, in the same transaction.
REPLAY_CLAIMS_AFTER = frozenset({6})


def default_path() -> Path:
    """Return the database path: COPROD_DB, else the platform's user data folder."""
    env = os.environ.get("COPROD_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("coprod", appauthor=False) / "coprod.db"


def _check_file(path: Path) -> bool:
    """Return True if `path` holds a database already; refuse files that are not SQLite."""
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
    if head != SQLITE_HEADER:
        raise DatabaseError(_("{path} is not a coprod database. Choose another file.").format(path=path))
    return True


def _check_version(path: Path) -> None:
    """Refuse a newer coprod file, or another program's SQLite file, before changing a byte."""
    probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        tables = probe.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_("{path} is not a coprod database. Choose another file.").format(path=path)) from exc
    finally:
        probe.close()
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            _("{path} was made by a newer version of coprod. Update coprod to open it.").format(path=path)
        )
    if version == 0 and tables:
        raise DatabaseError(_("{path} is not a coprod database. Choose another file.").format(path=path))


def _create_private(path: Path) -> None:
    # Personal data: only the person who runs coprod may read the file.
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> sqlite3.Connection:
    """Open a connection with the settings every connection must have."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(_("{path} is not a coprod database. Choose another file.").format(path=path)) from exc
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # SQLite's LIKE folds only ASCII; "SIÂN" must find "Siân".
    conn.create_function("fold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True)
    return conn


class Store:
    """One open database: the connection, its device id and transactions."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        row = conn.execute("SELECT id FROM device").fetchone()
        self.device_id: str = row[0]
        self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one transaction; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            # A deferred check (a foreign key) can refuse the commit: undo it all.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise CoprodError(_("Nothing was saved: {reason}").format(reason=exc)) from exc

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Run a read and return every row."""
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        """Run a read and return its first row, or None."""
        return self.conn.execute(sql, params).fetchone()

    def reopen(self) -> Store:
        """Return another connection to the same file, for a worker thread."""
        return Store(self.path, connect(self.path))

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date in one transaction, or refuse a newer file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            _("{path} was made by a newer version of coprod. Update coprod to open it.").format(path=path)
        )
    pending = [(n, p) for n, p in migrations() if n > version]
    if not pending:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for number, script in pending:
            for statement in _statements(script.read_text(encoding="utf-8")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(number)}")
        if version and REPLAY_CLAIMS_AFTER & {n for n, _p in pending}:
            from store.claims.projection import rebuild_projections

            rebuild_projections(conn)
        if conn.execute("SELECT COUNT(*) FROM device").fetchone()[0] == 0:
            conn.execute("INSERT INTO device (id, seq, hlc) VALUES (?, 0, 0)", (new_id(),))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    # executescript() would commit on its own; split so the migration stays one transaction.
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def open_store(path: Path | str | None = None) -> Store:
    """Open (creating or upgrading as needed) the database at `path`."""
    target = Path(path).expanduser() if path else default_path()
    if _check_file(target):
        _check_version(target)
    else:
        _create_private(target)
    conn = connect(target)
    try:
        migrate(conn, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(_("{path} is not a coprod database. Choose another file.").format(path=target)) from exc
    except BaseException:
        conn.close()
        raise
    return Store(target, conn)
