"""lessonkit beside myst-nb and sphinx-lesson, in either order, and its PDF builder on its own
(tests/roots/test-ecosystem: a CodeRefinery-style MyST lesson project)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from docutils.parsers.rst.directives import directive
from sphinx.util.docutils import is_role_registered
from tagged import structure
from test_pdfread import in_order, text

from lessonkit.blocks import BLOCKS, DIRECTIVES, ROLES, options_of, plain_name
from lessonkit.sphinxext.directives import directive_classes

# sphinx-lesson 0.8 requires Sphinx < 9: .ci/run installs it in the venv of the lowest versions.
needs_sphinx_lesson = pytest.mark.skipif(
    importlib.util.find_spec("sphinx_lesson") is None,
    reason="sphinx-lesson is not installed (it requires Sphinx < 9; .ci/run tests it with the lowest versions)")
BOTH_ORDERS = pytest.mark.parametrize("extensions", [
    ["sphinx_lesson", "lessonkit.sphinxext"],
    ["lessonkit.sphinxext", "sphinx_lesson"],
], ids=["lessonkit-last", "lessonkit-first"])


def warnings(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def collision(name: str) -> str:
    return (f"WARNING: directive '{name}' is already registered by sphinx_lesson, which keeps it; "
            f"write 'lk-{name}' for lessonkit's [lessonkit.directive]\n")


@needs_sphinx_lesson
@BOTH_ORDERS
def test_a_sphinx_lesson_project_builds_its_pdfs_with_lessonkit_in_either_order(make_app, rootdir, tmp_path,
                                                                                  extensions) -> None:
    srcdir = tmp_path / "ecosystem"
    srcdir.symlink_to(rootdir / "test-ecosystem")
    app = make_app("kitpdf", srcdir=srcdir, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"extensions": extensions})
    # The names both define stay sphinx-lesson's, each said once; lessonkit's are there as lk-…
    assert warnings(app) == collision("objectives") + collision("discussion")
    assert app.config.source_suffix[".md"] == "myst-nb"
    app.build()
    assert warnings(app) == collision("objectives") + collision("discussion")
    out = Path(app.outdir)
    episode = out / "episode.pdf"
    assert in_order(text(episode),
                    "Make a passphrase", "Build a passphrase", "Pick four words from a dictionary",
                    "Solution", "For example: correct horse battery staple.",
                    "Instructor note", "Let the learners compare the lengths",
                    "Phone", "Use the phone’s password manager.", "Computer")
    # each is a box: a structure element of its own, its title inside it
    boxes = [" ".join(div.all_text().split()) for div in structure(episode).find("Div")]
    assert boxes[:3] == [
        "Build a passphrase Pick four words from a dictionary at random and write them down.",
        "Solution For example: correct horse battery staple.",
        "Instructor note Let the learners compare the lengths of their passphrases.",
    ]
    # sphinx-lesson's objectives, lessonkit's discussion (written lk-discussion)
    assert in_order(text(out / "index.pdf"), "Objectives", "Tell a strong password from a weak one.",
                    "DISCUSSION", "Which passwords do you reuse?")


@needs_sphinx_lesson
def test_kitpdf_alone_adds_the_builder_and_no_directive(make_app, rootdir, tmp_path) -> None:
    srcdir = tmp_path / "ecosystem"
    srcdir.symlink_to(rootdir / "test-ecosystem")
    app = make_app("kitpdf", srcdir=srcdir, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"extensions": ["sphinx_lesson", "lessonkit.kitpdf"]})
    assert "lessonkit.sphinxext" not in app.extensions
    app.build()
    index = re.escape(str(Path(app.srcdir, "index.md")))
    # no lessonkit directive: lk-discussion is unknown, objectives is sphinx-lesson's without a word
    # (MyST-Parser 4 names the file index.md.rst)
    assert re.fullmatch(f"{index}(\\.rst)?:9: WARNING: Unknown directive type: 'lk-discussion' "
                        "\\[myst.directive_unknown\\]\n", warnings(app))
    assert in_order(text(Path(app.outdir) / "episode.pdf"), "Build a passphrase", "Solution", "Instructor note")
    assert in_order(text(Path(app.outdir) / "index.pdf"), "Objectives", "Tell a strong password")


@pytest.mark.parametrize("extensions", [
    ["myst_nb", "lessondirs", "lessonkit.sphinxext"],
    ["lessonkit.sphinxext", "myst_nb", "lessondirs"],
], ids=["lessonkit-last", "lessonkit-first"])
def test_a_directive_name_another_extension_holds_stays_theirs(make_app, rootdir, tmp_path, extensions) -> None:
    srcdir = tmp_path / "ecosystem"
    srcdir.symlink_to(rootdir / "test-ecosystem")
    app = make_app("kitpdf", srcdir=srcdir, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"extensions": extensions})
    assert warnings(app) == ("WARNING: directive 'objectives' is already registered by lessondirs, which keeps it; "
                             "write 'lk-objectives' for lessonkit's [lessonkit.directive]\n")
    assert directive("objectives", None, None)[0].__module__ == "lessondirs"
    assert directive("lk-objectives", None, None)[0] is directive_classes()["objectives"]
    assert directive("discussion", None, None)[0] is directive_classes()["discussion"]


@pytest.mark.parametrize("extensions", [
    ["myst_nb", "lessonkit.sphinxext"],
    ["lessonkit.sphinxext", "myst_nb"],
    ["lessonkit.sphinxext", "myst_parser"],
    ["lessonkit.sphinxext"],
], ids=["myst-nb-first", "myst-nb-last", "myst-parser-last", "lessonkit-alone"])
def test_markdown_keeps_the_parser_another_extension_registered(make_app, rootdir, tmp_path, extensions) -> None:
    srcdir = tmp_path / "ecosystem"
    srcdir.symlink_to(rootdir / "test-ecosystem")
    app = make_app("kitpdf", srcdir=srcdir, builddir=tmp_path / "build", freshenv=True,
                   confoverrides={"extensions": extensions})
    assert warnings(app) == ""
    assert app.config.source_suffix[".md"] == ("myst-nb" if "myst_nb" in extensions else "markdown")
    assert "myst_parser" in app.extensions or "myst_nb" in app.extensions


@pytest.mark.sphinx("kitpdf", testroot="pdf-nodes", freshenv=True, confoverrides={"extensions": ["lessonkit.kitpdf"]})
def test_kitpdf_alone_builds_an_ordinary_project(app) -> None:
    assert "lessonkit.sphinxext" not in app.extensions
    assert "myst_parser" not in app.extensions  # nor Markdown: that is the project's choice
    app.build()
    assert in_order(text(Path(app.outdir) / "other.pdf"), "Other page")


def test_every_directive_has_an_lk_name() -> None:
    assert set(directive_classes()) == set(DIRECTIVES)


def test_lessonkit_check_knows_the_roles_lessonkit_adds(make_app, rootdir, tmp_path) -> None:
    srcdir = tmp_path / "roles"
    srcdir.symlink_to(rootdir / "test-ecosystem")
    make_app("html", srcdir=srcdir, builddir=tmp_path / "build", confoverrides={"extensions": ["lessonkit.sphinxext"]})
    assert [role for role in ROLES if not is_role_registered(role)] == []


def test_lessonkit_check_knows_the_options_each_block_takes() -> None:
    for name in BLOCKS:
        assert set(options_of(name)) == set(directive_classes()[name].option_spec or {}), name
    assert plain_name("lk-objectives") == "objectives"
    assert plain_name("lk-answer-lines") == "answer-lines"
    assert plain_name("lk-unknown") == "lk-unknown"
