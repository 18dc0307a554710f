"""``lessonkit build``: every language and format, built aside and swapped in only on success."""

from __future__ import annotations

import html
import json
import os
import shutil
import string
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from lessonkit.buildstate import BuildState, fingerprint
from lessonkit.fileerrors import OutputError, describe, unwritable
from lessonkit.lanes import Step, can_run_side_by_side, run_side_by_side
from lessonkit.pdf.scripts import PROBLEM as SCRIPT_PROBLEM
from lessonkit.problem import Problem
from lessonkit.project import Project
from lessonkit.settings import FAMILY, LANGUAGE_NAMES, direction_attribute
from lessonkit.sphinxrun import SphinxJob, run_sphinx

CHOOSER = Path(__file__).resolve().parent / "chooser.html"
FORMATS = {"html": "kithtml", "pdf": "kitpdf"}
CHOOSER_TEXT = {
    "en": "Choose the language of the kit",
    "fr": "Choisissez la langue de la trousse",
}


class UsageError(ValueError):
    """The command was asked for something that does not exist (exit code 2)."""


class ContentErrors(Exception):
    """``lessonkit check`` found problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the lessons")
        self.problems = problems

    def __reduce__(self) -> tuple[type[ContentErrors], tuple[list[Problem]]]:
        return ContentErrors, (self.problems,)  # the check may run in a process of its own (lanes.py)


@dataclass
class BuildRequest:
    languages: list[str] | None = None  # None: every language of conf.py
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    band: str | None = None
    jobs: int = 1
    audience: str = "teacher"
    strict_translations: bool = False
    large_print: bool = False  # also the large-print handouts and letters (conf.py may ask for them too)
    letter_pairs: list[tuple[str, str]] | None = None  # (school, home) letters; None: lessonkit_letter_pairs


@dataclass
class BuildReport:
    outputs: list[Path]


def resolve_request(project: Project, request: BuildRequest) -> BuildRequest:
    """Check the request against the project; fill in the defaults."""
    languages = request.languages or project.settings.all_languages
    unknown = [lang for lang in languages if lang not in project.settings.all_languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; conf.py declares "
                         f"{', '.join(project.settings.all_languages)} (lessonkit_languages)")
    bad = [f for f in request.formats if f not in FORMATS]
    if bad:
        raise UsageError(f"unknown format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    if request.band is not None and request.band not in project.settings.bands:
        raise UsageError(f"unknown band {request.band}; conf.py declares {', '.join(project.settings.bands)}")
    if request.audience not in ("teacher", "student"):
        raise UsageError("audience must be 'teacher' or 'student'")
    for pair in request.letter_pairs or []:
        if len(pair) != 2 or pair[0] == pair[1] or not set(pair) <= set(project.settings.all_languages):
            raise UsageError(f"--letter-pair {','.join(pair)}: give the school's language, then the home language, "
                             f"two of {', '.join(project.settings.all_languages)}, e.g. --letter-pair fr,ar")
    return BuildRequest(languages, request.formats, request.band, max(1, request.jobs), request.audience,
                        request.strict_translations, request.large_print, request.letter_pairs)


def doctree_dir(project: Project, language: str, request: BuildRequest) -> Path:
    """One environment per language and edition, kept between builds for speed."""
    name = "-".join(filter(None, [language, request.band, request.audience if request.audience != "teacher" else None]))
    return project.build_dir / ".doctrees" / name


STAGING_PREFIX = ".staging-"  # then the building process's id: a folder whose process is gone is abandoned


def _remove_abandoned_staging(root: Path) -> None:
    """Remove the staging folders of builds that were killed (their process no longer runs);
    a build running beside this one keeps its own."""
    for folder in root.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if os.name == "nt":
        return True  # signal 0 is Ctrl-C there: never clean up rather than risk it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def build(project: Project, request: BuildRequest, *, status: TextIO | None = None,
          progress: Callable[[str], None] = lambda _: None,
          output_root: Path | None = None) -> BuildReport:
    """Check, and build every requested language and format into ``output_root`` (build/).

    Each output is built in a staging folder that starts as a copy of the previous output
    (so Sphinx rewrites only what changed) and replaces it only when the check passed and
    everything succeeded. An output whose inputs have not changed since it was built is left
    as it is. With ``request.jobs`` > 1 the languages are built side by side (``_run``).
    """
    request = resolve_request(project, request)
    root = output_root or project.build_dir
    _refuse_unwritable(project, root, request)
    root.mkdir(parents=True, exist_ok=True)
    state = BuildState(root)
    _remove_abandoned_staging(root)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
    try:
        try:
            staged = _stage(project, request, root, state, staging, status, progress)
        except OSError as error:  # a full disk while building: staging is thrown away
            raise OutputError(f"{describe(error)}; nothing was swapped in, and the previous output is "
                              "untouched") from None
        outputs = _swap_in(staging, root, request)
        try:
            for output in staged.built:
                state.record(output, staged.shape, staged.inputs)
            state.save()
            if staged.letters_after_swap:
                progress(_bilingual_letters(root / "pdf", *_letters(project, request)))
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
    shape: str
    inputs: str
    letters_after_swap: bool


def _stage(project: Project, request: BuildRequest, root: Path, state: BuildState, staging: Path,
           status: TextIO | None, progress: Callable[[str], None]) -> _Staged:
    """Check, and build every output that is not up to date into ``staging``."""
    overrides: dict[str, object] = {"lessonkit_audience": request.audience}
    if request.strict_translations:
        overrides["lessonkit_strict_translations"] = True
    if request.large_print:
        overrides["lessonkit_large_print"] = True
    if "pdf" in request.formats:
        overrides["lessonkit_pdf_links"] = True
        overrides["lessonkit_bilingual_letters"] = len(_letters(project, request)[0]) > 1
    # Every step reads the same inputs: walk the project once, before anything is read.
    shape = _shape(project, request, overrides)
    inputs = fingerprint(project.root, root, shape)
    steps = [(lang, fmt) for lang in request.languages or [] for fmt in request.formats]
    lanes: dict[str, list[_Work]] = {}
    for number, (language, fmt) in enumerate(steps, 1):
        label = f"[{number}/{len(steps)}] {LANGUAGE_NAMES.get(language, language)} {fmt.upper()}"
        output = f"{fmt}/{language}"
        if state.up_to_date(output, shape, inputs, root / fmt / language):
            progress(f"{label}: up to date")
            continue
        lanes.setdefault(language, []).append(_Work(label, output, partial(
            _build_step, project, request, language, fmt, root, staging,
            state.same_shape(output, shape), overrides)))
    built = [work.output for works in lanes.values() for work in works]
    languages = request.languages or []
    letters = "pdf" in request.formats and len(languages) > 1 and bool(built)
    # The bilingual letters are made with the PDFs (before the swap) when every language's
    # PDFs are built; otherwise from the output, after the swap.
    letters_staged = letters and all(f"pdf/{language}" in built for language in languages)
    # With nothing to build, the lessons are the very ones that passed the check last time
    # (lessonkit's own code is part of the fingerprint): no need to check them again.
    if lanes:
        _run(lanes, request.jobs, status, progress, partial(_check, project, request),
             partial(_bilingual_letters, staging / "pdf", *_letters(project, request)) if letters_staged else None)
    if "html" in request.formats:
        write_chooser(project, staging / "html" / "index.html")
    return _Staged(built, shape, inputs, letters and not letters_staged)


def _build_step(project: Project, request: BuildRequest, language: str, fmt: str, root: Path, staging: Path,
                same_shape: bool, overrides: dict[str, object], jobs: int, status: TextIO | None) -> None:
    """Build one language in one format into ``staging``, from a copy of its last output if it has one."""
    target, staged = root / fmt / language, staging / fmt / language
    if target.is_dir() and same_shape:
        # The PDF builder writes each file anew (never into an existing one), so the previous
        # PDFs can be linked rather than copied; Sphinx's HTML builder rewrites files in place.
        shutil.copytree(target, staged, symlinks=True, copy_function=_link_or_copy if fmt == "pdf" else shutil.copy2)
    doctrees = doctree_dir(project, language, request)
    if fmt == "html" and project.settings.scope(language) == FAMILY:
        # A family language's site is its family pages alone, the first of them its home page
        # (its letters are PDFs, made from every lesson: the PDF run reads them all).
        overrides = {**overrides, **family_site(project)}
        doctrees = doctrees.with_name(doctrees.name + "-family-pages")
    run_sphinx(project, SphinxJob(FORMATS[fmt], language, staged, doctrees, jobs, request.band, overrides), status)


def family_site(project: Project) -> dict[str, object]:
    """The Sphinx settings that make a site of the family pages only."""
    pages = project.settings.family_pages
    return {"include_patterns": [f"{page}.md" for page in pages], "root_doc": pages[0],
            "suppress_warnings": [*project.namespace.get("suppress_warnings", []), "toc.excluded", "toc.not_included"]}


def home_page(project: Project, language: str) -> str:
    """The first page of ``language``'s site, relative to ``build/html/<language>/``."""
    if project.settings.scope(language) == FAMILY:
        return project.settings.family_pages[0].removeprefix("source/") + ".html"  # as html.page_name
    return "index.html"


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link where the file system allows one (not on FAT, for one), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


