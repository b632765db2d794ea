"""Mutation fuzzing of detector.read_image (and the preparation behind predict) with Python's ``random``.

Seeds are real files: mini-MIAS and BUSI PNGs (shrunk so each decode takes about a millisecond), JPEG
re-encodings, and DICOMs written with pydicom (MONOCHROME1/2, 8/16-bit, VOI window, RLE, JPEG 2000,
without preamble). Each input is a seed with 1-4 mutations: bit flips, random bytes, truncation, inserted or
deleted runs, duplicated chunks, splices of two seeds, and integer fields (sizes, lengths) set to extremes.

The rule checked: read_image returns a LoadedImage (then the breast crop and fitting must not fail either) or
raises an ImageError subclass; anything else is a finding, printed with the seed and mutation list.

    python bench/fuzz_readers.py --count 100000 --seed 1
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from detector.errors import ImageError  # noqa: E402
from detector.prepare import prepare_mammogram, prepare_whole  # noqa: E402
from detector.reading import read_image  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
FUZZ_MAX_PIXELS = 4_000_000  # keeps a mutated size field from making one input take seconds


def _png(array: np.ndarray, **params: object) -> bytes:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG", **params)
    return buffer.getvalue()


def _jpeg(array: np.ndarray) -> bytes:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _dicoms(pixels8: np.ndarray) -> list[bytes]:  # type: ignore[type-arg]
    from pydicom.uid import JPEG2000Lossless, RLELossless

    from tests.dicom_factory import dataset_to_bytes, mg_dataset

    out = []
    sixteen = (pixels8.astype(np.uint16) * 257).astype(np.uint16)
    out.append(dataset_to_bytes(mg_dataset(pixels8, bits_stored=8)))
    out.append(dataset_to_bytes(mg_dataset(sixteen, photometric="MONOCHROME1", laterality="R")))
    windowed = mg_dataset(sixteen)
    windowed.WindowCenter, windowed.WindowWidth = 30000.0, 30000.0
    windowed.RescaleSlope, windowed.RescaleIntercept = 1.0, -100.0
    out.append(dataset_to_bytes(windowed))
    rle = mg_dataset(sixteen)
    rle.compress(RLELossless, generate_instance_uid=False)
    out.append(dataset_to_bytes(rle))
    try:
        j2k = mg_dataset(sixteen)
        j2k.compress(JPEG2000Lossless, generate_instance_uid=False)
        out.append(dataset_to_bytes(j2k))
    except Exception:  # no encoder installed: skip this seed
        pass
    out.append(dataset_to_bytes(mg_dataset(pixels8, bits_stored=8), preamble=False))
    return out


def seeds() -> list[bytes]:
    """Real images as small uploads; a synthetic gradient stands in when the shared data are missing."""
    arrays = []
    for path in (
        SHARED / "mini-mias" / "images" / "mdb001.png",
        SHARED / "busi" / "images" / "benign_1.png",
        SHARED / "busi" / "images" / "malignant_1.png",
    ):
        if path.is_file():
            with Image.open(path) as image:
                arrays.append(np.asarray(image.convert("L").resize((96, 96))))
    if not arrays:
        arrays.append((np.add.outer(np.arange(96), np.arange(96)) % 256).astype(np.uint8))
    out: list[bytes] = []
    for array in arrays:
        out += [
            _png(array),
            _png(array, optimize=True),
            _jpeg(array),
            _png(np.stack([array, array[::-1], array.T], axis=-1)),
        ]
        out += [_png((array.astype(np.uint16) * 257).astype(np.uint16))]
        out += _dicoms(array)
    return out


INTERESTING = (
    b"\x00\x00\x00\x00",
    b"\xff\xff\xff\xff",
    b"\x7f\xff\xff\xff",
    b"\x00\x00\x00\x01",
    b"\x80\x00\x00\x00",
    b"\xff\xff",
    b"\x00\x01",
    b"\x10\x00",
)


@dataclass
class Outcome:
    count: int = 0
    accepted: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    escaped: list[str] = field(default_factory=list)
    slowest_ms: float = 0.0


def mutate(data: bytes, rng: random.Random, corpus: list[bytes]) -> tuple[bytes, list[str]]:
    buffer = bytearray(data)
    steps = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("flip", "byte", "truncate", "insert", "delete", "duplicate", "splice", "int"))
        n = len(buffer)
        if n == 0:
            break
        at = rng.randrange(n)
        if kind == "flip":
            buffer[at] ^= 1 << rng.randrange(8)
        elif kind == "byte":
            buffer[at] = rng.randrange(256)
        elif kind == "truncate":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif kind == "delete":
            del buffer[at : at + rng.randint(1, 256)]
        elif kind == "duplicate":
            chunk = buffer[at : at + rng.randint(1, 512)]
            buffer[at:at] = chunk
        elif kind == "splice":
            other = rng.choice(corpus)
            cut = rng.randrange(len(other))
            buffer = buffer[:at] + bytearray(other[cut:])
        else:
            value = rng.choice(INTERESTING)
            buffer[at : at + len(value)] = value
        steps.append(f"{kind}@{at}")
    return bytes(buffer), steps


def run_one(data: bytes) -> str | None:
    """None when read and prepared; the ImageError class name when refused; raises anything else."""
    try:
        image = read_image(data, max_pixels=FUZZ_MAX_PIXELS)
    except ImageError as exc:
        return type(exc).__name__
    prepare_whole(image, 64)
    prepare_mammogram(image, 64)
    return None


def fuzz(count: int, seed: int, *, report_every: int = 0) -> Outcome:
    corpus = seeds()
    rng = random.Random(seed)
    outcome = Outcome()
    started = time.perf_counter()
    for index in range(count):
        base = rng.randrange(len(corpus))
        data, steps = mutate(corpus[base], rng, corpus)
        t0 = time.perf_counter()
        try:
            refused = run_one(data)
        except Exception as exc:
            outcome.escaped.append(
                f"seed {base} {steps}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
            )
            refused = "ESCAPED"
        outcome.slowest_ms = max(outcome.slowest_ms, (time.perf_counter() - t0) * 1000)
        outcome.count += 1
        if refused is None:
            outcome.accepted += 1
        else:
            outcome.refused[refused] += 1
        if report_every and (index + 1) % report_every == 0:
            print(
                f"{index + 1} inputs, {outcome.accepted} read, {len(outcome.escaped)} escaped, "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import warnings

    warnings.simplefilter("ignore")  # pydicom warns on every malformed element
    started = time.perf_counter()
    outcome = fuzz(args.count, args.seed, report_every=10_000)
    print(
        f"inputs: {outcome.count}; read and prepared: {outcome.accepted}; refused with a typed error: "
        f"{sum(outcome.refused.values())} {dict(outcome.refused.most_common())}; other exceptions: "
        f"{len(outcome.escaped)}; slowest input {outcome.slowest_ms:.0f} ms; "
        f"{time.perf_counter() - started:.0f} s"
    )
    for finding in outcome.escaped[:20]:
        print(finding)
    return 1 if outcome.escaped else 0


if __name__ == "__main__":
    sys.exit(main())
