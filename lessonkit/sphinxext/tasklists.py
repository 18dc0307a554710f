"""Task-list check boxes that survive translation.

MyST draws a task-list item's check box as raw HTML at the start of its first paragraph.
When Sphinx translates that paragraph it replaces all of its children, check box included,
so French task lists would lose their boxes. The box is set aside before translating and
put back after.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

CHECKBOX = "task-list-item-checkbox"
KEPT = "lk-checkbox"


def _first_paragraph(item: nodes.list_item) -> nodes.paragraph | None:
    return item.children[0] if item.children and isinstance(item.children[0], nodes.paragraph) else None


class SetTaskCheckboxesAside(SphinxTransform):
    """Before translation: keep each check box on its list item, out of the paragraph."""

    default_priority = 15  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: Any) -> None:
        for item in self.document.findall(nodes.list_item):
            paragraph = _first_paragraph(item)
            if "task-list-item" not in item["classes"] or paragraph is None or not paragraph.children:
                continue
            box = paragraph.children[0]
            if isinstance(box, nodes.raw) and CHECKBOX in box.astext():
                item[KEPT] = box.astext()
                paragraph.remove(box)


class PutTaskCheckboxesBack(SphinxTransform):
    """After translation: the check box goes back in front of the (translated) text."""

    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        for item in self.document.findall(nodes.list_item):
            paragraph = _first_paragraph(item)
            if KEPT in item and paragraph is not None:
                paragraph.insert(0, checkbox("checked" in item[KEPT]))
                del item[KEPT]


def checkbox(checked: bool) -> nodes.raw:
    """A task list's check box, drawn by lessonkit itself: the only raw HTML a page may hold.

    A reader may tick it (a handout filled in on screen, a teacher's list of materials).
    """
    state = ' checked=""' if checked else ""
    html = f'<input class="{CHECKBOX}" type="checkbox"{state}>'
    box = nodes.raw("", html, format="html")
    box[KEPT] = True  # an attribute of its own, not a class: a class would wrap it in a <span>
    return box


def remove_raw_html(document: nodes.document) -> list[nodes.raw]:
    """Take every raw HTML node out of a document but lessonkit's own check boxes; return them."""
    removed = [raw for raw in document.findall(nodes.raw)
               if "html" in raw.get("format", "").split() and not raw.get(KEPT)]
    for raw in removed:
        raw.parent.remove(raw)
    return removed
