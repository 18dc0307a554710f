"""A copy of the repository's curriculum, for tests that build or change it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Everything a build of the curriculum reads: its settings and data files, lessons, pages, catalogs.
FILES = ("conf.py", "sources.yaml")
FOLDERS = ("glossary", "frameworks", "lessons", "source", "locale")


def copy_curriculum(target: Path) -> Path:
    """Copy the curriculum into ``target`` (a new folder) without compiled catalogs; return it."""
    target.mkdir(parents=True)
    for name in FILES:
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target / name)
    for folder in FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("*.mo"))
    _without_unprintable_languages(target / "conf.py")
    return target


def _without_unprintable_languages(conf: Path) -> None:
    """Leave out the languages whose PDFs this installation cannot draw (Arabic without reportlab's
    bidi support, `pip install "lessonkit[arabic]"`): `lessonkit build` refuses a kit it would print
    with empty boxes, and test_scripts.py covers that refusal. With the extra, the copy keeps them."""
    from lessonkit.pdf.scripts import MissingFont, script_font
    from lessonkit.project import load_project

    settings = load_project(conf.parent).settings
    text = conf.read_text(encoding="utf-8")
    for language in settings.all_languages:
        try:
            script_font(language, settings.fonts, conf.parent)
        except MissingFont:
            text = re.sub(rf',\s*"{re.escape(language)}":\s*"\w+"', "", text)
    conf.write_text(text, encoding="utf-8")
