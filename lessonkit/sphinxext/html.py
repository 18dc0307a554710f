"""The HTML side: the ``kithtml`` builder and how lessonkit's nodes look in a page."""

from __future__ import annotations

import base64
import posixpath
from collections.abc import Set
from html import escape as escape_html
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from lessonkit.blocks import LETTER_SIGNOFF, TEACHER_ONLY_CLASS, is_teacher_only
from lessonkit.pdf.bilingual import BILINGUAL_SUFFIX
from lessonkit.pdf.bilingual import SUFFIX as BILINGUAL_FROM
from lessonkit.pdf.links import pdf_links_for
from lessonkit.settings import LANGUAGE_NAMES, KitSettings, direction, localized
from lessonkit.sphinxext import compat, handouts, labels, searchtext, sidebar
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonkitDomain
from lessonkit.sphinxext.gradealiases import with_aliases
from lessonkit.sphinxext.reading import is_band_page
from lessonkit.sphinxext.stems import StemCache

PAGES_DIR = "source"
STEMS_FILE = "search-stems.pickle"


def page_name(docname: str) -> str:
    """Where a document lands in the site: pages under ``source/`` go to the top."""
    prefix = PAGES_DIR + "/"
    return docname[len(prefix):] if docname.startswith(prefix) else docname


class KitHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, with the pages under ``source/`` written at the top of the site."""

    name = "kithtml"

    def create_template_bridge(self) -> None:
        if self.config.template_bridge:  # a project's own bridge is kept as it is
            super().create_template_bridge()
        else:
            self.templates = compat.DirectionalTemplates()

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return super().get_target_uri(page_name(docname), typ)

    def get_output_path(self, page_name_: str, /) -> Path:
        return super().get_output_path(page_name(page_name_))

    def init_templates(self) -> None:
        super().init_templates()
        # Compiling the theme's templates costs more than a small rebuild's pages: keep the
        # compiled code beside the environment (Jinja checks each template's source against it).
        compat.keep_compiled_templates(self.templates, Path(self.doctreedir, "templates"))

    def init(self) -> None:
        super().init()
        self.search_texts: dict[str, str] = {}  # page name -> its text, for the search page's snippets
        self.search_bands: dict[str, str] = {}  # page name -> its band, for the search page's ranking
        self.sidebar = sidebar.SidebarCache()

    def prepare_writing(self, docnames: Set[str]) -> None:
        # A builder kept between builds (lessonkit serve) resolves the navigation of each build anew.
        self.sidebar = sidebar.SidebarCache()
        super().prepare_writing(docnames)

    def searchable(self, docname: str, doctree: nodes.document) -> nodes.document:
        """What the search index reads of a page: see searchtext.searchable; keeps its text to quote."""
        band = self.band_of(docname)
        settings = labels.settings_of(self.config)
        # In the page's language only: a word of the index is a word the page shows, or another
        # way of writing a grade it shows ("gr 9", « quatrième année »).
        language = self.config.language or "en"
        words = [labels.band_label(settings, band), *with_aliases(labels.grade_names(settings, band, language))] \
            if band else []
        doctree, text = searchtext.searchable(doctree, words)
        self.search_texts[page_name(docname)] = text
        return doctree

    def band_of(self, docname: str) -> str | None:
        """The band of a lesson or of a band's page, if it is declared."""
        domain = self.env.domains["lessonkit"]
        assert isinstance(domain, LessonkitDomain)
        info = domain.lessons.get(docname)
        parts = PurePosixPath(docname).parts
        band = info.band if info is not None else parts[1] if len(parts) == 3 and parts[2] == "index" else None
        return band if band in labels.settings_of(self.config).bands else None

    def grade_words(self, settings: KitSettings, band: str) -> list[str]:
        """The band's grades in every school system and language: "Grade 4", "4e année"… (a grade
        named in either language ranks its band first)."""
        return list(dict.fromkeys(name for language in settings.languages
                                  for name in labels.grade_names(settings, band, language)))

    def search_band_data(self) -> dict[str, object]:
        """For the search page: each band's label, grades and grade names, and the band of each page."""
        settings = labels.settings_of(self.config)
        language = self.config.language or "en"
        bands = {band: {"label": labels.band_label(settings, band),
                        "grades": labels.grades_label(settings, band, language),
                        "names": with_aliases(self.grade_words(settings, band))}
                 for band in settings.bands}
        return {"bands": bands, "pages": dict(sorted(self.search_bands.items()))}

    def load_indexer(self, docnames: Set[str]) -> None:
        # The search page links a result as "<indexed name>.html": index each page by the name we
        # write it to (pages under source/ at the top).
        self.indexer = compat.IndexByPage(self.indexer, page_name, self.searchable)  # type: ignore[assignment]
        keep = {page_name(name) for name in set(self.env.all_docs) - set(docnames)}
        self.search_texts = {name: text for name, text in searchtext.load_texts(Path(self.outdir)).items()
                             if name in keep}
        # Sphinx stems each page's words afresh; the pages of a curriculum share most of their
        # words, and French stemming is slow: stem each word once, and keep the stems for the
        # next build (a rebuild after an edit stems only the words it has not seen).
        self.stems = StemCache(Path(self.doctreedir, STEMS_FILE), self.indexer.lang)
        super().load_indexer(docnames)

    def dump_search_index(self) -> None:
        if self.indexer is None:
            return
        super().dump_search_index()
        written = {page_name(name) for name in self.env.all_docs}
        # Every page's band, read again: a page not written in this build keeps its band.
        self.search_bands = {page_name(name): band for name in self.env.all_docs
                             if (band := self.band_of(name)) is not None}
        searchtext.dump_texts(Path(self.outdir), {name: text for name, text in self.search_texts.items()
                                                  if name in written}, self.search_band_data())
        self.stems.save()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _block_depth(node: nodes.Node) -> int:
    return sum(isinstance(parent, lk.lesson_block) for parent in lk.ancestors(node))


