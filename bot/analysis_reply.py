"""Turns a worker's analysis outcome (workers.contract) into what the person reads: plain words, the band,
next steps; or, for a refusal, the words for its code."""

from __future__ import annotations

from bot import replies
from bot.image_refusal_replies import refusal_text
from workers.contract import AnalysisDone, AnalysisOutcome, AnalysisRefused

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


def heatmap_png(outcome: AnalysisOutcome) -> bytes | None:
    """The heatmap overlay to send with the reply, if the outcome carries one."""
    if isinstance(outcome, AnalysisDone) and outcome.heatmap_png:
        return outcome.heatmap_png
    return None


def analysis_reply(outcome: AnalysisOutcome) -> str:
    """The reply for an outcome: the refusal's words, or the probability with its caveats."""
    if isinstance(outcome, AnalysisRefused):
        return refusal_text(outcome)
    probability = outcome.probability
    modality = outcome.modality
    source = FORMAT_NAMES.get(outcome.source_format, "image")
    lines = [
        f"I read this as {MODALITY_NAMES.get(modality, 'an image')} ({source}, "
        f"{outcome.width}×{outcome.height} pixels).",
        f"Model output: probability {probability:.2f}: about {round(probability * 100)} in 100 that "
        f"the image {FINDING_NAMES.get(modality, 'shows an abnormality')}.",
    ]
    if outcome.trained:
        band = outcome.band
        lines.append(f"Suspicion: {BAND_WORDS.get(band, band.upper())}. {NEXT_STEPS.get(band, '')}".strip())
    else:
        lines.append(replies.UNTRAINED_MODEL_WARNING)
    if outcome.for_processing:
        lines.append(FOR_PROCESSING_NOTE)
    if heatmap_png(outcome):
        lines.append(HEATMAP_NOTE)
    lines.append(replies.DISCLAIMER)
    return "\n\n".join(lines)
