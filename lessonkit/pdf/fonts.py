"""The faces the PDFs embed, and text made safe for their glyphs.

A character the text face lacks (an emoji in a children's lesson, a symbol, a letter of
another script) is drawn from a fallback face when one has it: Noto Emoji (in black and
white: reportlab embeds outlines, not colour bitmaps), Noto Sans Symbols and Noto Sans, from
the ``manimgx-fonts`` package (the optional extra ``lessonkit[emoji]``). Otherwise it is
printed as its Unicode name in brackets ("[video game]"). Neither stops a build;
``lessonkit check`` says where it happens.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import fontpkg
import pikepdf
from fontpkg.errors import FontpkgError
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

TEXT_FAMILY = "Atkinson Hyperlegible"
# DejaVu Sans Mono ships on PyPI only inside rinohtype's typeface packages; IBM Plex Mono
# ships as a plain font package of the same kind as Atkinson Hyperlegible.
MONO_FAMILY = "IBM Plex Mono"
# The font packages lessonkit depends on (pyproject.toml), by the family each one holds.
FAMILY_PACKAGES = {TEXT_FAMILY: "fontpkg_atkinson_hyperlegible", MONO_FAMILY: "fontpkg_ibm_plex_mono"}

# Spaces, joiners and hyphens the faces lack, written as characters they have: they shape
# the line, never a glyph of another face. U+202F (narrow no-break space, used in French
# before ; : ! ?) becomes a no-break space so lines never break there. Variation selectors
# and skin-tone modifiers go: the emoji face draws one black-and-white form of each emoji.
LAYOUT = {
    0x202F: "\u00a0", 0x2007: "\u00a0", 0x2060: "", 0xFEFF: "", 0x200B: "", 0x200C: "",
    0x200D: "", 0x00AD: "", 0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ", 0x2006: " ",
    0x2008: " ", 0x2009: " ", 0x200A: " ", 0x2010: "-", 0x2011: "-", 0x2012: "–", 0x2015: "—",
    0xFE0E: "", 0xFE0F: "", **{code: "" for code in range(0x1F3FB, 0x1F400)},
}
# Symbols that no face may have, written with characters the text face has.
SUBSTITUTES = {
    0x2192: "->", 0x2190: "<-", 0x2194: "<->", 0x21D2: "=>", 0x2713: "v", 0x2714: "v",
    0x2717: "x", 0x2718: "x", 0x2610: "[ ]", 0x2611: "[x]", 0x2612: "[x]", 0x25A1: "[ ]",
    0x2023: "•", 0x2043: "-", 0x2219: "·", 0x2032: "′", 0x2033: "″", 0x2116: "No.",
}
# The fallback faces, in the order they are tried: (registered name, family, file) in the
# font package below. Their files are variable fonts: reportlab embeds the default instance.
FALLBACK_PACKAGE = "manimgx_fonts"
FALLBACKS = (("LK-Emoji", "Noto Emoji", "NotoEmoji[wght].ttf"),
             ("LK-Symbols", "Noto Sans Symbols", "NotoSansSymbols[wght].ttf"),
             ("LK-Fallback", "Noto Sans", "NotoSans[wght].ttf"))


@dataclass(frozen=True)
class Face:
    """One registered font and the characters it can draw."""

    name: str
    covered: frozenset[int] = field(repr=False)
    family: str = ""


@dataclass(frozen=True)
class FontSet:
    """The text and code faces of every PDF, registered with reportlab."""

    text: Face
    bold: Face
    italic: Face
    bold_italic: Face
    mono: Face
    mono_bold: Face
    fallbacks: tuple[Face, ...] = ()  # faces for what the others lack, in the order they are tried
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


def _face(name: str, path: Path, family: str = "") -> Face:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    font = pdfmetrics.getFont(name)
    return Face(name, frozenset(font.face.charToGlyph), family)


def load_fallbacks() -> tuple[Face, ...]:
    """The fallback faces that are installed, registered as families of one face (bold is the same)."""
    try:
        root = importlib.resources.files(FALLBACK_PACKAGE)
    except ImportError:
        return ()
    faces = []
    for name, family, file in FALLBACKS:
        path = root / file
        if not path.is_file():
            continue
        faces.append(_face(name, Path(str(path)), family))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return tuple(faces)


def load_fonts(script: Path | None = None) -> FontSet:
    """Register the faces (once per process: reportlab keeps its own registry) and return them.

    ``script``: the face of a language's own script (lessonkit.pdf.scripts), which then sets the
    text in every weight, shaped by HarfBuzz; the text face draws what it lacks (Latin words).
    """
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
        fallbacks=load_fallbacks(),
    )
    pdfmetrics.registerFontFamily(fonts.family, normal=fonts.text.name, bold=fonts.bold.name,
                                  italic=fonts.italic.name, boldItalic=fonts.bold_italic.name)
    pdfmetrics.registerFontFamily(fonts.mono_family, normal=fonts.mono.name,
                                  bold=fonts.mono_bold.name, italic=fonts.mono.name,
                                  boldItalic=fonts.mono_bold.name)
    return fonts if script is None else with_script(fonts, script)


def with_script(fonts: FontSet, path: Path) -> FontSet:
    """``fonts`` with the text set in the face at ``path`` (one weight: a script face seldom has more)."""
    name = "LK-Script-" + hashlib.sha256(str(path).encode()).hexdigest()[:8]
    face = _face(name, path, name)
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return dataclasses.replace(fonts, text=face, bold=face, italic=face, bold_italic=face, family=name,
                               fallbacks=(fonts.text, *fonts.fallbacks))


@dataclass(frozen=True)
class Run:
    """Text drawn in one face: the filter's face (``face`` empty) or a fallback face."""

    text: str
    face: str = ""


