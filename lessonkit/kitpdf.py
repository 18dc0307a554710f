"""``extensions = ["lessonkit.kitpdf"]``: the ``kitpdf`` builder for any Sphinx project, on its own.

It brings the builder and what the builder reads (the ``lessonkit_*`` settings, lessonkit's
words, its domain), and none of the lesson directives or the changes to HTML that
``lessonkit.sphinxext`` makes. ``lessonkit.sphinxext`` loads it too.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

import lessonkit
from lessonkit import pdf
from lessonkit.settings import TEXT_SETTINGS, KitSettings, SettingsError
from lessonkit.sphinxext.domain import LessonkitDomain
from lessonkit.sphinxext.labels import CATALOG, LOCALE_DIR


def check_settings(app: Sphinx, config: Config) -> None:
    """Refuse a malformed ``lessonkit_*`` setting before anything is read."""
    values = {f"lessonkit_{name}": config[f"lessonkit_{name}"] for name in KitSettings.defaults()}
    try:
        KitSettings.from_namespace(values)
    except (SettingsError, TypeError) as err:
        raise ConfigError(str(err)) from None


def config_types(name: str, default: object) -> frozenset[type]:
    """What Sphinx accepts for a setting: a text or one per language; the languages as a list or with scopes."""
    if name in TEXT_SETTINGS:
        return frozenset({str, dict})
    if name == "languages":
        return frozenset({type(default), dict})
    return frozenset({type(default)})


def setup(app: Sphinx) -> dict[str, Any]:
    for name, default in KitSettings.defaults().items():
        app.add_config_value(f"lessonkit_{name}", default, KitSettings.rebuild(name),
                             types=config_types(name, default))
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_domain(LessonkitDomain)
    pdf.register(app)
    app.connect("config-inited", check_settings, priority=100)
    return {"version": lessonkit.__version__, "env_version": 6,
            "parallel_read_safe": True, "parallel_write_safe": True}
