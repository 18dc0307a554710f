project = "Family languages kit"
extensions = ["lessonkit.sphinxext"]
root_doc = "source/index"
include_patterns = ["source/**", "lessons/**"]
locale_dirs = ["locale"]
gettext_compact = False
html_theme = "furo"
myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]
lessonkit_board_name = "Test Board"
# English and French everywhere; Spanish and Arabic for families: their letters and pages only.
lessonkit_languages = {"en": "full", "fr": "full", "es": "family", "ar": "family"}
