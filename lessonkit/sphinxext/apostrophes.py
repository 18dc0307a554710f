"""Apostrophes that smart quotes would turn into quote marks.

Docutils' smart quotes read an apostrophe by the characters around it. Before « (``L'« adulte »``)
or at the end of a text that bold or a link continues (``qu'**ils**``) they see no letter after
it, take it for a closing quote and, in French, print ” (``L”« adulte »``). This transform runs
just before them and writes those apostrophes as ’, which they leave alone.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from lessonkit.typography import protect_apostrophes

# Text that smart quotes leave alone, and so must this transform.
_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math)


class ProtectApostrophes(SphinxTransform):
    # Sphinx's SmartQuotes runs at 750, after the translations are applied (20).
    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        texts = [text for text in self.document.findall(nodes.Text)
                 if not isinstance(text.parent, _VERBATIM) and text.astext()]
        for text, following in zip(texts, [*texts[1:], None], strict=True):
            value = text.astext()
            protected = protect_apostrophes(value, following.astext()[:1] if following is not None else "")
            if protected != value:
                text.parent.replace(text, nodes.Text(protected))
