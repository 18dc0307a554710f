"""The video block (issue #9): played offline with captions, printed as a poster, checked before a build.

The test project is tests/roots/test-video: one lesson with a two-second WebM, a poster (and its
French version) and captions in English and French.
"""

from __future__ import annotations

import base64
import io
import posixpath
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from browser_support import Traffic, open_context
from bs4 import BeautifulSoup
from PIL import Image
from test_pdfread import in_order, reader, text

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest
from lessonkit.cli import main
from lessonkit.project import load_project

ROOT = Path(__file__).parent.resolve() / "roots" / "test-video"
LESSON = "lessons/ages-8-10/watch-and-tell.md"
PAGE = "lessons/ages-8-10/watch-and-tell.html"
VIDEOS = ROOT / "lessons" / "ages-8-10" / "videos"
CAPTIONS = {"en": "tell someone you trust.", "fr": "parles-en à un adulte de confiance."}  # the last cue


def video_block(html: str) -> BeautifulSoup:
    block = BeautifulSoup(html, "html.parser").select_one("section.lk-video")
    assert block is not None
    return block


def linked_file(outdir: Path, address: str) -> Path:
    """The output file that ``address``, written in the lesson page, points at."""
    target = (outdir / PurePosixPath(PAGE).parent / address).resolve()
    assert target.is_relative_to(outdir.resolve()), address
    return target


def data_url_bytes(address: str) -> bytes:
    prefix = "data:text/vtt;base64,"
    assert address.startswith(prefix), address[:40]
    return base64.b64decode(address[len(prefix):])


# -- the HTML page ------------------------------------------------------------------------------


