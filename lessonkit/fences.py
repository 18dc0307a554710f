"""Blocks whose colons do not match: a block never closed, and a ':::' line that closes nothing.

A ':::' line closes the nearest open block of as many colons or fewer. When a block that holds
another block has as many colons as the one it holds, the inner block's closing line closes the
outer one, and the outer one's closing line then opens an empty block that swallows the text and
blocks after it (Sphinx shows them as code, or the next block ends up inside the wrong one).
Neither mistake stops Markdown; both change the page, so the check reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lessonkit.blocks import BLOCKS, STANDALONE, plain_name
from lessonkit.lesson import markdown_parser
from lessonkit.problem import Problem

_CLOSING = re.compile(r"^\s*(:{3,})\s*$")
_NAME = re.compile(r"^\{([^}\s]+)\}")
_OPENING = re.compile(r"^\s*:{3,}\{", re.MULTILINE)


def fence_problems(shown: str, markdown: str, offset: int = 0) -> list[Problem]:
    """The mistakes of ``markdown`` (which starts on line ``offset + 1``) in the file ``shown``.

    After a block left open before the next one, every later block is read inside the wrong one:
    what would be said of them follows from that mistake, and is left unsaid.
    """
    problems = sorted(_walk(shown, markdown, offset, None), key=lambda problem: problem.line)
    left_open = next((problem for problem in problems if problem.code == "block-left-open"), None)
    return [problem for problem in problems if left_open is None or problem.line <= left_open.line]


def _walk(shown: str, markdown: str, offset: int, parent: tuple[str, int, int] | None) -> Iterator[Problem]:
    """``parent`` is the block holding ``markdown``: its name, its first line and its colons."""
    lines = markdown.splitlines()
    previous: tuple[str, int, int, bool] | None = None  # the block before: name, line, colons, holds a block
    for token in markdown_parser().parse(markdown):
        if token.type != "colon_fence" or token.map is None:
            continue
        start, end = token.map
        line, colons = offset + start + 1, len(token.markup)
        name_found = _NAME.match(token.info.strip())
        if name_found is None and not token.info.strip():
            yield _stray(shown, line, end - start, colons, previous)
            previous = None
            continue
        name = name_found.group(1) if name_found else token.info.strip()
        closing = _CLOSING.match(lines[end - 1]) if end - 1 > start and end - 1 < len(lines) else None
        if closing is None or len(closing.group(1)) < colons:
            yield _unclosed(shown, line, name, colons, parent)
        yield from _walk(shown, token.content, offset + start + 1, (name, line, colons))
        previous = (name, line, colons, bool(_OPENING.search(token.content)))


def _unclosed(shown: str, line: int, name: str, colons: int, parent: tuple[str, int, int] | None) -> Problem:
    fence = ":" * colons
    if parent is not None and parent[2] <= colons and plain_name(name) in STANDALONE \
            and plain_name(parent[0]) in BLOCKS:
        outer, outer_line, outer_colons = parent
        return Problem(shown, line, "block-left-open", (
            f"the '{outer}' block of line {outer_line} is not closed before this '{name}' block, which ends up "
            f"inside it; add a '{':' * outer_colons}' line before this one to close the '{outer}' block"))
    if parent is not None and parent[2] <= colons:
        outer, outer_line, outer_colons = parent
        more = ":" * (colons + 1)
        return Problem(shown, line, "block-unclosed", (
            f"the '{name}' block is never closed: its closing '{fence}' closed the '{outer}' block of line "
            f"{outer_line} instead, which has no more colons than it ({':' * outer_colons}); a block that holds "
            f"another takes one more colon: open the '{outer}' block with '{more}{{{outer}}}' and close it with "
            f"'{more}'"))
    return Problem(shown, line, "block-unclosed", (
        f"the '{name}' block is never closed, so it takes in everything after it; add a '{fence}' line where "
        "it ends"))


def _stray(shown: str, line: int, length: int, colons: int,
           previous: tuple[str, int, int, bool] | None) -> Problem:
    fence = ":" * colons
    swallowed = f" (to line {line + length - 1})" if length > 1 else ""
    if previous is not None and previous[3] and previous[2] <= colons:
        name, block_line, block_colons, _ = previous
        more = ":" * (block_colons + 1)
        return Problem(shown, line, "block-stray-close", (
            f"this '{fence}' closes no block, so it opens an empty one that swallows what follows{swallowed}: the "
            f"'{name}' block of line {block_line} was already closed by the '{':' * block_colons}' of the block it "
            f"holds; a block that holds another takes one more colon: open it with '{more}{{{name}}}' and close it "
            f"here with '{more}'"))
    return Problem(shown, line, "block-stray-close", (
        f"this '{fence}' closes no block, so it opens an empty one that swallows what follows{swallowed}; delete it "
        "if it is left over, or check the colons of the block above (a block that holds another takes one more "
        "colon than it)"))
