"""The build daemon: Python, Sphinx and lessonkit kept loaded between builds.

A rebuild after one edit has little to do, yet each language's process first spends about
half a second importing Sphinx (with every built-in builder), MyST, Furo, reportlab and
pikepdf: most of the rebuild. So, like Gradle's daemon, ``lessonkit build`` leaves behind
a process that has imported them and waits for the next build (30 minutes, then it exits).
For each build it forks a copy of itself, which runs the command exactly as ``lessonkit``
would: on the caller's standard streams (passed over a Unix socket, so the progress bar
and colours behave as on a terminal), in the caller's folder, environment and umask. The
daemon itself never builds: every build starts from the same freshly imported modules.

One daemon per user and installation: its socket is named by a digest of the Python, its
module path, the installed packages' folders and lessonkit's own code, so an upgrade
starts a new daemon (an outdated one notices within seconds, and exits). There is none where it cannot work
(no ``fork`` or no descriptor passing, as on Windows), on CI (``CI`` set) or with
``LESSONKIT_DAEMON=0``; ``lessonkit daemon stop`` stops it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import signal
import socket
import struct
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

# Imported where used, not here: every `lessonkit build` imports this module before it knows
# whether a daemon answers, and a build that a daemon runs imports nothing more.

SWITCH = "LESSONKIT_DAEMON"  # "0" (or "off", "no", "false"): never use or start a daemon
IDLE = "LESSONKIT_DAEMON_IDLE"  # seconds a daemon waits for a build before it exits
DEFAULT_IDLE = 30 * 60
PRELOAD = (  # what every build imports (and Sphinx's built-in extensions: see _preload)
    "lessonkit.cli", "lessonkit.building", "lessonkit.checks", "lessonkit.catalogcheck",
    "lessonkit.checkcache", "sphinx.application", "myst_parser", "myst_parser.sphinx_ext.main",
    "myst_parser.parsers.docutils_", "furo", "sphinx_basic_ng", "lessonkit.sphinxext",
    "lessonkit.pdf.builder", "lessonkit.pdf.bilingual", "reportlab.pdfbase.acroform",
    "sphinx.search.en", "sphinx.search.fr", "sphinx.ext.mathjax", "sphinx.jinja2glue", "jinja2.sandbox",
    "jinja2.ext", "docutils.languages.en", "docutils.languages.fr",
)
_LENGTH = struct.Struct("!I")


class Place(NamedTuple):
    """The files of one daemon, in a folder only its user can enter."""

    folder: Path
    key: str

    @property
    def socket(self) -> Path:
        return self.folder / f"{self.key}.sock"

    @property
    def status(self) -> Path:
        return self.folder / f"{self.key}.json"

    @property
    def lock(self) -> Path:
        return self.folder / f"{self.key}.lock"

    @property
    def log(self) -> Path:
        return self.folder / f"{self.key}.log"


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether builds may use (and start) a daemon here."""
    if environ.get(SWITCH, "").strip().lower() in ("0", "off", "no", "false"):
        return False
    if environ.get("CI") and environ.get(SWITCH, "").strip().lower() not in ("1", "on", "yes", "true"):
        return False  # a CI job ends with the build: nothing to keep warm, nothing to leave behind
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds")


def place() -> Place | None:
    """Where this installation's daemon lives; None when no private folder can be had."""
    if not hasattr(os, "getuid"):
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        folder = Path(runtime, "lessonkit")
    else:
        import tempfile

        folder = Path(tempfile.gettempdir(), f"lessonkit-{os.getuid()}")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    # Anyone who can write a socket here could run builds as this user: private, or none.
    if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return Place(folder, installation_key())


def installation_key() -> str:
    """A digest of what the daemon imports: the Python, its module path, the packages, lessonkit."""
    from lessonkit.buildstate import PACKAGE, input_files, stamp

    digest = hashlib.sha256(f"{sys.executable}|{sys.version}|{sys.path}".encode())
    for entry in filter(None, sys.path):  # installing or upgrading a package changes its folder
        with contextlib.suppress(OSError):
            digest.update(f"{entry}|{os.stat(entry).st_mtime_ns}\n".encode())
    stamp(digest, PACKAGE, input_files(PACKAGE, None))
    return digest.hexdigest()[:20]


# -- the caller's side -----------------------------------------------------------------------