@pytest.mark.sphinx("kithtml", testroot="video", freshenv=True)
def test_the_lesson_page_plays_the_video_from_the_kit_with_a_track_per_language(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    block = video_block((app.outdir / PAGE).read_text(encoding="utf-8"))
    assert block.select_one(".lk-label").get_text() == "Video"
    assert block.select_one(".lk-title").get_text() == "Tell someone you trust"
    video = block.select_one("video")
    assert video.has_attr("controls") and video["aria-label"] == "Tell someone you trust"
    source = video.select_one("source")
    assert source["type"] == "video/webm"
    assert linked_file(app.outdir, source["src"]).read_bytes() == (VIDEOS / "tell-someone.webm").read_bytes()
    assert linked_file(app.outdir, video["poster"]).read_bytes() == (VIDEOS / "tell-someone.png").read_bytes()
    tracks = [(t["kind"], t["srclang"], t["label"], t.has_attr("default")) for t in video.select("track")]
    assert tracks == [("captions", "en", "English", True), ("captions", "fr", "Français", False)]
    # The captions are in the page: a browser refuses a caption file loaded from another file:// file.
    for track in video.select("track"):
        expected = (VIDEOS / f"tell-someone.{track['srclang']}.vtt").read_bytes()
        assert data_url_bytes(track["src"]) == expected
    fallback = video.select_one("a")
    assert fallback["href"] == source["src"] and fallback.get_text() == "Download the video"
    assert block.select_one("p").get_text() == "A short clip that ends with where to get help."


@pytest.mark.sphinx("kithtml", testroot="video", freshenv=True, srcdir="video-fr", confoverrides={"language": "fr"})
def test_the_french_page_turns_on_the_french_captions_and_shows_the_french_poster(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    block = video_block((app.outdir / PAGE).read_text(encoding="utf-8"))
    assert block.select_one(".lk-label").get_text() == "Vidéo"
    # the verb and its pronoun never part at a line's end (a hyphen that does not break)
    assert block.select_one(".lk-title").get_text() == "Parles\u2011en à un adulte de confiance"
    video = block.select_one("video")
    assert video["aria-label"] == "Parles\u2011en à un adulte de confiance"
    assert [t["srclang"] for t in video.select("track[default]")] == ["fr"]
    assert [t["label"] for t in video.select("track")] == ["English", "Français"]
    # tell-someone.fr.png sits next to tell-someone.png: French pages use it
    assert linked_file(app.outdir, video["poster"]).read_bytes() == (VIDEOS / "tell-someone.fr.png").read_bytes()
    assert video.select_one("a").get_text() == "Télécharger la vidéo"
    assert block.select_one("p").get_text() == "Une courte vidéo qui se termine en disant où trouver de l’aide."


@pytest.mark.sphinx("kithtml", testroot="video", freshenv=True, srcdir="video-student",
                    confoverrides={"lessonkit_audience": "student"})
def test_the_student_edition_keeps_the_video(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    video = video_block((app.outdir / PAGE).read_text(encoding="utf-8")).select_one("video")
    assert linked_file(app.outdir, video.select_one("source")["src"]).is_file()


@pytest.mark.sphinx("gettext", testroot="video", freshenv=True, srcdir="video-gettext")
def test_the_title_and_the_text_go_to_the_translators_but_not_the_paths(app) -> None:
    app.build()
    catalog = (app.outdir / "lessons" / "ages-8-10" / "watch-and-tell.pot").read_text(encoding="utf-8")
    assert 'msgid "Tell someone you trust"' in catalog
    assert 'msgid "A short clip that ends with where to get help."' in catalog
    assert "tell-someone." not in catalog


# -- the PDFs -----------------------------------------------------------------------------------


def page_images(path: Path, page_number: int = 0) -> list[bytes]:
    """The pixels (as RGB) of each image drawn on a page."""
    return [image.image.convert("RGB").tobytes() for image in reader(path).pages[page_number].images]


def pixels(path: Path) -> bytes:
    return Image.open(path).convert("RGB").tobytes()


def pdf_build(app) -> Path:
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir) / "ages-8-10"


@pytest.mark.sphinx("kitpdf", testroot="video", freshenv=True, srcdir="video-pdf")
def test_the_teacher_guide_prints_the_poster_and_where_to_find_the_video(app) -> None:
    out = pdf_build(app)
    guide = out / "watch-and-tell-teacher.pdf"
    assert in_order(text(guide), "VIDEO", "Tell someone you trust",
                    "Video: Tell someone you trust — on the lesson page of the kit",
                    "A short clip that ends with where to get help.", "ACTIVITY")
    assert page_images(guide) == [pixels(VIDEOS / "tell-someone.png")]
    kit = Path(app.outdir) / "ages-8-10-kit.pdf"
    assert "Video: Tell someone you trust — on the lesson page of the kit" in text(kit)
    # Paper for students and families does not point at a page they cannot open.
    for part in ("handout", "family"):
        document = out / f"watch-and-tell-{part}.pdf"
        assert "Tell someone you trust" not in text(document)
        assert all(len(page.images) == 0 for page in reader(document).pages)


@pytest.mark.sphinx("kitpdf", testroot="video", freshenv=True, srcdir="video-pdf-fr", confoverrides={"language": "fr"})
def test_the_french_teacher_guide_says_it_in_french_with_the_french_poster(app) -> None:
    guide = pdf_build(app) / "watch-and-tell-teacher.pdf"
    assert in_order(text(guide), "VIDÉO", "Parles-en à un adulte de confiance",
                    "Vidéo : Parles-en à un adulte de confiance — sur la page de la leçon, dans la trousse")
    assert page_images(guide) == [pixels(VIDEOS / "tell-someone.fr.png")]


# -- lessonkit check ----------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "kit"
    shutil.copytree(ROOT, target)
    return target


def check(project: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["-C", str(project), "check"], out, err)
    return code, [line for line in out.getvalue().splitlines() if ": error: " in line]


def edit(project: Path, old: str, new: str) -> None:
    path = project / LESSON
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    path.write_text(source.replace(old, new), encoding="utf-8")


def test_the_test_project_passes_the_check(project: Path) -> None:
    assert check(project) == (0, [])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{video} videos/tell-someone.webm", "{video} https://videos.example/tell-someone.webm",
         f"{LESSON}:19: error: the video 'https://videos.example/tell-someone.webm' is on the network; the kit "
         "must work offline: save the file in the project and give its path [video-remote]"),
        ("{video} videos/tell-someone.webm", "{video} videos/tell-someone-v2.webm",
         f"{LESSON}:19: error: the video 'videos/tell-someone-v2.webm' is not a file in the project [video-missing]"),
        ("{video} videos/tell-someone.webm", "{video}",
         f"{LESSON}:19: error: a video needs its file after the block name: ':::{{video}} videos/clip.webm' "
         "[video-missing]"),
        ("{video} videos/tell-someone.webm", "{video} videos/tell-someone.mov",
         f"{LESSON}:19: error: the video 'videos/tell-someone.mov' is not a format browsers play; convert it to "
         ".webm, .mp4 or .ogv (e.g. ffmpeg -i clip.mov clip.webm) [video-format]"),
        (":title: Tell someone you trust\n", "",
         f"{LESSON}:19: error: a video needs a title that says what it shows: add ':title: Tell someone you trust' "
         "on the line after ':::{video} file' [video-title]"),
        (":poster: videos/tell-someone.png\n", "",
         f"{LESSON}:19: error: a video needs a poster image, shown before it plays and in the PDFs: add "
         "':poster: videos/clip.png' [video-poster]"),
        (":poster: videos/tell-someone.png", ":poster: videos/poster.png",
         f"{LESSON}:21: error: the poster 'videos/poster.png' is not a file in the project [video-poster]"),
        (":poster: videos/tell-someone.png", ":poster: http://images.example/poster.png",
         f"{LESSON}:21: error: the poster 'http://images.example/poster.png' is on the network; the kit must work "
         "offline: save the image in the project and give its path [video-remote]"),
        (":captions: videos/tell-someone.{lang}.vtt\n", "",
         f"{LESSON}:19: error: a video needs captions in each language of the curriculum: add ':captions: "
         "videos/clip.{lang}.vtt' ({lang} stands for en, fr) [video-captions]"),
        (":captions: videos/tell-someone.{lang}.vtt", ":captions: videos/tell-someone.en.vtt",
         f"{LESSON}:22: error: the captions 'videos/tell-someone.en.vtt' are one file for every language; write "
         "{lang} in the path (e.g. clip.{lang}.vtt) and give one WebVTT file per language (en, fr) [video-captions]"),
        (":captions: videos/tell-someone.{lang}.vtt", ":captions: videos/tell-someone.{lang}.srt",
         f"{LESSON}:22: error: the captions 'videos/tell-someone.{{lang}}.srt' must be WebVTT files (.vtt), the "
         "only captions browsers show; convert them, e.g. ffmpeg -i clip.srt clip.vtt [video-captions]"),
        (":captions: videos/tell-someone.{lang}.vtt", ":captions: https://videos.example/tell-someone.{lang}.vtt",
         f"{LESSON}:22: error: the captions 'https://videos.example/tell-someone.{{lang}}.vtt' are on the network; "
         "the kit must work offline: save the files in the project and give their path [video-remote]"),
    ],
)
def test_each_video_rule_names_file_line_and_fix(project: Path, old: str, new: str, expected: str) -> None:
    edit(project, old, new)
    code, problems = check(project)
    assert code == 1
    assert problems == [expected]


