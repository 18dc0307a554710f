import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Unknown node test"
extensions = ["lessonkit.sphinxext", "mystery"]
root_doc = "index"
exclude_patterns = ["_build"]
