"""Family letters in two languages back to back, for schools whose families read either."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
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


def _letter_pairs(pdf_root: Path, pairs: Sequence[tuple[str, str]]) -> Iterator[tuple[list[Path], Path]]:
    """For every family letter in both languages of a pair: the two (school's first), and their target."""
    for school, home in pairs:
        for letter in sorted((pdf_root / home).rglob(f"*{SUFFIX}")):
            relative = letter.relative_to(pdf_root / home)
            yield [pdf_root / school / relative, letter], pair_letter(pdf_root, school, home, relative)


def _bilingual_letters(pdf_root: Path, languages: Sequence[str]) -> Iterator[tuple[list[Path], Path]]:
    """For every family letter in every language: it and the other languages' copies, and their target."""
    for language in languages:
        others = [lang for lang in languages if lang != language]
        for letter in sorted((pdf_root / language).rglob(f"*{SUFFIX}")):
            relative = letter.relative_to(pdf_root / language)
            yield ([letter, *(pdf_root / other / relative for other in others)],
                   letter.with_name(letter.name[: -len(SUFFIX)] + BILINGUAL_SUFFIX))


def _out_of_date(parts: list[Path], target: Path) -> bool:
    """Every part exists, and one changed since ``target`` was made (or it was never made)."""
    if not all(part.is_file() for part in parts):
        return False
    return not target.exists() or any(part.stat().st_mtime_ns > target.stat().st_mtime_ns for part in parts)


def write_letters(pdf_root: Path, languages: Sequence[str], pairs: Sequence[tuple[str, str]],
                  jobs: int = 1) -> list[Path]:
    """The bilingual letters of ``languages`` (each letter followed by the others' copies) and
    of each (school, home) pair, where their letters changed; in ``jobs`` processes."""
    todo = [job for job in _bilingual_letters(pdf_root, languages if len(languages) > 1 else [])
            if _out_of_date(*job)]
    todo += [job for job in _letter_pairs(pdf_root, pairs) if _out_of_date(*job)]
    if jobs > 1 and len(todo) > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(min(jobs, len(todo))) as pool:
            pool.starmap(merge, todo, chunksize=max(1, len(todo) // (4 * jobs)))
    else:
        for parts, target in todo:
            merge(parts, target)
    return [target for _, target in todo]
