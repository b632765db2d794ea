"""The retake reply: a photo of a film or screen that cannot be read gets buttons to send another.

The tip itself (too dark, glare, film cut off, blurred) comes with the refusal from the detector; this module
adds the keyboard and the answers to its buttons.
"""

from __future__ import annotations

from typing import Any, Final

from bot.keyboard import Keyboard, button_row

BUTTON_KIND: Final = "retake"
RETAKE_ERROR_KIND: Final = "UnusablePhotoError"
BUTTONS: Final = {"photo": "Send another photo", "tips": "How to photograph a film"}
SEND_ANOTHER: Final = (
    "Please send the new photo now, as a photo or as a file. Nothing was read from the last one."
)
PHOTO_TIPS: Final = (
    "How to photograph a mammogram film:\n"
    "1. Hold the film flat against a bright window or a light box (a white screen at full brightness "
    "works).\n"
    "2. Switch the flash off and keep lamps behind you so nothing reflects on the film.\n"
    "3. Hold the phone straight above the film, fill the frame, and keep all four edges of the film in "
    "view.\n"
    "4. Tap the film on your screen to focus, hold still, then take the photo.\n"
    "A photo of a screen works too: the same rules, with the room lights dimmed."
)


def is_retake(result: dict[str, Any]) -> bool:
    """Whether an analysis result is a refusal of an unusable photo (so it gets the retake buttons)."""
    return not result.get("ok") and result.get("error_kind") == RETAKE_ERROR_KIND


def retake_keyboard(result: dict[str, Any]) -> Keyboard | None:
    """The buttons under a retake reply, or None for every other result."""
    return button_row(BUTTON_KIND, BUTTONS) if is_retake(result) else None


def retake_button_reply(value: str) -> str:
    """What a retake button answers: the tips, or an invitation to send the next photo."""
    return PHOTO_TIPS if value == "tips" else SEND_ANOTHER
