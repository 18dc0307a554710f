"""Languages with a scope: a family language has the family letters and the family pages only."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from test_cli import run

from lessonkit.settings import KitSettings, SettingsError

ROOT = Path(__file__).parent / "roots" / "test-family-languages"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test root (its Arabic catalogs written by hand) with its Spanish family catalogs made, then
    built and bundled."""
    root = tmp_path_factory.mktemp("family") / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", "locale"))
    code, _, err = run("-C", str(root), "i18n", "update", "--lang", "es")
    assert (code, err) == (0, ""), err
    # Arabic's PDFs are built and read in test_scripts.py: English, French, Spanish here.
    code, _, err = run("-C", str(root), "build", "--lang", "en,fr,es")
    assert (code, err) == (0, ""), err
    # its French and Spanish catalogs are made, not translated: shipped as they are, with a notice
    code, _, err = run("-C", str(root), "bundle", "--lang", "en,fr,es", "--allow-untranslated")
    assert code == 0, err
    return root


def test_a_language_declares_its_scope_and_the_list_form_still_means_every_page() -> None:
    scoped = KitSettings.from_namespace({"lessonkit_languages": {"en": "full", "fr": "full", "ar": "family"}})
    assert scoped.languages == ["en", "fr"] and scoped.family_languages == ["ar"]
    assert scoped.all_languages == ["en", "fr", "ar"]
    assert scoped.scope("ar") == "family" and scoped.scope("fr") == "full"
    assert scoped.in_scope("ar", "source/families") and not scoped.in_scope("ar", "source/index")
    listed = KitSettings.from_namespace({"lessonkit_languages": ["en", "fr"]})
    assert listed.all_languages == ["en", "fr"] and listed.scope("fr") == "full"


def test_an_unknown_scope_is_refused_with_the_two_scopes_named() -> None:
    with pytest.raises(SettingsError, match=r"lessonkit_languages\['ar'\] is 'partial'.*'full'.*'family'"):
        KitSettings.from_namespace({"lessonkit_languages": {"en": "full", "ar": "partial"}})
    with pytest.raises(SettingsError, match="at least one 'full' language"):
        KitSettings.from_namespace({"lessonkit_languages": {"ar": "family"}})


def test_update_makes_catalogs_of_the_family_scope_only(kit: Path) -> None:
    spanish = kit / "locale" / "es" / "LC_MESSAGES"
    made = sorted(path.relative_to(spanish).as_posix() for path in spanish.rglob("*.po"))
    assert made == ["lessons/ages-8-10/alpha.po", "source/disclosure.po", "source/families.po",
                    "source/get-help.po"]
    letter = {entry.msgid for entry in polib.pofile(str(spanish / "lessons" / "ages-8-10" / "alpha.po"))}
    assert "Dear families, we learned the alpha steps." in letter and "Students learn the alpha steps." in letter
    # what only the teacher guide and the handout show is not the family language's to translate
    assert not letter & {"Children sort the cards.", "Secret background only teachers see.", "Write your plan."}


def test_status_reports_coverage_against_the_scope(kit: Path) -> None:
    code, out, _ = run("-C", str(kit), "i18n", "status", "--lang", "es")
    assert code == 0
    assert "source/families" in out and "lessons/ages-8-10/alpha" in out and "source/index" not in out


def test_update_refuses_a_language_conf_py_does_not_declare(kit: Path) -> None:
    code, _, err = run("-C", str(kit), "i18n", "update", "--lang", "pa")
    assert code == 2 and "unknown language pa" in err and "'pa': 'family'" in err


