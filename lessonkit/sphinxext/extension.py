"""Setting up the lessonkit Sphinx extension: its settings, roles, transforms, event handlers and builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import init as init_locale

import lessonkit
from lessonkit.blocks import ALIAS_PREFIX, TEACHER_TEXT
from lessonkit.sphinxext import (
    apostrophes,
    citations,
    directives,
    familyscope,
    helplists,
    html,
    lessonindex,
    navigation,
    pictures,
    reading,
    registration,
    resolving,
    tasklists,
)
from lessonkit.sphinxext.directives import BandMinutesRole
from lessonkit.sphinxext.labels import LOCALE_DIR, settings_of
from lessonkit.sphinxext.parser import KitMystParser
from lessonkit.sphinxext.teachertext import TeacherRole

HERE = Path(__file__).resolve().parent


def validate_config(app: Sphinx, config: Config) -> None:
    """Apply the ``lessonkit_*`` settings (kitpdf.check_settings has validated them) to Sphinx's."""
    settings = settings_of(config)
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
    if config.html_theme == "furo":  # the templates extend Furo's pages; other themes keep theirs
        config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [str(HERE / "static"), *config.html_static_path]
    # Sphinx writes the release into _static/documentation_options.js, which every page links with a
    # checksum of its content: a new release would change every page of the kit, and hide what really
    # changed. No script reads it; the version is shown on the review packet only (review.py).
    config.html_context = {**config.html_context, "release": "", "version": ""}


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("lessonkit.kitpdf")
    # Once every extension is set up: see registration.py.
    app.connect("config-inited", registration.add_markdown, priority=100)
    app.connect("config-inited", registration.add_directives, priority=100)
    app.add_role("source", citations.SourceRole())
    app.add_role("band-minutes", BandMinutesRole())
    app.add_role(TEACHER_TEXT, TeacherRole())
    app.add_role(ALIAS_PREFIX + TEACHER_TEXT, TeacherRole())
    app.add_role("kit", directives.KitValueRole())
    app.add_role(helplists.AGES, helplists.AgesRole())
    html.register(app)
    navigation.register(app)
    familyscope.register(app)
    app.add_post_transform(resolving.FillPlaceholders)
    app.add_transform(apostrophes.ProtectApostrophes)
    app.add_transform(apostrophes.JoinPronouns)
    app.add_transform(tasklists.SetTaskCheckboxesAside)
    app.add_transform(tasklists.PutTaskCheckboxesBack)
    app.add_transform(pictures.DropUnsafePictures)
    app.add_transform(pictures.AltTextTranslatedWithItsParagraph)
    app.connect("config-inited", validate_config)
    # Before Sphinx's collectors (priority 500): the table of contents and the search index must
    # not see what the student edition removes.
    app.connect("doctree-read", reading.on_doctree_read, priority=400)
    # After Sphinx's title collector: the navigation names each band with its grades.
    app.connect("doctree-read", reading.name_band_with_grades, priority=600)
    app.connect("env-get-outdated", reading.on_env_get_outdated)
    app.connect("env-updated", reading.on_env_updated)
    app.connect("build-finished", lessonindex.write)
    app.add_css_file("lessonkit.css")
    return {"version": lessonkit.__version__, "env_version": 16,
            "parallel_read_safe": True, "parallel_write_safe": True}
