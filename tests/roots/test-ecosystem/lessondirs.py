"""A lesson extension of the project's own with an `objectives` directive, as sphinx-lesson has."""

from docutils import nodes
from docutils.parsers.rst import Directive


class Objectives(Directive):
    has_content = True

    def run(self):
        box = nodes.admonition(classes=["objectives"])
        box += nodes.title(text="Objectives")
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def setup(app):
    app.add_directive("objectives", Objectives)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