def visit_lesson_block(self: HTML5Translator, node: lk.lesson_block) -> None:
    kind = node["kind"]
    teacher_only = is_teacher_only(kind)
    classes = ["lk-block", f"lk-{kind}"] + ([TEACHER_ONLY_CLASS] if teacher_only else [])
    level = min(2 + _block_depth(node), 6)
    self.body.append(self.starttag(node, "section", CLASS=" ".join(classes)))
    self.body.append(f'<h{level} class="lk-block-title"><span class="lk-label">'
                     f"{_escape(labels.block_label(kind))}</span>")
    if teacher_only:
        self.body.append(f' <span class="lk-badge">{_escape(labels.word(labels.TEACHER_ONLY))}</span>')
    if "duration" in node:
        self.body.append(f' <span class="lk-duration">{_escape(labels.minutes(node["duration"]))}</span>')
    if not node.children or not isinstance(node.children[0], lk.block_title):
        self.body.append(f"</h{level}>\n")
    node["lk-level"] = level


def depart_lesson_block(self: HTML5Translator, node: lk.lesson_block) -> None:
    self.body.append(handouts.print_button(node) + "</section>\n")


def visit_block_title(self: HTML5Translator, node: lk.block_title) -> None:
    self.body.append('<span class="lk-title">')


def depart_block_title(self: HTML5Translator, node: lk.block_title) -> None:
    self.body.append(f"</span></h{node.parent.get('lk-level', 2)}>\n")


def visit_letter_signoff(self: HTML5Translator, node: lk.letter_signoff) -> None:
    """A line after each label (the teacher's name, the school, the date, a signature), to type on
    before printing or to write on after: a text box drawn as a line, named by its label."""
    self.body.append(self.starttag(node, "div", CLASS="lk-letter-signoff"))
    for _, label in LETTER_SIGNOFF:
        shown = labels.word("{label}:").format(label=labels.word(label))
        self.body.append(f'<p class="lk-write-in"><label><span class="lk-write-label">{_escape(shown)}</span>'
                         '<input type="text" class="lk-write-line" autocomplete="off"></label></p>\n')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def visit_teacher_inline(self: HTML5Translator, node: lk.teacher_inline) -> None:
    """Marked for the teacher, by a word as well as by colour; class view hides it."""
    self.body.append(self.starttag(node, "span", "", CLASS="lk-teacher-text lk-teacher-only"))
    self.body.append(f'<span class="lk-teacher-mark">{_escape(labels.word(labels.TEACHER_MARK))}</span> ')


def depart_teacher_inline(self: HTML5Translator, node: lk.teacher_inline) -> None:
    self.body.append("</span>")


def visit_teacher_paragraphs(self: HTML5Translator, node: lk.teacher_paragraphs) -> None:
    self.body.append(self.starttag(node, "div", CLASS="lk-teacher-text lk-teacher-only"))
    self.body.append(f'<p class="lk-teacher-mark">{_escape(labels.word(labels.TEACHER_MARK))}</p>\n')


def depart_teacher_paragraphs(self: HTML5Translator, node: lk.teacher_paragraphs) -> None:
    self.body.append("</div>\n")