def test_a_family_language_is_built_where_it_has_pages(kit: Path) -> None:
    spanish = kit / "build" / "html" / "es"
    pages = sorted(path.name for path in spanish.glob("*.html") if path.name not in ("search.html", "genindex.html"))
    assert pages == ["disclosure.html", "families.html", "get-help.html"]
    assert not (spanish / "lessons").exists() and not (spanish / "index.html").exists()
    assert 'lang="es"' in (spanish / "families.html").read_text(encoding="utf-8")
    navigation = (spanish / "families.html").read_text(encoding="utf-8").split('class="sidebar-tree"')[1]
    assert 'href="get-help.html"' in navigation and 'href="disclosure.html"' in navigation
    letters = sorted(path.relative_to(kit / "build" / "pdf" / "es").as_posix()
                     for path in (kit / "build" / "pdf" / "es").rglob("*.pdf"))
    assert "ages-8-10/alpha-family.pdf" in letters
    assert not [name for name in letters if "teacher" in name or "handout" in name or "kit" in name]
    chooser = (kit / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="es/families.html" hreflang="es"' in chooser and "Español" in chooser


def test_the_switcher_offers_a_family_language_only_where_it_has_the_page(kit: Path) -> None:
    html = kit / "build" / "html" / "en"
    assert 'hreflang="es"' in (html / "get-help.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' in (html / "families.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' not in (html / "lessons" / "ages-8-10" / "alpha.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' not in (html / "index.html").read_text(encoding="utf-8")


def test_the_bundle_carries_the_family_language_and_verifies(kit: Path) -> None:
    bundle = next((kit / "build" / "bundles").glob("*.zip"))
    code, out, _ = run("verify", str(bundle))
    assert code == 0 and "en, fr, es" in out


def test_every_family_letter_declares_its_language_and_is_tagged(kit: Path) -> None:
    import pikepdf
    from tagged import check_tagged, pdfua_findings

    for language in ("en", "fr", "es"):
        letter = kit / "build" / "pdf" / language / "ages-8-10" / "alpha-family.pdf"
        with pikepdf.open(letter) as pdf:
            assert str(pdf.Root.Lang) == language
        assert check_tagged(letter) == [] and pdfua_findings(letter) == []


def test_a_family_language_gets_its_letter_beside_the_school_language(kit: Path) -> None:
    import pikepdf
    from tagged import check_tagged, pdfua_findings

    pdfs = kit / "build" / "pdf"
    pair = pdfs / "es" / "ages-8-10" / "alpha-family-en-es.pdf"
    with pikepdf.open(pair) as pdf:
        document = pdf.Root.StructTreeRoot.K
        assert str(document.Lang) == "en"  # the school's letter comes first
        assert [str(part.Lang) for part in document.K] == ["en", "es"]
        assert len(pdf.pages) == 2
    assert check_tagged(pair) == [] and pdfua_findings(pair) == []
    # the letter of every language back to back is for the full languages only
    assert not (pdfs / "es" / "ages-8-10" / "alpha-family-bilingual.pdf").exists()
    with pikepdf.open(pdfs / "en" / "ages-8-10" / "alpha-family-bilingual.pdf") as pdf:
        assert [str(part.Lang) for part in pdf.Root.StructTreeRoot.K.K] == ["en", "fr"]


def test_letter_pairs_are_chosen_in_settings() -> None:
    settings = KitSettings.from_namespace({"lessonkit_languages": {"en": "full", "fr": "full", "ar": "family"},
                                           "lessonkit_letter_pairs": [["fr", "ar"]]})
    assert settings.bilingual_pairs(["en", "fr", "ar"]) == [("fr", "ar")]
    assert settings.bilingual_pairs(["en", "ar"]) == []  # French is not built
    default = KitSettings.from_namespace({"lessonkit_languages": {"en": "full", "fr": "full", "ar": "family"}})
    assert default.bilingual_pairs(["en", "fr", "ar"]) == [("en", "ar")]
    with pytest.raises(SettingsError, match=r"lessonkit_letter_pairs: \['fr', 'pa'\] is not a pair"):
        KitSettings.from_namespace({"lessonkit_languages": ["en", "fr"], "lessonkit_letter_pairs": [["fr", "pa"]]})


AWAITING = "This translation is awaiting review by a fluent reader."
# lessonkit's own Spanish catalog says it in Spanish
AWAITING_ES = "Esta traducción está pendiente de revisión por una persona que domina el idioma."


def test_a_new_catalog_awaits_review_and_its_pages_and_letters_say_so(kit: Path) -> None:
    catalog = polib.pofile(str(kit / "locale" / "es" / "LC_MESSAGES" / "source" / "families.po"))
    assert catalog.metadata["X-Review-Status"] == "unreviewed"
    assert AWAITING_ES in (kit / "build" / "html" / "es" / "families.html").read_text(encoding="utf-8")
    english = (kit / "build" / "html" / "en" / "families.html").read_text(encoding="utf-8")
    assert AWAITING not in english and AWAITING_ES not in english
    from pypdf import PdfReader

    letter = " ".join(PdfReader(kit / "build" / "pdf" / "es" / "ages-8-10" / "alpha-family.pdf").pages[0]
                      .extract_text().split())
    assert AWAITING_ES in letter and letter.index(AWAITING_ES) < letter.index("Dear families")


def test_check_strict_refuses_an_unreviewed_catalog(kit: Path) -> None:
    _, out, _ = run("-C", str(kit), "check")
    assert "locale/es/LC_MESSAGES/source/families.po:1: warning: this translation awaits review" in out
    assert "locale/es/LC_MESSAGES/source/families.po:1: error" not in out
    code, out, _ = run("-C", str(kit), "check", "--strict")
    assert code == 1 and "locale/es/LC_MESSAGES/source/families.po:1: error: this translation awaits review" in out
    assert "X-Review-Status: reviewed by <name>, <date>" in out


def test_a_letter_pair_is_chosen_on_the_command_line(kit: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build"))
    code, _, err = run("-C", str(copy), "build", "--lang", "en,fr,es", "--format", "pdf", "--letter-pair", "fr,es")
    assert (code, err) == (0, ""), err
    letters = sorted(path.name for path in (copy / "build" / "pdf" / "es" / "ages-8-10").glob("*.pdf"))
    assert letters == ["alpha-family-fr-es.pdf", "alpha-family.pdf"]
    code, _, err = run("-C", str(copy), "build", "--letter-pair", "fr,pa")
    assert code == 2 and "--letter-pair fr,pa: give the school's language, then the home language" in err


def test_a_family_language_is_previewed_as_it_is_built(kit: Path, tmp_path: Path) -> None:
    from lessonkit import serve

    copy = tmp_path / "kit"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build"))
    preview = serve.Preview(copy, "ar")  # whatever fonts the PDFs lack: a preview is HTML
    assert preview.home == "families.html"
    assert preview.rebuild().problems == []
    assert 'dir="rtl"' in (preview.outdir / "families.html").read_text(encoding="utf-8")
    assert not (preview.outdir / "index.html").exists()


def test_status_of_a_language_without_catalogs_says_how_to_make_them(kit: Path) -> None:
    copy = kit.parent / "no-catalogs"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build", "locale"))
    code, _, err = run("-C", str(copy), "i18n", "status", "--lang", "es", "--fail-under", "50")
    assert code == 1 and "es: no catalogs yet; make them with lessonkit i18n update --lang es" in err


def test_the_family_notice_is_translated_wherever_it_lives(tmp_path: Path) -> None:
    """The curriculum keeps its family notice in a teacher page (source/using-this-kit): a family
    language gets that page's catalog with the notice alone, counted by status, and its letters show it."""
    root = tmp_path / "kit"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", "locale"))
    disclosure = root / "source" / "disclosure.md"
    text = disclosure.read_text(encoding="utf-8")
    notice = text[text.index(":::{kit-text} family-notice"):]
    disclosure.write_text(text.replace(notice, ""), encoding="utf-8")
    (root / "source" / "using-this-kit.md").write_text(
        "---\naudience: teacher\n---\n\n# Using this kit\n\nHow to teach the lessons.\n\n" + notice, encoding="utf-8")
    index = root / "source" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("families\n", "families\nusing-this-kit\n"),
                     encoding="utf-8")
    code, _, err = run("-C", str(root), "i18n", "update", "--lang", "es")
    assert (code, err) == (0, ""), err
    catalog = polib.pofile(str(root / "locale" / "es" / "LC_MESSAGES" / "source" / "using-this-kit.po"))
    assert [entry.msgid for entry in catalog] == ["This lesson deals with a sensitive topic."]
    catalog[0].msgstr = "Esta lección trata un tema delicado."
    catalog.save()
    _, out, _ = run("-C", str(root), "i18n", "status", "--lang", "es")
    assert "source/using-this-kit" in out and "source/index" not in out
    code, _, err = run("-C", str(root), "build", "--lang", "es", "--format", "pdf")
    assert (code, err) == (0, ""), err
    from pypdf import PdfReader

    letter = " ".join(PdfReader(root / "build" / "pdf" / "es" / "ages-8-10" / "alpha-family.pdf").pages[0]
                      .extract_text().split())
    assert "Esta lección trata un tema delicado." in letter and "sensitive topic" not in letter


def test_strict_translations_hold_a_family_language_to_its_scope(kit: Path, tmp_path: Path) -> None:
    """Its PDF run reads every page, but only the letters and the family pages are its own: the
    pages outside its scope are not reported untranslated, the letter still is."""
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build"))
    code, _, err = run("-C", str(copy), "build", "--lang", "es", "--format", "pdf", "--strict-translations")
    assert code == 1 and "alpha.md: WARNING:" in err and "[lessonkit.translation]" in err
    assert "index.md: WARNING" not in err
    copy = tmp_path / "translated"
    shutil.copytree(kit, copy, ignore=shutil.ignore_patterns("build", "*.mo"))
    spanish = copy / "locale" / "es" / "LC_MESSAGES"
    for po in spanish.rglob("*.po"):
        catalog = polib.pofile(str(po))
        for entry in catalog:
            entry.msgstr = f"{entry.msgid} (es)"  # what matters here is that nothing is missing
        catalog.save()
    code, _, err = run("-C", str(copy), "build", "--lang", "es", "--format", "pdf", "--strict-translations")
    assert (code, err) == (0, ""), err
