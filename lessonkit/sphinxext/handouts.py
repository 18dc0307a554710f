"""Handouts a student fills in in the browser, then prints or saves as a PDF (remote learning).

Each space to write is a text box drawn on the handout's lines, named for a screen reader by
the question it answers (``aria-labelledby``); the handout's check boxes can be ticked; a
button prints the handout alone, which a browser's print dialog can also save as a PDF.
Nothing typed is stored: on a school computer shared by a class, a child's answers must not
be there for the next child. The page says so beside the button.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk

FILLABLE = ("handout", "exit-ticket")  # the blocks whose print button prints the block alone


class LabelAnswerSpaces(SphinxPostTransform):
    """Tie each space to write to the question before it (nodes.question_before)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for space in self.document.findall(lk.answer_lines):
            question = lk.question_before(space)
            if question is not None:
                space["labelledby"] = self.document.set_id(question)


def visit_answer_lines(self: HTML5Translator, node: lk.answer_lines) -> None:
    lines = int(node["lines"])
    named = f'aria-labelledby="{node["labelledby"]}"' if node.get("labelledby") else \
        f'aria-label="{_escape(labels.word("Space to write"))}"'
    self.body.append(f'<textarea class="lk-answer" rows="{lines}" {named}></textarea>\n')
    raise nodes.SkipNode


def print_button(block: lk.lesson_block) -> str:
    """The button that prints a block to fill in alone, and what it says about the answers.

    Hidden until the kit's script shows it: without scripts it would do nothing.
    """
    if block["kind"] not in FILLABLE or next(block.findall(lk.answer_lines), None) is None:
        return ""
    button = _escape(labels.word("Print or save as a PDF"))
    note = labels.word("Your answers are not saved: print them or save them as a PDF before you close the page.")
    return (f'<div class="lk-print-handout" hidden><button type="button" class="lk-print-button">{button}</button>'
            f' <span class="lk-print-note">{_escape(note)}</span></div>\n')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def register(app: Sphinx) -> None:
    app.add_node(lk.answer_lines, html=(visit_answer_lines, None))
    app.add_post_transform(LabelAnswerSpaces)
