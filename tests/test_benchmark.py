"""A small run of the benchmark script, so that it keeps working (its figures are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS_TOOL = REPO.parent / "shared" / "bench" / "make_corpus.py"


@pytest.mark.skipif(not CORPUS_TOOL.is_file(), reason="the shared corpus generator is not beside the repository")
def test_benchmark_runs_and_reports(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "4", "--runs", "1",
                    "--no-peers", "--no-profile", "--workdir", str(tmp_path), "--output", str(results)],
                   check=True, capture_output=True, timeout=600)
    report = results.read_text(encoding="utf-8")
    for figure in ("| 4 | whole job |", "| 4 | floor |", "| 4 | edit one lesson |", "| 4 | no change |",
                   "| 4 | serve edit |", "| 4 | whole job / floor |", "| 4 | edit one lesson / whole job |",
                   "| 4 | no change / whole job |", "| 4 | serve edit / whole job |",
                   "kitpdf pages per second"):
        assert figure in report, figure
