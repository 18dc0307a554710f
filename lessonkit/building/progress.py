"""A progress bar for long steps on a terminal, drawn from Sphinx's own status output."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from typing import TextIO

from sphinx.util.console import strip_colors

# Sphinx reports each pass over the documents (reading, then writing) as "summary... [ 42%] docname".
_PERCENT = re.compile(r"\[\s*(\d{1,3})%\]\s*(.*)$")
_PASSES = 2


@dataclass
class _StepProgress:
    """How far one step (a language and format) has gone, from the status Sphinx writes for it."""

    label: str
    index: int = 0  # of its language's steps
    count: int = 1
    buffer: str = ""
    passes: int = 0
    last: int = 0
    shown: int = 0
    item: str = ""

    def feed(self, text: str) -> bool:
        """Take some status text; whether the step moved."""
        self.buffer += strip_colors(text)
        *lines, self.buffer = re.split(r"[\r\n]", self.buffer)
        moved = False
        for line in lines:
            match = _PERCENT.search(line)
            if match:
                percent = min(int(match.group(1)), 100)
                if percent < self.last:  # a new pass began
                    self.passes = min(self.passes + 1, _PASSES - 1)
                self.last = percent
                # Never backwards: a French build compiles its catalogs first, a pass of its own.
                self.shown = max(self.shown, (self.passes * 100 + percent) // _PASSES)
                self.item = match.group(2).strip()
                moved = True
        return moved

    @property
    def language_percent(self) -> int:
        """How far its language has gone: the steps before this one, and this one's share."""
        return (self.index * 100 + self.shown) // self.count


class ProgressBar:
    """A file-like status stream for Sphinx: one line per step, redrawn in place.

    ``start(label)`` begins a step (a language and format); Sphinx then writes its status into
    this object, and the bar follows the two passes of the build, reading then writing. When
    languages are built side by side, ``begin`` and ``feed`` follow each of them on one line.
    """

    def __init__(self, stream: TextIO, colour: bool = False) -> None:
        self.stream, self.colour = stream, colour
        self.step: _StepProgress | None = None
        self.languages: dict[str, _StepProgress] = {}
        self.languages_shown = 0
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        self.full, self.empty = ("█", "░") if encoding == "utf8" else ("#", ".")

    def start(self, label: str) -> None:
        """End the previous step's line (at 100%) and begin a new one."""
        self.finish()
        self.step = _StepProgress(label)
        self._draw(label, 0, "")

    def finish(self) -> None:
        """Draw the current step (or the steps side by side) as done and end the line."""
        if self.languages:
            self._draw(self._languages_label(done=True), 100, "")
        elif self.step:
            self._draw(self.step.label, 100, "")
        self.stop()

    def stop(self) -> None:
        """End the current line as it is (the step failed or was interrupted)."""
        if self.step or self.languages:
            self.stream.write("\n")
            self.stream.flush()
            self.step, self.languages, self.languages_shown = None, {}, 0

    def write(self, text: str) -> int:
        if self.step and self.step.feed(text):
            self._draw(self.step.label, self.step.shown, self.step.item)
        return len(text)

    def begin(self, language: str, label: str, index: int, count: int) -> None:
        """A language built side by side with others begins its step ``index`` of ``count``."""
        if self.step:
            self.finish()
        self.languages[language] = _StepProgress(label, index, count)
        self._draw_languages()

    def feed(self, language: str, text: str) -> None:
        """Status text that Sphinx wrote for ``language``."""
        step = self.languages.get(language)
        if step and step.feed(text):
            self._draw_languages()

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False  # Sphinx must not colour what it writes here: the bar draws it

    def _languages_label(self, done: bool = False) -> str:
        return "  ".join(f"{step.label.split('] ', 1)[-1]} {100 if done else step.shown:3d}%"
                         for step in self.languages.values())

    def _draw_languages(self) -> None:
        percent = sum(step.language_percent for step in self.languages.values()) // len(self.languages)
        self.languages_shown = max(self.languages_shown, percent)
        self._draw(self._languages_label(), self.languages_shown, "")

    def _draw(self, label: str, percent: int, item: str) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        filled = percent * 20 // 100
        bar = self.full * filled + self.empty * (20 - filled)
        if self.colour:
            bar = f"\x1b[32m{bar}\x1b[0m"
        line = f"{label:<22} {bar} {percent:3d}%"
        room = width - len(label.ljust(22)) - 28
        if item and room > 8:
            line += "  " + (item if len(item) <= room else "…" + item[-(room - 1):])
        self.stream.write(f"\r\x1b[2K{line}")
        self.stream.flush()
