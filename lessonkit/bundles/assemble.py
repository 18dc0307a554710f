"""From a fresh build to a bundle's contents: the files, the choosers, the lessons and their checks."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from lessonkit.bundles import texts
from lessonkit.bundles.links import check_pages
from lessonkit.bundles.model import BundleError, BundleRequest, Contents, Finding, Lesson
from lessonkit.project import Project
from lessonkit.sphinxext import lessonindex
from lessonkit.sphinxext.html import page_name

_SWITCHER = re.compile(r'(<ul class="lk-languages">)(.*?)(</ul>)', re.S)


def site_files(root: Path, audience: str, formats: list[str]) -> list[str]:
    """The built files to ship: hidden files left out, links refused, handouts only for students."""
    found: list[str] = []
    links: list[Finding] = []
    for folder in formats:  # build/html, build/pdf: one folder per format
        for path in sorted((root / folder).rglob("*")):
            name = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in name.split("/")):
                continue  # .buildinfo and the like: build bookkeeping, not part of the kit
            if path.is_symlink():
                links.append(Finding(name, "is a symbolic link; a bundle holds only regular files"))
            elif path.is_file() and _for_audience(name, audience):
                found.append(name)
    if links:
        raise BundleError(links)
    return found


def _for_audience(name: str, audience: str) -> bool:
    # A student edition carries handouts only: teacher guides, family letters and band kits hold teacher text.
    return audience != "student" or not name.startswith("pdf/") or name.endswith(
        ("-handout.pdf", "-handout-large-print.pdf"))


def keep_languages(page: str, languages: list[str]) -> str:
    """Drop the language switcher's links to languages this bundle leaves out."""
    def prune(match: re.Match[str]) -> str:
        items = re.findall(r"<li>.*?</li>", match.group(2), re.S)
        kept = [item for item in items
                if not (found := re.search(r'hreflang="([^"]+)"', item)) or found.group(1) in languages]
        return match.group(1) + "".join(f"\n    {item}" for item in kept) + "\n  " + match.group(3)
    return _SWITCHER.sub(prune, page)


def _prune_language_links(contents: Contents) -> None:
    # The pages were built to link to every language of conf.py; a subset ships only some.
    for name in contents.files:
        if name.startswith("html/") and name.endswith(".html"):
            page = contents.path(name).read_text(encoding="utf-8")
            pruned = keep_languages(page, contents.languages)
            if pruned != page:
                contents.add(name, pruned.encode())


def built_lessons(contents: Contents) -> dict[str, list[dict[str, Any]]]:
    """Language -> the lessons its site was built from (``lessons.json``, written by the build)."""
    found = {}
    for language in contents.languages:
        path = contents.path(f"html/{language}/{lessonindex.LESSONS_FILE}")
        try:
            found[language] = lessonindex.read(path)
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise BundleError([Finding(path.as_posix(), f"cannot read the lessons of the build ({err})")]) from None
    return found


def bundled_lessons(project: Project, contents: Contents) -> list[Lesson]:
    """The bundled lessons in band order, then in each band's order, with their pages and PDFs."""
    built = built_lessons(contents)
    titles = {lang: {lesson["docname"]: str(lesson["title"]) for lesson in lessons} for lang, lessons in built.items()}
    first = built[contents.languages[0]] if contents.languages else []
    files = set(contents.files)
    pdfs = contents.pdfs()
    found: list[tuple[tuple[int, int, str], Lesson]] = []
    missing: list[Finding] = []
    for meta in first:
        band, docname, lesson_id = str(meta["band"]), str(meta["docname"]), str(meta["id"])
        if band not in contents.bands:
            continue
        band_ids = {str(other["id"]) for other in first if other["band"] == band}
        # A family language has the lesson's family letter, not its page.
        pages = {lang: f"html/{lang}/{page_name(docname)}.html" for lang in contents.languages
                 if project.settings.in_scope(lang, docname)}
        missing += [Finding(page, f"the page of lesson {lesson_id} is missing") for page in pages.values()
                    if page not in files]
        lesson = Lesson(
            id=lesson_id, band=band, reviewed=str(meta.get("reviewed", "")),
            titles={lang: titles.get(lang, {}).get(docname, lesson_id) for lang in pages},
            pages=pages,
            pdfs={lang: _lesson_pdfs(pdfs, lang, band, lesson_id, band_ids) for lang in contents.languages},
        )
        found.append(((contents.bands.index(band), int(meta.get("order", 1000)), docname), lesson))
    if missing:
        raise BundleError(missing)
    return [lesson for _, lesson in sorted(found, key=lambda pair: pair[0])]


def _lesson_pdfs(pdfs: list[str], language: str, band: str, lesson_id: str, ids: set[str]) -> list[str]:
    """The PDFs named after a lesson: ``<id>-<kind>.pdf``, unless a longer lesson id of its band claims them."""
    folder = f"pdf/{language}/{band}/"

    def owner(name: str) -> str | None:
        stem = name[len(folder):]
        return max((i for i in ids if stem.startswith(f"{i}-")), key=len, default=None)
    return [name for name in pdfs if name.startswith(folder) and "/" not in name[len(folder):]
            and owner(name) == lesson_id]


def assemble(project: Project, root: Path, overlay: Path, request: BundleRequest,
             date: datetime.datetime) -> Contents:
    """The build under ``root`` as a bundle's contents, or BundleError saying what is wrong with it.

    What the bundle adds goes to ``overlay``: ``root`` is left as built.
    """
    band, languages, audience = request.band, request.languages or [], request.audience
    bands = [band] if band else [b for b in project.settings.bands if (project.root / "lessons" / b).is_dir()]
    contents = Contents(project, root, overlay, languages, bands, audience, date, [],
                        site_files(root, audience, request.formats))
    contents.add("index.html", texts.chooser(project, languages, "html/").encode())
    contents.add("html/index.html", texts.chooser(project, languages, "").encode())
    if set(languages) != set(project.settings.all_languages):
        _prune_language_links(contents)
    contents.lessons = bundled_lessons(project, contents)
    findings = check_pages(contents.path, set(contents.files), student=audience == "student")
    if findings:
        raise BundleError(findings)
    return contents
