"""Teacher-only text inside a block students see: an expected answer, a prompt to the teacher.

A teacher-only block (a teacher note, an answer key) is a whole box; an answer often belongs
in the middle of what the class sees ("Myth or fact?", a discussion question). The role
``{teacher}`Myth. Paying leads to more demands.``` and the directive ``:::{teacher}`` mark such
text: the teacher guide and lesson page show it, marked; class view hides it; the student
edition, its search index, handouts and family letters leave it out.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from lessonkit.sphinxext import nodes as lk


class TeacherRole(SphinxRole):
    """``{teacher}`text```: teacher-only words, with their Markdown (bold, links) kept."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = lk.teacher_inline(self.rawtext)
        self.set_source_info(node)
        children, messages = self.inliner.parse(self.text, self.lineno, self.inliner, node)
        node += children
        return [node], messages


class TeacherDirective(SphinxDirective):
    """``:::{teacher}`` holding paragraphs (or a list) that only the teacher reads."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = lk.teacher_paragraphs()
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


def is_teacher_text(node: nodes.Node) -> bool:
    return isinstance(node, lk.TEACHER_TEXT)


def remove_teacher_text(doctree: nodes.Node) -> int:
    """Take every teacher-only text out of ``doctree``; how many were taken out."""
    found = [node for node in doctree.findall(is_teacher_text) if node.parent is not None]
    for node in found:
        if node.parent is not None:  # not inside one removed already
            node.parent.remove(node)
    _trim_paragraph_ends(doctree)
    return len(found)


def _trim_paragraph_ends(doctree: nodes.Node) -> None:
    """A paragraph left ending in a space (the answer after a question was taken out) ends clean."""
    for paragraph in doctree.findall(nodes.paragraph):
        last = paragraph.children[-1] if paragraph.children else None
        if isinstance(last, nodes.Text) and last.astext() != last.astext().rstrip():
            paragraph.replace(last, nodes.Text(last.astext().rstrip()))
