"""The doctree nodes of lessonkit."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes


class lesson_block(nodes.General, nodes.Element):
    """A block of the lesson format; ``kind`` names it (``activity``, ``teacher-note``…)."""


class block_title(nodes.Part, nodes.TextElement):
    """The title of an activity or a handout: translatable text."""


class answer_lines(nodes.General, nodes.Element):
    """A space to write ``lines`` lines; a fillable field in PDFs."""


class teacher_inline(nodes.Inline, nodes.TextElement):
    """Teacher-only words inside text students see (``{teacher}`…```): an expected answer, a prompt."""


class teacher_paragraphs(nodes.General, nodes.Element):
    """Teacher-only paragraphs inside a block students see (``:::{teacher}``)."""


# Teacher-only text that is not a block: left out wherever teacher-only blocks are.
TEACHER_TEXT = (teacher_inline, teacher_paragraphs)


class video(nodes.General, nodes.Element):
    """A video kept in the project: holds its poster (an image) and its file (a download reference).

    ``tracks`` lists ``(language, path from the project's top)`` of its WebVTT captions.
    """


class lesson_header(nodes.General, nodes.Element):
    """The band, grades, duration and topics of a lesson, drawn under its title."""


class kit_text(nodes.General, nodes.Element):
    """A named text kept in a page under source/ (help resources, disclosure guidance…)."""


class help_ages(nodes.Inline, nodes.Element):
    """``{ages}`11-17``` in a help list: the item is for students of those ``ages``; moved onto the item when read."""


class letter_signoff(nodes.General, nodes.Element):
    """Where the teacher writes their name, the school, the lesson's date and signs: the family letter's end."""


class kit_text_ref(nodes.General, nodes.Element):
    """Where a named kit text is copied in; replaced before writing."""


class band_overview(nodes.General, nodes.Element):
    """Where the table of bands goes; replaced before writing."""


class kit_value(nodes.Inline, nodes.TextElement):
    """A word drawn from the settings (``{kit}`band-count```, ``{kit}`band-list```); filled in before writing."""


class lesson_list(nodes.General, nodes.Element):
    """Where the list of a band's lessons goes; replaced before writing."""


class pdf_links(nodes.General, nodes.Element):
    """Links to the PDFs of a lesson, a band or the whole kit (HTML only)."""




class band_minutes(nodes.Inline, nodes.Element):
    """How long a band's lessons last (``{band-minutes}`ages-8-10```), from their durations; filled in later."""


class source_ref(nodes.Inline, nodes.Element):
    """A citation of a source of sources.yaml (``{source}`key```); numbered before writing."""


class review_packet(nodes.General, nodes.Element):
    """Where the review packet goes (every cited fact of every lesson); replaced before writing."""


class curriculum_links(nodes.General, nodes.Element):
    """Where a lesson's curriculum expectations (``codes``) go, in its "Curriculum links" block."""


class band_check_ref(nodes.General, nodes.Element):
    """Where a band's before / after check (``position``) goes in its first or last lesson."""


class framework_links(nodes.General, nodes.Element):
    """Where a framework's expectations, grade by grade, and the lessons that meet them go."""


PLACEHOLDERS = (kit_text_ref, band_overview, band_minutes, kit_value, lesson_list, review_packet, curriculum_links,
                band_check_ref, framework_links)


def doc_link(target: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A link to a document, resolved by Sphinx for whichever builder writes it."""
    return addnodes.pending_xref("", *children, refdomain="std", reftype="doc",
                                 reftarget=f"/{target}", refexplicit=True, refwarn=True)


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The elements that hold ``node``, nearest first."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def question_before(space: answer_lines) -> nodes.Element | None:
    """What a space to write answers: the nearest element before it, in its parent, with text to
    read; the last item when that is a list (a checklist ending "Two trusted adults I can tell:")."""
    parent = space.parent
    if parent is None:
        return None
    for sibling in reversed(parent.children[:parent.index(space)]):
        if isinstance(sibling, nodes.Element) and not isinstance(sibling, answer_lines) and sibling.astext().strip():
            while isinstance(sibling, nodes.bullet_list | nodes.enumerated_list) and sibling.children:
                sibling = sibling.children[-1]
            return sibling
    return None
