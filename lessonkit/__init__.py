"""lessonkit: age-banded digital-safety lessons, built into bilingual offline kits."""

from __future__ import annotations

__version__ = "0.1.0"
