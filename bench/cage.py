"""Running a program under cage for the bench: the unprivileged user cage needs, a venv that
user can run, a copy of the kiosk and of the photos it can read, one compositor per run, and
pixel reads of its screen with grim.

tests/test_cage.py uses the same user and venv (`ensure_user`, `ensure_venv`), so each reuses
what the other made.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO, cpu_seconds, cpu_split, descendants, status_kib

USER = "kiosk-test"
VENV = Path("/var/tmp/kiosk-cage-venv")
SYSTEM_PYTHON = "/usr/bin/python3"
COMMAND = ("cage", "-d", "-s")
"""As the autostart unit runs it (kiosk/hall/autostart.py). Without `-d`, SDL 2.32 would wait
for ever in set_mode wherever libdecor is installed (Debian's libsdl2 brings it), were it not
for the kiosk's own SDL_VIDEO_WAYLAND_ALLOW_LIBDECOR=0 (kiosk/screen/display.py); feh, through
Xwayland, is not concerned."""
ROTATE = ("-r", "-r")
"""The output turned round twice (upright again): a rotated output cannot scan a fullscreen
client's buffer out directly, so cage composites every frame and grim's screencopy sees the
client's pixels. Without it wlroots 0.15 hands the buffer straight to the headless output
and grim reads a black screen."""
COMPOSITOR = {
    "WLR_BACKENDS": "headless",
    "WLR_RENDERER": "pixman",
    "WLR_HEADLESS_OUTPUTS": "1",
    "WLR_LIBINPUT_NO_DEVICES": "1",
}


def unavailable() -> str:
    """Why cage cannot be run here, or "" when it can."""
    if os.geteuid() != 0:
        return "the bench does not run as root, so it cannot run cage as an unprivileged user"
    if shutil.which("cage") is None:
        return "cage is not installed (apt-get install cage xwayland)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing: no venv the cage user can run"
    return ""


def ensure_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--create-home", USER], check=True)
        return pwd.getpwnam(USER)


def ensure_venv() -> Path:
    """A venv of the system's Python with the project's dependencies (the project's own venv
    may be made from a Python other users cannot run); remade when the dependencies change."""
    with (REPO / "pyproject.toml").open("rb") as file:
        wanted = tomllib.load(file)["project"]["dependencies"]
    marker = VENV / "kiosk-dependencies.json"
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return VENV / "bin" / "python"
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(VENV)], check=True, capture_output=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *wanted]
    subprocess.run(pip, check=True, timeout=600, capture_output=True)
    marker.write_text(json.dumps(wanted))
    os.chmod(VENV, 0o755)
    return VENV / "bin" / "python"


def kill_user() -> None:
    """Every process of the cage user: su and cage do not pass a kill on to their clients."""
    subprocess.run(["pkill", "-KILL", "-u", USER], check=False, capture_output=True)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # gone, so that the next run starts alone
        if subprocess.run(["pgrep", "-u", USER], capture_output=True).returncode != 0:
            return
        time.sleep(0.05)


@dataclass
class Session:
    """A folder in /var/tmp the cage user can read: the kiosk's code (compiled, as a kiosk PC
    keeps its bytecode), copies of the photos, and the user's own folders below it."""

    root: Path
    python: Path
    user: pwd.struct_passwd
    photos: list[Path]

    def own(self, name: str) -> Path:
        """A new empty folder the cage user owns."""
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, self.user.pw_uid, self.user.pw_gid)
        return path

    def give(self, path: Path) -> None:
        subprocess.run(["chown", "-R", f"{self.user.pw_uid}:{self.user.pw_gid}", str(path)])

    def kiosk(self, config: Path) -> list[str]:
        return [str(self.python), "-m", "kiosk", "run", "--config", str(config)]


@contextlib.contextmanager
def session(photos: Sequence[Path]) -> Iterator[Session]:
    user = ensure_user()
    python = ensure_venv()
    root = Path(tempfile.mkdtemp(prefix="kiosk-bench-cage-", dir="/var/tmp"))
    try:
        os.chmod(root, 0o755)
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(REPO / "kiosk", root / "src" / "kiosk", ignore=ignore)
        subprocess.run([str(python), "-m", "compileall", "-q", str(root / "src")], check=True)
        (root / "photos").mkdir()
        copies = [Path(shutil.copy2(photo, root / "photos" / photo.name)) for photo in photos]
        subprocess.run(["chmod", "-R", "a+rX", str(root)], check=True)
        yield Session(root, python, user, copies)
    finally:
        kill_user()
        shutil.rmtree(root, ignore_errors=True)


