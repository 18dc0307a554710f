"""Settings of this curriculum: the one file a school board edits to brand and localise the kit.

Sphinx reads this file; the ``lessonkit_*`` settings are lessonkit's (see `lessonkit help`).
"""

project = "Digital safety curriculum"
author = "Your school board"
copyright = "2026, Your school board"
release = "1.0"

extensions = ["lessonkit.sphinxext"]
root_doc = "source/index"

# Sphinx reads only the pages and the lessons.
include_patterns = ["source/**", "lessons/**"]
exclude_patterns = ["**/.*"]

# Translations: one catalog per document in locale/<language>/LC_MESSAGES/.
language = "en"
locale_dirs = ["locale"]
gettext_compact = False
gettext_uuid = False

html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]

# lessonkit settings.
lessonkit_languages = ["en", "fr"]          # the first is the language the lessons are written in
# Letters home in the languages families speak: a "family" language has the family letters and the
# family pages only (boards' guide, "Adding a language"; Arabic PDFs need pip install "lessonkit[arabic]"):
# lessonkit_languages = {"en": "full", "fr": "full", "es": "family", "ar": "family"}
lessonkit_board_name = "Your school board"  # shown in page headers, PDF covers and family letters;
                                            # or one per language: {"en": "...", "fr": "..."}
lessonkit_board_short_name = ""             # 30 characters at most (a ZIM's title); empty: the initials
lessonkit_footer = ""                       # every page's footer: the board's name, the licence, a contact
lessonkit_board_logo = ""                   # a PNG or JPEG in this folder, e.g. "logo.png"
lessonkit_paper_size = "letter"             # or "a4"
# Age bands and topics: the defaults match the content guide. To change them, declare all of them:
# lessonkit_bands = {"ages-5-7": {"ages": "5–7", "grades": {"en": "K–2", "fr": "maternelle à 2e année"},
#                                 "colour": "#1f7a5c"}, ...}
# lessonkit_topics = {"privacy": {"en": "Privacy", "fr": "Vie privée"}, ...}
