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
    dummy = look.text("2 still CPU", "one slide stands still", "dummy")
    quota = look.value("Pi 4", "CPU quota")
    if f.driver.endswith("Pi 4 estimate"):
        here = x11 if f.driver.startswith("x11") else dummy
        return (
            f"The same kiosk uses {here} of this machine's core; a Pi 4 core does "
            f"{quota or 0:.2f} of its work in the same time, so the same wakes cost that much "
            "more of it. Plan: fewer wakes on a still slide (the loop's pass about four times "
            "a second, the reload watcher's look at the curators' files once a second: "
            "inotify instead of that look) and, where SDL cannot block, look for input "
            "without running the whole pass (the dummy row's plan)."
        )
    return (
        "SDL's dummy driver cannot block until input (nor can KMSDRM), so the loop wakes to "
        "look for it, 12 times a second while nobody is there, and ran its whole pass "
        "(calendar, status, timer, drawing check) at every look; under X11 the same kiosk "
        f"blocks in SDL_WaitEventTimeout and uses {x11}. Plan: look for input inside the "
        "wait (one event pump, tens of microseconds) and run the pass only when input came, a "
        "worker woke the loop or a quarter second is over, as on X11."
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
        alone = look.text("4 decode", "decode_photo alone")
        second = look.text("4 decode", "second showing")
        return (
            f"The key reaches the loop in {wake}; the rest is getting the photo, which nothing "
            "had prepared: the loop hands the scan to the decoder in its next pass, and while "
            "the decoder reads the 12-megapixel JPEG at half scale (figure 4: decode_photo "
            f"alone, {alone} on a quiet machine; more here, as the loop composes the rest of "
            "the frame meanwhile on the other core), resizes it and wraps it for pygame, the "
            "frame waits; the first fade frame follows within a few milliseconds. Decoding "
            "alone is most of the 50 ms. Plan: make the screen-sized renditions of every "
            "slide ahead, while the screen stands still and at low priority, so that only "
            "the first minutes of a new exhibition can meet a scan without one (every jump "
            f"then reads a rendition: {second}, figure 4); keep the first slide, Home's "
            "target, prepared like the next and previous."
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
    if not up:
        return "(Figure 5, which breaks the launch down, was not run.)"
    pg = at("import pygame")
    kiosk = at("import kiosk.app")
    init = at("pygame.display.init")
    mode = at("open_display")
    decode = at("decode the first photo")
    window = look.value("5 launch", "lever: a borderless") or 0.0
    decode_alone = (look.value("4 decode", "decode_photo alone") or 0.0) / 1000
    floor = python + (pg - up) + window + decode_alone
    feh = look.value("7 peers", "feh: time to first photo", "x11")
    against = f", {floor / feh:.1f}x feh's {feh:.2f} s" if feh else ""
    return (
        "Replayed step by step (times since spawning): the interpreter is up at "
        f"{up:.3f} s (bare `python -c pass`: {python:.3f} s), pygame imported at {pg:.3f} s, "
        f"the kiosk's modules at {kiosk:.3f} s (+{kiosk - pg:.3f} s), pygame.display.init() "
        f"done at {init:.3f} s, the window open at {mode:.3f} s (+{mode - init:.3f} s), the "
        f"first photo decoded at {decode:.3f} s. Plan: import still less before the first "
        "frame (each module the first frame does not need, after it); decode the first photo "
        "while the display opens. What cannot be avoided in Python adds up to about "
        f"{floor:.2f} s: a bare interpreter ({python:.3f} s), importing pygame "
        f"({pg - up:.3f} s), a borderless window ({window:.3f} s) and one decode "
        f"({decode_alone:.3f} s, figure 4){against}."
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
            + "It takes hours of changes to resolve: the soaks of bench/soak.py (the soak "
            "sections at the end of this file) measure it, with narration on and off. Plan: "
            "tracemalloc snapshots 10,000 changes apart if a soak's floor ever climbs."
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
    driver = f.driver
    run = "kiosk, first day" if "first day" in f.label else "kiosk, days after"
    theirs_run = {"feh": "feh" if run.endswith("first day") else "feh, again"}.get(peer, peer)
    if "first photo" in f.label:
        kiosk = look.text("7 peers", f"{run}: time to first photo", driver)
        theirs = look.text("7 peers", f"{theirs_run}: time to first photo", driver)
        why = {
            "feh": "feh is a C program: no interpreter or modules to load before its window",
            "impressive": "Impressive loads Python, pygame and OpenGL before its first page",
        }.get(peer, f"{peer} starts differently")
        story = _launch_story(look) if driver == "x11" else ""
        quota = look.value("Pi 4", "CPU quota")
        if driver.endswith("Pi 4 estimate") and quota:
            story = (
                f"Under the quota ({quota:.2f} of a core) a start that is all CPU stretches "
                f"{1 / quota:.1f} times: the kiosk's interpreter, imports and first decode "
                "(the X11 row's breakdown) as much as feh's. Plan: the X11 row's."
            )
        return f"The kiosk shows its first photo at {kiosk}, {peer} at {theirs}: {why}. " + story
    if "CPU" in f.label:
        return _peers_cpu(f, look, peer, run, theirs_run)
    kiosk = look.text("7 peers", "kiosk, first day: peak RSS", driver)
    theirs = look.text("7 peers", f"{peer}: peak RSS", driver)
    return f"Peak RSS {kiosk} against {theirs}: see the figure 6 gap for what the kiosk holds."


def _peers_cpu(f: Figure, look: Lookup, peer: str, run: str, theirs_run: str) -> str:
    driver = f.driver

    def cpu(name: str, what: str = "CPU seconds over") -> float:
        return look.value("7 peers", f"{name}: {what}", driver) or 0.0

    kiosk, theirs = cpu(run), cpu(theirs_run)
    start, their_start = cpu(run, "CPU seconds from spawning"), cpu(theirs_run, "CPU seconds from")
    children = cpu(run, "CPU seconds of child")
    first, after = cpu("kiosk, first day"), cpu("kiosk, days after")
    cut = look.value("7 peers", "kiosk with transition: cut: CPU seconds over", driver)
    decode = look.text("4 decode", "first showing of the same scan without the EXIF tag")
    parts = [
        f"The kiosk spends {kiosk:.2f} CPU s against {peer}'s {theirs:.2f} s. Before its first "
        f"photo (interpreter, imports, window, first photo) {start:.2f} s, against {peer}'s "
        f"{their_start:.2f} s: the kiosk's start alone is "
        f"{start / theirs if theirs else 0:.0%} of {peer}'s whole run."
    ]
    if cut is not None:
        parts.append(
            f" On the days after, the five crossfades cost {after - cut:.2f} s (the same show "
            f"with cuts spends {cut:.2f} s, {cut / theirs if theirs else 0:.2f}x {peer}): each "
            "1 s fade blends about 25 frames on the CPU, only where the slides differ, and "
            f"{peer} has no transitions at all."
        )
    if run.endswith("first day"):
        parts.append(
            f" The first day adds {first - after:.2f} s to the days after: each scan is decoded "
            f"from the 12-megapixel original (figure 4: {decode} a scan) and its screen-sized "
            f"rendition written for every later showing; {children:.2f} s went to child "
            "processes (narration is made only when asked or when the screen stands still)."
        )
    parts.append(
        " Plan: start lighter (the launch gap: import less before the first photo); on a "
        "machine with a GPU, blend the fades there (SDL_FRAMEBUFFER_ACCELERATION=1 with a real "
        "driver, measured with figure 1); `transition: cut` is the lightest show where the CPU "
        "is scarce."
    )
    if driver.endswith("Pi 4 estimate"):
        parts.append(" Pi 4 estimate: CPU given in Pi 4 core-seconds (see bench/pi4.py).")
    return "".join(parts)


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
        gl = Lookup(figures, ctx).text("1 crossfade", "=1 (GL), median")
        direct = Lookup(figures, ctx).text("1 crossfade", "ACCELERATION =0, median")
        return (
            "Measured under cage at 1280x720 (bench/wayland.py); the X11 row of the same "
            "figure has the breakdowns. What differs: SDL's Wayland driver has no direct path "
            "to the screen, so every frame goes through an OpenGL texture, here drawn by "
            "Mesa's software renderer (llvmpipe) on the CPU, which also holds its own copies "
            f"of the frames (figure 1, under X11: a plain blit+flip takes {gl} through GL "
            f"against {direct} directly). Plan: measure on the kiosk's own hardware, where the "
            "GPU draws that texture (a Raspberry Pi 4's V3D, an Intel iGPU); on a PC without "
            "a working GPU driver, run the kiosk in an X11 session instead, where frames go "
            "to the screen directly."
        )
    if handler is None:
        return "No breakdown was measured for this figure."
    return handler(figure, Lookup(figures, ctx))
