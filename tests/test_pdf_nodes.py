"""kitpdf on an ordinary Sphinx project: every docutils, Sphinx and MyST node (tests/roots/test-pdf-nodes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_pdfread import image_count, in_order, internal_links, link_uris, outline, page_texts, reader, text


def warnings(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.mark.sphinx("kitpdf", testroot="pdf-nodes", freshenv=True)
def test_every_node_is_rendered(app) -> None:
    app.build()
    source = Path(app.srcdir, "index.rst")
    line = next(n for n, text_ in enumerate(source.read_text().splitlines(), 1) if text_.startswith(".. raw::"))
    # the only message: raw HTML is left out (no raw HTML reaches any output), with file and line
    assert warnings(app) == (
        f"{source}:{line}: WARNING: raw HTML was left out of the page: it could run script on the machines the kit "
        "is copied to; write Markdown instead [lessonkit.raw-html]\n")
    out = Path(app.outdir)
    assert sorted(p.name for p in out.glob("*.pdf")) == ["index.pdf", "other.pdf"]
    pdf = out / "index.pdf"
    words = text(pdf)
    assert in_order(
        words,
        # title, local contents, inline markup
        "Every node in a PDF", "On this page", "Inline markup", "Lists", "Tables",
        "Paragraph with emphasis, strong, literal, sub", "super", "a title reference",
        "PDF (Portable Document Format)", "Print", "Ctrl+P", "substituted text", "a^2 + b^2 = c^2",
        "external link (https://example.org/page)", "https://example.org/same.",
        "someone@example.org", "[CIT2026]", "See Lists, Other page, the other target and Tables.",
        "The first footnote.", "The second footnote.", "The symbol footnote.", "A citation, 2026.",
        # lists: bullets, custom starts, every enumeration type
        "• Bullet one", "– Nested bullet", "3. Enumerated starting at three", "4. Four",
        "a) Lower alpha one", "b) Lower alpha two", "(I) Upper roman one", "(II) Upper roman two",
        "i. lower roman one", "ii. lower roman two",
        "Term one", "Definition one.", "Term two : classifier", "Field name", "Field body.",
        "-a", "Option a.", "--long=VALUE", "-b FILE, --both FILE",
        # blocks
        "def greet(name):", "A captioned code block", 'print("captioned")', ">>> 1 + 1",
        "A line block,", "An indented line.", "A block quote.", "— Attribution Name",
        "a^2 + b^2 = c^2 (1)", "A rubric", "Compound paragraph two.", "Container paragraph.",
        "Topic title", "Topic body.", "Sidebar title", "Sidebar subtitle", "Sidebar body.",
        # admonitions
        "ATTENTION", "CAUTION", "DANGER", "ERROR", "HINT", "IMPORTANT", "NOTE", "TIP", "WARNING",
        "Generic title", "Generic body.", "SEE ALSO", "Seealso body.",
        "Added in version 1.1", "Deprecated since version 1.2",
        # tables, figures
        "A B A or B", "False False False", "Header 1 Header 2 Header 3", "spans two columns",
        "spans two rows", "A long table", "Row thirty.", "The figure caption.", "The figure legend.",
        "See Fig. 1",
        # Sphinx's own nodes
        "Glossary term", "Glossary definition.", "Centered text", "hlist one",
        'greeting ::= "hello" name', "greet(name: str, times: int = 1) -> str",
        "Greet someone by name.", "Only for PDFs.", "Raw and comments", "The end.",
    )
    for absent in ("Only for HTML.", "raw html", "A comment that never appears.", "greeting ::= greeting"):
        assert absent not in words
    # links: web addresses are live, references inside the document jump
    assert link_uris(pdf)[:3] == ["https://example.org/page", "https://example.org/same",
                                  "mailto:someone@example.org"]
    assert internal_links(pdf) >= 10  # contents, footnotes, citation, section references
    # sections make the outline
    assert outline(pdf) == ["Every node in a PDF", ["Inline markup", "Lists", "Blocks", "Admonitions",
                                                     "Tables", "Figures", "Sphinx", "Raw and comments"]]
    figure_page = next(n for n, page in enumerate(page_texts(pdf)) if "The figure caption." in page)
    assert image_count(pdf, figure_page) >= 1


@pytest.mark.sphinx("kitpdf", testroot="pdf-nodes", freshenv=True)
def test_long_tables_repeat_their_header_rows_and_long_words_wrap(app) -> None:
    app.build()
    pages = page_texts(Path(app.outdir) / "index.pdf")
    with_rows = [page for page in pages if "Row " in page]
    assert len(with_rows) >= 1
    for page in with_rows:
        assert "Number Text" in page  # the header row, on every page the table reaches
    width = reader(Path(app.outdir) / "index.pdf").pages[0].mediabox.width
    assert width == 612
    # the long word and the long address are printed whole, wrapped within the text column
    words = text(Path(app.outdir) / "index.pdf").replace(" ", "")
    assert "Pneumonoultramicroscopicsilicovolcanoconiosisandmore" in words
    assert "https://example.org/a/very/long/path/that/goes/on/and/on/until/it/must/wrap" in words


@pytest.mark.sphinx("kitpdf", testroot="pdf-unknown", freshenv=True)
def test_unknown_node_is_reported_with_its_location_and_its_text_kept(app) -> None:
    app.build()
    source = Path(app.srcdir, "index.rst")
    assert warnings(app) == (
        f"{source}:6: WARNING: the PDF builder does not know the node 'mystery'; its text is "
        "printed as is [lessonkit.pdf]\n")
    assert in_order(text(Path(app.outdir) / "index.pdf"), "Before.", "Mystery text is still printed.", "After.")
