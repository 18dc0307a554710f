"""Family letters in two languages back to back, for schools whose families read either."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pikepdf
from pikepdf import Pdf

from lessonkit.files import write_atomically
from lessonkit.pdf import tagging

SUFFIX = "-family.pdf"
BILINGUAL_SUFFIX = "-family-bilingual.pdf"


def merge(parts: Sequence[Path], target: Path) -> None:
    """Write the pages of ``parts``, in order, to ``target`` (same input, same bytes)."""
    titles, languages = [], []
    with Pdf.new() as pdf:
        for part in parts:
            with Pdf.open(part) as source:
                titles.append(str(source.docinfo.get(pikepdf.Name.Title, part.stem)))
                # each letter keeps its structure, read in its own language
                languages.append(str(source.Root.get(pikepdf.Name.Lang, "")))
                tagging.graft(pdf, source, titles[-1], languages[-1] or languages[0])
        title = " / ".join(titles)
        pdf.docinfo[pikepdf.Name.Title] = title
        tagging.bound(pdf, title, languages[0])
        data = tagging.save(pdf)
    write_atomically(target, data)


def pair_letter(pdf_root: Path, school: str, home: str, relative: Path) -> Path:
    """``pdf/<home>/<band>/<id>-family-<school>-<home>.pdf``: the school's letter, then the home's."""
    name = relative.name[: -len(SUFFIX)] + f"-family-{school}-{home}.pdf"
    return pdf_root / home / relative.with_name(name)


def write_letter_pairs(pdf_root: Path, pairs: Sequence[tuple[str, str]]) -> list[Path]:
    """For every family letter in both languages of a pair, the two back to back (school's first)."""
    written = []
    for school, home in pairs:
        for letter in sorted((pdf_root / home).rglob(f"*{SUFFIX}")):
            relative = letter.relative_to(pdf_root / home)
            parts = [pdf_root / school / relative, letter]
            target = pair_letter(pdf_root, school, home, relative)
            if not parts[0].is_file():
                continue
            if target.exists() and all(part.stat().st_mtime_ns <= target.stat().st_mtime_ns for part in parts):
                continue
            merge(parts, target)
            written.append(target)
    return written


def write_bilingual_letters(pdf_root: Path, languages: Sequence[str]) -> list[Path]:
    """For every family letter in every language, a copy followed by the other languages'."""
    written = []
    for language in languages:
        others = [lang for lang in languages if lang != language]
        for letter in sorted((pdf_root / language).rglob(f"*{SUFFIX}")):
            relative = letter.relative_to(pdf_root / language)
            parts = [letter, *(pdf_root / other / relative for other in others)]
            if not all(part.is_file() for part in parts):
                continue
            target = letter.with_name(letter.name[: -len(SUFFIX)] + BILINGUAL_SUFFIX)
            if target.exists() and all(part.stat().st_mtime_ns <= target.stat().st_mtime_ns for part in parts):
                continue  # its letters have not changed since it was made
            merge(parts, target)
            written.append(target)
    return written
