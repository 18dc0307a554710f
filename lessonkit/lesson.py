"""Reading a lesson file: its front matter and the outline of its blocks, with line numbers."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from lessonkit.blocks import plain_name
from lessonkit.problem import Problem

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it
MYST_EXTENSIONS = frozenset({"colon_fence", "deflist", "tasklist"})

_DIRECTIVE_INFO = re.compile(r"^\{([^}\s]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
_FENCE = re.compile(r"^(:{3,}|`{3,}|~{3,})")
# Blocks inside blocks, at most: each level narrows the printed page (about 17 levels leave no room
# for a word), and about 130 exhaust the Python stack of docutils and Sphinx.
MAX_DEPTH = 8


class LessonError(Exception):
    """A lesson could not be read at all; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Block:
    """A directive in the body: its name, argument, options, and where it is."""

    name: str
    argument: str
    options: dict[str, str]
    line: int
    content: str
    content_line: int  # the line where ``content`` starts
    children: list[Block] = field(default_factory=list)
    option_lines: dict[str, int] = field(default_factory=dict)  # option -> its line

    def walk(self) -> list[Block]:
        return [self, *(b for child in self.children for b in child.walk())]


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int


@dataclass
class LessonSource:
    """A parsed lesson file."""

    path: Path
    text: str
    meta: dict[str, Any]
    meta_lines: dict[str, int]  # front-matter key -> line
    body_line: int  # the first line after the front matter
    title: str | None = None
    title_line: int = 0
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    raw_html: list[tuple[int, str]] = field(default_factory=list)  # (line, the HTML as written)
    too_deep: int | None = None  # the line of the first block nested deeper than MAX_DEPTH

    def all_blocks(self) -> list[Block]:
        return [b for block in self.blocks for b in block.walk()]


@functools.cache
def markdown_parser() -> MarkdownIt:
    """The same Markdown grammar that the Sphinx build uses, for outlines only."""
    return create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS), RendererHTML)


def read_text(path: Path, shown: str) -> str:
    """Read a file as UTF-8, or raise LessonError naming the first bad line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise LessonError(
            Problem(shown, line, "not-utf8", "the file is not UTF-8; save it as UTF-8 in your editor")
        ) from None
    if not text.strip():
        raise LessonError(
            Problem(shown, 1, "empty-file", "the file is empty; start from `lessonkit new`")
        )
    return text.removeprefix("\ufeff")


def split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], dict[str, int], int]:
    """Return the front matter, the line of each key, and the first line of the body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise LessonError(
            Problem(shown, 1, "front-matter-missing",
                    "the lesson has no front matter; start the file with a '---' line, "
                    "the keys id, band, duration, topics and reviewed, and another '---' line")
        )
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise LessonError(
            Problem(shown, 1, "front-matter-unclosed",
                    "the front matter is not closed; add a '---' line after its last key")
        ) from None
    source = "\n".join(lines[1:end])
    try:
        node, data = _load_yaml(source)
    except yaml.YAMLError as err:
        tab = next((number for number, line in enumerate(lines[1:end], 2) if "\t" in line), None)
        if tab is not None:  # YAML's own words ("found character '\\t' that cannot start any token") help nobody
            raise LessonError(
                Problem(shown, tab, "yaml-syntax",
                        "this line of the front matter has a tab, which YAML does not accept there; replace the "
                        "tab with spaces (write 'key: value' with one space after the colon)")
            ) from None
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = 2 + (mark.line if mark else 0)
        reason = getattr(err, "problem", None) or "invalid YAML"
        raise LessonError(
            Problem(shown, line, "yaml-syntax",
                    f"the front matter is not valid YAML ({reason}); write one 'key: value' per "
                    "line and put lists in brackets, e.g. topics: [privacy, reporting]")
        ) from None
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | type(None)):
        raise LessonError(
            Problem(shown, 2, "yaml-syntax", "the front matter must be 'key: value' lines")
        )
    key_lines = {str(k.value): 2 + k.start_mark.line for k, _ in (node.value if node else [])}
    return {str(k): v for k, v in data.items()}, key_lines, end + 2


def _load_yaml(source: str) -> tuple[yaml.Node | None, Any]:
    """The front matter's nodes (for the line of each key) and its data, parsed once.

    libyaml parses it when PyYAML was built with it (ten times faster); what it refuses is
    parsed again by PyYAML's own parser, whose messages are the ones lessonkit shows.
    """
    try:
        return _parse_yaml(source, FAST_LOADER)
    except yaml.YAMLError:
        if FAST_LOADER is yaml.SafeLoader:
            raise
        return _parse_yaml(source, yaml.SafeLoader)


