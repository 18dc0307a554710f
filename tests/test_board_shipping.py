"""A board ships the kit: bundles schools can trust and open (issue 21, "Shipping")."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from lessonkit.bundles import BundleRequest
from lessonkit.bundles.make import _target, bundle_name
from lessonkit.cli import main
from lessonkit.project import load_project


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new curriculum, as `lessonkit init` makes it."""
    root = tmp_path_factory.mktemp("shipping") / "board"
    assert run("init", str(root))[0] == 0
    return root


def test_an_output_folder_that_does_not_exist_yet_gets_the_bundle_inside(board: Path, tmp_path: Path) -> None:
    project = load_project(board)
    name = bundle_name(project, BundleRequest()) + ".zip"
    assert _target(project, BundleRequest(output=tmp_path / "kits", output_folder=True)) == tmp_path / "kits" / name
    # without the slash too: a name without the bundle's extension is a folder
    assert _target(project, BundleRequest(output=tmp_path / "kits")) == tmp_path / "kits" / name
    assert _target(project, BundleRequest(output=tmp_path / "kit.zip")) == tmp_path / "kit.zip"
    assert _target(project, BundleRequest(output=tmp_path / "kit.zim", target="zim")) == tmp_path / "kit.zim"
    assert _target(project, BundleRequest(output=tmp_path / "kit.zim", output_folder=True, target="zim")) \
        == tmp_path / "kit.zim" / (bundle_name(project, BundleRequest()) + ".zim")


def test_bundle_o_with_a_trailing_slash_writes_into_that_new_folder(board: Path, tmp_path: Path) -> None:
    code, out, err = run("-C", str(board), "bundle", "--lang", "en", "--band", "ages-8-10", "--format", "html",
                         "-o", f"{tmp_path}/somefolder/")
    assert (code, err) == (0, ""), err
    written = re.search(r"^bundled (\S+):", out, re.M)
    assert written and Path(written.group(1)).parent == tmp_path / "somefolder"
    assert Path(written.group(1)).suffix == ".zip" and Path(written.group(1)).is_file()
    assert Path(written.group(1) + ".sha256").is_file()
