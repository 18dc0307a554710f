"""``lessons.json``: what a build read of each lesson, written beside the HTML for later steps.

Bundles take each lesson's id, band, place, review date and title in the site's language from
it, instead of reading the lessons' files again or the search index of the pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from lessonkit.files import write_atomically
from lessonkit.sphinxext.domain import domain_of

LESSONS_FILE = "lessons.json"


def write(app: Sphinx, exception: BaseException | None) -> None:
    """After an HTML build: every lesson of the environment, in band order, then each band's."""
    if exception is not None or app.builder.format != "html":
        return
    domain = domain_of(app.env)
    lessons = [
        {"docname": info.docname, "id": info.id, "band": info.band, "order": info.order,
         "reviewed": info.reviewed,
         "title": title.astext() if (title := app.env.titles.get(info.docname)) is not None else info.id}
        for info in sorted(domain.lessons.values(), key=lambda info: (info.band, info.order, info.docname))
        if info.docname in app.env.found_docs
    ]
    data = {"language": app.config.language or "en", "lessons": lessons}
    write_atomically(Path(app.outdir, LESSONS_FILE), json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read(path: Path) -> list[dict[str, Any]]:
    """The lessons a build wrote to ``path`` (OSError or ValueError when it cannot be read)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    lessons = data["lessons"]
    if not isinstance(lessons, list) or not all(isinstance(lesson, dict) for lesson in lessons):
        raise ValueError("'lessons' is not a list of lessons")
    return lessons
