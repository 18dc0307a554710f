"""Footnotes belong to the block they are written in, though MyST gathers them at the page's end.

A footnote written in a teacher note is teacher text: the student edition leaves it out with its
note, and class view hides it with its note.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from lessonkit.sphinxext import nodes as lk

FOOTNOTES_RULE = "footnotes"  # the class of the rule MyST draws above a page's footnotes


def _references(doctree: nodes.document) -> dict[str, list[nodes.footnote_reference]]:
    found: dict[str, list[nodes.footnote_reference]] = {}
    for reference in doctree.findall(nodes.footnote_reference):
        if "refid" in reference:
            found.setdefault(reference["refid"], []).append(reference)
    return found


def drop_unreferenced(doctree: nodes.document) -> None:
    """Remove each footnote whose every reference went with the text removed around it; number the rest again."""
    references = _references(doctree)
    footnotes = list(doctree.findall(nodes.footnote))
    for footnote in footnotes:
        if footnote["backrefs"] and not any(ident in references for ident in footnote["ids"]):
            footnote.parent.remove(footnote)
    if len(list(doctree.findall(nodes.footnote))) == len(footnotes):
        return
    if not any(doctree.findall(nodes.footnote)):
        for rule in list(doctree.findall(nodes.transition)):
            if FOOTNOTES_RULE in rule["classes"]:
                rule.parent.remove(rule)
    _renumber(doctree, references)


def _renumber(doctree: nodes.document, references: dict[str, list[nodes.footnote_reference]]) -> None:
    # Numbers 1, 3 on a student page would tell that something was taken out between them.
    number = 0
    for footnote in doctree.findall(nodes.footnote):
        if str(footnote.get("auto")) != "1" or not footnote.children or not isinstance(footnote[0], nodes.label):
            continue
        number += 1
        footnote[0].children[:] = [nodes.Text(str(number))]
        for ident in footnote["ids"]:
            for reference in references.get(ident, []):
                reference.children[:] = [nodes.Text(str(number))]


def mark_teacher_only(doctree: nodes.document, teacher_only: Callable[[nodes.Node], bool],
                      css_class: str) -> None:
    """Give ``css_class`` to each footnote that only teacher-only parts (``teacher_only``) refer to."""
    references = _references(doctree)
    for footnote in doctree.findall(nodes.footnote):
        places = [reference for ident in footnote["ids"] for reference in references.get(ident, [])]
        if places and all(_inside(reference, teacher_only) for reference in places):
            footnote["classes"].append(css_class)


def _inside(node: nodes.Node, teacher_only: Callable[[nodes.Node], bool]) -> bool:
    return any(teacher_only(parent) for parent in lk.ancestors(node))
