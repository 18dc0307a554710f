"""What goes in each PDF: the stories of lesson guides, handouts, letters, kits and pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docutils import nodes
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from lessonkit.blocks import View
from lessonkit.pdf import views
from lessonkit.pdf.binding import KitFront
from lessonkit.pdf.flowables import BodyStart, ContentsLine, QRSymbol, RunningTitle, para, qr_symbol, tagged
from lessonkit.pdf.fonts import FontSet, GlyphFilter
from lessonkit.pdf.links import LARGE_PRINT
from lessonkit.pdf.styles import NEUTRAL_ACCENT, Palette, Styles, make_styles
from lessonkit.pdf.tagging import Element
from lessonkit.pdf.template import MARGIN, PAPER, Chrome, KitDocTemplate, Letterhead
from lessonkit.pdf.translator import PDFTranslator, RenderOptions
from lessonkit.settings import LANGUAGE_NAMES, KitSettings, direction
from lessonkit.sphinxext import labels
from lessonkit.sphinxext.domain import LessonInfo

if TYPE_CHECKING:
    from sphinx.builders import Builder

# Body text size, in points, of each kind of PDF.
SIZES = {"teacher": 10.5, "handout": 12.5, "cards": 12.5, "young-handout": 16.0, "family": 11.5, "page": 10.5}
# Set close, to print on one double-sided sheet where the content allows (the type keeps its size):
# handouts, and family letters (a letter home is one sheet).
TIGHT = ("handout", "young-handout", "family")
LARGE_PRINT_SIZE = 18.0  # body text of the large-print editions (APH and CNIB: 18 pt or more)
# The prefix of the names of a fillable document's form fields. A family letter's carry its language:
# the bilingual letter binds two letters, and each keeps fields of its own.
FIELD_PREFIXES = {View.HANDOUT: "{id}_", View.FAMILY: "{id}_{language}_"}


def field_prefix(view: View, lesson_id: str, language: str) -> str | None:
    prefix = FIELD_PREFIXES.get(view)
    return prefix.format(id=lesson_id, language=language) if prefix is not None else None


TEXT_WIDTH = {paper: size[0] - 2 * MARGIN for paper, size in PAPER.items()}


@dataclass(frozen=True)
class Kit:
    """What every PDF of one build shares: settings, faces, language and project names."""

    settings: KitSettings
    fonts: FontSet
    language: str
    project: str
    author: str
    srcdir: Path
    logo: Path | None
    qr_cache: dict[str, QRSymbol] = field(default_factory=dict, compare=False, repr=False)
    style_cache: dict[tuple[str, float, bool], Styles] = field(default_factory=dict, compare=False, repr=False)

    def qr_codes(self, address: str) -> QRSymbol:
        """The QR code of ``address``, encoded once per build (process)."""
        if address not in self.qr_cache:
            self.qr_cache[address] = qr_symbol(address)
        return self.qr_cache[address]

    @property
    def footer(self) -> str:
        return self.settings.board(self.language) or self.project

    @property
    def letterhead(self) -> Letterhead:
        return Letterhead(self.settings.board(self.language) or self.project, self.logo)

    def styles(self, kind: str, band: str | None, *, large_print: bool = False) -> Styles:
        """The stylesheet of a kind of PDF in a band's colour, made once per build (process)."""
        colour = self.settings.band(band).colour if band in self.settings.bands else NEUTRAL_ACCENT
        if kind == "handout" and band == next(iter(self.settings.bands), None):
            kind = "young-handout"  # the youngest readers get larger type
        size = max(SIZES[kind], LARGE_PRINT_SIZE) if large_print else SIZES[kind]
        tight = kind in TIGHT and not large_print  # large print is set for reading, not to save paper
        key = (colour, size, tight)
        if key not in self.style_cache:
            self.style_cache[key] = make_styles(self.fonts, Palette.for_colour(colour), size, tight=tight,
                                                right_to_left=direction(self.language) == "rtl")
        return self.style_cache[key]

    def chrome(self, title: str, kind: str, *, subject: str = "", keywords: tuple[str, ...] = (),
               letter: bool = False, cover: bool = False) -> Chrome:
        return Chrome(
            title=title, kind=kind, author=self.settings.board(self.language) or self.author, subject=subject,
            keywords=keywords, language=self.language, footer=self.footer,
            page_label=labels.word("Page {page} of {pages}"),
            cover_label=labels.word("Cover") if cover else "",
            letterhead=self.letterhead if letter or cover else None,
        )


def render(builder: Builder, doctree: nodes.document, options: RenderOptions) -> list[Flowable]:
    """The flowables of ``doctree``."""
    translator = builder.create_translator(doctree, builder, options)
    assert isinstance(translator, PDFTranslator)
    doctree.walkabout(translator)
    return translator.story


PART_VIEWS = {"teacher": (View.TEACHER, views.teacher_view),
              "handout": (View.HANDOUT, views.handout_view),
              "family": (View.FAMILY, views.family_view),
              "cards": (View.CARDS, views.cards_view)}


