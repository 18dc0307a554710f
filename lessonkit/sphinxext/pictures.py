"""Pictures after translation: SVGs that hold script or outside references are left out of every
output, and a picture translated with its paragraph counts as translated.

``lessonkit check`` refuses unsafe SVGs (svgsafety.py); the build, which may run without a
check, drops the picture before Sphinx's image collector sees it, so the file is neither copied
into the site nor drawn in a PDF. A translation that points a picture at another file is
caught too: this runs after the translations are applied.

A picture inside a sentence or a card (``![alt](file.svg) Hug``) is translated with its
paragraph, alt text included. Sphinx then also looks up the alt text alone, finds the French
one is no English message, and marks the picture untranslated, which put the "not translated
yet" notice on every translated page with such a picture.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from lessonkit.svgsafety import CODE, svg_findings

logger = logging.getLogger(__name__)


class DropUnsafePictures(SphinxTransform):
    """Remove each image whose SVG file holds script, a web page or a reference outside it."""

    default_priority = 25  # after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not uri.lower().endswith(".svg") or "://" in uri or uri.startswith("data:"):
                continue
            _, path = self.env.relfn2path(uri, self.env.docname)
            findings = svg_findings(self.env.srcdir / path)
            if not findings:
                continue
            first = findings[0]
            logger.warning("the picture %s is left out: line %d %s [%s]", uri, first.line, first.message, CODE,
                           location=image, type="lessonkit", subtype="picture")
            image.parent.remove(image)


class AltTextTranslatedWithItsParagraph(SphinxTransform):
    """Mark a picture translated when the paragraph that holds it was (its alt text came with it)."""

    default_priority = 21  # right after sphinx.transforms.i18n.Locale (20), before doctree-read counts

    def apply(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            if image.get("translated") is not False:
                continue
            holder = image.parent
            while isinstance(holder, nodes.Inline):
                holder = holder.parent
            if isinstance(holder, nodes.TextElement) and holder.get("translated") is True:
                image["translated"] = True
