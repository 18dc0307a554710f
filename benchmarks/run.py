#!/usr/bin/env python3
"""Measure lessonkit against its peers on synthetic curricula; write benchmarks/results.md.

    .venv/bin/python benchmarks/run.py [--sizes 48 192] [--large] [--runs 3] [-j auto]

Each figure is the median of --runs runs on fresh output folders, in one run of this script,
so that the ratios compare like with like on whatever machine runs it. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_CORPUS_TOOL = REPO.parent / "shared" / "bench" / "make_corpus.py"
TARGETS = {  # figure -> (highest allowed ratio, or lowest for throughput)
    "whole job / floor": 0.6,  # issue 18
    "kitpdf / rst2pdf": 0.33,
    "edit one lesson / whole job": 0.10,
    "no change / whole job": 0.05,
    "serve edit / whole job": 0.05,
}


@dataclass
class Run:
    seconds: float
    peak_mib: float


@dataclass
class Figure:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command to the end; its wall time and its peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024)


def combine(*runs: Run) -> Run:
    """Steps run one after the other: times add up, memory peaks at the largest."""
    return Run(sum(r.seconds for r in runs), max(r.peak_mib for r in runs))


# -- the corpora -----------------------------------------------------------------------------

def make_curriculum(root: Path, lessons: int, corpus_tool: Path) -> Path:
    """A project from `lessonkit init`, its lessons replaced by the benchmark corpus, French
    catalogs pseudo-translated (every message translated, as in a finished curriculum)."""
    project = root / f"curriculum-{lessons}"
    if project.exists():
        shutil.rmtree(project)
    subprocess.run([BIN / "lessonkit", "init", str(project)], check=True, stdout=subprocess.DEVNULL)
    for lesson in (project / "lessons").glob("*/*.md"):
        if lesson.name != "index.md":
            lesson.unlink()
    shutil.rmtree(project / "locale" / "fr" / "LC_MESSAGES" / "lessons")
    subprocess.run([sys.executable, str(corpus_tool), str(project), "-n", str(lessons)], check=True,
                   stdout=subprocess.DEVNULL)
    # The corpus times its activities only, and leaves the lesson 10 minutes for the rest: give
    # them to the other timed blocks, as lessonkit check asks.
    # Its random words sometimes make a variant of the glossary ("safe adult"): write the term.
    sys.path.insert(0, str(REPO))
    from lessonkit.glossary import read_glossary

    glossary = read_glossary(project, "en")
    for lesson in project.glob("lessons/*/bench-*.md"):
        text = lesson.read_text(encoding="utf-8")
        for block, minutes in (("discussion", 4), ("handout", 4), ("exit-ticket", 2)):
            text = re.sub(rf"^(:{{3,}}\{{{block}\}}.*)$", rf"\1\n:duration: {minutes}\n", text, flags=re.MULTILINE)
        for variant in reversed(list(glossary.variants(text))):
            text = text[:variant.start] + variant.concept.term + text[variant.start + len(variant.text):]
        lesson.write_text(text, encoding="utf-8")
    for folder in (project / "lessons").iterdir():  # the corpus tool starts from an empty lessons/
        (folder / "index.md").write_text(f"# {folder.name}\n\n:::{{lesson-list}}\n:::\n", encoding="utf-8")
    subprocess.run([BIN / "lessonkit", "-q", "-C", str(project), "i18n", "update"], check=True)
    sys.path.insert(0, str(REPO))
    from lessonkit.i18n import pseudo_translate
    from lessonkit.project import load_project

    pseudo_translate(load_project(project), "fr")
    return project


def make_plain_documents(curriculum: Path, target: Path, rst2pdf: bool) -> Path:
    """The corpus as plain MyST documents (no lessonkit blocks), for the PDF builders' match."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    names = []
    for lesson in sorted(curriculum.glob("lessons/*/bench-*.md")):
        text = lesson.read_text(encoding="utf-8").split("---\n", 2)[2]
        text = re.sub(r"^:{3,}\{[\w-]+\} ?(.*)$", lambda m: f"\n## {m.group(1)}\n" if m.group(1) else "", text,
                      flags=re.MULTILINE)
        text = re.sub(r"^:{3,}$|^:duration: \d+$", "", text, flags=re.MULTILINE)
        (docs / lesson.name).write_text(text, encoding="utf-8")
        names.append(lesson.stem)
    index = "# Documents\n\n```{toctree}\n" + "\n".join(names) + "\n```\n"
    (docs / "index.md").write_text(index, encoding="utf-8")
    conf = ['project = "bench"', 'myst_enable_extensions = ["deflist", "tasklist"]']
    if rst2pdf:
        conf += ['extensions = ["myst_parser", "rst2pdf.pdfbuilder"]',
                 f"pdf_documents = [{', '.join(repr((n, n, n, 'bench')) for n in names)}]"]
    else:
        conf += ['extensions = ["lessonkit.sphinxext"]']
    (docs / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    return docs


def rst2pdf_python(root: Path) -> Path:
    """rst2pdf in a virtual environment of its own (it pins other reportlab versions)."""
    venv = root / "rst2pdf-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "rst2pdf", "sphinx", "myst-parser"], check=True)
    return python


def count_pages(folder: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(str(p)).pages) for p in folder.rglob("*.pdf"))


