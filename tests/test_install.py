"""The wheel, installed into a fresh virtual environment, finds its data from any directory."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_installed_wheel_runs_from_anywhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)], check=True, capture_output=True
    )
    [wheel] = wheels.glob("nkfacts-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NKFACTS_")}
    env["NKFACTS_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [str(bindir / "nkfacts"), "timeline", "--format", "csv"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) >= 25 and rows[0]["id"] and rows[0]["start"] <= rows[-1]["start"]

    # The data came from inside the installed package, not from this checkout.
    where = subprocess.run(
        [str(bindir / "python"), "-c", "from nkfacts.files import bundled_dir; print(bundled_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert str(env_dir) in where and str(ROOT) not in where

    module = subprocess.run(
        [str(bindir / "python"), "-m", "nkfacts", "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 0 and module.stdout.startswith("valid: ")
