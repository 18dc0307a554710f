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
                paragraph.insert(0, nodes.raw("", item[KEPT], format="html"))
                del item[KEPT]
