"""A change report (``lessonkit diff``) written out: plain text for the terminal, one HTML file for reviewers.

The HTML file stands alone, as a kit page does offline: its styles are inside it, it loads and runs
nothing (its security policy allows no script and no address), so it can be mailed, attached to a
board's approval file or opened from a USB key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from html import escape

from lessonkit.changes import CatalogNeed, ChangeReport, DocumentChange, SourceChange, TextChange
from lessonkit.i18n import LANGUAGE_TEAMS

BOARD_NOTES = {
    "edited": "the board edited it too: merge by hand, then review the result",
    "unedited": "the board has not edited it: take upstream's version as it is",
    "left out": "the board left it out of its kit: nothing to take, unless it wants it back",
    "added": "the board already has a document of that name: compare the two by hand",
}
STATUS_NOTES = {"fuzzy": "needs a translator: the English changed and this translation is marked fuzzy",
                "untranslated": "needs a translator: not translated yet"}
OUTDATED = "the English changed but the catalog did not: run lessonkit i18n update"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; object-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def language_name(code: str) -> str:
    return LANGUAGE_TEAMS.get(code, code)


def _version(report: ChangeReport, which: str) -> str:
    version = getattr(report, which)
    return f"{version.release} ({version.label})"


def _name(report: ChangeReport, which: str) -> str:
    """A version's release, or its folder or revision when both versions carry the same release."""
    version = getattr(report, which)
    return version.label if report.old.release == report.new.release else version.release


def summary(report: ChangeReport) -> str:
    lessons = ", ".join(f"{report.count('lesson', s)} {s}" for s in ("changed", "added", "removed"))
    pages = ", ".join(f"{report.count('page', s)} {s}" for s in ("changed", "added", "removed"))
    return (f"Lessons: {lessons}. Pages: {pages}. Sources: {len(report.sources)} changed. "
            f"Catalogs that need a translator: {len(report.catalogs)}.")


# -- text --------------------------------------------------------------------------------------

def as_text(report: ChangeReport) -> str:
    lines = [f"Changes from {_version(report, 'old')} to {_version(report, 'new')}", summary(report)]
    for kind, heading in (("lesson", "Lessons"), ("page", "Pages")):
        found = [d for d in report.documents if d.kind == kind]
        if found:
            lines += ["", f"== {heading} =="]
            for document in found:
                lines += list(_document_text(document))
    if report.sources:
        lines += ["", "== Sources (sources.yaml) =="]
        lines += [line for source in report.sources for line in _source_text(source)]
    if report.catalogs:
        lines += ["", "== Catalogs that need a translator =="]
        lines += [_catalog_text(need) for need in report.catalogs]
    if report.board is not None:
        lines += ["", f"== The board's own edits ({report.board.label}), which upstream did not change: keep them =="]
        lines += [line for document in report.board_only for line in _document_text(document)]
        if not report.board_only:
            lines.append("none")
    return "\n".join(lines) + "\n"


def _document_text(document: DocumentChange) -> Iterator[str]:
    name = f"{document.title} ({document.key})" if document.kind == "lesson" else document.title
    yield f"{document.status}: {name}, {document.path}"
    if document.board:
        yield f"  {BOARD_NOTES[document.board]}"
    for key, before, after in document.metadata:
        yield f"  {key}: {before or '(none)'} -> {after or '(none)'}"
    for language, changes in [("en", document.english), *document.translations.items()]:
        for change in changes:
            note = f" ({STATUS_NOTES[change.status]})" if change.status else ""
            yield f"  {language_name(language)}, line {change.line}{note}:"
            yield from (f"    - {line}" for line in change.before.splitlines())
            yield from (f"    + {line}" for line in change.after.splitlines())
            if change.before and change.after:
                pairs = word_changes(change.before, change.after)
                yield "    words: " + "; ".join(_word_change(*pair) for pair in pairs)
    if document.cited_added:
        yield f"  now cites: {', '.join(document.cited_added)}"
    if document.cited_removed:
        yield f"  no longer cites: {', '.join(document.cited_removed)}"


def _word_change(removed: str, added: str) -> str:
    if not removed:
        return f"added {added!r}"
    if not added:
        return f"removed {removed!r}"
    return f"{removed!r} -> {added!r}"


def _source_text(source: SourceChange) -> Iterator[str]:
    yield f"{source.status}: {source.key}"
    for name, before, after in source.fields:
        yield f"  {name}: {before or '(none)'} -> {after or '(none)'}"


def _catalog_text(need: CatalogNeed) -> str:
    words = [f"{need.fuzzy} fuzzy", f"{need.untranslated} untranslated"]
    if need.outdated:
        words.append(OUTDATED)
    return f"{language_name(need.language)}: {need.document}.po: {', '.join(words)}"


