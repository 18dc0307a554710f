"""What lessonkit relies on in Sphinx, MyST-Parser and Furo beyond their documented hooks.

Everything else uses events, builder methods and templates. Each item here names the upstream
code it depends on; tests/test_compat.py fails when that changes, on the newest versions and on
the lowest ones (.ci/lowest.txt), so an upgrade breaks a test rather than a kit.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from jinja2 import Environment, FileSystemBytecodeCache
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.search import IndexBuilder, SearchLanguage

# -- Sphinx: the search index -------------------------------------------------------------------
# StandaloneHTMLBuilder.prepare_writing creates ``self.indexer`` (an IndexBuilder), then calls
# ``load_indexer``; ``index_page`` (which honours ``nosearch``), ``load_indexer`` and
# ``dump_search_index`` put documents in with ``feed(docname, filename, title, doctree)`` and
# take them out with ``prune(docnames)``. The search page links a result as "<name>.html".


class IndexByPage:
    """The builder's search index, naming each document by the page it is written to and
    indexing what ``prepare`` makes of its doctree; the rest is the IndexBuilder's."""

    def __init__(self, index: IndexBuilder, page_name: Callable[[str], str],
                 prepare: Callable[[str, nodes.document], nodes.document]) -> None:
        self.index = index
        self.page_name = page_name
        self.prepare = prepare

    def feed(self, docname: str, filename: str, title: str, doctree: nodes.document) -> None:
        self.index.feed(self.page_name(docname), filename, title, self.prepare(docname, doctree))

    def prune(self, docnames: Iterable[str]) -> None:
        self.index.prune({self.page_name(docname) for docname in docnames})

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)


# IndexBuilder.feed reads ``self.lang.stem`` at each call to stem a page's words; SearchLanguage
# offers no hook for a stemmer of one's own but ``add_search_language``, which replaces the
# language in a table shared by every application of the process.
def stem_with(language: SearchLanguage, stem: Callable[[str], str]) -> Callable[[str], str]:
    """Make the search index stem with ``stem``; return the language's own stemmer."""
    own: Callable[[str], str] = language.stem
    language.stem = stem  # type: ignore[method-assign]
    return own


# -- Sphinx: the source parsers -----------------------------------------------------------------
# ``Sphinx.add_source_suffix`` records an extension's suffix in ``app.registry.source_suffix``;
# Sphinx copies it into ``config.source_suffix`` only at config-inited priority 800
# (sphinx.registry.merge_source_suffix), after lessonkit chooses its Markdown parser (at 100).

def suffix_registered(app: Sphinx, suffix: str) -> bool:
    """Whether an extension has registered a parser's file suffix (``.md``: myst-nb does)."""
    return suffix in app.registry.source_suffix


# -- Sphinx: the navigation ----------------------------------------------------------------------
# global_toctree_for_doc (sphinx.environment.adapters.toctree, Sphinx >= 7.2) resolves the site's
# table of contents as seen from a document, which StandaloneHTMLBuilder renders into the
# ``toctree()`` of the page's template context; Sphinx 9 passes it the builder's tags (Sphinx 8
# reads them from the builder). Its ``_toctree_add_classes`` marks the entry of the
# document itself: the classes "current" and the attribute "iscurrent" on its reference, the
# reference's paragraph and list item and every container above them, and an empty "refuri".

def site_toctree(env: BuildEnvironment, docname: str, builder: Builder, **options: Any) -> nodes.Element | None:
    """The site's table of contents as seen from ``docname``, resolved (before rendering)."""
    if _TOCTREE_TAKES_TAGS:
        options["tags"] = builder.tags
    return global_toctree_for_doc(env, docname, builder, **options)


_TOCTREE_TAKES_TAGS = "tags" in inspect.signature(global_toctree_for_doc).parameters


@contextmanager
def current_moved(toctree: nodes.Element, old_uri: str, new_uri: str) -> Iterator[bool]:
    """``toctree`` with its current entry moved to the sibling entry linked as ``new_uri``, for the
    time of the ``with`` block (then moved back): True, or False when the sibling is not in the same
    list as the current entry (Sphinx must resolve that page itself).

    ``old_uri`` is how the sibling's page links the entry current in ``toctree``.
    """
    current = [ref for ref in toctree.findall(nodes.reference) if "current" in ref["classes"]]
    targets = [ref for ref in toctree.findall(nodes.reference) if ref.get("refuri") == new_uri]
    if len(current) != 1 or len(targets) != 1 or current[0].get("anchorname") or targets[0].get("anchorname") \
            or not isinstance(current[0].parent.parent, nodes.list_item) \
            or current[0].parent.parent.parent is not targets[0].parent.parent.parent:
        yield False
        return
    _move_current(current[0], targets[0], old_uri)
    try:
        yield True
    finally:
        _move_current(targets[0], current[0], new_uri)