def part_label(part: str) -> str:
    """What a part of a lesson is called, in the build's language (written out for extraction)."""
    if part.endswith(LARGE_PRINT):
        return labels.word("{part}, large print").format(part=part_label(part.removesuffix(LARGE_PRINT)))
    if part == "teacher":
        return labels.word("Teacher guide")
    if part == "handout":
        return labels.word("Student handout")
    if part == "cards":
        return labels.word("Cards to cut out")
    return labels.word("Family letter")


def lesson_title(builder: Builder, info: LessonInfo) -> str:
    title = builder.env.titles.get(info.docname)
    return title.astext() if title is not None else info.id


def document_title(builder: Builder, docname: str) -> str:
    title = builder.env.titles.get(docname)
    return title.astext() if title is not None else docname


def lesson_pdf(builder: Builder, kit: Kit, info: LessonInfo, doctree: nodes.document, part: str,
               *, last: bool = False, printed: Mapping[str, int] | None = None) -> bytes:
    """The teacher guide, handout, family letter or cut-out cards of one lesson.

    ``last``: ``doctree`` is not read again after this part, which may then rearrange it.
    ``printed``: the pages of the parts written already, which the teacher guide says to print.
    """
    edition = part.removesuffix(LARGE_PRINT)  # the same handout or letter, reflowed at 18 pt
    view, extract = PART_VIEWS[edition]
    if last and part == "teacher":
        extract = partial(views.teacher_view, in_place=True)
    styles = kit.styles(edition, info.band, large_print=edition != part)
    structure = Element("Document", lang=kit.language)
    options = RenderOptions(
        styles=styles, docname=info.docname, width=TEXT_WIDTH[kit.settings.paper_size],
        srcdir=kit.srcdir, language=kit.language, qr_codes=kit.qr_codes, view=view,
        anchor_prefix=f"{part}-", fields=field_prefix(view, info.id, kit.language),
        linked_docs=frozenset({info.docname}) if view is View.TEACHER else frozenset(),
        quiet=view is not View.TEACHER, structure=structure,
        to_print=print_list(printed or {}) if edition == "teacher" else (),
    )
    kind = part_label(part)
    title = lesson_title(builder, info)
    settings = kit.settings
    chrome = kit.chrome(f"{title} — {kind}", kind, subject=info.summary,
                        keywords=tuple(labels.topic_label(settings, t, kit.language) for t in info.topics),
                        letter=edition == "family")
    document = KitDocTemplate(styles, chrome, settings.paper_size, structure,
                              first="letter" if edition == "family" else "body")
    header = GlyphFilter(styles.fonts.text)(title)[0]
    return document.render([RunningTitle(header, kind), *render(builder, extract(doctree), options)])


PRINTED_PARTS = ("handout", "cards", "family")  # what a teacher prints of a lesson, in this order