# -- the measurements ------------------------------------------------------------------------

FIGURES = ("whole job", "floor", "kitpdf layout", "kitpdf plain", "rst2pdf plain", "edit one lesson", "no change",
           "serve edit")
SERVE_EDITS = 3  # edits timed in each run of `lessonkit serve`


@dataclass
class Subject:
    """One size of curriculum: its project, its plain documents, and what was measured of it."""

    project: Path
    plain: Path
    rst2pdf_plain: Path | None
    figures: dict[str, Figure] = field(default_factory=lambda: {name: Figure(name) for name in FIGURES})
    counts: dict[str, float] = field(default_factory=dict)


def measure(subject: Subject, number: int, rst2pdf: Path | None, jobs: str) -> None:
    """One run of every figure of ``subject``."""
    project, figures, counts = subject.project, subject.figures, subject.counts
    lesson = sorted(project.glob("lessons/*/bench-*.md"))[0]
    original = lesson.read_text(encoding="utf-8")
    lessonkit = [str(BIN / "lessonkit"), "-q", "-C", str(project)]
    build = [*lessonkit, "build", "-j", jobs]

    # Each build is one ordinary process, as a writer or a board runs it.
    shutil.rmtree(project / "build", ignore_errors=True)
    figures["whole job"].runs.append(timed(build))
    counts["pages"] = count_pages(project / "build" / "pdf") - count_pages_bilingual(project)
    figures["no change"].runs.append(timed(build))
    lesson.write_text(original.replace("\n:::\n", f" Edited {number}.\n:::\n", 1), encoding="utf-8")
    figures["edit one lesson"].runs.append(timed(build))
    lesson.write_text(original, encoding="utf-8")
    timed(build)  # back to the lesson as it was
    figures["serve edit"].runs.extend(serve_edits(project, lesson, original, number))
    # The PDF builder alone, every PDF of both languages, from the environment already read.
    shutil.rmtree(project / "build" / "pdf")
    figures["kitpdf layout"].runs.append(timed([*lessonkit, "build", "--format", "pdf", "-j", jobs]))

    floor = project / "build" / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    figures["floor"].runs.append(combine(*(
        timed([str(BIN / "sphinx-build"), "-q", "-b", "html", "-j", jobs, "-D", f"language={lang}",
               "-D", "lessonkit_fast_parser=0", "-d", str(floor / f"doctrees-{lang}"), str(project),
               str(floor / lang)])
        for lang in ("en", "fr"))))

    out = subject.plain.parent / "out-kitpdf"
    shutil.rmtree(out, ignore_errors=True)
    figures["kitpdf plain"].runs.append(timed([str(BIN / "sphinx-build"), "-q", "-b", "kitpdf", "-j", jobs,
                                               str(subject.plain), str(out)]))
    counts["kitpdf plain pages"] = count_pages(out)
    if rst2pdf and subject.rst2pdf_plain:
        out = subject.rst2pdf_plain.parent / "out-rst2pdf"
        shutil.rmtree(out, ignore_errors=True)
        figures["rst2pdf plain"].runs.append(timed([str(rst2pdf), "-m", "sphinx", "-q", "-b", "pdf",
                                                    str(subject.rst2pdf_plain), str(out)]))
        counts["rst2pdf plain pages"] = count_pages(out)


