"""lessonkit's nodes: lesson headers, blocks, answer lines, check boxes and help resources."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docutils import nodes
from reportlab.platypus import Flowable, HRFlowable, KeepInFrame, Table

from lessonkit.blocks import DISCLOSURE, LETTER_SIGNOFF, View, is_teacher_only
from lessonkit.pdf.flowables import Box, BoxStyle, QRCode, ScaledImage, tagged
from lessonkit.pdf.forms import AnswerLines, CheckItem, Field, WriteIn
from lessonkit.pdf.tagging import heading
from lessonkit.sphinxext import labels
from lessonkit.sphinxext import nodes as lk

if TYPE_CHECKING:
    from lessonkit.pdf.translator import PDFTranslator

QR_SIZE = 58.0
# The labels of blocks that a family letter shows under a name written for parents and guardians.
FAMILY_LABELS = {"summary": "What your child will learn"}
WEB = ("https://", "http://")


def spoken_name(node: nodes.Element, limit: int = 100) -> str:
    """The words of ``node`` as a form field's accessible name: its text without raw markup, cut short."""
    words = " ".join(" ".join(text.astext() for text in node.findall(nodes.Text)
                              if not isinstance(text.parent, nodes.raw)).split())
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


class LessonElements:
    """Visitors for the nodes of the lesson format, drawn for the view being rendered."""

    # -- the header under the lesson's title ------------------------------------------------

    def visit_lesson_header(self: PDFTranslator, node: lk.lesson_header) -> None:
        section = node.parent
        title_node = next((c for c in section.children if isinstance(c, nodes.title)), None)
        title = self.inline_markup(title_node) if title_node is not None else ""
        plain = title_node.astext() if title_node is not None else node["lesson_id"]
        self.add(self.outline_entry(plain, 0))
        view = self.options.view
        if view is View.HANDOUT:
            self.handout_header(node, title)
        elif view is View.CARDS:
            self.cards_header(title, self.kicker(node, labels.word("Cards to cut out")))
        elif view is View.FAMILY:
            self.add(self.para(self.kicker(node, labels.block_label("family-letter")),
                               self.styles["block-label"]))
            self.add(self.para(title, self.styles["h1"], "H1"))
        else:
            self.teacher_header(node, title)
        raise nodes.SkipNode

    def facts(self: PDFTranslator, node: lk.lesson_header) -> list[str]:
        settings = labels.settings_of(self.builder.config)
        band, language = node["band"], self.options.language
        facts = []
        if band in settings.bands:
            facts += [labels.band_label(settings, band), labels.grades_label(settings, band, language)]
        facts.append(labels.lesson_duration(node["duration"], node.get("check_minutes", 0)))
        topics = ", ".join(labels.topic_label(settings, t, language) for t in node["topics"])
        return [*facts, topics] if topics else facts

    def kicker(self: PDFTranslator, node: lk.lesson_header, kind: str) -> str:
        settings = labels.settings_of(self.builder.config)
        band = node["band"]
        words = [kind] + ([labels.band_label(settings, band)] if band in settings.bands else [])
        return self.label_markup(" · ".join(words))

    def teacher_header(self: PDFTranslator, node: lk.lesson_header, title: str) -> None:
        size = self.styles.size
        rows = [[self.para(self.label_markup(labels.word("Teacher guide")), self.styles["cover-kicker"])],
                [self.para(title, self.styles["header-title"], "H1")],
                [self.para(self.escape(" · ".join(self.facts(node))), self.styles["header-facts"])]]
        if node.get("reviewed"):
            review = labels.review_label(node["reviewed"], node.get("reviewed_by", ""))
            shown = labels.word("{label}:").format(label=labels.word("Last reviewed")) + " " + review
            rows.append([self.para(self.escape(shown), self.styles["header-facts"])])
        table = Table(rows, colWidths=["100%"], spaceAfter=size * 1.1)
        table.setStyle(self.table_style(
            ("BACKGROUND", (0, 0), (-1, -1), self.styles.palette.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), size * 1.2),
            ("RIGHTPADDING", (0, 0), (-1, -1), size * 1.2),
            ("TOPPADDING", (0, 0), (-1, 0), size * 1.1),
            ("BOTTOMPADDING", (0, -1), (-1, -1), size * 1.2)))
        self.add(table)
        if self.options.to_print:
            words = labels.word("To print: {parts}.").format(parts=" · ".join(self.options.to_print))
            self.add(self.para(self.escape(words), self.styles["label"]))
        if node["sensitive"]:
            notice = labels.word("Sensitive topic: read the teacher note and the disclosure guidance first.")
            self.add(Box([self.para(self.escape(notice), self.styles["notice"])],
                         BoxStyle(background=self.styles.palette.teacher_tint,
                                  border=self.styles.palette.teacher, bar=4, padding=size * 0.7)))

    def handout_header(self: PDFTranslator, node: lk.lesson_header, title: str) -> None:
        palette = self.styles.palette
        self.add(self.para(self.kicker(node, labels.word("Student handout")), self.styles["block-label"]))
        self.add(self.para(title, self.styles["h1"], "H1"))
        line = self.element("P")  # the labels; each blank is a field of its own
        blanks = []
        for label, share in ((labels.word("Name"), 0.64), (labels.word("Date"), 0.36)):
            # "Name:" in English, "Nom :" in French (a no-break space before the colon)
            shown = labels.word("{label}:").format(label=label)
            blanks.append((self.drawable(shown), share, self.field(label.lower(), label)))
        self.add(tagged(WriteIn(blanks, self.styles["label"], palette.ink), line))
        self.add(HRFlowable(width="100%", thickness=2, color=palette.accent, spaceBefore=2,
                            spaceAfter=self.styles.size))

    def field(self: PDFTranslator, name: str, tooltip: str) -> Field | None:
        """A uniquely named form field, when this rendering makes fields."""
        if self.options.fields is None:
            return None
        self.serial += 1
        safe = "".join(c if c.isalnum() else "_" for c in name)
        return Field(f"{self.options.fields}{safe}_{self.serial}", tooltip, self.element("Form"))

    def escape(self: PDFTranslator, text: str) -> str:
        return escape(self.drawable(text))

    # -- blocks -----------------------------------------------------------------------------

    def block_label(self: PDFTranslator, kind: str) -> str:
        """A block's label; the family letter speaks to parents ("What your child will learn")."""
        if self.options.view is View.FAMILY and kind in FAMILY_LABELS:
            return labels.word(FAMILY_LABELS[kind])
        return labels.block_label(kind)

    def block_is_page(self: PDFTranslator, kind: str) -> bool:
        """In a handout the worksheet is the page, in a family letter the letter: no box."""
        view = self.options.view
        return (view is View.HANDOUT and kind == "handout") or (view is View.FAMILY and kind == "family-letter")

    def visit_lesson_block(self: PDFTranslator, node: lk.lesson_block) -> None:
        kind = node["kind"]
        if kind == "cards" and self.options.view is View.CARDS:
            self.visit_cards(node)  # the sheet: raises SkipNode
        title = node.children[0].astext() if node.children and isinstance(node.children[0], lk.block_title) else ""
        label = self.block_label(kind)
        if self.at_top:
            self.keep_room(self.styles.line * 5)
            self.add(self.outline_entry(f"{label} — {title}" if title else label, 1))
        if self.block_is_page(kind):
            self.open_element("Sect", title=f"{label} — {title}" if title else label)
            self.box_headers.append([])
            return
        words = [label]
        if "duration" in node:
            words.append(labels.minutes(node["duration"]))
        if is_teacher_only(kind):
            words.append(labels.word(labels.TEACHER_ONLY))
        self.begin_box(" · ".join(words), self.block_tone(kind), role="Sect",
                       title=f"{label} — {title}" if title else label)

    def depart_lesson_block(self: PDFTranslator, node: lk.lesson_block) -> None:
        if self.block_is_page(node["kind"]):
            self.box_headers.pop()
            self.close_element()
        else:
            self.end_box(self.block_style(node["kind"]), whole=node["kind"] == "exit-ticket")

    def block_tone(self: PDFTranslator, kind: str) -> str:
        if kind == DISCLOSURE.name:
            return "alert"
        return "teacher" if is_teacher_only(kind) else "accent"

    def block_style(self: PDFTranslator, kind: str) -> BoxStyle:
        palette, size = self.styles.palette, self.styles.size
        if kind == "summary":
            return BoxStyle(background=palette.accent_tint, border=palette.accent, bar=4,
                            padding=size * 0.8, border_width=0)
        style = self.box_style(self.block_tone(kind))
        if kind in ("handout", "exit-ticket"):
            return BoxStyle(border=style.border, header_background=style.header_background,
                            padding=style.padding, dash=(4, 3), border_width=1.1)
        if is_teacher_only(kind):
            return BoxStyle(border=style.border, header_background=style.header_background,
                            background=palette.teacher_tint if kind != DISCLOSURE.name else None,
                            padding=style.padding, border_width=1.3)
        return style

    def visit_block_title(self: PDFTranslator, node: lk.block_title) -> None:
        role = heading(self.section_level + 1)  # under the heading of the section it is in
        if self.block_is_page(node.parent["kind"]):
            self.begin_text(self.styles["h1"], role)
        else:
            self.begin_text(self.styles["block-title"], role)

    def depart_block_title(self: PDFTranslator, node: lk.block_title) -> None:
        paragraph = self.end_text()
        if paragraph is None:
            return
        if self.block_is_page(node.parent["kind"]):
            self.add(paragraph)
        else:
            self.box_headers[-1].append(paragraph)

    # -- teacher-only text inside a block students see ---------------------------------------

    def teacher_mark(self: PDFTranslator) -> str:
        """"Teacher:" in bold ("Enseignant·e :" in French): marked by a word, not by colour alone."""
        shown = labels.word("{label}:").format(label=labels.word(labels.TEACHER_MARK))
        return f"<b>{self.escape(shown)}</b>"

    def visit_teacher_inline(self: PDFTranslator, node: lk.teacher_inline) -> None:
        self.open_tag(f'<font color="{self.styles.palette.teacher.hexval()}">', "</font>")
        self.markup(self.teacher_mark() + " ")

    def depart_teacher_inline(self: PDFTranslator, node: lk.teacher_inline) -> None:
        self.close_tag()

    def visit_teacher_paragraphs(self: PDFTranslator, node: lk.teacher_paragraphs) -> None:
        palette, size = self.styles.palette, self.styles.size
        self.open_element("Div")
        content = [self.para(self.teacher_mark(), self.styles["notice"]), *self.render_children(node)]
        self.close_element()
        self.add(Box(content, BoxStyle(background=palette.teacher_tint, border=palette.teacher, bar=3,
                                       padding=size * 0.6, border_width=0)))
        raise nodes.SkipNode

    # -- spaces to write and boxes to tick --------------------------------------------------

    def visit_answer_lines(self: PDFTranslator, node: lk.answer_lines) -> None:
        spacing = max(self.styles.size * (1.85 if self.styles.tight else 2.1), 22.0)
        if self.frames[-1]:  # on the page or in a box (an exit ticket): the question never ends a page alone
            self.frames[-1][-1].keepWithNext = True
        # A screen reader names the space after the question it answers.
        asked = lk.question_before(node)
        question = spoken_name(asked) if asked is not None else ""
        tooltip = labels.word("Answer to: {question}").format(question=question) if question \
            else labels.word("Space to write")
        self.add(AnswerLines(int(node["lines"]), spacing, self.styles.palette.rule,
                             self.field("answer", tooltip)))
        raise nodes.SkipNode

    def visit_letter_signoff(self: PDFTranslator, node: lk.letter_signoff) -> None:
        """The teacher's name and school, the lesson's date and a signature: blanks, fillable in the letter."""
        if self.at_top and self.frames[-1]:
            self.frames[-1][-1].keepWithNext = True  # the letter's last words go to the page it is signed on
        for number, row in enumerate((LETTER_SIGNOFF[:2], LETTER_SIGNOFF[2:])):
            line = self.element("P")  # the labels; each blank is a field of its own
            blanks = []
            for name, label in row:
                shown = labels.word("{label}:").format(label=labels.word(label))
                blanks.append((self.drawable(shown), 0.5, self.field(name, labels.word(label))))
            write_in = tagged(WriteIn(blanks, self.styles["body"], self.styles.palette.ink), line)
            write_in.keepWithNext = number == 0  # both rows on one page
            self.add(write_in)
        raise nodes.SkipNode

    def check_item(self: PDFTranslator, content: list[Flowable], field: Field | None) -> Flowable:
        return CheckItem(content, self.styles.size * 1.05, self.styles.palette.accent_dark, field)

    # -- videos -----------------------------------------------------------------------------

    def visit_video(self: PDFTranslator, node: lk.video) -> None:
        """Paper cannot play it: the poster, and where the video is played."""
        poster = next(node.findall(nodes.image))
        path = self.image_path(poster)
        shown: list[Flowable] = []
        title = node.parent[0].astext() if node.parent and isinstance(node.parent[0], lk.block_title) else ""
        if path is not None:
            width, height = self.image_size(poster, path)
            scale = min(1.0, self.options.width * 0.6 / width)  # a large still would fill the page
            alt = " ".join((poster.get("alt") or title).split())
            shown.append(tagged(ScaledImage(str(path), width=width * scale, height=height * scale),
                                self.element("Figure", alt=alt) if alt else None))
        before, _, after = labels.word("Video: {title} — on the lesson page of the kit").partition("{title}")
        shown.append(self.para(f"{self.escape(before)}<b>{self.escape(title)}</b>{self.escape(after)}",
                               self.styles["caption"]))
        self.add(KeepInFrame(0, 0, shown, mode="shrink"))  # one piece: a box cannot hold a KeepTogether
        raise nodes.SkipNode

    # -- texts kept in pages under source/ --------------------------------------------------

    def help_resources(self: PDFTranslator, node: nodes.container) -> None:
        """The help resources as a list with a QR code beside each one that has a web address;
        what else the text holds (a note for the teacher after the list) stays in its place."""
        for child in node.children:
            if isinstance(child, nodes.bullet_list):
                self.help_list(child)
            else:
                for flowable in self.render_children(nodes.container("", child.deepcopy())):
                    self.add(flowable)

    def help_list(self: PDFTranslator, listing: nodes.bullet_list) -> None:
        # a list (its table only lays it out): each resource, then the QR code of its address
        rows = []
        self.open_element("L", attributes={"O": "List", "ListNumbering": "Disc"})
        for item in listing.children:
            self.open_element("LI")
            self.open_element("LBody")
            content = self.render_children(item, "help")
            address = next((ref["refuri"] for ref in item.findall(nodes.reference)
                            if ref.get("refuri", "").startswith(WEB)), None)
            code = tagged(QRCode(self.options.qr_codes(address), self.qr_size),
                          self.element("Figure", alt=labels.word("QR code: {address}").format(address=address))
                          ) if address else ""
            self.close_element()
            self.close_element()
            rows.append([content, code])
        self.close_element()
        if not rows:
            return
        table = Table(rows, colWidths=["*", self.qr_size + 8], hAlign="LEFT")
        table.setStyle(self.table_style(
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.5, self.styles.palette.rule),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4)))
        self.add(table)

    @property
    def qr_size(self: PDFTranslator) -> float:
        return QR_SIZE * 0.75 if self.styles.tight else QR_SIZE  # still scans from a desk

    def notice_box(self: PDFTranslator, node: nodes.container) -> None:
        palette, size = self.styles.palette, self.styles.size
        self.add(Box(self.render_children(node), BoxStyle(background=palette.teacher_tint,
                                                          border=palette.teacher, bar=4,
                                                          padding=size * 0.8, border_width=0)))

    def visit_kit_text(self: PDFTranslator, node: lk.kit_text) -> None:
        pass

    def depart_kit_text(self: PDFTranslator, node: lk.kit_text) -> None:
        pass

    def skip_lessonkit(self: PDFTranslator, node: nodes.Node) -> None:
        raise nodes.SkipNode  # links to PDFs are for the HTML site; placeholders are filled earlier

    visit_pdf_links = visit_kit_text_ref = visit_band_overview = visit_lesson_list = skip_lessonkit
    visit_review_packet = visit_source_ref = skip_lessonkit
    visit_curriculum_links = visit_band_check_ref = visit_framework_links = skip_lessonkit

