"""The student edition, in every target: no teacher-only text in any page, script, search index or PDF."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from kitcopy import copy_curriculum
from libzim.reader import Archive
from pypdf import PdfReader
from sphinx.search import languages as search_languages
from sphinx.util import import_object
from test_bundle import PREFIX, members
from test_bundle import bundle as bundle_as_made

# What the teacher edition has and a student must never see (LESSON_FORMAT.md): these blocks, and
# anything outside the blocks of a lesson.
TEACHER_ONLY_BLOCKS = ("lk-teacher-note", "lk-answer-key", "lk-disclosure", "lk-materials", "lk-family-letter",
                       "lk-accommodations", "lk-curriculum-links")
STUDENT_BLOCKS = ("lk-summary", "lk-objectives", "lk-success-criteria", "lk-vocabulary", "lk-activity", "lk-discussion",
                  "lk-handout", "lk-rubric", "lk-band-check",
                  "lk-exit-ticket", "lk-extension", "lk-get-help")
TEXT_TAGS = ["p", "li", "dt", "dd", "td", "th", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"]
LESSON_PAGE = re.compile(r"^html/(\w+)/lessons/[^/]+/(?!index\.html)[^/]+\.html$")
# A teacher's aside outside any block, added to the copied curriculum so that the test always meets one.
ASIDE = ("\n## Before you teach this lesson\n\nAsk the school counsellor to stay free for the period "
         "after this lesson, in case a student wants to talk.\n")


def squash(text: str) -> str:
    """Text without any whitespace, so that line breaks, no-break spaces and markup spacing do not matter."""
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[.!?…:])\s+", re.sub(r"\s+", " ", text)):
        if len(sentence) >= 20:
            yield sentence


def paragraphs(element: object) -> list[str]:
    """The text of each paragraph, item, term or cell of ``element`` (one sentence never spans two)."""
    if element is None:
        return []
    if element.name in TEXT_TAGS:  # type: ignore[attr-defined]
        return [element.get_text(" ")]  # type: ignore[attr-defined]
    return [part.get_text(" ") for part in element.find_all(TEXT_TAGS)]  # type: ignore[attr-defined]


def teacher_pages(kit: Path) -> set[str]:
    """The pages under source/ that say `audience: teacher`, as site paths without language."""
    pages = set()
    for path in (kit / "source").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---")[1]) or {}
            if meta.get("audience") == "teacher":
                pages.add(f"{path.stem}.html")
    return pages


def split_teacher_edition(files: dict[str, bytes], kit: Path) -> tuple[list[str], str]:
    """Sentences only the teacher may read, and the text a student may read, from the teacher edition."""
    hidden: list[str] = []
    visible: list[str] = []
    teacher_only_pages = teacher_pages(kit)
    for name, data in files.items():
        if not name.endswith(".html") or not name.startswith("html/"):
            continue
        soup = BeautifulSoup(data, "html.parser")
        for mark in soup.select("a.headerlink, .lk-untranslated"):  # the tool's own marks, in both editions
            mark.decompose()
        article = soup.find("article")
        if article is None:
            continue
        if name.split("/", 2)[-1] in teacher_only_pages:
            # a review packet names pages and lessons (their titles are in every page's navigation) and
            # describes sources (which any edition lists under what it cites): neither is teacher text
            public_parts = ".lk-review h2, .lk-review h3, .lk-review-facts, .lk-review-sources, .lk-source"
            for public in article.select(public_parts):
                public.decompose()
            hidden += [text for text in paragraphs(article.find("section")) if text not in paragraphs(article.h1)]
            continue
        if not LESSON_PAGE.match(name):
            for navigation in article.select(".toctree-wrapper"):  # lists the headings of every page
                navigation.decompose()
            visible += [*paragraphs(article), *(title.get_text(" ") for title in article.find_all("h1"))]
            continue
        lesson = article.find("section")
        for child in lesson.find_all(recursive=False):
            classes = child.get("class") or []
            if "lk-sources" in classes:
                continue  # each edition lists the sources of what it shows: neither hidden nor a leak
            if child.name == "h1" or "lk-header" in classes or any(k in classes for k in STUDENT_BLOCKS):
                visible += [*paragraphs(child), child.get_text(" ")]
            else:
                hidden += paragraphs(child)
        for element in lesson.select(".lk-teacher-only"):
            hidden += paragraphs(element)
    seen = squash(" ".join(visible))
    secret = sorted({s for text in hidden for s in sentences(text) if squash(s) not in seen})
    return secret, " ".join(visible)


def readable_texts(files: dict[str, bytes]) -> Iterator[tuple[str, str]]:
    """Every file of a bundle as the text a reader or a program can get out of it."""
    for name, data in files.items():
        if name.endswith(".pdf"):
            yield name, " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        elif name.endswith(".html"):
            yield name, BeautifulSoup(data, "html.parser").get_text(" ")
        elif name.endswith((".png", ".jpg", ".gif", ".woff", ".woff2")):
            continue
        else:
            text = data.decode("utf-8", errors="replace")
            if name.endswith("searchindex.js"):  # its strings are \u-escaped JSON
                text += json.dumps(json.loads(text[text.index("(") + 1:text.rindex(")")]), ensure_ascii=False)
            yield name, text


def leaks(files: dict[str, bytes], secret: list[str]) -> list[str]:
    found = []
    for name, text in readable_texts(files):
        flat = squash(text)
        found += [f"{name}: {sentence}" for sentence in secret if squash(sentence) in flat]
    return found


def stems(language: str, text: str, shortest: int = 1) -> set[str]:
    """The words of ``text`` (of ``shortest`` letters or more) as Sphinx's search index stores them."""
    found = search_languages[language]
    lang = (import_object(found) if isinstance(found, str) else found)({})
    words = {w for w in re.findall(r"\w+", text.lower()) if len(w) >= shortest and not w.isdigit()}
    return {lang.stem(w) for w in words} | words


