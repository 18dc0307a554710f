"""What changed between two versions of a curriculum, for the people who review it (``lessonkit diff``).

A board that takes a new version needs to know, lesson by lesson, what its reviewers must read
again: the text that changed in each language, the facts and sources that changed, the catalogs a
translator must finish, and which of upstream's changes touch what the board edited itself. The
versions are read as files (Markdown, catalogs, sources.yaml, and conf.py's plain values read
without running it), so comparing a downloaded version runs none of its code.
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from lessonkit.lesson import LessonError, split_front_matter
from lessonkit.project import BAND_PAGE, LESSONS_DIR, PAGES_DIR, ProjectError
from lessonkit.sources import Source, cited_keys, read_sources

# The order in which a lesson's front matter is shown (the lesson format's order).
# A line of a block's markup rather than its text: its opening or closing fence, or one of its options.
_MARKUP_LINE = re.compile(r"^\s*(:{3,}|`{3,}|~{3,}|:[\w-]+:(\s|$))")
_FRONT_MATTER_ORDER = ("id", "band", "duration", "topics", "sensitive", "reviewed", "reviewed-by", "outcomes", "order")


class VersionError(ProjectError):
    """A version named on the command line is neither a curriculum folder nor a git revision."""


@dataclass(frozen=True)
class Version:
    """One version of a curriculum, as files: where it is, how to name it, its languages."""

    root: Path
    label: str  # the folder or the git revision, as the user named it
    release: str
    languages: tuple[str, ...]
    locale: str = "locale"

    def catalog(self, language: str, document: str) -> Path:
        return self.root / self.locale / language / "LC_MESSAGES" / f"{document}.po"


@dataclass(frozen=True)
class TextChange:
    """One changed passage: the text before and after ('' when added or removed), and where it is now."""

    before: str
    after: str
    line: int = 0
    status: str = ""  # translations: 'fuzzy' or 'untranslated' when the new text awaits a translator


@dataclass
class DocumentChange:
    """A lesson or a page that was added, removed or changed, and how."""

    kind: str  # 'lesson' or 'page'
    key: str  # a lesson's id; a page's path without .md
    path: str  # the file in the new version (in the old one when removed)
    title: str
    status: str  # 'added', 'removed' or 'changed'
    metadata: list[tuple[str, str, str]] = field(default_factory=list)  # (front-matter key, before, after)
    english: list[TextChange] = field(default_factory=list)
    translations: dict[str, list[TextChange]] = field(default_factory=dict)
    cited_added: list[str] = field(default_factory=list)
    cited_removed: list[str] = field(default_factory=list)
    board: str = ""  # with --board: 'edited', 'unedited', 'left out' or 'added' (the board's own file)


@dataclass(frozen=True)
class SourceChange:
    key: str
    status: str  # 'added', 'removed' or 'changed'
    fields: tuple[tuple[str, str, str], ...]  # (field, before, after)


@dataclass(frozen=True)
class CatalogNeed:
    """A catalog of the new version a translator must work on."""

    language: str
    document: str
    fuzzy: int
    untranslated: int
    outdated: bool = False  # its document's English changed and the catalog did not follow


@dataclass
class ChangeReport:
    old: Version
    new: Version
    documents: list[DocumentChange]
    sources: list[SourceChange]
    catalogs: list[CatalogNeed]
    board: Version | None = None
    board_only: list[DocumentChange] = field(default_factory=list)  # the board's edits upstream did not touch

    def count(self, kind: str, status: str) -> int:
        return sum(1 for d in self.documents if d.kind == kind and d.status == status)


# -- reading a version -----------------------------------------------------------------------

def _conf_values(conf: Path) -> dict[str, Any]:
    """The plain values (strings, lists, dicts) assigned at the top of conf.py, read without running it."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError) as error:
        raise VersionError(f"{conf}: error: conf.py cannot be read ({error})") from None
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def read_version(root: Path, label: str) -> Version:
    """A curriculum folder (the one holding conf.py) as a version."""
    if not (root / "conf.py").is_file():
        raise VersionError(f"{label}: no conf.py there; name a curriculum folder (or, inside a git repository, "
                           "a revision such as v2026.11 or HEAD~3)")
    values = _conf_values(root / "conf.py")
    languages = values.get("lessonkit_languages", ["en", "fr"])
    locale_dirs = values.get("locale_dirs", ["locale"])
    return Version(root, label, str(values.get("release") or values.get("version") or "?"),
                   tuple(str(x) for x in languages) if isinstance(languages, list) else ("en", "fr"),
                   str(locale_dirs[0]) if isinstance(locale_dirs, list) and locale_dirs else "locale")