@dataclass(frozen=True)
class Fallback:
    """A character the face lacks: how it is printed (from a fallback face, or as its name)."""

    char: str
    family: str  # the fallback face's family; empty when it is printed as ``description``
    description: str


def describe(char: str) -> str:
    """A character as words in brackets, for a PDF that has no glyph for it: '[video game]'."""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else f"[U+{ord(char):04X}]"


class GlyphFilter:
    """Rewrites text so that every character has a glyph in ``face`` or in one of ``fallbacks``."""

    def __init__(self, face: Face, fallbacks: tuple[Face, ...] = ()) -> None:
        self.covered = face.covered
        self.fallbacks = fallbacks
        self.layout = {code: text for code, text in LAYOUT.items() if code not in self.covered}
        self.substitutes = {code: text for code, text in SUBSTITUTES.items() if code not in self.covered}

    def runs(self, text: str) -> tuple[list[Run], list[Fallback]]:
        """The text in runs of one face each, and the characters that were not in ``face``."""
        if text.isascii():
            return [Run(text)], []
        runs: list[Run] = []
        found: list[Fallback] = []
        for char in text.translate(self.layout):
            part, face = self._char(char, self.fallbacks, found)
            if runs and runs[-1].face == face:
                runs[-1] = Run(runs[-1].text + part, face)
            else:
                runs.append(Run(part, face))
        return runs, found

    def __call__(self, text: str) -> tuple[str, str]:
        """The text in ``face`` alone (where no other face can be used), and the characters it names."""
        if text.isascii():
            return text, ""
        found: list[Fallback] = []
        drawn = "".join(self._char(char, (), found)[0] for char in text.translate(self.layout))
        return drawn, "".join(fallback.char for fallback in found)

    def fallbacks_in(self, text: str) -> Iterator[tuple[int, Fallback]]:
        """Where in ``text`` a character is not in ``face``, and how it is printed."""
        for offset, char in enumerate(text):
            if char.isascii() or ord(char) in self.covered or ord(char) in LAYOUT:
                continue
            found: list[Fallback] = []
            self._char(char, self.fallbacks, found)
            if found:
                yield offset, found[0]

    def _char(self, char: str, fallbacks: tuple[Face, ...], found: list[Fallback]) -> tuple[str, str]:
        """How ``char`` is drawn (text, and the name of a fallback face or ''); note it in ``found``."""
        code = ord(char)
        if code in self.covered or char in "\n\r\t":
            return char, ""
        for face in fallbacks:
            if code in face.covered:
                found.append(Fallback(char, face.family, ""))
                return char, face.name
        if code in self.substitutes:
            return self.substitutes[code], ""
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and all(ord(c) in self.covered for c in base):
            return base, ""
        found.append(Fallback(char, "", describe(char)))
        return describe(char), ""


@functools.cache
def text_glyphs() -> GlyphFilter:
    """The filter of the PDFs' text face and its fallbacks (fonts read once per process)."""
    fonts = load_fonts()
    return GlyphFilter(fonts.text, fonts.fallbacks)


_ASTRAL_ENTRY = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def repair_to_unicode(pdf: pikepdf.Pdf) -> None:
    """Map each emoji (a character past U+FFFF) of an embedded face to its Unicode value.

    reportlab writes such a character's entry in a font's ToUnicode map as five hex digits,
    which readers take as U+1F3A for U+1F3AE: written as UTF-16 (a surrogate pair), the text
    copied from the PDF and read aloud is the emoji.
    """
    def utf16(match: re.Match[bytes]) -> bytes:
        value = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper().encode()
        return b"<" + match.group(1) + b"> <" + value + b">"

    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get(pikepdf.Name.Type) != pikepdf.Name.Font:
            continue
        cmap = font.get(pikepdf.Name.ToUnicode)
        if isinstance(cmap, pikepdf.Stream):
            data = cmap.read_bytes()
            if _ASTRAL_ENTRY.search(data):
                cmap.write(_ASTRAL_ENTRY.sub(utf16, data))
