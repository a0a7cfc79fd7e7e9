"""The tests' PostgreSQL server is a real one, checks passwords, and keeps each test apart."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from pg_server import SUPERUSER, PgServer, PgServerError, find_bindir


def test_pg_url_reaches_a_real_postgresql_with_the_password_from_the_environment(pg_url, pg_server):
    assert urlsplit(pg_url).password is None
    assert pg_server.password not in pg_url
    assert os.environ["PGPASSWORD"] == pg_server.password

    with psycopg.connect(pg_url) as conn:
        version, user, database = conn.execute(
            "SELECT version(), current_user, current_database()"
        ).fetchone()

    assert version.startswith("PostgreSQL ")
    assert user == SUPERUSER
    assert database == urlsplit(pg_url).path.lstrip("/")


def test_each_pg_url_is_an_empty_database_of_its_own(pg_url, new_pg_url):
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE members (id text PRIMARY KEY)")
        conn.execute("INSERT INTO members VALUES ('m1')")

    other_url = new_pg_url()

    assert other_url != pg_url
    with psycopg.connect(other_url) as conn:
        assert conn.execute("SELECT to_regclass('members')").fetchone()[0] is None
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0] == 0
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT id FROM members").fetchall() == [("m1",)]


def test_server_refuses_a_wrong_or_missing_password(pg_url, monkeypatch):
    with psycopg.connect(pg_url) as conn:
        rules = conn.execute("SELECT DISTINCT auth_method FROM pg_hba_file_rules").fetchall()
    assert rules == [("scram-sha-256",)]

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_url, password="not-the-password")

    monkeypatch.delenv("PGPASSWORD")
    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        psycopg.connect(pg_url)


def test_server_listens_on_127_0_0_1_only_with_its_socket_in_its_own_folder(pg_url, pg_server):
    with psycopg.connect(pg_url) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]
        sockets = conn.execute("SHOW unix_socket_directories").fetchone()[0]
        address = conn.execute("SELECT host(inet_server_addr())").fetchone()[0]

    assert listen == "127.0.0.1"
    assert address == "127.0.0.1"
    assert sockets == str(pg_server.socket_dir)
    # Another loopback address on the same port finds nothing listening.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", pg_server.port), timeout=5).close()


def test_database_names_are_plain_words_only(pg_server):
    with pytest.raises(ValueError, match="lower-case letters"):
        pg_server.new_database('x"; DROP DATABASE postgres; --')


def test_server_stops_and_leaves_no_folder_even_when_the_block_fails():
    with pytest.raises(RuntimeError, match="the test failed"):
        with PgServer() as server:
            folder, url, password = server.directory, server.url, server.password
            with psycopg.connect(url, password=password) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
            raise RuntimeError("the test failed")

    assert not folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, password=password, connect_timeout=5)


# A test process holding a server, killed below without a chance to tidy up.
_HOLDER = """
import sys
sys.path.insert(0, sys.argv[1])
from pg_server import PgServer
server = PgServer().start()
print(server.directory, server.port, server._watchdog.pid, flush=True)
sys.stdin.read()
"""


def test_a_test_run_killed_outright_leaves_no_server_or_folder_behind():
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(Path(__file__).parents[1])],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        folder, port, watchdog = holder.stdout.readline().split()
        watchdog_exit = os.pidfd_open(int(watchdog))
        with socket.create_connection(("127.0.0.1", int(port)), timeout=5):
            pass
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()

    readable, _, _ = select.select([watchdog_exit], [], [], 120)
    os.close(watchdog_exit)

    assert readable, "the clean-up process did not finish"
    assert not Path(folder).exists()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(port)), timeout=5).close()


def _fake_install(root: Path, version: str, with_initdb: bool = True) -> Path:
    bindir = root / version / "bin"
    bindir.mkdir(parents=True)
    if with_initdb:
        (bindir / "initdb").write_text("")
    return bindir


def test_find_bindir_takes_the_newest_install_that_has_initdb(tmp_path):
    _fake_install(tmp_path, "9.6")
    fifteen = _fake_install(tmp_path, "15")
    _fake_install(tmp_path, "16", with_initdb=False)

    found = find_bindir(pg_config=str(tmp_path / "no-pg_config"), installs=tmp_path, path="")

    assert found == fifteen


def test_find_bindir_names_what_is_missing(tmp_path):
    with pytest.raises(PgServerError, match="initdb was not found") as raised:
        find_bindir(pg_config=str(tmp_path / "no-pg_config"), installs=tmp_path, path="")

    assert "no-pg_config" in str(raised.value)
    assert "apt-get install postgresql" in str(raised.value)
