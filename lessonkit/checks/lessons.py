"""The rules of the lesson format, applied to lesson files (``lessonkit check``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from lessonkit.blocks import (
    ANSWER_LINES,
    BLOCKS,
    LANG_FIELD,
    REQUIRED,
    TEACHER_TEXT,
    VIDEO_TYPES,
    is_teacher_only,
    options_of,
    plain_name,
)
from lessonkit.cards import card_problems
from lessonkit.checks.texts import TextRules, markdown_paragraphs
from lessonkit.fences import fence_problems
from lessonkit.helplines import contacts_in
from lessonkit.lesson import (
    MAX_DEPTH,
    Block,
    LessonError,
    LessonSource,
    deepest_block,
    parse_date,
    parse_lesson,
    raw_html_in,
    read_text,
)
from lessonkit.problem import Problem
from lessonkit.reviews import REVIEWER, reviewer_problem
from lessonkit.scaffold import PLACEHOLDER
from lessonkit.settings import KitSettings
from lessonkit.svgsafety import svg_findings

# Directives a lesson may use besides its own blocks: MyST's and Sphinx's usual ones.
STANDARD_DIRECTIVES = frozenset({
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
    "tip", "warning", "seealso", "figure", "image", "table", "list-table", "csv-table",
    "math", "code", "code-block", "sourcecode", "epigraph", "highlights", "pull-quote", "topic",
    "sidebar", "rubric", "container", "glossary", "only",
})
LESSON_DIRECTIVES = frozenset({*BLOCKS, ANSWER_LINES, TEACHER_TEXT})
PAGE_DIRECTIVES = frozenset({"kit-text", "band-overview", "band-pages", "lesson-list", "toctree"})

# The blocks that take class time: each carries ':duration:', and together they fill 90-100% of the lesson.
TIMED_BLOCKS = ("activity", "discussion", "handout", "exit-ticket")
REQUIRED_KEYS = ("id", "band", "duration", "topics", "reviewed")
OPTIONAL_KEYS = ("sensitive", "outcomes", "order", REVIEWER)
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NEGATION = re.compile(r"(\bnot|n't|\bnever|\bno one|\bpas|\bjamais|\bplus)\W+(\w+\W+){0,3}$")


def _suggest(word: str, choices: object) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)  # type: ignore[call-overload]
    return f"; did you mean '{close[0]}'?" if close else ""


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def check_front_matter(lesson: LessonSource, shown: str, settings: KitSettings) -> Iterator[Problem]:
    meta, lines = lesson.meta, lesson.meta_lines
    for key in REQUIRED_KEYS:
        if key not in meta:
            yield Problem(shown, 1, "front-matter-key-missing",
                          f"the front matter has no '{key}'; add '{key}:' between the '---' lines")
    for key in meta:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            yield Problem(shown, lines.get(key, 1), "front-matter-unknown-key",
                          f"unknown front-matter key '{key}'{_suggest(key, REQUIRED_KEYS + OPTIONAL_KEYS)} "
                          "(text a reader sees belongs in the body)")
    if "id" in meta and not (isinstance(meta["id"], str) and _ID.match(meta["id"])):
        yield Problem(shown, lines["id"], "front-matter-invalid",
                      f"id {meta['id']!r} must use only a-z, 0-9 and '-', e.g. 'my-safe-adults'")
    elif "id" in meta and meta["id"] != lesson.path.stem:
        # The lesson page is named after the file and its PDFs after the id: they must agree.
        yield Problem(shown, lines["id"], "id-filename",
                      f"id '{meta['id']}' differs from the file name '{lesson.path.name}'; rename the file "
                      f"to {meta['id']}.md or change the id")
    if "band" in meta and meta["band"] not in settings.bands:
        yield Problem(shown, lines["band"], "unknown-band",
                      f"band '{meta['band']}' is not declared in conf.py{_suggest(str(meta['band']), settings.bands)} "
                      f"(declared: {', '.join(settings.bands)})")
    elif "band" in meta and lesson.path.parent.name != meta["band"]:
        yield Problem(shown, lines["band"], "band-folder",
                      f"band '{meta['band']}' does not match the folder '{lesson.path.parent.name}'; "
                      f"move the file to lessons/{meta['band']}/ or correct the band")
    if "duration" in meta:
        duration = _as_int(meta["duration"])
        if duration is None or not 5 <= duration <= 240:
            unit = _NUMBER_FIRST.match(str(meta["duration"]))
            fix = f"; write the number only, without a unit: 'duration: {unit.group(1)}'" if unit else ""
            yield Problem(shown, lines["duration"], "front-matter-invalid",
                          f"duration {meta['duration']!r} must be a number of minutes from 5 to 240{fix}")
    if "topics" in meta:
        topics = meta["topics"]
        if not isinstance(topics, list) or not topics:
            yield Problem(shown, lines["topics"], "front-matter-invalid",
                          "topics must be a list in brackets, e.g. topics: [privacy, reporting]")
        else:
            for topic in topics:
                if topic not in settings.topics:
                    yield Problem(shown, lines["topics"], "unknown-topic",
                                  f"topic '{topic}' is not declared in conf.py"
                                  f"{_suggest(str(topic), settings.topics)}")
    if "reviewed" in meta and parse_date(meta["reviewed"]) is None:
        yield Problem(shown, lines["reviewed"], "front-matter-invalid",
                      f"reviewed {meta['reviewed']!r} must be a date written YYYY-MM-DD")
    if (reviewer := reviewer_problem(meta, lines, shown)) is not None:
        yield reviewer
    if "sensitive" in meta and not isinstance(meta["sensitive"], bool):
        yield Problem(shown, lines["sensitive"], "front-matter-invalid",
                      "sensitive must be true or false")
    for key in ("outcomes",):
        if key in meta and not (isinstance(meta[key], list) and all(isinstance(x, str) for x in meta[key])):
            yield Problem(shown, lines[key], "front-matter-invalid",
                          f"{key} must be a list in brackets, e.g. {key}: [ON-HPE-2.1]")
    if "order" in meta and _as_int(meta["order"]) is None:
        yield Problem(shown, lines["order"], "front-matter-invalid",
                      "order must be a whole number (its place in the band's list)")


def check_body(lesson: LessonSource, shown: str, settings: KitSettings, root: Path) -> Iterator[Problem]:
    if lesson.title is None:
        yield Problem(shown, lesson.body_line, "missing-title",
                      "the lesson has no title; add a '# Title' line after the front matter")
    blocks = lesson.all_blocks()
    known = LESSON_DIRECTIVES | STANDARD_DIRECTIVES
    for block in blocks:
        if block.name not in known:
            hint = _suggest(block.name, LESSON_DIRECTIVES) or _suggest(block.name, STANDARD_DIRECTIVES)
            yield Problem(shown, block.line, "unknown-directive",
                          f"unknown block '{{{block.name}}}'{hint}")
    body = "\n".join(lesson.text.splitlines()[lesson.body_line - 1:])
    fences = fence_problems(shown, body, lesson.body_line - 1)
    names = {block.name for block in blocks}
    for name in REQUIRED if not fences else ():  # blocks swallowed by a broken one are not missing
        if name not in names:
            yield Problem(shown, lesson.title_line or lesson.body_line, "missing-block",
                          f"the lesson has no '{name}' block; add ':::{{{name}}}' ... ':::' "
                          "(see `lessonkit new` for a template)")
    if lesson.meta.get("sensitive") is True and "teacher-note" not in names:
        yield Problem(shown, lesson.meta_lines.get("sensitive", 1), "sensitive-without-note",
                      "a sensitive lesson needs a 'teacher-note' block that prepares the teacher")
    for line, html in lesson.raw_html:
        yield raw_html_problem(shown, line, html)
    if lesson.too_deep is not None:
        yield nesting_problem(shown, lesson.too_deep)
    yield from _check_options(shown, blocks)
    yield from _student_blocks_in_teacher_blocks(lesson, shown)
    yield from _teacher_text_where_only_teachers_read(lesson, shown)
    # a misspelled block's minutes are not counted: the total would point at the wrong fix
    yield from _check_durations(lesson, shown, blocks, total=all(block.name in known for block in blocks))
    yield from _check_images(lesson, shown, root)
    yield from _check_videos(lesson, shown, settings, root, blocks)
    yield from _check_language(lesson, shown, settings)
    yield from _check_placeholders(lesson, shown)
    yield from _check_contacts(lesson, shown, blocks)
    yield from fences


def _check_options(shown: str, blocks: list[Block]) -> Iterator[Problem]:
    """An option a lessonkit block does not take (a misspelled ':duration:' is not read, and stops the build)."""
    for block in blocks:
        name = plain_name(block.name)
        if name not in BLOCKS:
            continue
        takes = options_of(name)
        for option in block.options:
            if option not in takes:
                close = difflib.get_close_matches(option, takes, n=1)
                hint = f"; did you mean ':{close[0]}:'?" if close else ""
                yield Problem(shown, block.option_lines.get(option, block.line), "unknown-option",
                              f"the {name} block takes no option ':{option}:'{hint} "
                              f"(it takes {', '.join(f':{o}:' for o in takes)})")


def _student_blocks_in_teacher_blocks(lesson: LessonSource, shown: str) -> Iterator[Problem]:
    """A block students see cannot stand inside a teacher-only block: everything there is for teachers."""
    for outer in lesson.all_blocks():
        if not is_teacher_only(outer.name):
            continue
        for inner in outer.walk()[1:]:
            inner_kind = BLOCKS.get(inner.name)
            if inner_kind is not None and not inner_kind.teacher_only:
                yield Problem(shown, inner.line, "student-block-in-teacher-block",
                              f"the '{inner.name}' block is inside a '{outer.name}' block (line {outer.line}), "
                              "which only teachers see, so students would never get it; close the "
                              f"'{outer.name}' block before it")


_TEACHER_ROLE = re.compile(r"\{(?:lk-)?" + TEACHER_TEXT + r"\}`")


def _block_lines(block: Block) -> range:
    return range(block.content_line, block.content_line + len(block.content.splitlines()))


def _teacher_text_where_only_teachers_read(lesson: LessonSource, shown: str) -> Iterator[Problem]:
    """Teacher-only text inside a teacher-only block, or outside every block: marking it changes nothing."""
    in_blocks = {number for block in lesson.blocks for number in range(block.line, _block_lines(block).stop + 1)}
    lines = lesson.text.splitlines()
    for number, line in enumerate(lines[lesson.body_line - 1:], lesson.body_line):
        if number not in in_blocks and _TEACHER_ROLE.search(line):
            yield Problem(shown, number, "teacher-text-not-needed",
                          "{teacher}`…` is outside every block, where only teachers read anyway (text outside "
                          "blocks is the teacher's); write the text without the role, or put it in the block "
                          "students see", severity="warning")
    for outer in lesson.all_blocks():
        if not is_teacher_only(outer.name):
            continue
        for inner in outer.walk()[1:]:
            if inner.name in (TEACHER_TEXT, f"lk-{TEACHER_TEXT}"):
                yield Problem(shown, inner.line, "teacher-text-not-needed",
                              f"this ':::{{{TEACHER_TEXT}}}' is inside a '{outer.name}' block (line {outer.line}), "
                              "which only teachers see already; remove the ':::{teacher}' lines and keep the text",
                              severity="warning")
        for number in _block_lines(outer):
            if _TEACHER_ROLE.search(lines[number - 1]) and not any(
                    number in _block_lines(inner) for inner in outer.walk()[1:] if inner.name == TEACHER_TEXT):
                yield Problem(shown, number, "teacher-text-not-needed",
                              f"{{teacher}}`…` is inside a '{outer.name}' block (line {outer.line}), which only "
                              "teachers see already; write the text without the role", severity="warning")


def _check_durations(lesson: LessonSource, shown: str, blocks: list, total: bool = True) -> Iterator[Problem]:
    timed: list[tuple[Block, int | None]] = []
    for block in blocks:
        if block.name in TIMED_BLOCKS:
            timed.append((block, _as_int(block.options.get("duration"))))
        if block.name == "activity" and not block.argument:
            yield Problem(shown, block.line, "activity-title",
                          "an activity needs a title: ':::{activity} Title of the activity'")
        elif block.name == "handout" and not block.argument:
            yield Problem(shown, block.line, "handout-title",
                          "a handout needs a title: '::::{handout} Title of the worksheet'")
        elif block.name == ANSWER_LINES and block.argument and _as_int(block.argument) is None:
            yield Problem(shown, block.line, "answer-lines",
                          f"answer-lines takes a number of lines, not {block.argument!r}")
        elif block.name == "cards":
            yield from card_problems(block, shown)
        elif block.name == "get-help" and block.content.strip():
            yield Problem(shown, block.line, "get-help-content",
                          "the get-help block takes no content: the help resources come from "
                          "source/get-help.md; edit them there")
    duration = _as_int(lesson.meta.get("duration"))
    fits = f"{_lowest(duration)} to {duration}" if duration is not None and 5 <= duration <= 240 else ""
    counted = sum(value for _, value in timed if value is not None and 1 <= value <= 240)
    missing = False
    for block, value in timed:
        if value is not None and 1 <= value <= 240:
            continue
        missing = True
        budget = (f"; together the timed blocks (activity, discussion, handout, exit-ticket) take {fits} minutes "
                  f"of this lesson, and the others already take {counted}") if fits else ""
        if "duration" in block.options:
            yield Problem(shown, block.option_lines.get("duration", block.line), "block-duration-invalid",
                          f"':duration: {block.options['duration']}' is not a number of minutes from 1 to 240; "
                          f"{_minutes_only(block.options['duration'], block.name)}{budget}")
        elif (misplaced := _misplaced_duration(block)) is not None:
            line, why = misplaced
            yield Problem(shown, line, "block-duration-missing", f"the {block.name}'s duration is not read: {why}")
        else:
            yield Problem(shown, block.line, "block-duration-missing",
                          f"the {block.name} has no duration; add ':duration: N' (the minutes it takes in class) "
                          f"on the line after its first line{budget}")
    if not total or duration is None or not fits or missing or not timed or _lowest(duration) <= counted <= duration:
        return
    if counted > duration:
        advice = ("cut content (an activity, a part of the handout) until they fit, or raise the duration if "
                  "the lesson really takes longer")
    else:
        advice = "give the missing minutes to the blocks that need them, or lower the duration"
    yield Problem(shown, lesson.meta_lines.get("duration", 1), "durations-total",
                  f"the timed blocks (activity, discussion, handout, exit-ticket) add up to {counted} minutes "
                  f"but must fill {fits} of the lesson's {duration}; {advice}")


_NUMBER_FIRST = re.compile(r"^\s*(\d+)\s*\D")
_DURATION_LINE = re.compile(r"^\s*:?\s*(durations?|dur[ae]?t[io]+n|minutes|time)\s*:?\s*:?\s*(.*)$", re.IGNORECASE)


def _minutes_only(value: str, block: str) -> str:
    """How to write a duration that is not a bare number: '15 minutes' becomes '15'."""
    if (number := _NUMBER_FIRST.match(value)) is not None:
        return f"write the number of minutes only, without a unit: ':duration: {number.group(1)}'"
    return f"write the minutes the {block} takes, e.g. ':duration: 5'"


def _misplaced_duration(block: Block) -> tuple[int, str] | None:
    """A duration the writer did give, where lessonkit cannot read it: its line, and why and how to fix it."""
    for option, value in block.options.items():
        if option != "duration" and _DURATION_LINE.match(f":{option}: {value}"):
            return block.option_lines.get(option, block.line), (
                f"the option is ':{option}:', and only ':duration:' (in lower case) is understood; write "
                f"':duration: {_bare_minutes(value)}'")
    for offset, text in enumerate(block.content.splitlines()):
        found = _DURATION_LINE.match(text)
        if found is not None and found.group(2).strip() and _NUMBER_FIRST.match(found.group(2) + " "):
            return block.content_line + offset, (
                f"'{text.strip()}' is read as text, because it is not right under ':::{{{block.name}}}' (a blank "
                f"line or other text comes before it); move it to the line right after the block's first line, "
                f"written ':duration: {_bare_minutes(found.group(2))}'")
    return None


def _bare_minutes(value: str) -> str:
    found = _NUMBER_FIRST.match(value + " ")
    return found.group(1) if found else "N"


def _lowest(duration: int) -> int:
    """90% of ``duration``, rounded up: the fewest minutes the timed blocks may add up to."""
    return -(-9 * duration // 10)


def _check_images(lesson: LessonSource, shown: str, root: Path) -> Iterator[Problem]:
    for image in lesson.images:
        if not image.alt.strip():
            yield Problem(shown, image.line, "image-alt",
                          f"the image '{image.src}' has no alt text; describe it for readers who "
                          "cannot see it: ![what it shows](path) or :alt: in a figure")
        if re.match(r"^[a-z][a-z0-9+.-]*:", image.src, re.IGNORECASE) or image.src.startswith("//"):
            yield Problem(shown, image.line, "image-remote",
                          f"the image '{image.src}' is on the network; the kit must work offline: "
                          "save the file in the project and give its path")
            continue
        target = (root / image.src.lstrip("/")) if image.src.startswith("/") else (lesson.path.parent / image.src)
        if outside(root, target):
            yield _outside_problem(shown, image.line, "image", image.src)
        elif not target.is_file():
            yield Problem(shown, image.line, "image-missing",
                          f"the image '{image.src}' is not a file in the project")
        elif not _is_picture(target):
            yield Problem(shown, image.line, "image-format",
                          f"the image '{image.src}' is not a PNG, JPEG, GIF, WebP or SVG picture, whatever its name "
                          "says; open it in an image editor and export it as PNG or JPEG")
        elif target.suffix.lower() == ".svg":
            yield from _check_svg(target, root, shown, image.line)


def _check_svg(target: Path, root: Path, shown: str, line: int) -> Iterator[Problem]:
    """An SVG holds only shapes: each finding is reported in the picture, at its line."""
    findings = svg_findings(target)
    if not findings:
        return
    picture = target.resolve().relative_to(root.resolve()).as_posix()
    for finding in findings:
        yield Problem(picture, finding.line, "svg-unsafe",
                      f"the picture {finding.message}; the kit neither copies nor prints it (used at {shown}:{line})")


_PICTURE_MAGIC = (b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _is_picture(path: Path) -> bool:
    """Whether the file starts as a picture does (a text or a PDF renamed .png does not)."""
    try:
        with path.open("rb") as file:
            start = file.read(4096)
    except OSError:
        return False
    if start.startswith(_PICTURE_MAGIC) or (start[:4] == b"RIFF" and start[8:12] == b"WEBP"):
        return True
    return path.suffix.lower() == ".svg" and b"<svg" in start.lower()


def outside(root: Path, path: Path) -> bool:
    """Whether ``path``, links followed, lies outside the project (nothing there may be published)."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop: certainly not a file of the project
        return True