def open_version(spec: str, repository: Path, stack: ExitStack) -> Version:
    """A folder, or else a git revision of the repository that holds ``repository`` (checked out into a
    temporary folder that ``stack`` removes)."""
    folder = Path(spec)
    if folder.is_dir():
        return read_version(folder, spec)
    run = ["git", "-C", str(repository)]
    try:
        found = subprocess.run([*run, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"],
                               capture_output=True, text=True, check=False)
        top = subprocess.run([*run, "rev-parse", "--show-prefix"], capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine
        found = top = None
    if found is None or top is None or found.returncode != 0:
        raise VersionError(f"{spec}: no such folder, and not a revision of a git repository at {repository}; "
                           "name a curriculum folder or a git revision (a tag, a branch, a commit)")
    target = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lessonkit-diff-")))
    archive = subprocess.run([*run, "archive", "--format=tar", found.stdout.strip()],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise VersionError(f"{spec}: git archive failed: {archive.stderr.decode(errors='replace').strip()}")
    tar_path = target / "version.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(target / "tree", filter="data")  # nothing outside the folder, no links out of it
    return read_version(target / "tree" / top.stdout.strip(), spec)


def _documents(root: Path) -> dict[tuple[str, str], Path]:
    """(kind, key) -> file, for every lesson (keyed by id) and page (keyed by path) of a version."""
    found: dict[tuple[str, str], Path] = {}
    lessons = root / LESSONS_DIR
    for path in sorted(lessons.glob("*/*.md")) if lessons.is_dir() else []:
        if path.name == BAND_PAGE:
            found[("page", path.relative_to(root).with_suffix("").as_posix())] = path
        else:
            meta = _front_matter(path)
            found[("lesson", str(meta.get("id") or path.stem))] = path
    pages = root / PAGES_DIR
    for path in sorted(pages.rglob("*.md")) if pages.is_dir() else []:
        found[("page", path.relative_to(root).with_suffix("").as_posix())] = path
    return found


def _front_matter(path: Path) -> dict[str, Any]:
    try:
        return split_front_matter(path.read_text(encoding="utf-8"), str(path))[0]
    except (LessonError, OSError, UnicodeDecodeError):
        return {}


def _body(path: Path) -> list[tuple[int, str]]:
    """The passages of a Markdown file after its front matter: (first line, text), split at blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    passages: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(lines[start:], start + 1):
        if _MARKUP_LINE.match(line):  # a block's first or last line, or an option: a passage of its own
            passages.append((number, [line.rstrip()]))
            current = None
        elif not line.strip():
            current = None
        elif current is None:
            current = [line.rstrip()]
            passages.append((number, current))
        else:
            current.append(line.rstrip())
    return [(number, "\n".join(text)) for number, text in passages]


def _title(path: Path) -> str:
    return next((text[2:].strip() for _, text in _body(path) if text.startswith("# ")), path.stem)


# -- comparing -------------------------------------------------------------------------------

def _changes(before: list[str], after: list[str], lines: list[int], end_line: int) -> Iterator[TextChange]:
    """The passages that differ between two sequences, aligned as a reader would pair them."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield TextChange("\n\n".join(before[i1:i2]), "\n\n".join(after[j1:j2]),
                             lines[j1] if j1 < len(lines) else end_line)


def _english(old: Path | None, new: Path | None) -> list[TextChange]:
    before = [text for _, text in _body(old)] if old else []
    passages = _body(new) if new else []
    return list(_changes(before, [text for _, text in passages], [line for line, _ in passages],
                         passages[-1][0] if passages else 0))


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(x) for x in value)
    return str(value)


def _metadata(old: Path | None, new: Path | None) -> list[tuple[str, str, str]]:
    before = _front_matter(old) if old else {}
    after = _front_matter(new) if new else {}
    keys = sorted(before.keys() | after.keys(),
                  key=lambda k: (_FRONT_MATTER_ORDER.index(k) if k in _FRONT_MATTER_ORDER else 99, k))
    return [(k, _shown(before.get(k)), _shown(after.get(k))) for k in keys
            if _shown(before.get(k)) != _shown(after.get(k))]


@dataclass(frozen=True)
class _Message:
    msgid: str
    msgstr: str
    status: str  # '', 'fuzzy' or 'untranslated'
    line: int


def _messages(path: Path) -> list[_Message]:
    """The current messages of a catalog in file order (the order of the text); none if it is missing."""
    if not path.is_file():
        return []
    try:
        catalog = polib.pofile(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise VersionError(f"{path}: the catalog cannot be read ({error})") from None
    found = []
    for entry in catalog:
        if entry.obsolete:
            continue
        status = "fuzzy" if entry.fuzzy else "" if entry.msgstr else "untranslated"
        line = next((int(number) for _, number in entry.occurrences if str(number).isdigit()), 0)
        found.append(_Message(entry.msgid, entry.msgstr, status, line))
    return found


def _translation(old: list[_Message], new: list[_Message]) -> list[TextChange]:
    """Message by message: the translations whose English or French changed, or that await a translator."""
    found: list[TextChange] = []
    matcher = difflib.SequenceMatcher(None, [m.msgid for m in old], [m.msgid for m in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                if before.msgstr != after.msgstr or before.status != after.status:
                    found.append(TextChange(before.msgstr, after.msgstr, after.line, after.status))
            continue
        now = new[j1:j2]
        status = next((s for s in ("untranslated", "fuzzy") if any(m.status == s for m in now)), "")
        found.append(TextChange("\n\n".join(m.msgstr for m in old[i1:i2] if m.msgstr),
                                "\n\n".join(m.msgstr for m in now if m.msgstr),
                                now[0].line if now else 0, status))
    return found


def _document(kind: str, key: str, old: Version, new: Version,
              old_path: Path | None, new_path: Path | None) -> DocumentChange | None:
    """How one document changed, or None when nothing a reader sees did."""
    status = "added" if old_path is None else "removed" if new_path is None else "changed"
    shown = (new_path or old_path)
    assert shown is not None
    root = new.root if new_path else old.root
    document = shown.relative_to(root).with_suffix("").as_posix()
    change = DocumentChange(kind, key, shown.relative_to(root).as_posix(), _title(shown), status,
                            _metadata(old_path, new_path), _english(old_path, new_path))
    old_doc = old_path.relative_to(old.root).with_suffix("").as_posix() if old_path else document
    for language in new.languages[1:]:
        before = _messages(old.catalog(language, old_doc)) if old_path else []
        after = _messages(new.catalog(language, document)) if new_path else []
        if found := _translation(before, after):
            change.translations[language] = found
    old_keys = set(cited_keys(old_path.read_text(encoding="utf-8"))) if old_path else set()
    new_keys = set(cited_keys(new_path.read_text(encoding="utf-8"))) if new_path else set()
    change.cited_added, change.cited_removed = sorted(new_keys - old_keys), sorted(old_keys - new_keys)
    if status == "changed" and not (change.metadata or change.english or change.translations):
        return None
    return change


def _source_fields(source: Source) -> dict[str, str]:
    values = dataclasses.asdict(source)
    values.pop("line")
    values.pop("key")
    return {name: _shown(value) if not isinstance(value, dict) else
            "; ".join(f"{k}: {v}" for k, v in sorted(value.items())) for name, value in values.items()}


def _sources(old: Version, new: Version) -> list[SourceChange]:
    before, after = read_sources(old.root).entries, read_sources(new.root).entries
    found = []
    for key in sorted(before.keys() | after.keys()):
        a = _source_fields(before[key]) if key in before else {}
        b = _source_fields(after[key]) if key in after else {}
        if a == b:
            continue
        status = "added" if not a else "removed" if not b else "changed"
        fields = tuple((name, a.get(name, ""), b.get(name, "")) for name in (b or a) if a.get(name) != b.get(name))
        found.append(SourceChange(key, status, fields))
    return found


def _catalog_needs(new: Version, documents: list[DocumentChange]) -> list[CatalogNeed]:
    outdated = {(language, d.path.removesuffix(".md")) for d in documents if d.english and d.status != "removed"
                for language in new.languages[1:] if not d.translations.get(language)}
    found = []
    for language in new.languages[1:]:
        base = new.root / new.locale / language / "LC_MESSAGES"
        for path in sorted(base.rglob("*.po")) if base.is_dir() else []:
            document = path.relative_to(base).with_suffix("").as_posix()
            if not (new.root / f"{document}.md").is_file():
                continue  # the theme's catalog, or a catalog left behind by a deleted document
            messages = _messages(path)
            fuzzy = sum(m.status == "fuzzy" for m in messages)
            untranslated = sum(m.status == "untranslated" for m in messages)
            stale = (language, document) in outdated
            if fuzzy or untranslated or stale:
                found.append(CatalogNeed(language, document, fuzzy, untranslated, stale))
    return found


def compare(old: Version, new: Version, board: Version | None = None) -> ChangeReport:
    """Every change from ``old`` to ``new``; with ``board``, which of them the board had also edited."""
    before, after = _documents(old.root), _documents(new.root)
    documents = [change for key in sorted(before.keys() | after.keys())
                 if (change := _document(*key, old, new, before.get(key), after.get(key))) is not None]
    documents.sort(key=lambda d: (d.kind != "lesson", d.path))
    report = ChangeReport(old, new, documents, _sources(old, new), _catalog_needs(new, documents), board)
    if board is not None:
        _mark_board_edits(report, before, _documents(board.root))
    return report


def _mark_board_edits(report: ChangeReport, upstream: dict[tuple[str, str], Path],
                      board: dict[tuple[str, str], Path]) -> None:
    """Say, for each of upstream's changes, whether the board edited the same document, and list the
    board's own edits and documents that upstream did not touch."""
    assert report.board is not None
    changed = {(d.kind, d.key) for d in report.documents}
    for document in report.documents:
        key = (document.kind, document.key)
        if key not in board:
            document.board = "left out" if key in upstream else ""
        elif key not in upstream:
            document.board = "added"  # upstream added a document the board already has one of
        else:
            edit = _document(*key, report.old, report.board, upstream[key], board[key])
            document.board = "edited" if edit is not None else "unedited"
    for key in sorted(board.keys() - changed):
        own = _document(*key, report.old, report.board, upstream.get(key), board[key])
        if own is not None:
            report.board_only.append(own)
