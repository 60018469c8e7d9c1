"""A cache of checked data sets, so a large data directory loads fast the second time.

Keyed on the files' contents (and the nkfacts version), stored as JSON in the user's
cache directory, never pickle. A damaged or stale entry is ignored and rebuilt; a cache
that cannot be written is no error. Only data that passed every check is cached.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from nkfacts.dates import PartialDate
from nkfacts.files import DataFile
from nkfacts.memory import collector_paused
from nkfacts.model import KINDS, SPECS, TOP_LEVEL, Dataset, RecordSpec

__all__ = ["cache_dir", "cache_key", "load_dataset"]

FORMAT = 2  # records as lists in their class's field order
KEEP = 8  # entries kept; the oldest are removed beyond this


def cache_dir() -> Path:
    if os.environ.get("NKFACTS_CACHE_DIR"):
        return Path(os.environ["NKFACTS_CACHE_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "nkfacts" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "nkfacts"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nkfacts"


def cache_key(contents: Sequence[bytes]) -> str:
    from nkfacts import __version__

    try:  # hashlib would load OpenSSL first: a few milliseconds of every start
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    digest = blake2b(f"nkfacts {__version__} cache {FORMAT}".encode(), digest_size=20)
    # The rules that checked the data are part of the key too: an edited checkout or an
    # upgrade without a new version number must not be served the old verdict.
    here = Path(__file__).parent
    for module in ("dates.py", "model.py", "load.py"):
        try:
            digest.update(str((here / module).stat().st_mtime_ns).encode())
        except OSError:
            pass
    for raw in contents:
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def load_dataset(files: Sequence[DataFile], *, use_cache: bool = True) -> Dataset:
    """Load ``files``, from the cache when it holds them unchanged."""
    with collector_paused():
        return _load(files, use_cache)


def _load(files: Sequence[DataFile], use_cache: bool) -> Dataset:
    try:
        texts = [item.path.read_bytes() for item in files]
    except OSError:
        texts, use_cache = [], False  # the loader reports what cannot be read
    key = cache_key(texts) if use_cache else ""
    if use_cache:
        cached = _read(key)
        if cached is not None:
            return cached
    from nkfacts.load import load_files  # imports yaml: only on a cache miss

    dataset = load_files(files, texts)
    if use_cache:
        _write(key, dataset)
    return dataset


def _read(key: str) -> Dataset | None:
    try:
        payload = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        if payload.get("format") != FORMAT or payload.get("key") != key:
            return None
        data = payload["data"]
        return Dataset(**{kind: tuple(map(_decoder(TOP_LEVEL[kind]), data[kind])) for kind in KINDS})
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # missing, stale or damaged: rebuilt by the caller


def _write(key: str, dataset: Dataset) -> None:
    directory = cache_dir()
    data = {kind: [_encode(r) for r in getattr(dataset, kind)] for kind in KINDS}
    import tempfile

    temp: Path | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=directory, suffix=".part")
        temp = Path(name)
        with open(handle, "w", encoding="utf-8") as stream:
            json.dump({"format": FORMAT, "key": key, "data": data}, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, directory / f"{key}.json")
        temp = None
        entries = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk only costs speed
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


# --- The stored form: each record a list of its values, in its class's field order -------
# Compact to store and quick to read: no keys, no computed fields, and rebuilt with _make.


def _encode(record: tuple[Any, ...]) -> list[Any]:
    return [_encode_value(value) for value in record]


def _encode_value(value: Any) -> Any:
    if type(value) is PartialDate:
        return str(value)
    if type(value) is tuple:  # of texts, or of records (which are tuples too)
        return [_encode(item) if isinstance(item, tuple) else item for item in value]
    return value


_date = lru_cache(maxsize=65536)(PartialDate.parse)


def _decoder(spec: RecordSpec) -> Callable[[list[Any]], Any]:
    """A function that turns a stored list back into a record; only the positions that need
    converting (dates, lists, nested records) are touched."""
    dates, lists, nested = [], [], []
    for index, name in enumerate(spec.cls._fields):  # type: ignore[attr-defined]  # every record is a NamedTuple
        fld = spec.by_name[name]
        if fld.type == "date":
            dates.append(index)
        elif fld.type == "list":
            lists.append(index)
        elif fld.type == "records":
            assert fld.record is not None
            nested.append((index, _decoder(SPECS[fld.record])))
    make, count = spec.cls._make, len(spec.cls._fields)  # type: ignore[attr-defined]

    def decode(row: list[Any]) -> Any:
        if len(row) != count:
            raise ValueError("a cached record of the wrong length")
        for index in dates:
            if row[index] is not None:
                row[index] = _date(row[index])
        for index in lists:
            row[index] = tuple(row[index])
        for index, item in nested:
            row[index] = tuple(map(item, row[index]))
        return make(row)

    return decode
