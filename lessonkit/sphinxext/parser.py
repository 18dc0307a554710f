"""MyST's Markdown parser, made cheap to call many times.

When Sphinx translates a document it parses every translated message as a small document
of its own, with the parser registered for Markdown: thousands of calls per language. Two
costs of MyST-Parser's parser do not depend on the text: building a Markdown parser, and
building a throw-away document with docutils' default settings (evaluated even when a
document is given). This parser keeps one Markdown parser per configuration and gives the
renderer the document it already has (compat.KitRenderer); what it produces is exactly what MyST produces
(tests/test_parser.py compares the two on the whole curriculum).
"""

from __future__ import annotations

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser

from lessonkit.sphinxext.compat import KitRenderer

# Markdown parsers by configuration: a build has one or two configurations (one per
# language); a few entries are kept so that tests running many builds stay bounded.
_PARSERS: dict[int, tuple[MdParserConfig, MarkdownIt]] = {}
_KEEP = 4


def _markdown_parser(config: MdParserConfig) -> MarkdownIt:
    cached = _PARSERS.get(id(config))
    if cached is not None and cached[0] is config and not cached[1].options.get("lk_busy"):
        return cached[1]
    parser = create_md_parser(config, KitRenderer)
    if cached is None or cached[0] is not config:
        if len(_PARSERS) >= _KEEP:
            _PARSERS.pop(next(iter(_PARSERS)))
        _PARSERS[id(config)] = (config, parser)
    return parser


class KitMystParser(MystParser):
    """The Markdown parser of a lessonkit project (MyST, reused between documents)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None
        if topmatter:  # file-level settings: MyST merges them into a configuration of its own
            super().parse(inputstring, document)
            return
        parser = _markdown_parser(document.settings.env.myst_config)
        parser.options["document"] = document
        parser.options["lk_busy"] = True  # a nested parse gets a parser of its own
        try:
            parser.render(inputstring)
        finally:
            parser.options["lk_busy"] = False
            del parser.options["document"]
