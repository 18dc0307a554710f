"""The parts of a lesson each PDF shows: the teacher guide, the handout and the family letter."""

from __future__ import annotations

from docutils import nodes

from lessonkit.blocks import View, kind_of
from lessonkit.sphinxext import citations
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.teachertext import remove_teacher_text

# Shown first in the teacher guide, in this order, whatever their place in the source.
UP_FRONT = ("summary", "objectives", "success-criteria", "curriculum-links", "materials", "vocabulary")
# The family letter's order: the letter first, then what the lesson teaches and where families get help.
FAMILY_ORDER = ("family-letter", "summary", "family-help")
FAMILY_NOTICE = "lk-text-family-notice"


def views_of(kind: str) -> frozenset[View]:
    block = kind_of(kind)
    return block.views if block is not None else frozenset()


def lesson_section(doctree: nodes.document) -> nodes.section | None:
    """The section that holds the lesson (titled with the lesson's title)."""
    return next((child for child in doctree.children if isinstance(child, nodes.section)), None)


def _outer_blocks(section: nodes.section) -> list[lk.lesson_block]:
    """Blocks that are not inside another block, in document order."""
    return [block for block in section.findall(lk.lesson_block)
            if not any(isinstance(parent, lk.lesson_block) for parent in lk.ancestors(block))]



def _prune(block: nodes.Element, view: View) -> nodes.Element:
    """Remove the blocks nested in ``block`` that do not belong in ``view``."""
    for inner in list(block.findall(lk.lesson_block, include_self=False)):
        if view not in views_of(inner["kind"]) and inner.parent is not None:
            inner.parent.remove(inner)
    if view is not View.TEACHER:
        remove_teacher_text(block)
    return block


def _rebuild(section: nodes.section, children: list[nodes.Node]) -> None:
    for child in list(section.children):
        section.remove(child)
    section.extend(children)


def _shell(doctree: nodes.document, section: nodes.section, children: list[nodes.Node]) -> nodes.document:
    """A new document holding copies of ``children`` in a copy of ``section`` (copies only those)."""
    document = doctree.copy()
    document.settings, document.reporter = doctree.settings, doctree.reporter
    copy = section.copy()
    copy.extend(child.deepcopy() for child in children)
    document.append(copy)
    return document


def _heading(section: nodes.section) -> list[nodes.Node]:
    return [child for child in section.children if isinstance(child, nodes.title | lk.lesson_header)]


def teacher_view(doctree: nodes.document, *, in_place: bool = False) -> nodes.document:
    """The whole lesson, with the blocks that prepare the lesson moved to the front.

    ``in_place``: rearrange ``doctree`` itself rather than a copy (copying a lesson costs more
    than laying out a page), when nothing else will read it.
    """
    view = doctree if in_place else doctree.deepcopy()
    section = lesson_section(view)
    if section is None:
        return view
    heading = _heading(section)
    rest = [child for child in section.children if child not in heading]
    # The band's check keeps its place and minutes in the lesson's sequence, its questions without
    # the lines to answer on: students write in the handout (the guide's materials say so).
    for block in rest:
        if isinstance(block, lk.lesson_block) and block.get("generated"):
            for lines in list(block.findall(lk.answer_lines)):
                lines.parent.remove(lines)
    early = sorted((child for child in rest
                    if isinstance(child, lk.lesson_block) and child["kind"] in UP_FRONT),
                   key=lambda block: UP_FRONT.index(block["kind"]))
    _rebuild(section, [*heading, *early, *(child for child in rest if child not in early)])
    return view


def handout_view(doctree: nodes.document) -> nodes.document:
    """Only what a student sees: the blocks that belong in the handout, and nothing else."""
    section = lesson_section(doctree)
    if section is None:
        return doctree.deepcopy()
    blocks = [block for block in _outer_blocks(section) if View.HANDOUT in views_of(block["kind"])]
    view = _shell(doctree, section, [*_heading(section), *blocks])
    for block in _outer_blocks(lesson_section(view)):
        _prune(block, View.HANDOUT)
    _bring_footnotes(view, doctree)
    citations.renumber(view, doctree)
    return view


def family_view(doctree: nodes.document) -> nodes.document:
    """The family letter (its notice first), what the lesson teaches, and where to get help."""
    section = lesson_section(doctree)
    if section is None:
        return doctree.deepcopy()
    chosen = [block for block in _outer_blocks(section) if View.FAMILY in views_of(block["kind"])]
    view = _shell(doctree, section, [*_heading(section), *chosen])
    section = lesson_section(view)
    heading = _heading(section)
    blocks = [_prune(block, View.FAMILY) for block in _outer_blocks(section)]
    blocks.sort(key=lambda block: FAMILY_ORDER.index(block["kind"])
                if block["kind"] in FAMILY_ORDER else len(FAMILY_ORDER))
    notices = [container for block in blocks for container in block.findall(nodes.container)
               if FAMILY_NOTICE in container["classes"]]
    for notice in notices:
        notice.parent.remove(notice)
    _rebuild(section, [*heading, *notices, *blocks])
    _bring_footnotes(view, doctree)
    citations.renumber(view, doctree)
    return view


def cards_view(doctree: nodes.document) -> nodes.document:
    """The lesson's cards blocks, wherever they stand, under its title: the cut-out sheet."""
    section = lesson_section(doctree)
    if section is None:
        return doctree.deepcopy()
    found = [block for block in section.findall(lk.lesson_block) if block["kind"] == "cards"]
    return _shell(doctree, section, [*_heading(section), *found])


def _bring_footnotes(view: nodes.document, doctree: nodes.document) -> None:
    """The footnotes that the text kept in ``view`` refers to: MyST puts them at the end of the page,
    outside every block, so a view of some blocks would otherwise link to footnotes it lacks."""
    section = lesson_section(view)
    have = {ident for node in view.findall(nodes.footnote) for ident in node["ids"]}
    for reference in list(view.findall(nodes.footnote_reference)):
        footnote = doctree.ids.get(reference.get("refid", ""))
        if section is not None and isinstance(footnote, nodes.footnote) and reference["refid"] not in have:
            section.append(footnote.deepcopy())
            have.update(footnote["ids"])