@dataclass(frozen=True)
class _Work:
    """A step to run: its label, the output it builds, and how (given -j and a status stream)."""

    label: str
    output: str
    run: Callable[[int, TextIO | None], None]


def _bilingual_letters(folder: Path, full: list[str], pairs: list[tuple[str, str]]) -> str:
    """The full languages' letters back to back, and each (school, home) pair's."""
    from lessonkit.pdf.bilingual import write_bilingual_letters, write_letter_pairs  # pikepdf: only with PDFs

    written = write_bilingual_letters(folder, full) if len(full) > 1 else []
    return f"{len(written) + len(write_letter_pairs(folder, pairs))} bilingual family letter(s) written"


def _letters(project: Project, request: BuildRequest) -> tuple[list[str], list[tuple[str, str]]]:
    """The full languages the request builds, and the (school, home) letter pairs they allow."""
    languages = request.languages or []
    full = [language for language in languages if project.settings.scope(language) != FAMILY]
    if request.letter_pairs is None:
        return full, project.settings.bilingual_pairs(languages)
    return full, [(school, home) for school, home in request.letter_pairs if {school, home} <= set(languages)]


def _check(project: Project, request: BuildRequest) -> None:
    _, problems = project.check()
    # A language without a face for its script stops its PDFs only, not the rest of the kit.
    problems = [problem for problem in problems if problem.code != SCRIPT_PROBLEM]
    if "pdf" in request.formats:
        problems += project.script_font_problems(request.languages or [])
    errors = [problem for problem in problems if problem.is_error]  # warnings never stop a build
    if errors:
        raise ContentErrors(errors)


