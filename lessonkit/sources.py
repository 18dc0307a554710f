"""The curriculum's sources: where its numbers and statements of law come from.

Kept once per curriculum in ``sources.yaml`` beside ``conf.py`` and cited from lessons and
pages with the ``{source}`key``` role, so that a board's safe-schools office can see, for
every fact, who published it, when, and when someone last checked it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lessonkit.problem import Problem
from lessonkit.settings import Text, as_text, localized

SOURCES_FILE = "sources.yaml"
KINDS = ("law", "statistic", "resource", "reference")
STATUSES = ("verified", "to-verify")
FIELDS = ("kind", "publisher", "title", "date", "url", "checked", "counts", "status", "note")
REQUIRED_FIELDS = ("kind", "publisher", "title", "date")  # and 'checked' once a source is verified
# A citation as written in Markdown and in catalogs: {source}`key`
CITATION = re.compile(r"\{source\}`([^`]*)`")
TEXT_FIELDS = ("publisher", "title", "url", "counts", "note")  # a string, or one string per language
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PUBLISHED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Source:
    """One entry of sources.yaml."""

    key: str
    kind: str
    publisher: Text
    title: Text
    date: str  # as published: YYYY, YYYY-MM or YYYY-MM-DD
    checked: datetime.date | None
    line: int
    url: Text = ""  # one address, or one per language where the publisher has an edition in each
    counts: Text = ""
    status: str = "verified"
    note: Text = ""

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def text(self, name: str, language: str) -> str:
        """A text field in ``language``: as written, or its version in that language (else English)."""
        return localized(getattr(self, name), language)


@dataclass(frozen=True)
class Sources:
    """Every source of a curriculum, and what is wrong in its file."""

    entries: dict[str, Source]
    shown: str
    problems: tuple[Problem, ...] = ()

    def get(self, key: str) -> Source | None:
        return self.entries.get(key)

    def stale(self, today: datetime.date, months: int, strict: bool = False) -> Iterator[Problem]:
        """A problem for each source not checked within ``months`` (a warning unless ``strict``)."""
        limit = months_before(today, months)
        for source in self.entries.values():
            if source.checked is not None and source.checked < limit:
                yield Problem(self.shown, source.line, "source-stale",
                              f"source '{source.key}' was last checked on {source.checked.isoformat()}, more than "
                              f"{months} months ago; check that it still says what the lessons quote, then set "
                              f"'checked: {today.isoformat()}'", "error" if strict else "warning")

    def unverified(self) -> list[Source]:
        return [source for source in self.entries.values() if not source.verified]


def months_before(today: datetime.date, months: int) -> datetime.date:
    """The day ``months`` months before ``today`` (the 28th at most, so that every month has it)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def cited_keys(text: str) -> list[str]:
    """The keys cited in a piece of Markdown or a translated message, in order."""
    return [match.group(1).strip() for match in CITATION.finditer(text)]


def read_sources(root: Path) -> Sources:
    """The sources of the curriculum at ``root``; problems are listed, never raised."""
    path = root / SOURCES_FILE
    shown = SOURCES_FILE
    if not path.is_file():
        return Sources({}, shown)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Sources({}, shown, (Problem(shown, 1, "sources-syntax", "the file is not UTF-8; save it as UTF-8"),))
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(err, "problem", None) or "invalid YAML"
        return Sources({}, shown, (Problem(shown, line, "sources-syntax",
                                           f"the file is not valid YAML ({reason}); write one 'key:' per source "
                                           "and its fields indented under it"),))
    if node is None:
        return Sources({}, shown)
    if not isinstance(node, yaml.MappingNode) or not isinstance(data := yaml.safe_load(text), dict):
        return Sources({}, shown, (Problem(shown, 1, "sources-syntax",
                                           "the file must map each source's key to its fields"),))
    entries: dict[str, Source] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        source, found = _read_entry(shown, key_node, value_node, data.get(key_node.value))
        problems.extend(found)
        if source is not None:
            if source.key in entries:
                problems.append(Problem(shown, source.line, "sources-syntax",
                                        f"source '{source.key}' is defined twice (also on line "
                                        f"{entries[source.key].line}); keep one"))
            entries[source.key] = source
    return Sources(entries, shown, tuple(problems))


def _read_entry(shown: str, key_node: yaml.Node, value_node: yaml.Node,
                data: Any) -> tuple[Source | None, list[Problem]]:
    key, line = str(key_node.value), key_node.start_mark.line + 1
    if not _KEY.match(key):
        return None, [Problem(shown, line, "sources-syntax",
                              f"'{key}' is not a valid source key; use a-z, 0-9 and '-', e.g. 'c3p-report-2020'")]
    if not isinstance(value_node, yaml.MappingNode) or not isinstance(data, dict):
        return None, [Problem(shown, line, "sources-syntax",
                              f"source '{key}' needs its fields indented under it ({', '.join(REQUIRED_FIELDS)})")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in value_node.value}
    problems = [Problem(shown, lines[name], "sources-syntax",
                        f"source '{key}' has an unknown field '{name}' (fields: {', '.join(FIELDS)})")
                for name in data if name not in FIELDS]
    problems += [Problem(shown, line, "sources-syntax", f"source '{key}' has no '{name}'; add '{name}:' under it")
                 for name in REQUIRED_FIELDS if data.get(name) in (None, "")]
    if data.get("checked") in (None, "") and data.get("status", "verified") == "verified":
        problems.append(Problem(shown, line, "sources-syntax",
                                f"source '{key}' has no 'checked'; add the day someone checked that it says what "
                                "the lessons quote (checked: YYYY-MM-DD), or mark it 'status: to-verify'"))
    kind = str(data.get("kind", ""))
    if kind and kind not in KINDS:
        problems.append(Problem(shown, lines["kind"], "sources-syntax",
                                f"source '{key}' has kind '{kind}'; use one of {', '.join(KINDS)}"))
    if kind == "statistic" and not data.get("counts"):
        problems.append(Problem(shown, line, "sources-syntax",
                                f"source '{key}' is a statistic: add 'counts:', what exactly was counted and over "
                                "which period, as the source states it"))
    for name in TEXT_FIELDS:
        value = data.get(name)
        if isinstance(value, dict) and not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            problems.append(Problem(shown, lines[name], "sources-syntax",
                                    f"source '{key}' has a '{name}' that is neither a text nor one text per "
                                    "language, e.g. {en: ..., fr: ...}"))
    status = str(data.get("status", "verified"))
    if status not in STATUSES:
        problems.append(Problem(shown, lines["status"], "sources-syntax",
                                f"source '{key}' has status '{status}'; use 'verified' or 'to-verify'"))
    published = _date_text(data.get("date"))
    if data.get("date") not in (None, "") and not _PUBLISHED.match(published):
        problems.append(Problem(shown, lines["date"], "sources-syntax",
                                f"source '{key}' has date {data.get('date')!r}; write YYYY, YYYY-MM or YYYY-MM-DD"))
    checked = data.get("checked")
    if checked not in (None, "") and not isinstance(checked, datetime.date):
        problems.append(Problem(shown, lines["checked"], "sources-syntax",
                                f"source '{key}' has checked {checked!r}; write the day it was checked as YYYY-MM-DD"))
        checked = None
    texts = {name: as_text(data.get(name)) for name in TEXT_FIELDS}
    source = Source(key, kind, texts["publisher"], texts["title"], published,
                    checked if isinstance(checked, datetime.date) else None, line, url=texts["url"],
                    counts=texts["counts"], status=status, note=texts["note"])
    return source, problems


def _date_text(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)
