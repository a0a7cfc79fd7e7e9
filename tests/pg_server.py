"""A throwaway PostgreSQL server for the tests: its own data folder, port and password.

    with PgServer() as server:
        url = server.new_database("example")   # no password in it
        os.environ.update(server.env())         # the password travels here

Run as a script, it prints the folder of the server programs it would use, or
says what is missing and exits 1 (CI uses this to decide whether to install them).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SUPERUSER = "coprod_test"
HOST = "127.0.0.1"
DEBIAN_INSTALLS = Path("/usr/lib/postgresql")
# PostgreSQL refuses to run as root, so root runs it as this system user.
SERVICE_USER = "postgres"
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# A port found free can be taken by someone else before the server binds it.
_START_TRIES = 3
# A test run killed outright (a time limit's SIGTERM, SIGKILL) runs no teardown and
# the server would outlive it; this process, in a session of its own, waits for the
# end of its stdin and cleans up then, unless stop() said first that it had done so.
_WATCHDOG = """
import shutil, subprocess, sys
if not sys.stdin.buffer.read():
    subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, capture_output=True)
    shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


class PgServerError(RuntimeError):
    """The test server could not be found, started or stopped; the message says why."""


def find_bindir(
    pg_config: str = "pg_config",
    installs: Path = DEBIAN_INSTALLS,
    path: str | None = None,
) -> Path:
    """The folder holding initdb, pg_ctl and postgres.

    `pg_config --bindir` if it names a folder with initdb in it (Debian's libpq-dev
    ships a pg_config without the server), else the newest `installs/*/bin` with
    initdb, else an initdb on `path` (the PATH by default).
    """
    looked = []
    try:
        answer = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        looked.append(f"`{pg_config} --bindir` (did not run)")
    else:
        if answer and (Path(answer) / "initdb").is_file():
            return Path(answer)
        looked.append(f"{answer or '?'} (from `{pg_config} --bindir`)")

    versions = []
    for candidate in installs.glob("*/bin"):
        version = _version(candidate.parent.name)
        if version is not None and (candidate / "initdb").is_file():
            versions.append((version, candidate))
    if versions:
        return max(versions)[1]
    looked.append(f"{installs}/*/bin")

    on_path = shutil.which("initdb", path=path)
    if on_path:
        return Path(on_path).resolve().parent
    looked.append("the PATH")
    raise PgServerError(
        "PostgreSQL's initdb was not found in " + ", ".join(looked)
        + "; install the PostgreSQL server (Debian: apt-get install postgresql)"
    )