def run_remote(argv: list[str]) -> int | None:
    """Run ``lessonkit *argv`` in the daemon; its exit code, or None when no daemon answered."""
    where = place()
    if where is None:
        return None
    signals = _Forwarding()
    with signals, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        try:
            connection.connect(str(where.socket))
            request = json.dumps({
                "argv": [sys.argv[0], *argv], "cwd": os.getcwd(), "env": dict(os.environ),
                "umask": _umask(), "streams": [_manner(sys.stdout), _manner(sys.stderr)],
            }).encode()
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
            socket.send_fds(connection, [_LENGTH.pack(len(request)) + request], [0, 1, 2])
            connection.settimeout(10.0)  # a daemon that does not start the build at once is stuck
            with connection.makefile("rb") as replies:
                pid = _reply(replies.readline(), "pid")
                if pid is None:  # the daemon went away before it began
                    return 130 if signals.pending else None
                connection.settimeout(None)
                signals.started(pid)
                code = _reply(replies.readline(), "exit")
        except OSError:
            if signals.pid is None:
                return 130 if signals.pending else None
            code = None
    if code is None:
        print(f"error: the lessonkit daemon's build (process {signals.pid}) stopped unexpectedly; run the "
              f"command again, or with {SWITCH}=0 to build without the daemon", file=sys.stderr)
        return 1
    return code


def _reply(line: bytes, key: str) -> int | None:
    try:
        return int(json.loads(line)[key])
    except (ValueError, KeyError, TypeError):
        return None


class _Forwarding:
    """While the daemon builds for us, Ctrl-C (and a polite kill) of the caller reach the build,
    which stops as it would have stopped here; one that comes before the build began waits for it."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.pending: int | None = None
        self.kept: dict[int, Any] = {}

    def __enter__(self) -> _Forwarding:
        self.kept = {number: signal.signal(number, self.forward)
                     for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
        return self

    def __exit__(self, *_: object) -> None:
        for number, handler in self.kept.items():
            signal.signal(number, handler)

    def forward(self, number: int, _frame: object) -> None:
        self.pending = signal.SIGINT if number == signal.SIGINT else signal.SIGTERM
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, self.pending)

    def started(self, pid: int) -> None:
        self.pid = pid
        if self.pending is not None:
            self.forward(self.pending, None)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _manner(stream: Any) -> dict[str, Any]:
    """How ``stream`` writes (encoding, buffering), for the daemon's build to write the same way."""
    return {"encoding": getattr(stream, "encoding", None) or "utf-8",
            "errors": getattr(stream, "errors", None) or "strict",
            "line_buffering": bool(getattr(stream, "line_buffering", False)),
            "write_through": bool(getattr(stream, "write_through", False))}


RETRY_AFTER = 10 * 60  # seconds before builds try again to start a daemon that failed to start