class Cage:
    """One cage (a fresh compositor, with its own runtime folder) running `command` as the
    cage user; the clock starts when cage is spawned."""

    def __init__(
        self, session: Session, name: str, command: Sequence[str], rotate: bool = False
    ) -> None:
        self.runtime = session.root / "run" / name
        self.runtime.mkdir(parents=True)
        os.chown(self.runtime, session.user.pw_uid, session.user.pw_gid)
        os.chmod(self.runtime, 0o700)
        self.log = session.root / f"cage-{name}.log"
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": session.user.pw_dir,
            "USER": USER,
            "XDG_RUNTIME_DIR": str(self.runtime),
            **COMPOSITOR,
            "SDL_VIDEODRIVER": "wayland",
            "SDL_AUDIODRIVER": "dummy",
            "PYTHONPATH": str(session.root / "src"),
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        }
        with self.log.open("w") as log:
            self.started = time.monotonic()
            self.process = subprocess.Popen(
                [*COMMAND, *(ROTATE if rotate else ()), "--", *command],
                env=env,
                user=session.user.pw_uid,
                group=session.user.pw_gid,
                extra_groups=[],
                cwd=session.root,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def servers(self) -> list[int]:
        """Xwayland, which cage starts (lazily) for X11 clients, and its children. wlroots
        forks twice to start it, so it is no child of cage: it is found by its name and by
        this cage's runtime folder in its environment."""
        wanted = f"XDG_RUNTIME_DIR={self.runtime}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                if not entry.name.isdigit():
                    continue
                if (entry / "comm").read_text().strip() != "Xwayland":
                    continue
                if wanted in (entry / "environ").read_bytes().split(b"\0"):
                    found += [int(entry.name), *descendants(int(entry.name))]
        return found

    def clients(self) -> list[int]:
        """The program cage runs and its children, without Xwayland."""
        servers = set(self.servers())
        return [pid for pid in descendants(self.pid) if pid not in servers]

    def client_cpu(self) -> float:
        return _sum(cpu_seconds, self.clients())

    def client_peak_mib(self) -> float:
        return sum(status_kib(pid, "VmHWM") or 0 for pid in self.clients()) / 1024

    def server_cpu(self) -> float:
        """cage's own CPU (not its clients') plus Xwayland's."""
        own = _sum(lambda pid: cpu_split(pid)[0], [self.pid])
        return own + _sum(cpu_seconds, self.servers())

    def grim(self, *args: str) -> bytes | None:
        env = {"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(self.runtime)}
        env["WAYLAND_DISPLAY"] = "wayland-0"
        done = subprocess.run(["grim", *args], env=env, capture_output=True, check=False)
        return done.stdout if done.returncode == 0 else None

    def size(self) -> tuple[int, int] | None:
        """The output's size, from the header of a whole-screen PPM."""
        data = self.grim("-t", "ppm", "-")
        if not data:
            return None
        width, height = data.split(maxsplit=3)[1:3]
        return int(width), int(height)

    def pixel(self, x: int, y: int) -> tuple[int, int, int] | None:
        data = self.grim("-g", f"{x},{y} 1x1", "-t", "ppm", "-")
        return tuple(data[-3:]) if data and len(data) >= 3 else None  # type: ignore[return-value]

    def wait_for(
        self, point: tuple[int, int], colour: tuple[int, int, int], timeout: float
    ) -> tuple[float | None, list[float]]:
        """Read `point` with grim until it shows `colour`: (monotonic time first seen, or None;
        the gaps between reads, for the method's resolution)."""
        deadline = self.started + timeout
        gaps, last = [], None
        while time.monotonic() < deadline and self.process.poll() is None:
            now = time.monotonic()
            seen = self.pixel(*point)
            if last is not None:
                gaps.append(now - last)
            last = now
            if seen and all(abs(a - b) <= 48 for a, b in zip(seen, colour, strict=True)):
                return now, gaps
            time.sleep(0.002)
        return None, gaps

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM to the client first (as systemctl stop would: the kiosk saves and lets go),
        then cage, then whatever the user still runs."""
        for pid in self.clients():
            with contextlib.suppress(OSError):
                os.kill(pid, 15)
        deadline = time.monotonic() + grace
        while self.clients() and time.monotonic() < deadline:
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(2)
        kill_user()
        self.process.wait()

    def tail(self, lines: int = 3) -> str:
        with contextlib.suppress(OSError):
            return " / ".join(self.log.read_text(errors="replace").strip().splitlines()[-lines:])
        return ""


def screen_size(session: Session) -> tuple[int, int] | None:
    """The size of cage's headless output, read once from a cage that runs `sleep`."""
    probe = Cage(session, "size", ["sleep", "5"], rotate=True)
    try:
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            size = probe.size() if shutil.which("grim") else None
            if size:
                return size
            time.sleep(0.1)
        return None
    finally:
        probe.stop()


def _sum(read, pids: Sequence[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += read(pid)
    return total
