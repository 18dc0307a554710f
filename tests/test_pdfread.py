"""Helpers for the kitpdf tests: reading PDFs back with pypdf (text, form fields, outline, fonts)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def reader(path: Path) -> PdfReader:
    return PdfReader(str(path))


def page_texts(path: Path) -> list[str]:
    """The text of each page, with runs of white space made one space."""
    return [re.sub(r"\s+", " ", page.extract_text()).strip() for page in reader(path).pages]


def text(path: Path) -> str:
    return " ".join(page_texts(path))


def in_order(haystack: str, *needles: str) -> bool:
    """True when every needle appears in ``haystack``, each after the one before."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def fields(path: Path) -> dict[str, dict]:
    """Form fields by name: type (/Tx text, /Btn check box) and flags."""
    found = reader(path).get_fields() or {}
    return {name: {"type": field.get("/FT"), "flags": int(field.get("/Ff", 0))}
            for name, field in found.items()}


def outline(path: Path) -> list:
    """The outline as nested lists of titles: ``[title, [children…], title…]``."""
    def walk(items: list) -> list:
        result = []
        for item in items:
            result.append(walk(item) if isinstance(item, list) else item.title)
        return result
    return walk(reader(path).outline)


def _resolve(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def page_fonts(path: Path) -> dict[str, bool]:
    """Base font name -> embedded, for every font the pages (and their forms) draw with."""
    found: dict[str, bool] = {}

    def visit(resources: object) -> None:
        resources = _resolve(resources) or {}
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            descriptor = _resolve(font.get("/FontDescriptor")) or {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (_resolve(resources.get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in reader(path).pages:
        visit(page.get("/Resources"))
    return found


def form_xobjects(path: Path) -> set[str]:
    """Names of the form XObjects the pages use (reportlab names them after the form)."""
    names = set()
    for page in reader(path).pages:
        resources = _resolve(page.get("/Resources")) or {}
        names.update(str(name) for name in (_resolve(resources.get("/XObject")) or {}))
    return names


def link_uris(path: Path) -> list[str]:
    """The web addresses of the link annotations, page by page."""
    uris = []
    for page in reader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = _resolve(annotation)
            action = _resolve(annotation.get("/A")) or {}
            if annotation.get("/Subtype") == "/Link" and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def internal_links(path: Path) -> int:
    """How many link annotations jump within the document."""
    count = 0
    for page in reader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = _resolve(annotation)
            action = _resolve(annotation.get("/A")) or {}
            if annotation.get("/Subtype") == "/Link" and ("/Dest" in annotation or action.get("/S") == "/GoTo"):
                count += 1
    return count


def contents_links(path: Path, page_number: int) -> list[int]:
    """The page indexes that the links of a page jump to, top to bottom."""
    pdf = reader(path)
    targets = {page.indirect_reference.idnum: index for index, page in enumerate(pdf.pages)}
    found = []
    for annotation in pdf.pages[page_number].get("/Annots") or []:
        annotation = _resolve(annotation)
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
            found.append((-float(annotation["/Rect"][3]), targets[annotation["/Dest"][0].idnum]))
    return [target for _, target in sorted(found)]


def widget_names(path: Path) -> list[str]:
    """The full name of the field of every widget on every page (repeated names show clashes)."""
    names = []
    for page in reader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = _resolve(annotation)
            if annotation.get("/Subtype") == "/Widget":
                names.append(str(annotation.get("/T") or _resolve(annotation["/Parent"])["/T"]))
    return names


def image_count(path: Path, page_number: int = 0) -> int:
    """Raster images drawn on a page (directly or inside the forms it uses)."""
    def count(resources: object) -> int:
        total = 0
        for xobject in (_resolve((_resolve(resources) or {}).get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Image":
                total += 1
            elif xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                total += count(xobject["/Resources"])
        return total
    return count(reader(path).pages[page_number].get("/Resources"))
