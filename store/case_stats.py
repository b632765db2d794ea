"""Correlated subqueries that summarise a case: used by the bot's /cases and the admin's case list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, func, select

from store.models import Analysis, Case, CaseAnalysis


def highest_probability() -> ScalarSelect[Any]:
    """The highest model output among the case's analyses (NULL when it has none)."""
    return (
        select(func.max(Analysis.probability))
        .join(CaseAnalysis, CaseAnalysis.analysis_id == Analysis.id)
        .where(CaseAnalysis.case_id == Case.id)
        .scalar_subquery()
    )


def analysis_count() -> ScalarSelect[Any]:
    """How many analyses are attached to the case."""
    return select(func.count(CaseAnalysis.id)).where(CaseAnalysis.case_id == Case.id).scalar_subquery()
