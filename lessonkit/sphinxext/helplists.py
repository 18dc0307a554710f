"""The help lists of ``source/get-help.md`` as each band's students, teachers and families read them.

An item marked ``{ages}`11-17``` keeps its mark as an attribute (``ages``) once read, so that the
mark writes nothing anywhere; where a lesson copies the list, the items that do not suit its
band go to a teacher-only note (the teacher guide keeps the full list) or, in lists for
students and families, are left out. See lessonkit/helpbands.py.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from lessonkit.helpbands import age_range, suits
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk

AGES = "ages"


class AgesRole(SphinxRole):
    """``{ages}`11-17```: show this help item to students of these ages only (nothing is drawn)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = lk.help_ages(ages=self.text.strip())
        self.set_source_info(node)
        if age_range(self.text) is None:
            message = self.inliner.reporter.warning(
                f"the mark {self.rawtext} names no ages; write e.g. {{ages}}`11-17` or {{ages}}`13+`",
                line=self.lineno)
            return [node], [message]
        return [node], []


def mark_items(doctree: nodes.Node) -> None:
    """Move each ``{ages}`` mark onto its list item (a mark outside a list item marks nothing)."""
    for mark in list(doctree.findall(lk.help_ages)):
        item = next((parent for parent in lk.ancestors(mark) if isinstance(parent, nodes.list_item)), None)
        if item is not None:
            item[AGES] = mark[AGES]
        paragraph = mark.parent
        paragraph.remove(mark)
        last = paragraph.children[-1] if paragraph.children else None
        if isinstance(last, nodes.Text) and last.astext() != last.astext().rstrip():
            paragraph.replace(last, nodes.Text(last.astext().rstrip()))



def for_band(children: list[nodes.Node], band_ages: str, *, others: str) -> list[nodes.Node]:
    """Copies of a help text's ``children`` for a band of ``band_ages``.

    ``others`` says what becomes of the items that do not suit the band: ``"teacher"`` puts them
    in a teacher-only note after the list, ``"drop"`` leaves them out.
    """
    copies = [child.deepcopy() for child in children]
    left_out: list[nodes.list_item] = []
    for listing in (node for child in copies for node in child.findall(nodes.bullet_list)):
        for item in list(listing.children):
            if isinstance(item, nodes.list_item) and AGES in item and not suits(item[AGES], band_ages):
                listing.remove(item)
                left_out.append(item)
    if not left_out or others == "drop":
        return copies
    note = lk.teacher_paragraphs()
    note += nodes.paragraph("", labels.word("For older students (these are not on this band's handouts):"))
    listing = nodes.bullet_list(bullet="-")
    listing.extend(left_out)
    note += listing
    return [*copies, note]
