"""Translation catalogs: extract messages, update catalogs without losing work, report coverage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

from lessonkit.catalogcheck import THEME_CATALOG
from lessonkit.project import Project
from lessonkit.sphinxrun import SphinxJob, run_sphinx

LANGUAGE_TEAMS = {"fr": "French", "en": "English"}
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "en": "nplurals=2; plural=(n != 1);"}


class CatalogError(Exception):
    """A catalog could not be updated; nothing was written."""


@dataclass(frozen=True)
class Coverage:
    """The state of one catalog."""

    document: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def extract(project: Project, status: object = None) -> Path:
    """Run Sphinx's gettext builder; return the folder of templates (.pot)."""
    outdir = project.build_dir / "gettext"
    run_sphinx(project, SphinxJob("gettext", project.settings.languages[0], outdir,
                                  project.build_dir / ".doctrees" / "gettext"), status)  # type: ignore[arg-type]
    return outdir


def _msgmerge(po: Path, pot: Path, language: str) -> str:
    """Merge a template into a catalog with GNU msgmerge; return the new text."""
    if shutil.which("msgmerge") is None:
        raise CatalogError("msgmerge was not found; install GNU gettext (Debian: apt-get install gettext)")
    result = subprocess.run(
        ["msgmerge", "--quiet", "--previous", f"--lang={language}", "--sort-by-file",
         "--output-file=-", str(po), str(pot)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise CatalogError(f"{po}: msgmerge failed: {result.stderr.strip()}")
    return result.stdout


def _new_catalog(pot: Path, language: str) -> str:
    catalog = polib.pofile(str(pot))
    catalog.metadata.update({
        "PO-Revision-Date": catalog.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": "lessonkit translators",
        "Language-Team": LANGUAGE_TEAMS.get(language, language),
        "Language": language,
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
        "Content-Type": "text/plain; charset=UTF-8",
    })
    catalog.header = "Translation of the lessonkit curriculum."
    catalog.metadata_is_fuzzy = False
    for entry in catalog:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    return str(catalog)


def _drop_obsolete(text: str) -> str:
    catalog = polib.pofile(text)
    for entry in catalog.obsolete_entries():
        catalog.remove(entry)
    return str(catalog)


_CREATED = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


def _write_atomically(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` only if it differs (other than the extraction date);
    never leave a half-written file."""
    if path.exists() and _CREATED.sub("", path.read_text(encoding="utf-8")) == _CREATED.sub("", text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(tmp, path)
    return True


def update(project: Project, languages: list[str], prune: bool = False,
           status: object = None) -> list[Path]:
    """Refresh every catalog from the sources; return the catalogs that changed."""
    pot_dir = extract(project, status)
    changed: list[Path] = []
    for language in languages:
        target = project.locale_dir(language)
        for pot in sorted(pot_dir.rglob("*.pot")):
            if pot.relative_to(pot_dir).with_suffix(".po").as_posix() == THEME_CATALOG:
                continue  # the theme's words come translated with lessonkit itself
            relative = pot.relative_to(pot_dir).with_suffix(".po")
            po = target / relative
            if po.exists():
                text = _msgmerge(po, pot, language)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    fresh = Path(tmp) / "new.po"
                    fresh.write_text(_new_catalog(pot, language), encoding="utf-8")
                    text = _msgmerge(fresh, pot, language)
            if prune:
                text = _drop_obsolete(text)
            if _write_atomically(po, text):
                changed.append(po)
    return changed


def coverage(project: Project, language: str) -> list[Coverage]:
    """Translated, fuzzy and untranslated messages of each catalog of ``language``."""
    target = project.locale_dir(language)
    found = []
    for po in sorted(target.rglob("*.po")):
        if po.relative_to(target).as_posix() == THEME_CATALOG:
            continue
        catalog = polib.pofile(str(po))
        active = [e for e in catalog if not e.obsolete]
        fuzzy = sum(1 for e in active if e.fuzzy)
        translated = sum(1 for e in active if e.translated())
        found.append(Coverage(po.relative_to(target).with_suffix("").as_posix(),
                              translated, fuzzy, len(active) - translated - fuzzy))
    return found


_PSEUDO_ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")
# Markup a pseudo-translation leaves alone: link targets, addresses, code, roles, domain names.
_PSEUDO_PROTECTED = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}|\b[\w-]+\.(?:ca|org|com)\b")


def pseudo(text: str) -> str:
    """A pseudo-translation of ``text``: every letter accented, markup untouched."""
    parts, last = [], 0
    for match in _PSEUDO_PROTECTED.finditer(text):
        parts += [text[last:match.start()].translate(_PSEUDO_ACCENTS), match.group()]
        last = match.end()
    translated = "".join(parts) + text[last:].translate(_PSEUDO_ACCENTS)
    # A message starting "16. " would read as a numbered list: escape it, as a translator would.
    return re.sub(r"^(\d+)\. ", r"\1\\. ", translated)


def pseudo_translate(project: Project, language: str) -> int:
    """Replace every message of ``language``'s catalogs by its pseudo-translation (for tests
    and benchmarks: it overwrites real translations). Return the number of messages."""
    count = 0
    for path in sorted(project.locale_dir(language).rglob("*.po")):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = pseudo(entry.msgid)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            count += 1
        catalog.save()
    return count
