"""The end of the risk questionnaire: the outcome (an estimate, or why the tool does not apply) and its words.

An estimate is sent as the icon-array picture with `estimate_caption` under it, then `estimate_details`
(what the answers mean for the figure, what to do). A refusal is one text, `not_applicable_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from bot import replies, risk_replies
from bot.risk_answers import RiskAnswers
from clinical import UNKNOWN, RiskResult
from clinical.icon_array import affected_of_100

ESTIMATE: Final = "estimate"
NOT_APPLICABLE: Final = "not_applicable"
MODEL_NAME: Final = "NCI BCRAT (Gail model), BCRA R package 2.1 parameters"
# Answers that, when unknown, the model counts as their lowest-risk category (menarche at 14 or later, first
# birth before 20, no relatives, no biopsy). An unknown hyperplasia result counts as neutral (1.0).
COUNTED_AS_LOWEST: Final = ("menarche", "first_birth", "relatives", "biopsies")


@dataclass(frozen=True)
class RiskOutcome:
    """What the questionnaire ended with: the answers, and either the model's result or the reasons it
    does not apply (plain words, with what to do instead)."""

    answers: dict[str, Any]
    unsure_about: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    result: RiskResult | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        return ESTIMATE if self.result is not None else NOT_APPLICABLE

    def stored_result(self) -> dict[str, Any]:
        """What the store keeps besides the answers: the model's numbers, or the reasons."""
        if self.result is None:
            return {"reasons": list(self.reasons)}
        return {"model": MODEL_NAME, **self.result.as_dict(), "unsure_about": list(self.unsure_about)}


def outcome_of(answers: RiskAnswers, *, reasons: list[str], result: RiskResult | None) -> RiskOutcome:
    return RiskOutcome(
        answers=answers.record(),
        unsure_about=tuple(answers.unsure_about()),
        reasons=tuple(reasons),
        result=result,
    )


def per_100(percent: float) -> str:
    """A percentage as "x in 100" words: one decimal, or "less than 0.1"."""
    return "less than 0.1" if percent < 0.05 else f"{percent:.1f}"


def pictured_risk(result: RiskResult) -> tuple[float, str]:
    """The risk the icon array shows and its horizon: five years, or to age 90 when five years run past it."""
    if result.five_year_risk is not None:
        return result.five_year_risk, risk_replies.RISK_HORIZON_FIVE_YEARS
    return result.lifetime_risk, risk_replies.RISK_HORIZON_LIFETIME


def icon_labels(result: RiskResult) -> tuple[int, str, str]:
    """For the icon array: how many figures to colour, and the legend's two lines."""
    risk, horizon = pictured_risk(result)
    count = affected_of_100(risk)
    if count == 1:
        affected = risk_replies.RISK_ICON_LEGEND_AFFECTED_ONE.format(horizon=horizon)
    else:
        shown = "fewer than 1" if count == 0 else str(count)
        affected = risk_replies.RISK_ICON_LEGEND_AFFECTED.format(count=shown, horizon=horizon)
    return count, affected, risk_replies.RISK_ICON_LEGEND_UNAFFECTED.format(count=100 - count)


def _average(average: float | None) -> str:
    return "" if average is None else risk_replies.RISK_AVERAGE.format(average=per_100(average))


def estimate_caption(outcome: RiskOutcome) -> str:
    """The figures in plain words, what the picture shows, and the research-use disclaimer."""
    result = outcome.result
    assert result is not None
    lines = [risk_replies.RISK_RESULT_HEADER]
    if result.five_year_risk is not None:
        lines.append(
            risk_replies.RISK_FIVE_YEAR.format(
                risk=per_100(result.five_year_risk), average=_average(result.average_five_year_risk)
            )
        )
    lines.append(
        risk_replies.RISK_LIFETIME.format(
            risk=per_100(result.lifetime_risk), average=_average(result.average_lifetime_risk)
        )
    )
    if result.average_lifetime_risk is None:
        lines.append(risk_replies.RISK_NO_AVERAGE)
    risk, horizon = pictured_risk(result)
    count = affected_of_100(risk)
    if count == 0:
        picture = risk_replies.RISK_PICTURE_FEWER_THAN_ONE.format(horizon=horizon)
    elif count == 1:
        picture = risk_replies.RISK_PICTURE_ONE.format(horizon=horizon)
    else:
        picture = risk_replies.RISK_PICTURE.format(count=count, horizon=horizon)
    return "\n".join(lines) + "\n\n" + picture + "\n\n" + replies.DISCLAIMER


def estimate_details(outcome: RiskOutcome) -> str:
    """What the answers mean for the figure, what lowers or checks risk, and that it describes groups."""
    parts: list[str] = []
    if outcome.unsure_about:
        things = [risk_replies.RISK_UNSURE_WORDS[name] for name in outcome.unsure_about]
        parts.append(risk_replies.RISK_UNSURE.format(things=_or_join(things)))
    if any(outcome.answers.get(name) == UNKNOWN for name in COUNTED_AS_LOWEST):
        parts.append(risk_replies.RISK_UNKNOWN_COUNTED)
    parts += [risk_replies.RISK_NEXT_STEPS, risk_replies.RISK_GROUPS_NOT_PEOPLE]
    return "\n\n".join(parts)


def not_applicable_text(outcome: RiskOutcome) -> str:
    """Why the tool does not apply, what to do instead, and the disclaimer."""
    reasons = "\n".join(f"• {reason}" for reason in outcome.reasons)
    return f"{risk_replies.RISK_NOT_APPLICABLE}\n{reasons}\n\n{replies.DISCLAIMER}"


def _or_join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
