"""A small run of the benchmark script, so that it keeps working (its figures are not checked).

It runs on tests/benchcorpus.py, a stand-in for the shared corpus generator that is not in the
repository, so that it runs wherever the suite runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_TOOL = Path(__file__).resolve().parent / "benchcorpus.py"


def test_benchmark_runs_and_reports(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "4", "--runs", "1",
                    "--no-peers", "--no-profile", "--corpus-tool", str(CORPUS_TOOL), "--workdir", str(tmp_path),
                    "--output", str(results)], check=True, capture_output=True, timeout=600)
    report = results.read_text(encoding="utf-8")
    for figure in ("| 4 | whole job |", "| 4 | floor |", "| 4 | edit one lesson |", "| 4 | no change |",
                   "| 4 | serve edit |", "| 4 | whole job / floor |", "| 4 | edit one lesson / whole job |",
                   "| 4 | no change / whole job |", "| 4 | serve edit / whole job |",
                   "kitpdf pages per second"):
        assert figure in report, figure
