"""What every benchmark shares: figures and their statistics, child processes, Xvfb, /proc,
a pixel probe on the X screen, test photos and throwaway exhibitions.

Nothing here fails on a time: a benchmark measures and reports.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCREEN = (1920, 1080)
LANGUAGES = ("fr", "en")
RESULT_MARK = "BENCH-RESULT "
PATCH = (255, 0, 255)
"""The colour of the disc at the centre of every test photo, which the pixel probe looks for."""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- figures ---------------------------------------------------------------------------------


@dataclass
class Figure:
    """One row of the table: a median with its min-max over `values` (the repeats)."""

    key: str
    """Short name of the figure group, such as '1 crossfade'."""
    label: str
    driver: str
    values: list[float]
    unit: str
    target: float | None = None
    """Upper bound the median should stay under, in `unit`; None when there is none."""
    target_text: str = ""
    note: str = ""
    scale: float = 1.0
    """Multiplier from the stored values to the unit shown (1000 for seconds shown as ms)."""
    digits: int = 1

    @property
    def shown(self) -> list[float]:
        return [v * self.scale for v in self.values if v == v]  # drops NaN

    @property
    def median(self) -> float | None:
        shown = self.shown
        return statistics.median(shown) if shown else None

    @property
    def met(self) -> bool | None:
        if self.target is None or self.median is None:
            return None
        return self.median <= self.target

    def cell(self, value: float | None) -> str:
        return "-" if value is None else f"{value:.{self.digits}f}"

    @property
    def median_text(self) -> str:
        return "n/a" if self.median is None else f"{self.cell(self.median)} {self.unit}"

    @property
    def range_text(self) -> str:
        shown = self.shown
        if not shown:
            return "-"
        return f"{self.cell(min(shown))}-{self.cell(max(shown))}"

    @property
    def met_text(self) -> str:
        met = self.met
        if met is None:
            return ""
        if met and self.shown and max(self.shown) > (self.target or 0):
            return "yes (max over)"
        return "yes" if met else "NO"


def figures_from(rows: list[dict]) -> list[Figure]:
    return [Figure(**row) for row in rows]


def p95(values: Sequence[float]) -> float:
    """The 95th percentile, by the nearest-rank method (no interpolation)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def median_or_nan(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Pairwise ratios of values measured side by side in the same run."""
    return [n / d for n, d in zip(numerators, denominators, strict=False) if d and n == n]


# --- child processes -------------------------------------------------------------------------


def emit(result: object) -> None:
    """The last thing a child process prints: its result, as one JSON line."""
    print(RESULT_MARK + json.dumps(result), flush=True)


def run_child(
    module: str, args: Sequence[str], env: dict[str, str], timeout: float
) -> tuple[dict | None, str]:
    """Run `python -m bench.MODULE ARGS` and return (its result, or None; a failure note)."""
    command = [sys.executable, "-m", f"bench.{module}", *args]
    try:
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None, f"bench.{module} {' '.join(args[:2])} took over {timeout:.0f} s; stopped"
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :]), ""
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return None, f"bench.{module} failed (status {done.returncode}): {tail}"


def base_env() -> dict[str, str]:
    """This environment without any display or SDL choice, plus quiet pygame."""
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "SDL_FRAMEBUFFER_ACCELERATION"):
        env.pop(name, None)
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    # No sound card here: SDL's dummy audio driver stands in for one (the kiosk closes the
    # device while narration is off, as it would a real card).
    env["SDL_AUDIODRIVER"] = "dummy"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    # A kiosk PC keeps the bytecode of the kiosk's modules (its first run writes it); a shell
    # that forbids writing it would have every measured start compile them all again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_kiosk() -> None:
    """Bytecode for every module of the kiosk, written beside them (in __pycache__, which
    git ignores) as a kiosk's first run writes it: no measured start compiles."""
    import compileall

    compileall.compile_dir(REPO / "kiosk", quiet=1)
    compileall.compile_dir(REPO / "bench", quiet=1)


def driver_env(driver: str, display: str | None, accel: str | None = None) -> dict[str, str]:
    """Environment for a kiosk on `driver`: 'dummy', or 'x11' on `display` (SDL chooses it
    from DISPLAY, as on a kiosk PC). `accel` sets SDL_FRAMEBUFFER_ACCELERATION."""
    env = base_env()
    if driver == "dummy":
        env["SDL_VIDEODRIVER"] = "dummy"
    else:
        assert display is not None
        env["DISPLAY"] = display
    if accel is not None:
        env["SDL_FRAMEBUFFER_ACCELERATION"] = accel
    return env


def kiosk_command() -> list[str]:
    """The installed `kiosk` command next to this Python, as a kiosk PC runs it."""
    script = Path(sys.executable).parent / "kiosk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kiosk"]


