"""The build daemon, as a writer meets it: the console script, run as a separate process."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lessonkit import daemon
from lessonkit.cli import main
from lessonkit.console import command_of

LESSONKIT = Path(sys.executable).parent / "lessonkit"
LESSON = "lessons/ages-8-10/private-information-and-livestreaming.md"
PAGE = "build/html/en/lessons/ages-8-10/private-information-and-livestreaming.html"

pytestmark = pytest.mark.skipif(not daemon.enabled({}), reason="no fork or descriptor passing here")


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("daemon") / "kit"
    assert main(["init", str(root)]) == 0
    return root


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The daemon on, in a runtime folder of this test's own; stopped afterwards."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    values = {**os.environ, daemon.SWITCH: "1", "XDG_RUNTIME_DIR": str(runtime), daemon.IDLE: "300",
              "PYTHONUNBUFFERED": "1"}  # each step's line as it begins, on a pipe as on a terminal
    yield values
    lessonkit(values, "daemon", "stop")
    for status in (runtime / "lessonkit").glob("*.json"):  # should it not have stopped
        with contextlib.suppress(OSError, ValueError, KeyError):
            os.kill(json.loads(status.read_text(encoding="utf-8"))["pid"], signal.SIGKILL)


@pytest.fixture
def project(starter: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kit"
    shutil.copytree(starter, copy)
    return copy


def lessonkit(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LESSONKIT), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def builds(env: dict[str, str]) -> int:
    """How many builds the running daemon has been given (from `lessonkit daemon status`)."""
    status = lessonkit(env, "daemon", "status").stdout
    assert "build daemon running" in status, status
    return int(status.split(" build(s)")[0].rsplit(" ", 1)[1])


def edit(project: Path, words: str) -> None:
    lesson = project / LESSON
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("\n:::\n", f"\n{words}\n:::\n", 1), encoding="utf-8")


def test_a_build_leaves_a_daemon_that_runs_the_next_build(project: Path, env: dict[str, str]) -> None:
    assert "no build daemon is running; one starts after the next build" in lessonkit(env, "daemon", "status").stdout
    first = lessonkit(env, "-C", str(project), "build", "--lang", "en", "--format", "html")
    assert first.returncode == 0, first.stderr
    assert "started the build daemon: later builds start sooner" in first.stdout
    started = lessonkit(env, "daemon", "start")  # waits until the daemon the build left answers
    assert started.returncode == 0 and "build daemon running" in started.stdout, started.stderr
    assert builds(env) == 0
    edit(project, "Words added while the daemon ran.")
    # From inside the project, without -C: the daemon's build starts in the caller's folder.
    second = lessonkit(env, "build", "--lang", "en", "--format", "html", cwd=project / "lessons")
    assert second.returncode == 0, second.stderr
    assert "[1/1] English HTML" in second.stdout and "built build/html/en" in second.stdout
    assert "Words added while the daemon ran." in (project / PAGE).read_text(encoding="utf-8")
    assert builds(env) == 1


def test_errors_from_the_daemon_name_the_file_and_line(project: Path, env: dict[str, str]) -> None:
    assert lessonkit(env, "-C", str(project), "build", "--lang", "en", "--format", "html").returncode == 0
    assert lessonkit(env, "daemon", "start").returncode == 0
    page = (project / PAGE).read_bytes()
    lesson = project / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("band: ages-8-10", "band: ages-8"), encoding="utf-8")
    broken = lessonkit(env, "-C", str(project), "build", "--lang", "en", "--format", "html")
    assert broken.returncode == 1
    assert f"{LESSON}:3: error:" in broken.stderr and "[unknown-band]" in broken.stderr
    assert "the previous output is untouched" in broken.stderr and "Traceback" not in broken.stderr
    assert (project / PAGE).read_bytes() == page
    usage = lessonkit(env, "-C", str(project), "build", "--band", "ages-99")
    assert usage.returncode == 2 and "unknown band ages-99" in usage.stderr
    assert builds(env) == 2


def test_ctrl_c_stops_the_build_in_the_daemon(project: Path, env: dict[str, str]) -> None:
    assert lessonkit(env, "daemon", "start").returncode == 0
    build = subprocess.Popen([str(LESSONKIT), "-C", str(project), "build"], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert build.stdout is not None and build.stdout.readline().startswith("[1/4] English HTML")
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert "interrupted; the previous output is untouched" in err
    assert not (project / "build" / "html" / "en").exists()
    assert not list((project / "build").glob(".staging-*"))


def test_stop_and_idle_end_the_daemon(env: dict[str, str]) -> None:
    assert lessonkit(env, "daemon", "start").returncode == 0
    stopped = lessonkit(env, "daemon", "stop")
    assert stopped.returncode == 0 and "stopped the build daemon" in stopped.stdout
    assert "no build daemon is running" in lessonkit(env, "daemon", "status").stdout
    folder = Path(env["XDG_RUNTIME_DIR"], "lessonkit")
    assert not list(folder.glob("*.sock")) and not list(folder.glob("*.json"))
    quick = {**env, daemon.IDLE: "1"}
    assert lessonkit(quick, "daemon", "start").returncode == 0
    deadline = time.monotonic() + 60
    while "build daemon running" in lessonkit(quick, "daemon", "status").stdout:
        assert time.monotonic() < deadline, "the daemon did not exit when idle"
        time.sleep(0.2)


def test_an_outdated_daemon_exits(env: dict[str, str], tmp_path: Path) -> None:
    """A package installed or upgraded changes a folder of the module path: the daemon that had
    loaded the old one exits by itself, and the next build starts a new one."""
    packages = tmp_path / "site-packages"
    packages.mkdir()
    env = {**env, "PYTHONPATH": str(packages)}
    assert lessonkit(env, "daemon", "start").returncode == 0
    (packages / "newly_installed.py").write_text("", encoding="utf-8")
    assert "no build daemon is running" in lessonkit(env, "daemon", "status").stdout  # another installation now
    deadline = time.monotonic() + 60
    folder = Path(env["XDG_RUNTIME_DIR"], "lessonkit")
    while list(folder.glob("*.sock")):
        assert time.monotonic() < deadline, "the outdated daemon did not exit"
        time.sleep(0.2)


def test_a_daemon_that_cannot_start_is_not_tried_at_every_build(project: Path, env: dict[str, str]) -> None:
    assert lessonkit(env, "daemon", "start").returncode == 0
    folder = Path(env["XDG_RUNTIME_DIR"], "lessonkit")
    key = next(folder.glob("*.json")).stem
    assert lessonkit(env, "daemon", "stop").returncode == 0
    # As a daemon leaves its log when it fails to start: builds of the next minutes start none.
    (folder / f"{key}.log").write_text("Traceback: the daemon could not load lessonkit\n", encoding="utf-8")
    built = lessonkit(env, "-C", str(project), "build", "--lang", "en", "--format", "html")
    assert built.returncode == 0, built.stderr
    assert "started the build daemon" not in built.stdout
    status = lessonkit(env, "daemon", "status").stdout
    assert "no build daemon is running" in status and f"{key}.log" in status
    assert lessonkit(env, "daemon", "start").returncode == 0  # asked for: tried again


def test_off_on_ci_and_on_request() -> None:
    assert not daemon.enabled({"CI": "true"})
    assert daemon.enabled({"CI": "true", daemon.SWITCH: "1"})
    assert not daemon.enabled({daemon.SWITCH: "0"}) and not daemon.enabled({daemon.SWITCH: "off"})
    off = lessonkit({**os.environ, daemon.SWITCH: "0"}, "daemon", "start")
    assert off.returncode == 2 and "the build daemon is off here" in off.stderr


def test_a_folder_others_can_enter_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lessonkit").mkdir(mode=0o755)
    (tmp_path / "lessonkit").chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert daemon.place() is None
    assert daemon.run_remote(["build"]) is None  # the build then runs in the caller's process


def test_the_command_is_found_after_the_options_before_it() -> None:
    assert command_of(["build", "-j", "auto"]) == "build"
    assert command_of(["-C", "my kit", "-q", "build"]) == "build"
    assert command_of(["--project", "build", "check"]) == "check"
    assert command_of(["-v"]) is None