def _move_current(current: nodes.Element, target: nodes.Element, uri: str) -> None:
    """Mark ``target`` (a reference, its paragraph and list item) current instead of ``current``,
    which links to ``uri`` from now on."""
    target["refuri"], current["refuri"] = current["refuri"], uri
    for node in (current, current.parent, current.parent.parent):
        node["classes"].remove("current")
        node.attributes.pop("iscurrent", None)
    for node in (target, target.parent, target.parent.parent):
        node["classes"].append("current")
        node["iscurrent"] = True


# -- Sphinx: the templates ----------------------------------------------------------------------
# Sphinx's BuiltinTemplateLoader renders with the Jinja environment of its ``environment``
# attribute; it offers no setting for Jinja's bytecode cache.

def keep_compiled_templates(templates: object, folder: Path) -> None:
    """Have the builder's Jinja environment keep the compiled templates in ``folder``."""
    environment = getattr(templates, "environment", None)
    if isinstance(environment, Environment):
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


# -- MyST-Parser ---------------------------------------------------------------------------------
# SphinxRenderer.setup_render (myst_parser.mdit_to_docutils.base) evaluates
# ``options.get("document", make_document())``: it builds a document with docutils' default
# settings even when it is given one, on each of the thousands of messages Sphinx parses when it
# translates. This sets the same attributes, from the given document.

class KitRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, without the default-settings document it builds and discards."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        if "document" not in options:
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


# -- Furo ----------------------------------------------------------------------------------------
# Furo writes these words in English whatever the language (its templates do not pass them to
# ``_()``; the last is written by furo/navigation.py): templates/page.html replaces each, as it
# appears in the markup of Furo's ``body`` block, with its translation. Furo 2025 writes the
# toggles' names as ``aria-label``; Furo 2024 as visually hidden text.
_TOGGLES = ("Toggle site navigation sidebar", "Toggle table of contents sidebar",
            "Toggle Light / Dark / Auto color theme")
_ICONS = ("Contents", "Menu", "Expand", "Light mode", "Dark mode", "Auto light/dark, in light mode",
          "Auto light/dark, in dark mode")
FURO_UNTRANSLATED = (
    *(('aria-label="{}"', text) for text in _TOGGLES),
    *(('<div class="visually-hidden">{}</div>', text) for text in _TOGGLES),
    ('aria-label="{} ', "Toggle navigation of"),
    ('<div class="visually-hidden">{} ', "Toggle navigation of"),
    *(("<title>{}</title>", text) for text in _ICONS),
)
# Furo's one inline script, exactly as the ``body`` block of its base.html renders it: the pages'
# policy runs no inline script, so templates/page.html loads static/lessonkit-theme.js in its place.
FURO_THEME_SCRIPT = ('<script>\n      document.body.dataset.theme = localStorage.getItem("theme") || "auto";\n'
                     '    </script>')
# Where Furo's ``footer`` block starts its copyright and credits, which templates/page.html
# replaces with the board's (the links to the next and previous pages before it are kept).
FURO_FOOTER_BOTTOM = '<div class="bottom-of-page">'



# -- Sphinx and Furo: the page's direction -------------------------------------------------------
# Furo's base.html writes ``<html class="no-js" lang="...">`` outside every template block, so no
# template can add ``dir`` to it; Sphinx's BuiltinTemplateLoader.render returns the rendered page.
FURO_HTML_ELEMENT = '<html class="no-js"'


class DirectionalTemplates(BuiltinTemplateLoader):
    """Sphinx's templates, with the direction of the page's language on its ``<html>`` element:
    a right-to-left language's pages get ``dir="rtl"`` once rendered."""

    def render(self, template: str, context: dict[str, Any]) -> str:
        page = super().render(template, context)
        if context.get("lk_direction", "ltr") == "ltr":
            return page
        return page.replace("<html ", f'<html dir="{context["lk_direction"]}" ', 1)
