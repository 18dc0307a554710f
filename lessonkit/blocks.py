"""The blocks of the lesson format and where each one may appear."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class View(StrEnum):
    """A rendering of a lesson, each for one audience."""

    TEACHER = "teacher"  # the teacher guide and the lesson page
    STUDENT = "student"  # the student edition of the HTML site
    HANDOUT = "handout"  # the student handout PDF
    FAMILY = "family"  # the family letter PDF
    CARDS = "cards"  # the cut-out sheet of a lesson's cards


@dataclass(frozen=True)
class BlockKind:
    """One directive of the lesson format."""

    name: str
    label: str  # shown above the block; translated through lessonkit's catalog
    views: frozenset[View]
    has_title: bool = False  # takes a title argument
    has_content: bool = True

    @property
    def teacher_only(self) -> bool:
        return self.views == frozenset({View.TEACHER})


def _kind(name: str, label: str, *views: View, **options: bool) -> BlockKind:
    return BlockKind(name, label, frozenset({View.TEACHER, *views}), **options)


BLOCKS: dict[str, BlockKind] = {
    kind.name: kind
    for kind in (
        _kind("summary", "Summary", View.STUDENT, View.FAMILY),
        # Written to students ("I can…"): a letter to parents shows the summary instead.
        _kind("objectives", "Learning objectives", View.STUDENT),
        _kind("success-criteria", "Success criteria", View.STUDENT, View.HANDOUT),
        _kind("vocabulary", "Vocabulary", View.STUDENT, View.HANDOUT),
        _kind("materials", "Materials"),
        _kind("teacher-note", "Teacher note"),
        _kind("accommodations", "Accommodations"),
        _kind("activity", "Activity", View.STUDENT, has_title=True),
        _kind("video", "Video", View.STUDENT),
        _kind("discussion", "Discussion", View.STUDENT),
        # Printed as a cut-out sheet of their own (<id>-cards.pdf); their answers go to an answer key.
        _kind("cards", "Cards", View.STUDENT, View.CARDS, has_title=True),
        _kind("handout", "Handout", View.STUDENT, View.HANDOUT, has_title=True),
        _kind("answer-key", "Answer key"),
        _kind("exit-ticket", "Exit ticket", View.STUDENT, View.HANDOUT),
        _kind("extension", "Extension", View.STUDENT),
        _kind("rubric", "Rubric", View.STUDENT),
        _kind("family-letter", "Family letter", View.FAMILY),
        # Written to children; the family letter prints the help for families instead (FAMILY_HELP).
        _kind("get-help", "Get help", View.STUDENT, View.HANDOUT, has_content=False),
        # Written once in a band page; lessonkit copies it into the band's first and last lessons.
        _kind("band-check", "Before and after check", View.STUDENT, View.HANDOUT),
    )
}

# Added by lessonkit, not written by authors: disclosure guidance in the teacher guide of a
# sensitive lesson, the curriculum expectations a lesson meets (from its ``outcomes``), and
# after the family letter, where parents and guardians get help (``family-help`` of get-help.md).
DISCLOSURE = BlockKind("disclosure", "If a student discloses", frozenset({View.TEACHER}))
CURRICULUM_LINKS = BlockKind("curriculum-links", "Curriculum links", frozenset({View.TEACHER}))
FAMILY_HELP = BlockKind("family-help", "Help for families", frozenset({View.TEACHER, View.FAMILY}))
GENERATED = {kind.name: kind for kind in (DISCLOSURE, CURRICULUM_LINKS, FAMILY_HELP)}

# Blocks allowed only in a band page (lessons/<band>/index.md), not in a lesson.
BAND_PAGE_BLOCKS = ("band-check",)

# The blocks a lesson is made of, one after the other, never one inside another: when one starts
# inside another, the one before was not closed (the others hold cards, a video, answer lines...).
STANDALONE = frozenset({
    "summary", "objectives", "success-criteria", "vocabulary", "materials", "accommodations", "activity",
    "discussion", "handout", "answer-key", "exit-ticket", "extension", "rubric", "family-letter", "get-help",
    "band-check",
})


# The options a block takes (``:duration: 8``): its directive's option_spec says the same,
# and tests/test_ecosystem.py compares the two. Every other block takes DEFAULT_OPTIONS.
DEFAULT_OPTIONS = ("duration", "class")
OPTIONS: dict[str, tuple[str, ...]] = {
    "video": ("title", "poster", "captions", "class"),
    "cards": ("order", "size", "class"),
    "rubric": (*DEFAULT_OPTIONS, "name"),
}


def options_of(name: str) -> tuple[str, ...]:
    """The options the block ``name`` takes."""
    return OPTIONS.get(name, DEFAULT_OPTIONS)


def kind_of(name: str) -> BlockKind | None:
    """The block kind named ``name``, written by authors or added by lessonkit."""
    return BLOCKS.get(name) or GENERATED.get(name)


# The HTML class of every teacher-only part: class view hides it, a student bundle refuses it.
TEACHER_ONLY_CLASS = "lk-teacher-only"


def is_teacher_only(kind: str) -> bool:
    """Whether a block of ``kind`` is for the teacher alone: never in a student's hands, page or search index."""
    block = kind_of(kind)
    return block is not None and block.teacher_only

# Not a block of its own: a space to write, inside a handout or an exit ticket.
ANSWER_LINES = "answer-lines"
# Not a block of its own: the end of every family letter, added by lessonkit: a blank to fill in
# for each of these (the name of its form field, its label).
LETTER_SIGNOFF = (("teacher", "Teacher's name"), ("school", "School"), ("date", "Date of the lesson"),
                  ("signature", "Signature"))
# Teacher-only text inside a block students see (an expected answer, a prompt): the role
# ``{teacher}`…``` for words in a sentence, the directive ``:::{teacher}`` for paragraphs.
TEACHER_TEXT = "teacher"

# The video files a browser plays (and their media types); anything else is refused by the check.
VIDEO_TYPES = {".webm": "video/webm", ".mp4": "video/mp4", ".ogv": "video/ogg"}
# In a video's ``:captions:`` path, replaced by each language of the curriculum.
LANG_FIELD = "{lang}"

# Blocks that every lesson must have, in the order the check reports them.
REQUIRED = ("summary", "objectives", "activity", "family-letter", "get-help")

# Named texts kept in the pages under source/ and reused in lessons.
KIT_TEXTS = ("help-resources", "family-help", "disclosure-guidance", "family-notice")

# The directives of pages around the lessons (the home page, band pages, the guides).
KIT_PAGE_DIRECTIVES = ("kit-text", "band-overview", "band-pages", "lesson-list", "review-packet", "framework-links")
# Every directive lessonkit adds. Each one is also registered as ``lk-<name>``, the name to
# write when another extension (sphinx-lesson's ``objectives``…) holds the plain one.
DIRECTIVES = (*BLOCKS, ANSWER_LINES, TEACHER_TEXT, *KIT_PAGE_DIRECTIVES)
ALIAS_PREFIX = "lk-"
# The roles lessonkit adds to Markdown (sphinxext/extension.py registers them): {source}`key`,
# {teacher}`words`, {kit}`name`, {ages}`8-10`, {band-minutes}`ages-8-10`.
ROLES = ("source", TEACHER_TEXT, ALIAS_PREFIX + TEACHER_TEXT, "kit", "ages", "band-minutes")


def plain_name(name: str) -> str:
    """A directive name as lessonkit knows it: ``lk-objectives`` is ``objectives``."""
    plain = name.removeprefix(ALIAS_PREFIX)
    return plain if plain in DIRECTIVES else name
