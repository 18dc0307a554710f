"""Redraw the pictures of the README and the guides from a real build (run by `make doc-images`).

A lesson page of the HTML kit is photographed by Chromium; the first page of each PDF of the same
lesson is drawn by poppler's pdftoppm. The pictures are shrunk to a few colours to stay small.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

LESSON = ("ages-8-10", "be-an-upstander")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def shrink(source: Path, target: Path, width: int) -> None:
    image = Image.open(source).convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    image.quantize(colors=64, dither=Image.Dither.NONE).save(target, optimize=True)


def page_shot(page: Path, target: Path, work: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is needed to photograph a page (Debian: apt-get install chromium)")
    raw = work / "page.png"
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", f"--screenshot={raw}",
                    "--window-size=1200,1000", page.as_uri()], check=True, capture_output=True)
    shrink(raw, target, 960)


def pdf_shot(pdf: Path, target: Path, work: Path) -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is needed to draw a PDF page (Debian: apt-get install poppler-utils)")
    stem = work / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True)
    shrink(stem.with_suffix(".png"), target, 680)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("build", type=Path, help="the build folder, holding html/ and pdf/")
    parser.add_argument("images", type=Path, help="where the pictures go (docs/images)")
    args = parser.parse_args()
    args.build = args.build.resolve()
    band, lesson = LESSON
    args.images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        page_shot(args.build / "html" / "en" / "lessons" / band / f"{lesson}.html", args.images / "kit-page.png", work)
        for kind, name in (("teacher", "teacher-guide"), ("handout", "handout"), ("family", "family-letter")):
            pdf_shot(args.build / "pdf" / "en" / band / f"{lesson}-{kind}.pdf", args.images / f"{name}.png", work)
    for image in sorted(args.images.glob("*.png")):
        print(f"{image}: {image.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
