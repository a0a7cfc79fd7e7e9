"""Fixtures every test can use: a real SQLite file, empty or with the demo network."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from store.db import open_store
from store.i18n import set_language

from cli_env import FIXED_NOW, FIXED_TODAY

# `make test` runs the same examples every time, so a run that fails once fails again;
# `make fuzz` (--hypothesis-profile=fuzz) runs many new ones, and prints any failure to replay.
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fixed")


# Test files go in memory when the machine has room there: the app asks the disk to make
# every save safe (fsync), which costs far more than the tests' own work and tests nothing
# of ours. They are still real files. Give --basetemp to keep them on disk (and afterwards).
_MEMORY = Path("/dev/shm")
_MEMORY_NEEDED = 4 * 2**30
_memory_root: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _memory_root
    if hasattr(config, "workerinput") or config.option.basetemp:
        return  # a worker takes its folders from the run that started it
    if not (_MEMORY.is_dir() and os.access(_MEMORY, os.W_OK) and shutil.disk_usage(_MEMORY).free > _MEMORY_NEEDED):
        return
    _memory_root = Path(tempfile.mkdtemp(prefix="coprod-tests-", dir=_MEMORY))
    # Others may pass through, not list: a PostgreSQL server run as its own user keeps its folder in tmp.
    _memory_root.chmod(0o711)
    config.option.basetemp = str(_memory_root / "pytest")
    (_memory_root / "tmp").mkdir(mode=0o711)
    os.environ["TMPDIR"] = tempfile.tempdir = str(_memory_root / "tmp")  # for workers, and for this process


def pytest_unconfigure(config: pytest.Config) -> None:
    if _memory_root is not None:
        shutil.rmtree(_memory_root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fixed_clock_and_language(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("COPROD_TODAY", FIXED_TODAY)
    # Settings kept on "this laptop" (the language chosen, who is using coprod) start empty for each test.
    monkeypatch.setenv("COPROD_CONFIG", str(tmp_path_factory.mktemp("settings") / "settings.json"))
    monkeypatch.setenv("COPROD_NOW", FIXED_NOW)
    for var in ("COPROD_DB", "COPROD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en_GB")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's own database file goes."""
    return tmp_path / "coprod.db"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for exports, apart from the database file and its journal."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def store(db_path: Path):
    """An empty, migrated database."""
    s = open_store(db_path)
    yield s
    s.close()


# The demo network is made once per run for each fixed today and now, then each test gets a copy.
_demo_files: dict[tuple[str, str], Path] = {}


@pytest.fixture
def demo_store(db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """The 60-member demo network (seed 1), in the test's own file."""
    from store.demo import create_demo

    made_for = (os.environ["COPROD_TODAY"], os.environ["COPROD_NOW"])
    if made_for not in _demo_files:
        template = tmp_path_factory.mktemp("demo") / "demo.db"
        s = open_store(template)
        create_demo(s, seed=1, members=60)
        s.close()
        _demo_files[made_for] = template
    shutil.copyfile(_demo_files[made_for], db_path)
    db_path.chmod(0o600)
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def open_meeting(demo_store) -> str:
    """The id of today's demo meeting, opened for the register."""
    from store import meetings

    meeting = meetings.upcoming(demo_store)[0]
    meetings.set_status(demo_store, meeting["id"], "open")
    return meeting["id"]


# PostgreSQL: one real server of the tests' own for the whole run, a fresh database per test.
from itertools import count  # noqa: E402

_pg_database_numbers = count(1)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server in a temporary folder, started once and stopped at the end of the run."""
    from pg_server import PgServer, PgServerError

    server = PgServer()
    problem = ""
    try:
        server.start()
    except PgServerError as err:
        problem = str(err)
    if problem:
        # A test that needs PostgreSQL fails without it: never a silent skip.
        pytest.fail(f"the PostgreSQL test server did not start: {problem}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def new_pg_url(pg_server, monkeypatch: pytest.MonkeyPatch):
    """Makes empty databases, each a URL without the password; PGPASSWORD is set; dropped after the test."""
    for name, value in pg_server.env().items():
        monkeypatch.setenv(name, value)
    made: list[str] = []

    def make() -> str:
        made.append(f"coprod_test_{next(_pg_database_numbers)}")
        return pg_server.new_database(made[-1])

    yield make
    for name in made:
        pg_server.drop_database(name)


@pytest.fixture
def pg_url(new_pg_url) -> str:
    """A fresh, empty PostgreSQL database for this test (its URL has no password; PGPASSWORD has it)."""
    return new_pg_url()
