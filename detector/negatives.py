"""Real non-breast images for the quality gate, all from installed packages (nothing is downloaded).

Sources: scikit-image's ``skimage/data`` files (photos, microscopy, astronomy, text scans, the LFW face
subset), pydicom's test files (CT, MR, RT, US, X-ray, ...), matplotlib's sample data (a photo, logos, rendered
terrain), and screenshots rendered here with Pillow and matplotlib (text pages, chat bubbles, charts).
Every image becomes the bytes an upload would be (PNG, JPEG or the DICOM file itself), so the gate learns
from what ``read_image`` makes of it.

Each image has a ``source`` key; the split into train / validation / test is by source key (a stable hash),
so crops or variants of one picture never straddle two splits.
"""

from __future__ import annotations

import hashlib
import io
import logging
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import numpy as np
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

Split = Literal["train", "validation", "test"]
_SPLIT_SHARES: Final = (0.6, 0.15)  # train, validation; the rest is test
WORDS: Final = [
    "the",
    "patient",
    "results",
    "report",
    "analysis",
    "image",
    "please",
    "send",
    "summary",
    "invoice",
    "total",
    "meeting",
    "agenda",
    "hello",
    "tomorrow",
    "weather",
    "python",
    "error",
    "file",
    "download",
    "settings",
    "profile",
    "message",
    "chat",
    "photo",
    "screening",
    "appointment",
    "clinic",
    "breast",
    "health",
    "information",
    "privacy",
    "terms",
    "update",
    "version",
    "account",
    "password",
    "login",
]


@dataclass(frozen=True)
class Negative:
    name: str
    source: str
    data: bytes


def split_of(source: str) -> Split:
    value = int(hashlib.sha256(source.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if value < _SPLIT_SHARES[0]:
        return "train"
    if value < _SPLIT_SHARES[0] + _SPLIT_SHARES[1]:
        return "validation"
    return "test"


def _png(array: np.ndarray, mode: str | None = None) -> bytes:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    Image.fromarray(array, mode=mode).save(buffer, format="PNG")
    return buffer.getvalue()


def _image_bytes(image: Image.Image, jpeg: bool) -> bytes:
    buffer = io.BytesIO()
    if jpeg:
        image.convert("RGB").save(buffer, format="JPEG", quality=85)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def skimage_images() -> Iterator[Negative]:
    import skimage.data

    folder = Path(skimage.data.__file__).parent
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
            yield Negative(f"skimage/{path.name}", f"skimage/{path.stem}", path.read_bytes())
    faces_path = folder / "lfw_subset.npy"
    if faces_path.is_file():
        faces = np.load(faces_path)
        for index, face in enumerate(faces):
            big = Image.fromarray((np.clip(face, 0, 1) * 255).astype(np.uint8)).resize((100, 100))
            yield Negative(
                f"skimage/lfw_{index}", f"skimage/lfw_{index}", _image_bytes(big, jpeg=index % 2 == 0)
            )


def pydicom_images() -> Iterator[Negative]:
    from pydicom.data import get_testdata_files

    for name in sorted(get_testdata_files()):
        path = Path(name)
        if not path.is_file() or path.suffix.lower() not in (".dcm", "") or path.stat().st_size > 8_000_000:
            continue
        yield Negative(f"pydicom/{path.name}", f"pydicom/{path.name}", path.read_bytes())


def matplotlib_images() -> Iterator[Negative]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "sample_data"
    for path in sorted(folder.glob("*")):
        if path.suffix.lower() in (".png", ".jpg"):
            yield Negative(f"matplotlib/{path.name}", f"matplotlib/{path.stem}", path.read_bytes())
    images = Path(matplotlib.get_data_path()) / "images"
    for path in sorted(images.glob("*.png"))[::3]:  # toolbar icons: small, many; every third is plenty
        with Image.open(path) as icon:
            big = icon.convert("RGBA").resize((96, 96))
            canvas = Image.new("RGB", big.size, "white")
            canvas.paste(big, mask=big.getchannel("A"))
        yield Negative(
            f"matplotlib/icon_{path.stem}", f"matplotlib/icon_{path.stem}", _image_bytes(canvas, False)
        )


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default()


def rendered_text(count: int, seed: int) -> Iterator[Negative]:
    """Text pages, chat-like screenshots and forms with random words, sizes and colours."""
    rng = random.Random(seed)
    for index in range(count):
        width, height = rng.choice([(720, 1280), (1080, 1920), (800, 600), (1024, 768), (600, 800)])
        dark = rng.random() < 0.3
        background = (20, 20, 24) if dark else rng.choice([(255, 255, 255), (245, 245, 240), (230, 240, 250)])
        ink = (230, 230, 230) if dark else (20, 20, 20)
        image = Image.new("RGB", (width, height), background)
        draw = ImageDraw.Draw(image)
        y = rng.randint(10, 60)
        kind = rng.choice(["page", "chat", "form"])
        while y < height - 40:
            size = rng.randint(14, 40)
            font = _font(size)
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
            x = rng.randint(10, 80)
            if kind == "chat":
                bubble = (rng.randint(60, 200), rng.randint(120, 230), rng.randint(120, 255))
                right = min(width - 10, x + int(size * 0.6 * len(line)) + 20)
                draw.rounded_rectangle((x, y, right, y + size + 16), radius=12, fill=bubble)
                draw.text((x + 10, y + 8), line, fill=(0, 0, 0), font=font)
                y += size + 30
            elif kind == "form":
                draw.text((x, y), line, fill=ink, font=font)
                draw.rectangle((x, y + size + 6, width - 20, y + 2 * size + 14), outline=ink, width=2)
                y += 2 * size + 30
            else:
                draw.text((x, y), line, fill=ink, font=font)
                y += int(size * 1.5)
        name = f"rendered/text_{seed}_{index}"
        yield Negative(name, name, _image_bytes(image, jpeg=rng.random() < 0.5))


def rendered_charts(count: int, seed: int) -> Iterator[Negative]:
    """Line, bar, scatter and image plots rendered with matplotlib (screenshots of reports and dashboards)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(seed)
    for index in range(count):
        fig, ax = plt.subplots(figsize=(rng.uniform(4, 8), rng.uniform(3, 6)), dpi=80)
        kind = index % 4
        if kind == 0:
            for _ in range(rng.integers(1, 4)):
                ax.plot(np.cumsum(rng.normal(size=100)))
        elif kind == 1:
            ax.bar(range(8), rng.uniform(1, 10, 8))
        elif kind == 2:
            ax.scatter(rng.normal(size=200), rng.normal(size=200), s=8)
        else:
            ax.imshow(
                rng.normal(size=(32, 32)).cumsum(0).cumsum(1),
                cmap=str(rng.choice(["viridis", "gray", "magma"])),
            )
        ax.set_title(" ".join(str(w) for w in rng.choice(WORDS, 3)))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        plt.close(fig)
        name = f"rendered/chart_{seed}_{index}"
        yield Negative(name, name, buffer.getvalue())


def all_negatives(*, rendered: int = 120) -> list[Negative]:
    items = [*skimage_images(), *pydicom_images(), *matplotlib_images()]
    items += [*rendered_text(rendered, seed=1), *rendered_charts(rendered // 2, seed=2)]
    logger.info("%d non-breast images from installed packages", len(items))
    return items
