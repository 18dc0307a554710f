"""``lessonkit build``: every language and format, built aside and swapped in only on success.

The path, in order: check the request (``request``); refuse before any work a folder the build
cannot write (``staging``); take the inputs' fingerprint and skip each output that is up to date
(``record``); check the lessons and run Sphinx for each remaining language and format into a
staging folder (``sphinxjobs``), languages side by side with -j 2 and more (``sidebyside``);
swap the outputs in (``staging``); record what they were built from.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from lessonkit.building.chooser import write_chooser
from lessonkit.building.record import BuildRecord, inputs_fingerprint
from lessonkit.building.request import (
    FORMATS,
    BuildRequest,
    ContentErrors,
    config_overrides,
    doctree_dir,
    family_site,
    letter_languages,
    resolve_request,
)
from lessonkit.building.sidebyside import Step, can_run_side_by_side, run_side_by_side
from lessonkit.building.sphinxjobs import SphinxJob, run_sphinx
from lessonkit.building.staging import (
    SwapError,
    copy_previous_output,
    new_staging_folder,
    refuse_unwritable,
    swap_in,
)
from lessonkit.fileerrors import OutputError, describe
from lessonkit.pdf.scripts import PROBLEM as SCRIPT_PROBLEM
from lessonkit.project import Project
from lessonkit.settings import FAMILY, LANGUAGE_NAMES


@dataclass
class BuildReport:
    outputs: list[Path]


def build(project: Project, request: BuildRequest, *, status: TextIO | None = None,
          progress: Callable[[str], None] = lambda _: None,
          output_root: Path | None = None) -> BuildReport:
    """Check, and build every requested language and format into ``output_root`` (build/).

    Each output is built in a staging folder that starts as a copy of the previous output
    (so Sphinx rewrites only what changed) and replaces it only when the check passed and
    everything succeeded. An output whose inputs have not changed since it was built is left
    as it is. With ``request.jobs`` > 1 the languages are built side by side (``_run_steps``).
    """
    request = resolve_request(project, request)
    root = output_root or project.build_dir
    refuse_unwritable(project, root, request)
    root.mkdir(parents=True, exist_ok=True)
    record = BuildRecord(root)
    staging = new_staging_folder(root)
    try:
        try:
            staged = _build_into_staging(project, request, root, record, staging, status, progress)
        except OSError as error:  # a full disk while building: staging is thrown away
            raise OutputError(f"{describe(error)}; nothing was swapped in, and the previous output is "
                              "untouched") from None
        outputs = swap_in(staging, root, request)
        try:
            for output in staged.built:
                record.record(output, staged.settings, staged.inputs)
            record.save()
            if staged.letters_after_swap:
                progress(_bilingual_letters(root / "pdf", *letter_languages(project, request), request.jobs))
        except OSError as error:
            raise OutputError(f"{describe(error)}; the new outputs are in place, but build again once this "
                              "is fixed") from None
    except SwapError:
        raise  # staging holds the previous output: it is kept
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(outputs)


@dataclass(frozen=True)
class _Staged:
    """What a build put in its staging folder, and what remains to do once it is swapped in."""

    built: list[str]
    settings: str
    inputs: str
    letters_after_swap: bool


@dataclass(frozen=True)
class _Work:
    """A step to run: its label, the output it builds, and how (given -j and a status stream)."""

    label: str
    output: str
    run: Callable[[int, TextIO | None], None]


def _build_into_staging(project: Project, request: BuildRequest, root: Path, record: BuildRecord, staging: Path,
                        status: TextIO | None, progress: Callable[[str], None]) -> _Staged:
    """Check, and build every output that is not up to date into ``staging``."""
    overrides = config_overrides(project, request)
    # Every step reads the same inputs: walk the project once, before anything is read.
    settings = _build_settings(project, request, overrides)
    inputs = inputs_fingerprint(project.root, root, settings)
    steps = [(lang, fmt) for lang in request.languages or [] for fmt in request.formats]
    by_language: dict[str, list[_Work]] = {}
    for number, (language, fmt) in enumerate(steps, 1):
        label = f"[{number}/{len(steps)}] {LANGUAGE_NAMES.get(language, language)} {fmt.upper()}"
        output = f"{fmt}/{language}"
        if record.up_to_date(output, settings, inputs, root / fmt / language):
            progress(f"{label}: up to date")
            continue
        by_language.setdefault(language, []).append(_Work(label, output, partial(
            _build_step, project, request, language, fmt, root, staging,
            record.same_settings(output, settings), overrides)))
    built = [work.output for works in by_language.values() for work in works]
    languages = request.languages or []
    letters = "pdf" in request.formats and len(languages) > 1 and bool(built)
    # The bilingual letters are made with the PDFs (before the swap) when every language's
    # PDFs are built; otherwise from the output, after the swap.
    letters_staged = letters and all(f"pdf/{language}" in built for language in languages)
    # With nothing to build, the lessons are the very ones that passed the check last time
    # (lessonkit's own code is part of the fingerprint): no need to check them again.
    if by_language:
        _run_steps(by_language, request.jobs, status, progress, partial(_check, project, request),
                   partial(_bilingual_letters, staging / "pdf", *letter_languages(project, request), request.jobs)
                   if letters_staged else None)
    if "html" in request.formats:
        write_chooser(project, staging / "html" / "index.html")
    return _Staged(built, settings, inputs, letters and not letters_staged)


def _build_step(project: Project, request: BuildRequest, language: str, fmt: str, root: Path, staging: Path,
                same_settings: bool, overrides: dict[str, object], jobs: int, status: TextIO | None) -> None:
    """Build one language in one format into ``staging``, from a copy of its last output if it has one."""
    target, staged = root / fmt / language, staging / fmt / language
    if target.is_dir() and same_settings:
        copy_previous_output(target, staged, fmt)
    doctrees = doctree_dir(project, language, request)
    if fmt == "html" and project.settings.scope(language) == FAMILY:
        # A family language's site is its family pages alone, the first of them its home page
        # (its letters are PDFs, made from every lesson: the PDF run reads them all).
        overrides = {**overrides, **family_site(project)}
        doctrees = doctrees.with_name(doctrees.name + "-family-pages")
    run_sphinx(project, SphinxJob(FORMATS[fmt], language, staged, doctrees, jobs, request.band, overrides), status)


def _bilingual_letters(folder: Path, full: list[str], pairs: list[tuple[str, str]], jobs: int) -> str:
    """The full languages' letters back to back, and each (school, home) pair's."""
    from lessonkit.pdf.bilingual import write_letters  # pikepdf: only with PDFs

    return f"{len(write_letters(folder, full, pairs, jobs))} bilingual family letter(s) written"


def _check(project: Project, request: BuildRequest) -> None:
    _, problems = project.check()
    # A language without a face for its script stops its PDFs only, not the rest of the kit.
    problems = [problem for problem in problems if problem.code != SCRIPT_PROBLEM]
    if "pdf" in request.formats:
        problems += project.script_font_problems(request.languages or [])
    errors = [problem for problem in problems if problem.is_error]  # warnings never stop a build
    if errors:
        raise ContentErrors(errors)


def _run_steps(by_language: dict[str, list[_Work]], jobs: int, status: TextIO | None,
               progress: Callable[[str], None], check: Callable[[], None],
               when_all_finished: Callable[[], str] | None) -> None:
    """Check, and run each language's steps, then ``when_all_finished``; languages side by side when
    -j allows more than one process.

    The processes that -j allows are shared between the languages: with two languages and two
    cores, each language is built by one process and neither waits for the other. The lessons
    are checked at the same time (in staging: when the check fails, nothing is swapped in).
    """
    if len(by_language) > 1 and jobs > 1 and can_run_side_by_side():
        share = [jobs // len(by_language) + (index < jobs % len(by_language)) for index in range(len(by_language))]
        run_side_by_side({language: [Step(work.label, partial(work.run, max(1, n))) for work in works]
                          for (language, works), n in zip(by_language.items(), share, strict=True)},
                         status, progress, check=check, when_all_finished=when_all_finished)
        return
    check()
    for works in by_language.values():
        for work in works:
            progress(work.label)
            work.run(jobs, status)
    if when_all_finished is not None:
        progress(when_all_finished())


def _build_settings(project: Project, request: BuildRequest, overrides: dict[str, object]) -> str:
    """What, besides the contents of the inputs, makes one build's output differ from another's.

    The documents themselves are part of it: when one is added or removed, the next output
    starts afresh, so that a deleted lesson's pages and PDFs do not linger in it.
    """
    documents = sorted(path.relative_to(project.root).as_posix()
                       for folder in ("lessons", "source") for path in (project.root / folder).rglob("*.md"))
    return json.dumps({"band": request.band, "documents": documents, **overrides}, sort_keys=True)
