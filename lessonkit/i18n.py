"""Translation catalogs: extract messages, update catalogs without losing work, report coverage."""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import polib

from lessonkit import pofile
from lessonkit.building.sphinxjobs import SphinxJob, run_sphinx
from lessonkit.checks.catalogs import REVIEW_FIELD, THEME_CATALOG, UNREVIEWED, syntax_problems
from lessonkit.files import write_atomically
from lessonkit.project import Project
from lessonkit.settings import FAMILY

LANGUAGE_TEAMS = {"fr": "French", "en": "English", "es": "Spanish", "ar": "Arabic"}
FUZZY_THRESHOLD = 0.6
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "en": "nplurals=2; plural=(n != 1);",
                "es": "nplurals=2; plural=(n != 1);",
                "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                      ": n%100>=11 ? 4 : 5);"}


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


def _new_catalog(pot: polib.POFile, language: str) -> polib.POFile:
    """An empty catalog for ``language`` with the template's messages and our header."""
    catalog = polib.POFile()
    catalog.metadata = dict(pot.metadata)
    catalog.metadata.update({
        "PO-Revision-Date": pot.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": "lessonkit translators",
        "Language-Team": LANGUAGE_TEAMS.get(language, language),
        "Language": language,
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
        "Content-Type": "text/plain; charset=UTF-8",
        REVIEW_FIELD: UNREVIEWED,
    })
    catalog.metadata = dict(catalog.ordered_metadata())
    catalog.header = "Translation of the lessonkit curriculum."
    return catalog