def serve_edits(project: Path, lesson: Path, original: str, number: int) -> list[Run]:
    """`lessonkit serve` running: from saving a lesson to the served page showing the change.

    The preview's first build (from nothing, build/ was removed) is not timed; then the lesson
    is edited SERVE_EDITS times, each time as soon as the page shows the previous edit. Memory
    is the serve process's peak resident size.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    command = [str(BIN / "lessonkit"), "-C", str(project), "serve", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        first = process.stdout.readline() if process.stdout else ""
        if "http://" not in first:
            raise SystemExit(f"lessonkit serve did not start: {first}")
        base = first.split()[-1].rsplit("/en/", 1)[0]
        page = f"{base}/en/{lesson.relative_to(project).with_suffix('.html').as_posix()}"
        wait_until(lambda: served_build(base) >= 1)
        seconds = []
        for edit in range(SERVE_EDITS):
            marker = f"Served {number}.{edit}."
            lesson.write_text(original.replace("\n:::\n", f" {marker}\n:::\n", 1), encoding="utf-8")
            start = time.perf_counter()
            wait_until(lambda marker=marker: marker in http_text(page), step=0.01)
            seconds.append(time.perf_counter() - start)
        built = served_build(base)
        lesson.write_text(original, encoding="utf-8")
        wait_until(lambda: served_build(base) > built)
        peak = peak_mib(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return [Run(s, peak) for s in seconds]


def http_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.URLError:
        return ""


def served_build(base: str) -> int:
    text = http_text(base + "/_lessonkit/status")
    return int(json.loads(text)["build"]) if text else 0


def wait_until(condition: Callable[[], bool], step: float = 0.1, timeout: float = 900) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("lessonkit serve: timed out")
        time.sleep(step)


def peak_mib(pid: int) -> float:
    """A running process's peak resident size (Linux), 0 where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0


def count_pages_bilingual(project: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(str(p)).pages) for p in (project / "build" / "pdf").rglob("*-bilingual.pdf"))