def _version(name: str) -> tuple[int, ...] | None:
    """"15" -> (15,), "9.6" -> (9, 6), so 15 sorts after 9.6; None for other names."""
    if not re.fullmatch(r"\d+(\.\d+)*", name):
        return None
    return tuple(int(part) for part in name.split("."))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _conf_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class PgServer:
    """A PostgreSQL server in a temporary folder, on 127.0.0.1 and a free port.

    Host connections need the generated password (scram-sha-256). Use as a
    context manager, or call start() and stop(); stop() always removes the folder.
    """

    def __init__(self, bindir: Path | None = None, durable: bool = False) -> None:
        self.bindir = bindir
        # The benchmarks want a server that writes to disk as a real one does.
        self.durable = durable
        self.directory: Path | None = None
        self.port: int | None = None
        self.password = secrets.token_urlsafe(24)
        self._owner: pwd.struct_passwd | None = None
        self._running = False
        self._watchdog: subprocess.Popen[bytes] | None = None

    @property
    def data_dir(self) -> Path:
        """Where the cluster's files live."""
        return self._require_directory() / "data"

    @property
    def log_file(self) -> Path:
        """The server's log, for reading when something goes wrong."""
        return self._require_directory() / "server.log"

    @property
    def socket_dir(self) -> Path:
        """The folder of the server's unix socket (the temporary folder itself)."""
        return self._require_directory()

    @property
    def url(self) -> str:
        """The URL of the `postgres` database, without the password."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        """The URL of one database on this server, without the password."""
        if self.port is None:
            raise PgServerError("the PostgreSQL test server has not been started")
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def env(self) -> dict[str, str]:
        """Environment variables that give libpq clients (psycopg, psql) the password."""
        return {"PGPASSWORD": self.password}

    def start(self) -> PgServer:
        """Make a cluster in a new temporary folder and start it; on failure, leave nothing behind."""
        bindir = self.bindir or find_bindir()
        self.bindir = bindir
        self._owner = _service_user() if os.geteuid() == 0 else None
        self.directory = Path(tempfile.mkdtemp(prefix="coprod-pg-"))
        try:
            if self._owner is not None:
                os.chown(self.directory, self._owner.pw_uid, self._owner.pw_gid)
            self._start_watchdog()
            self._initdb()
            self._write_settings()
            self._start_on_free_port()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server at once (its data is thrown away) and remove the temporary folder."""
        try:
            if self._running:
                stopped = self._run([self._program("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"],
                                    "pg_ctl stop", check=False)
                self._running = False
                # A server that is already gone is not an error; one still holding its lock file is.
                if stopped.returncode != 0 and (self.data_dir / "postmaster.pid").exists():
                    raise PgServerError(f"pg_ctl stop failed (exit {stopped.returncode}): {_tail(stopped.stderr)}")
        finally:
            if self.directory is not None:
                shutil.rmtree(self.directory)
                self.directory = None
            if self._watchdog is not None:
                self._watchdog.stdin.write(b"cleaned up")
                self._watchdog.stdin.close()
                self._watchdog.wait(timeout=120)
                self._watchdog = None

    def new_database(self, name: str) -> str:
        """Create an empty database called `name` and return its URL (without the password)."""
        from psycopg import sql

        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_plain_name(name))))
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop a database made by new_database, closing any connections still open to it."""
        from psycopg import sql

        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(_plain_name(name))))

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _admin(self, statement) -> None:
        import psycopg

        # CREATE/DROP DATABASE cannot run inside a transaction.
        with psycopg.connect(self.url, password=self.password, autocommit=True, connect_timeout=30) as conn:
            conn.execute(statement)

    def _start_watchdog(self) -> None:
        stop = self._as_owner([self._program("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])
        try:
            self._watchdog = subprocess.Popen(
                [sys.executable, "-c", _WATCHDOG, str(self.directory), *stop],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                cwd="/", start_new_session=True,
            )
        except OSError as err:
            raise PgServerError(f"the clean-up process could not start: {err}") from err

    def _as_owner(self, command: list[str]) -> list[str]:
        if self._owner is None:
            return command
        return ["runuser", "-u", self._owner.pw_name, "--", *command]

    def _initdb(self) -> None:
        pwfile = self._require_directory() / "superuser-password"
        pwfile.touch(mode=0o600)
        pwfile.write_text(self.password + "\n")
        try:
            if self._owner is not None:
                os.chown(pwfile, self._owner.pw_uid, self._owner.pw_gid)
            self._run([
                self._program("initdb"), "-D", str(self.data_dir),
                "-U", SUPERUSER, f"--pwfile={pwfile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--no-locale", "--no-sync",
            ], "initdb")
        finally:
            pwfile.unlink()

    def _write_settings(self) -> None:
        # Durability is worth nothing for a cluster deleted at the end of the run.
        settings = {
            "listen_addresses": _conf_quote(HOST),
            "unix_socket_directories": _conf_quote(str(self.socket_dir)),
        }
        if not self.durable:
            settings.update(fsync="off", full_page_writes="off", synchronous_commit="off")
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# Set for the tests\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _start_on_free_port(self) -> None:
        for attempt in range(1, _START_TRIES + 1):
            self.port = _free_port()
            logged_before = self.log_file.stat().st_size if self.log_file.exists() else 0
            started = self._run([
                self._program("pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file),
                "-o", f"-p {self.port}", "-w", "-t", "60", "start",
            ], "pg_ctl start", check=False)
            if started.returncode == 0:
                self._running = True
                return
            log = self._log_since(logged_before)
            if "could not bind" not in log or attempt == _START_TRIES:
                raise PgServerError(f"pg_ctl start failed (exit {started.returncode}): {_tail(started.stderr + log)}")

    def _log_since(self, offset: int) -> str:
        try:
            with self.log_file.open(encoding="utf-8", errors="replace") as log:
                log.seek(offset)
                return log.read()
        except FileNotFoundError:
            return ""

    def _run(self, command: list[str], what: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = self._as_owner(command)
        try:
            # cwd: the service user may not be allowed into the caller's folder.
            done = subprocess.run(command, capture_output=True, text=True, cwd=self.directory, timeout=120)
        except (OSError, subprocess.SubprocessError) as err:
            raise PgServerError(f"{what} could not run: {err}") from err
        if check and done.returncode != 0:
            raise PgServerError(f"{what} failed (exit {done.returncode}): {_tail(done.stderr or done.stdout)}")
        return done

    def _program(self, name: str) -> str:
        return str(Path(self.bindir) / name)

    def _require_directory(self) -> Path:
        if self.directory is None:
            raise PgServerError("the PostgreSQL test server has not been started")
        return self.directory


def _service_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise PgServerError(
            f"running as root, and there is no '{SERVICE_USER}' user to run PostgreSQL as "
            "(PostgreSQL refuses to run as root); install the PostgreSQL server package, "
            "which creates it, or run the tests as an ordinary user"
        ) from None


def _plain_name(name: str) -> str:
    if not _PLAIN_NAME.fullmatch(name):
        raise ValueError(f"database name {name!r}: use lower-case letters, digits and _ (at most 63)")
    return name


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


if __name__ == "__main__":
    try:
        print(find_bindir())
    except PgServerError as err:
        print(f"pg_server: {err}", file=sys.stderr)
        sys.exit(1)
