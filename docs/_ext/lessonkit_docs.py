"""Directives of lessonkit's guides: examples rendered by lessonkit itself, reference made from the code.

Nothing here is pasted by hand: a block example is drawn by lessonkit's own directives, what goes
into each PDF comes from the functions the PDF builder uses, and the settings and commands come
from ``KitSettings`` and the ``lessonkit`` argument parser.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import lessonkit
from lessonkit.blocks import ANSWER_LINES, BLOCKS, DISCLOSURE, FAMILY_HELP, View
from lessonkit.cli import HELP_TOPICS, main, make_parser
from lessonkit.glossary import read_glossary
from lessonkit.pdf import views
from lessonkit.settings import DEFAULT_RULED_OUT, KitSettings
from lessonkit.sphinxext import nodes as lk

# Each view of a lesson: its name in a table, and where a block of it appears, in a sentence.
PLACES = {
    View.TEACHER: ("lesson page, teacher guide", "the teacher guide"),
    View.STUDENT: ("student edition", "the student edition of the site"),
    View.HANDOUT: ("handout", "the handout"),
    View.FAMILY: ("family letter", "the family letter"),
    View.CARDS: ("cut-out cards", "the cut-out cards"),
}
# What each view of a lesson is called in the guides, and the function that makes it for the PDFs.
LESSON_VIEWS = (
    ("The teacher guide", views.teacher_view),
    ("The student handout", views.handout_view),
    ("The family letter", views.family_view),
)


def _join(parts: list[str], last: str) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def where_it_goes(kind: str) -> str:
    """Where a block of ``kind`` appears, in words, from its views in lessonkit.blocks."""
    block = DISCLOSURE if kind == DISCLOSURE.name else BLOCKS[kind]
    shown = ["on the lesson page", *(f"in {words}" for view, (_, words) in PLACES.items() if view in block.views)]
    hidden = [words for view, (_, words) in PLACES.items() if view not in block.views]
    text = f"The {kind} block appears {_join(shown, 'and')}"
    if hidden:
        text += f"; {'never' if block.teacher_only else 'not'} in {_join(hidden, 'or')}"
    return text + "."


def _outer_blocks(container: nodes.Element) -> list[lk.lesson_block]:
    def nested(node: nodes.Node) -> bool:
        parent = node.parent
        while parent is not None and parent is not container:
            if isinstance(parent, lk.lesson_block):
                return True
            parent = parent.parent
        return False

    return [block for block in container.findall(lk.lesson_block) if not nested(block)]


def _caption(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong("", text), classes=["lkdoc-caption"])


class LessonExample(SphinxDirective):
    """Lesson source in a code block, then the same source drawn by lessonkit, then where it goes."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        code = nodes.literal_block(source, source, language="markdown", classes=["lkdoc-source"])
        self.set_source_info(code)
        rendered = nodes.container(classes=["lkdoc-rendered"])
        rendered += self.parse_content_to_nodes()
        kinds = dict.fromkeys(block["kind"] for block in _outer_blocks(rendered))
        places = [nodes.paragraph("", where_it_goes(kind), classes=["lkdoc-where"]) for kind in kinds]
        return [_caption("You write:"), code, _caption("The lesson page shows:"), rendered, *places]