def test_a_language_without_captions_is_refused(project: Path) -> None:
    (project / "lessons/ages-8-10/videos/tell-someone.fr.vtt").unlink()
    assert check(project) == (1, [
        f"{LESSON}:22: error: the 'fr' captions 'videos/tell-someone.fr.vtt' are not a file in the project; "
        "conf.py declares the languages en, fr, and each needs its captions [video-captions]"])


def test_captions_that_are_not_webvtt_are_refused(project: Path) -> None:
    (project / "lessons/ages-8-10/videos/tell-someone.fr.vtt").write_text(
        "1\n00:00:00,000 --> 00:00:02,000\nParles-en à un adulte de confiance.\n", encoding="utf-8")
    assert check(project) == (1, [
        f"{LESSON}:22: error: 'videos/tell-someone.fr.vtt' is not a WebVTT file (its first line must be 'WEBVTT'), "
        "so browsers would show no captions; save it as WebVTT [video-captions]"])


def test_paths_from_the_top_of_the_project_and_a_byte_order_mark_are_fine(project: Path) -> None:
    edit(project, ":poster: videos/tell-someone.png", ":poster: /lessons/ages-8-10/videos/tell-someone.png")
    vtt = project / "lessons/ages-8-10/videos/tell-someone.en.vtt"
    vtt.write_bytes(b"\xef\xbb\xbf" + vtt.read_bytes())
    assert check(project) == (0, [])


