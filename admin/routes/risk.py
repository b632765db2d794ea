"""Risk assessments (NCI BCRAT): the icon array of a stored estimate, as the person saw it. Shown on the
conversation page; each view is audited like an image's."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from admin.paths import RecordId
from admin.security import AnyStaff, ConsoleDep, audit
from clinical.icon_array import affected_of_100, render_icon_array
from store.risk_assessments import ESTIMATE, RiskAssessmentView

router = APIRouter(prefix="/risk-assessments", tags=["risk"])
TITLE = "100 women with these answers"


def icon_array_png(assessment: RiskAssessmentView) -> bytes | None:
    """The five-year risk (or the risk to 90 past age 85) as an icon array; None without an estimate."""
    if assessment.five_year_risk is not None:
        risk, horizon = assessment.five_year_risk, "in the next 5 years"
    elif assessment.lifetime_risk is not None:
        risk, horizon = assessment.lifetime_risk, "by age 90"
    else:
        return None
    count = affected_of_100(risk)
    shown = "fewer than 1" if count == 0 else str(count)
    verb = "develops" if count == 1 else "develop"
    return render_icon_array(
        count,
        title=TITLE,
        affected_label=f"{shown} of 100 {verb} breast cancer {horizon}",
        unaffected_label=f"{100 - count} of 100 do not",
    )


@router.get("/{assessment_id}/icon-array.png")
def read_risk_icon_array(
    request: Request, console: ConsoleDep, identity: AnyStaff, assessment_id: RecordId
) -> Response:
    found = console.review.risk_assessment(assessment_id)
    audit(request, console, identity, "view", f"risk_assessment:{assessment_id}")
    png = icon_array_png(found) if found is not None and found.outcome == ESTIMATE else None
    if png is None:
        return Response("no such risk estimate", status_code=404, media_type="text/plain")
    return Response(png, media_type="image/png")
