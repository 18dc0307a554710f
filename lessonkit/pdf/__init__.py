"""lessonkit's PDF builder, ``kitpdf``: reportlab platypus from the translated doctrees."""

from __future__ import annotations

from sphinx.application import Sphinx

from lessonkit.pdf.builder import KitPDFBuilder
from lessonkit.pdf.links import pdf_links_for


def register(app: Sphinx) -> None:
    """Add the ``kitpdf`` builder to ``app`` (called by ``lessonkit.sphinxext.setup``)."""
    app.add_builder(KitPDFBuilder)


__all__ = ["KitPDFBuilder", "pdf_links_for", "register"]