def test_the_build_refuses_a_missing_caption_track_with_the_check_message(project: Path) -> None:
    (project / "lessons/ages-8-10/videos/tell-someone.fr.vtt").unlink()
    out, err = io.StringIO(), io.StringIO()
    assert main(["-C", str(project), "build", "--format", "html"], out, err) == 1
    assert f"{LESSON}:22: error: the 'fr' captions" in err.getvalue()
    assert not (project / "build" / "html").exists()


def test_sphinx_alone_reports_the_same_problem_at_the_block(make_app, project: Path) -> None:
    """A build that skips `lessonkit check` (the guides, a plain sphinx-build) stops with the same words."""
    (project / "lessons/ages-8-10/videos/tell-someone.fr.vtt").unlink()
    app = make_app("kithtml", srcdir=project)
    app.build()
    assert (f"{LESSON}:19: ERROR: the 'fr' captions 'videos/tell-someone.fr.vtt' are not a file in the project; "
            "conf.py declares the languages en, fr, and each needs its captions [video-captions]") \
        in app.warning.getvalue()


# -- the whole kit: rebuilds, bundles, a browser --------------------------------------------------


def test_a_changed_caption_file_is_in_the_next_build(project: Path) -> None:
    kit = load_project(project)
    request = BuildRequest(languages=["fr"], formats=["html"])
    build(kit, request)
    vtt = project / "lessons/ages-8-10/videos/tell-someone.fr.vtt"
    vtt.write_text(vtt.read_text(encoding="utf-8").replace("adulte de confiance", "adulte en qui tu as confiance"),
                   encoding="utf-8")
    build(kit, request)
    page = (project / "build" / "html" / "fr" / PAGE).read_text(encoding="utf-8")
    french = video_block(page).select_one('track[srclang="fr"]')
    assert "adulte en qui tu as confiance" in data_url_bytes(french["src"]).decode("utf-8")


def test_the_bundle_carries_the_video_and_its_poster(project: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    # the test project has no French catalogs: ship it as it is
    code = main(["-C", str(project), "bundle", "--format", "html", "--allow-untranslated"], out, err)
    assert code == 0, err.getvalue()
    bundle = next((project / "build" / "bundles").glob("*.zip"))
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        for language in ("en", "fr"):
            page = f"html/{language}/{PAGE}"
            video = video_block(archive.read(page).decode("utf-8")).select_one("video")
            for address in (video.select_one("source")["src"], video["poster"]):
                name = posixpath.normpath(posixpath.join(posixpath.dirname(page), address))
                assert name in names, name
    assert main(["verify", str(bundle)], io.StringIO(), io.StringIO()) == 0


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project built to HTML in English and French, as a teacher gets it."""
    source = tmp_path_factory.mktemp("video") / "kit"
    shutil.copytree(ROOT, source)
    build(load_project(source), BuildRequest(formats=["html"]))
    return source / "build" / "html"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_chromium_plays_the_video_from_file_with_the_page_language_captions(chromium, video_site: Path,
                                                                             language: str) -> None:
    traffic = Traffic()
    context = open_context(chromium, traffic)
    try:
        page = context.new_page()
        page.goto((video_site / language / PAGE).as_uri())
        page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=10_000)
        state = page.evaluate("""async () => {
            const video = document.querySelector('video');
            const showing = [...video.textTracks].filter((track) => track.mode === 'showing');
            const element = [...video.querySelectorAll('track')].find((track) => track.default);
            // a seek to the last cue: it is the one on screen
            await new Promise((done) => {
                video.addEventListener('seeked', done, {once: true});
                video.currentTime = 1.5;
            });
            await new Promise((done) => setTimeout(done, 100));
            return {ready: video.readyState, error: video.error, duration: video.duration,
                    showing: showing.map((track) => track.language), loaded: element.readyState,
                    cue: showing.length ? [...showing[0].activeCues].map((cue) => cue.text) : []};
        }""")
    finally:
        context.close()
    assert state["ready"] >= 1 and state["error"] is None
    assert state["duration"] == pytest.approx(2.0, abs=0.2)
    assert state["showing"] == [language]
    assert state["loaded"] == 2  # HTMLTrackElement.LOADED
    assert state["cue"] == [CAPTIONS[language]]
    assert traffic.remote == [] and traffic.errors == []
