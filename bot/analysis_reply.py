"""Turns a worker's analysis result into the text the person reads."""

from __future__ import annotations

from typing import Any

from bot import replies

FORMAT_NAMES = {"dicom": "DICOM file", "png": "PNG image", "jpeg": "JPEG image"}


def analysis_reply(result: dict[str, Any]) -> str:
    """The reply for a task result: the refusal's own message, or the probability with its caveats."""
    if not result.get("ok"):
        if result.get("user_message"):
            return str(result["user_message"])
        return replies.ANALYSIS_TIMEOUT if result.get("error_kind") == "timeout" else replies.ANALYSIS_FAILED
    prediction = result["prediction"]
    probability = float(prediction["probability"])
    lines = [
        f"Image received: {FORMAT_NAMES.get(prediction['source_format'], 'image')}, "
        f"{prediction['width']}×{prediction['height']} pixels.",
        f"Model output: probability {probability:.2f} (about {round(probability * 100)} in 100).",
    ]
    if not prediction.get("trained", False):
        lines.append(replies.UNTRAINED_MODEL_WARNING)
    if prediction.get("for_processing"):
        lines.append(
            "Note: this DICOM is a 'for processing' (raw) image; results on raw images are less reliable."
        )
    lines.append(replies.DISCLAIMER)
    return "\n\n".join(lines)
