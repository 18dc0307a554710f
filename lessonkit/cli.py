"""The ``lessonkit`` command: parses arguments, calls the library, chooses exit codes."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import lessonkit
from lessonkit import bundles, i18n, scaffold
from lessonkit.building.build import build
from lessonkit.building.progress import ProgressBar
from lessonkit.building.request import FORMATS, BuildRequest, ContentErrors, UsageError
from lessonkit.building.sphinxjobs import BuildError
from lessonkit.fileerrors import OutputError, describe
from lessonkit.problem import Problem
from lessonkit.project import Project, ProjectError, load_project
from lessonkit.settings import KitSettings

if TYPE_CHECKING:
    from lessonkit.bundles.verify import PublicKey

OK, CONTENT, USAGE = 0, 1, 2

EPILOG = """\
examples:
  lessonkit init my-curriculum          start a curriculum with sample lessons
  lessonkit new --band ages-8-10 "Passwords are private"
  lessonkit check                       validate every lesson (exit 1 on errors)
  lessonkit serve                       live preview on http://127.0.0.1:8000 while you write
  lessonkit build --lang fr --format html
  lessonkit i18n update                 refresh the French catalogs
  lessonkit i18n status --fail-under 100
  lessonkit bundle --audience student   pack the student edition for remote learning
  lessonkit verify build/bundles/KIT.zip --extract /media/usb/kit
  lessonkit diff ../kit-2026.11 . -o change-report.html   what changed, for the reviewers

