"""Provincial curriculum frameworks: the expectations a lesson's ``outcomes`` name.

One YAML file per framework in ``frameworks/`` beside ``conf.py`` (a board adds its own), read
with the line of each entry, so that ``lessonkit check`` can point at the exact line to fix and
every output can mark the expectations nobody has checked against the official document yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from lessonkit.files import fingerprint
from lessonkit.problem import Problem
from lessonkit.settings import Text, as_text

FRAMEWORKS_DIR = "frameworks"
STATUSES = ("verified", "to-verify")
FIELDS = ("id", "province", "title", "publisher", "year", "url", "status", "note", "expectations")
REQUIRED_FIELDS = ("id", "province", "title", "publisher", "year", "expectations")
EXPECTATION_FIELDS = ("code", "grade", "grade_label", "strand", "text", "page", "status", "note")
EXPECTATION_REQUIRED = ("code", "grade", "strand", "text")
TEXT_FIELDS = ("title", "publisher", "strand", "text", "grade_label", "note")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Expectation:
    """One curriculum expectation, as published."""

    code: str
    framework: str  # the id of its framework
    grade: int  # 0 = kindergarten; Quebec's secondaire 1-5 = 7-11
    strand: Text
    text: Text
    line: int
    grade_label: Text = ""
    page: str = ""
    status: str = "verified"
    note: Text = ""

    @property
    def verified(self) -> bool:
        return self.status == "verified"


@dataclass(frozen=True)
class Framework:
    """One framework file: the official document and its expectations, in file order."""

    id: str
    province: str
    title: Text
    publisher: Text
    year: str
    shown: str  # the file, as shown in messages
    expectations: tuple[Expectation, ...]
    url: str = ""
    status: str = "verified"
    note: Text = ""  # for reviewers: the edition in force, what is left to check

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def unverified(self) -> list[Expectation]:
        return [e for e in self.expectations if not e.verified]


@dataclass(frozen=True)
class Frameworks:
    """Every framework of a curriculum (by id, in file-name order), and what is wrong in their files."""

    frameworks: dict[str, Framework]
    problems: tuple[Problem, ...] = ()

    def expectation(self, code: str) -> Expectation | None:
        return self.by_code.get(code)

    @cached_property
    def by_code(self) -> dict[str, Expectation]:
        return {e.code: e for framework in self.frameworks.values() for e in framework.expectations}

    def shown(self, chosen: list[str]) -> list[Framework]:
        """The frameworks a board shows: those of ``lessonkit_frameworks``, in its order, or all."""
        if not chosen:
            return list(self.frameworks.values())
        return [self.frameworks[name] for name in chosen if name in self.frameworks]


def framework_files(root: Path) -> list[Path]:
    folder = root / FRAMEWORKS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def frameworks_digest(root: Path) -> str:
    """Changes when any framework file is added, removed or edited."""
    return fingerprint("", {root / FRAMEWORKS_DIR: framework_files(root)}, read=True)


def read_frameworks(root: Path) -> Frameworks:
    """The frameworks of the curriculum at ``root``; problems are listed, never raised."""
    found: dict[str, Framework] = {}
    problems: list[Problem] = []
    codes: dict[str, tuple[str, int]] = {}
    for path in framework_files(root):
        shown = f"{FRAMEWORKS_DIR}/{path.name}"
        framework, errors = _read_file(path, shown)
        problems.extend(errors)
        if framework is None:
            continue
        for expectation in framework.expectations:
            if expectation.code in codes:
                where, line = codes[expectation.code]
                problems.append(_problem(shown, expectation.line, f"code '{expectation.code}' is already used "
                                         f"({where}:{line}); codes are unique across all frameworks: "
                                         "PROVINCE-SUBJECT-GRADE.CODE-AS-PUBLISHED"))
            else:
                codes[expectation.code] = (shown, expectation.line)
        found[framework.id] = framework
    return Frameworks(found, tuple(problems))


def _problem(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, "framework-syntax", message)


def _read_file(path: Path, shown: str) -> tuple[Framework | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [_problem(shown, 1, "the file is not UTF-8; save it as UTF-8")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or "invalid YAML"
        return None, [_problem(shown, mark.line + 1 if mark else 1,
                               f"the file is not valid YAML ({reason}); see the boards' guide for the format")]
    data = yaml.safe_load(text) if node is not None else None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return None, [_problem(shown, 1, "a framework file maps 'id', 'title', 'publisher', 'year' and "
                                         "'expectations' to their values")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    problems = [_problem(shown, lines[name], f"unknown field '{name}' (fields: {', '.join(FIELDS)})")
                for name in data if name not in FIELDS]
    problems += [_problem(shown, 1, f"the framework has no '{name}'; add '{name}:'")
                 for name in REQUIRED_FIELDS if data.get(name) in (None, "")]
    problems += _text_problems(shown, data, lines, "the framework")
    ident = str(data.get("id") or path.stem)
    if data.get("id") is not None and ident != path.stem:
        problems.append(_problem(shown, lines["id"], f"id '{ident}' differs from the file name '{path.name}'; "
                                                     f"rename the file to {ident}.yaml or change the id"))
    elif not _ID.match(ident):
        problems.append(_problem(shown, lines.get("id", 1), f"'{ident}' is not a valid framework id; use a-z, "
                                                            "0-9 and '-', e.g. 'on-hpe-1-8-2019'"))
    status = str(data.get("status", "verified"))
    if status not in STATUSES:
        problems.append(_problem(shown, lines["status"], f"status '{status}'; use 'verified' or 'to-verify'"))
    expectations: list[Expectation] = []
    items = next((v for k, v in node.value if k.value == "expectations"), None)
    if isinstance(items, yaml.SequenceNode) and isinstance(data.get("expectations"), list):
        for item_node, item in zip(items.value, data["expectations"], strict=True):
            expectation, found = _read_expectation(shown, ident, item_node, item)
            problems.extend(found)
            if expectation is not None:
                expectations.append(expectation)
    elif "expectations" in data:
        problems.append(_problem(shown, lines["expectations"], "'expectations' is a list: one '- code: ...' "
                                                               "entry per expectation"))
    framework = Framework(ident, str(data.get("province") or ""), as_text(data.get("title")),
                          as_text(data.get("publisher")), str(data.get("year") or ""), shown, tuple(expectations),
                          url=str(data.get("url") or ""), status=status, note=as_text(data.get("note")))
    return framework, problems


def _read_expectation(shown: str, framework: str, node: yaml.Node,
                      data: Any) -> tuple[Expectation | None, list[Problem]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return None, [_problem(shown, line, "an expectation needs its fields: code, grade, strand and text")]
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    code = str(data.get("code") or "")
    name = f"expectation '{code}'" if code else "an expectation"
    problems = [_problem(shown, lines[field], f"{name} has an unknown field '{field}' "
                                              f"(fields: {', '.join(EXPECTATION_FIELDS)})")
                for field in data if field not in EXPECTATION_FIELDS]
    problems += [_problem(shown, line, f"{name} has no '{field}'; add '{field}:'")
                 for field in EXPECTATION_REQUIRED if data.get(field) in (None, "")]
    problems += _text_problems(shown, data, lines, name)
    if code and (" " in code or "," in code):
        problems.append(_problem(shown, lines["code"], f"code {code!r} has a space or a comma; write it as one "
                                                       "word, e.g. ON-HPE-4.D1.1"))
    grade = data.get("grade")
    if grade is not None and (isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 12):
        problems.append(_problem(shown, lines["grade"], f"{name} has grade {grade!r}; write a number from 0 "
                                                        "(kindergarten) to 12 (Quebec: secondaire 1-5 = 7-11)"))
        grade = None
    status = str(data.get("status", "verified"))
    if status not in STATUSES:
        problems.append(_problem(shown, lines["status"], f"{name} has status '{status}'; use 'verified' or "
                                                         "'to-verify'"))
    if not code or grade is None or problems:
        return None, problems
    page = data.get("page")
    return Expectation(code, framework, grade, as_text(data.get("strand")), as_text(data.get("text")), line,
                       grade_label=as_text(data.get("grade_label")), page="" if page is None else str(page),
                       status=status, note=as_text(data.get("note"))), problems


def _text_problems(shown: str, data: dict, lines: dict[str, int], name: str) -> list[Problem]:
    return [_problem(shown, lines[field], f"{name} has a '{field}' that is neither a text nor one text per "
                                          "language, e.g. {en: ..., fr: ...}")
            for field in TEXT_FIELDS
            if isinstance(data.get(field), dict)
            and not all(isinstance(k, str) and isinstance(v, str) for k, v in data[field].items())]
