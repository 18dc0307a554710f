"""The lessonkit Sphinx extension: lesson blocks, band and lesson pages, the kit builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import init as init_locale

import lessonkit
from lessonkit import pdf
from lessonkit.settings import KitSettings, SettingsError
from lessonkit.sphinxext import citations, directives, html, navigation, reading, resolving, tasklists
from lessonkit.sphinxext.domain import LessonkitDomain
from lessonkit.sphinxext.labels import CATALOG, LOCALE_DIR
from lessonkit.sphinxext.parser import KitMystParser

HERE = Path(__file__).resolve().parent


def validate_config(app: Sphinx, config: Config) -> None:
    """Refuse a malformed ``lessonkit_*`` setting before anything is read."""
    values = {f"lessonkit_{name}": config[f"lessonkit_{name}"] for name in KitSettings.defaults()}
    try:
        settings = KitSettings.from_namespace(values)
    except (SettingsError, TypeError) as err:
        raise ConfigError(str(err)) from None
    if settings.fast_parser:
        app.add_source_parser(KitMystParser, override=True)
    if settings.board_logo and not config.html_logo:
        config.html_logo = settings.board_logo
    if settings.audience == "student":
        # The Markdown sources hold every teacher-only block: never ship them to students.
        config.html_copy_source = False
        config.html_show_sourcelink = False
    # Interface strings of the theme that Sphinx's own catalog lacks, in the build language.
    init_locale([LOCALE_DIR], config.language, "sphinx")
    # Sphinx quotes search results by fetching their pages, which file:// forbids: the kit ships
    # the pages' text for the search page instead (searchtext.py, static/lessonkit-search.js).
    config.html_show_search_summary = False
    # New lists: Sphinx's defaults are shared, and growing them would make every later build in
    # the same process look like a changed configuration.
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [str(HERE / "static"), *config.html_static_path]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    for name, default in KitSettings.defaults().items():
        app.add_config_value(f"lessonkit_{name}", default, KitSettings.rebuild(name),
                             types=frozenset({type(default)}))
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.add_domain(LessonkitDomain)
    directives.register(app)
    app.add_role("source", citations.SourceRole())
    html.register(app)
    navigation.register(app)
    pdf.register(app)
    app.add_post_transform(resolving.FillPlaceholders)
    app.add_transform(tasklists.SetTaskCheckboxesAside)
    app.add_transform(tasklists.PutTaskCheckboxesBack)
    app.connect("config-inited", validate_config)
    # Before Sphinx's collectors (priority 500): the table of contents and the search index must
    # not see what the student edition removes.
    app.connect("doctree-read", reading.on_doctree_read, priority=400)
    app.connect("env-get-outdated", reading.on_env_get_outdated)
    app.connect("env-updated", reading.on_env_updated)
    app.add_css_file("lessonkit.css")
    return {"version": lessonkit.__version__, "env_version": 7,
            "parallel_read_safe": True, "parallel_write_safe": True}
