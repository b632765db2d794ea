"""Turns a worker's analysis outcome (workers.contract) into what the person reads, in their language: plain
words, the band, next steps; or, for a refusal, the words for its code."""

from __future__ import annotations

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.image_refusal_replies import refusal_text
from workers.contract import AnalysisDone, AnalysisOutcome, AnalysisRefused


def heatmap_png(outcome: AnalysisOutcome) -> bytes | None:
    """The heatmap overlay to send with the reply, if the outcome carries one."""
    if isinstance(outcome, AnalysisDone) and outcome.heatmap_png:
        return outcome.heatmap_png
    return None


def analysis_reply(outcome: AnalysisOutcome, language: Language = DEFAULT_LANGUAGE) -> str:
    """The reply for an outcome: the refusal's words, or the probability with its caveats.

    An unknown band reads as intermediate (see a clinician), never as low."""
    if isinstance(outcome, AnalysisRefused):
        return refusal_text(outcome, language)
    probability = outcome.probability
    lines = [
        text(
            language,
            "result-read-as",
            modality=outcome.modality,
            format=outcome.source_format,
            width=outcome.width,
            height=outcome.height,
        ),
        text(
            language,
            "result-probability",
            modality=outcome.modality,
            probability=f"{probability:.2f}",
            percent=round(probability * 100),
        ),
        text(language, "result-suspicion", band=outcome.band)
        if outcome.trained
        else text(language, "untrained-model-warning"),
    ]
    if outcome.for_processing:
        lines.append(text(language, "result-for-processing"))
    if heatmap_png(outcome):
        lines.append(text(language, "result-heatmap-note"))
    lines.append(text(language, "disclaimer"))
    return "\n\n".join(lines)
