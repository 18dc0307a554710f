"""The Sphinx extension and the kithtml builder, on a small test project (tests/roots/test-lessons).

The project is built once in English and once in French for the tests that read those builds.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import copy_root

from lessonkit.sphinxext import compat
from lessonkit.sphinxext.sidebar import SidebarCache

LESSON = "lessons/ages-8-10/alpha.html"
SIDEBAR = {"titles_only": True, "maxdepth": -1, "includehidden": True}  # what Furo asks of toctree()


@pytest.fixture(scope="module")
def english(build_root):
    return build_root("lessons")


@pytest.fixture(scope="module")
def french(build_root):
    return build_root("lessons", language="fr")


def page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_lesson_page_renders_every_block(english) -> None:
    app = english
    assert app.warning.getvalue() == ""
    html = page(app, LESSON)
    text = text_of(html)
    # the header: band, grades, duration, topics
    assert 'class="lk-header lk-band-ages-8-10"' in html
    for fact in ("Band", "Ages 8 to 10", "Grade 3 to Grade 5", "45 minutes", "Privacy, Reporting"):
        assert fact in text
    # every block is there, labelled, in source order
    labels = re.findall(r'<span class="lk-label">([^<]+)</span>', html)
    assert labels == ["Summary", "Learning objectives", "Vocabulary", "Materials", "Teacher note",
                      "If a student discloses", "Activity", "Discussion", "Handout", "Answer key",
                      "Exit ticket", "Extension", "Family letter", "Help for families", "Get help"]
    # teacher-only blocks are marked as such
    assert re.search(r'<section class="lk-block lk-teacher-note lk-teacher-only"[^>]*>\s*<h2[^>]*>'
                     r'<span class="lk-label">Teacher note</span> <span class="lk-badge">Teacher only</span>', html)
    assert 'lk-answer-key lk-teacher-only' in html
    # activities show their duration and title
    assert re.search(r'Activity</span> <span class="lk-duration">15 min</span>'
                     r'<span class="lk-title">Sort the cards</span>', html)
    # spaces to write are text boxes of that many lines, each named by its question; task lists are
    # check boxes a student may tick; a handout prints alone (a button the kit's script shows)
    assert re.findall(r'<textarea class="lk-answer" rows="(\d+)"', html) == ["4", "4"]  # the exit ticket gets 4
    soup = BeautifulSoup(html, "html.parser")
    for box in soup.select("textarea.lk-answer"):
        assert box.get("aria-label") or soup.find(id=box["aria-labelledby"]).get_text(strip=True)
    boxes = soup.select("input.task-list-item-checkbox")
    assert len(boxes) == 2 and not any(box.has_attr("disabled") for box in boxes)
    assert soup.select_one("section.lk-handout .lk-print-handout[hidden] button").get_text() == "Print or save as a PDF"
    # the letter ends with lines for the teacher's name, the school, the lesson's date and a signature;
    # this help page has no help written for families, so the children's list follows the letter
    signoff = re.search(r'<div class="lk-letter-signoff">(.*?)</div>', html, re.S)
    assert signoff and text_of(signoff.group(1)).split() == [
        "Teacher's", "name:", "School:", "Date", "of", "the", "lesson:", "Signature:"]
    # each line is a text box to type on before printing, named by its label
    fields = BeautifulSoup(signoff.group(1), "html.parser").select("label")
    assert [" ".join(field.get_text().split()) for field in fields] == [
        "Teacher's name:", "School:", "Date of the lesson:", "Signature:"]
    assert all(field.select_one('input[type="text"].lk-write-line') for field in fields)
    assert text.index("Signature:") < text.index("Help for families") < text.index("Helpline Example")
    # help resources and disclosure guidance come from the pages under source/
    assert "Helpline Example" in text and "1-800-000-0000" in text
    assert "Stay calm and listen to the child." in text
    assert "This lesson deals with a sensitive topic." in text
    # the same page in French, as a relative link
    assert '<a href="../../../fr/lessons/ages-8-10/alpha.html" hreflang="fr" lang="fr">Français</a>' in html


def test_band_page_and_home_list_the_lessons(english) -> None:
    app = english
    assert app.warning.getvalue() == ""
    band = page(app, "lessons/ages-8-10/index.html")
    # written from the lessons' durations (alpha 45, beta 30), never typed
    assert "Lessons last 30 to 45 minutes." in text_of(band)
    items = re.findall(r'<li class="lk-lesson-item">(.*?)</li>', band, re.S)
    assert "Beta lesson" in text_of(items[0])
    assert 'href="beta.html"' in items[0] and 'href="alpha.html"' in items[1]
    assert "Students learn the alpha steps." in text_of(items[1])
    assert "45 minutes · Privacy, Reporting" in text_of(items[1])
    home = page(app, "index.html")
    assert re.search(r'<a class="reference internal" href="lessons/ages-8-10/index.html">.*?Ages 8 to 10', home, re.S)
    assert "2 lessons" in home
    # the navigation names each band with its grades; the band page says them under its title
    assert "Ages 8 to 10 · Grade 3 to Grade 5" in text_of(home)
    assert "Grades: Grade 3 to Grade 5" in text_of(band)
    # pages under source/ are written at the top of the site
    assert (app.outdir / "get-help.html").exists() and not (app.outdir / "source").exists()


def test_french_pages_use_the_catalogs_and_the_tool_words_in_french(french) -> None:
    app = french
    assert app.warning.getvalue() == ""
    html = page(app, LESSON)
    text = text_of(html)
    assert "Leçon alpha" in text and "Les élèves apprennent les étapes alpha." in text
    assert "Trier les cartes" in text and "Contexte réservé au personnel enseignant" in text
    # an apostrophe before bold text or « stays an apostrophe (smart quotes once made them ”)
    assert "qu’<strong>il</strong> lit avant l’«\u00a0activité\u00a0»." in html and "”" not in html
    # a verb and its pronoun stay on one line (« parles- » / « en » in a title once), other hyphens break
    assert "Parles\u2011en au peut-être-fort." in html
    for word in ("Objectifs d’apprentissage", "Note pédagogique", "Corrigé", "Lettre aux familles",
                 "De 8 à 10 ans", "3e année à 5e année", "45\u00a0minutes", "Vie privée, Signalement"):
        assert word in text, word
    assert "<strong>Ligne d’exemple</strong>\u00a0: composez le 1-800-000-0000." in html
    assert '<html class="no-js" lang="fr"' in html
    assert "Aller au contenu" in html and "Skip to content" not in html
    # a translated task-list item keeps its check box
    assert re.search(r'<input class="task-list-item-checkbox"[^>]*>\s*Je sais à qui le dire\.', html)
    assert html.count('class="task-list-item-checkbox"') == 2
    assert '<a href="../../../en/lessons/ages-8-10/alpha.html" hreflang="en" lang="en">English</a>' in html
    # parts still in English are announced, in French
    notice = "Une partie de cette page n’est pas encore traduite\u00a0: elle s’affiche dans la langue d’origine."
    assert notice in html and notice in page(app, "lessons/ages-8-10/beta.html")


@pytest.mark.sphinx("kithtml", testroot="lessons", freshenv=True, srcdir="lessons-strict",
                    confoverrides={"language": "fr", "lessonkit_strict_translations": True})
def test_strict_translations_refuse_incomplete_catalogs(app) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(r"lessons/ages-8-10/beta\.md: WARNING: \d+ of \d+ messages are not translated into 'fr' "
                     r"\(or are fuzzy\); run `lessonkit i18n update`, translate them and clear their fuzzy flags "
                     r"\[lessonkit\.translation\]", warnings)


@pytest.mark.sphinx("kithtml", testroot="lessons", freshenv=True, srcdir="lessons-student",
                    confoverrides={"lessonkit_audience": "student"})
def test_student_edition_leaves_out_teacher_text_everywhere(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    secrets = ["Secret background", "The expected answer is hidden", "Chart paper for the teacher",
               "Teacher text outside any block", "Dear families", "Stay calm and listen"]
    for path in app.outdir.rglob("*"):
        if path.suffix in (".html", ".js", ".txt") and path.is_file():
            content = path.read_text(encoding="utf-8")
            for secret in secrets:
                assert secret not in content, f"{secret!r} leaked into {path}"
    text = text_of(page(app, LESSON))
    assert "Sort the cards" in text and "Write your plan." in text and "Helpline Example" in text


def test_pages_load_nothing_from_the_network(english) -> None:
    for path in english.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for value in re.findall(rf'<{tag}\b[^>]*\b{attr}="([^"]+)"', html):
                assert not re.match(r"^(https?:)?//", value), f"{path}: {value}"


def test_pages_hold_no_inline_script_and_load_the_theme_and_plural_scripts_as_files(french) -> None:
    # The pages' policy runs no inline script: one left in a page (a theme's, say) would not run.
    app = french
    for path in app.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{path}: inline script"
        assert not re.search(r"<[^>]+\son[a-z]+=", html), f"{path}: event handler attribute"
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1]
        script_src = next(part for part in policy.split(";") if part.split()[0] == "script-src")
        assert "unsafe" not in script_src, f"{path}: {script_src}"
    html = page(app, LESSON)
    scripts = re.findall(r'<script src="([^"?]+)', html)
    assert scripts.index("../../_static/lessonkit-theme.js") < scripts.index("../../_static/doctools.js") \
        < scripts.index("../../_static/lessonkit-plural.js") < scripts.index("../../_static/translations.js")


def test_furos_interface_words_are_translated_in_french(english, french) -> None:
    # The English pages show Furo's words as Furo writes them (compat.FURO_UNTRANSLATED); the French, none.
    shown = {text for markup, text in compat.FURO_UNTRANSLATED
             if markup.format(text) in page(english, LESSON)}
    assert shown == {text for _, text in compat.FURO_UNTRANSLATED}
    html = page(french, LESSON)
    assert [text for markup, text in compat.FURO_UNTRANSLATED if markup.format(text) in html] == ["Menu"]  # French too
    assert re.search(r'(aria-label="|<div class="visually-hidden">)Afficher ou masquer la navigation\W+Ages 8', html)


def test_search_index_names_each_page_as_it_is_written(english) -> None:
    index = page(english, "searchindex.js")
    docnames = json.loads(index[index.index("(") + 1:index.rindex(")")])["docnames"]
    assert "get-help" in docnames and "lessons/ages-8-10/alpha" in docnames
    assert not [name for name in docnames if name.startswith("source/")]
    texts = page(english, "searchtexts.js")
    assert '"get-help":' in texts and "Helpline Example" in texts
    # and kept as data for the next build, which reads them back without parsing the script
    assert "Helpline Example" in json.loads(page(english, ".lessonkit-search-texts.json"))["get-help"]
    # the stems of the index's words are kept for the next build
    assert (english.doctreedir / "search-stems.pickle").is_file()


def test_the_compiled_templates_are_kept_beside_the_environment(english) -> None:
    # compat.keep_compiled_templates: the next build (lessonkit serve's, a rebuild) does not compile them again
    assert list((english.doctreedir / "templates").iterdir())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_navigation_resolved_once_per_folder_is_the_one_sphinx_resolves_for_each_page(
        make_app, tmp_path, language: str) -> None:
    app = make_app("kithtml", srcdir=copy_root("lessons", tmp_path), confoverrides={"language": language})
    app.build()
    builder, cache = app.builder, SidebarCache()

    def sphinx_toctree(**options) -> str:
        raise AssertionError(f"Sphinx was asked for the navigation {options}")

    for docname in [*sorted(app.env.found_docs), "genindex", "search"]:  # and the pages Sphinx adds
        ours = cache.toctree(builder, docname, sphinx_toctree, collapse=False, **SIDEBAR)
        own = compat.site_toctree(app.env, docname, builder, collapse=False, **SIDEBAR)
        assert ours == builder.render_partial(own)["fragment"], docname
        if docname.startswith("lessons/") and not docname.endswith("/index"):
            assert 'class="current reference internal" href="#"' in ours
    assert len(cache.trees) < len(app.env.found_docs)  # resolved once for siblings in a folder
    beta = page(app, "lessons/ages-8-10/beta.html")  # what the reader sees
    assert re.search(r'<li class="toctree-l2 current current-page[^"]*"><a class="current reference internal" '
                     r'href="#">', beta)


def test_a_rebuild_keeps_the_search_texts_of_the_pages_it_does_not_write(make_app, tmp_path) -> None:
    srcdir = copy_root("lessons", tmp_path)
    make_app("kithtml", srcdir=srcdir).build()
    beta = srcdir / "lessons" / "ages-8-10" / "beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("Practise the script.", "Practise the new script."),
                    encoding="utf-8")
    app = make_app("kithtml", srcdir=srcdir)
    app.build()
    assert "beta" in app.status.getvalue() and "alpha" not in app.status.getvalue().split("writing output")[-1]
    texts = page(app, "searchtexts.js")
    assert "Students learn the alpha steps." in texts and "Practise the new script." in texts


def test_the_gettext_builder_reads_lessonkits_page_templates(build_root) -> None:
    # Sphinx's gettext builder reads the messages of every template in templates_path: a `_()` of
    # anything but a literal string in lessonkit's templates stops `lessonkit i18n update`.
    app = build_root("lessons", buildername="gettext")
    assert app.warning.getvalue() == ""
    assert "Students learn the alpha steps." in (app.outdir / "lessons" / "ages-8-10" / "alpha.pot").read_text()


def test_a_space_to_write_after_a_checklist_is_named_by_its_last_item_not_the_whole_list() -> None:
    """A help plan ends "Two trusted adults I can tell:" then lines: that item is what the lines answer."""
    from docutils import nodes

    from lessonkit.sphinxext import nodes as lk

    box = nodes.container()
    checklist = nodes.bullet_list()
    for words in ("I save mean words for an adult.", "Two trusted adults I can tell:"):
        checklist += nodes.list_item("", nodes.paragraph(words, words))
    space = lk.answer_lines(lines=2)
    box += [nodes.paragraph("My plan", "My plan"), checklist, space]
    assert lk.question_before(space).astext() == "Two trusted adults I can tell:"
    question = nodes.paragraph("Who can you tell?", "Who can you tell?")
    lines = lk.answer_lines(lines=2)
    nodes.container("", question, lines)
    assert lk.question_before(lines) is question
