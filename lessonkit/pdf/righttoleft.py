"""Right-to-left lines: each line of a paragraph drawn in the order a reader of Arabic sees it.

reportlab shapes Arabic with uharfbuzz (``shaping=1``: each word joined, its letters laid out
right to left) but leaves the order of the words on a line to ``rlbidi``, its fribidi binding,
which is on ReportLab's own package index only, not on PyPI, and is GPL-2.0-only: an extra that
needs it cannot install, and lessonkit (MIT) does not require it. Without it a line's words run
left to right in the order they are written. What was weighed (issue 23):

- xhtml2pdf runs arabic-reshaper (a reshaper of its own, into presentation forms) and
  python-bidi's ``get_display`` on the text before reportlab breaks it into lines: a paragraph
  of two lines comes out with its second line first.
- python-bidi (LGPL-3.0-or-later, wheels on PyPI for every platform) implements the Unicode
  bidirectional algorithm. Its Rust ``get_display`` returns the reordered string only, not
  where each character went; the pure-Python implementation in the same package
  (``bidi.algorithm``) runs the algorithm's steps on a list of characters, which gives that
  map. lessonkit uses those steps (tested from python-bidi 0.6.0).
- Nothing on PyPI offers rlbidi's ``log2vis`` as it is: pyfribidi (GPL) and python-fribidi
  are sources that need fribidi's headers to build; PyBidi calls the system's libfribidi
  (Linux only). A module named ``rlbidi`` of our own would patch reportlab's import.

So reportlab breaks and measures a paragraph's lines as usual (``Para``, flowables.py), and
this module draws each line: its characters ordered by the algorithm, cut into words at the
spaces and into runs of one style, each run a one-word paragraph that reportlab shapes and
draws (font, colour, link) as it does any word, placed from the line's right end. A number
written with separators (a phone number 1-800-668-6868, a date) is embedded left to right: the
algorithm alone shows its groups right to left inside Arabic text, as a browser does without
``dir="ltr"``.

The words are drawn in the order they are written, each where its line puts it, and each is a
``/Span`` whose ``/ActualText`` gives its characters (a shaped word's glyphs do not spell it).
poppler (pdftotext, Evince) reads the characters of right-to-left text, ActualText included, as
lying from the left and reverses them: a span per line with the line's text as it is written
came out reversed. A word's text is therefore given as its characters lie (see ``VisualWord``),
and the line reads back in the order it is written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bidi import algorithm
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from lessonkit.pdf.tagging import actual_text

SPACE = re.compile(r"[ \t\n\r\f\v]+")  # reportlab breaks words at these (not at a no-break space)
NUMBER = re.compile(r"[0-9]+(?:[-./:][0-9]+)+")  # a phone number, a date, a time: read left to right
LRE, PDF = "\u202a", "\u202c"
STRONG_RTL = frozenset({"R", "AL"})


@dataclass
class Word:
    """A word of a paragraph: its pieces of text, each with the fragment (style, link) it has."""

    pieces: list[tuple[Any, str]]

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.pieces)


def logical_words(frags: Sequence[Any]) -> list[Word]:
    """The words of reportlab's fragments, in logical order, as its line breaking counts them.

    A forced line break (``<br/>``) ends a word; an anchor is kept with the word it is in.
    """
    words: list[Word] = []
    current: list[tuple[Any, str]] = []

    def end_word() -> None:
        if any(text for _, text in current):
            words.append(Word(list(current)))
        current.clear()

    for frag in frags:
        if getattr(frag, "lineBreak", False):
            end_word()
        elif hasattr(frag, "cbDefn"):
            current.append((frag, ""))
        else:
            parts = SPACE.split(frag.text)
            for index, part in enumerate(parts):
                if index:
                    end_word()
                if part:
                    current.append((frag, part))
    end_word()
    return words


def draw(paragraph: Paragraph, canvas: Canvas, frags: Sequence[Any]) -> None:
    """Draw a wrapped paragraph of these fragments (from ``Paragraph.draw``): each line's words
    from the left in visual order, each run of a word a one-word paragraph where its line puts it.

    The anchors of a paragraph (targets of links) are drawn with its first run.
    """
    style, lines = paragraph.style, paragraph.blPara.lines
    run_style = ParagraphStyle(f"{style.name}-run", parent=style, alignment=TA_LEFT, leftIndent=0,
                               rightIndent=0, firstLineIndent=0)
    room = paragraph.width - style.leftIndent - style.rightIndent
    words = logical_words(frags)
    anchors = [frag for word in words for frag, part in word.pieces if not part]
    left_to_right = all_left_to_right(words)
    for number, line_words in enumerate(_by_line(words, lines)):
        placed = []
        for word in visual_words(line_words, left_to_right=left_to_right):
            runs = []
            for run in word.runs:
                drawn = Paragraph(None, run_style, frags=[run])
                drawn.wrap(room, style.leading * 2)
                runs.append((drawn, drawn.getActualLineWidths0()[0]))
            placed.append((word, runs))
        width = sum(size for _, runs in placed for _, size in runs) + sum(word.space for word, _ in placed[:-1])
        free = room - width
        x = style.leftIndent + {TA_LEFT: 0.0, TA_CENTER: free / 2}.get(style.alignment, free)
        y = paragraph.height - style.leading * (number + 1)
        spots = []  # each word's place from the left
        for word, runs in placed:
            spots.append(x)
            x += sum(size for _, size in runs) + word.space
        # drawn in the order they are written: content comes in reading order in a tagged PDF
        for (word, runs), spot in sorted(zip(placed, spots, strict=True), key=lambda item: item[0][0].first):
            canvas.saveState()
            canvas.translate(spot, y)  # before the span: a reader puts its text where it begins
            if anchors:  # the paragraph's link targets, where its first word is drawn
                _bookmark(canvas, anchors, style.leading)
                anchors = []
            with actual_text(canvas, word.text):
                _font_state(canvas, word.runs[0])
                offset = 0.0
                for drawn, size in runs:
                    drawn.drawOn(canvas, offset, 0)
                    offset += size
            canvas.restoreState()


def _bookmark(canvas: Canvas, anchors: Sequence[Any], leading: float) -> None:
    """Each anchor (``<a name>``) a destination here, as reportlab puts a paragraph's: drawn in a
    word's own paragraph, an anchor before a shaped word stopped reportlab (5.1) in mid-line."""
    for frag in anchors:
        definition = getattr(frag, "cbDefn", None)
        if definition is not None and getattr(definition, "kind", "") == "anchor":
            canvas.bookmarkHorizontal(definition.name, 0, leading)