def stop_process(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM, as systemctl stop does; SIGKILL if it is still there after `grace`."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- /proc -----------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """utime + stime of `pid`, plus those of its children it has waited for."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime + cutime + cstime) / CLOCK_TICKS


def cpu_split(pid: int) -> tuple[float, float]:
    """(utime + stime of `pid` itself, that of the children it has waited for), seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime) / CLOCK_TICKS, (cutime + cstime) / CLOCK_TICKS


def status_kib(pid: int, key: str) -> int | None:
    """A `kB` line of /proc/PID/status (VmRSS, VmHWM), in KiB; None once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            with contextlib.suppress(OSError):
                kids = [int(k) for k in (task / "children").read_text().split()]
                found.extend(kids)
                todo.extend(kids)
    return found


# --- Xvfb ------------------------------------------------------------------------------------


def free_display(start: int = 90) -> int:
    for number in range(start, start + 40):
        if number == 99:  # another session's usual Xvfb
            continue
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :129")


class Xvfb:
    """A private Xvfb at 1920x1080x24, started and stopped by us (by its own pid only)."""

    def __init__(self, number: int | None = None) -> None:
        self.number = number
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("Xvfb") is not None

    @property
    def display(self) -> str:
        return f":{self.number}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> Xvfb:
        for _attempt in range(5):
            number = self.number if self.number is not None else free_display()
            w, h = SCREEN
            self.process = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            socket = Path(f"/tmp/.X11-unix/X{number}")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                if socket.exists():
                    self.number = number
                    time.sleep(0.05)
                    return self
                time.sleep(0.01)
            stop_process(self.process, 2)
            if self.number is not None:
                break
        raise RuntimeError("Xvfb did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            stop_process(self.process, 3)


# --- reading the X screen --------------------------------------------------------------------


class _XImageFuncs(ctypes.Structure):
    _fields_ = [(name, ctypes.c_void_p) for name in ("create", "destroy", "get", "put", "sub")] + [
        ("add", ctypes.c_void_p)
    ]


class _XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
        ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong),
        ("blue_mask", ctypes.c_ulong),
        ("obdata", ctypes.c_void_p),
        ("f", _XImageFuncs),
    ]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_IGNORE_X_ERRORS = _ERROR_HANDLER(lambda display, event: 0)
_DESTROY = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_XImage))


