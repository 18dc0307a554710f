"""The language chooser at the top of the site (build/html/index.html): plain HTML, no script."""

from __future__ import annotations

import html
import string
from pathlib import Path

from lessonkit.project import Project
from lessonkit.settings import FAMILY, LANGUAGE_NAMES, direction_attribute

CHOOSER = Path(__file__).resolve().parent.parent / "chooser.html"
CHOOSER_TEXT = {
    "en": "Choose the language of the kit",
    "fr": "Choisissez la langue de la trousse",
}


def home_page(project: Project, language: str) -> str:
    """The first page of ``language``'s site, relative to ``build/html/<language>/``."""
    if project.settings.scope(language) == FAMILY:
        return project.settings.family_pages[0].removeprefix("source/") + ".html"  # as html.page_name
    return "index.html"


def write_chooser(project: Project, path: Path) -> None:
    """Write the page that links each language's home page, in that language."""
    links = "\n".join(
        f'    <li><a href="{code}/{home_page(project, code)}" hreflang="{code}" lang="{code}"'
        f'{direction_attribute(code)}>'
        f"{html.escape(LANGUAGE_NAMES.get(code, code))}</a></li>"
        for code in project.settings.all_languages
    )
    prompts = " / ".join(
        f'<span lang="{code}">{html.escape(CHOOSER_TEXT.get(code, ""))}</span>'
        for code in project.settings.all_languages if code in CHOOSER_TEXT
    )
    title = html.escape(project.settings.board_in(project.settings.languages) or project.name)
    page = string.Template(CHOOSER.read_text(encoding="utf-8")).substitute(
        lang=project.settings.languages[0], title=title, prompts=prompts, links=links)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