def _font_state(canvas: Canvas, frag: Any) -> None:
    """Set the span's font in the graphics state, with an invisible space.

    poppler (pdftotext, Evince) gives a span's text the size of the font in the state where the
    span ends, and each run sets its font inside a saved state of its own: without this the words
    would have no size, and each would be a line of its own.
    """
    text = canvas.beginText(0, 0)
    text.setTextRenderMode(3)
    text.setFont(frag.fontName, frag.fontSize)
    text.textOut(" ")
    text.setTextRenderMode(0)
    canvas.drawText(text)


def split_point(frags: Sequence[Any], lines: Sequence[Any], first_lines: int) -> tuple[list[Any], list[Any]]:
    """The fragments of a paragraph's first ``first_lines`` lines as written, and of the others.

    reportlab's own split keeps the shaped text of the lines; the parts are made again from the
    text as written, so that each is ordered (and read) like a whole paragraph.
    """
    words = logical_words(frags)
    counted = sum(len(line) for line in _by_line(words, lines[:first_lines]))
    return _frags(words[:counted]), _frags(words[counted:])


def _by_line(words: Sequence[Word], lines: Sequence[Any]) -> list[list[Word]]:
    counts = [line.wordCount if hasattr(line, "wordCount") else len(line[1]) for line in lines]
    if sum(counts) > len(words):
        raise ValueError(f"right-to-left paragraph: reportlab broke {sum(counts)} words into lines, "
                         f"lessonkit counted {len(words)}: {line_text(words)!r}")
    start, result = 0, []
    for count in counts:
        result.append(list(words[start:start + count]))
        start += count
    return result


def _frags(words: Sequence[Word]) -> list[Any]:
    frags: list[Any] = []
    for word in words:
        if frags:
            frags.append(frags[-1].clone(text=" "))
        frags.extend(frag.clone(text=text) for frag, text in word.pieces)
    return frags


def line_text(words: Sequence[Word]) -> str:
    return " ".join(word.text for word in words)


