"""Before writing: fill in kit texts, the table of bands and the lists of lessons."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from lessonkit.helpbands import FAMILY_HELP_TEXT
from lessonkit.sphinxext import citations, curriculum, helplists, labels
from lessonkit.sphinxext import nodes as lk
from lessonkit.sphinxext.domain import LessonInfo, LessonkitDomain
from lessonkit.sphinxext.nodes import doc_link
from lessonkit.sphinxext.review import Packet

logger = logging.getLogger(__name__)

KIT_TEXT_HOMES = {
    "help-resources": "source/get-help.md",
    "family-help": "source/get-help.md",
    "disclosure-guidance": "source/disclosure.md",
    "family-notice": "source/using-this-kit.md",
}


class FillPlaceholders(SphinxPostTransform):
    """Replace lessonkit's placeholders; runs before references are resolved."""

    default_priority = 5
    builders: ClassVar[tuple[str, ...]] = ()

    @property
    def domain(self) -> LessonkitDomain:
        domain = self.env.domains["lessonkit"]
        assert isinstance(domain, LessonkitDomain)
        return domain

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(lk.kit_text_ref)):
            ref.replace_self(self.kit_text(ref))
        for node in list(self.document.findall(lk.band_overview)):
            node.replace_self(self.band_table())
        for node in list(self.document.findall(lk.kit_value)):
            node.replace_self(nodes.Text(self.kit_value(node["name"])))
        for node in list(self.document.findall(lk.lesson_list)):
            node.replace_self(self.lesson_list(node["band"]))
        for node in list(self.document.findall(lk.band_minutes)):
            # A band with no lesson yet (a board removing or writing lessons) says nothing of length.
            minutes = [info.duration for info in self.domain.lessons.values() if info.band == node["band"]]
            node.replace_self(nodes.Text(labels.durations_label(minutes)))
        language = self.config.language or "en"
        sources = citations.sources_of(self.env.srcdir)
        for node in list(self.document.findall(lk.review_packet)):
            packet = Packet(self.env, self.domain, sources, labels.settings_of(self.config), language)
            node.replace_self(packet.nodes())
        self.fill_classroom_parts(language)
        citations.number(self.document, sources, language)

    def fill_classroom_parts(self, language: str) -> None:
        """Curriculum links, framework pages and the band's before / after check (see curriculum.py)."""
        refs = [*self.document.findall(lk.curriculum_links), *self.document.findall(lk.framework_links)]
        frameworks = curriculum.frameworks_of(self.env.srcdir) if refs else None
        settings = labels.settings_of(self.config)
        for node in list(self.document.findall(lk.curriculum_links)):
            assert frameworks is not None
            for code in node["codes"]:
                if frameworks.expectation(code) is None:
                    logger.warning("no expectation %r in frameworks/; correct the code (`lessonkit check` suggests "
                                   "one)", code, location=node.parent, type="lessonkit", subtype="outcome")
            found = curriculum.curriculum_links(node["codes"], frameworks, settings.frameworks, language)
            if found:
                node.replace_self(found)
            else:  # none of its expectations is in a framework the board shows
                node.parent.parent.remove(node.parent)
        for node in list(self.document.findall(lk.framework_links)):
            assert frameworks is not None
            framework = frameworks.frameworks.get(node["framework"])
            if framework is None:
                logger.warning("no framework %r in frameworks/; give the name of a file there, without .yaml",
                               node["framework"], location=node, type="lessonkit", subtype="outcome")
                node.replace_self([])
                continue
            node.replace_self(curriculum.framework_page(framework, self.domain, self.env, list(settings.bands),
                                                        language))
        for ref in list(self.document.findall(lk.band_check_ref)):
            self.fill_band_check(ref, settings.audience == "student")

    def fill_band_check(self, ref: lk.band_check_ref, student: bool) -> None:
        """The band's check in its first (or last) lesson, with a line for the teacher; nothing elsewhere."""
        block, position = ref.parent, ref["position"]
        lessons = self.domain.band_lessons(ref["band"])
        which = lessons[0 if position == "before" else -1] if lessons else None
        if which is None or which.docname != self.env.docname or ref["band"] not in self.domain.band_checks:
            block.parent.remove(block)
            return
        _, questions, minutes = self.domain.band_checks[ref["band"]]
        curriculum.band_check(block, ref, questions, minutes)
        section = block.parent
        header = next((child for child in section.children if isinstance(child, lk.lesson_header)), None)
        if header is not None:  # the lesson takes longer than its activities by the check's minutes
            header["check_minutes"] = self.band_check_minutes(self.domain.lessons[self.env.docname])
        if student:
            return
        materials = next((b for b in section.children
                          if isinstance(b, lk.lesson_block) and b["kind"] == "materials"), None)
        if materials is None:
            materials = lk.lesson_block(kind="materials")
            before = [b for b in section.children if isinstance(b, lk.lesson_block)
                      and b["kind"] in ("summary", "objectives", "success-criteria", "curriculum-links")]
            section.insert(section.index(before[-1]) + 1 if before else 2, materials)
        materials += curriculum.band_check_mention(position)

    def band_check_minutes(self, info: LessonInfo) -> int:
        """The minutes of its band's check that a lesson holds: before the band's first lesson, after its last."""
        check = self.domain.band_checks.get(info.band)
        if check is None or not check[2]:
            return 0
        lessons = self.domain.band_lessons(info.band)
        return check[2] * ((lessons[0].docname == info.docname) + (lessons[-1].docname == info.docname))

    def kit_text(self, ref: lk.kit_text_ref) -> list[nodes.Node]:
        name = ref["name"]
        if name == FAMILY_HELP_TEXT and name not in self.domain.texts:
            # A board's older help page: families get the children's list (`lessonkit check` says so).
            name = "help-resources"
        if name not in self.domain.texts:
            logger.warning(
                "no kit text %r in the project; add a '::::{kit-text} %s' block to %s",
                name, name, KIT_TEXT_HOMES[name],
                location=ref.parent or self.document, type="lessonkit", subtype="kit-text",
            )
            return []
        _, children = self.domain.texts[name]
        container = nodes.container(classes=[f"lk-text-{ref['name']}"])
        container.extend(self.for_band(ref, children))
        return [container]

    def for_band(self, ref: lk.kit_text_ref, children: list[nodes.Node]) -> list[nodes.Node]:
        """A lesson's copy of a help list shows its students and families what suits the band's ages;
        its teacher keeps the rest in a teacher-only note (see helplists.py)."""
        lesson = self.domain.lessons.get(self.env.docname)
        settings = labels.settings_of(self.config)
        help_lists = ("help-resources", FAMILY_HELP_TEXT)
        if lesson is None or lesson.band not in settings.bands or ref["name"] not in help_lists:
            return [child.deepcopy() for child in children]
        for_students = ref["name"] == FAMILY_HELP_TEXT or settings.audience == "student"
        return helplists.for_band(children, settings.band(lesson.band).ages,
                                  others="drop" if for_students else "teacher")

    def kit_value(self, name: str) -> str:
        settings = labels.settings_of(self.config)
        bands = [band for band in settings.bands if f"lessons/{band}/index" in self.env.found_docs]
        if name == "band-count":
            return labels.band_count(len(bands))
        return labels.band_list(settings, bands) if bands else ""

    def band_table(self) -> nodes.table:
        settings = labels.settings_of(self.config)
        language = self.config.language or "en"
        heads = [labels.word("Band"), labels.word("Grades"), labels.word("Lessons")]
        table = nodes.table(classes=["lk-band-table"])
        group = nodes.tgroup(cols=len(heads))
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in heads)
        head = nodes.thead()
        head += self._row([nodes.Text(h) for h in heads])
        body = nodes.tbody()
        for band in settings.bands:
            if f"lessons/{band}/index" not in self.env.found_docs:
                continue  # a band with no page (or left out by --band) has nothing to show
            lessons = self.domain.band_lessons(band)
            link = doc_link(f"lessons/{band}/index", nodes.Text(labels.band_label(settings, band)))
            count = str(labels._("{n} lessons")).format(n=len(lessons))
            body += self._row([link, nodes.Text(labels.grades_label(settings, band, language)),
                               nodes.Text(count)])
        group += [head, body]
        return table

    @staticmethod
    def _row(cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", content)
            row += entry
        return row

    def lesson_list(self, band: str) -> list[nodes.Node]:
        """The band's grades in each school system, then its lessons."""
        settings = labels.settings_of(self.config)
        language = self.config.language or "en"
        grades = []
        if band in settings.bands:
            line = nodes.paragraph(classes=["lk-band-grades"])
            line += [nodes.strong("", labels.word("{label}:").format(label=labels.word("Grades"))),
                     nodes.Text(" " + labels.grades_label(settings, band, language))]
            grades.append(line)
        lessons = self.domain.band_lessons(band)
        if not lessons:
            return [*grades, nodes.paragraph("", labels.word("There are no lessons in this band yet."))]
        items = nodes.bullet_list(classes=["lk-lesson-list"])
        for info in lessons:
            items += self._lesson_item(info, settings, language)
        return [*grades, items]

    def _lesson_item(self, info: LessonInfo, settings: Any, language: str) -> nodes.list_item:
        title = self.env.titles.get(info.docname)
        name = title.astext() if title else info.id
        item = nodes.list_item(classes=["lk-lesson-item"])
        heading = nodes.paragraph(classes=["lk-lesson-item-title"])
        heading += doc_link(info.docname, nodes.strong("", name))
        item += heading
        topics = ", ".join(labels.topic_label(settings, t, language) for t in info.topics)
        facts = f"{labels.lesson_duration(info.duration, self.band_check_minutes(info))} · {topics}"
        item += nodes.paragraph("", facts, classes=["lk-lesson-item-facts"])
        if info.summary:
            item += nodes.paragraph("", info.summary, classes=["lk-lesson-item-summary"])
        return item
