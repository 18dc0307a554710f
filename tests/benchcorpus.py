#!/usr/bin/env python3
"""A small stand-in for the benchmark's corpus generator (../shared/bench/make_corpus.py), so that
the benchmark's smoke test runs wherever the suite runs: the same command line and lesson shape
(every block, timed activities only, ``bench-NNN`` ids), shorter lessons, no randomness.

    benchcorpus.py OUTDIR [-n 4]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

BANDS = ["ages-5-7", "ages-8-10", "ages-11-13", "ages-14-17"]
SENTENCE = "A safe adult can help when a message online brings pressure or a secret."


def lesson(index: int, band: str) -> str:
    activities = "\n\n".join(f":::{{activity}} Step {step}\n:duration: 10\n\n{SENTENCE}\n\n1. {SENTENCE}\n:::"
                             for step in (1, 2, 3))
    return f"""---
id: bench-{index:03d}
band: {band}
duration: 40
topics: [privacy, trusted-adults]
sensitive: {"true" if index % 2 else "false"}
reviewed: 2026-11-01
---

# Lesson {index} about privacy

:::{{summary}}
{SENTENCE}
:::

:::{{objectives}}
- I can name a safe adult who can help.
:::

:::{{vocabulary}}
Privacy
: {SENTENCE}
:::

:::{{materials}}
- Chart paper.
:::

:::{{teacher-note}}
{SENTENCE}
:::

## What we know

{SENTENCE}

| Word | Meaning | Example |
|---|---|---|
| screen | {SENTENCE} | {SENTENCE} |

{activities}

:::{{discussion}}
- What would you do?
:::

::::{{handout}} My plan
{SENTENCE}

:::{{answer-lines}} 3
:::

- [ ] {SENTENCE}
::::

:::{{answer-key}}
{SENTENCE}
:::

:::{{exit-ticket}}
{SENTENCE}
:::

:::{{extension}}
{SENTENCE}
:::

:::{{family-letter}}
{SENTENCE}
:::

:::{{get-help}}
:::
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-n", type=int, default=4)
    args = parser.parse_args()
    lessons = args.outdir / "lessons"
    shutil.rmtree(lessons, ignore_errors=True)
    for index in range(args.n):
        band = BANDS[index % len(BANDS)]
        path = lessons / band / f"bench-{index:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(lesson(index, band), encoding="utf-8")


if __name__ == "__main__":
    main()
