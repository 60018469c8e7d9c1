"""Time nkfacts against plain PyYAML scripts doing the same query; print medians and ratios.

    python benchmarks/generate.py && python benchmarks/run.py [--runs 7] [--sizes 1k 10k 100k]

Each number is the median wall time of a whole command (a fresh process), so start-up counts.
The query is the same everywhere: events tagged "missile", as CSV on standard output.

  nkfacts (cache)     the usual case: the checked data set comes from the cache
  nkfacts (no cache)  every file parsed and checked again (the first run after a change)
  safe_load script    yaml.safe_load (pure Python), filter, csv: what a quick script would do
  CSafeLoader script  the same with libyaml's loader: the fastest "load everything" script
  event stream        only iterating libyaml's parse events: the floor no YAML reader goes below

Ratios are against the safe_load script. Machines are noisy: compare medians, rerun to confirm.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent

SCRIPT = r"""
import csv, sys, yaml
from pathlib import Path
loader = {loader}
events = []
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    with open(path, encoding="utf-8") as stream:
        events += (yaml.load(stream, Loader=loader) or {{}}).get("events") or []
out = csv.writer(sys.stdout)
out.writerow(["id", "date", "title"])
for event in sorted(events, key=lambda e: str(e["date"])):
    if "missile" in event["tags"]:
        out.writerow([event["id"], event["date"], event["title"]])
"""

FLOOR = r"""
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    with open(path, encoding="utf-8") as stream:
        for _ in yaml.parse(stream, Loader=yaml.CSafeLoader):
            pass
"""


def nkfacts() -> list[str]:
    script = shutil.which("nkfacts", path=str(Path(sys.executable).parent)) or shutil.which("nkfacts")
    return [script] if script else [sys.executable, "-m", "nkfacts"]


def median_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k", "100k"])
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args()

    cache = Path(tempfile.mkdtemp(prefix="nkfacts-bench-cache-"))
    env = {**os.environ, "NKFACTS_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages run from bytecode
    cli = nkfacts()

    print(f"Start-up, bundled data (median of {args.runs * 2} runs):")
    subprocess.run([*cli, "timeline", "--format", "csv"], stdout=subprocess.DEVNULL, env=env, check=True)
    base = median_time([sys.executable, "-c", "import typer, yaml"], args.runs * 2, env)
    ours = median_time([*cli, "timeline", "--format", "csv"], args.runs * 2, env)
    table = median_time([*cli, "timeline"], args.runs * 2, env)
    print(f"  python -c 'import typer, yaml'     {base * 1000:7.0f} ms")
    print(f"  nkfacts timeline --format csv      {ours * 1000:7.0f} ms   {ours / base:4.2f}x the imports")
    print(f"  nkfacts timeline (Rich table)      {table * 1000:7.0f} ms   {table / base:4.2f}x the imports")

    for size in args.sizes:
        data = args.data / size
        if not data.is_dir():
            sys.exit(f"{data} is missing: run python benchmarks/generate.py first")
        runs = max(3, args.runs // 3) if size.endswith("00k") else args.runs
        query = ["--no-bundled", "--data-dir", str(data), "timeline", "--tag", "missile", "--format", "csv"]
        subprocess.run([*cli, *query], stdout=subprocess.DEVNULL, env=env, check=True)  # fill the cache
        rows = {
            "nkfacts (cache)": median_time([*cli, *query], runs, env),
            "nkfacts (no cache)": median_time([*cli, "--no-cache", *query], runs, env),
            "safe_load script": median_time(
                [sys.executable, "-c", SCRIPT.format(loader="yaml.SafeLoader"), str(data)], runs, env),
            "CSafeLoader script": median_time(
                [sys.executable, "-c", SCRIPT.format(loader="yaml.CSafeLoader"), str(data)], runs, env),
            "event stream": median_time([sys.executable, "-c", FLOOR, str(data)], runs, env),
        }  # fmt: skip
        reference = rows["safe_load script"]
        print(f"\n{size} events ({(data / 'events.yaml').stat().st_size / 1e6:.1f} MB), median of {runs} runs:")
        for name, seconds in rows.items():
            print(f"  {name:20} {seconds:8.3f} s   {seconds / reference:6.3f}x safe_load")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
