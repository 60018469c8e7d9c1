"""Which files make up the data: the bundled set and the user's data directories."""

# No __future__ annotations: NamedTuple would compile each string annotation at every start.
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:  # importlib.abc alone costs milliseconds of every start
    from importlib.abc import Traversable

from nkfacts.errors import DataError, Problem

__all__ = ["DataFile", "bundled_dir", "data_files"]


class DataFile(NamedTuple):
    """A file to load: its path, and the name its problems are reported under."""

    path: Union[Path, "Traversable"]  # a bundled file may live inside a zip  # noqa: UP007 - evaluated at runtime
    display: str


def bundled_dir() -> Union[Path, "Traversable"]:  # noqa: UP007 - evaluated at runtime
    """The directory of the bundled data files.

    An installed wheel carries them inside the package (``nkfacts/data``), found through
    importlib.resources wherever the package is; a source checkout keeps them at the top of
    the project (``data/``).
    """
    from importlib.resources import files

    inside = files("nkfacts") / "data"
    return inside if inside.is_dir() else Path(__file__).resolve().parent.parent / "data"


def data_files(*, bundled: bool = True, data_dirs: Sequence[Path] = ()) -> list[DataFile]:
    """The files the commands load: the bundled set first, then each data directory in turn."""
    problems: list[Problem] = []
    found: list[DataFile] = []
    if bundled:
        root = bundled_dir()
        found += [DataFile(root / name, f"data/{name}") for name in ("facts.yaml", "events.yaml")]
    for directory in data_dirs:
        found += _scan(directory, problems)
    if problems:
        raise DataError(problems)
    return found


def _scan(directory: Path, problems: list[Problem]) -> list[DataFile]:
    display = str(directory)
    try:
        if not directory.is_dir():
            why = "not a directory" if directory.exists() else "no such directory"
            problems.append(Problem(display, None, f"{why}: --data-dir expects a directory of *.yaml files"))
            return []
        entries = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as exc:
        problems.append(Problem(display, None, f"cannot read the directory: {exc.strerror or exc}"))
        return []
    if not entries:
        problems.append(Problem(display, None, "no *.yaml or *.yml files in this directory"))
    return [DataFile(p, os.path.join(display, p.name)) for p in entries]
