"""lessonkit's PDF builder, ``kitpdf``: reportlab platypus from the translated doctrees."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """Add the ``kitpdf`` builder to ``app`` (called by ``lessonkit.sphinxext.setup``)."""
    from lessonkit.pdf.builder import KitPDFBuilder  # reportlab is loaded only by Sphinx runs

    app.add_builder(KitPDFBuilder)


__all__ = ["register"]