def visit_video(self: HTML5Translator, node: lk.video) -> None:
    """The player, with the poster, the file and a caption track per language (the page's by default)."""
    builder = self.builder
    poster = next(node.findall(nodes.image))
    file = next(node.findall(addnodes.download_reference))
    language = builder.config.language or "en"
    title = node.parent[0].astext() if node.parent and isinstance(node.parent[0], lk.block_title) else ""
    href = posixpath.join(builder.dlpath, quote(file["filename"])) if "filename" in file else ""
    attributes = ['controls', 'preload="metadata"', f'aria-label="{_escape(title)}"']
    if poster["uri"] in builder.images:
        attributes.append(f'poster="{posixpath.join(builder.imgpath, quote(builder.images[poster["uri"]]))}"')
    self.body.append(f'<div class="lk-video-player">\n<video {" ".join(attributes)}>\n'
                     f'<source src="{href}" type="{node["type"]}">\n')
    for code, path in node["tracks"]:
        self.body.append(f'<track kind="captions" src="{_captions_url(Path(builder.srcdir, path))}" '
                         f'srclang="{code}" label="{_escape(LANGUAGE_NAMES.get(code, code))}"'
                         f'{" default" if code == language else ""}>\n')
    self.body.append(f'<a href="{href}" download>{_escape(labels.word("Download the video"))}</a>\n</video>\n</div>\n')
    raise nodes.SkipNode


def _captions_url(path: Path) -> str:
    # Browsers refuse a caption track loaded from another file:// file (each is its own origin),
    # but take one written into the page: the captions travel inside it, so they work from a USB key.
    return "data:text/vtt;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def visit_lesson_header(self: HTML5Translator, node: lk.lesson_header) -> None:
    settings = labels.settings_of(self.builder.config)
    language = self.builder.config.language or "en"
    band = node["band"]
    facts = []
    if band in settings.bands:
        facts.append((labels.word("Band"), labels.band_label(settings, band)))
        facts.append((labels.word("Grades"), labels.grades_label(settings, band, language)))
    facts.append((labels.word("Duration"), labels.lesson_duration(node["duration"], node.get("check_minutes", 0))))
    topics = ", ".join(labels.topic_label(settings, t, language) for t in node["topics"])
    facts.append((labels.word("Topics"), topics))
    items = "".join(f"<div><dt>{_escape(k)}</dt><dd>{_escape(v)}</dd></div>" for k, v in facts)
    if node.get("reviewed") and settings.audience == "teacher":  # for teachers and reviewers, not the class
        review = labels.review_label(node["reviewed"], node.get("reviewed_by", ""))
        items += (f'<div class="lk-reviewed lk-teacher-only"><dt>{_escape(labels.word("Last reviewed"))}</dt>'
                  f'<dd>{_escape(review)}</dd></div>')
    self.body.append(f'<dl class="lk-header lk-band-{_escape(band)}">{items}</dl>\n')
    if node["sensitive"] and settings.audience == "teacher":
        notice = labels.word("Sensitive topic: read the teacher note and the disclosure guidance first.")
        self.body.append(f'<p class="lk-sensitive lk-teacher-only">{_escape(notice)}</p>\n')
    raise nodes.SkipNode


def visit_kit_text(self: HTML5Translator, node: lk.kit_text) -> None:
    self.body.append(self.starttag(node, "div", CLASS="lk-kit-text"))


def depart_kit_text(self: HTML5Translator, node: lk.kit_text) -> None:
    self.body.append("</div>\n")


def skip(self: HTML5Translator, node: nodes.Node) -> None:
    raise nodes.SkipNode


