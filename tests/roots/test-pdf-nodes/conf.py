project = "Node test"
author = "Test authors"
extensions = ["lessonkit.sphinxext"]
root_doc = "index"
exclude_patterns = ["_build"]
numfig = True