def _with_language(metadata: dict[str, str], language: str) -> dict[str, str]:
    """The header with a Language field after Language-Team, where msgmerge --lang puts it."""
    fields = list(metadata.items())
    after = next((i + 1 for i, (name, _) in enumerate(fields) if name == "Language-Team"), len(fields))
    return dict([*fields[:after], ("Language", language), *fields[after:]])


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def _closest(entry: polib.POEntry, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The translated message most like ``entry``, if at least 60% alike (msgmerge's threshold)."""
    best, score = None, FUZZY_THRESHOLD
    for candidate in candidates:
        if candidate.msgctxt != entry.msgctxt:
            continue
        matcher = difflib.SequenceMatcher(None, entry.msgid, candidate.msgid, autojunk=False)
        if (matcher.real_quick_ratio() >= score and matcher.quick_ratio() >= score
                and (matcher.ratio() > score or (best is None and matcher.ratio() == score))):
            best, score = candidate, matcher.ratio()
    return best


def _carried(new: polib.POEntry, old: polib.POEntry, fuzzy: bool) -> polib.POEntry:
    """``new`` (positions and notes from the template) with the translation and comments of ``old``."""
    entry = copy.copy(new)
    entry.msgstr, entry.msgstr_plural = old.msgstr, dict(old.msgstr_plural)
    entry.tcomment = old.tcomment
    entry.flags = [flag for flag in new.flags if flag != "fuzzy"]
    if old.fuzzy or fuzzy:
        entry.flags.insert(0, "fuzzy")
        if old.fuzzy and old.previous_msgid is not None:
            entry.previous_msgctxt, entry.previous_msgid = old.previous_msgctxt, old.previous_msgid
            entry.previous_msgid_plural = old.previous_msgid_plural
        elif fuzzy:
            entry.previous_msgctxt, entry.previous_msgid = old.msgctxt, old.msgid
            entry.previous_msgid_plural = old.msgid_plural or None
    return entry


def merge(catalog: polib.POFile, template: polib.POFile, language: str, prune: bool = False) -> polib.POFile:
    """``catalog`` brought up to ``template``, as ``msgmerge --previous`` does: translations kept,
    changed messages marked fuzzy with their previous text, vanished ones obsolete (or dropped)."""
    merged = polib.POFile()
    merged.header, merged.metadata_is_fuzzy = catalog.header, catalog.metadata_is_fuzzy
    merged.metadata = dict(catalog.metadata)
    if "POT-Creation-Date" in template.metadata:
        merged.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    if "Language" not in merged.metadata:
        merged.metadata = _with_language(merged.metadata, language)
    old = {_key(entry): entry for entry in catalog}
    translated = [entry for entry in catalog if entry.msgstr or any(entry.msgstr_plural.values())]
    used: set[tuple[str | None, str]] = set()
    for new in template:
        source = old.get(_key(new))
        if source is None:
            source = _closest(new, translated)
        if source is None:
            entry = copy.copy(new)
            entry.flags = [flag for flag in new.flags if flag != "fuzzy"]
            merged.append(entry)
            continue
        used.add(_key(source))
        merged.append(_carried(new, source, fuzzy=_key(source) != _key(new)))
    if not prune:
        for entry in catalog:
            if _key(entry) not in used:
                gone = copy.copy(entry)
                gone.obsolete, gone.occurrences, gone.comment = True, [], ""
                merged.append(gone)
    return merged


_CREATED = re.compile(r'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


def _write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` (whole or not at all) only if it differs, other than the extraction date."""
    if path.exists() and _CREATED.sub("", path.read_text(encoding="utf-8")) == _CREATED.sub("", text):
        return False
    write_atomically(path, text)
    return True


@dataclass(frozen=True)
class Update:
    """What ``update`` did: catalogs written, catalogs deleted (``prune``), catalogs of no document."""

    changed: list[Path]
    removed: list[Path]
    orphans: list[Path]


SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")


def is_document(project: Project, docname: str) -> bool:
    """Whether the curriculum still has the page ``docname`` (a lesson, a band's page, a page of source/)."""
    return any((project.root / docname).with_suffix(suffix).is_file() for suffix in SOURCE_SUFFIXES)


def update(project: Project, languages: list[str], prune: bool = False, status: object = None) -> Update:
    """Refresh every catalog from the sources.

    Only documents that exist get a catalog: the gettext builder leaves the templates of deleted pages in
    build/gettext, and these are deleted instead. With ``prune``, messages gone from their document are
    dropped rather than kept as obsolete, and the catalogs of deleted documents are deleted.
    """
    _refuse_broken(project, languages)
    pot_dir = extract(project, status)
    for pot in sorted(pot_dir.rglob("*.pot")):
        if pot.relative_to(pot_dir).as_posix() != THEME_CATALOG.replace(".po", ".pot") \
                and not is_document(project, pot.relative_to(pot_dir).with_suffix("").as_posix()):
            pot.unlink()
    # Here, not above: familyscope loads Sphinx, which the cli (that imports this module) must not load
    # for a build with nothing to do.
    from lessonkit.sphinxext.familyscope import read_family_messages

    letters = read_family_messages(pot_dir)
    changed: list[Path] = []
    removed: list[Path] = []
    orphans: list[Path] = []
    for language in languages:
        target = project.locale_dir(language)
        for po in sorted(target.rglob("*.po")) if target.is_dir() else []:
            docname = po.relative_to(target).with_suffix("").as_posix()
            if po.relative_to(target).as_posix() != THEME_CATALOG and not is_document(project, docname):
                if prune:
                    po.unlink()
                    po.with_suffix(".mo").unlink(missing_ok=True)
                    removed.append(po)
                else:
                    orphans.append(po)
        for pot in sorted(pot_dir.rglob("*.pot")):
            relative = pot.relative_to(pot_dir).with_suffix(".po")
            if relative.as_posix() == THEME_CATALOG:
                continue  # the theme's words come translated with lessonkit itself
            po = target / relative
            template = in_scope(project, language, relative.with_suffix("").as_posix(), read(pot), letters)
            if template is None:
                continue
            catalog = read(po) if po.exists() else _new_catalog(template, language)
            if _write_if_changed(po, pofile.dumps(merge(catalog, template, language, prune))):
                changed.append(po)
    return Update(changed, removed, orphans)


def in_scope(project: Project, language: str, docname: str, template: polib.POFile,
             letters: dict[str, set[str]]) -> polib.POFile | None:
    """The part of ``template`` that ``language`` translates: all of it for a full language; for a
    family language, a family page whole, a lesson's family letter only, and nothing else (None)."""
    settings = project.settings
    if settings.scope(language) != FAMILY or docname in settings.family_pages:
        return template
    if docname not in letters:
        return None
    scoped = copy.copy(template)
    scoped[:] = [entry for entry in template if entry.msgid in letters[docname]]
    return scoped


def _refuse_broken(project: Project, languages: list[str]) -> None:
    """A catalog that is not PO syntax stops the update before anything is written: polib would read
    a text without its closing quote one character short, and writing it back would keep the cut."""
    problems = [problem for language in languages for po in sorted(project.locale_dir(language).rglob("*.po"))
                for problem in syntax_problems(po, project.shown(po))]
    if problems:
        raise CatalogError("\n".join(map(str, problems)))


# polib skips the previous msgid of an obsolete message (`#~| msgid`); read it as a current one's.
_OBSOLETE_PREVIOUS = re.compile(r"^#~\| ", re.MULTILINE)


def read(path: Path) -> polib.POFile:
    """A catalog or template, every comment kept; a file polib cannot read is a CatalogError."""
    try:
        return polib.pofile(_OBSOLETE_PREVIOUS.sub("#| ", path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as error:  # polib raises OSError for a syntax error
        raise CatalogError(f"{path}: {error}") from error


def coverage(project: Project, language: str) -> list[Coverage]:
    """Translated, fuzzy and untranslated messages of each catalog of ``language``."""
    target = project.locale_dir(language)
    family = project.settings.scope(language) == FAMILY
    found = []
    for po in sorted(target.rglob("*.po")):
        docname = po.relative_to(target).with_suffix("").as_posix()
        if docname + ".po" == THEME_CATALOG or not is_document(project, docname):
            continue  # a catalog of a deleted page is never shown: it does not count
        catalog = polib.pofile(str(po))
        active = [e for e in catalog if not e.obsolete]
        if family and docname not in project.settings.family_pages and not docname.startswith(LESSONS_PREFIX) \
                and not active:
            # a page outside the family edition, unless `update` gave it what a letter shows (the family notice)
            continue
        fuzzy = sum(1 for e in active if e.fuzzy)
        translated = sum(1 for e in active if e.translated())
        found.append(Coverage(po.relative_to(target).with_suffix("").as_posix(),
                              translated, fuzzy, len(active) - translated - fuzzy))
    return found


LESSONS_PREFIX = "lessons/"

_PSEUDO_ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")
# Markup a pseudo-translation leaves alone: link targets, addresses, code, roles, domain names.
_PSEUDO_PROTECTED = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}|\b[\w-]+\.(?:ca|org|com)\b")


# A role whose content is prose to translate (teacher-only text): `…`, or ``…`` around citations.
_PSEUDO_PROSE_ROLE = re.compile(r"(\{(?:lk-)?teacher\})(``.*?``|`[^`]*`)", re.S)


def _pseudo_plain(text: str) -> str:
    parts, last = [], 0
    for match in _PSEUDO_PROTECTED.finditer(text):
        parts += [text[last:match.start()].translate(_PSEUDO_ACCENTS), match.group()]
        last = match.end()
    return "".join(parts) + text[last:].translate(_PSEUDO_ACCENTS)


def pseudo(text: str) -> str:
    """A pseudo-translation of ``text``: every letter accented, markup untouched (but the prose of
    teacher-only text, which is translated like the rest)."""
    parts, last = [], 0
    for match in _PSEUDO_PROSE_ROLE.finditer(text):
        role, content = match.group(1), match.group(2)
        ticks = "``" if content.startswith("``") else "`"
        inner = content[len(ticks):-len(ticks)]
        parts += [_pseudo_plain(text[last:match.start()]), role, ticks, _pseudo_plain(inner), ticks]
        last = match.end()
    translated = "".join(parts) + _pseudo_plain(text[last:])
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
