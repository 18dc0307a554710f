"""The lessonkit Sphinx extension (``extensions = ["lessonkit.sphinxext"]``): lesson blocks, band
and lesson pages, the kit builders.

``extension`` sets it up; the other modules each hold one part of it. This file imports none of
them, so that a module that needs one part (``labels``, ``domain``…) does not load the whole
extension and Sphinx's HTML builder with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from lessonkit.sphinxext.extension import setup as set_up_extension  # see the module's docstring

    return set_up_extension(app)
