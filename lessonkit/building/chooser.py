"""The language chooser at the top of the site (build/html/index.html): plain HTML, no script."""

from __future__ import annotations

import html
import string
from pathlib import Path

from lessonkit.project import Project

CHOOSER = Path(__file__).resolve().parent.parent / "chooser.html"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
CHOOSER_TEXT = {
    "en": "Choose the language of the kit",
    "fr": "Choisissez la langue de la trousse",
}


def write_chooser(project: Project, path: Path) -> None:
    """Write the page that links each language's home page, in that language."""
    links = "\n".join(
        f'    <li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in project.settings.languages
    )
    prompts = " / ".join(
        f'<span lang="{code}">{html.escape(CHOOSER_TEXT.get(code, ""))}</span>'
        for code in project.settings.languages if code in CHOOSER_TEXT
    )
    title = html.escape(project.settings.board_in(project.settings.languages) or project.name)
    page = string.Template(CHOOSER.read_text(encoding="utf-8")).substitute(
        lang=project.settings.languages[0], title=title, prompts=prompts, links=links)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