def _outside_problem(shown: str, line: int, what: str, written: str) -> Problem:
    return Problem(shown, line, "path-outside-project",
                   f"the {what} '{written}' lies outside the project, and the kit publishes only the project's "
                   "own files; copy it into the project (next to the lesson) and give its path there")


def _is_remote(path: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", path, re.IGNORECASE)) or path.startswith("//")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system, say: it names no file
        return False


def _is_webvtt(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            start = file.read(10).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return False
    return start.startswith(b"WEBVTT") and start[6:7] in (b"", b" ", b"\t", b"\n", b"\r")


def video_problems(src: str, options: Mapping[str, str], languages: Sequence[str], locate: Callable[[str], Path],
                   shown: str, line: Callable[[str], int]) -> Iterator[Problem]:
    """What is wrong with one video block of the file ``shown``.

    ``locate`` turns a path written in the lesson into the file it names; ``line`` gives the line of an
    option ('' for the block's first line). Shared by ``lessonkit check`` and the video directive, so that
    a build without the check says the same.
    """
    if not options.get("title"):
        yield Problem(shown, line(""), "video-title", "a video needs a title that says what it shows: add ':title: "
                                                      "Tell someone you trust' on the line after ':::{video} file'")
    if not src:
        yield Problem(shown, line(""), "video-missing",
                      "a video needs its file after the block name: ':::{video} videos/clip.webm'")
    elif _is_remote(src):
        yield Problem(shown, line(""), "video-remote", f"the video '{src}' is on the network; the kit must work "
                                                       "offline: save the file in the project and give its path")
    elif Path(src).suffix.lower() not in VIDEO_TYPES:
        *others, last = VIDEO_TYPES
        yield Problem(shown, line(""), "video-format", f"the video '{src}' is not a format browsers play; convert "
                      f"it to {', '.join(others)} or {last} (e.g. ffmpeg -i clip.mov clip.webm)")
    elif not _is_file(locate(src)):
        yield Problem(shown, line(""), "video-missing", f"the video '{src}' is not a file in the project")
    poster = options.get("poster", "")
    if not poster:
        yield Problem(shown, line(""), "video-poster", "a video needs a poster image, shown before it plays and in "
                                                       "the PDFs: add ':poster: videos/clip.png'")
    elif _is_remote(poster):
        yield Problem(shown, line("poster"), "video-remote", f"the poster '{poster}' is on the network; the kit "
                                                             "must work offline: save the image in the project and "
                                                             "give its path")
    elif not _is_file(locate(poster)):
        yield Problem(shown, line("poster"), "video-poster", f"the poster '{poster}' is not a file in the project")
    yield from _caption_problems(options.get("captions", ""), languages, locate, shown, line)


def _caption_problems(captions: str, languages: Sequence[str], locate: Callable[[str], Path],
                      shown: str, line: Callable[[str], int]) -> Iterator[Problem]:
    declared = ", ".join(languages)
    if not captions:
        yield Problem(shown, line(""), "video-captions", "a video needs captions in each language of the "
                      f"curriculum: add ':captions: videos/clip.{LANG_FIELD}.vtt' ({LANG_FIELD} stands for {declared})")
        return
    at = line("captions")
    if _is_remote(captions):
        yield Problem(shown, at, "video-remote", f"the captions '{captions}' are on the network; the kit must work "
                                                 "offline: save the files in the project and give their path")
    elif LANG_FIELD not in captions and len(languages) > 1:
        yield Problem(shown, at, "video-captions", f"the captions '{captions}' are one file for every language; "
                      f"write {LANG_FIELD} in the path (e.g. clip.{LANG_FIELD}.vtt) and give one WebVTT file per "
                      f"language ({declared})")
    elif Path(captions).suffix.lower() != ".vtt":
        yield Problem(shown, at, "video-captions", f"the captions '{captions}' must be WebVTT files (.vtt), the "
                                                   "only captions browsers show; convert them, e.g. "
                                                   "ffmpeg -i clip.srt clip.vtt")
    else:
        for language in languages:
            path = captions.replace(LANG_FIELD, language)
            target = locate(path)
            if not _is_file(target):
                yield Problem(shown, at, "video-captions", f"the '{language}' captions '{path}' are not a file in "
                              f"the project; conf.py declares the languages {declared}, and each needs its captions")
            elif not _is_webvtt(target):
                yield Problem(shown, at, "video-captions", f"'{path}' is not a WebVTT file (its first line must be "
                                                           "'WEBVTT'), so browsers would show no captions; save it "
                                                           "as WebVTT")


def _check_videos(lesson: LessonSource, shown: str, settings: KitSettings, root: Path,
                  blocks: list) -> Iterator[Problem]:
    def locate(path: str) -> Path:
        return (root / path.lstrip("/")) if path.startswith("/") else (lesson.path.parent / path)

    for block in blocks:
        if block.name == "video":
            written = [("video", "", block.argument), ("poster", "poster", block.options.get("poster", "")),
                       *(("captions", "captions", block.options.get("captions", "").replace(LANG_FIELD, language))
                         for language in settings.languages)]
            for what, option, path in dict.fromkeys(written):  # one report per path
                if path and not _is_remote(path) and outside(root, locate(path)):
                    yield _outside_problem(shown, block.option_lines.get(option, block.line), what, path)
            yield from video_problems(block.argument, block.options, settings.languages, locate, shown,
                                      lambda option, block=block: block.option_lines.get(option, block.line))


def _normalise(line: str) -> str:
    return line.lower().replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")


def _check_language(lesson: LessonSource, shown: str, settings: KitSettings) -> Iterator[Problem]:
    phrases = {_normalise(k): v for k, v in settings.ruled_out_phrases.items()}
    for number, line in enumerate(lesson.text.splitlines(), 1):
        if number < lesson.body_line:
            continue
        text = _normalise(line)
        for phrase, reason in phrases.items():
            start = text.find(phrase)
            if start >= 0 and not _NEGATION.search(text[max(0, start - 40) : start]):
                yield Problem(shown, number, "ruled-out-language",
                              f"'{phrase}' is ruled out by the content guide: {reason}")


def _check_placeholders(lesson: LessonSource, shown: str) -> Iterator[Problem]:
    """Text of the `lessonkit new` template, written [[like this]], that nobody replaced."""
    for number, line in enumerate(lesson.text.splitlines()[lesson.body_line - 1:], lesson.body_line):
        found = PLACEHOLDER.findall(line)
        if found:
            excerpt = found[0] if len(found[0]) <= 40 else found[0][:38] + "…]]"
            more = f" and {len(found) - 1} more on this line" if len(found) > 1 else ""
            yield Problem(shown, number, "template-placeholder",
                          f"'{excerpt}'{more}: text of the lesson template; replace it, brackets included, with the "
                          "lesson's own words (or delete the block if this lesson does not need it)")


def _check_contacts(lesson: LessonSource, shown: str, blocks: list[Block]) -> Iterator[Problem]:
    """Phone numbers and e-mail addresses anywhere in a lesson, web addresses in its family letter."""
    letters = {block.content_line + offset for block in blocks if block.name == "family-letter"
               for offset in range(len(block.content.splitlines()))}
    for number, line in enumerate(lesson.text.splitlines()[lesson.body_line - 1:], lesson.body_line):
        for contact in contacts_in(line):
            if contact.kind == "web address" and number not in letters:
                continue  # a page to read, elsewhere in a lesson; in a letter to families it is a help resource
            article = "an" if contact.kind[0] in "aeiou" else "a"
            yield Problem(shown, number, "help-line-in-lesson",
                          f"'{contact.text}' is {article} {contact.kind} typed into the lesson; lessons never write "
                          "out help lines or contacts: the {get-help} block prints them from source/get-help.md in "
                          "the reader's language, where one edit corrects every lesson. Delete it (name the "
                          "service if you like, e.g. 'Kids Help Phone'), and add it to source/get-help.md if "
                          "it is missing there")


def check_lesson(
    path: Path, shown: str, settings: KitSettings, root: Path, rules: TextRules | None = None
) -> tuple[LessonSource | None, list[Problem]]:
    """Every problem of one lesson file, and the parsed lesson when it could be read."""
    if outside(root, path):
        return None, [Problem(shown, 1, "path-outside-project",
                              "this lesson is a link to a file outside the project, which the kit would publish; "
                              f"copy the lesson into {path.parent.name}/ instead of linking to it")]
    try:
        lesson = parse_lesson(path, shown)
    except LessonError as err:
        return None, [err.problem]
    problems = [*check_front_matter(lesson, shown, settings), *check_body(lesson, shown, settings, root)]
    if rules is not None:
        body = "\n".join(lesson.text.splitlines()[lesson.body_line - 1:])
        for paragraph in markdown_paragraphs(body, lesson.body_line):
            problems.extend(rules.check(paragraph, shown))
    return lesson, sorted(problems, key=lambda p: p.line)


def check_page(path: Path, shown: str, rules: TextRules) -> list[Problem]:
    """The rules on what a text says, applied to a page around the lessons (home, get help, a band's page)."""
    try:
        text = read_text(path, shown)
    except LessonError as err:
        return [] if err.problem.code == "empty-file" else [err.problem]
    lines = text.splitlines()
    first = 1
    if lines and lines[0].strip() == "---":  # front matter: settings, not text
        first = next((number for number, line in enumerate(lines[1:], 3) if line.strip() == "---"), 1)
    body = "\n".join(lines[first - 1:])
    problems = [raw_html_problem(shown, first - 1 + line, html) for line, html in raw_html_in(body)]
    if (deep := deepest_block(body, first - 1)) is not None:
        problems.append(nesting_problem(shown, deep))
    else:  # a nesting too deep is reported once, by the rule above
        problems += fence_problems(shown, body, first - 1)
    return problems + [problem for paragraph in markdown_paragraphs(body, first)
                       for problem in rules.check(paragraph, shown)]


def nesting_problem(shown: str, line: int) -> Problem:
    return Problem(shown, line, "block-nesting",
                   f"this block is inside {MAX_DEPTH} other blocks; at most {MAX_DEPTH} levels fit on a printed "
                   "page (and far deeper ones stop the build): close the blocks around it first, or make it "
                   "a list or a heading")


def raw_html_problem(shown: str, line: int, html: str) -> Problem:
    """Raw HTML is not lesson content: it could run script on every machine the kit is copied to."""
    excerpt = " ".join(html.split())
    excerpt = excerpt if len(excerpt) <= 40 else excerpt[:40] + "…"
    return Problem(shown, line, "raw-html",
                   f"raw HTML ({excerpt!r}) is not allowed in the kit: it could run script on the machines it is "
                   "copied to; write Markdown instead (**bold**, lists, [links](page.md), ![pictures](file.png)), "
                   "and % for a comment")


def check_layout(root: Path, lessons_dir: str, pages_dir: str) -> Iterator[Problem]:
    """Markdown files where neither check nor build would read them as a lesson or a page."""
    for folder in (lessons_dir, pages_dir):
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            inside = path.relative_to(base).parts
            if path.suffix.lower() not in (".md", ".markdown") or any(p.startswith(".") for p in inside) \
                    or not path.is_file():
                continue
            shown = path.relative_to(root).as_posix()
            if path.suffix != ".md":
                yield Problem(shown, 1, "file-suffix",
                              f"'{path.name}' is not read: lessons and pages end in '.md', in lower case (the build "
                              f"reads no other name); rename it to '{path.stem}.md'")
            elif folder == lessons_dir and len(inside) != 2:
                band = inside[0] if len(inside) > 2 else "BAND"
                yield Problem(shown, 1, "lesson-folder",
                              f"a lesson sits directly in its band's folder, where the build looks for it; move it "
                              f"to {lessons_dir}/{band}/{path.name}")


def check_unique_ids(lessons: list[tuple[str, LessonSource]]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for shown, lesson in lessons:
        lesson_id = lesson.meta.get("id")
        if not isinstance(lesson_id, str):
            continue
        if lesson_id in seen:
            yield Problem(shown, lesson.meta_lines.get("id", 1), "duplicate-id",
                          f"id '{lesson_id}' is already used by {seen[lesson_id]}; give each lesson its own id")
        else:
            seen[lesson_id] = shown