exit codes: 0 success, 1 content errors found, 2 usage errors.
Run 'lessonkit help COMMAND' for the options and examples of one command,
and 'lessonkit help settings' for every lessonkit setting of conf.py."""
COMMAND_EPILOG = "examples:\n  {examples}\n\nexit codes: 0 success, 1 content errors found, 2 usage errors."
HELP_TOPICS = {"settings": "every lessonkit_* setting of conf.py, with its default"}


def _colours(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


class Console:
    """Where messages go: plain lines, coloured only on a terminal without NO_COLOR."""

    def __init__(self, out: TextIO, err: TextIO, quiet: bool = False, verbose: bool = False) -> None:
        self.out, self.err, self.quiet, self.verbose = out, err, quiet, verbose
        self.colour = _colours(err)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.out)

    def error(self, message: str) -> None:
        prefix = "\x1b[31merror:\x1b[0m" if self.colour else "error:"
        print(f"{prefix} {message}", file=self.err)

    def status(self, message: str) -> None:
        """A summary or a step: on standard error, so that the findings alone go to a file."""
        if not self.quiet:
            print(message, file=self.err)

    def problem(self, problem: Problem | str) -> None:
        """A problem that stopped a command (a build, a bundle): on standard error."""
        print(_highlight(str(problem), self.colour), file=self.err)

    def finding(self, problem: Problem) -> None:
        """A finding of ``lessonkit check``: on standard output, as linters print them."""
        print(_highlight(str(problem), _colours(self.out)), file=self.out)

    @contextlib.contextmanager
    def progress(self) -> Iterator[tuple[TextIO | None, Callable[[str], None]]]:
        """Where Sphinx's status goes and how steps are announced: Sphinx's own output with
        --verbose, a progress bar on a terminal, one line per step elsewhere, nothing with --quiet."""
        if self.quiet or not (self.verbose or self.out.isatty()):
            yield None, self.info
        elif self.verbose:
            yield self.out, self.info
        else:
            bar = ProgressBar(self.out, colour=_colours(self.out))
            try:
                yield bar, bar.start
            except BaseException:
                bar.stop()
                raise
            bar.finish()


def _highlight(line: str, colour: bool) -> str:
    if colour:
        line = line.replace(": error: ", ": \x1b[31merror:\x1b[0m ", 1)
        line = line.replace(": warning: ", ": \x1b[33mwarning:\x1b[0m ", 1)
    return line


def _languages(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _wrap(text: str) -> str:
    """Fill the prose of a command's description to 78 columns; keep indented lines as they are."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith(" ") or not lines or lines[-1].startswith(" "):
            lines.append(line)
        else:
            lines[-1] += " " + line
    return "\n".join(line if line.startswith(" ") else textwrap.fill(line, 78) for line in lines)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError("--port takes a number from 0 to 65535 (0: any free port)")
    return int(value)


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

    def command(name: str, summary: str, example: str, details: str = "") -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=f"{summary}\n\n{_wrap(details)}".strip(),
                                  epilog=COMMAND_EPILOG.format(examples=example),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        _common_options(sub, top=False)
        return sub

    init = command("init", "start a new curriculum project in DIR",
                   "lessonkit init my-curriculum\n"
                   "  cd my-curriculum && lessonkit check && lessonkit build",
                   "DIR gets conf.py (the one file a board edits), a sample lesson per age band, the pages "
                   "around them (home, get help, disclosure, families) and their French catalogs.")
    init.add_argument("directory", type=Path, metavar="DIR", help="a new or empty folder")

    new = command("new", "add a lesson from the template, with every block",
                  'lessonkit new --band ages-8-10 "Passwords are private"\n'
                  '  lessonkit -C my-curriculum new --band ages-14-17 "Sharing images"',
                  "Writes lessons/BAND/ID.md, the id made from the title; fill in each block, then run "
                  "'lessonkit check'.")
    new.add_argument("--band", required=True, help="the age band, e.g. ages-8-10")
    new.add_argument("title", help="the lesson's title; its id is made from it")

    check = command("check", "validate lessons against the lesson format; exit 1 on errors",
                    "lessonkit check\n"
                    "  lessonkit check lessons/ages-8-10/passwords-are-private.md   the problems of one lesson\n"
                    "  lessonkit check --strict             before a board signs off: warnings are errors too\n"
                    "  lessonkit check > problems.txt        the findings in a file, the summary on screen\n"
                    "  lessonkit check --format json > problems.json",
                    "Reports every problem of every lesson, page, catalog, source and glossary in one run, "
                    "one per line on standard output (the summary goes to standard error):\n"
                    "  lessons/ages-5-7/secrets.md:3: error: band 'ages-5-8' is not declared [...]\n"
                    "  sources.yaml:12: warning: source 'c3p-2020' was last checked on 2024-01-10 [...]\n"
                    "Warnings (a source not checked for lessonkit_source_max_age_months, a source still "
                    "to verify) are listed but do not fail the check, nor a build; --strict makes them "
                    "errors. The writers' guide explains each [code] and how to fix it.")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text (one 'path:line: error: message [code]' per line) or json")
    check.add_argument("--strict", action="store_true",
                       help="report warnings as errors, so that they fail the check (exit 1)")
    check.add_argument("files", nargs="*", metavar="FILE",
                       help="report only the problems of these files (a lesson, a page, a catalog) and exit 1 "
                            "only on theirs; the whole curriculum is still checked, for the rules across files")

    build = command("build", "build the HTML site and PDF kits into build/",
                    "lessonkit build -j auto               the whole kit, as `make kit` builds it\n"
                    "  lessonkit build                       every language, HTML and PDF, one at a time\n"
                    "  lessonkit build --lang fr --format html\n"
                    "  lessonkit build --band ages-8-10 -j auto\n"
                    "  lessonkit build --audience student    the student edition\n"
                    "  lessonkit build --large-print         also handouts and letters in 18 pt type",
                    "Checks first; builds into a temporary folder and swaps the result into build/ only "
                    "when everything succeeded, so a failed build leaves the previous output in place. "
                    "'lessonkit build -j auto' is what 'make kit' runs after installing: every language and "
                    "format, the languages side by side (on Windows, where processes cannot fork, one after "
                    "the other).")
    build.add_argument("--lang", type=_languages, default=None, metavar="en,fr",
                       help="languages to build (default: all in conf.py)")
    build.add_argument("--format", type=_languages, default=None, metavar="html,pdf",
                       help="formats to build (default: html,pdf)")
    build.add_argument("--band", default=None, help="build only this band's lessons")
    build.add_argument("--audience", choices=("teacher", "student"), default="teacher",
                       help="student: leave out every teacher-only block (student edition)")
    build.add_argument("--strict-translations", action="store_true",
                       help="refuse to build a language whose catalogs are incomplete or fuzzy")
    build.add_argument("--large-print", action="store_true",
                       help="also write large-print handouts and family letters (18 pt text, reflowed: "
                            "<lesson>-handout-large-print.pdf); conf.py: lessonkit_large_print = True")
    build.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                       help="processes to use, or 'auto' for one per core; with two or more, "
                            "the languages are built side by side")
    build.add_argument("--letter-pair", type=_languages, action="append", default=None, metavar="fr,ar",
                       dest="letter_pairs",
                       help="a bilingual family letter: the school's language, then the home language "
                            "(repeat for more; default: lessonkit_letter_pairs)")

    trans = command("i18n", "update translation catalogs, or report their coverage",
                    "lessonkit i18n update                 after changing English text\n"
                    "  lessonkit i18n update --lang fr --prune\n"
                    "  lessonkit i18n status --lang fr --fail-under 100",
                    "update: new messages appear empty, changed ones keep their translation marked fuzzy. "
                    "status: translated, fuzzy and untranslated messages per document.")
    trans.add_argument("action", choices=("update", "status"))
    trans.add_argument("--lang", type=_languages, default=None, metavar="fr",
                       help="languages (default: every translated language of conf.py)")
    trans.add_argument("--prune", action="store_true",
                       help="update: drop the messages a page no longer has (kept as obsolete otherwise, for "
                            "reuse), and delete the catalogs of pages that no longer exist")
    trans.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                       help="status: exit 1 when the total is under PERCENT translated")
    trans.add_argument("--format", choices=("text", "json"), default="text", help="status: text or json")

    preview = command("serve", "live preview of one language while you write",
                      "lessonkit serve                       the first language of conf.py, on port 8000\n"
                      "  lessonkit serve --lang fr --port 8001",
                      "Builds the HTML of one language into build/serve/, serves it on 127.0.0.1 only, and "
                      "opens nothing: open the address it prints. Each time a lesson, page, catalog or "
                      "conf.py is saved, it runs the checks, rebuilds what changed and reloads the page; "
                      "problems show in the terminal and on the page, and the server keeps running. "
                      "Ctrl-C stops it.")
    preview.add_argument("--lang", default=None, metavar="fr",
                         help="the language to preview (default: the first of lessonkit_languages)")
    preview.add_argument("--port", type=_port, default=8000, metavar="N",
                         help="the port on 127.0.0.1 (default: 8000; 0: any free port)")

    bundle = command("bundle", "pack the kit into one offline file a school board can copy and verify",
                     "lessonkit bundle                      both languages, every band, teacher edition\n"
                     "  lessonkit bundle --audience student --lang fr --band ages-8-10\n"
                     "  lessonkit bundle --target zim         for Kiwix (also: kolibri, imscc, imscc13)\n"
                     "  lessonkit bundle --target imscc       Common Cartridge 1.1, which Moodle's importer reads\n"
                     "  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) lessonkit bundle   same sources, same bytes")
    bundle.add_argument("--lang", type=_languages, default=None, metavar="en,fr",
                        help="languages to include (default: all in conf.py)")
    bundle.add_argument("--band", default=None, help="include only this band's lessons")
    bundle.add_argument("--audience", choices=("teacher", "student"), default="teacher",
                        help="student: no teacher-only text anywhere, handouts as the only PDFs")
    bundle.add_argument("--target", choices=tuple(bundles.TARGETS), default="zip",
                        help="zip (default), zim (Kiwix), kolibri (HTML5 app zip), imscc (Common Cartridge 1.1: "
                             "the version Moodle's importer reads), imscc13 (Common Cartridge 1.3, for a "
                             "platform that asks for 1.3; Moodle does not import it)")
    bundle.add_argument("--format", type=_languages, default=None, metavar="html,pdf",
                        help="formats to build and include (default: html,pdf)")
    bundle.add_argument("-o", "--output", default=None, metavar="PATH",
                        help="the file to write (ending in the target's extension: .zip, .zim, .imscc), or a "
                             "folder for it, made if needed (default: build/bundles/); a file that is not a "
                             "bundle lessonkit made, or a place among the sources, is refused")
    bundle.add_argument("--large-print", action="store_true",
                        help="include the large-print handouts and family letters (18 pt text)")
    bundle.add_argument("--allow-untranslated", action="store_true",
                        help="ship pages not fully translated (they show the source language, with a notice); "
                             "without it, such pages stop the bundle, each named")
    bundle.add_argument("--force", action="store_true",
                        help="write to -o PATH even where it would replace another file or land among the sources")
    bundle.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help="processes to use, or 'auto' for one per core; with two or more, "
                             "the languages are built side by side")
    bundle.add_argument("--sign", type=Path, default=None, metavar="KEY",
                        help="sign the bundle's manifest with the board's Ed25519 private key (lessonkit keygen); "
                             "schools check it with verify --key")

    verify = command("verify", "check a bundle against its checksum file, signature and manifest; exit 1 "
                               "naming each bad file",
                     "lessonkit verify build/bundles/KIT.zip --extract /media/usb/kit\n"
                     "  lessonkit verify KIT.zip --key board.pub     a signed bundle, with the board's public key",
                     "Says what proves the copy is the one built: 'checksum file matched' (the .sha256 "
                     "beside it), 'signature valid' (with --key, or lessonkit_signing_key in conf.py), or "
                     "'integrity not proven'.")
    verify.add_argument("bundle", type=Path, metavar="BUNDLE", help="a bundle made by lessonkit bundle")
    verify.add_argument("--extract", type=Path, default=None, metavar="DIR",
                        help="after a clean check, extract into DIR (new or empty); nothing is written otherwise")
    verify.add_argument("--key", type=Path, default=None, metavar="PUBLIC",
                        help="the board's Ed25519 public key (PEM or OpenSSH .pub): the bundle must be signed "
                             "with its private key (default: lessonkit_signing_key of conf.py, if any)")

    diff = command("diff", "report what changed between two versions of a curriculum, for its reviewers",
                   "lessonkit diff ../kit-2026.11 ../kit-2026.12 -o change-report.html\n"
                   "  lessonkit diff v2026.11 HEAD             two git revisions of this project's repository\n"
                   "  lessonkit diff ../upstream-2026.11 ../upstream-2026.12 --board . -o change-report.html",
                   "OLD and NEW are curriculum folders (each holds conf.py), or git revisions (a tag, a branch, "
                   "a commit) of the repository that holds the project (-C, default: here). Lists the lessons "
                   "and pages added, removed and changed, with each changed passage before and after: English "
                   "from the Markdown, every other language from its catalogs, message by message; the front "
                   "matter (review date, duration...) that changed; the sources of sources.yaml that changed "
                   "and the citations added or dropped; and the catalogs of NEW a translator must finish "
                   "(fuzzy, untranslated, or not updated since the English changed). "
                   "With --board, says for each of upstream's changes whether the board's project edited the "
                   "same file (merge by hand) or not (take upstream's), and lists the board's own edits apart. "
                   "Reads files only: no conf.py is run, nothing is built. The report goes to standard output; "
                   "-o also writes it as one HTML file that works offline.")
    diff.add_argument("old", metavar="OLD", help="the earlier version: a folder, or a git revision")
    diff.add_argument("new", metavar="NEW", help="the later version: a folder, or a git revision")
    diff.add_argument("--board", default=None, metavar="BOARD",
                      help="the board's own project (a folder or a revision), started from OLD")
    diff.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                      help="also write the report as HTML to FILE (in a folder: FILE/change-report.html)")

    keygen = command("keygen", "make the board's key pair for signing bundles",
                     "lessonkit keygen ~/board-keys/board.key\n"
                     "  lessonkit bundle --sign ~/board-keys/board.key",
                     "Writes KEY (the Ed25519 private key, PEM, readable by you only: keep it off the "
                     "project and off the bundles) and KEY.pub (the public key, given to schools or named "
                     "in conf.py as lessonkit_signing_key).")
    keygen.add_argument("key", type=Path, metavar="KEY", help="where to write the private key (new file)")


    helper = command("help", "show the help of a command, or of the settings of conf.py",
                     "lessonkit help build\n  lessonkit help settings")
    helper.add_argument("topic", nargs="?", default=None, metavar="COMMAND",
                        choices=[*commands.choices, *HELP_TOPICS],
                        help=f"a command, or: {', '.join(f'{k} ({v})' for k, v in HELP_TOPICS.items())}")
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
    console.info(f"Created {project.shown(path)}: replace each [[placeholder]] with your own words, delete the "
                 "blocks this lesson does not need (the video, say), then run lessonkit check. Its place in the band's "
                 "list is its 'order:' (after the others, or by file name when it has none): the band's last lesson "
                 "holds the band's after-lessons check, if the band has one.")
    return OK


