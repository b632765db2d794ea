"""What the bot says for a parsed sentence and for an analysis result."""

from __future__ import annotations

from bot.analysis_reply import analysis_reply
from bot.conversation import stateless_reply
from bot.replying import split_text
from nlu import Entity, ParseResult
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


def test_untrained_result_says_the_number_means_nothing() -> None:
    prediction = AnalysisDone(
        probability=0.4321,
        model_name="m",
        model_version="1",
        source_format="dicom",
        width=1024,
        height=1024,
        trained=False,
        for_processing=False,
        preprocess_ms=1.0,
        inference_ms=2.0,
    )
    reply = analysis_reply(prediction)
    assert "probability 0.43" in reply
    assert "NOT trained" in reply
    assert "DICOM" in reply


def test_long_texts_are_split_at_line_breaks() -> None:
    text = "\n".join(f"line {i} " + "x" * 50 for i in range(200))
    parts = split_text(text, limit=1000)
    assert all(len(part) <= 1000 for part in parts)
    assert "\n".join(parts) == text


def reply_for(parse: ParseResult) -> str:
    """The reply someone who has not consented reads for what Rasa understood."""
    return stateless_reply(parse, parse.text).text