class ScreenProbe:
    """Reads single pixels of an X screen with XGetImage through libX11 (no extra package):
    one round trip to the server, about 0.1-0.3 ms here."""

    def __init__(self, display: str) -> None:
        self.x = ctypes.CDLL("libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XGetImage.restype = ctypes.POINTER(_XImage)
        self.x.XGetImage.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
        ]
        self.x.XGetPixel.restype = ctypes.c_ulong
        self.x.XGetPixel.argtypes = [ctypes.POINTER(_XImage), ctypes.c_int, ctypes.c_int]
        self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x.XSetErrorHandler(_IGNORE_X_ERRORS)
        self.display = self.x.XOpenDisplay(display.encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = self.x.XDefaultRootWindow(self.display)

    def pixel(self, x: int, y: int) -> tuple[int, int, int] | None:
        image = self.x.XGetImage(self.display, self.root, x, y, 1, 1, 0xFFFFFFFF, 2)
        if not image:
            return None
        value = self.x.XGetPixel(image, 0, 0)
        _DESTROY(image.contents.f.destroy)(image)
        return (value >> 16) & 255, (value >> 8) & 255, value & 255

    def wait_for(
        self,
        point: tuple[int, int],
        colour: tuple[int, int, int],
        timeout: float,
        interval: float = 0.002,
        tolerance: int = 48,
    ) -> tuple[float | None, list[float]]:
        """Poll `point` until it shows `colour`: (monotonic time it was first seen, or None;
        the gaps between polls, for the method's resolution)."""
        deadline = time.monotonic() + timeout
        gaps, last = [], None
        while True:
            now = time.monotonic()
            if last is not None:
                gaps.append(now - last)
            last = now
            seen = self.pixel(*point)
            if seen is not None and all(
                abs(a - b) <= tolerance for a, b in zip(seen, colour, strict=True)
            ):
                return now, gaps
            if now > deadline:
                return None, gaps
            time.sleep(interval)

    def close(self) -> None:
        if self.display:
            self.x.XCloseDisplay(self.display)
            self.display = None


# --- test photos -----------------------------------------------------------------------------


def _field(rnd: random.Random, small: tuple[int, int], size: tuple[int, int]):
    from PIL import Image

    pixels = rnd.randbytes(small[0] * small[1] * 3)
    return Image.frombytes("RGB", small, pixels).resize(size, Image.Resampling.BICUBIC)


def detailed_image(seed: int, size: tuple[int, int] = (4000, 3000)):
    """A synthetic photo with detail at every scale but no pixel noise: smooth colour fields
    at four scales (down to blobs of 4 px), thousands of drawn outlines and strokes, a slight
    blur, and a PATCH-coloured disc at the centre. About 3 MB as a JPEG at quality 87."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    w, h = size
    image = _field(rnd, (8, 6), size)
    for divisor, weight in ((60, 0.45), (12, 0.3), (4, 0.18)):
        small = (max(2, w // divisor), max(2, h // divisor))
        image = Image.blend(image, _field(rnd, small, size), weight)
    draw = ImageDraw.Draw(image)
    unit = w / 4000
    for _ in range(6000):
        x, y = rnd.randrange(w), rnd.randrange(h)
        s = min(int(rnd.paretovariate(1.1) * 8 * unit), int(600 * unit)) + 1
        colour = tuple(rnd.randrange(256) for _ in range(3))
        if rnd.random() < 0.4:
            box = (x, y, x + s, y + int(s * rnd.uniform(0.3, 2)))
            draw.ellipse(box, outline=colour, width=rnd.randint(1, 5))
        else:
            end = (x + rnd.randint(-3 * s - 5, 3 * s + 5), y + rnd.randint(-3 * s - 5, 3 * s + 5))
            draw.line([(x, y), end], fill=colour, width=rnd.randint(1, 4))
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    _patch(image)
    return image


def light_image(seed: int, size: tuple[int, int] = (4000, 3000)):
    """A real 4000x3000 photo that is small in bytes (about 300 KB at quality 40): one smooth
    colour field, a few dozen outlines, the PATCH disc."""
    from PIL import ImageDraw

    rnd = random.Random(seed)
    w, h = size
    image = _field(rnd, (8, 6), size)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rnd.randrange(w), rnd.randrange(h)
        draw.ellipse((x, y, x + w // 12, y + h // 15), outline=(0, 0, 0), width=max(1, w // 500))
    _patch(image)
    return image


def _patch(image) -> None:
    from PIL import ImageDraw

    w, h = image.size
    r = min(w, h) * 0.12
    ImageDraw.Draw(image).ellipse((w / 2 - r, h / 2 - r, w / 2 + r, h / 2 + r), fill=PATCH)


def save_photo(image, path: Path, quality: int, orientation: int | None = None) -> Path:
    """Save as JPEG; a comment naming the file makes every copy's bytes unique, so no cache
    keyed on content can mistake one test photo for another."""
    from PIL import Image

    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    comment = f"kiosk bench {path.name} {time.time_ns()}".encode()
    image.save(path, "JPEG", quality=quality, exif=exif, comment=comment)
    return path


@dataclass
class PhotoSet:
    """Photos made once per bench run and shared by the figures (by path; each figure's
    exhibition points its media_dir here)."""

    folder: Path
    detailed: list[Path] = field(default_factory=list)
    light: list[Path] = field(default_factory=list)
    size: tuple[int, int] = (4000, 3000)

    @classmethod
    def make(
        cls, folder: Path, detailed: int, light: int, size: tuple[int, int] = (4000, 3000)
    ) -> PhotoSet:
        photos = cls(folder, size=size)
        bases = [detailed_image(seed, size) for seed in range(min(4, detailed))]
        for index in range(detailed):
            path = folder / "detailed" / f"scan-{index:03d}.jpg"
            photos.detailed.append(save_photo(bases[index % len(bases)], path, 87))
        light_bases = [light_image(seed, size) for seed in range(min(8, light))]
        for index in range(light):
            path = folder / "light" / f"scan-{index:03d}.jpg"
            photos.light.append(save_photo(light_bases[index % len(light_bases)], path, 40))
        return photos

    def to_json(self) -> dict:
        return {
            "folder": str(self.folder),
            "detailed": [str(p) for p in self.detailed],
            "light": [str(p) for p in self.light],
            "size": list(self.size),
        }

    @classmethod
    def from_json(cls, data: dict) -> PhotoSet:
        return cls(
            Path(data["folder"]),
            [Path(p) for p in data["detailed"]],
            [Path(p) for p in data["light"]],
            tuple(data["size"]),
        )


# --- throwaway exhibitions -------------------------------------------------------------------

CAPTION_FR = (
    "Photographie {n} : la colonne traverse le village au petit matin, sous le regard des "
    "habitants rassemblés le long de la route nationale."
)
CAPTION_EN = (
    "Photograph {n}: the column crosses the village in the early morning, watched by the "
    "villagers gathered along the main road."
)


def write_exhibition(
    root: Path,
    photos: Sequence[Path],
    *,
    duration: float,
    transition_seconds: float = 1.0,
    transition: str = "crossfade",
    decks: int = 1,
    narration_cache: Path,
    play_log: Path | None = None,
    idle_timeout: float = 60,
) -> Path:
    """An exhibition folder at `root` playing `photos` (which must share one folder), split
    into `decks` decks; returns its config path. Every slide speaks the same short narration
    text, so one `kiosk narrate` of two files fills the cache for every bench exhibition and
    no kiosk synthesizes speech in the background while it is measured. `idle_timeout`: the
    seconds without input before the attract loop returns (the config allows 5 at least)."""
    media = photos[0].parent
    (root / "config").mkdir(parents=True, exist_ok=True)
    (root / "slides").mkdir(exist_ok=True)
    names = []
    per_deck = -(-len(photos) // decks)
    for d in range(decks):
        chunk = photos[d * per_deck : (d + 1) * per_deck]
        if not chunk:
            break
        lines = [
            f'title: {{fr: "Banc d\'essai {d + 1}", en: "Benchmark {d + 1}"}}',
            f"defaults: {{duration: {duration:g}, transition: {transition}}}",
            "slides:",
        ]
        for index, photo in enumerate(chunk):
            n = d * per_deck + index + 1
            lines += [
                f"  - id: s{n:04d}",
                f"    image: {photo.name}",
                "    caption:",
                f'      fr: "{CAPTION_FR.format(n=n)}"',
                f'      en: "{CAPTION_EN.format(n=n)}"',
                '    credit: "Banc d\'essai du kiosque"',
                '    narration: {fr: {text: "Diapositive."}, en: {text: "Slide."}}',
            ]
        name = f"slides/bench-{d + 1}.yaml"
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(name)
    w, h = SCREEN
    config = [
        "decks:",
        *(f"  - {name}" for name in names),
        f"media_dir: {media}",
        "languages: [fr, en]",
        "default_language: fr",
        f"slide_duration: {duration:g}",
        f"transition: {transition}",
        f"transition_seconds: {transition_seconds:g}",
        f"idle_timeout: {idle_timeout:g}",
        "fullscreen: true",
        f"window_size: {w}x{h}",
        f"play_log: {play_log if play_log is not None else 'null'}",
        "narration:",
        "  autoplay: false",
        f"  cache_dir: {narration_cache}",
    ]
    path = root / "config" / "kiosk.yaml"
    path.write_text("\n".join(config) + "\n", encoding="utf-8")
    return path


def fill_narration_cache(config: Path) -> str:
    """`kiosk narrate` once, so the bench kiosks find their two narration files made."""
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed: narration cannot be made (the kiosks stay silent)"
    done = subprocess.run(
        [*kiosk_command(), "narrate", "--config", str(config)],
        capture_output=True,
        text=True,
        env=base_env(),
        timeout=120,
        check=False,
    )
    return "" if done.returncode == 0 else f"kiosk narrate failed: {done.stderr.strip()[-200:]}"


def photo_centre(languages: tuple[str, ...] = LANGUAGES) -> tuple[int, int]:
    """Where the centre of a slide's photo (its PATCH disc) lands on the kiosk's screen."""
    from kiosk.show.layout import usual_photo_area

    area = usual_photo_area(*SCREEN, languages)
    return area.x + area.w // 2, area.y + area.h // 2


# --- the machine -----------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mhz = ""
    with contextlib.suppress(OSError, ValueError):
        khz = Path("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").read_text()
        mhz = f", up to {int(khz) // 1000} MHz"
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pygame, PIL; print(pygame.version.ver, '%d.%d.%d' % pygame.get_sdl_version(),"
            " PIL.__version__)",
        ],
        capture_output=True,
        text=True,
        env=base_env(),
    ).stdout.split()
    pygame_v, sdl_v, pillow_v = [*probe, "?", "?", "?"][:3]
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "kiosk"], cwd=REPO, capture_output=True, text=True
    ).stdout.split("\n")
    changed_files = ", ".join(line[3:] for line in changed if line.strip()) or "none"
    return {
        "cpu": f"{model}{mhz}",
        "cores": f"{nproc} (nproc), {os.cpu_count()} (os.cpu_count)",
        "memory": memory,
        "kernel": platform.release(),
        "os": _os_name(),
        "python": platform.python_version(),
        "pygame": pygame_v,
        "sdl": sdl_v,
        "pillow": pillow_v,
        "commit": commit or "unknown",
        "kiosk files changed since the commit": changed_files,
        "sha1 of kiosk/**/*.py at the start": _source_hash(),
    }


def _source_hash() -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted((REPO / "kiosk").rglob("*.py")):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _os_name() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    return platform.platform()


@contextlib.contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    started = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - started)


def as_rows(figures: Sequence[Figure]) -> list[dict]:
    return [asdict(f) for f in figures]


# --- what the run passes to each figure group ------------------------------------------------


@dataclass
class Context:
    quick: bool
    repeats: int
    work: Path
    photos: PhotoSet
    narration_cache: Path
    display: str | None
    """An Xvfb display started for this run, or None when the X11 figures are skipped."""
    commands: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ratios: list[Figure] = field(default_factory=list)
    details: list[Figure] = field(default_factory=list)
    """Breakdowns and levers: measured figures that explain a main figure."""
    growth_seconds: float = 120.0
    """How long figure 6's memory-growth runs last (the cached-frames one half as long)."""

    def folder(self, name: str) -> Path:
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def drivers(self) -> list[str]:
        return ["dummy", "x11"] if self.display else ["dummy"]

    def skip_x11(self, what: str) -> None:
        self.notes.append(
            f"{what}: not measured under X11 (no Xvfb for this run; install xvfb, or drop "
            "--no-xvfb)."
        )


class PlayLogFollower:
    """Reads a play log as it grows, only what is new, in its rotated files too (a file keeps
    its inode when it is rotated); `new_lines()` gives the whole lines written since last time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read: dict[int, int] = {}
        """How far each file, by inode, has been read: to its last whole line."""

    def new_lines(self) -> bytes:
        from kiosk.hall.playlog_files import play_log_files

        lines = []
        for file in play_log_files(self.path):
            try:
                with file.open("rb") as log:
                    inode = os.fstat(log.fileno()).st_ino
                    log.seek(self.read.get(inode, 0))
                    data = log.read()
            except OSError:
                continue
            whole = data[: data.rfind(b"\n") + 1]
            self.read[inode] = self.read.get(inode, 0) + len(whole)
            lines.append(whole)
        return b"".join(lines)
