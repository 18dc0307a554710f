"""Apostrophes that smart quotes would turn into quote marks.

Docutils' smart quotes read an apostrophe by the characters around it. Before « (``L'« adulte »``)
or at the end of a text that bold or a link continues (``qu'**ils**``) they see no letter after
it, take it for a closing quote and, in French, print ” (``L”« adulte »``). This transform runs
just before them and writes those apostrophes as ’, which they leave alone.

In French, a second transform joins a verb to its pronoun (« parles-en », « dis-le ») with a
hyphen that does not break, so that a title never ends a line on « parles- ».
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from lessonkit.typography import join_pronouns, protect_apostrophes

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


class JoinPronouns(SphinxTransform):
    """French only: no line ends between a verb and its pronoun (U+2011 instead of ``-``)."""

    default_priority = 741

    def apply(self, **kwargs: Any) -> None:
        if not (self.config.language or "").startswith("fr"):
            return
        for text in list(self.document.findall(nodes.Text)):
            if isinstance(text.parent, _VERBATIM):
                continue
            value = text.astext()
            joined = join_pronouns(value)
            if joined != value:
                text.parent.replace(text, nodes.Text(joined))
