"""A third-party node that the PDF builder has never heard of."""

from docutils import nodes
from docutils.parsers.rst import Directive


class mystery(nodes.General, nodes.Element):
    pass


class MysteryDirective(Directive):
    has_content = True

    def run(self):
        node = mystery()
        node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        node += nodes.paragraph(text=" ".join(self.content))
        return [node]


def setup(app):
    app.add_node(mystery, html=(lambda self, node: None, lambda self, node: None))
    app.add_directive("mystery", MysteryDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