def run_check(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    asked = []
    for name in args.files:
        path = (Path(name) if Path(name).exists() else project.root / name).resolve()
        if not path.is_file() or not path.is_relative_to(project.root.resolve()):
            console.error(f"{name}: no such file in the curriculum ({project.root}); give a lesson, page or catalog")
            return USAGE
        asked.append(path.relative_to(project.root.resolve()).as_posix())
    lessons, problems = project.check(strict=args.strict)
    if asked:
        problems = [problem for problem in problems if problem.path in asked]
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    if args.format == "json":
        print(json.dumps({"lessons": len(lessons), "errors": errors, "warnings": warnings,
                          "problems": [p.as_dict() for p in problems]}, indent=2), file=console.out)
    else:
        for problem in problems:
            console.finding(problem)
        summary = (f"{_count(len(lessons), 'lesson')} checked, {_count(errors, 'error')}, "
                   f"{_count(warnings, 'warning')}")
        (console.error if errors else console.status)(summary)
    return CONTENT if errors else OK


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _refuse(console: Console, err: ContentErrors, outcome: str) -> int:
    """Print every problem that stopped a build, then what it means for the output."""
    for problem in err.problems:
        console.problem(problem)
    console.error(f"{len(err.problems)} problem(s) in the lessons; {outcome}")
    return CONTENT


def run_build(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    request = BuildRequest(
        languages=args.lang, formats=args.format or list(FORMATS),
        band=args.band, jobs=args.jobs, audience=args.audience,
        strict_translations=args.strict_translations, large_print=args.large_print,
        letter_pairs=[tuple(pair) for pair in args.letter_pairs] if args.letter_pairs else None,
    )
    try:
        with console.progress() as (status, step):
            report = build(project, request, status=status, progress=step)
    except ContentErrors as err:
        return _refuse(console, err, "nothing was built and the previous output is untouched")
    for path in report.outputs:
        console.info(f"built {project.shown(path)}")
    return OK


def run_bundle(args: argparse.Namespace, console: Console) -> int:
    from lessonkit.bundles.make import make_bundle  # the commands that do not bundle never load it

    project = _open(args)
    request = bundles.BundleRequest(
        languages=args.lang, band=args.band, audience=args.audience, target=args.target,
        formats=args.format or list(FORMATS), jobs=args.jobs, force=args.force,
        output=Path(args.output) if args.output else None,
        output_folder=bool(args.output) and args.output.endswith(("/", os.sep)),
        large_print=args.large_print,
        sign=args.sign, allow_untranslated=args.allow_untranslated,
    )
    try:
        with console.progress() as (status, step):
            report = make_bundle(project, request, status=status, progress=step)
    except ContentErrors as err:
        return _refuse(console, err, "no bundle was made")
    except bundles.BundleError as err:
        for finding in err.findings:
            print(finding, file=console.err)
        if isinstance(err, bundles.UntranslatedError):
            console.error(f"{len(err.findings)} page(s) not fully translated; no bundle was made: translate them "
                          "(lessonkit i18n status lists what is left), or pass --allow-untranslated to ship them "
                          "as they are, in the source language where the translation is missing, with a notice")
        else:
            console.error(f"{len(err.findings)} problem(s) in the built kit; no bundle was made")
        return CONTENT
    console.info(f"bundled {project.shown(report.path)}: {report.files} files, {report.size:,} bytes")
    console.info(f"SHA-256 {report.sha256} (also in {report.path.name}.sha256)")
    if args.sign is not None:
        console.info(f"signed with {args.sign} (manifest.sig inside the bundle); schools check it with "
                     "lessonkit verify --key and the public key")
    return OK


def run_keygen(args: argparse.Namespace, console: Console) -> int:
    from lessonkit.bundles import signing

    public, key = signing.generate(args.key)
    console.info(f"wrote {args.key} (private: keep it secret, off the project) and {public} (public)")
    console.info(f"key fingerprint {signing.fingerprint(key)}; sign with: lessonkit bundle --sign {args.key}")
    return OK


def _verify_key(args: argparse.Namespace) -> PublicKey | None:
    """--key, else the public key conf.py names (when verify runs in a project), else none."""
    from lessonkit.bundles.verify import load_key

    if args.key is not None:
        return load_key(args.key)
    try:
        project = _open(args)
    except ProjectError:
        if args.project is not None:
            raise
        return None  # a school checking a bundle has no project: no key unless --key
    if not project.settings.signing_key:
        return None
    path = project.root / project.settings.signing_key
    return load_key(path, f"{project.shown(path)}, lessonkit_signing_key of conf.py")


def run_verify(args: argparse.Namespace, console: Console) -> int:
    from lessonkit.bundles.verify import extract_bundle, verify_bundle

    key = _verify_key(args)
    if args.extract is None:
        result = verify_bundle(args.bundle, key)
    else:
        try:
            result = extract_bundle(args.bundle, args.extract, key)
        except bundles.BundleError as err:
            for finding in err.findings:
                print(finding, file=console.err)
            console.error(f"{args.extract} was left empty")
            return CONTENT
    for finding in result.findings:
        print(finding, file=console.err)
    if not result.ok:
        console.error(f"{args.bundle}: {len(result.findings)} problem(s); do not use this copy"
                      + (", nothing was extracted" if args.extract else ""))
        return CONTENT
    manifest = result.manifest or {}
    curriculum = manifest.get("curriculum", {})
    console.info(f"{args.bundle}: all {result.checked} files match the manifest "
                 f"({curriculum.get('name')} {curriculum.get('version')}, {manifest.get('edition')} edition, "
                 f"{', '.join(manifest.get('languages', []))}; built {manifest.get('build_date')})")
    if result.proofs:
        console.info(f"integrity: {'; '.join(result.proofs)}")
    else:
        console.info("integrity not proven: no checksum file (.sha256) beside the bundle"
                     + (" and no key to check its signature with (--key)" if result.signed else
                        ", and it is not signed")
                     + "; a manifest inside it can be rewritten along with the files: keep the .sha256 with "
                       "every copy, or check a signed bundle with the board's public key")
    if result.signed and key is None and result.proofs:
        console.info("it is signed: give the board's public key (--key board.pub) to check the signature too")
    if args.extract is not None:
        console.info(f"extracted into {args.extract}; open {args.extract / 'index.html'}")
    return OK


def run_serve(args: argparse.Namespace, console: Console) -> int:
    from lessonkit import serve

    preview = serve.Preview(args.project or Path.cwd(), args.lang, status=console.out if console.verbose else None)

    def ready(url: str) -> None:
        console.info(f"Previewing the {preview.language_name} kit at {url}")
        watched = ", ".join([*(f"{folder.name}/" for folder in preview.watched()), "conf.py"])
        console.info(f"Watching {watched}; press Ctrl-C to stop.")

    def built(outcome: serve.Outcome) -> None:
        names = outcome.changed[:3] + ([f"{len(outcome.changed) - 3} more"] if len(outcome.changed) > 3 else [])
        changed = f" after {', '.join(names)} changed" if names else ""
        if outcome.problems:
            for line in outcome.problems:
                console.problem(line)
            console.error(f"{len(outcome.problems)} problem(s){changed}; the preview keeps the last good "
                          "build and shows them on the page")
        else:
            console.info(f"[{outcome.build}] built in {outcome.seconds:.1f} s{changed}")

    try:
        serve.serve(preview, args.port, on_ready=ready, on_build=built)
    except KeyboardInterrupt:
        console.info("Stopped.")
    return OK


def run_diff(args: argparse.Namespace, console: Console) -> int:
    from lessonkit import changereport, changes

    repository = args.project or Path.cwd()
    with contextlib.ExitStack() as stack:
        old, new = (changes.open_version(spec, repository, stack) for spec in (args.old, args.new))
        board = changes.open_version(args.board, repository, stack) if args.board is not None else None
        report = changes.compare(old, new, board)
    print(changereport.as_text(report), end="", file=console.out)
    if args.output is not None:
        target = args.output / "change-report.html" if args.output.is_dir() else args.output
        target.write_text(changereport.as_html(report), encoding="utf-8")
        console.status(f"wrote {target}")
    return OK


def settings_help() -> str:
    """Every ``lessonkit_*`` setting of conf.py, its default and what it does (from KitSettings)."""
    lines = ["Settings of conf.py: Python values; a setting left out keeps its default.", ""]
    defaults = KitSettings.defaults()
    for item in dataclasses.fields(KitSettings):
        value = defaults[item.name]
        shown = repr(value)
        if isinstance(value, dict) and len(shown) > 60:
            shown = f"{len(value)} entries: {', '.join(map(str, value))}"
        lines.append(f"lessonkit_{item.name}")
        lines.extend(textwrap.wrap(item.metadata.get("help", ""), 88, initial_indent="    ",
                                   subsequent_indent="    "))
        lines.extend(textwrap.wrap(f"default: {shown}", 88, initial_indent="    ", subsequent_indent="      "))
    lines += ["", "Sphinx's own settings (project, copyright, language, html_theme...) keep their usual meaning."]
    return "\n".join(lines)


def run_i18n(args: argparse.Namespace, console: Console) -> int:
    project = _open(args)
    languages = args.lang or project.settings.all_languages[1:]
    unknown = [language for language in languages if language not in project.settings.all_languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; declare it in conf.py first, e.g. "
                         f"lessonkit_languages = {{'en': 'full', 'fr': 'full', '{unknown[0]}': 'family'}}")
    if args.action == "update":
        try:
            result = i18n.update(project, languages, prune=args.prune)
        except BuildError as error:  # Sphinx could not read the sources it extracts the messages from
            console.error(f"the catalogs were not updated: reading the sources found a problem; fix it and run "
                          f"the command again:\n{error}")
            return CONTENT
        for path in result.changed:
            console.info(f"updated {project.shown(path)}")
        for path in result.removed:
            console.info(f"deleted {project.shown(path)}: its page no longer exists")
        for path in result.orphans:
            console.info(f"{project.shown(path)}: its page no longer exists; delete it, or run "
                         "`lessonkit i18n update --prune`")
        console.info(f"{len(result.changed)} catalog(s) changed" + (f", {len(result.removed)} deleted"
                                                                     if result.removed else ""))
        return OK
    return _report_coverage(project, languages, args, console)


def _report_coverage(project: Project, languages: list[str], args: argparse.Namespace,
                     console: Console) -> int:
    failed = False
    result = {}
    for language in languages:
        rows = i18n.coverage(project, language)
        if not rows:  # nothing made yet: 0%, not the 100% of an empty total
            console.error(f"{language}: no catalogs yet; make them with lessonkit i18n update --lang {language}")
            failed = failed or args.fail_under is not None
            result[language] = {"documents": [], "total": None, "percent": 0.0}
            continue
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


def console_script() -> int:
    """The ``lessonkit`` console script: the command line, with the process's arguments and streams."""
    return main(sys.argv[1:])


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = make_parser()
    out, err = out or sys.stdout, err or sys.stderr
    try:  # argparse prints help, version and usage errors itself
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    console = Console(out, err, args.quiet, args.verbose)
    if args.command is None:
        parser.print_help(console.out)
        return USAGE
    if args.command == "help" and args.topic in HELP_TOPICS:
        print(settings_help(), file=console.out)
        return OK
    if args.command == "help":
        target = [args.topic, "--help"] if args.topic else ["--help"]
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(out):  # exits after printing
            parser.parse_args(target)
        return OK
    handlers: dict[str, Callable[[argparse.Namespace, Console], int]] = {
        "init": run_init, "new": run_new, "check": run_check, "build": run_build, "i18n": run_i18n,
        "serve": run_serve,
        "bundle": run_bundle, "verify": run_verify, "keygen": run_keygen, "diff": run_diff,
    }
    try:
        return handlers[args.command](args, console)
    except (ProjectError, UsageError, scaffold.ScaffoldError) as error:
        console.error(str(error))
        return USAGE
    except BuildError as error:
        console.error(f"the build failed; the previous output is untouched:\n{error}")
        return CONTENT
    except i18n.CatalogError as error:
        console.error(f"the catalogs were not updated; fix the file named below and run the command again:\n{error}")
        return CONTENT
    except OutputError as error:
        console.error(str(error))
        return CONTENT
    except OSError as error:  # a full disk, a folder made read-only while the command ran
        console.error(describe(error))
        return CONTENT
    except KeyboardInterrupt:
        console.error("interrupted; the previous output is untouched")
        return 130
