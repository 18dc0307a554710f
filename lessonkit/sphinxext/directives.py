"""The directives (and the band pages' role) of the lesson format and of the pages around the lessons."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.body import Rubric
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from lessonkit import cards
from lessonkit.blocks import ANSWER_LINES, BLOCKS, KIT_TEXTS, LANG_FIELD, TEACHER_TEXT, VIDEO_TYPES, plain_name
from lessonkit.checks.lessons import video_problems
from lessonkit.lesson import lesson_order
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonkitDomain, domain_of
from lessonkit.sphinxext.labels import settings_of
from lessonkit.sphinxext.teachertext import TeacherDirective


def _minutes(argument: str) -> int:
    value = directives.positive_int(argument)
    if value > 240:
        raise ValueError("a duration is at most 240 minutes")
    return value


class BlockDirective(SphinxDirective):
    """Any block of the lesson format: ``:::{activity} Title``, ``:::{teacher-note}``…"""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"duration": _minutes, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        kind = BLOCKS[plain_name(self.name)]
        block = lk.lesson_block(kind=kind.name, classes=self.options.get("class", []))
        self.set_source_info(block)
        if "duration" in self.options:
            block["duration"] = self.options["duration"]
        if self.arguments:
            title_text = self.arguments[0]
            inline, messages = self.parse_inline(title_text, lineno=self.lineno)
            title = lk.block_title(title_text, "", *inline)
            self.set_source_info(title)
            block += title
            block += messages
        if kind.name == "get-help":
            block += lk.kit_text_ref(name="help-resources")
        else:
            block += self.parse_content_to_nodes()
        return [block]


class RubricDirective(BlockDirective):
    """``:::{rubric}`` holding a table: the lesson's rubric. With a title and no content, it stays
    docutils' rubric (a heading kept out of the contents), so pages written for Sphinx keep working."""

    option_spec: ClassVar[dict] = {**BlockDirective.option_spec, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        if self.arguments and not self.content:
            return Rubric(self.name, self.arguments, self.options, self.content, self.lineno, self.content_offset,
                          self.block_text, self.state, self.state_machine).run()
        return super().run()


class VideoDirective(SphinxDirective):
    """``:::{video} videos/clip.webm`` with ``:title:``, ``:poster:`` and ``:captions:`` (``{lang}`` in the path)."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"title": directives.unchanged, "poster": directives.unchanged,
                                   "captions": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        src = self.arguments[0]
        languages = settings_of(self.config).languages

        def locate(path: str) -> Path:
            return Path(self.env.relfn2path(path, self.env.docname)[1])

        # `lessonkit check` reports these before a build; a build without it (the guides) says the same.
        problem = next(video_problems(src, self.options, languages, locate, self.env.docname,
                                      lambda _: self.lineno), None)
        if problem is not None:
            raise self.error(f"{problem.message} [{problem.code}]")
        block = lk.lesson_block(kind="video", classes=self.options.get("class", []))
        self.set_source_info(block)
        title_text = self.options["title"]
        inline, messages = self.parse_inline(title_text, lineno=self.lineno)
        title = lk.block_title(title_text, "", *inline)
        self.set_source_info(title)
        block += title
        block += messages
        tracks = []
        for language in languages:
            captions, _ = self.env.relfn2path(self.options["captions"].replace(LANG_FIELD, language),
                                              self.env.docname)
            self.env.note_dependency(captions)  # written into the page by the HTML writer
            tracks.append((language, PurePosixPath(captions).as_posix()))
        video = lk.video(type=VIDEO_TYPES[PurePosixPath(src).suffix.lower()], tracks=tracks)
        self.set_source_info(video)
        poster = nodes.image(uri=self.options["poster"], classes=["lk-video-poster"])
        self.set_source_info(poster)
        file = addnodes.download_reference("", "", reftarget=src, refdoc=self.env.docname)
        self.set_source_info(file)
        video += [poster, file]
        block += video
        block += self.parse_content_to_nodes()
        return [block]


class CardsDirective(SphinxDirective):
    """``:::{cards} Title`` holding a list of cards (``:order:``, ``:size:``): a cut-out sheet.

    The cards are listed in their printed order, numbered as on the sheet; a card written as a
    term with a definition has an answer, which goes to an answer key after the block.
    """

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "order": lambda value: directives.choice(value, cards.ORDERS),
        "size": lambda value: directives.choice(value, tuple(cards.SIZES)),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        order = self.options.get("order", cards.DEFAULT_ORDER)
        size = self.options.get("size", cards.DEFAULT_SIZE)
        block = lk.lesson_block(kind="cards", order=order, size=size, classes=self.options.get("class", []))
        self.set_source_info(block)
        inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        title = lk.block_title(self.arguments[0], "", *inline)
        self.set_source_info(title)
        block += [title, *messages]
        written = self.written_cards(self.parse_content_to_nodes())
        # The same seed in every language: the French sheet numbers the cards as the English one.
        seed = f"{self.env.docname}#{self.env.new_serialno('lk-cards')}"
        printed = cards.printed_order(len(written), order, seed)
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                        classes=["lk-cards", f"lk-cards-{size}"])
        self.set_source_info(listing)
        number_of = {}
        for number, index in enumerate(printed, 1):
            item = nodes.list_item(classes=["lk-card"])
            item += [child.deepcopy() for child in written[index][0]]
            listing += item
            number_of[index] = number
        block += listing
        if not any(answer for _, answer in written):
            return [block]
        return [block, self.answer_key(title, written, number_of, order)]

    def written_cards(self, content: list[nodes.Node]) -> list[tuple[list[nodes.Node], list[nodes.Node]]]:
        """(card, answer) of each card, in the written order; an error for anything else."""
        found: list[tuple[list[nodes.Node], list[nodes.Node]]] = []
        for child in content:
            if isinstance(child, nodes.bullet_list | nodes.enumerated_list):
                found += [(list(item.children), []) for item in child.children]
            elif isinstance(child, nodes.definition_list):
                for item in child.children:
                    term = next(iter(item.findall(nodes.term)))
                    card = nodes.paragraph(term.rawsource, "", *term.children)
                    card.source, card.line = term.source, term.line
                    definition = next(iter(item.findall(nodes.definition)))
                    found.append(([card], list(definition.children)))
            elif not isinstance(child, nodes.system_message | nodes.comment):
                raise self.error("a cards block holds only cards: write each card as a list item, or as a "
                                 "line followed by ': its answer' [cards-content]")
        if not found:
            raise self.error("the cards block has no cards; write each card as a list item [cards-empty]")
        return found

    def answer_key(self, title: lk.block_title, written: list[tuple[list[nodes.Node], list[nodes.Node]]],
                   number_of: dict[int, int], order: str) -> lk.lesson_block:
        """The teacher's key: each card in the written order, with its number on the sheet and its answer."""
        key = lk.lesson_block(kind="answer-key", classes=["lk-cards-key"])
        self.set_source_info(key)
        key += title.deepcopy()
        if order == "shuffled":
            numbers = ", ".join(str(number_of[index]) for index in range(len(written)))
            key += nodes.paragraph("", labels.word("Cards in the order written: {numbers}.").format(numbers=numbers))
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for index, (card, answer) in enumerate(written):
            item = nodes.list_item()
            number = labels.word("Card {n}").format(n=number_of[index])
            item += nodes.paragraph("", "", nodes.strong("", number))
            item += [child.deepcopy() for child in card]
            item += [child.deepcopy() for child in answer]
            listing += item
        key += listing
        return key


class AnswerLinesDirective(SphinxDirective):
    """``:::{answer-lines} 5``: a space to write."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        lines = directives.positive_int(self.arguments[0]) if self.arguments else 3
        node = lk.answer_lines(lines=min(lines, 30))
        self.set_source_info(node)
        return [node]


class KitTextDirective(SphinxDirective):
    """``::::{kit-text} help-resources``: a named text reused in lessons and PDFs."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in KIT_TEXTS:
            raise self.error(f"unknown kit text {name!r}; use one of: {', '.join(KIT_TEXTS)}")
        node = lk.kit_text(name=name, classes=[f"lk-text-{name}"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


class BandOverviewDirective(SphinxDirective):
    """``:::{band-overview}``: the table of bands on the home page."""

    def run(self) -> list[nodes.Node]:
        node = lk.band_overview()
        self.set_source_info(node)
        return [node]


def band_pages(env: BuildEnvironment) -> list[str]:
    """The band pages of the kit, in the order of lessonkit_bands: the declared bands that have a folder."""
    return [doc for band in settings_of(env.config).bands if (doc := f"lessons/{band}/index") in env.found_docs]


class BandPagesDirective(SphinxDirective):
    """``:::{band-pages}`` in a page's contents: the band pages in the settings' order, hidden from the page
    (the table of bands links them), so that leaving a band out needs no change to the home page."""

    def run(self) -> list[nodes.Node]:
        pages = band_pages(self.env)
        shows_bands(self.env, self.env.docname)
        toctree = addnodes.toctree(
            parent=self.env.docname, entries=[(None, doc) for doc in pages], includefiles=pages, maxdepth=-1,
            hidden=True, glob=False, caption=None, titlesonly=False, numbered=0, includehidden=False,
        )
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        return [wrapper]


KIT_VALUES = ("band-count", "band-list")


class KitValueRole(SphinxRole):
    """``{kit}`band-count``` (\"four age bands\") and ``{kit}`band-list``` (\"ages 5–7, 8–10 and 11–13\"):
    words that follow the bands of conf.py, in the reader's language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.text.strip()
        if name not in KIT_VALUES:
            message = self.inliner.reporter.error(
                f"unknown kit value {name!r}; use one of: {', '.join(KIT_VALUES)}", line=self.lineno)
            return [], [message]
        shows_bands(self.env, self.env.docname)
        return [lk.kit_value(name=name)], []


def shows_bands(env: BuildEnvironment, docname: str) -> None:
    """Remember that ``docname`` shows the list of bands: it is read again when a band comes or goes."""
    domain = env.domains["lessonkit"]
    assert isinstance(domain, LessonkitDomain)
    domain.band_pages[docname] = True


class LessonListDirective(SphinxDirective):
    """``:::{lesson-list}`` in ``lessons/<band>/index.md``: the band's lessons, and their toctree."""

    def run(self) -> list[nodes.Node]:
        folder = PurePosixPath(self.env.docname).parent
        lessons = sorted(
            (doc for doc in self.env.found_docs
             if PurePosixPath(doc).parent == folder and doc != self.env.docname),
            key=lambda doc: (lesson_order(domain_of(self.env).front_matter(doc)), doc),
        )
        node = lk.lesson_list(band=folder.name)
        self.set_source_info(node)
        toctree = addnodes.toctree(
            parent=self.env.docname, entries=[(None, doc) for doc in lessons],
            includefiles=lessons, maxdepth=1, hidden=True, glob=False, caption=None,
            titlesonly=True, numbered=0, includehidden=False,
        )
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        return [node, wrapper]


class ReviewPacketDirective(SphinxDirective):
    """``:::{review-packet}``: every cited fact of every lesson, with its source (see review.py)."""

    def run(self) -> list[nodes.Node]:
        node = lk.review_packet()
        self.set_source_info(node)
        # It repeats every cited statement of every lesson: a word of one lesson would list the
        # packet with (often above) the lesson. Reviewers reach it from the navigation.
        self.env.metadata[self.env.docname]["nosearch"] = True
        return [node]


class FrameworkLinksDirective(SphinxDirective):
    """``:::{framework-links} on-hpe-1-8-2019``: a framework's expectations by grade, with their lessons."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        node = lk.framework_links(framework=self.arguments[0].strip())
        self.set_source_info(node)
        return [node]


class BandMinutesRole(SphinxRole):
    """``{band-minutes}`ages-8-10```: how long the band's lessons last, written from their front matter."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = lk.band_minutes(band=self.text.strip())
        self.set_source_info(node)
        return [node], []


def directive_classes() -> dict[str, type[Directive]]:
    """Every directive of lessonkit, by its plain name (registration.py adds them to Sphinx)."""
    special: dict[str, type[Directive]] = {"video": VideoDirective, "rubric": RubricDirective,
                                           "cards": CardsDirective}
    classes: dict[str, type[Directive]] = {name: special.get(name, BlockDirective) for name in BLOCKS}
    classes |= {ANSWER_LINES: AnswerLinesDirective, TEACHER_TEXT: TeacherDirective, "kit-text": KitTextDirective,
                "band-overview": BandOverviewDirective, "lesson-list": LessonListDirective,
                "band-pages": BandPagesDirective,
                "review-packet": ReviewPacketDirective, "framework-links": FrameworkLinksDirective}
    return classes
