"""The ``lessonkit`` command: parses arguments, calls the library, chooses exit codes."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import lessonkit
from lessonkit import building, i18n, scaffold
from lessonkit.lesson import Problem
from lessonkit.project import Project, ProjectError, load_project
from lessonkit.sphinxrun import BuildError

OK, CONTENT, USAGE = 0, 1, 2

EPILOG = """\
examples:
  lessonkit init my-curriculum          start a curriculum with sample lessons
  lessonkit new --band ages-8-10 "Passwords are private"
  lessonkit check                       validate every lesson (exit 1 on errors)
  lessonkit build --lang fr --format html
  lessonkit i18n update                 refresh the French catalogs
  lessonkit i18n status --fail-under 100

exit codes: 0 success, 1 content errors found, 2 usage errors.
Run 'lessonkit help COMMAND' for the options of one command."""


class Console:
    """Where messages go: plain lines, coloured only on a terminal without NO_COLOR."""

    def __init__(self, out: TextIO, err: TextIO, quiet: bool = False) -> None:
        self.out, self.err, self.quiet = out, err, quiet
        self.colour = err.isatty() and "NO_COLOR" not in os.environ

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.out)

    def error(self, message: str) -> None:
        prefix = "\x1b[31merror:\x1b[0m" if self.colour else "error:"
        print(f"{prefix} {message}", file=self.err)

    def problem(self, problem: Problem) -> None:
        print(problem, file=self.err)


def _languages(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int:
    if value == "auto":
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("-j takes a number of processes, or 'auto'")
    return int(value)


def _common_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """-C, -q and -v, accepted before or after the command (after it, they keep what came before)."""
    default = (lambda value: value) if top else (lambda _: argparse.SUPPRESS)
    parser.add_argument("-C", "--project", type=Path, default=default(None), metavar="DIR",
                        help="the curriculum folder (default: here, or the nearest parent with conf.py)")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False), help="print only errors")
    parser.add_argument("-v", "--verbose", action="store_true", default=default(False),
                        help="show Sphinx's own output as well")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lessonkit", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build age-banded digital-safety lessons (MyST Markdown) into bilingual "
                    "offline HTML, printable PDF kits and verified bundles.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"lessonkit {lessonkit.__version__}")
    _common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary,
                                  epilog=f"example:\n  {example}",
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        _common_options(sub, top=False)
        return sub

    init = command("init", "start a new curriculum project in DIR", "lessonkit init my-curriculum")
    init.add_argument("directory", type=Path, metavar="DIR")

    new = command("new", "add a lesson from the template, with every block",
                  'lessonkit new --band ages-8-10 "Passwords are private"')
    new.add_argument("--band", required=True, help="the age band, e.g. ages-8-10")
    new.add_argument("title", help="the lesson's title; its id is made from it")

    check = command("check", "validate lessons against the lesson format; exit 1 on errors",
                    "lessonkit check --format json")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text (one 'path:line: error: message [code]' per line) or json")

    build = command("build", "build the HTML site and PDF kits into build/",
                    "lessonkit build --lang fr --format html --band ages-8-10 -j auto")
    build.add_argument("--lang", type=_languages, default=None, metavar="en,fr",
                       help="languages to build (default: all in conf.py)")
    build.add_argument("--format", type=_languages, default=None, metavar="html,pdf",
                       help="formats to build (default: html,pdf)")
    build.add_argument("--band", default=None, help="build only this band's lessons")
    build.add_argument("--audience", choices=("teacher", "student"), default="teacher",
                       help="student: leave out every teacher-only block (student edition)")
    build.add_argument("--strict-translations", action="store_true",
                       help="refuse to build a language whose catalogs are incomplete or fuzzy")
    build.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                       help="parallel processes for reading and writing, or 'auto'")

    trans = command("i18n", "update translation catalogs, or report their coverage",
                    "lessonkit i18n status --lang fr --fail-under 100")
    trans.add_argument("action", choices=("update", "status"))
    trans.add_argument("--lang", type=_languages, default=None, metavar="fr",
                       help="languages (default: every translated language of conf.py)")
    trans.add_argument("--prune", action="store_true", help="update: drop obsolete entries")
    trans.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                       help="status: exit 1 when the total is under PERCENT translated")
    trans.add_argument("--format", choices=("text", "json"), default="text")

    helper = command("help", "show the help of a command", "lessonkit help build")
    helper.add_argument("topic", nargs="?", default=None, metavar="COMMAND")
    return parser


def _open(args: argparse.Namespace) -> Project:
    return load_project(args.project or Path.cwd())


def run_init(args: argparse.Namespace, console: Console) -> int:
    files = scaffold.init_project(args.directory)
    console.info(f"Created a curriculum in {args.directory} ({len(files)} files).")
    console.info(f"Next: cd {args.directory} && lessonkit check && lessonkit build")
    return OK


def run_new(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    path = scaffold.new_lesson(project, args.band, args.title)
    console.info(f"Created {project.shown(path)}; fill in each block, then run lessonkit check.")
    return OK


def run_check(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    lessons, problems = project.check()
    if args.format == "json":
        print(json.dumps({"lessons": len(lessons), "problems": [p.as_dict() for p in problems]},
                         indent=2), file=console.out)
    else:
        for problem in problems:
            console.problem(problem)
        summary = f"{len(lessons)} lessons checked, {len(problems)} problem(s)"
        (console.error if problems else console.info)(summary)
    return CONTENT if problems else OK


def run_build(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    request = building.BuildRequest(
        languages=args.lang, formats=args.format or list(building.FORMATS),
        band=args.band, jobs=args.jobs, audience=args.audience,
        strict_translations=args.strict_translations,
    )
    on_terminal = (console.out.isatty() or args.verbose) and not console.quiet
    try:
        report = building.build(project, request, status=console.out if on_terminal else None,
                                progress=console.info)
    except building.ContentErrors as err:
        for problem in err.problems:
            console.problem(problem)
        console.error(f"{len(err.problems)} problem(s) in the lessons; nothing was built "
                      "and the previous output is untouched")
        return CONTENT
    for path in report.outputs:
        console.info(f"built {project.shown(path)}")
    return OK


def run_i18n(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    languages = args.lang or project.settings.languages[1:]
    if args.action == "update":
        changed = i18n.update(project, languages, prune=args.prune)
        for path in changed:
            console.info(f"updated {project.shown(path)}")
        console.info(f"{len(changed)} catalog(s) changed")
        return OK
    return _report_coverage(project, languages, args, console)


def _report_coverage(project: Project, languages: list[str], args: argparse.Namespace,
                     console: Console) -> int:
    failed = False
    result = {}
    for language in languages:
        rows = i18n.coverage(project, language)
        total = i18n.Coverage("TOTAL", *(sum(getattr(r, f) for r in rows)
                                         for f in ("translated", "fuzzy", "untranslated")))
        result[language] = {"documents": [r.__dict__ for r in rows], "total": total.__dict__,
                            "percent": round(total.percent, 1)}
        if args.fail_under is not None and total.percent < args.fail_under:
            failed = True
        if args.format == "text":
            console.info(f"{language}: {'document':<60} {'translated':>10} {'fuzzy':>6} {'untranslated':>12}")
            for row in [*rows, total]:
                console.info(f"    {row.document:<60} {row.translated:>10} {row.fuzzy:>6} "
                             f"{row.untranslated:>12}  {row.percent:5.1f}%")
    if args.format == "json":
        print(json.dumps(result, indent=2), file=console.out)
    if failed:
        console.error(f"translation coverage is under {args.fail_under}%")
    return CONTENT if failed else OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = make_parser()
    out, err = out or sys.stdout, err or sys.stderr
    try:  # argparse prints help, version and usage errors itself
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    console = Console(out, err, args.quiet)
    if args.command is None:
        parser.print_help(console.out)
        return USAGE
    if args.command == "help":
        target = [args.topic, "--help"] if args.topic else ["--help"]
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(out):  # exits after printing
            parser.parse_args(target)
        return OK
    handlers: dict[str, Callable[[argparse.Namespace, Console], int]] = {
        "init": run_init, "new": run_new, "check": run_check, "build": run_build, "i18n": run_i18n,
    }
    try:
        return handlers[args.command](args, console)
    except (ProjectError, building.UsageError, scaffold.ScaffoldError) as error:
        console.error(str(error))
        return USAGE
    except (BuildError, i18n.CatalogError) as error:
        console.error(f"the build failed; the previous output is untouched:\n{error}")
        return CONTENT
    except KeyboardInterrupt:
        console.error("interrupted; the previous output is untouched")
        return 130
