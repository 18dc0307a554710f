"""lessonkit beside other Sphinx extensions (myst-nb, sphinx-lesson, Jupyter Book's).

Sphinx runs the ``setup()`` of every extension in ``extensions`` before it emits
``config-inited``. Registering the Markdown parser and the directives then, not in ``setup()``,
lets lessonkit see what the others registered whatever their order: a parser for ``.md``
(myst-nb's) is used as it is, and a directive name another extension holds stays theirs, with
a warning that names lessonkit's ``lk-`` alternative.
"""

from __future__ import annotations

from docutils.parsers.rst import Directive
from docutils.parsers.rst import directives as docutils_directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import is_directive_registered

from lessonkit.blocks import ALIAS_PREFIX
from lessonkit.sphinxext import compat
from lessonkit.sphinxext.directives import directive_classes

logger = logging.getLogger(__name__)

# lessonkit's directives are left registered by an earlier build in the same process; and its
# ``rubric`` replaces docutils' and Sphinx's on purpose (RubricDirective still does their job).
_OWN = "lessonkit."
_REPLACED = {"rubric": ("docutils.", "sphinx.")}


def add_markdown(app: Sphinx, config: Config) -> None:
    """Load MyST-Parser unless an extension already gave ``.md`` a parser (myst-nb does)."""
    if not compat.suffix_registered(app, ".md"):
        app.setup_extension("myst_parser")


def add_directives(app: Sphinx, config: Config) -> None:
    """Register lessonkit's directives, as ``lk-<name>`` always and by name where it is free."""
    for name, directive in directive_classes().items():
        app.add_directive(ALIAS_PREFIX + name, directive, override=True)
        holder = foreign_directive(name)
        if holder is None:
            app.add_directive(name, directive, override=True)
        else:
            logger.warning("directive '%s' is already registered by %s, which keeps it; "
                           "write '%s%s' for lessonkit's", name, extension_of(app, holder),
                           ALIAS_PREFIX, name, type="lessonkit", subtype="directive")


def foreign_directive(name: str) -> type[Directive] | None:
    """The directive registered as ``name`` by another package than docutils or lessonkit, if any."""
    if not is_directive_registered(name):
        return None
    # A registered name is found without a language module or a document to report to.
    directive, _ = docutils_directives.directive(name, None, None)  # type: ignore[arg-type]
    module = directive.__module__ if directive is not None else _OWN
    if module.startswith((_OWN, *_REPLACED.get(name, ()))):
        return None
    return directive


def extension_of(app: Sphinx, directive: type[Directive]) -> str:
    """The extension, as listed in ``extensions``, whose module defines ``directive``."""
    module = directive.__module__
    loaded = [name for name in app.extensions if module == name or module.startswith(f"{name}.")]
    return min(loaded, key=len) if loaded else module.partition(".")[0]