@dataclass
class VisualWord:
    """A word as drawn: its runs of one style each, from the left (each a fragment as reportlab
    shapes it), its text for readers of the PDF, the space after it, its place as written.

    Readers of PDFs (poppler) take the characters of right-to-left script on a page to lie from
    the left, as glyphs do, and put them back in reading order: a word with Arabic letters gives
    its characters as they lie, any other word as it is written (a final full stop that the
    algorithm shows at its left stays after it).
    """

    runs: list[Any]
    text: str
    space: float
    first: int  # where the word begins in the line as written


def all_left_to_right(words: Sequence[Word]) -> bool:
    """Whether a paragraph has letters written left to right and none written right to left (an
    English source title in an Arabic letter): it is then ordered on a left-to-right base, so that
    its closing full stop stays at its end. A paragraph with any Arabic in it is an Arabic
    paragraph, even when it starts with an English name ("Kids Help Phone (خط مساعدة الأطفال): ...")."""
    kinds = {unicodedata.bidirectional(char) for word in words for _, part in word.pieces for char in part}
    return "L" in kinds and not kinds & STRONG_RTL


def visual_words(words: Sequence[Word], *, left_to_right: bool = False) -> list[VisualWord]:
    """The words of one line of a right-to-left document, from the left (a paragraph that is
    ``all_left_to_right`` is ordered on a left-to-right base).

    The line's characters are put in visual order, cut into words at its spaces, and the words
    into runs of one style. reportlab shapes each run with HarfBuzz, which lays out a run with
    Arabic letters right to left: that run is given in reverse (its letters back in written
    order, as joining needs) and HarfBuzz mirrors its brackets; any other run is given as it is
    seen, mirrored by the algorithm. (A run is drawn alone: reportlab 5.1 fails on a shaped word
    of two styles whose second starts with a raised mark, such as a bold Arabic label and its
    colon, so letters are not joined across a change of style inside a word.)
    """
    text = line_text(words)
    owners = [frag for word in words for frag, part in [*word.pieces, (word.pieces[-1][0], " ")] for _ in part]
    positions, mirrored = _visual_positions(text, left_to_right=left_to_right)
    seen = sorted(range(len(text)), key=positions.__getitem__)
    result: list[VisualWord] = []
    for space, group in itertools.groupby(seen, key=lambda i: text[i] == " "):
        if space:
            continue
        indices = list(group)
        runs = []
        for _, run in itertools.groupby(indices, key=lambda i: id(owners[i])):
            run = list(run)
            if any(unicodedata.bidirectional(text[i]) in STRONG_RTL for i in run):
                chars = "".join(text[i] for i in reversed(run))
            else:
                chars = "".join(mirrored.get(i, text[i]) for i in run)
            runs.append(owners[run[0]].clone(text=chars))
        last = owners[indices[-1]]
        arabic = any(unicodedata.bidirectional(text[i]) in STRONG_RTL for i in indices)
        result.append(VisualWord(runs, "".join(text[i] for i in (indices if arabic else sorted(indices))),
                                 stringWidth(" ", last.fontName, last.fontSize), min(indices)))
    return result


def _visual_positions(text: str, *, left_to_right: bool = False) -> tuple[dict[int, int], dict[int, str]]:
    """Each character's position from the left in a line (of a right-to-left paragraph, unless
    ``left_to_right``), and the mirrored glyphs (a bracket in right-to-left text) by logical position."""
    starts = {match.start() for match in NUMBER.finditer(text)}
    ends = {match.end() for match in NUMBER.finditer(text)}
    marked: list[str] = []
    origin: list[int] = []  # each marked character's index in ``text`` (-1: an embedding mark)
    for index in range(len(text) + 1):
        for mark, at in ((PDF, ends), (LRE, starts)):
            if index in at:
                marked.append(mark)
                origin.append(-1)
        if index < len(text):
            marked.append(text[index])
            origin.append(index)
    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = (0, "L") if left_to_right else (1, "R")
    algorithm.get_embedding_levels("".join(marked), storage)
    for index, char in enumerate(storage["chars"]):
        char["logical"] = origin[index]
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    chars = [char for char in storage["chars"] if char["logical"] >= 0]
    positions = {char["logical"]: place for place, char in enumerate(chars)}
    mirrored = {char["logical"]: char["ch"] for char in chars if char["ch"] != text[char["logical"]]}
    return positions, mirrored
