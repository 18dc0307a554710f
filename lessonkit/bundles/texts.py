"""The words a bundle adds around the site: the language chooser and the README, in each language."""

from __future__ import annotations

import datetime
import gettext
import html
import string
import textwrap
from collections.abc import Callable

from lessonkit.building.chooser import CHOOSER, CHOOSER_TEXT, home_page
from lessonkit.project import Project
from lessonkit.settings import LANGUAGE_NAMES, direction_attribute
from lessonkit.sphinxext.labels import CATALOG, LOCALE_DIR

WIDTH = 76
CODE = "\0"  # marks a command line of the README: indented, never wrapped


def words(language: str) -> Callable[[str], str]:
    """lessonkit's own catalog in ``language`` (English when it has no translation)."""
    return gettext.translation(CATALOG, str(LOCALE_DIR), languages=[language], fallback=True).gettext


def kit_title(project: Project, languages: list[str] | None = None) -> str:
    """The board's name in ``languages`` (default: every language of the kit), else the project's."""
    return project.settings.board_in(languages or project.settings.languages) or project.name


def chooser(project: Project, languages: list[str], prefix: str) -> str:
    """The language chooser, linking to each bundled language's home page only."""
    links = "\n".join(
        f'    <li><a href="{prefix}{code}/{home_page(project, code)}" hreflang="{code}" lang="{code}"'
        f'{direction_attribute(code)}>'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in languages
    )
    prompts = " / ".join(
        f'<span lang="{code}">{html.escape(CHOOSER_TEXT[code])}</span>' for code in languages if code in CHOOSER_TEXT
    )
    return string.Template(CHOOSER.read_text(encoding="utf-8")).substitute(
        lang=languages[0], title=html.escape(kit_title(project, languages)), prompts=prompts, links=links)


def age_range(project: Project, bands: list[str]) -> str:
    """'5–17' for bands of ages 5–7 to 14–17."""
    first, last = project.settings.band(bands[0]).ages, project.settings.band(bands[-1]).ages
    return first if first == last else f"{first.split('–')[0]}–{last.split('–')[-1]}"


def edition_name(audience: str, language: str) -> str:
    _ = words(language)
    return _("Student edition") if audience == "student" else _("Teacher edition")


def readme_name(language: str) -> str:
    return words(language)("README.txt")


def readme(project: Project, language: str, audience: str, date: datetime.datetime, has_pdfs: bool,
           bundle_name: str, signed: bool = False) -> str:
    """A short plain-text note on how to open the kit and check a copy with what every school computer has."""
    _ = words(language)
    lines = [
        kit_title(project, [language]),
        _("{edition}, version {version}, built on {date}").format(
            edition=edition_name(audience, language), version=project.version, date=date.date().isoformat()),
        "",
        _("How to open this kit"),
        "",
        _("1. Extract the whole zip file into a folder (Windows: right-click it and choose "
          "\"Extract All\"; macOS: double-click it)."),
        _("2. In that folder, open index.html with a web browser and choose a language. "
          "No internet connection is needed, and search works offline."),
    ]
    if has_pdfs:
        lines.append(_("3. The pdf folder holds the student handouts to print or fill in on screen.")
                     if audience == "student" else
                     _("3. The pdf folder holds the printable kits: for each lesson, a teacher guide, "
                       "a handout and a family letter, and one kit per age band."))
    checksum = f"{bundle_name}.sha256"
    lines += [
        "",
        _("How to check a copy"),
        "",
        _("The file {checksum}, sent with the zip file, holds the zip file's SHA-256 fingerprint. To check "
          "that a copy arrived intact, open a terminal in the folder that holds both files and run the "
          "command for your computer. It prints OK (True in PowerShell) when the copy is intact.").format(
            checksum=checksum),
        "",
        _("{system}:").format(system="Linux"),
        CODE + f"sha256sum -c {checksum}",
        _("{system}:").format(system="macOS"),
        CODE + f"shasum -a 256 -c {checksum}",
        _("{system}:").format(system="Windows (PowerShell)"),
        CODE + f"(Get-FileHash {bundle_name}).Hash -eq (Get-Content {checksum}).Split(' ')[0]",
        "",
        _("In the Windows command prompt, certutil -hashfile {bundle} SHA256 prints the fingerprint: it must be "
          "the first word of {checksum}.").format(bundle=bundle_name, checksum=checksum),
        "",
        _("manifest.json, in the extracted folder, lists every file of the kit with its size and SHA-256 "
          "fingerprint."),
    ]
    if signed:
        lines += [
            "",
            _("This kit is signed by the board: manifest.sig holds the board's signature of manifest.json. To "
              "check it you need the board's public key (a .pub file the board gives schools itself; here "
              "board.pub) and OpenSSL 3 (Linux; on Windows, Git for Windows' terminal). In the extracted "
              "folder, run:"),
            CODE + "openssl pkeyutl -verify -pubin -inkey board.pub -rawin -in manifest.json -sigfile manifest.sig",
            "",
            _("It prints \"Signature Verified Successfully\" when manifest.json is the board's. Then check each "
              "file against manifest.json (Linux, with jq; on macOS, shasum -a 256 -c instead of sha256sum -c):"),
            CODE + "jq -r '.files[] | \"\\(.sha256)  \\(.path)\"' manifest.json | sha256sum -c --quiet",
        ]
    lines += [
        "",
        _("Where lessonkit is installed, one command does every check:"),
        CODE + f"lessonkit verify {bundle_name}" + (" --key board.pub" if signed else ""),
        "",
    ]
    # Short lines: the note is read in Notepad and TextEdit, which may not wrap. Commands are never broken.
    return "\n".join(line.replace(CODE, "    ", 1) if line.startswith(CODE) else
                     textwrap.fill(line, WIDTH, subsequent_indent="   " if line[:2].rstrip(".").isdigit() else "",
                                   break_long_words=False, break_on_hyphens=False) for line in lines)