def start_in_background(*, retry: bool = False) -> bool:
    """Start this installation's daemon for the next build, unless one runs, or one failed to
    start in the last minutes (its log says why; ``retry`` tries anyway); whether one was started."""
    where = place()
    if where is None or describe(where) is not None or (not retry and failed_recently(where)):
        return False
    import subprocess

    with open(where.log, "ab") as log:
        subprocess.Popen(
            [sys.executable, "-c", "import sys, json; sys.path[:] = json.loads(sys.argv[1]); "
             "from lessonkit.daemon import serve; serve(sys.argv[2])", json.dumps(sys.path), str(where.folder)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, cwd="/",
            start_new_session=True, close_fds=True)
    return True


# -- lessonkit daemon status|stop ------------------------------------------------------------

def describe(where: Place | None = None) -> dict[str, Any] | None:
    """What this installation's daemon reports of itself: pid, since, idle, builds; None if none runs."""
    where = where or place()
    if where is None:
        return None
    try:
        info: dict[str, Any] = json.loads(where.status.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if where.socket.exists() else None


def start(wait: float = 60.0) -> dict[str, Any] | None:
    """Start this installation's daemon unless one runs; what it reports once it answers (None:
    it did not start in ``wait`` seconds, and its log says why)."""
    start_in_background(retry=True)
    deadline = time.monotonic() + wait
    while (info := describe()) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return info


def failed_recently(where: Place) -> bool:
    """Whether a daemon wrote to its log (it only writes what went wrong) in the last minutes."""
    try:
        info = where.log.stat()
    except OSError:
        return False
    return info.st_size > 0 and time.time() - info.st_mtime < RETRY_AFTER


def log_path() -> Path | None:
    """Where this installation's daemon writes what went wrong."""
    where = place()
    return None if where is None else where.log


def stop(wait: float = 10.0) -> int | None:
    """Stop this installation's daemon (builds it started finish); its pid, or None if none ran."""
    info = describe()
    if info is None:
        return None
    pid = int(info["pid"])
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and describe() is not None:
        time.sleep(0.05)
    return pid


# -- the daemon ------------------------------------------------------------------------------

def serve(folder: str) -> None:
    """The daemon's life: load, then fork a build for each caller until idle for too long."""
    where = Place(Path(folder), installation_key())
    lock = open(where.lock, "w")  # noqa: SIM115 - held for the daemon's life
    try:
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another daemon of this installation is starting or running
    idle = _idle_seconds()
    _preload()
    gc.collect()
    gc.freeze()  # what is loaded now is never collected: the builds' pages stay shared
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    partial = where.socket.with_name(f".{os.getpid()}.sock")
    with contextlib.suppress(OSError):
        partial.unlink()  # left by a daemon that died with this process number
    listener.bind(str(partial))
    os.chmod(partial, 0o600)
    listener.listen(16)
    os.replace(partial, where.socket)
    mine = where.socket.stat().st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # builds are not waited for: nothing to reap

    def end(_number: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, end)
    builds, last, since = 0, time.monotonic(), time.time()
    _write_status(where, since, builds, idle)
    listener.settimeout(min(idle, 10.0))
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                # Idle too long, replaced, or outdated (lessonkit or a package changed since it
                # loaded them: its builds would no longer be what the installed code builds).
                if not _still_mine(where.socket, mine) or time.monotonic() - last > idle \
                        or installation_key() != where.key:
                    return
                continue
            if os.fork() == 0:
                listener.close()
                lock.close()
                _build_child(connection)  # never returns
            connection.close()
            builds, last = builds + 1, time.monotonic()
            _write_status(where, since, builds, idle)
    finally:
        if _still_mine(where.socket, mine):
            for path in (where.socket, where.status, where.lock):
                with contextlib.suppress(OSError):
                    path.unlink()
        with contextlib.suppress(OSError):
            if where.log.stat().st_size == 0:  # it keeps only what went wrong
                where.log.unlink()


def _preload() -> None:
    """Import what a build imports: a module only, never a build's state (no Sphinx application)."""
    import importlib

    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    from sphinx.application import builtin_extensions  # every Sphinx application loads them all

    for name in builtin_extensions:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(IDLE, DEFAULT_IDLE)))
    except ValueError:
        return DEFAULT_IDLE


def _still_mine(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def _write_status(where: Place, since: float, builds: int, idle: float) -> None:
    partial = where.status.with_name(f".{where.status.name}.tmp")
    partial.write_text(json.dumps({"pid": os.getpid(), "since": since, "idle": idle, "builds": builds,
                                   "python": sys.executable}), encoding="utf-8")
    partial.replace(where.status)


def _receive(connection: socket.socket) -> tuple[dict[str, Any], list[int]]:
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    if len(data) < _LENGTH.size or len(fds) != 3:
        raise ValueError("not a lessonkit request")
    (length,) = _LENGTH.unpack_from(data)
    data = data[_LENGTH.size:]
    while len(data) < length:
        more = connection.recv(length - len(data))
        if not more:
            raise ValueError("truncated request")
        data += more
    return json.loads(data), fds


def _build_child(connection: socket.socket) -> None:
    """A forked copy of the daemon: become the caller's ``lessonkit`` process, run, report, exit."""
    code = 1
    try:
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        request, fds = _receive(connection)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        if "tempfile" in sys.modules:  # where temporary files go: found again from the caller's environment
            sys.modules["tempfile"].tempdir = None
        time.tzset()
        sys.argv = list(request["argv"])
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        sys.stdout, sys.stderr = (_text(fd, manner) for fd, manner in enumerate(request["streams"], 1))
        connection.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        from lessonkit import cli

        try:
            code = cli.main(sys.argv[1:])
        except KeyboardInterrupt:
            code = 130
        except BaseException:  # reported on the caller's terminal, as the console script would
            import traceback

            traceback.print_exc()
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        connection.sendall(json.dumps({"exit": code}).encode() + b"\n")
    except BaseException:  # a request that is not ours, or a caller gone: nothing to report to
        code = 1
    finally:
        os._exit(code)


def _text(fd: int, manner: dict[str, Any]) -> io.TextIOWrapper:
    """A standard stream on ``fd`` that writes as the caller's did (PYTHONUNBUFFERED included)."""
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(raw if manner["write_through"] else io.BufferedWriter(raw),  # type: ignore[arg-type]
                            encoding=manner["encoding"], errors=manner["errors"],
                            line_buffering=manner["line_buffering"], write_through=manner["write_through"])