def print_list(printed: Mapping[str, int]) -> tuple[str, ...]:
    """"Student handout: 2 pages (one sheet, both sides)"… for the parts in ``printed``."""
    lines = []
    for part in PRINTED_PARTS:
        pages = printed.get(part)
        if not pages:
            continue
        count = labels.word("1 page") if pages == 1 else labels.word("{n} pages").format(n=pages)
        sheets = -(-pages // 2)
        if part != "cards" and pages > 1:  # cards are cut out: printed on one side
            both = labels.word("1 sheet, both sides") if sheets == 1 else \
                labels.word("{n} sheets, both sides").format(n=sheets)
            count = f"{count} ({both})"
        lines.append(labels.word("{part}, {pages}").format(part=part_label(part), pages=count))
    return tuple(lines)


@dataclass(frozen=True)
class KitEntry:
    """A line of a band kit's contents for a lesson or a part of one."""

    level: int  # 0: a lesson, 1: its teacher guide or handout
    title: str
    page: int  # printed page number, counted from the first page after the band's introduction


def band_front(builder: Builder, kit: Kit, band: str, band_docname: str, band_doctree: nodes.document,
               lessons: int, entries: list[KitEntry], lesson_pages: int,
               bound_pages: Mapping[str, int] | None = None) -> KitFront:
    """Cover, contents and the band's introduction; the lessons' PDFs follow them in the kit.

    ``bound_pages`` gives the pages bound after the lessons (docname -> page, counted as the
    contents count): the introduction's links to them print their page number. That number
    depends on the introduction's length, known once it is laid out: a second layout corrects
    a first guess of one page.
    """
    bound_pages = bound_pages or {}
    guess = 1
    while True:
        front, pages = _band_front(builder, kit, band, band_docname, band_doctree, lessons, entries, lesson_pages,
                                   {docname: page + guess for docname, page in bound_pages.items()})
        if not bound_pages or pages == guess:
            return front
        guess = pages


def _band_front(builder: Builder, kit: Kit, band: str, band_docname: str, band_doctree: nodes.document,
                lessons: int, entries: list[KitEntry], lesson_pages: int,
                page_numbers: Mapping[str, int]) -> tuple[KitFront, int]:
    """The front pages, and how many pages the band's introduction took."""
    settings = kit.settings
    styles = kit.styles("teacher", band)
    band_name = labels.band_label(settings, band)
    chrome = kit.chrome(f"{kit.project} — {band_name}", labels.word("Band kit"), cover=True,
                        subject=labels.grades_label(settings, band, kit.language))
    level_styles = (styles["toc-0"], styles["toc-1"])
    glyphs = (GlyphFilter(styles.fonts.bold), GlyphFilter(styles.fonts.text))
    title = page_title(band_doctree)
    structure = Element("Document", lang=kit.language)
    front = cover(kit, styles, band, lessons, structure)
    heading = para(escape(labels.word("Contents")), styles["h1"], structure.add("H1"))
    contents = structure.add("TOC")
    lines = [tagged(ContentsLine(glyphs[0](title.astext() if title else band_name)[0], level_styles[0], 1,
                                 "lk-toc-0"), contents.add("TOCI", id="lk-toc-0"))]
    # The kit links each line to its page once it has bound the lessons.
    lines += [tagged(ContentsLine(glyphs[entry.level](" ".join(entry.title.split()))[0], level_styles[entry.level],
                                  entry.page, f"lk-toc-{number}", after_body=True),
                     contents.add("TOCI", id=f"lk-toc-{number}"))
              for number, entry in enumerate(entries, 1)]
    story: list[Flowable] = [*front, PageBreak(), heading, *lines,
                             NextPageTemplate("body"), PageBreak(), BodyStart(),
                             *band_introduction(builder, kit, styles, band_docname, band_doctree, structure,
                                                page_numbers)]
    document = KitDocTemplate(styles, chrome, settings.paper_size, structure, first="cover",
                              appended_pages=lesson_pages)
    data = document.render(story)
    return KitFront(data, document.first_body_page - 1, document.page_number,
                    tuple((line.page_index, line.rect, line.number, line.form, line.title)
                          for line in document.contents)), document.page_number


def cover(kit: Kit, styles: Styles, band: str, count: int, structure: Element) -> list[Flowable]:
    settings = kit.settings
    facts = [labels.grades_label(settings, band, kit.language),
             labels.word("{n} lessons").format(n=count),
             LANGUAGE_NAMES.get(kit.language, kit.language)]
    return [
        para(escape(kit.project), styles["cover-kicker"], structure.add("P")),
        Spacer(0, 12),
        para(escape(labels.band_label(settings, band)), styles["cover-title"], structure.add("H1")),
        para(escape(labels.word("Band kit")), styles["cover-facts"], structure.add("P")),
        Spacer(0, 18),
        *(para(escape(fact), styles["cover-facts"], structure.add("P")) for fact in facts),
    ]


def band_introduction(builder: Builder, kit: Kit, styles: Styles, docname: str,
                      doctree: nodes.document, structure: Element,
                      page_numbers: Mapping[str, int]) -> list[Flowable]:
    """The band page, without its list of lessons (the contents page lists them)."""
    doctree = doctree.deepcopy()
    for listing in list(doctree.findall(nodes.bullet_list)):
        if "lk-lesson-list" in listing["classes"]:
            listing.parent.remove(listing)
    options = RenderOptions(styles=styles, docname=docname, width=TEXT_WIDTH[kit.settings.paper_size],
                            srcdir=kit.srcdir, language=kit.language, qr_codes=kit.qr_codes,
                            anchor_prefix="band-", structure=structure, page_numbers=page_numbers)
    title = page_title(doctree)
    story = render(builder, doctree, options)
    header = GlyphFilter(styles.fonts.text)(title.astext() if title else "")[0]
    return [RunningTitle(header, labels.word("Band kit")), *story]


def page_title(doctree: nodes.document) -> nodes.title | None:
    """The page's own title (the navigation's title of a band page adds its grades, which a kit's cover shows)."""
    return next(doctree.findall(nodes.title), None)


def page_pdf(builder: Builder, kit: Kit, docname: str, doctree: nodes.document) -> bytes:
    """An ordinary document: its content, with page numbers and an outline."""
    styles = kit.styles("page", None)
    structure = Element("Document", lang=kit.language)
    options = RenderOptions(styles=styles, docname=docname, width=TEXT_WIDTH[kit.settings.paper_size],
                            srcdir=kit.srcdir, language=kit.language, qr_codes=kit.qr_codes,
                            linked_docs=frozenset({docname}), fields=f"{docname.replace('/', '_')}_",
                            structure=structure)
    title = builder.env.titles.get(docname)
    chrome = kit.chrome(title.astext() if title else docname, kit.project)
    story = render(builder, doctree, options)
    return KitDocTemplate(styles, chrome, kit.settings.paper_size, structure).render(story)