# -- HTML --------------------------------------------------------------------------------------

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 72rem; margin: 0 auto; padding: 1rem 2rem; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #1d5fa8; margin-top: 2.5rem; }
h3 { margin-bottom: .2rem; } .path, code { font-family: ui-monospace, monospace; font-size: .9em; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #e8eef7; font-size: .85em; }
.board { margin: .3rem 0; padding: .3rem .6rem; border-left: 4px solid #a8431d; background: #fbf1ec; }
.board.unedited { border-color: #1f7a5c; background: #edf7f2; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; table-layout: fixed; }
th, td { border: 1px solid #c9ced6; padding: .4rem .6rem; vertical-align: top; text-align: left; }
th { background: #f2f4f7; } td { white-space: pre-wrap; overflow-wrap: anywhere; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
del { background: #fbe2e2; color: #7a1010; } ins { background: #dcf3e3; color: #0c5a2a; text-decoration: underline; }
.need { color: #7a3a00; font-weight: 600; }
"""


def as_html(report: ChangeReport) -> str:
    title = f"Changes from {_name(report, 'old')} to {_name(report, 'new')}"
    parts = [f"<h1>{escape(title)}</h1>",
             f"<p>Old version: <span class=\"path\">{escape(_version(report, 'old'))}</span>. "
             f"New version: <span class=\"path\">{escape(_version(report, 'new'))}</span>."
             + (f" The board's project: <span class=\"path\">{escape(report.board.label)}</span>."
                if report.board else "") + "</p>",
             f"<p>{escape(summary(report))}</p>",
             "<p>Each changed passage is shown before and after, side by side: removed words are struck "
             "through, added words underlined. French comes from the catalogs, message by message.</p>"]
    for kind, heading in (("lesson", "Lessons"), ("page", "Pages")):
        found = [d for d in report.documents if d.kind == kind]
        parts.append(f"<h2 id=\"{kind}s\">{heading}</h2>")
        parts += [_document_html(d) for d in found] or [f"<p>No {kind} changed.</p>"]
    parts.append("<h2 id=\"sources\">Sources (sources.yaml)</h2>")
    parts += [_source_html(s) for s in report.sources] or ["<p>No source changed.</p>"]
    parts.append("<h2 id=\"catalogs\">Catalogs that need a translator</h2>")
    if report.catalogs:
        rows = "".join(f"<tr><td>{escape(language_name(n.language))}</td><td class=\"path\">{escape(n.document)}.po"
                       f"</td><td>{n.fuzzy}</td><td>{n.untranslated}</td><td>{OUTDATED if n.outdated else ''}"
                       "</td></tr>" for n in report.catalogs)
        parts.append("<table><thead><tr><th>Language</th><th>Catalog</th><th>Fuzzy</th><th>Untranslated</th>"
                     f"<th>Note</th></tr></thead><tbody>{rows}</tbody></table>")
    else:
        parts.append("<p>Every catalog is fully translated.</p>")
    if report.board is not None:
        parts.append("<h2 id=\"board\">The board's own edits, which upstream did not change</h2>")
        parts.append("<p>Keep these as they are when you take the new version.</p>")
        parts += [_document_html(d) for d in report.board_only] or ["<p>None.</p>"]
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(parts) + "\n</main>\n</body>\n</html>\n")


def _document_html(document: DocumentChange) -> str:
    name = escape(document.title)
    if document.kind == "lesson":
        name += f" <span class=\"path\">({escape(document.key)})</span>"
    parts = [f"<section><h3><span class=\"status\">{escape(document.status)}</span> {name}</h3>",
             f"<p class=\"path\">{escape(document.path)}</p>"]
    if document.board:
        parts.append(f"<p class=\"board {document.board.replace(' ', '-')}\">{escape(BOARD_NOTES[document.board])}</p>")
    if document.metadata:
        rows = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{escape(a)}</td><td>{escape(b)}</td></tr>"
                       for k, a, b in document.metadata)
        parts.append("<table><caption>Front matter</caption><thead><tr><th>Key</th><th>Before</th><th>After</th>"
                     f"</tr></thead><tbody>{rows}</tbody></table>")
    for language, changes in [("en", document.english), *document.translations.items()]:
        if changes:
            parts.append(_changes_html(language, changes))
    if document.cited_added or document.cited_removed:
        words = ([f"now cites {', '.join(document.cited_added)}"] if document.cited_added else []) + \
                ([f"no longer cites {', '.join(document.cited_removed)}"] if document.cited_removed else [])
        parts.append(f"<p>Sources: {escape('; '.join(words))}.</p>")
    return "\n".join(parts) + "</section>"


def _source_html(source: SourceChange) -> str:
    parts = [f"<section><h3><span class=\"status\">{escape(source.status)}</span> "
             f"<span class=\"path\">{escape(source.key)}</span></h3>"]
    if source.fields:
        rows = "".join(f"<tr><th scope=\"row\">{escape(name)}</th><td>{before}</td><td>{after}</td></tr>"
                       for name, a, b in source.fields for before, after in [marked(a, b)])
        parts.append("<table><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    return "\n".join(parts) + "</section>"


def _changes_html(language: str, changes: list[TextChange]) -> str:
    rows = []
    for change in changes:
        before, after = marked(change.before, change.after)
        need = f"<br><span class=\"need\">{escape(STATUS_NOTES[change.status])}</span>" if change.status else ""
        rows.append(f"<tr><th scope=\"row\">{change.line}{need}</th>"
                    f"<td lang=\"{language}\">{before}</td><td lang=\"{language}\">{after}</td></tr>")
    return (f"<table><caption>{escape(language_name(language))}</caption><colgroup><col style=\"width: 9rem\">"
            "<col><col></colgroup><thead><tr><th>Line</th><th>Before</th><th>After</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def _word_opcodes(before: str, after: str) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    return old, new, difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """The words that changed, as (before, after) pairs: what a reader looks for in a long passage."""
    old, new, opcodes = _word_opcodes(before, after)
    return [("".join(old[i1:i2]).strip(), "".join(new[j1:j2]).strip())
            for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]


def marked(before: str, after: str) -> tuple[str, str]:
    """Both texts as HTML, the words only in ``before`` in <del>, the words only in ``after`` in <ins>."""
    old, new, opcodes = _word_opcodes(before, after)
    left, right = [], []
    for tag, i1, i2, j1, j2 in opcodes:
        removed, added = escape("".join(old[i1:i2])), escape("".join(new[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return "".join(left), "".join(right)
