"""For each missed target: what this run measured that explains it, and a plan.

Every number quoted here is looked up among the figures of the same run (the breakdowns and
levers), so the explanation always matches the table above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bench.common import Context, Figure


class Lookup:
    def __init__(self, figures: Sequence[Figure], ctx: Context) -> None:
        self.all = [*figures, *ctx.details, *ctx.ratios]

    def find(self, key: str, part: str, driver: str | None = None) -> Figure | None:
        for figure in self.all:
            wanted = driver is None or figure.driver == driver
            if figure.key == key and part in figure.label and wanted:
                return figure
        return None

    def text(self, key: str, part: str, driver: str | None = None) -> str:
        figure = self.find(key, part, driver)
        return "(not measured)" if figure is None else figure.median_text

    def value(self, key: str, part: str, driver: str | None = None) -> float | None:
        figure = self.find(key, part, driver)
        return None if figure is None else figure.median


def _draft_lever(look: Lookup) -> str:
    """The plan for decoding, if the measured lever still beats the code."""
    code = look.value("4 decode", "decode_photo alone")  # both: EXIF 6, no renditions
    lever = look.value("4 decode", "lever: draft at the fitted size, not the area")
    if code is None or lever is None or lever > 0.8 * code:
        return ""
    return f"draft at the fitted size ({lever:.0f} ms instead of {code:.0f} ms a scan); "


def _fade_lever(look: Lookup) -> str:
    frames = look.value("1 crossfade", "frames per 1 s crossfade", "x11 (kiosk's default)")
    if frames is not None and frames > 40:
        return f"fade at 30 frames a second (now {frames:.0f} a fade) or "
    return ""


def _frames(f: Figure, look: Lookup) -> str:
    flip = look.text("1 crossfade", "sending alone", f.driver)
    gl = look.text("1 crossfade", "=1 (GL), median")
    direct = look.text("1 crossfade", "ACCELERATION =0, median")
    if "GL" not in f.driver:
        return (
            f"The flip takes {flip} of it; the rest is two full-screen blits, the second "
            "with per-surface alpha, on one core. Plan: fade only the rectangle that differs "
            "(the photo area and the caption panel's text), or blend at 30 frames a second."
        )
    return (
        f"Sending a frame alone takes {flip} here: with SDL_FRAMEBUFFER_ACCELERATION=1 every "
        "frame is uploaded as an OpenGL texture through Mesa's software renderer (plain "
        f"pygame blit+flip: {gl} with =1 against {direct} with =0). Plan: keep "
        "`framebuffer_acceleration: false`, the kiosk's default; try true only on a machine "
        "with a real GPU, where this bench shows it faster."
    )


def _idle(f: Figure, look: Lookup) -> str:
    x11 = look.text("2 still CPU", "one slide stands still", "x11")
    return (
        "SDL's dummy driver cannot block until input, so the loop wakes 30 times a second to "
        f"look for it; under X11 the same kiosk blocks in SDL_WaitEventTimeout and uses {x11}. "
        "The dummy driver only serves the tests and `kiosk preview`: no kiosk PC runs it. "
        "Plan: none needed for the kiosk; if it mattered, the dummy driver's idle poll could "
        "be slowed (it only waits for input nobody can give)."
    )


def _latency(f: Figure, look: Lookup) -> str:
    name = "right" if f.label.startswith("Right") else "left"
    if f.label.startswith("Home"):
        name = "home_scan" if "no rendition" in f.label else "home"
    wake = look.text("3 input latency", f"{name}: key posted to key read", f.driver)
    if name == "home":
        second = look.text("4 decode", "second showing")
        return (
            f"The key reaches the loop in {wake}; then the photo's rendition is read back from "
            f"disk (a fresh PhotoCache takes {second} for it, figure 4) and its frame is "
            "composed before the first fade frame. Plan: keep the first slide's frame (the "
            "one Home leads to) composed at all times, as the next and previous are."
        )
    if "no rendition" in f.label:
        scan = look.text("4 decode", "first showing of the same scan without the EXIF tag")
        alone = look.text("4 decode", "decode_photo alone")
        second = look.text("4 decode", "second showing")
        draft = _draft_lever(look)
        return (
            f"The key reaches the loop in {wake}; the rest is getting the photo, which nothing "
            f"had prepared: its first showing takes {scan} (figure 4: decode_photo alone, "
            f"without renditions, {alone}), because the worker also hashes the 3 MB scan to "
            "name its rendition and writes the rendition before handing the pixels over; "
            "then the frame is composed."
            + (
                " On the dummy driver the loop also sleeps a whole frame period (1/30 s) while "
                "the photo loads, as the worker's wake-up cannot interrupt that sleep."
                if f.driver == "dummy"
                else ""
            )
            + " Plan: "
            + (draft or "")
            + "hand the pixels to the loop first and write the rendition after; keep the "
            "first slide (Home's target) prepared like the next and previous. Every later "
            f"jump to that slide reads the rendition ({second}, the row above)."
        )
    if f.driver == "dummy":
        x11_wake = look.text("3 input latency", f"{name}: key posted to key read", "x11")
        return (
            f"The key waits {wake} on average before the loop reads it: the dummy driver cannot "
            "block, so the loop sleeps in slices of 1/60 s (1/30 s with nobody there) and sees "
            "the key only when it wakes. Under X11 the loop blocks in SDL and wakes at once "
            f"({x11_wake}). Plan: none "
            "needed for a kiosk PC; the dummy driver only serves tests."
        )
    return f"The key reaches the loop in {wake}; the rest is the pass that draws the frame."


def _launch(f: Figure, look: Lookup) -> str:
    return _launch_story(look)


def _launch_story(look: Lookup) -> str:
    def at(step: str) -> float:
        return look.value("5 launch", f"breakdown: {step}") or 0.0

    python = look.value("5 launch", "python -c pass") or 0.0
    up = at("interpreter up")
    pg = at("import pygame")
    kiosk = at("import kiosk.app")
    init = at("pygame.display.init")
    mode = at("open_display")
    decode = at("decode the first photo")
    borderless = look.text("5 launch", "lever: a borderless")
    window = look.value("5 launch", "lever: a borderless") or 0.0
    decode_alone = (look.value("4 decode", "decode_photo alone") or 0.0) / 1000
    floor = python + (pg - up) + window + decode_alone
    return (
        "Replayed step by step (times since spawning): the interpreter is up at "
        f"{up:.3f} s (bare `python -c pass`: {python:.3f} s), pygame imported at {pg:.3f} s, "
        f"the kiosk's modules at {kiosk:.3f} s, pygame.display.init() done at {init:.3f} s, "
        f"the fullscreen set_mode at {mode:.3f} s (+{mode - init:.3f} s), the first "
        f"photo decoded at {decode:.3f} s. The fullscreen set_mode is mostly SDL 2.28 "
        "waiting up to 100 ms for a window manager to confirm fullscreen "
        "(X11_SetWindowFullscreenViaWM); Xvfb has none, so it waits it out, where a "
        f"borderless window of the screen's size takes {borderless}. Plan: measure on the "
        "kiosk PC's own session (its window manager answers at once); otherwise open a "
        "borderless screen-sized window, as a kiosk needs no window manager; import less "
        "before the first frame (Pillow, the narration and reload machinery can wait until "
        "the first photo is up); decode the first photo while the display opens. What "
        f"cannot be avoided adds up to about {floor:.2f} s: a bare interpreter "
        f"({python:.3f} s), importing pygame ({pg - up:.3f} s), a borderless window "
        f"({window:.3f} s) and one decode ({decode_alone:.3f} s, figure 4)."
    )


def _memory(f: Figure, look: Lookup) -> str:
    if "growth" in f.label:
        what = f.label.split("slide changes, ", 1)[-1].split(" (")[0]
        changes = look.text("6 memory", f"{what}: slide changes measured")
        floor = look.text("6 memory", f"{what}: RSS floor")
        error = look.value("6 memory", f"{what}: standard error")
        cached = look.find("6 memory", "every frame cached (slope")
        unresolved = error is not None and error > 2.0
        return (
            f"Over {changes} after the warm-up, the RSS floor moved {floor}. "
            + (
                f"The slope's standard error extrapolates to +/-{error:.1f} MB per 100,000 "
                "changes, more than the target: at this rate (each change waits for its "
                "photo) a run of minutes cannot tell a growth of 2 MB per 100,000 from noise, "
                "either way. "
                if unresolved
                else "The extrapolation to 100,000 assumes the growth is linear. "
            )
            + (
                f"The per-change path without decoding, measured over far more changes, "
                f"grows {cached.median_text} per 100,000. "
                if cached is not None and cached is not f
                else ""
            )
            + "Plan: a soak run, `bench/run.py --only memory --growth-seconds 3600` (an hour: "
            "about 200,000 changes), then tracemalloc snapshots 10,000 changes apart if the "
            "floor still climbs."
        )
    floor = look.value("5 launch", "RSS after open_display")
    imports = look.text("5 launch", "RSS after import kiosk.app")
    frame = 1920 * 1080 * 4 / 2**20
    if floor is None:
        return "The launch breakdown (figure 5), which gives the memory floor, was not run."
    budget = floor + 4 * frame + 8
    return (
        f"A budget that adds up to the peak: the floor before any photo is {floor:.1f} MB "
        f"(after the imports alone: {imports}: Python, pygame, Pillow, fonts), the display "
        f"surface included; then the composed 1080p frames, {frame:.1f} MB each: three kept "
        "(on screen, next, previous) and a fourth while the renderer composes a new one "
        "before it evicts the oldest; the photo budget (8 MB); and, while a scan decodes, "
        "Pillow's image, its resized copy, the bytes handed over and the surface made of "
        f"them (about 2-3 MB each at the shown size). {floor:.0f} + 4 x {frame:.1f} + 8 = "
        f"{budget:.0f} MB before those transients. Plan: evict before composing (never "
        f"four frames: -{frame:.0f} MB); drop the photo budget to nothing, since the "
        "composed frames hold the photos and a language switch can re-read the rendition "
        "from disk in a few milliseconds (-8 MB at most). "
        + ("Also draft at the fitted size (smaller decode buffers). " if _draft_lever(look) else "")
    )


def _peers(f: Figure, look: Lookup) -> str:
    peer = f.label.split("/")[1].split(":")[0].strip()
    if "first photo" in f.label:
        kiosk = look.text("7 peers", "kiosk: time to first photo")
        theirs = look.text("7 peers", f"{peer}: time to first photo")
        why = {
            "feh": "feh is a C program: no interpreter or modules to load before its window",
            "impressive": "Impressive loads Python, pygame and OpenGL before its first page",
        }.get(peer, f"{peer} starts differently")
        return f"The kiosk shows its first photo at {kiosk}, {peer} at {theirs}: {why}. " + (
            _launch_story(look)
        )
    if "CPU" in f.label:
        kiosk = look.value("7 peers", "kiosk: CPU seconds over") or 0.0
        theirs = look.text("7 peers", f"{peer}: CPU seconds over")
        start = look.value("7 peers", "kiosk: CPU seconds from spawning") or 0.0
        children = look.value("7 peers", "kiosk: CPU seconds of child") or 0.0
        cut = look.value("7 peers", "kiosk with transition: cut: CPU seconds over")
        fades = "" if cut is None else f" the crossfades {kiosk - cut:.2f} s (the same show "
        fades += "" if cut is None else f"with cuts spends {cut:.2f} s),"
        rest = kiosk - start - (0.0 if cut is None else kiosk - cut)
        decode = look.text("4 decode", "first showing of the same scan without the EXIF tag")
        return (
            f"The kiosk spends {kiosk:.2f} CPU s against {peer}'s {theirs}: {start:.2f} s "
            "before its first photo (interpreter, imports, window, first decode),"
            f"{fades} and about {rest:.2f} s on the five other slides: decoding each scan "
            f"({decode} each, figure 4), keeping its rendition and composing its frame; "
            f"{children:.2f} s of the total is a child process (the narration engine's voice "
            "check at start). Plan: "
            + _draft_lever(look)
            + _fade_lever(look)
            + "fade only the rectangle that differs (photo and caption text, not the whole "
            "screen); skip the voice check when every narration file is made; import less "
            "before the first photo."
            + (
                f" Even so, {peer}'s whole run costs less than the kiosk's start alone: a "
                "Python kiosk can approach it, not undercut it, unless it also starts faster."
                if (look.value("7 peers", f"{peer}: CPU seconds over") or 0) < start
                else ""
            )
        )
    kiosk = look.text("7 peers", "kiosk: peak RSS")
    theirs = look.text("7 peers", f"{peer}: peak RSS")
    return f"Peak RSS {kiosk} against {theirs}: see the figure 6 gap for what the kiosk holds."


def _narration(f: Figure, look: Lookup) -> str:
    return "See bench/narration.py for what this figure includes."


EXPLAIN: dict[str, Callable[[Figure, Lookup], str]] = {
    "1 crossfade": _frames,
    "2 still CPU": _idle,
    "3 input latency": _latency,
    "5 launch": _launch,
    "6 memory": _memory,
    "7 peers": _peers,
    "narration": _narration,
}


def observations(figures: Sequence[Figure], ctx: Context) -> list[str]:
    """Findings from this run's breakdowns that no target covers."""
    look = Lookup(figures, ctx)
    found = []
    for driver in ("x11", "dummy"):
        first = look.find("3 input latency", "Right (next, prefetched)", driver)
        seen = look.find("3 input latency", "right: key posted to the first frame with", driver)
        if first is None or seen is None or first.median is None or seen.median is None:
            continue
        if seen.median - first.median > 10:
            found.append(
                f"Figure 3 ({driver}): by the definition above, Right reaches its first frame "
                f"in {first.median_text}, but that frame still looks like the old slide: the "
                "fade's first frame blends the new one in at opacity 0 (progress 0 at the "
                "moment the fade starts). The first frame where the new slide can be seen "
                f"comes {seen.median_text} after the key, one frame period later. Plan: start "
                "the fade one frame in (its first frame at 1/30 of the way), so the first "
                "frame already shows the change."
            )
        break
    return found


def explain(figure: Figure, figures: Sequence[Figure], ctx: Context) -> str:
    handler = EXPLAIN.get(figure.key)
    if figure.driver.startswith("wayland"):
        return (
            "Measured under cage at 1280x720 (bench/wayland.py), without breakdowns of its "
            "own: the X11 row of the same figure has them."
        )
    if handler is None:
        return "No breakdown was measured for this figure."
    return handler(figure, Lookup(figures, ctx))
