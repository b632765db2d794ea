"""Turns a worker's analysis result into what the person reads: plain words, the band, next steps."""

from __future__ import annotations

import base64
from typing import Any

from bot import replies

FORMAT_NAMES = {"dicom": "DICOM file", "png": "PNG image", "jpeg": "JPEG image"}
MODALITY_NAMES = {"mammography": "a mammogram", "ultrasound": "a breast ultrasound image"}
FINDING_NAMES = {
    "mammography": "shows an abnormality (benign or malignant) that needs a closer look",
    "ultrasound": "shows a malignant (cancerous) lesion",
}
BAND_WORDS = {"low": "LOW", "intermediate": "INTERMEDIATE", "high": "HIGH"}
NEXT_STEPS = {
    "low": (
        "Next steps: a low result does not rule anything out. Keep to your usual screening, and see a doctor "
        "or nurse if you have symptoms or notice any change."
    ),
    "intermediate": "Next steps: please ask a doctor or nurse to look at this image and at you.",
    "high": (
        "Next steps: please see a doctor or breast clinic soon (within two weeks) and bring this image. "
        "Many images flagged like this turn out not to be cancer, but this one needs a clinician."
    ),
}
HEATMAP_NOTE = "The coloured areas on the picture show where the model looked. They are not a diagnosis."
FOR_PROCESSING_NOTE = (
    "Note: this DICOM is a 'for processing' (raw) image; results on raw images are less reliable."
)


def heatmap_png(result: dict[str, Any]) -> bytes | None:
    """The heatmap overlay to send with the reply, if the result carries one."""
    if not result.get("ok"):
        return None
    encoded = result["prediction"].get("heatmap_png")
    return base64.b64decode(encoded) if isinstance(encoded, str) and encoded else None


def analysis_reply(result: dict[str, Any]) -> str:
    """The reply for a task result: the refusal's own message, or the probability with its caveats."""
    if not result.get("ok"):
        if result.get("user_message"):
            return str(result["user_message"])
        return replies.ANALYSIS_TIMEOUT if result.get("error_kind") == "timeout" else replies.ANALYSIS_FAILED
    prediction = result["prediction"]
    probability = float(prediction["probability"])
    modality = str(prediction.get("modality") or "mammography")
    source = FORMAT_NAMES.get(prediction["source_format"], "image")
    lines = [
        f"I read this as {MODALITY_NAMES.get(modality, 'an image')} ({source}, "
        f"{prediction['width']}×{prediction['height']} pixels).",
        f"Model output: probability {probability:.2f}: about {round(probability * 100)} in 100 that "
        f"the image {FINDING_NAMES.get(modality, 'shows an abnormality')}.",
    ]
    if prediction.get("trained", False):
        band = str(prediction.get("band") or "intermediate")
        lines.append(f"Suspicion: {BAND_WORDS.get(band, band.upper())}. {NEXT_STEPS.get(band, '')}".strip())
    else:
        lines.append(replies.UNTRAINED_MODEL_WARNING)
    if prediction.get("for_processing"):
        lines.append(FOR_PROCESSING_NOTE)
    if heatmap_png(result):
        lines.append(HEATMAP_NOTE)
    lines.append(replies.DISCLAIMER)
    return "\n\n".join(lines)
