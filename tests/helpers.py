"""Paths and types the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

HERE = Path(__file__).parent
VALID = HERE / "data" / "valid"
GOLDEN = HERE / "golden"
Run = Callable[..., Result]
