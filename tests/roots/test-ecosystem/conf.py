# A MyST lesson project in the CodeRefinery style (myst-nb, sphinx-lesson) with lessonkit beside it.
# The tests change the order of `extensions` through confoverrides.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # lessondirs.py

project = "Ecosystem test"
extensions = ["sphinx_lesson", "lessonkit.sphinxext"]
root_doc = "index"
exclude_patterns = ["_build", "build"]
nb_execution_mode = "off"
# A dict of this project's own: Sphinx merges the extensions' suffixes into source_suffix, and
# its default value is one dict shared by every build in a process (the tests run many, with
# and without myst-nb).
source_suffix = {".rst": "restructuredtext"}
