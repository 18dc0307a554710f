# lessonkit: the two quick-start commands, and a few for maintainers.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: kit test lint catalogs starter clean docs doc-images

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install is not compiled as pip compiles an installed one; every process that
# loads lessonkit would compile it again where PYTHONDONTWRITEBYTECODE is set.
# The curriculum's family languages include Arabic: its letters need the arabic extra (a font and
# the right-to-left layout) to be printed.
$(VENV)/.kit-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[arabic]'
	$(BIN)/python -m compileall -q lessonkit
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q lessonkit
	touch $@

## make kit: install lessonkit in .venv and build the whole kit into build/
kit: $(VENV)/.kit-installed
	$(BIN)/lessonkit build -j auto

## make test: install the test extras in .venv, then lint and run the whole suite
test: $(VENV)/.test-installed
	$(BIN)/ruff check lessonkit tests
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check lessonkit tests

## make catalogs: compile lessonkit's own interface catalogs (.po -> .mo)
catalogs: $(VENV)/.kit-installed
	$(BIN)/python -c "import polib, pathlib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for p in pathlib.Path('lessonkit/locale').rglob('*.po')]"

## make docs: build the writers' and boards' guides into build/docs/ (warnings are errors)
docs: $(VENV)/.kit-installed
	$(BIN)/python -m sphinx -W --keep-going -b html docs build/docs
	@echo "Open build/docs/index.html"

## make doc-images: redraw docs/images/ (README and guides) from a real build; needs chromium and pdftoppm
doc-images: $(VENV)/.kit-installed
	$(BIN)/lessonkit build --lang en
	$(BIN)/python docs/_tools/make_images.py build docs/images

clean:
	rm -rf build

## make starter: refresh the starter curriculum of `lessonkit init` from this repository's content
## (its lessons and pages, their French catalogs, the pictures they show, the glossaries and the sources)
STARTER_FILES := $(wildcard source/*.md) $(wildcard lessons/*/index.md) \
	lessons/ages-5-7/my-body-belongs-to-me.md lessons/ages-8-10/private-information-and-livestreaming.md \
	lessons/ages-11-13/healthy-and-manipulative-relationships.md lessons/ages-14-17/financial-sextortion.md
starter:
	install -D -m 644 sources.yaml lessonkit/starter/sources.yaml
	for f in glossary/*.yaml frameworks/*.yaml; do install -D -m 644 $$f lessonkit/starter/$$f; done
	for f in $(STARTER_FILES); do \
	  install -D -m 644 $$f lessonkit/starter/$$f; \
	  po=locale/fr/LC_MESSAGES/$${f%.md}.po; install -D -m 644 $$po lessonkit/starter/$$po; \
	  for p in $$(grep -o '](pictures/[^)]*)' $$f | sed 's/^](//; s/)$$//' | sort -u); do \
	    install -D -m 644 $$(dirname $$f)/$$p lessonkit/starter/$$(dirname $$f)/$$p; \
	  done; \
	done
	for f in $(wildcard glossary/*.yaml) $(wildcard sources.yaml); do install -D -m 644 $$f lessonkit/starter/$$f; done
