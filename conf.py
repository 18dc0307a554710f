"""Sphinx and lessonkit settings of this curriculum: the one file a board edits to rebrand."""

project = "lessonkit"
author = "The lessonkit contributors"
copyright = "2026, lessonkit"
release = "2026.11"

extensions = ["lessonkit.sphinxext"]
root_doc = "source/index"
# Sphinx reads only the pages and the lessons; everything else in the repository is left alone.
include_patterns = ["source/**", "lessons/**"]
exclude_patterns = ["**/.*"]

language = "en"
locale_dirs = ["locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

html_theme = "furo"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]

# lessonkit: see `lessonkit help settings` for every setting.
lessonkit_languages = {"en": "full", "fr": "full", "es": "family", "ar": "family"}
lessonkit_board_name = "lessonkit"