def _parse_yaml(source: str, loader_class: type[Any]) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def parse_directive(token: Token, offset: int) -> Block | None:
    """The block a colon fence opens, its options (``:duration: 8``) apart from its content."""
    match = _DIRECTIVE_INFO.match(token.info.strip())
    if not match or token.map is None:
        return None
    name, argument = match.groups()
    name = plain_name(name)
    content_lines = token.content.splitlines()
    options: dict[str, str] = {}
    line = offset + token.map[0] + 1
    option_lines: dict[str, int] = {}
    skip = 0
    for text in content_lines:
        option = _OPTION.match(text)
        if not option:
            break
        options[option.group(1)] = option.group(2).strip()
        skip += 1
        option_lines[option.group(1)] = line + skip
    content = "\n".join(content_lines[skip:])
    return Block(name, argument.strip(), options, line, content, line + 1 + skip, option_lines=option_lines)


def _outline(text: str, offset: int, lesson: LessonSource, depth: int) -> list[Block]:
    """Parse ``text`` (which starts on line ``offset + 1``) into blocks, title and images."""
    blocks: list[Block] = []
    tokens = markdown_parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type in ("colon_fence", "fence"):
            block = parse_directive(token, offset)
            if block is None:
                continue
            blocks.append(block)
            if block.name in ("figure", "image"):
                lesson.images.append(Image(block.argument, block.options.get("alt", ""), block.line))
            if token.type == "colon_fence" and depth + 1 < MAX_DEPTH:
                block.children = _outline(block.content, block.content_line - 1, lesson, depth + 1)
            elif token.type == "colon_fence" and lesson.too_deep is None:
                lesson.too_deep = deepest_block(block.content, block.content_line - 1, depth + 1)
        elif token.type == "heading_open" and token.tag == "h1" and depth == 0:
            if lesson.title is None and token.map:
                lesson.title = tokens[index + 1].content.strip()
                lesson.title_line = offset + token.map[0] + 1
        elif token.type == "html_block" and token.map:
            lesson.raw_html.append((offset + token.map[0] + 1, token.content.strip()))
        elif token.type == "inline" and token.map:
            for child in token.children or []:
                if child.type == "html_inline":
                    lesson.raw_html.append((offset + token.map[0] + 1, child.content))
                if child.type == "image":
                    src = str(child.attrs.get("src", ""))
                    lesson.images.append(Image(src, child.content, offset + token.map[0] + 1))
    return blocks


def parse_lesson(path: Path, shown: str) -> LessonSource:
    """Read and outline a lesson; raise LessonError if it cannot be read at all."""
    text = read_text(path, shown)
    meta, meta_lines, body_line = split_front_matter(text, shown)
    lesson = LessonSource(path, text, meta, meta_lines, body_line)
    body = "\n".join(text.splitlines()[body_line - 1 :])
    lesson.blocks = _outline(body, body_line - 1, lesson, 0)
    return lesson


def deepest_block(markdown: str, offset: int = 0, depth: int = 0) -> int | None:
    """The line of the first ':::' block nested more than MAX_DEPTH deep in ``markdown`` (itself ``depth``
    blocks deep), or None; it looks no deeper than that, so no nesting can exhaust the stack here."""
    for token in markdown_parser().parse(markdown):
        if token.type == "colon_fence" and token.map is not None:
            line = offset + token.map[0] + 1
            if depth >= MAX_DEPTH:
                return line
            content_line = line + 1
            if (found := deepest_block(token.content, content_line - 1, depth + 1)) is not None:
                return found
    return None


def raw_html_in(markdown: str) -> list[tuple[int, str]]:
    """The raw HTML of a piece of Markdown (a page, a translated message): (line from 1, the HTML)."""
    found = []
    for token in markdown_parser().parse(markdown):
        if token.type == "html_block" and token.map:
            found.append((token.map[0] + 1, token.content.strip()))
        for child in token.children or []:
            if child.type == "html_inline":
                found.append(((token.map or (0,))[0] + 1, child.content))
    return found


def parse_date(value: object) -> datetime.date | None:
    """A ``reviewed:`` value as a date, or None when it is not one."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def read_front_matter(path: Path) -> dict[str, Any]:
    """The front matter of a lesson file; empty when it cannot be read (check reports why).

    During a build, read it through the lessonkit domain (``front_matter``), which reads each
    file once per change.
    """
    try:
        meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except (LessonError, OSError, UnicodeDecodeError):
        return {}
    return meta


UNORDERED = 1000  # the place of a lesson without ``order``: after every numbered lesson


def lesson_order(meta: dict[str, Any]) -> int:
    """A lesson's place in its band's list: its ``order``, or after every numbered lesson."""
    order = meta.get("order")
    return order if isinstance(order, int) and not isinstance(order, bool) else UNORDERED
