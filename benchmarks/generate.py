"""Write synthetic data directories of 1k, 10k and 100k events for the benchmarks.

    python benchmarks/generate.py [--out benchmarks/data] [--sizes 1000 10000 100000]

Records look like the curated ones: a few sentences of summary, one to three sources with
addresses, two or three tags and countries, a span now and then. The output is deterministic.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TAGS = ["missile", "nuclear", "diplomacy", "sanctions", "military", "economy", "inter-korean", "summit"]
COUNTRIES = ["KP", "KR", "US", "CN", "RU", "JP", "UN", "NO"]
WORDS = (
    "launch test talks summit statement report drill sanctions resolution missile satellite border "
    "agency ministry delegation visit agreement warning exercise factory production"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def event(rng: random.Random, number: int) -> str:
    year = rng.randint(1948, 2026)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = rng.choice([f"{year}", f"{year}-{month:02d}"] + [f"{year}-{month:02d}-{day:02d}"] * 8)
    lines = [
        f"  - id: synthetic-{number}-{year}",
        f'    date: "{date}"',
        f"    title: {sentence(rng, 8)}",
        "    summary: >-",
        f"      {sentence(rng, 16)} {sentence(rng, 14)}",
        f"      {sentence(rng, 12)}",
        f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]",
        f"    countries: [{', '.join(rng.sample(COUNTRIES, rng.randint(1, 3)))}]",
    ]
    if len(date) == 10 and rng.random() < 0.1:
        lines.append(f'    until: "{year}-{month:02d}-{min(day + 3, 28):02d}"')
    if rng.random() < 0.2:
        lines.append("    landmark: true")
    lines.append("    sources:")
    for source in range(rng.randint(1, 3)):
        lines += [
            f"      - publisher: {rng.choice(['Yonhap News Agency', 'Reuters', 'KCNA', 'NK News', 'AP'])}",
            f"        title: {sentence(rng, 7)}",
            f'        date: "{year}-{month:02d}-{day:02d}"' if len(date) == 10 else f'        date: "{year}"',
            f"        url: https://news.example.org/{year}/{number}/{source}",
        ]
    return "\n".join(lines)


def declarations() -> str:
    tags = "\n".join(f"  - {{id: {t}, description: {t.capitalize()}}}" for t in TAGS)
    countries = "\n".join(f'  - {{code: "{c}", name: Country {c}}}' for c in COUNTRIES)
    return f"countries:\n{countries}\ntags:\n{tags}\n"


def write(directory: Path, count: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "declarations.yaml").write_text(declarations(), encoding="utf-8")
    with open(directory / "events.yaml", "w", encoding="utf-8") as out:
        out.write("events:\n")
        for number in range(count):
            out.write(event(rng, number) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    for size in args.sizes:
        target = args.out / f"{size // 1000}k"
        write(target, size)
        print(f"{target}: {size} events, {(target / 'events.yaml').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
