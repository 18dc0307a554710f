"""The bundle's offline check: nothing in a page, a style sheet or an SVG image may reach for the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.bundles.links import check_pages, css_addresses, refresh_address, srcset_addresses

PAGE = "html/en/page.html"
OFFLINE = "a kit must work offline"


def findings_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    files = {"html/en/local.png": "", "html/en/other.html": "<p id='x'>other</p>", **files}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(finding) for finding in check_pages(lambda name: tmp_path / name, set(files), student=False)]


def page_findings(tmp_path: Path, body: str) -> list[str]:
    return findings_for(tmp_path, {PAGE: f"<!doctype html><html><head></head><body>{body}</body></html>"})


@pytest.mark.parametrize(("html", "address"), [
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "https://evil.example/"),
    ("<meta http-equiv='Refresh' content=\"5; URL='//evil.example/x'\">", "//evil.example/x"),
    ('<style>body { background: url(https://evil.example/bg.png) }</style>', "https://evil.example/bg.png"),
    ('<style>@import "https://evil.example/a.css";</style>', "https://evil.example/a.css"),
    ("<style>@import url('//evil.example/b.css');</style>", "//evil.example/b.css"),
    ('<p style="background-image: url(&quot;https://evil.example/p.png&quot;)">x</p>', "https://evil.example/p.png"),
    ('<div style="background: image-set(\'https://evil.example/i.png\' 1x)"></div>', "https://evil.example/i.png"),
    ('<form action="https://evil.example/collect"><input name="q"></form>', "https://evil.example/collect"),
    ('<form><button formaction="https://evil.example/b">go</button></form>', "https://evil.example/b"),
    ('<img alt="" src="local.png" srcset="local.png 1x, https://evil.example/2x.png 2x">',
     "https://evil.example/2x.png"),
    ('<picture><source srcset="//evil.example/a.webp"><img alt="" src="local.png"></picture>',
     "//evil.example/a.webp"),
    ('<object data="https://evil.example/o.swf"></object>', "https://evil.example/o.swf"),
    ('<embed src="https://evil.example/e.swf">', "https://evil.example/e.swf"),
    ('<svg><use href="https://evil.example/s.svg#i"></use></svg>', "https://evil.example/s.svg#i"),
    ('<svg><image xlink:href="http://evil.example/s.png"/></svg>', "http://evil.example/s.png"),
    ('<link rel="icon" href="https://evil.example/favicon.ico">', "https://evil.example/favicon.ico"),
    ('<link rel="prefetch" href="//evil.example/next.html">', "//evil.example/next.html"),
    ('<link rel="canonical" href="https://evil.example/page.html">', "https://evil.example/page.html"),
    ('<base href="https://evil.example/">', "https://evil.example/"),
    ('<video poster="https://evil.example/poster.png"></video>', "https://evil.example/poster.png"),
    ('<video><source src="https://evil.example/v.webm"></video>', "https://evil.example/v.webm"),
    ('<video><track src="https://evil.example/c.vtt"></video>', "https://evil.example/c.vtt"),
    ('<iframe src="https://evil.example/frame.html"></iframe>', "https://evil.example/frame.html"),
    ('<iframe srcdoc="<img src=https://evil.example/in-frame.png>"></iframe>', "https://evil.example/in-frame.png"),
    ('<a href="other.html" ping="https://evil.example/ping">x</a>', "https://evil.example/ping"),
    ('<table background="https://evil.example/t.png"></table>', "https://evil.example/t.png"),
    ('<img alt="" src="  ht\ttps://evil.example/tab.png">', "ht\ttps://evil.example/tab.png"),
    ('<img alt="" src="\\\\evil.example\\share\\x.png">', "\\\\evil.example\\share\\x.png"),
])
def test_a_page_that_reaches_for_the_network_stops_the_bundle(tmp_path: Path, html: str, address: str) -> None:
    findings = page_findings(tmp_path, html)
    assert len(findings) == 1, findings
    assert findings[0].startswith(f"{PAGE}: ") and address in findings[0] and findings[0].endswith(OFFLINE)


def test_each_kind_of_reach_is_named(tmp_path: Path) -> None:
    assert page_findings(tmp_path, '<meta http-equiv="refresh" content="0;url=https://e.example/">'
                                   '<form action="https://e.example/f"></form>'
                                   '<img alt="" src="//e.example/i.png">') == [
        f"{PAGE}: sends the reader to https://e.example/ on the network by itself; {OFFLINE}",
        f"{PAGE}: sends a form to https://e.example/f on the network; {OFFLINE}",
        f"{PAGE}: loads //e.example/i.png from the network; {OFFLINE}",
    ]


def test_links_the_reader_follows_may_lead_to_the_web(tmp_path: Path) -> None:
    assert page_findings(tmp_path, '<a href="https://cybertip.ca">Cybertip.ca</a>'
                                   '<map><area href="https://kidshelpphone.ca" alt="x"></map>'
                                   '<svg><a href="https://example.org/">svg link</a></svg>'
                                   '<meta http-equiv="refresh" content="30">'
                                   '<img alt="" src="data:image/png;base64,AAAA" srcset="local.png 2x">'
                                   '<p style="color: red">x</p><style>p { background: url(local.png) }</style>'
                                   '<form action="other.html#x"></form>') == []


def test_local_addresses_in_the_new_places_must_exist(tmp_path: Path) -> None:
    assert page_findings(tmp_path, '<img alt="" src="local.png" srcset="missing-2x.png 2x">'
                                   '<video poster="../../../elsewhere.png"></video>') == [
        f"{PAGE}: link to missing-2x.png leads nowhere: the bundle has no html/en/missing-2x.png",
        f"{PAGE}: link to ../../../elsewhere.png leads outside the bundle",
    ]


def test_a_file_url_is_outside_the_bundle(tmp_path: Path) -> None:
    assert page_findings(tmp_path, '<img alt="" src="file:///etc/passwd">') == [
        f"{PAGE}: loads file:///etc/passwd, a file outside the bundle"]


def test_style_sheets_and_svg_images_are_checked_too(tmp_path: Path) -> None:
    assert findings_for(tmp_path, {
        "html/en/_static/theme.css": '@import "https://evil.example/a.css";\n'
                                     "/* url(https://commented.example/out.png) */\n"
                                     "body { background: url( 'https://evil.example/bg.png' ) }\n"
                                     "p { background: url(d\\61ta:image/png,AA) }\n",
        "html/en/_static/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg" '
                                    'xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    '<style><![CDATA[ g { fill: url(https://evil.example/f.svg#p) } ]]></style>'
                                    '<image xlink:href="https://evil.example/i.png"/>'
                                    '<use href="//evil.example/u.svg#u"/>'
                                    '<a href="https://example.org/">link</a></svg>',
    }) == [
        f"html/en/_static/icon.svg: loads https://evil.example/f.svg#p from the network; {OFFLINE}",
        f"html/en/_static/icon.svg: loads https://evil.example/i.png from the network; {OFFLINE}",
        f"html/en/_static/icon.svg: loads //evil.example/u.svg#u from the network; {OFFLINE}",
        f"html/en/_static/theme.css: loads https://evil.example/a.css from the network; {OFFLINE}",
        f"html/en/_static/theme.css: loads https://evil.example/bg.png from the network; {OFFLINE}",
    ]


def test_css_addresses_read_urls_imports_image_sets_and_escapes() -> None:
    assert css_addresses('@import url("a.css"); @import \'b.css\';\n'
                         "x { background: url(c.png), image-set('d.png' 1x, url(e.png) 2x) }\n"
                         "y { background: url(ht\\74ps://f.example/g.png) }\n"
                         "z { content: '\\FFFFFF'; background: url(\\0h.png) }") == [
        "a.css", "b.css", "c.png", "d.png", "e.png", "https://f.example/g.png", "\ufffdh.png"]


def test_srcset_candidates_are_split_as_browsers_split_them() -> None:
    assert srcset_addresses("a.png, b.png 2x,c.png 640w , d,e.png 3x") == ["a.png", "b.png", "c.png", "d,e.png"]
    assert srcset_addresses("data:image/png;base64,AA== 1x, f.png 2x") == ["data:image/png;base64,AA==", "f.png"]
    assert srcset_addresses("  ") == []


@pytest.mark.parametrize(("content", "address"), [
    ("0;url=https://a.example/", "https://a.example/"), ("0; URL = 'b.html'", "b.html"),
    ('3,url="c.html"', "c.html"), ("0;https://d.example/", "https://d.example/"), ("10", ""),
])
def test_a_refresh_names_where_it_sends_the_reader(content: str, address: str) -> None:
    assert refresh_address(content) == address
