"""Photo -> reply and text -> reply latency through the emulator, PTB, Redis, the worker (and Rasa).

Baselines, measured in the same run: the bare `Predictor.predict` of the same images in this process, and
the bare Rasa `POST /model/parse` of the same sentences. Targets: photo p50 <= 1.3x bare; text p50 <= bare
Rasa parse p50 + 30 ms.

    .venv/bin/python -m bench.e2e_latency [--photos 50] [--texts 50]
"""

from __future__ import annotations

import argparse
import io
import time

import httpx
from PIL import Image

from bench.harness import describe, mammograms, percentile, running_stack
from detector import DEFAULT_CONFIG, Predictor
from tests.chat import ChatUser

SENTENCES = ["hello", "hi there", "thank you", "how do I send an image", "what is breast cancer"]


def as_photo(png: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("L").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def bare_predict_ms(photos: list[bytes]) -> list[float]:
    predictor = Predictor(DEFAULT_CONFIG)
    timings = []
    for data in photos:
        started = time.perf_counter()
        predictor.predict(data)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bare_parse_ms(rasa_url: str, count: int) -> list[float]:
    timings = []
    with httpx.Client(base_url=rasa_url, timeout=10) as client:
        for index in range(count):
            started = time.perf_counter()
            client.post("/model/parse", json={"text": SENTENCES[index % len(SENTENCES)]}).raise_for_status()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def round_trips_ms(chat: ChatUser, send: list[tuple[str, bytes | str]]) -> list[float]:
    timings = []
    for kind, payload in send:
        started = time.perf_counter()
        if kind == "photo":
            assert isinstance(payload, bytes)
            chat.send_photo(payload)
        else:
            assert isinstance(payload, str)
            chat.send_text(payload)
        chat.next_message()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--texts", type=int, default=50)
    args = parser.parse_args()
    photos = [as_photo(png) for png in mammograms(args.photos)]
    with running_stack(rasa=True) as config:
        chat = ChatUser(config.emulator_url)
        chat.consent()
        round_trips_ms(chat, [("photo", photos[0]), ("text", "hello")])  # warm-up
        photo_ms = round_trips_ms(chat, [("photo", data) for data in photos])
        text_ms = round_trips_ms(chat, [("text", SENTENCES[i % len(SENTENCES)]) for i in range(args.texts)])
        parse_ms = bare_parse_ms(config.rasa_url, args.texts)
        chat.close()
    predict_ms = bare_predict_ms(photos)
    print(f"bare predict        {describe(predict_ms)}")
    print(f"photo -> reply      {describe(photo_ms)}")
    ratio = percentile(photo_ms, 50) / percentile(predict_ms, 50)
    print(f"ratio p50 photo/bare = {ratio:.2f}x  (target <= 1.3x)")
    print(f"bare Rasa parse     {describe(parse_ms)}")
    print(f"text -> reply       {describe(text_ms)}")
    extra = percentile(text_ms, 50) - percentile(parse_ms, 50)
    print(f"text p50 - parse p50 = {extra:+.1f} ms  (target <= +30 ms)")


if __name__ == "__main__":
    main()
