"""The guides of lessonkit: a Sphinx project built with lessonkit's own extension (`make docs`)."""

import sys
from pathlib import Path

# The guides' own directives (docs/_ext/lessonkit_docs.py): examples drawn by lessonkit itself.
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "lessonkit"
author = "The lessonkit contributors"
copyright = "2026, The lessonkit contributors"

extensions = ["lessonkit.sphinxext", "lessonkit_docs"]
root_doc = "index"
exclude_patterns = ["**/.*"]
language = "en"

html_theme = "furo"
html_title = "lessonkit guides"
html_static_path = ["_static"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

myst_enable_extensions = ["colon_fence", "deflist", "tasklist"]
myst_heading_anchors = 3

# The examples in the guides are English lessons; the guides have no translation.
lessonkit_languages = ["en"]
lessonkit_board_name = "lessonkit"
