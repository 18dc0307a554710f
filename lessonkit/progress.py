"""A progress bar for long steps on a terminal, drawn from Sphinx's own status output."""

from __future__ import annotations

import re
import shutil
from typing import TextIO

from sphinx.util.console import strip_colors

# Sphinx reports each pass over the documents (reading, then writing) as "summary... [ 42%] docname".
_PERCENT = re.compile(r"\[\s*(\d{1,3})%\]\s*(.*)$")
_PASSES = 2


class ProgressBar:
    """A file-like status stream for Sphinx: one line per step, redrawn in place.

    ``start(label)`` begins a step (a language and format); Sphinx then writes its status into
    this object, and the bar follows the two passes of the build, reading then writing.
    """

    def __init__(self, stream: TextIO, colour: bool = False) -> None:
        self.stream, self.colour = stream, colour
        self.label, self.buffer = "", ""
        self.passes, self.last, self.shown = 0, 0, 0
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        self.full, self.empty = ("█", "░") if encoding == "utf8" else ("#", ".")

    def start(self, label: str) -> None:
        """End the previous step's line (at 100%) and begin a new one."""
        self.finish()
        self.label, self.buffer, self.passes, self.last, self.shown = label, "", 0, 0, 0
        self._draw(0, "")

    def finish(self) -> None:
        """Draw the current step as done and end its line."""
        if self.label:
            self._draw(100, "")
        self.stop()

    def stop(self) -> None:
        """End the current step's line as it is (the step failed or was interrupted)."""
        if self.label:
            self.stream.write("\n")
            self.stream.flush()
            self.label = ""

    def write(self, text: str) -> int:
        self.buffer += strip_colors(text)
        *lines, self.buffer = re.split(r"[\r\n]", self.buffer)
        for line in lines:
            match = _PERCENT.search(line)
            if match and self.label:
                percent = min(int(match.group(1)), 100)
                if percent < self.last:  # a new pass began
                    self.passes = min(self.passes + 1, _PASSES - 1)
                self.last = percent
                # Never backwards: a French build compiles its catalogs first, a pass of its own.
                self.shown = max(self.shown, (self.passes * 100 + percent) // _PASSES)
                self._draw(self.shown, match.group(2).strip())
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False  # Sphinx must not colour what it writes here: the bar draws it

    def _draw(self, percent: int, item: str) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        filled = percent * 20 // 100
        bar = self.full * filled + self.empty * (20 - filled)
        if self.colour:
            bar = f"\x1b[32m{bar}\x1b[0m"
        line = f"{self.label:<22} {bar} {percent:3d}%"
        room = width - len(self.label.ljust(22)) - 28
        if item and room > 8:
            line += "  " + (item if len(item) <= room else "…" + item[-(room - 1):])
        self.stream.write(f"\r\x1b[2K{line}")
        self.stream.flush()
