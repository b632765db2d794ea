"""The end of the risk questionnaire: the outcome (an estimate, or why the tool does not apply) and its words.

An estimate is sent as the icon-array picture with `estimate_caption` under it, then `estimate_details`
(what the answers mean for the figure, what to do). A refusal is one text, `not_applicable_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from bot.catalog import DEFAULT_LANGUAGE, Language, text
from bot.risk_answers import RiskAnswers
from clinical import UNKNOWN, Ineligibility, RiskResult
from clinical.eligibility import MAX_MODEL_AGE, MIN_ELIGIBLE_AGE, REASON_WORDS
from clinical.icon_array import affected_of_100

ESTIMATE: Final = "estimate"
NOT_APPLICABLE: Final = "not_applicable"
MODEL_NAME: Final = "NCI BCRAT (Gail model), BCRA R package 2.1 parameters"
# Answers that, when unknown, the model counts as their lowest-risk category (menarche at 14 or later, first
# birth before 20, no relatives, no biopsy). An unknown hyperplasia result counts as neutral (1.0).
COUNTED_AS_LOWEST: Final = ("menarche", "first_birth", "relatives", "biopsies")
# The horizon of the pictured risk (a variant in the catalog's picture and legend texts).
FIVE_YEARS: Final = "five_years"
LIFETIME: Final = "lifetime"
MIN_AGE_WORDS: Final = f"{MIN_ELIGIBLE_AGE:g}"
MAX_AGE_WORDS: Final = f"{MAX_MODEL_AGE:g}"


@dataclass(frozen=True)
class RiskOutcome:
    """What the questionnaire ended with: the answers, and either the model's result or the reasons it
    does not apply (codes, worded in the person's language when sent; in English in the store)."""

    answers: dict[str, Any]
    unsure_about: tuple[str, ...] = ()
    reasons: tuple[Ineligibility, ...] = ()
    result: RiskResult | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        return ESTIMATE if self.result is not None else NOT_APPLICABLE

    def stored_result(self) -> dict[str, Any]:
        """What the store keeps besides the answers: the model's numbers, or the reasons (English words)."""
        if self.result is None:
            return {"reasons": [REASON_WORDS[reason] for reason in self.reasons]}
        return {"model": MODEL_NAME, **self.result.as_dict(), "unsure_about": list(self.unsure_about)}


def outcome_of(
    answers: RiskAnswers, *, reasons: list[Ineligibility], result: RiskResult | None
) -> RiskOutcome:
    return RiskOutcome(
        answers=answers.record(),
        unsure_about=tuple(answers.unsure_about()),
        reasons=tuple(reasons),
        result=result,
    )


def per_100(percent: float, language: Language = DEFAULT_LANGUAGE) -> str:
    """A percentage as the number in "x in 100": one decimal, or "less than 0.1"."""
    return text(language, "risk-less-than", value="0.1") if percent < 0.05 else f"{percent:.1f}"


def pictured_risk(result: RiskResult) -> tuple[float, str]:
    """The risk the icon array shows and its horizon: five years, or to age 90 when five years run past it."""
    if result.five_year_risk is not None:
        return result.five_year_risk, FIVE_YEARS
    return result.lifetime_risk, LIFETIME


def _pictured(count: int) -> str:
    return "none" if count == 0 else "one" if count == 1 else "many"


def icon_labels(result: RiskResult, language: Language = DEFAULT_LANGUAGE) -> tuple[int, str, str]:
    """For the icon array: how many figures to colour, and the legend's two lines."""
    risk, horizon = pictured_risk(result)
    count = affected_of_100(risk)
    affected = text(language, "risk-icon-affected", pictured=_pictured(count), horizon=horizon, count=count)
    return count, affected, text(language, "risk-icon-unaffected", count=100 - count)


def estimate_caption(outcome: RiskOutcome, language: Language = DEFAULT_LANGUAGE) -> str:
    """The figures in plain words, what the picture shows, and the research-use disclaimer."""
    result = outcome.result
    assert result is not None
    lines = [text(language, "risk-result-header")]
    figures = [("risk-five-year", result.five_year_risk, result.average_five_year_risk)]
    figures.append(("risk-lifetime", result.lifetime_risk, result.average_lifetime_risk))
    for message, risk, average in figures:
        if risk is None:
            continue
        if average is None:
            lines.append(text(language, message, risk=per_100(risk, language)))
        else:
            lines.append(
                text(
                    language,
                    message + "-average",
                    risk=per_100(risk, language),
                    average=per_100(average, language),
                )
            )
    if result.average_lifetime_risk is None:
        lines.append(text(language, "risk-no-average"))
    risk, horizon = pictured_risk(result)
    count = affected_of_100(risk)
    picture = text(language, "risk-picture", pictured=_pictured(count), horizon=horizon, count=count)
    return "\n".join(lines) + "\n\n" + picture + "\n\n" + text(language, "disclaimer")


def estimate_details(outcome: RiskOutcome, language: Language = DEFAULT_LANGUAGE) -> str:
    """What the answers mean for the figure, what lowers or checks risk, and that it describes groups."""
    parts = [text(language, "risk-unsure", about=name) for name in outcome.unsure_about]
    if any(outcome.answers.get(name) == UNKNOWN for name in COUNTED_AS_LOWEST):
        parts.append(text(language, "risk-unknown-counted"))
    parts += [text(language, "risk-next-steps"), text(language, "risk-groups-not-people")]
    return "\n\n".join(parts)


def not_applicable_text(outcome: RiskOutcome, language: Language = DEFAULT_LANGUAGE) -> str:
    """Why the tool does not apply, what to do instead, and the disclaimer."""
    reasons = "\n".join(
        "• " + text(language, "risk-reason", reason=reason, min_age=MIN_AGE_WORDS, max_age=MAX_AGE_WORDS)
        for reason in outcome.reasons
    )
    return f"{text(language, 'risk-not-applicable')}\n{reasons}\n\n{text(language, 'disclaimer')}"
