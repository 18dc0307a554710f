"""The messages a family language translates: the family letter of each lesson, nothing else.

A family language's readers see a lesson only through its family letter. While the gettext
builder extracts the messages, the messages of each lesson's letter are written beside the
templates (``family-messages.json``), so that ``lessonkit i18n update`` gives a family language
catalogs of just those messages, and ``i18n status`` counts just those. A kit text a letter
shows (the family notice) counts as the letter's, in the catalog of the page that holds it.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import extract_messages

from lessonkit.sphinxext.domain import LessonkitDomain

FAMILY_MESSAGES = "family-messages.json"


class FamilyMessages:
    """Collects, for one Sphinx application, the messages of each lesson's family letter."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def on_doctree_resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if app.builder.name != "gettext":
            return
        domain = app.env.domains["lessonkit"]
        assert isinstance(domain, LessonkitDomain)
        if docname in domain.lessons:
            from lessonkit.pdf.views import family_view  # the PDF side decides what a letter holds

            view = family_view(doctree)
            self.found[docname] = sorted({message for _, message in extract_messages(view)})
            # A kit text the letter shows (the family notice) is translated in the page that holds it,
            # which may be no family page (source/using-this-kit): that page's catalog gets its messages.
            homes = {f"lk-text-{name}": home for name, (home, _) in domain.texts.items()}
            for container in view.findall(nodes.container):
                home = next((homes[name] for name in container["classes"] if name in homes), None)
                if home is not None and home != docname:
                    shown = {message for _, message in extract_messages(container)}
                    self.found[home] = sorted(shown.union(self.found.get(home, [])))

    def on_build_finished(self, app: Sphinx, exception: BaseException | None) -> None:
        if app.builder.name == "gettext" and exception is None:
            Path(app.outdir, FAMILY_MESSAGES).write_text(
                json.dumps(self.found, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")


def read_family_messages(pot_dir: Path) -> dict[str, set[str]]:
    """Lesson docname -> the messages of its family letter (written by the last extraction)."""
    path = pot_dir / FAMILY_MESSAGES
    if not path.is_file():
        return {}
    return {docname: set(messages) for docname, messages in json.loads(path.read_text(encoding="utf-8")).items()}


def register(app: Sphinx) -> None:
    collector = FamilyMessages()
    app.connect("doctree-resolved", collector.on_doctree_resolved)
    app.connect("build-finished", collector.on_build_finished)
