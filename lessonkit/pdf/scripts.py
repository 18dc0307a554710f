"""The script each language is written in, and the face that draws it in the PDFs.

The text face (Atkinson Hyperlegible) draws Latin, Greek and Cyrillic. Another script needs
a face of its own: from a font package (``pip install "lessonkit[arabic]"`` brings Noto Sans
Arabic, with uharfbuzz for shaping and python-bidi for the order of right-to-left lines), or a
file the board names in ``lessonkit_fonts``. ``lessonkit check`` says when a language has none,
or lacks what lays it out, before a build draws empty boxes.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import fontpkg
from fontpkg.errors import FontpkgError

from lessonkit.settings import direction

LATIN = "Latin"
PROBLEM = "script-font-missing"  # the code of check's error: it concerns the PDFs only
# Languages Canadian boards translate family letters into, by script (others are Latin).
SCRIPTS = {
    "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic", "ckb": "Arabic", "he": "Hebrew",
    "yi": "Hebrew", "hi": "Devanagari", "ne": "Devanagari", "mr": "Devanagari", "pa": "Gurmukhi",
    "gu": "Gujarati", "bn": "Bengali", "ta": "Tamil", "te": "Telugu", "ml": "Malayalam", "si": "Sinhala",
    "zh": "Han", "ja": "Japanese", "ko": "Hangul", "th": "Thai", "km": "Khmer", "lo": "Lao", "my": "Myanmar",
    "am": "Ethiopic", "ti": "Ethiopic", "hy": "Armenian", "ka": "Georgian", "iu": "Canadian Syllabics",
    "cr": "Canadian Syllabics", "oj": "Canadian Syllabics",
}
# Scripts a font package on PyPI covers: its family, and the extra of lessonkit that installs it.
PACKAGED = {
    "Arabic": ("Noto Sans Arabic", "arabic"),
    "Devanagari": ("Noto Sans Devanagari", "devanagari"),
    "Tamil": ("Noto Sans Tamil", "tamil"),
}


def layout_support(right_to_left: bool) -> str:
    """What this installation lacks to lay out a complex or right-to-left script: '' when nothing.

    reportlab shapes with uharfbuzz; lessonkit orders right-to-left lines with python-bidi
    (righttoleft.py). Without either, letters would be drawn unjoined or words in the wrong order,
    so such a language is refused. (reportlab's own bidi, rlbidi, is not on PyPI: not used.)
    """
    missing = [name for name, module, needed in (("uharfbuzz", "uharfbuzz", True),
                                                 ("python-bidi", "bidi", right_to_left))
               if needed and importlib.util.find_spec(module) is None]
    return " and ".join(missing)


def script_of(language: str) -> str:
    return SCRIPTS.get(language.replace("-", "_").split("_")[0], LATIN)


@dataclass(frozen=True)
class ScriptFont:
    """The face a language's PDFs are set in, when its script is not Latin."""

    language: str
    script: str
    path: Path
    right_to_left: bool


class MissingFont(LookupError):
    """A language's script has no face: the message names the extra or the setting that gives one."""


def script_font(language: str, fonts: dict[str, str], confdir: Path) -> ScriptFont | None:
    """The face for ``language`` (None: the text face draws it), or MissingFont saying how to get one."""
    script = script_of(language)
    rtl = direction(language) == "rtl"
    own = fonts.get(language) or fonts.get(script)
    if own:
        found = _own_font(language, script, own, confdir, rtl)
    elif script == LATIN:
        return None
    else:
        found = _packaged_font(language, script, rtl)
    extra = PACKAGED.get(script, ("", ""))[1]
    lacking = layout_support(rtl) if script != LATIN else ""
    if lacking:
        how = f'pip install "lessonkit[{extra}]"' if extra else f"pip install {lacking.replace(' and ', ' ')}"
        raise MissingFont(f"language '{language}' is written in the {script} script, which the PDFs lay out "
                          f"only with {lacking} installed: {how}")
    return found


def _own_font(language: str, script: str, own: str, confdir: Path, rtl: bool) -> ScriptFont:
    path = (confdir / own).resolve()
    if not path.is_file() or path.suffix.lower() not in (".ttf", ".otf"):
        raise MissingFont(f"lessonkit_fonts[{language!r}]: {own} is not a TrueType or OpenType font file "
                          "(.ttf, .otf) beside conf.py")
    return ScriptFont(language, script, path, rtl)


def _packaged_font(language: str, script: str, rtl: bool) -> ScriptFont:
    family, extra = PACKAGED.get(script, ("", ""))
    if family:
        try:
            return ScriptFont(language, script, fontpkg.family(family).files[0].path, rtl)
        except (FontpkgError, IndexError):
            pass
    how = f'install it with pip install "lessonkit[{extra}]", or ' if extra else ""
    raise MissingFont(f"language '{language}' is written in the {script} script, and no font for it is "
                      f"installed: its PDFs would show empty boxes; {how}name a font file of your own in "
                      f"conf.py: lessonkit_fonts = {{'{language}': 'fonts/YourFont.ttf'}}")
