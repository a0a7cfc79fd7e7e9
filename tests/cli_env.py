"""The environment CLI subprocesses run in."""

from __future__ import annotations

import os

# Tests see the same "today" and "now" whatever day they run.
FIXED_TODAY = "2026-11-22"
FIXED_NOW = "10:40"


def env_without_coprod() -> dict[str, str]:
    """The process environment less coprod's own settings (but the test's own settings file), for CLI subprocesses."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPROD_") or k == "COPROD_CONFIG"}
    env["COPROD_TODAY"] = FIXED_TODAY
    env["COPROD_NOW"] = FIXED_NOW
    return env


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run `coprod ARGS` in this process; return (exit code, stdout, stderr)."""
    from tui.cli import main

    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err