def _run(lanes: dict[str, list[_Work]], jobs: int, status: TextIO | None,
         progress: Callable[[str], None], check: Callable[[], None], last: Callable[[], str] | None) -> None:
    """Check, and run each language's steps, then ``last``; languages side by side when -j allows
    more than one process.

    The processes that -j allows are shared between the languages: with two languages and two
    cores, each language is built by one process and neither waits for the other. The lessons
    are checked meanwhile (in staging: when the check fails, nothing is swapped in).
    """
    if len(lanes) > 1 and jobs > 1 and can_run_side_by_side():
        share = [jobs // len(lanes) + (index < jobs % len(lanes)) for index in range(len(lanes))]
        run_side_by_side({language: [Step(work.label, partial(work.run, max(1, n))) for work in works]
                          for (language, works), n in zip(lanes.items(), share, strict=True)},
                         status, progress, meanwhile=check, last=last)
        return
    check()
    for works in lanes.values():
        for work in works:
            progress(work.label)
            work.run(jobs, status)
    if last is not None:
        progress(last())


def _shape(project: Project, request: BuildRequest, overrides: dict[str, object]) -> str:
    """What, besides the contents of the inputs, makes one build's output differ from another's.

    The documents themselves are part of it: when one is added or removed, the next output
    starts afresh, so that a deleted lesson's pages and PDFs do not linger in it.
    """
    documents = sorted(path.relative_to(project.root).as_posix()
                       for folder in ("lessons", "source") for path in (project.root / folder).rglob("*.md"))
    return json.dumps({"band": request.band, "documents": documents, **overrides}, sort_keys=True)


def _refuse_unwritable(project: Project, root: Path, request: BuildRequest) -> None:
    """Every folder the build writes in, or swaps outputs in, must take it: checked before anything
    is built, so that a build never swaps in some outputs and then fails on the others."""
    existing = root
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    places = [existing, project.build_dir / ".doctrees",
              *(root / fmt / name for fmt in request.formats for name in ("", *(request.languages or [])))]
    for place in places:
        reason = unwritable(place) if place.exists() or place == existing else None
        if reason is not None:
            raise OutputError(f"{project.shown(place)}: {reason}; nothing was built, and the previous output "
                              "is untouched")


def _swap_in(staging: Path, root: Path, request: BuildRequest) -> list[Path]:
    """Move every built output into place, replacing the previous ones: all of them, or none (a
    failure puts back what was already swapped)."""
    moves = [(staging / fmt / language, root / fmt / language)
             for fmt in request.formats for language in request.languages or []]
    moves.append((staging / "html" / "index.html", root / "html" / "index.html"))
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for built, target in moves:
            if built.exists():
                done.append(_swap_one(built, target, staging / "old" / target.relative_to(root)))
    except OSError as error:
        try:
            for built, target, old in reversed(done):  # the same folders just took these moves
                os.replace(target, built)
                if old is not None:
                    os.replace(old, target)
        except OSError as again:
            raise SwapError(f"{describe(error)}; then, putting back the previous output: {describe(again)}; "
                            f"it is kept in {staging / 'old'}: move its folders back by hand", staging) from None
        raise OutputError(f"{describe(error)}; nothing was swapped in, and the previous output is untouched") \
            from None
    return [target for _, target, _ in done]


class SwapError(OutputError):
    """A swap failed and could not be undone: ``staging`` holds the previous output and must be kept."""

    def __init__(self, message: str, staging: Path) -> None:
        super().__init__(message)
        self.staging = staging


def _swap_one(built: Path, target: Path, old: Path) -> tuple[Path, Path, Path | None]:
    """Move ``built`` to ``target``, the previous ``target`` aside to ``old``; undo this on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = None
    if target.exists():
        old.parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, old)
        kept = old
    try:
        os.replace(built, target)
    except OSError:
        if kept is not None:
            os.replace(kept, target)
        raise
    return built, target, kept


def write_chooser(project: Project, path: Path) -> None:
    """The language chooser at the top of the site: plain HTML, no script."""
    links = "\n".join(
        f'    <li><a href="{code}/{home_page(project, code)}" hreflang="{code}" lang="{code}"'
        f'{direction_attribute(code)}>'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in project.settings.all_languages
    )
    prompts = " / ".join(
        f'<span lang="{code}">{html.escape(CHOOSER_TEXT.get(code, ""))}</span>'
        for code in project.settings.all_languages if code in CHOOSER_TEXT
    )
    title = html.escape(project.settings.board_in(project.settings.languages) or project.name)
    page = string.Template(CHOOSER.read_text(encoding="utf-8")).substitute(
        lang=project.settings.languages[0], title=title, prompts=prompts, links=links)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
