"""Figure 4: a 4000x3000 JPEG scan (about 3 MB, detailed, EXIF orientation 6, so it must be
turned upright) from its file to a screen-sized pygame surface, as the kiosk does it off the
render loop: a fresh `PhotoCache` for the 1920x1080 screen's photo area is asked for the
photo, its worker thread decodes, and `collect` wraps the pixels into a surface on this
(main) thread. The time runs from the request to the surface.

"Second showing" asks a new, fresh `PhotoCache` for the same file, so nothing in memory
helps: only what the code keeps on disk (the renditions folder, when the `PhotoCache` takes
one; it is given one exactly as `ShowLoop` builds it). Every repeat writes a new copy of the
scan (new bytes) and starts from an empty renditions folder, so each first showing is cold.

    python -m bench.decode child --work DIR --repeats N   (run by bench/run.py)
"""

from __future__ import annotations

import argparse
import inspect
import os
import threading
import time
from pathlib import Path

from bench.common import (
    SCREEN,
    Context,
    Figure,
    detailed_image,
    driver_env,
    emit,
    run_child,
    save_photo,
)


def child(work: Path, repeats: int, size: tuple[int, int]) -> dict:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame
    from PIL import Image, ImageOps

    from kiosk.screen import images
    from kiosk.screen.photo_files import is_sideways
    from kiosk.show.layout import Rect, fit_image_to_screen, usual_photo_area

    pygame.display.init()
    pygame.display.set_mode(SCREEN)
    area_rect = usual_photo_area(*SCREEN, ("fr", "en"))
    area = (area_rect.w, area_rect.h)
    takes_renditions = "renditions" in inspect.signature(images.PhotoCache).parameters

    def photo_cache(folder: Path, on_ready) -> images.PhotoCache:
        if not takes_renditions:
            return images.PhotoCache(area, on_ready=on_ready)
        from kiosk.screen.renditions import Renditions

        return images.PhotoCache(area, on_ready=on_ready, renditions=Renditions(folder))

    def show_once(path: Path, folder: Path) -> tuple[float, float]:
        ready = threading.Event()
        cache = photo_cache(folder, ready.set)
        started = time.perf_counter()
        cache.request(path)
        ready.wait(30)
        decoded = time.perf_counter()
        surface = cache.get(path)
        ended = time.perf_counter()
        cache.close()
        assert isinstance(surface, pygame.Surface), surface
        return ended - started, ended - decoded

    def decode_fitted(path: Path) -> None:
        """The lever: ask libjpeg for the size the photo is shown at, not the whole area."""
        with Image.open(path) as image:
            sideways = is_sideways(image)
            w, h = (image.height, image.width) if sideways else image.size
            fit = fit_image_to_screen(w, h, Rect(0, 0, *area))
            image.draft("RGB", (fit.h, fit.w) if sideways else (fit.w, fit.h))
            rgb = ImageOps.exif_transpose(image).convert("RGB")
        if rgb.size != (fit.w, fit.h):
            rgb = rgb.resize((fit.w, fit.h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        pygame.image.frombuffer(rgb.tobytes(), rgb.size, "RGB").convert()

    scan = detailed_image(7, size)
    out: dict[str, list[float]] = {
        "first": [],
        "second": [],
        "wrap": [],
        "decode_photo": [],
        "upright_first": [],
        "fitted": [],
        "fitted_upright": [],
        "bytes": [],
    }
    for r in range(repeats):
        path = save_photo(scan, work / f"scan-{r}.jpg", 87, orientation=6)
        upright = save_photo(scan, work / f"upright-{r}.jpg", 87)
        out["bytes"].append(path.stat().st_size)
        total, wrap = show_once(path, work / f"renditions-{r}")
        out["first"].append(total)
        out["wrap"].append(wrap)
        out["second"].append(show_once(path, work / f"renditions-{r}")[0])
        started = time.perf_counter()
        images.decode_photo(path, area)
        out["decode_photo"].append(time.perf_counter() - started)
        out["upright_first"].append(show_once(upright, work / f"renditions-up-{r}")[0])
        started = time.perf_counter()
        decode_fitted(path)
        out["fitted"].append(time.perf_counter() - started)
        started = time.perf_counter()
        decode_fitted(upright)
        out["fitted_upright"].append(time.perf_counter() - started)
    out["renditions"] = [float(takes_renditions)]
    return out


def collect(ctx: Context) -> list[Figure]:
    repeats = 1 if ctx.quick else ctx.repeats + 2
    size = (800, 600) if ctx.quick else (4000, 3000)
    work = ctx.folder("decode")
    args = ["child", "--work", str(work), "--repeats", str(repeats)]
    args += ["--size", f"{size[0]}x{size[1]}"]
    result, problem = run_child("decode", args, driver_env("dummy", None), 300)
    ctx.commands.append(f"python -m bench.decode {' '.join(args[1:])}  (SDL_VIDEODRIVER=dummy)")
    if result is None:
        ctx.notes.append(f"figure 4: {problem}")
        return []
    megabytes = sum(result["bytes"]) / len(result["bytes"]) / 1e6
    scan = f"{size[0]}x{size[1]} JPEG, {megabytes:.1f} MB, EXIF 6"
    has_disk = bool(result["renditions"][0])
    second = "fresh PhotoCache, " + ("rendition on disk" if has_disk else "no disk cache in code")
    figures = [
        Figure(
            "4 decode",
            f"{scan}: first showing, file to surface",
            "dummy",
            result["first"],
            "ms",
            scale=1000,
        ),
        Figure(
            "4 decode",
            f"same photo, second showing ({second})",
            "dummy",
            result["second"],
            "ms",
            scale=1000,
        ),
    ]
    for key, label in (
        ("decode_photo", "decode_photo alone, no renditions (worker thread)"),
        ("wrap", "wrap into a surface, main thread (part of first showing)"),
        ("upright_first", "first showing of the same scan without the EXIF tag"),
        ("fitted", "lever: draft at the fitted size, not the area (EXIF 6, incl. wrap)"),
        ("fitted_upright", "lever: draft at the fitted size, the scan without the EXIF tag"),
    ):
        ctx.details.append(
            Figure("4 decode", label, "dummy", result[key], "ms", scale=1000, digits=1)
        )
    if not has_disk:
        ctx.notes.append("figure 4: this PhotoCache takes no renditions folder: no disk cache")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["child"])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size", default="4000x3000")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    emit(child(args.work, args.repeats, (w, h)))


if __name__ == "__main__":
    main()
