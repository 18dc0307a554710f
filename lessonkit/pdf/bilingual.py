"""Family letters in two languages back to back, for schools whose families read either."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter

SUFFIX = "-family.pdf"
BILINGUAL_SUFFIX = "-family-bilingual.pdf"


def merge(parts: Sequence[Path], target: Path, title: str) -> None:
    """Write the pages of ``parts``, in order, to ``target`` (same input, same bytes)."""
    writer = PdfWriter()
    for part in parts:
        writer.append(str(part), import_outline=False)
    writer.add_metadata({"/Title": title})
    partial = target.with_name(target.name + ".tmp")
    with partial.open("wb") as stream:
        writer.write(stream)
    os.replace(partial, target)


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
            merge(parts, target, title=" / ".join(_title(part) for part in parts))
            written.append(target)
    return written


def _title(path: Path) -> str:
    info = PdfReader(str(path)).metadata
    return str(info.title) if info and info.title else path.stem