class LabelTaskCheckboxes(SphinxPostTransform):
    """Name each task-list check box by its item's text, for screen readers (MyST leaves it unnamed)."""

    default_priority = 900
    formats = ("html",)
    checkbox = '<input class="task-list-item-checkbox" '

    def run(self, **kwargs: Any) -> None:
        for raw in self.document.findall(nodes.raw):
            paragraph = raw.parent
            if not raw.astext().startswith(self.checkbox) or not isinstance(paragraph, nodes.paragraph):
                continue
            ident = self.document.set_id(paragraph)
            html = raw.astext().replace(self.checkbox, f'{self.checkbox}aria-labelledby="{ident}" ', 1)
            raw.replace_self(nodes.raw("", html, format="html"))


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Give templates the same page in the other languages, as relative links."""
    settings = labels.settings_of(app.config)
    uri = app.builder.get_target_uri(pagename)
    up = "../" * (PurePosixPath(uri).as_posix().count("/") + 1)
    current = app.config.language or "en"
    context["lk_languages"] = [
        {"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": f"{up}{code}/{uri}",
         "current": code == current, "dir": direction(code)}
        for code in settings.all_languages if settings.in_scope(code, pagename) or code == current
    ]
    context["lk_chooser_url"] = f"{up}index.html"
    context["lk_direction"] = direction(current)
    # Furo's markup that templates/page.html changes (see compat.py).
    context["lk_furo_theme_script"] = compat.FURO_THEME_SCRIPT
    context["lk_furo_words"] = [(markup.format(text), markup.format(_sphinx_words(text)))
                                for markup, text in compat.FURO_UNTRANSLATED]
    context["lk_furo_footer_bottom"] = compat.FURO_FOOTER_BOTTOM
    # The site's name is the home page's title, so that it follows the page's language.
    home = app.env.titles.get(app.config.root_doc)
    if home is not None:
        context["docstitle"] = home.astext()
    context["lk_switch_label"] = labels.word("Language")
    context["lk_board_name"] = settings.board(current)
    context["lk_footer_lines"] = [line.strip() for line in localized(settings.footer, current).splitlines()
                                  if line.strip()]
    context["lk_credits"] = _credits(settings) if settings.footer_credits else ""
    context["lk_pdf_links"] = _pdf_links(app, pagename, settings) if settings.pdf_links else []
    context["lk_pdf_label"] = labels.word("Printable PDFs")
    context["lk_class_view_label"] = labels.word("Class view")
    context["lk_class_view_help"] = labels.word(
        "Hides the teacher-only parts (teacher notes, answer keys, disclosure guidance) on screen.")


# The theme's interface words, in the build language: Sphinx's catalog, completed by lessonkit's
# (validate_config), as templates' ``_()`` reads it.
_sphinx_words = get_translation("sphinx")


def _credits(settings: KitSettings) -> str:
    """'Made with Sphinx and Furo': linked to their sites in the teacher edition; a student edition links
    nowhere outside the kit."""
    if settings.audience == "student":
        return escape_html(labels.word("Made with {sphinx} and {theme}").format(sphinx="Sphinx", theme="Furo"))
    return labels.word("Made with {sphinx} and {theme}").format(
        sphinx='<a href="https://www.sphinx-doc.org/">Sphinx</a>',
        theme='<a href="https://github.com/pradyunsg/furo">Furo</a>')


def _pdf_links(app: Sphinx, pagename: str, settings: KitSettings) -> list[tuple[str, str]]:
    """The PDFs of this page that the build writes: a student edition gets the handout only."""
    domain = app.env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    info = domain.lessons.get(pagename)
    # A band without lessons has no kit (the PDF builder binds none): nothing links to one.
    bands = [band for band in settings.bands
             if f"lessons/{band}/index" in app.env.found_docs and domain.band_lessons(band)]
    if is_band_page(pagename) and PurePosixPath(pagename).parent.name not in bands:
        return []
    links = pdf_links_for(pagename, app.config.language or "en", lesson_id=info.id if info else None,
                          bands=bands, settings=settings,
                          own_pdf=pagename in domain.pdf_pages and bool(domain.lessons),
                          cards=info is not None and info.cards)
    family = labels.word("Family letter (PDF)")
    if settings.bilingual_letters and any(label == family for label, _ in links):
        href = next(href for label, href in links if label == family)
        links.append((labels.word("Bilingual family letter (PDF)"),
                      href.removesuffix(BILINGUAL_FROM) + BILINGUAL_SUFFIX))
    if settings.audience == "student":
        handouts = (labels.word("Student handout (PDF)"), labels.word("Student handout, large print (PDF)"))
        links = [(label, href) for label, href in links if label in handouts]
    return links


def register(app: Sphinx) -> None:
    app.add_builder(KitHTMLBuilder)
    html = {"html": (visit_lesson_block, depart_lesson_block)}
    app.add_node(lk.lesson_block, **html)
    app.add_node(lk.block_title, html=(visit_block_title, depart_block_title))
    handouts.register(app)
    app.add_node(lk.letter_signoff, html=(visit_letter_signoff, None))
    app.add_node(lk.video, html=(visit_video, None))
    app.add_node(lk.teacher_inline, html=(visit_teacher_inline, depart_teacher_inline))
    app.add_node(lk.teacher_paragraphs, html=(visit_teacher_paragraphs, depart_teacher_paragraphs))
    app.add_node(lk.lesson_header, html=(visit_lesson_header, None))
    app.add_node(lk.kit_text, html=(visit_kit_text, depart_kit_text))
    app.add_post_transform(LabelTaskCheckboxes)
    app.connect("html-page-context", on_html_page_context)
    sidebar.register(app)
    # After doctools.js (200), before translations.js (500), whose plural rule it reads.
    app.add_js_file("lessonkit-plural.js", priority=300)
