"""The faces the PDFs embed, and text made safe for their glyphs."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import fontpkg
from fontpkg.errors import FontpkgError
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

TEXT_FAMILY = "Atkinson Hyperlegible"
# DejaVu Sans Mono ships on PyPI only inside rinohtype's typeface packages; IBM Plex Mono
# ships as a plain font package of the same kind as Atkinson Hyperlegible.
MONO_FAMILY = "IBM Plex Mono"
# The font packages lessonkit depends on (pyproject.toml), by the family each one holds.
FAMILY_PACKAGES = {TEXT_FAMILY: "fontpkg_atkinson_hyperlegible", MONO_FAMILY: "fontpkg_ibm_plex_mono"}

# Characters the faces lack, written as characters they have. U+202F (narrow no-break
# space, used in French before ; : ! ?) becomes a no-break space so lines never break there.
SUBSTITUTES = {
    0x202F: "\u00a0", 0x2007: "\u00a0", 0x2060: "", 0xFEFF: "", 0x200B: "", 0x200C: "",
    0x200D: "", 0x00AD: "", 0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ", 0x2006: " ",
    0x2008: " ", 0x2009: " ", 0x200A: " ", 0x2010: "-", 0x2011: "-", 0x2012: "–", 0x2015: "—",
    0x2192: "->", 0x2190: "<-", 0x2194: "<->", 0x21D2: "=>", 0x2713: "v", 0x2714: "v",
    0x2717: "x", 0x2718: "x", 0x2610: "[ ]", 0x2611: "[x]", 0x2612: "[x]", 0x25A1: "[ ]",
    0x2023: "•", 0x2043: "-", 0x2219: "·", 0x2032: "′", 0x2033: "″", 0x2116: "No.",
}
REPLACEMENT = "?"


@dataclass(frozen=True)
class Face:
    """One registered font and the characters it can draw."""

    name: str
    covered: frozenset[int] = field(repr=False)


@dataclass(frozen=True)
class FontSet:
    """The text and code faces of every PDF, registered with reportlab."""

    text: Face
    bold: Face
    italic: Face
    bold_italic: Face
    mono: Face
    mono_bold: Face
    family: str = "LK-Text"
    mono_family: str = "LK-Mono"


def _family_files(family: str) -> dict[tuple[int, str], Path]:
    found = _installed(family)
    return {(f.weight or 400, f.style): f.path for f in found.files if not f.variable}


def _installed(family: str) -> fontpkg.Family:
    """The family from the font package lessonkit depends on; else from any package that has it.

    ``fontpkg.family`` reads the entry points of every installed distribution to find the
    family (about a tenth of a second, in each process that writes PDFs); the packages
    lessonkit depends on are found by name first.
    """
    package = FAMILY_PACKAGES.get(family)
    if package is not None:
        with contextlib.suppress(ImportError, OSError, ValueError, KeyError, TypeError):  # else: fontpkg's own lookup
            root = importlib.resources.files(package)
            found = fontpkg.family_from_metadata(json.loads((root / "metadata.json").read_text("utf-8")), root)
            if found.name == family:
                return found
    return fontpkg.family(family)


def _face(name: str, path: Path) -> Face:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    font = pdfmetrics.getFont(name)
    return Face(name, frozenset(font.face.charToGlyph))


def load_fonts() -> FontSet:
    """Register the faces (once per process: reportlab keeps its own registry) and return them."""
    text = _family_files(TEXT_FAMILY)
    try:
        mono = _family_files(MONO_FAMILY)
    except FontpkgError:
        mono = {}  # the code face is optional: code is then set in the text face
    mono_regular = mono.get((400, "normal"), text[(400, "normal")])
    fonts = FontSet(
        text=_face("LK-Text", text[(400, "normal")]),
        bold=_face("LK-Text-Bold", text[(700, "normal")]),
        italic=_face("LK-Text-Italic", text[(400, "italic")]),
        bold_italic=_face("LK-Text-BoldItalic", text[(700, "italic")]),
        mono=_face("LK-Mono", mono_regular),
        mono_bold=_face("LK-Mono-Bold", mono.get((700, "normal"), text[(700, "normal")])),
    )
    pdfmetrics.registerFontFamily(fonts.family, normal=fonts.text.name, bold=fonts.bold.name,
                                  italic=fonts.italic.name, boldItalic=fonts.bold_italic.name)
    pdfmetrics.registerFontFamily(fonts.mono_family, normal=fonts.mono.name,
                                  bold=fonts.mono_bold.name, italic=fonts.mono.name,
                                  boldItalic=fonts.mono_bold.name)
    return fonts


class GlyphFilter:
    """Rewrites text so that every character has a glyph in ``face``; remembers what it could not."""

    def __init__(self, face: Face) -> None:
        self.covered = face.covered
        self.table = {code: text for code, text in SUBSTITUTES.items() if code not in self.covered}

    def __call__(self, text: str) -> tuple[str, str]:
        """The drawable text, and the characters that had to be replaced by '?'."""
        if text.isascii():
            return text, ""
        text = text.translate(self.table)
        missing = {c for c in text if ord(c) not in self.covered and c not in "\n\r\t"}
        if not missing:
            return text, ""
        lost = []
        for char in sorted(missing):
            base = "".join(c for c in unicodedata.normalize("NFKD", char)
                           if not unicodedata.combining(c))
            if base and all(ord(c) in self.covered for c in base):
                text = text.replace(char, base)
            else:
                text = text.replace(char, REPLACEMENT)
                lost.append(char)
        return text, "".join(lost)
