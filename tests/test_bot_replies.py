"""What the bot says for a parsed sentence and for an analysis result."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bot.analysis_reply import analysis_reply
from bot.catalog import Language, script_language, text
from bot.conversation import stateless_reply
from bot.history import history_text
from bot.image_refusal_replies import image_error_text
from bot.replying import split_text
from imaging.formats import OtherFormat
from nlu import Entity, ParseResult
from store import AnalysisRecord
from workers.contract import AnalysisDone, AnalysisRefused


def parse(intent: str, *entities: tuple[str, str], confidence: float = 0.95) -> ParseResult:
    return ParseResult(
        text="...",
        intent=intent,
        confidence=confidence,
        entities=tuple(
            Entity(entity=name, value=value, start=0, end=1, confidence=1.0) for name, value in entities
        ),
    )


def test_lump_report_restates_side_and_duration_and_sends_to_a_clinician() -> None:
    reply = reply_for(
        parse("report_symptom", ("symptom", "lump"), ("body_side", "left"), ("duration", "3 weeks"))
    )
    assert reply.startswith("I understand you have noticed a lump in your left breast for 3 weeks.")
    assert "within two weeks" in reply
    assert "not a medical device" in reply


def test_pain_alone_is_not_urgent_but_never_dismissed() -> None:
    reply = reply_for(parse("report_symptom", ("symptom", "pain"), ("body_side", "right")))
    assert "pain in your right breast" in reply
    assert "within two weeks" not in reply
    assert "see a doctor or nurse" in reply


def test_symptom_without_details_asks_for_them() -> None:
    assert "which side" in reply_for(parse("report_symptom"))


def test_low_confidence_is_not_guessed() -> None:
    assert "did not understand" in reply_for(parse("greet", confidence=0.2))


def test_a_detector_refusal_is_worded_by_its_error_and_reason() -> None:
    assert analysis_reply(AnalysisRefused("EmptyImageError")) == (
        "This file is empty (0 bytes). Please send the image again."
    )
    pdf = analysis_reply(AnalysisRefused("UnsupportedFormatError", detail="pdf"))
    assert pdf.startswith("This looks like a PDF document") and "JPEG, PNG or DICOM" in pdf
    glare = analysis_reply(AnalysisRefused("UnusablePhotoError", detail="glare"))
    assert "flash" in glare
    unknown = analysis_reply(AnalysisRefused("UnsupportedFormatError", detail="something-new"))
    assert unknown.startswith("This file type is not supported")


TRAINED_RESULT = AnalysisDone(
    probability=0.734,
    model_name="m",
    model_version="1",
    source_format="jpeg",
    width=800,
    height=600,
    trained=True,
    for_processing=True,
    preprocess_ms=1.0,
    inference_ms=2.0,
    band="high",
    heatmap_png=b"png",
)


def test_untrained_result_says_the_number_means_nothing() -> None:
    prediction = dataclasses.replace(
        TRAINED_RESULT, probability=0.4321, source_format="dicom", trained=False, heatmap_png=b""
    )
    reply = analysis_reply(prediction)
    assert "probability 0.43" in reply
    assert "NOT trained" in reply
    assert "DICOM" in reply


def test_a_trained_result_says_the_band_next_steps_and_caveats() -> None:
    reply = analysis_reply(TRAINED_RESULT)
    assert reply.startswith("I read this as a mammogram (JPEG image, 800×600 pixels).")
    assert "probability 0.73: about 73 in 100" in reply
    assert "Suspicion: HIGH. Next steps: please see a doctor or breast clinic soon" in reply
    assert "'for processing'" in reply and "where the model looked" in reply
    assert reply.endswith(text(Language.ENGLISH, "disclaimer"))


def test_an_unknown_band_reads_as_intermediate_never_low() -> None:
    reply = analysis_reply(dataclasses.replace(TRAINED_RESULT, band="something-new"))
    assert "Suspicion: INTERMEDIATE. Next steps: please ask a doctor or nurse" in reply


@pytest.mark.parametrize("language", [Language.KANNADA, Language.HINDI])
def test_a_result_and_a_refusal_are_whole_in_the_persons_language(language: Language) -> None:
    reply = analysis_reply(TRAINED_RESULT, language)
    assert script_language(reply) is language
    assert text(language, "result-suspicion", band="high") in reply and "0.73" in reply and "73" in reply
    assert reply.endswith(text(language, "disclaimer"))
    assert not {"Suspicion", "Next steps", "pixels", "probability"} & set(reply.replace(".", " ").split())
    refused = analysis_reply(AnalysisRefused("UnusablePhotoError", detail="glare"), language)
    assert refused == text(language, "photo-retake", problem="glare") and script_language(refused) is language


@pytest.mark.parametrize("language", list(Language))
def test_every_file_type_sent_is_named_in_every_language(language: Language) -> None:
    general = image_error_text("UnsupportedFormatError", None, language)
    named = {image_error_text("UnsupportedFormatError", kind, language) for kind in OtherFormat}
    assert general not in named and len(named) == len(OtherFormat)


def test_long_texts_are_split_at_line_breaks() -> None:
    text = "\n".join(f"line {i} " + "x" * 50 for i in range(200))
    parts = split_text(text, limit=1000)
    assert all(len(part) <= 1000 for part in parts)
    assert "\n".join(parts) == text


def reply_for(parse: ParseResult) -> str:
    """The reply someone who has not consented reads for what Rasa understood."""
    return stateless_reply(parse, parse.text).text


def stored_analysis(status: str, probability: float | None, *, day: int) -> AnalysisRecord:
    moment = datetime(2026, 12, day, 9, 30)
    return AnalysisRecord(
        id=day, task_id=f"t{day}", status=status, source_format="dicom", probability=probability,
        model_name="m", model_version="1", model_trained=True, error_kind=None, modality="mammography",
        band="low", timings={}, created_at=moment, completed_at=moment,
    )  # fmt: skip


@pytest.mark.parametrize("language", list(Language))
def test_history_lists_results_newest_first_with_the_date_in_the_persons_language(language: Language) -> None:
    listed = history_text(
        [stored_analysis("done", 0.123, day=1), stored_analysis("timeout", None, day=3)], language
    ).splitlines()
    assert listed[0] == text(language, "history-header")
    assert listed[1] == text(language, "history-line-failed", date=date(2026, 12, 3), status="timeout")
    assert "0.12" in listed[2] and "12" in listed[2].replace("0.12", "")
    assert listed[-1] == text(language, "disclaimer")
    assert language is Language.ENGLISH or script_language("\n".join(listed[:-1])) is language
    assert history_text([], language) == text(language, "history-empty")