class LessonViews(SphinxDirective):
    """A whole lesson body, drawn three times: as the teacher guide, the handout and the family letter."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        source = f"# {self.arguments[0]}\n\n" + "\n".join(self.content)
        code = nodes.literal_block(source, source, language="markdown", classes=["lkdoc-source"])
        self.set_source_info(code)
        document = new_document(self.env.docname, self.state.document.settings)
        section = nodes.section("", nodes.title("", self.arguments[0]))
        section.extend(self.parse_content_to_nodes())
        document += section
        result: list[nodes.Node] = [_caption("You write:"), code]
        for name, make_view in LESSON_VIEWS:
            view = views.lesson_section(make_view(document))
            shown = nodes.container(classes=["lkdoc-view"])
            shown.extend(child.deepcopy() for child in (view.children[1:] if view else []))
            result += [_caption(f"{name}:"), shown]
        return result


class BlockTable(SphinxDirective):
    """Every block of the lesson format and the places it appears (from lessonkit.blocks)."""

    def run(self) -> list[nodes.Node]:
        heads = ["block", *(name for name, _ in PLACES.values())]
        rows = [[f"{{{kind.name}}}", *("yes" if view in kind.views else "never" if kind.teacher_only else "no"
                                       for view in PLACES)] for kind in BLOCKS.values()]
        rows.append([f"{{{ANSWER_LINES}}}", *(["with the block around it"] * len(PLACES))])
        for added in (DISCLOSURE, FAMILY_HELP):
            rows.append([f"{added.name} (added by lessonkit)",
                         *("yes" if view in added.views else "never" if added.teacher_only else "no"
                           for view in PLACES)])
        return [_table(heads, rows, literal_first=True)]


def _table(heads: list[str], rows: list[list[str]], literal_first: bool = False) -> nodes.table:
    table = nodes.table(classes=["lkdoc-table"])
    group = nodes.tgroup(cols=len(heads))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in heads)

    def row(cells: list[str], head: bool) -> nodes.row:
        line = nodes.row()
        for number, cell in enumerate(cells):
            text = nodes.literal(cell, cell) if literal_first and number == 0 and not head else nodes.Text(cell)
            line += nodes.entry("", nodes.paragraph("", "", text))
        return line

    group += nodes.thead("", row(heads, True))
    group += nodes.tbody("", *(row(cells, False) for cells in rows))
    return table


class KitSettingsList(SphinxDirective):
    """Every ``lessonkit_*`` setting of conf.py with its help text and default (from KitSettings)."""

    def run(self) -> list[nodes.Node]:
        defaults = KitSettings.defaults()
        items = nodes.definition_list(classes=["lkdoc-settings"])
        for field in dataclasses.fields(KitSettings):
            value = defaults[field.name]
            shown = f"{len(value)} entries: {', '.join(map(str, value))}" if isinstance(value, dict) else repr(value)
            term = nodes.term("", "", nodes.literal("", f"lessonkit_{field.name}"))
            definition = nodes.definition("", nodes.paragraph("", field.metadata.get("help", "") + "."),
                                          nodes.paragraph("", "Default: ", nodes.literal("", shown)))
            items += nodes.definition_list_item("", term, definition)
        return [items]


class RuledOutPhrases(SphinxDirective):
    """The phrases ``lessonkit check`` refuses by default, with the reason it gives (from settings.py)."""

    def run(self) -> list[nodes.Node]:
        rows = [[phrase, reason] for phrase, reason in DEFAULT_RULED_OUT.items()]
        return [_table(["phrase", "what the writer is told"], rows, literal_first=True)]


class GlossaryTerms(SphinxDirective):
    """The curriculum's glossary in one language (``glossary/<lang>.yaml``): each term, the variants
    ``lessonkit check`` reports, and why the term was chosen."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.app.confdir).parent  # the curriculum whose docs these are
        glossary = read_glossary(root, self.arguments[0])
        self.env.note_dependency(str(root / glossary.shown))
        rows = [[concept.term, ", ".join(concept.avoid), concept.note] for concept in glossary.concepts]
        return [_table(["term", "variants reported", "why this term"], rows, literal_first=True)]


def command_names() -> list[str]:
    """The sub-commands of ``lessonkit``, in the order of its help."""
    # argparse has no public list of sub-commands; sphinx-argparse reads the same attribute.
    action = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def help_text(topic: str | None) -> str:
    out = io.StringIO()
    main(["help", topic] if topic else ["help"], out, io.StringIO())
    return out.getvalue().rstrip()


class LessonkitHelp(SphinxDirective):
    """The output of ``lessonkit help [TOPIC]``, or with ``:all:``, of every command and topic."""

    optional_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"all": directives.flag}

    def run(self) -> list[nodes.Node]:
        topics = [*command_names(), *HELP_TOPICS] if "all" in self.options else [
            self.arguments[0] if self.arguments else None]
        result: list[nodes.Node] = []
        for topic in topics:
            text = help_text(topic)
            if "all" in self.options:
                result.append(nodes.rubric("", f"lessonkit help {topic}", ids=[f"help-{topic}"]))
            result.append(nodes.literal_block(text, text, language="text"))
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("lesson-example", LessonExample)
    app.add_directive("lesson-views", LessonViews)
    app.add_directive("block-table", BlockTable)
    app.add_directive("kit-settings", KitSettingsList)
    app.add_directive("ruled-out-phrases", RuledOutPhrases)
    app.add_directive("glossary-terms", GlossaryTerms)
    app.add_directive("lessonkit-help", LessonkitHelp)
    app.add_css_file("lessonkit-docs.css")
    return {"version": lessonkit.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
