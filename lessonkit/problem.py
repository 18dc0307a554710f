"""What every check reports: a problem in a file, at a line, with a code and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, reported as ``path:line: error: message [code]``.

    A warning (``severity="warning"``) is reported the same way but does not fail a check
    unless it is run with ``--strict``.
    """

    path: str
    line: int
    code: str
    message: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "code": self.code, "message": self.message,
                "severity": self.severity}
