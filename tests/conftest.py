"""Shared fixtures: an isolated cache and environment, the CLI runner, data-file writers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import VALID, Run
from typer.testing import CliRunner, Result


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache directory and none of the user's settings."""
    monkeypatch.setenv("NKFACTS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("NKFACTS_DATA_DIR", "NKFACTS_DEBUG", "NKFACTS_TODAY", "NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def cli() -> Run:
    """Run nkfacts in-process: cli("timeline", "--format", "csv") -> Result."""
    from nkfacts.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def valid(cli: Run) -> Run:
    """Run nkfacts on the small test data set only."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return cli("--no-bundled", "--data-dir", str(VALID), *args, env=env)

    return run


@pytest.fixture
def data_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML files into a fresh directory: data_dir(a="events: ...") -> the directory."""
    counter = iter(range(1000))

    def make(**files: str | bytes) -> Path:
        directory = tmp_path / f"data{next(counter)}"
        directory.mkdir()
        for name, content in files.items():
            path = directory / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return directory

    return make
