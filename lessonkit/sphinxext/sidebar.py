"""The site's navigation in each page's sidebar, resolved once for the pages of a folder.

Furo's sidebar shows the whole site's table of contents, which it asks of the template's
``toctree()``. Sphinx resolves it again for every page, which grows with the square of the number
of pages: most of the HTML writing time of a large curriculum. Pages in the same folder, listed by
the same page, see the same navigation but for which entry is current: it is resolved once for
them, and the current entry moved (compat.current_moved). Pages that no page lists (the home page,
the search and index pages) have no current entry: one resolution per folder serves them all.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import partial
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from lessonkit.sphinxext import compat

# What Furo asks for; other calls of ``toctree()`` are Sphinx's to answer.
_CACHED = {"titles_only", "maxdepth", "includehidden"}


class SidebarCache:
    """The resolved navigation of a build, by folder and listing page (kept for one build)."""

    def __init__(self) -> None:
        # (folder, listing page, options) -> the page it was resolved for, the tree, its HTML
        self.trees: dict[tuple[str, str | None, str], tuple[str, nodes.Element | None, str]] = {}

    def toctree(self, builder: StandaloneHTMLBuilder, docname: str, sphinx_toctree: Callable[..., str],
                collapse: bool = True, **options: Any) -> str:
        """What the template's ``toctree(**options)`` gives the page ``docname``."""
        parents = sorted(builder.env.files_to_rebuild.get(docname, ()))
        if collapse or len(parents) > 1 or set(options) != _CACHED or options["maxdepth"] == "":
            return sphinx_toctree(collapse=collapse, **options)
        parent = parents[0] if parents else None
        key = (posixpath.dirname(builder.get_target_uri(docname)), parent, repr(sorted(options.items())))
        if key not in self.trees:
            tree = compat.site_toctree(builder.env, docname, builder, collapse=False, **options)
            self.trees[key] = (docname, tree, builder.render_partial(tree)["fragment"])
        resolved_for, tree, html = self.trees[key]
        if tree is None or resolved_for == docname or parent is None:
            return html
        with compat.current_moved(tree, builder.get_relative_uri(docname, resolved_for),
                                  builder.get_relative_uri(resolved_for, docname)) as moved:
            return builder.render_partial(tree)["fragment"] if moved else sphinx_toctree(collapse=collapse, **options)


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Answer the page's ``toctree()`` from the cache (before Furo's handler asks it, at 500)."""
    cache = getattr(app.builder, "sidebar", None)
    if isinstance(cache, SidebarCache) and "toctree" in context:
        context["toctree"] = partial(cache.toctree, app.builder, pagename, context["toctree"])


def register(app: Sphinx) -> None:
    app.connect("html-page-context", on_html_page_context, priority=400)
