"""What lessonkit relies on upstream beyond documented hooks (lessonkit/sphinxext/compat.py).

Each test fails when the upstream code an item of compat.py depends on changes, so that an
upgrade of Sphinx, MyST-Parser or Furo breaks a test here rather than a kit.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import SimpleNamespace

import furo
from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import make_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.search import IndexBuilder, SearchLanguage
from sphinx.search.fr import SearchFrench

from lessonkit.sphinxext import compat

FURO = Path(furo.__file__).parent / "theme" / "furo"


class RecordingIndex:
    def __init__(self) -> None:
        self.fed: list[tuple[str, str, str, str]] = []
        self.pruned: list[set[str]] = []

    def feed(self, docname: str, filename: str, title: str, doctree: nodes.document) -> None:
        self.fed.append((docname, filename, title, doctree.astext()))

    def prune(self, docnames) -> None:
        self.pruned.append(set(docnames))


def test_sphinx_indexes_pages_through_feed_and_prune_as_index_by_page_expects() -> None:
    for method, parameters in ((IndexBuilder.feed, ["self", "docname", "filename", "title", "doctree"]),
                               (IndexBuilder.prune, ["self", "docnames"])):
        assert list(inspect.signature(method).parameters) == parameters
    recorded = RecordingIndex()
    index = compat.IndexByPage(recorded, lambda docname: docname.removeprefix("source/"),  # type: ignore[arg-type]
                               lambda docname, doctree: doctree)
    page = nodes.document(None, None)
    page += nodes.paragraph("", "Call the helpline.")
    builder = SimpleNamespace(indexer=index, env=SimpleNamespace(
        doc2path=lambda docname, base: f"{docname}.md",
        metadata={"source/get-help": {}, "source/hidden": {"nosearch": ""}}))
    # Sphinx's own index_page: the page indexed by its page name; a `nosearch` page indexed empty.
    StandaloneHTMLBuilder.index_page(builder, "source/get-help", page, "Get help")  # type: ignore[arg-type]
    StandaloneHTMLBuilder.index_page(builder, "source/hidden", page, "Hidden")  # type: ignore[arg-type]
    assert recorded.fed == [("get-help", "source/get-help.md", "Get help", "Call the helpline."),
                            ("hidden", "source/hidden.md", "", "")]
    index.prune(["source/get-help", "lessons/ages-8-10/alpha"])
    assert recorded.pruned == [{"get-help", "lessons/ages-8-10/alpha"}]


def test_the_search_index_stems_with_the_languages_stem_attribute() -> None:
    assert "self.lang.stem" in inspect.getsource(IndexBuilder.feed)
    language = SearchFrench({})
    seen: list[str] = []
    own = compat.stem_with(language, lambda word: seen.append(word) or own(word))
    assert language.stem("enseignantes") == SearchFrench({}).stem("enseignantes") and seen == ["enseignantes"]
    assert isinstance(language, SearchLanguage)


def test_an_extensions_source_suffix_is_in_the_registry_before_the_configuration() -> None:
    from sphinx import registry
    from sphinx.application import Sphinx

    assert "self.registry.add_source_suffix(" in inspect.getsource(Sphinx.add_source_suffix)
    found = registry.SphinxComponentRegistry()
    found.add_source_suffix(".md", "markdown")
    assert compat.suffix_registered(SimpleNamespace(registry=found), ".md")  # type: ignore[arg-type]
    assert "app.connect('config-inited', merge_source_suffix, priority=800)" in inspect.getsource(registry)


def test_global_toctree_for_doc_takes_the_options_the_sidebar_passes() -> None:
    parameters = inspect.signature(global_toctree_for_doc).parameters
    assert list(parameters)[:3] == ["env", "docname", "builder"]
    assert {"collapse", "includehidden", "maxdepth", "titles_only"} <= set(parameters)


def test_current_moved_moves_sphinxs_marks_to_the_sibling_and_back() -> None:
    def entry(uri: str, current: bool) -> nodes.list_item:
        reference = nodes.reference("", uri, refuri="" if current else uri, anchorname="", internal=True)
        paragraph = nodes.paragraph("", "", reference, classes=["toctree-l1"])
        item = nodes.list_item("", paragraph, classes=["toctree-l1"])
        if current:
            for node in (reference, paragraph, item):
                node["classes"].append("current")
                node["iscurrent"] = True
        return item

    tree = nodes.bullet_list("", entry("alpha.html", True), entry("beta.html", False))
    before = tree.pformat()
    with compat.current_moved(tree, "alpha.html", "beta.html") as moved:
        assert moved
        assert tree.pformat() == nodes.bullet_list("", entry("alpha.html", False), entry("beta.html", True)).pformat()
    assert tree.pformat() == before  # moved back for the next page
    with compat.current_moved(tree, "alpha.html", "gamma.html") as moved:
        assert not moved and tree.pformat() == before


def test_kit_renderer_sets_up_as_myst_does() -> None:
    config = MdParserConfig()
    document = make_document()
    options = {"myst_config": config, "document": document}
    theirs, ours = SphinxRenderer(create_md_parser(config, SphinxRenderer)), \
        compat.KitRenderer(create_md_parser(config, compat.KitRenderer))
    theirs.setup_render(options, {})
    ours.setup_render(options, {})
    assert vars(ours).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        if name not in ("md", "rules"):  # bound to each renderer
            assert vars(ours)[name] == value, name


def test_furo_writes_the_markup_its_templates_change() -> None:
    assert compat.FURO_THEME_SCRIPT in (FURO / "base.html").read_text(encoding="utf-8")
    assert compat.FURO_FOOTER_BOTTOM in (FURO / "page.html").read_text(encoding="utf-8")


def test_furo_writes_the_html_element_outside_its_blocks_as_directional_templates_expects() -> None:
    base = (FURO / "base.html").read_text(encoding="utf-8")
    assert compat.FURO_HTML_ELEMENT in base
    assert base.index(compat.FURO_HTML_ELEMENT) < base.index("{%- block site_meta")