def index_terms(files: dict[str, bytes], language: str) -> set[str]:
    text = files[f"html/{language}/searchindex.js"].decode()
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return set(data["terms"]) | set(data["titleterms"])


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_curriculum(tmp_path_factory.mktemp("student") / "curriculum")
    lesson = root / "lessons" / "ages-14-17" / "financial-sextortion.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + ASIDE, encoding="utf-8")
    return root


def bundle(kit: Path, *args: str) -> Path:
    # The aside is English only: a bundle refuses it unless asked to ship untranslated text.
    return bundle_as_made(kit, *args, "--allow-untranslated")


@pytest.fixture(scope="module")
def teacher(kit: Path) -> dict[str, bytes]:
    """The teacher edition's pages, where the teacher-only text is found."""
    return members(bundle(kit, "--format", "html"))


@pytest.fixture(scope="module")
def secret(kit: Path, teacher: dict[str, bytes]) -> list[str]:
    found, _ = split_teacher_edition(teacher, kit)
    # the test means something only if the teacher edition does hold such text, in both languages
    assert len(found) > 300
    assert "Ask the school counsellor to stay free for the period after this lesson, in case a student wants " \
           "to talk." in found
    detected = {leak.split(": ", 1)[1] for leak in leaks(teacher, found)}
    assert detected == set(found), "the detector must find every such sentence in the teacher edition"
    return found


@pytest.fixture(scope="module")
def student(kit: Path) -> Path:
    return bundle(kit, "--audience", "student")


def test_the_student_edition_has_no_teacher_text_anywhere(student: Path, secret: list[str]) -> None:
    files = members(student)
    assert student.name == f"{PREFIX}-student.zip"
    assert json.loads(files["manifest.json"])["edition"] == "student"
    assert leaks(files, secret) == []
    # the lessons are there, with what students do
    page = BeautifulSoup(files["html/en/lessons/ages-8-10/be-an-upstander.html"], "html.parser")
    assert page.select(".lk-activity") and page.select(".lk-handout") and page.select(".lk-get-help")
    assert not page.select(".lk-teacher-only") and not page.select(".lk-family-letter")


def test_the_student_search_index_has_no_teacher_words(student: Path, teacher: dict[str, bytes],
                                                       secret: list[str]) -> None:
    files = members(student)
    for language in ("en", "fr"):
        shown = " ".join(text for name, text in readable_texts(files)
                         if name.startswith(f"html/{language}/") and name.endswith(".html"))
        only_teacher = stems(language, " ".join(secret), shortest=5) - stems(language, shown)
        assert only_teacher & index_terms(teacher, language), "the teacher index should hold them"
        assert only_teacher & index_terms(files, language) == set()


def test_student_pdfs_are_handouts_only(student: Path) -> None:
    pdfs = [name for name in members(student) if name.endswith(".pdf")]
    assert all(name.endswith("-handout.pdf") for name in pdfs), pdfs


@pytest.mark.parametrize("target", ["kolibri", "imscc"])
def test_zip_targets_of_the_student_edition_have_no_teacher_text(kit: Path, secret: list[str], target: str) -> None:
    made = bundle(kit, "--audience", "student", "--target", target, "--band", "ages-14-17")
    files = members(made)
    assert any(LESSON_PAGE.match(name) for name in files)
    assert leaks(files, secret) == []


def test_the_student_zim_has_no_teacher_text(kit: Path, secret: list[str]) -> None:
    made = bundle(kit, "--audience", "student", "--target", "zim", "--band", "ages-14-17")
    archive = Archive(made)
    manifest = json.loads(bytes(archive.get_entry_by_path("manifest.json").get_item().content))
    files = {item["path"]: bytes(archive.get_entry_by_path(item["path"]).get_item().content)
             for item in manifest["files"]}
    assert manifest["edition"] == "student" and any(LESSON_PAGE.match(name) for name in files)
    assert leaks(files, secret) == []