def profile_whole_job(project: Path) -> str:
    """Where the time goes: the top entries of a profile of one whole job, in this process."""
    sys.path.insert(0, str(REPO))
    from lessonkit.building.build import build
    from lessonkit.building.request import BuildRequest
    from lessonkit.project import load_project

    shutil.rmtree(project / "build", ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.enable()
    build(load_project(project), BuildRequest())
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(25)
    lines = [line for line in stream.getvalue().splitlines() if re.match(r"\s+\d", line)]
    return "\n".join(lines[:25])


# -- the report ------------------------------------------------------------------------------

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    import reportlab
    import sphinx

    return (f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
            f"reportlab {reportlab.Version}, {platform.system()} {platform.release()}")


def report(results: dict[int, tuple[dict[str, Figure], dict[str, float]]], profile: str, jobs: str) -> str:
    lines = ["# Benchmark results", "", f"Machine: {machine()}.", f"Parallel jobs: `-j {jobs}`.", "",
             "Medians of the runs; memory is the peak resident size of the largest process.", ""]
    lines += ["| lessons | figure | seconds | peak MiB |", "|---:|---|---:|---:|"]
    for size, (figures, _) in results.items():
        for figure in figures.values():
            if figure.runs:
                lines.append(f"| {size} | {figure.name} | {figure.seconds:.2f} | {figure.peak_mib:.0f} |")
    lines += ["", "| lessons | ratio | value | target | met |", "|---:|---|---:|---|---|"]
    sizes = sorted(results)
    for size in sizes:
        figures, counts = results[size]
        whole = figures["whole job"].seconds
        ratios = {"whole job / floor": whole / figures["floor"].seconds,
                  "edit one lesson / whole job": figures["edit one lesson"].seconds / whole,
                  "no change / whole job": figures["no change"].seconds / whole}
        if figures["serve edit"].runs:
            ratios["serve edit / whole job"] = figures["serve edit"].seconds / whole
        if figures["rst2pdf plain"].runs:
            ratios["kitpdf / rst2pdf"] = figures["kitpdf plain"].seconds / figures["rst2pdf plain"].seconds
        for name, value in ratios.items():
            met = "yes" if value <= TARGETS[name] else "no"
            lines.append(f"| {size} | {name} | {value:.2f} | ≤ {TARGETS[name]} | {met} |")
        throughput = counts["pages"] / figures["kitpdf layout"].seconds
        lines.append(f"| {size} | kitpdf pages per second ({counts['pages']:.0f} pages, whole PDF step) | "
                     f"{throughput:.0f} | ≥ 90 | {'yes' if throughput >= 90 else 'no'} |")
        peak = max(f.peak_mib for f in figures.values() if f.runs)
        lines.append(f"| {size} | peak memory, MiB | {peak:.0f} | < 400 | {'yes' if peak < 400 else 'no'} |")
    if len(sizes) >= 2:
        small, large = results[sizes[0]][0]["whole job"].seconds, results[sizes[1]][0]["whole job"].seconds
        limit = 4.4 * sizes[1] / 192 * 48 / sizes[0]
        lines.append(f"| {sizes[1]}/{sizes[0]} | whole job growth | {large / small:.2f} | ≤ {limit:.1f} | "
                     f"{'yes' if large / small <= limit else 'no'} |")
    if profile:
        lines += ["", "## Where the time goes", "",
                  f"Top of a cProfile of one whole job at {sizes[0]} lessons, in one process (`-j 1`), "
                  "cumulative seconds:", "",
                  "```", profile, "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[48, 192])
    parser.add_argument("--large", action="store_true", help="add the 768-lesson curriculum")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-j", "--jobs", default="auto")
    parser.add_argument("--no-peers", action="store_true", help="skip rst2pdf (no venv to install)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--corpus-tool", type=Path, default=DEFAULT_CORPUS_TOOL)
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results.md")
    args = parser.parse_args()
    if not args.corpus_tool.is_file():
        raise SystemExit(f"no corpus generator at {args.corpus_tool}; pass --corpus-tool")
    sizes = args.sizes + ([768] if args.large else [])
    # Measure lessonkit as pip installs it, compiled: an editable install is not, and where
    # PYTHONDONTWRITEBYTECODE is set each process would compile it again (Sphinx and the other
    # peers are compiled in site-packages).
    compileall.compile_dir(str(REPO / "lessonkit"), quiet=1)
    args.workdir.mkdir(parents=True, exist_ok=True)
    rst2pdf = None if args.no_peers else rst2pdf_python(args.workdir)
    subjects = {}
    for size in sizes:
        print(f"{size} lessons: making the curriculum", flush=True)
        project = make_curriculum(args.workdir, size, args.corpus_tool)
        subjects[size] = Subject(project, make_plain_documents(project, args.workdir / f"plain-{size}", rst2pdf=False),
                                 None if rst2pdf is None else make_plain_documents(
                                     project, args.workdir / f"plain-rst2pdf-{size}", rst2pdf=True))
    # Every run measures every size in turn: the machine's speed drifts over minutes, and the
    # growth from one size to the next must not measure the drift.
    for number in range(args.runs):
        for size, subject in subjects.items():
            print(f"run {number + 1} of {args.runs}: {size} lessons", flush=True)
            measure(subject, number, rst2pdf, args.jobs)
    profile = "" if args.no_profile else profile_whole_job(subjects[sizes[0]].project)
    results = {size: (subject.figures, subject.counts) for size, subject in subjects.items()}
    text = report(results, profile, args.jobs)
    print(text)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
